// The HTML page of a multi-section report: tables as the table format shows them, charts
// as inline SVG bars, everything escaped; nothing is loaded from anywhere.
#include "acm/output/html.hpp"

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "acm/output/render.hpp"
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

// Bars of column `section.chart` against the first column's labels, scaled to the largest.
void write_chart(std::ostream& out, const Section& section) {
    const auto column = static_cast<std::size_t>(section.chart);
    double top = 0;
    for (const auto& row : section.rows) top = std::max(top, chart_value(row[column]).value_or(0));
    constexpr int bar = 36, gap = 8, height = 160, label = 36;
    int width = static_cast<int>(section.rows.size()) * (bar + gap) + gap;
    out << fmt::format("<svg role=\"img\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">", width, height + label,
                       width, height + label);
    out << "<title>" << html_escape(section.title + ": " + section.columns[column].name) << "</title>";
    int x = gap;
    for (const auto& row : section.rows) {
        double value = chart_value(row[column]).value_or(0);
        int h = top > 0 ? static_cast<int>(value / top * (height - 16)) : 0;
        out << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {}</title></rect>", x,
                           height - h, bar, h, html_escape(table_cell_text(row[0], section.columns[0].kind)),
                           html_escape(table_cell_text(row[column], section.columns[column].kind)));
        out << fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{}</text>", x + bar / 2,
                           height + 14, html_escape(table_cell_text(row[0], section.columns[0].kind)));
        x += bar + gap;
    }
    out << "</svg>\n";
}

}  // namespace

void write_html_page(std::ostream& out, const std::string& title, const std::vector<Section>& sections) {
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        << "<title>" << html_escape(title) << "</title>\n<style>"
        << "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
        << "table{border-collapse:collapse;margin-bottom:1.5em}"
        << "th,td{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}"
        << "th{background:#f3f3f3}rect{fill:#4a7fb5}"
        << "</style></head><body>\n<h1>" << html_escape(title) << "</h1>\n";
    for (const auto& section : sections) {
        out << "<h2>" << html_escape(section.title) << "</h2>\n";
        if (section.chart >= 0 && !section.rows.empty()) write_chart(out, section);
        if (section.rows.empty()) {
            out << "<p>none</p>\n";
            continue;
        }
        out << "<table><tr>";
        for (const auto& column : section.columns) out << "<th>" << html_escape(column.name) << "</th>";
        out << "</tr>\n";
        for (const auto& row : section.rows) {
            out << "<tr>";
            for (std::size_t i = 0; i < section.columns.size(); ++i)
                out << "<td>" << html_escape(table_cell_text(row[i], section.columns[i].kind)) << "</td>";
            out << "</tr>\n";
        }
        out << "</table>\n";
    }
    out << "</body></html>\n";
}

}  // namespace acm
