#pragma once
// The rows of a listing on their way to a renderer: --columns, --sort, --limit and
// --no-header applied (acm(1), OUTPUT).
#include <iosfwd>
#include <memory>
#include <vector>

#include "acm/output/render.hpp"
#include "acm/output/table.hpp"

namespace acm {

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

}  // namespace acm
