// The markdown of a document, the html page's twin: a heading, the record as a list, each
// part under its heading as a pipe table (charts as their tables), values as the table
// format shows them, headings as the page's.
#include <algorithm>
#include <ostream>
#include <string_view>

#include "acm/output/escape.hpp"
#include "acm/output/table_renderer.hpp"
#include "detail.hpp"

namespace acm {

std::string markdown_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        if (c == '\n' || c == '\r') {
            out += "<br>";
        } else {
            if (std::string_view("\\`*_[]<>|~#!&").find(c) != std::string_view::npos) out += '\\';
            out += c;
        }
    }
    // Control characters shown as on a terminal: the markdown may be read on one.
    return detail::escape_controls(out, true);
}

namespace {

void write_record(std::ostream& out, const Record& record) {
    bool any = false;
    for (const auto& field : record.fields) {
        if (!field.column.in_table) continue;
        std::string text = detail::field_text(field);
        if (text.empty()) continue;
        out << "- **" << markdown_text(detail::page_label(detail::field_label(field))) << "**: " << markdown_text(text) << "\n";
        any = true;
    }
    if (any) out << "\n";
}

void write_table(std::ostream& out, const Table& table) {
    if (table.rows.empty()) {
        out << "None.\n\n";
        return;
    }
    std::string header = "|", rule = "|";
    for (const auto& column : table.columns) {
        if (!column.in_table) continue;
        header += " " + markdown_text(detail::page_label(column.name)) + " |";
        bool right = column.kind == Kind::integer || column.kind == Kind::money || column.kind == Kind::ratio ||
                     column.kind == Kind::score;
        rule += right ? " ---: |" : " --- |";
    }
    out << header << "\n" << rule << "\n";
    for (const auto& row : table.rows) {
        out << "|";
        for (std::size_t i = 0; i < table.columns.size(); ++i)
            if (table.columns[i].in_table)
                out << " " << markdown_text(table_cell_text(row[i], table.columns[i].kind)) << " |";
        out << "\n";
    }
    out << "\n";
}

}  // namespace

void write_markdown(std::ostream& out, const Document& document) {
    if (!document.title.empty()) out << "# " << markdown_text(document.title) << "\n\n";
    write_record(out, document.record);
    for (const auto& part : document.parts) {
        // A part with nothing for people (the period, already in the title) is left out.
        bool shown = std::any_of(part.record.fields.begin(), part.record.fields.end(),
                                 [](const Field& field) { return field.column.in_table; });
        if (part.is_record && !shown) continue;
        if (!part.title.empty()) out << "## " << markdown_text(part.title) << "\n\n";
        // As the html page: one row of figures as a list of label and value.
        if (part.is_record) write_record(out, part.record);
        else if (part.single && !part.table.rows.empty()) write_record(out, record_of(part.table.columns, part.table.rows.front()));
        else write_table(out, part.table);
    }
    if (!document.footer.empty()) out << markdown_text(document.footer) << "\n";
    out.flush();
}

}  // namespace acm
