#pragma once
// A Document is what a `show`, `--explain` or a one-account report prints: a title, a record
// (named, typed values) and parts that are tables or records. Commands build one; one
// renderer per format prints it (table for people, csv, tsv, json, markdown, html), so that
// a value has one shape in every format and every command (JSON: the record's fields, then
// each part under its name: a table as an array of objects, a record as an object).
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "acm/output/render.hpp"
#include "acm/output/table.hpp"

namespace acm {

// One named value of a record.
struct Field {
    Column column;      // the name (JSON key, CSV header) and kind; in_table false: no line in the table format
    Cell value;
    std::string label;  // the table format's label; empty: the name with '_' shown as ' '
    std::string text;   // the table format's text instead of the value's ("2026-12-31 (in 39 days)")
};

struct Record {
    std::vector<Field> fields;
    // Appends a field and returns it, to give it a label or a text.
    Field& add(Column column, Cell value);
};
// A listing's row as a record: one field per column, shown in a table as the column says.
Record record_of(const std::vector<Column>& columns, Row row);

// A part after the record: a titled table or a record. Empty parts print nothing in the
// table format; in JSON an empty table is [], an empty `single` table null.
struct Part {
    std::string name;   // its JSON key, and its section in the long CSV form
    std::string title;  // its heading; empty: none
    bool is_record = false;
    Record record;   // when is_record
    Table table;     // otherwise
    bool single = false;  // a table of at most one row: JSON one object or null (a contract's renewal)
    int chart = -1;       // html: the index of a numeric column drawn as bars against the first
};

struct Document {
    std::string title;
    Record record;
    std::vector<Part> parts;
    // Table, markdown and html: a last paragraph (the arithmetic of a health score).
    std::string footer;
    // Table format: the width of the record's labels.
    std::size_t label_width = 16;
    // What csv and tsv print, having room for one table: the record as one row (empty), the
    // rows of the part of this name, or for "*" every value of every part as rows of
    // (section, row, column, value), so that one parser reads a whole document.
    std::string flat;

    // Appends a table part; the `hidden` columns stay out of the table format (as columns that
    // repeat the account).
    Part& add_table(std::string name, std::string title, std::vector<Column> columns, std::vector<Row> rows,
                    const std::vector<std::string>& hidden = {});
    Part& add_record(std::string name, std::string title, Record record);
};

// Table, csv, tsv or json (options.format). --columns, --sort, --limit and --no-header apply
// to the one table of csv and tsv; the other formats print the whole document.
void write_document(std::ostream& out, const Document& document, const ListOptions& options,
                    const Terminal& terminal);
// Markdown: headings, the record as a list, the parts as pipe tables.
void write_markdown(std::ostream& out, const Document& document);
// One self-contained HTML page (inline CSS and SVG, nothing loaded from anywhere).
void write_html(std::ostream& out, const Document& document);

}  // namespace acm
