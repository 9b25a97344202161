// The one edit and the one removal of the records described by a RecordTable.
#include "acm/domain/edit.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <type_traits>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"
#include "cells.hpp"

namespace acm {

namespace {

std::optional<std::string> column_text(const ColumnValue& value) {
    if (const auto* text = std::get_if<std::string>(&value)) return *text;
    if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
    return std::nullopt;
}

std::optional<std::string> first_column(std::span<const ColumnValue> values) {
    return column_text(values[0]);
}

// The values of a field's columns, in their order, as `value` stores them.
std::vector<ColumnValue> stored(const FieldValue& value, std::size_t columns) {
    return std::visit(
        [&](const auto& v) -> std::vector<ColumnValue> {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return std::vector<ColumnValue>(columns);
            else if constexpr (std::is_same_v<T, Date>)
                return {format_date(v)};
            else if constexpr (std::is_same_v<T, Money>)
                return {v.minor, v.currency};
            else if constexpr (std::is_same_v<T, Score>)
                return {v.type, v.value};
            else
                return {v};
        },
        value);
}

std::vector<ColumnValue> values_of(const RecordRow& row, const RecordField& field) {
    std::vector<ColumnValue> values;
    for (const auto& column : field.columns) values.push_back(row[column.name]);
    return values;
}

struct Record {
    std::int64_t account_id;
    RecordRow row;
};

// Every column the table's fields use, each once, as the record holds them now.
Record read_record(Database& db, const RecordTable& table, std::int64_t id) {
    std::vector<FieldColumn> columns;
    std::string select = fmt::format("SELECT {}", table.account_sql);
    for (const auto& field : table.fields)
        for (const auto& column : field.columns) {
            bool known = false;
            for (const auto& seen : columns) known = known || seen.name == column.name;
            if (known) continue;
            columns.push_back(column);
            select += fmt::format(", {}", column.name);
        }
    auto stmt = db.prepare(fmt::format("{} FROM {} WHERE id = ?", select, table.table));
    stmt.bind(1, id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no {} with id {}", table.noun, id));
    std::vector<ColumnValue> values;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        int at = static_cast<int>(i) + 1;
        if (stmt.is_null(at))
            values.emplace_back();
        else if (columns[i].integer)
            values.emplace_back(stmt.integer(at));
        else
            values.emplace_back(stmt.text(at));
    }
    return {stmt.integer(0), RecordRow(std::move(columns), std::move(values))};
}

}  // namespace

RecordField text_field(std::string_view name, std::string_view column, std::string_view help,
                       std::size_t max_bytes, bool clearable) {
    return custom_field(
        name, {{column}}, help,
        [max_bytes](std::string_view text, std::string_view label, const FieldBasis&) -> FieldValue {
            return checked_text(text, label, max_bytes);
        },
        clearable);
}

RecordField choice_field(std::string_view name, std::string_view column, std::string_view help,
                         const std::vector<std::string>& (*values)(), bool clearable) {
    return custom_field(
        name, {{column}}, help,
        [values](std::string_view text, std::string_view label, const FieldBasis&) -> FieldValue {
            return parse_choice(text, values(), label);
        },
        clearable);
}

RecordField date_field(std::string_view name, std::string_view column, std::string_view help,
                       bool clearable) {
    return custom_field(
        name, {{column}}, help,
        [](std::string_view text, std::string_view label, const FieldBasis& basis) -> FieldValue {
            return parse_date(text, basis.today, label);
        },
        clearable);
}

RecordField integer_field(std::string_view name, std::string_view column, std::string_view help,
                          std::int64_t min, std::int64_t max) {
    return custom_field(
        name, {{column, true}}, help,
        [min, max](std::string_view text, std::string_view label, const FieldBasis&) -> FieldValue {
            return parse_integer(text, min, max, label);
        });
}

RecordField money_field(std::string_view name, std::string_view minor_column,
                        std::string_view currency_column, std::string_view help) {
    RecordField field = custom_field(
        name, {{minor_column, true}, {currency_column}}, help,
        [](std::string_view text, std::string_view label, const FieldBasis& basis) -> FieldValue {
            return parse_money(text, basis.currency, label);
        });
    // "1200.00 EUR", as add records it.
    field.show = [](std::span<const ColumnValue> values) -> std::optional<std::string> {
        const auto* minor = std::get_if<std::int64_t>(&values[0]);
        const auto* currency = std::get_if<std::string>(&values[1]);
        if (!minor || !currency) return std::nullopt;
        return format_decimal(Money{*minor, *currency}) + " " + *currency;
    };
    return field;
}

RecordField custom_field(std::string_view name, std::vector<FieldColumn> columns, std::string_view help,
                         decltype(RecordField::parse) parse, bool clearable,
                         decltype(RecordField::show) show) {
    RecordField field;
    field.name = name;
    field.columns = std::move(columns);
    field.help = help;
    field.parse = std::move(parse);
    field.clearable = clearable;
    field.show = show ? std::move(show) : first_column;
    return field;
}

RecordField clear_flag(std::string_view name, std::string_view column, std::string_view help) {
    RecordField field;
    field.name = name;
    field.columns = {{column}};
    field.help = help;
    field.parse = [](std::string_view, std::string_view, const FieldBasis&) -> FieldValue {
        return std::monostate{};
    };
    field.takes_value = false;
    return field;
}

RecordField derived_field(std::string_view name, FieldColumn column, decltype(RecordField::show) show) {
    RecordField field;
    field.name = name;
    field.columns = {column};
    field.show = show ? std::move(show) : first_column;
    return field;
}

std::size_t RecordRow::index(std::string_view column) const {
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i].name == column) return i;
    // A column named in code that no field reads is a programming error, not bad input.
    throw std::logic_error(fmt::format("record has no column {}", column));
}

ColumnValue& RecordRow::operator[](std::string_view column) { return values_[index(column)]; }
const ColumnValue& RecordRow::operator[](std::string_view column) const { return values_[index(column)]; }
std::optional<std::string> RecordRow::text(std::string_view column) const {
    return column_text((*this)[column]);
}

std::optional<std::int64_t> RecordRow::integer(std::string_view column) const {
    if (const auto* number = std::get_if<std::int64_t>(&(*this)[column])) return *number;
    return std::nullopt;
}

const RecordField& RecordTable::field(std::string_view name) const {
    for (const auto& field : fields)
        if (field.name == name) return field;
    throw std::logic_error(fmt::format("{} has no field {}", entity, name));
}

void check_edit(const RecordTable& table, const FieldTexts& given) {
    if (given.empty()) {
        std::vector<std::string> flags;
        for (const auto& field : table.fields)
            if (field.parse) flags.push_back(flag_label(field.name));
        throw UsageError(fmt::format("nothing to change: give {}", join_choices(flags)));
    }
    for (std::size_t i = 0; i < given.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            for (const auto& a : table.field(given[i].first).columns)
                for (const auto& b : table.field(given[j].first).columns)
                    if (a.name == b.name)
                        throw UsageError(fmt::format("{} and {} exclude each other; give one",
                                                     flag_label(given[j].first), flag_label(given[i].first)));
}

// Record `id` as an edit with `given` (checked: check_edit) leaves it: each given value
// parsed with its field's rule, the record completed. Writes nothing.
static RecordRow edited_record(Database& db, const RecordTable& table, std::int64_t id,
                               const RecordRow& before, const FieldTexts& given, FieldBasis basis) {
    if (!table.currency_column.empty())
        if (auto currency = before.text(table.currency_column)) basis.currency = *currency;
    RecordRow after = before;
    for (const auto& [name, text] : given) {
        const RecordField& field = table.field(name);
        if (!field.parse) throw std::logic_error(fmt::format("{} is derived, not given", name));
        FieldValue value;
        if (!(field.clearable && trim_view(text).empty())) value = field.parse(text, flag_label(name), basis);
        auto values = stored(value, field.columns.size());
        for (std::size_t i = 0; i < field.columns.size(); ++i)
            after[field.columns[i].name] = std::move(values[i]);
    }
    if (table.complete) table.complete(db, id, after);
    return after;
}

bool edit_changes_record(Database& db, const RecordTable& table, std::int64_t id, const FieldTexts& given,
                         FieldBasis basis) {
    check_edit(table, given);
    RecordRow before = read_record(db, table, id).row;
    return edited_record(db, table, id, before, given, std::move(basis)) != before;
}

RecordRow edit_record(Database& db, const Actor& actor, const RecordTable& table, std::int64_t id,
                      const FieldTexts& given, FieldBasis basis) {
    check_edit(table, given);
    auto [account_id, before] = read_record(db, table, id);
    RecordRow after = edited_record(db, table, id, before, given, std::move(basis));
    if (after == before) return after;

    Changes changes;
    for (const auto& field : table.fields)
        if (field.show)
            changes.change(field.name, field.show(values_of(before, field)),
                           field.show(values_of(after, field)));
    std::string assignments;
    std::vector<const ColumnValue*> assigned;
    for (const auto& column : after.columns()) {
        if (after[column.name] == before[column.name]) continue;
        assignments += fmt::format("{}{} = ?", assignments.empty() ? "" : ", ", column.name);
        assigned.push_back(&after[column.name]);
    }
    auto update = db.prepare(fmt::format("UPDATE {} SET {} WHERE id = ?", table.table, assignments));
    int parameter = 0;
    for (const ColumnValue* value : assigned) {
        ++parameter;
        std::visit(
            [&](const auto& v) {
                if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
                    update.bind(parameter, nullptr);
                else
                    update.bind(parameter, v);
            },
            *value);
    }
    update.bind(parameter + 1, id).run();
    record_event(db, actor, {std::string(table.entity), std::to_string(id), account_id, "edit"}, changes);
    return after;
}

void remove_record(Database& db, const Actor& actor, const RecordTable& table, std::int64_t id) {
    auto [account_id, row] = read_record(db, table, id);
    Changes changes;
    changes.set("account", account_key_of(db, account_id));
    for (const auto& field : table.fields)
        if (field.show)
            if (auto value = field.show(values_of(row, field))) changes.set(field.name, value);
    if (table.before_remove) table.before_remove(db, id, changes);
    db.prepare(fmt::format("DELETE FROM {} WHERE id = ?", table.table)).bind(1, id).run();
    record_event(db, actor, {std::string(table.entity), std::to_string(id), account_id, "rm"}, changes);
}

}  // namespace acm
