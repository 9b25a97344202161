// The HTML page of a document: the record and the tables as the table format shows them,
// charts as inline SVG bars, everything escaped; nothing is loaded from anywhere.
#include "acm/output/html.hpp"

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "acm/output/document.hpp"
#include "acm/output/render.hpp"
#include "acm/output/table_renderer.hpp"
#include "detail.hpp"

namespace acm {

// Markup characters as entities; control characters (C0 but tab and line ends, DEL, C1) and
// bidi controls as numeric references, so that a page printed to a terminal or read with a
// pager carries no escape sequence while a browser shows the same text; invalid UTF-8 as U+FFFD.
std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        std::int32_t code = detail::next_code_point(text, i);
        switch (code) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\t': case '\n': case '\r': out += static_cast<char>(code); break;
            case -1: out += "\xef\xbf\xbd"; break;
            default:
                if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || detail::is_bidi_control(code))
                    out += fmt::format("&#x{:x};", code);
                else
                    out.append(text.substr(start, i - start));
        }
    }
    return out;
}

namespace {

// A number to draw: money in major units, integers and scores as they are.
std::optional<double> chart_value(const Cell& cell) {
    if (auto* money = std::get_if<Money>(&cell)) {
        double scale = 1;
        for (int i = 0; i < minor_digits(money->currency); ++i) scale *= 10;
        return static_cast<double>(money->minor) / scale;
    }
    if (auto* integer = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*integer);
    if (auto* number = std::get_if<double>(&cell); number && !detail::is_missing(cell)) return *number;
    return std::nullopt;
}

// Bars of column `part.chart` against the first column's labels, scaled to the largest.
void write_chart(std::ostream& out, const Part& part) {
    const Table& table = part.table;
    const auto column = static_cast<std::size_t>(part.chart);
    double top = 0;
    for (const auto& row : table.rows) top = std::max(top, chart_value(row[column]).value_or(0));
    constexpr int bar = 36, gap = 8, height = 160, label = 36;
    int width = static_cast<int>(table.rows.size()) * (bar + gap) + gap;
    out << fmt::format("<svg role=\"img\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">", width, height + label,
                       width, height + label);
    out << "<title>" << html_escape(part.title + ": " + table.columns[column].name) << "</title>";
    int x = gap;
    for (const auto& row : table.rows) {
        double value = chart_value(row[column]).value_or(0);
        int h = top > 0 ? static_cast<int>(value / top * (height - 16)) : 0;
        std::string name = html_escape(table_cell_text(row[0], table.columns[0].kind));
        out << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {}</title></rect>", x,
                           height - h, bar, h, name,
                           html_escape(table_cell_text(row[column], table.columns[column].kind)));
        out << fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{}</text>", x + bar / 2,
                           height + 14, name);
        x += bar + gap;
    }
    out << "</svg>\n";
}

// A record as a table of two columns: label, value.
void write_record(std::ostream& out, const Record& record) {
    out << "<table>\n";
    for (const auto& field : record.fields) {
        if (!field.column.in_table) continue;
        std::string text = detail::field_text(field);
        if (text.empty()) continue;
        out << "<tr><th>" << html_escape(detail::field_label(field)) << "</th><td>" << html_escape(text)
            << "</td></tr>\n";
    }
    out << "</table>\n";
}

void write_table(std::ostream& out, const Table& table) {
    if (table.rows.empty()) {
        out << "<p>none</p>\n";
        return;
    }
    out << "<table><tr>";
    for (const auto& column : table.columns)
        if (column.in_table) out << "<th>" << html_escape(column.name) << "</th>";
    out << "</tr>\n";
    for (const auto& row : table.rows) {
        out << "<tr>";
        for (std::size_t i = 0; i < table.columns.size(); ++i)
            if (table.columns[i].in_table)
                out << "<td>" << html_escape(table_cell_text(row[i], table.columns[i].kind)) << "</td>";
        out << "</tr>\n";
    }
    out << "</table>\n";
}

}  // namespace

void write_html(std::ostream& out, const Document& document) {
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        << "<title>" << html_escape(document.title) << "</title>\n<style>"
        << "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
        << "table{border-collapse:collapse;margin-bottom:1.5em}"
        << "th,td{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}"
        << "th{background:#f3f3f3}rect{fill:#4a7fb5}"
        << "</style></head><body>\n<h1>" << html_escape(document.title) << "</h1>\n";
    if (!document.record.fields.empty()) write_record(out, document.record);
    for (const auto& part : document.parts) {
        // A part with nothing for people (the period, already in the title) is left out.
        bool shown = std::any_of(part.record.fields.begin(), part.record.fields.end(),
                                 [](const Field& field) { return field.column.in_table; });
        if (part.is_record && !shown) continue;
        if (!part.title.empty()) out << "<h2>" << html_escape(part.title) << "</h2>\n";
        if (part.is_record) {
            write_record(out, part.record);
            continue;
        }
        if (part.chart >= 0 && !part.table.rows.empty()) write_chart(out, part);
        write_table(out, part.table);
    }
    if (!document.footer.empty()) out << "<p>" << html_escape(document.footer) << "</p>\n";
    out << "</body></html>\n";
}

}  // namespace acm
