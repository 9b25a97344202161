#pragma once
// The rows of any table of the workspace, read and inserted by column name whatever its
// schema: what `acm export` and `acm import FILE.json` copy, so that the tables of future
// migrations travel without a change to either.
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "acm/store/db.hpp"

namespace acm {

struct Blob {
    std::string bytes;
    bool operator==(const Blob&) const = default;
};
// A value as SQLite holds it: NULL, an integer, a real, text, or a blob.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;
// A row as column names and values, in the order its input gives them.
using SqlRow = std::vector<std::pair<std::string, SqlValue>>;

struct TableInfo {
    std::string name;
    std::vector<std::string> columns;  // in the table's order, without generated (hidden) columns
    std::string order_by;              // rowid, or the primary key of a WITHOUT ROWID table
    std::vector<std::string> key;      // what names one row: rowid, or that primary key's columns
};

// The tables of the workspace by name, but SQLite's own (sqlite_sequence, sqlite_stat1)
// and those named in `except`.
std::vector<TableInfo> list_tables(Database& db, const std::set<std::string>& except);

// Every row of a table in its order (TableInfo::order_by), so that the same content always
// comes out the same.
class TableScan {
public:
    TableScan(Database& db, const TableInfo& table);
    bool step();  // true while a row is available
    SqlValue value(int column) const;  // `column` indexes TableInfo::columns

private:
    Statement rows_;
};

// Inserts rows into one table, reusing one statement while rows name the same columns.
class TableInserter {
public:
    TableInserter(Database& db, const TableInfo& table);
    // UsageError for a row the table refuses, naming the table: an empty row, a column the
    // table does not have, a value that breaks a constraint or that a STRICT column's type
    // refuses. RuntimeError for anything else (a full disk, a lost lock).
    void insert(const SqlRow& row);

private:
    Database& db_;
    const TableInfo& table_;
    std::string signature_;  // the column names of the prepared statement
    std::unique_ptr<Statement> statement_;
};

}  // namespace acm
