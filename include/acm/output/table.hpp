#pragma once
// A Table is typed columns and rows of cells. Reports and listings produce rows;
// renderers (render.hpp) print them. Nothing here knows SQL or the terminal.
#include <cstdint>
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
};

struct Column {
    std::string name;  // snake_case; header in uppercase in table format
    Kind kind = Kind::text;
    // Shown by default in table format. Machine formats always show every column by default;
    // e.g. a `currency` column is redundant in a table whose money cells carry their code.
    bool in_table = true;
    // Text cells whose value is red/yellow/green get that color on a color terminal.
    bool colored = false;
};

// std::monostate is a missing value: empty in table/csv/tsv, null in json.
using Cell = std::variant<std::monostate, std::string, std::int64_t, double, Money, Date, Timestamp, bool>;
using Row = std::vector<Cell>;

struct Table {
    std::vector<Column> columns;
    std::vector<Row> rows;
};

// A titled table of a multi-part report (report account): `name` is its key in JSON and
// CSV, `title` its heading; `chart` the index of a numeric column drawn as bars in HTML.
struct Section {
    std::string name, title;
    std::vector<Column> columns;
    std::vector<Row> rows;
    int chart = -1;
};

// Index of the column named `name`, or -1.
int column_index(const std::vector<Column>& columns, const std::string& name);

}  // namespace acm
