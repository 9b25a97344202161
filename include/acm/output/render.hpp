#pragma once
// Renderers print rows as table, csv, tsv or json (acm(1), OUTPUT); a RowWriter
// (row_writer.hpp) applies --columns, --sort, --limit, --no-header on the way.
// csv/tsv/json rows are written as they come (streaming); table format and
// --sort must see every row first.
#include <cstddef>
#include <functional>
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
    bool is_tty = false;  // stdout is a terminal: a table fits its width
    bool color = false;   // emit ANSI colors (already decided from --color, NO_COLOR, CLICOLOR_FORCE, TERM)
    int width = 0;        // terminal width in columns when is_tty (0: unknown, nothing is fitted)
    bool wide = false;    // --wide: a table shows every column uncut, as in a pipe
    // Told which columns a table hid to fit the width, in one line (empty: nobody, as --quiet).
    std::function<void(const std::string&)> notice = {};
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

// A renderer for options.format. options.header false: no header row (table/csv/tsv; json is
// unaffected); options.columns given: a table on a terminal cuts text but hides no column,
// the user having chosen them.
std::unique_ptr<Renderer> make_renderer(const ListOptions& options, std::ostream& out,
                                        const Terminal& terminal);

// One row as a JSON object {"column": value, …}, written as the json format writes a row
// (for JSON kept in the workspace: the audit log's changes).
std::string json_object(const std::vector<Column>& columns, const Row& row);

}  // namespace acm
