#pragma once
// Renderers print rows as table, csv, tsv or json (acm(1), OUTPUT), and a
// RowWriter applies --columns, --sort, --limit, --no-header on the way.
// csv/tsv/json rows are written as they come (streaming); table format and
// --sort must see every row first.
#include <cstddef>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The escaping the renderers apply, for callers that write these formats themselves.
#include "acm/output/escape.hpp"
#include "acm/output/table.hpp"

namespace acm {

enum class Format { table, csv, tsv, json };
// "table", "csv", "tsv", "json"; UsageError listing them otherwise (field names the flag or key).
Format parse_format(std::string_view text, std::string_view field);

struct Terminal {
    bool is_tty = false;  // stdout is a terminal: truncate long text in table format
    bool color = false;   // emit ANSI colors (already decided from --color, NO_COLOR, CLICOLOR_FORCE, TERM)
    int width = 0;        // terminal width in columns when is_tty (0: unknown, do not truncate)
};

struct SortKey {
    std::string column;
    bool descending = false;
};

struct ListOptions {
    Format format = Format::table;
    std::vector<std::string> columns;  // --columns; empty: the default columns
    std::vector<SortKey> sort;         // --sort; empty: the producer's order
    std::optional<std::size_t> limit;  // --limit
    bool header = true;                // false with --no-header
};

// "key,-arr" → {{"key",false},{"arr",true}} (column names validated later by RowWriter).
std::vector<SortKey> parse_sort(std::string_view text);
// "a,b,c" → {"a","b","c"}; UsageError on an empty name.
std::vector<std::string> parse_columns(std::string_view text);

class Renderer {
public:
    virtual ~Renderer() = default;
    virtual void begin(const std::vector<Column>& columns) = 0;
    virtual void row(Row& row) = 0;  // may move the cells out: the row is spent
    virtual void end() = 0;  // flushes; a table renderer prints everything here
};

// `header` false: no header row (table/csv/tsv); json is unaffected.
std::unique_ptr<Renderer> make_renderer(Format format, std::ostream& out, const Terminal& terminal, bool header);

// Streams rows to a renderer, applying ListOptions. Construct it with every column the
// producer fills; an unknown name in --columns or --sort is a UsageError listing the valid
// ones: "--columns: unknown column 'foo' (valid: key, name, …)". An empty result prints
// nothing at all (no header) and `finish` returns false, so the caller may print a notice
// on a TTY.
class RowWriter {
public:
    RowWriter(std::vector<Column> columns, const ListOptions& options, std::ostream& out, const Terminal& terminal);
    ~RowWriter();
    void add(Row row);  // a row with one cell per constructor column
    // --limit rows are out and no --sort waits for more: later rows would be dropped.
    bool full() const;
    bool finish();  // true when at least one row was printed

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Convenience: every row of `table` through a RowWriter.
bool print_table(const Table& table, const ListOptions& options, std::ostream& out, const Terminal& terminal);

// A cell as the table format shows it: "25,000.00 EUR", "93.5%", "yes", terminal-safe text.
std::string table_cell_text(const Cell& cell, Kind kind);

// One row as a JSON object {"column": value, …}, written as the json format writes a row
// (for JSON kept in the workspace: the audit log's changes). Defined in escape.cpp.
std::string json_object(const std::vector<Column>& columns, const Row& row);

}  // namespace acm
