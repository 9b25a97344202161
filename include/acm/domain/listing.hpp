#pragma once
// A listing's fields described once: each field's column, the SQL that gives its value and,
// for the few computed from other fields, how. The SELECT list, the columns and every row
// come from this one table, so a field is added in one line and no cell is read from a
// position written elsewhere.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acm/core/date.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

class ListingRow;

struct ListingField {
    Column column;
    // An expression over the query's tables. Its value becomes a cell as column.kind says:
    // NULL a missing value; money is minor units in the listing's `currency` field; a
    // timestamp or date that does not parse is shown as stored. Empty: `compute` makes it.
    std::string sql;
    // A cell computed from the fields before it (and from the caller's captures: today).
    std::function<Cell(const ListingRow&)> compute = {};
};

class Listing {
public:
    explicit Listing(std::vector<ListingField> fields);

    std::vector<Column> columns() const;
    // "c.id, a.key, …": the SQL of every field that has one, in order. A query selects it
    // first; columns of its own come after (at `selected()` onwards).
    const std::string& select_list() const { return select_list_; }
    int selected() const { return selected_; }
    // The row of the query's current result.
    Row row(const Statement& stmt) const;
    // The position of a field in the listing's rows (a filter on a computed cell).
    std::size_t index(std::string_view field) const;
    // The query's current result by field name, before or without a row.
    ListingRow values(const Statement& stmt) const;

private:
    friend class ListingRow;
    std::vector<ListingField> fields_;
    std::vector<int> sql_column_;  // by field: its column in the result, or -1 (computed)
    std::string select_list_;
    int selected_ = 0;
};

// The current result of a listing's query, by field name: a field's SQL value, or, while
// its row is made, the cell of a field before it.
class ListingRow {
public:
    ListingRow(const Listing& listing, const Statement& stmt, const Row* made = nullptr)
        : listing_(listing), stmt_(stmt), made_(made) {}
    bool is_null(std::string_view field) const;
    std::string text(std::string_view field) const;
    std::int64_t integer(std::string_view field) const;
    std::optional<Date> date(std::string_view field) const;
    std::optional<Timestamp> timestamp(std::string_view field) const;
    // The cell already made for a field before this one.
    const Cell& cell(std::string_view field) const;

private:
    int column(std::string_view field) const;
    const Listing& listing_;
    const Statement& stmt_;
    const Row* made_;
};

}  // namespace acm
