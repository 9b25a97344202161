#include "acm/domain/listing.hpp"

#include <stdexcept>
#include <utility>

namespace acm {

Listing::Listing(std::vector<ListingField> fields) : fields_(std::move(fields)) {
    for (const auto& field : fields_) {
        if (field.sql.empty()) {
            sql_column_.push_back(-1);
            continue;
        }
        if (selected_ > 0) select_list_ += ", ";
        select_list_ += field.sql;
        sql_column_.push_back(selected_++);
    }
}

std::vector<Column> Listing::columns() const {
    std::vector<Column> columns;
    columns.reserve(fields_.size());
    for (const auto& field : fields_) columns.push_back(field.column);
    return columns;
}

std::size_t Listing::index(std::string_view field) const {
    for (std::size_t i = 0; i < fields_.size(); ++i)
        if (fields_[i].column.name == field) return i;
    // A field named in code that the listing lacks is a programming error, not bad input.
    throw std::logic_error("listing has no field " + std::string(field));
}

namespace {

Cell sql_cell(const ListingRow& values, const Statement& stmt, int column, Kind kind) {
    if (stmt.is_null(column)) return std::monostate{};
    switch (kind) {
    case Kind::integer: return stmt.integer(column);
    case Kind::boolean: return stmt.integer(column) != 0;
    case Kind::ratio:
    case Kind::score: return stmt.real(column);
    case Kind::money: return Money{stmt.integer(column), values.text("currency")};
    case Kind::date: {
        std::string text = stmt.text(column);
        if (auto date = parse_iso_date(text)) return *date;
        return text;
    }
    case Kind::timestamp: {
        std::string text = stmt.text(column);
        if (auto at = parse_timestamp_utc(text)) return *at;
        return text;
    }
    case Kind::text:
    case Kind::list:
    case Kind::json: break;
    }
    return stmt.text(column);
}

}  // namespace

Row Listing::row(const Statement& stmt) const {
    Row row;
    row.reserve(fields_.size());
    ListingRow values(*this, stmt, &row);
    for (std::size_t i = 0; i < fields_.size(); ++i) {
        const auto& field = fields_[i];
        row.push_back(field.compute ? field.compute(values) : sql_cell(values, stmt, sql_column_[i], field.column.kind));
    }
    return row;
}

int ListingRow::column(std::string_view field) const {
    int column = listing_.sql_column_[listing_.index(field)];
    if (column < 0) throw std::logic_error("listing field " + std::string(field) + " is computed, not selected");
    return column;
}

bool ListingRow::is_null(std::string_view field) const { return stmt_.is_null(column(field)); }
std::string ListingRow::text(std::string_view field) const { return stmt_.text(column(field)); }
std::int64_t ListingRow::integer(std::string_view field) const { return stmt_.integer(column(field)); }

std::optional<Date> ListingRow::date(std::string_view field) const {
    int at = column(field);
    if (stmt_.is_null(at)) return std::nullopt;
    return parse_iso_date(stmt_.text(at));
}

std::optional<Timestamp> ListingRow::timestamp(std::string_view field) const {
    int at = column(field);
    if (stmt_.is_null(at)) return std::nullopt;
    return parse_timestamp_utc(stmt_.text(at));
}

ListingRow Listing::values(const Statement& stmt) const { return ListingRow(*this, stmt); }

const Cell& ListingRow::cell(std::string_view field) const {
    std::size_t at = listing_.index(field);
    if (!made_ || at >= made_->size()) throw std::logic_error("listing field " + std::string(field) + " is not made yet");
    return (*made_)[at];
}

}  // namespace acm
