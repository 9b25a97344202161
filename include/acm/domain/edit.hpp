#pragma once
// Corrections and removals of the records that hang off an account (notes, contacts,
// opportunities, milestones, costs, feedback, surveys, escalations and their actions).
// Each kind describes its fields once, beside its listing: the flag, the column(s), the help
// and the rule that turns a given text into what is stored. `add` parses with the same rules;
// `edit` gets its flags, its UPDATE and its audit event's changes from the table, and the
// event of a removal lists the fields of what was removed.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "acm/core/date.hpp"
#include "acm/core/money.hpp"
#include "acm/domain/audit.hpp"
#include "acm/store/db.hpp"

namespace acm {

// A column's value as an edit reads and writes it: NULL, an integer or text.
using ColumnValue = std::variant<std::monostate, std::int64_t, std::string>;

// A score of one type (nps 9): feedback stores both.
struct Score {
    std::string type;
    std::int64_t value = 0;
};
// A value as a field's rule gives it. Stored as: a Date in ISO text, Money as its minor units
// and currency, a Score as its type and value; nothing (monostate) as NULL in every column.
using FieldValue = std::variant<std::monostate, std::string, std::int64_t, Date, Money, Score>;

// What the rules need besides the text: the day that counts as today, and the currency of an
// amount given without a code (the base currency for add, the record's own for edit).
struct FieldBasis {
    Date today;
    std::string currency;
};

struct FieldColumn {
    std::string_view name;
    bool integer = false;  // read as an integer, else as text
    bool operator==(const FieldColumn&) const = default;
};

struct RecordField {
    std::string_view name;  // the flag (--name, with _ as -) and the audit event's key
    std::vector<FieldColumn> columns;
    std::string_view help;
    // The rule: the given text as the value to store, or UsageError naming `label`, the text
    // and what is expected. None: not a flag; the table's `complete` sets it (derived).
    std::function<FieldValue(std::string_view text, std::string_view label, const FieldBasis& basis)> parse;
    bool clearable = false;   // edit --NAME '' stores NULL
    bool takes_value = true;  // false: a flag without a value (--not-done) storing parse("")
    // The field as audit events show it, from its columns' values; none for a flag without a
    // value. Made by the constructors below.
    std::function<std::optional<std::string>(std::span<const ColumnValue> values)> show;
};

// Fields by kind of value; `clearable`: an edit may empty it (a NULL column).
RecordField text_field(std::string_view name, std::string_view column, std::string_view help,
                       std::size_t max_bytes, bool clearable = false);
RecordField choice_field(std::string_view name, std::string_view column, std::string_view help,
                         const std::vector<std::string>& (*values)(), bool clearable = false);
RecordField date_field(std::string_view name, std::string_view column, std::string_view help,
                       bool clearable = false);
RecordField integer_field(std::string_view name, std::string_view column, std::string_view help,
                          std::int64_t min, std::int64_t max);
// An amount in two columns: its minor units and its currency.
RecordField money_field(std::string_view name, std::string_view minor_column,
                        std::string_view currency_column, std::string_view help);
// A field with a rule of its own over one text column (an e-mail address, a score).
RecordField custom_field(std::string_view name, std::vector<FieldColumn> columns, std::string_view help,
                         decltype(RecordField::parse) parse, bool clearable = false,
                         decltype(RecordField::show) show = {});
// A flag without a value that empties a column (--not-done); not shown in events, the column's
// own field shows the change.
RecordField clear_flag(std::string_view name, std::string_view column, std::string_view help);
// Set from other fields by the table's `complete`, shown in events; `show` as for custom fields
// (default: the column as text).
RecordField derived_field(std::string_view name, FieldColumn column, decltype(RecordField::show) show = {});

// A record's columns, read by the table's fields; what an edit changes in place.
class RecordRow {
public:
    RecordRow(std::vector<FieldColumn> columns, std::vector<ColumnValue> values)
        : columns_(std::move(columns)), values_(std::move(values)) {}
    ColumnValue& operator[](std::string_view column);
    const ColumnValue& operator[](std::string_view column) const;
    std::optional<std::string> text(std::string_view column) const;
    std::optional<std::int64_t> integer(std::string_view column) const;
    const std::vector<FieldColumn>& columns() const { return columns_; }
    bool operator==(const RecordRow&) const = default;

private:
    std::size_t index(std::string_view column) const;
    std::vector<FieldColumn> columns_;
    std::vector<ColumnValue> values_;
};

// One kind of record, its fields described once.
struct RecordTable {
    std::string_view entity;  // of its audit events: note, escalation-action
    std::string_view noun;    // in messages: "no note with id 7"
    std::string_view table;   // notes
    std::vector<RecordField> fields;
    // The record's account, an expression over `table` (a column, or a subquery through a parent).
    std::string_view account_sql = "account_id";
    // The column of an edit's amounts given without a currency code: the record's currency.
    std::string_view currency_column = {};
    // Checks a record as an edit leaves it and sets its derived fields (UsageError when it would
    // be invalid): the rules `add` applies to the whole record.
    std::function<void(Database& db, std::int64_t id, RecordRow& row)> complete = {};
    // Removes what goes with a record and is not removed by a cascade, and says in the event
    // what went with it (cascaded rows too).
    std::function<void(Database& db, std::int64_t id, Changes& changes)> before_remove = {};

    const RecordField& field(std::string_view name) const;
    // A value as `add` takes it, through the field's rule: note_fields().parse<Date>("date", …).
    template <class T>
    T parse(std::string_view field_name, std::string_view text, std::string_view label,
            const FieldBasis& basis) const {
        return std::get<T>(field(field_name).parse(text, label, basis));
    }
};

// Given values by field name: the text as given (an empty one clears a clearable field; a flag
// without a value is given as "").
using FieldTexts = std::vector<std::pair<std::string_view, std::string>>;

// UsageError when an edit gives no field ("nothing to change: give --kind, --date or --text") or
// two fields that set the same column ("--done-on and --not-done exclude each other").
void check_edit(const RecordTable& table, const FieldTexts& given);

// Changes record `id` of `table`: checks the fields given (check_edit), parses every given value with its
// field's rule, completes the record and, when anything differs, updates it and records an `edit` event with
// each change from and to. Returns the record as it is now. RuntimeError "no note with id 7" for an unknown
// id; UsageError for a bad value. The caller owns the transaction.
RecordRow edit_record(Database& db, const Actor& actor, const RecordTable& table, std::int64_t id,
                      const FieldTexts& given, FieldBasis basis);
// True when edit_record with these fields would change record `id`; writes nothing.
bool edit_changes_record(Database& db, const RecordTable& table, std::int64_t id, const FieldTexts& given,
                         FieldBasis basis);
// Removes record `id` (its dependent rows cascade) and records an `rm` event with its fields.
void remove_record(Database& db, const Actor& actor, const RecordTable& table, std::int64_t id);

}  // namespace acm
