#pragma once
// A Table is typed columns and rows of cells. Reports and listings produce rows;
// renderers (render.hpp) print them. Nothing here knows SQL or the terminal.
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "acm/core/date.hpp"
#include "acm/core/money.hpp"

namespace acm {

enum class Kind {
    text,       // std::string
    integer,    // std::int64_t
    money,      // Money: table "25,000.00 EUR"; csv/tsv "25000.00"; json 25000.00
    date,       // Date: YYYY-MM-DD everywhere
    timestamp,  // Timestamp: table local "2026-11-22 11:00"; csv/tsv/json UTC "2026-11-22T10:00:00Z"
    ratio,      // double: table "93.5%"; csv/tsv/json fraction 0.935
    score,      // double: one decimal everywhere ("72.5")
    boolean,    // bool: table "yes"/"no"; csv/tsv "true"/"false"; json true/false
    list,       // ListCell: table "a, b" or "billing (3), pricing (1)"; csv/tsv the same text; json an array
    json,       // std::string holding a JSON object (the audit log's changes): json that object,
                // re-encoded; text that is not one is written as a JSON string. Others: the text.
};

// How a table on a terminal may give way when its lines are wider than the terminal.
enum class Fit {
    // Columns named id, key or account (which holds an account's key) as `key`; text, list
    // and json as `text`; the others `fixed`.
    automatic,
    key,        // what one types into the next command (ids, keys): never cut, never hidden
    text,       // free text (names, titles, notes, owners): cut with "…", down to 12 columns
    fixed,      // amounts, dates, counts: never cut (a cut number misleads), hidden if need be
};

struct Column {
    std::string name;  // snake_case; header in uppercase in table format
    Kind kind = Kind::text;
    // Shown by default in table format. Machine formats always show every column by default;
    // e.g. a `currency` column is redundant in a table whose money cells carry their code.
    bool in_table = true;
    // Text cells whose value is red/yellow/green get that color on a color terminal.
    bool colored = false;
    // A date column whose cells before this day are overdue: their rows are red on a color
    // terminal (the agenda's due dates before today).
    std::optional<Date> overdue_before = std::nullopt;
    Fit fit = Fit::automatic;
    // When a table is still too wide once its text is cut, columns are hidden: the lowest
    // priority first and, among equals, the rightmost first; key columns never.
    int priority = 0;
};

struct List;
using ListCell = std::shared_ptr<const List>;

// std::monostate is a missing value: empty in table/csv/tsv, null in json.
using Cell = std::variant<std::monostate, std::string, std::int64_t, double, Money, Date, Timestamp, bool, ListCell>;
using Row = std::vector<Cell>;

// The value of a list cell: rows of typed columns. A list of one column without a name holds
// plain values (tags: json ["a","b"]); any other holds objects (top categories: json
// [{"category":"billing","count":3}]); a `record` is one row written as one object (a nested
// record: {"from":"low-touch","to":"strategic"}). Its text shows each item's first value and
// the rest in parentheses: "billing (3), pricing (1)".
struct List {
    std::vector<Column> columns;
    std::vector<Row> rows;
    bool record = false;
};
// A list cell of plain text values (tags).
Cell text_list(const std::vector<std::string>& values);
// A list cell of objects.
Cell object_list(std::vector<Column> columns, std::vector<Row> rows);
// A nested record.
Cell record_cell(std::vector<Column> columns, Row row);

struct Table {
    std::vector<Column> columns;
    std::vector<Row> rows;
};

// Index of the column named `name`, or -1.
int column_index(const std::vector<Column>& columns, const std::string& name);

}  // namespace acm
