// The HTML page of a document: the record and the tables as the table format shows them
// under human headings, charts as inline SVG bars with axes and values, everything escaped;
// nothing is loaded from anywhere and nothing runs.
#include "acm/output/html.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string_view>

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

// A value as a chart labels it: "120k", "1.5M", "72.5".
std::string compact(double value) {
    double size = std::abs(value);
    auto [scaled, suffix] = size >= 1e6 ? std::pair{value / 1e6, "M"} : size >= 1e3 ? std::pair{value / 1e3, "k"}
                                                                                    : std::pair{value, ""};
    std::string text = fmt::format("{:.1f}", scaled);
    if (text.ends_with(".0")) text.resize(text.size() - 2);
    return text + suffix;
}

// The axis's top: the first of 1, 2, 2.5, 5 × 10ⁿ at or above the largest value.
double axis_top(double largest) {
    if (largest <= 0) return 1;
    double power = std::pow(10.0, std::floor(std::log10(largest)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (step * power >= largest) return step * power;
    return 10 * power;
}

// Bars of column `part.chart` against the first column's labels, on a value axis with four
// gridlines, each bar labelled with its value when there is room; a row without a value
// (a month without data) is a gap, not an empty bar. It scales with the page (viewBox).
// Returns whether every value is written on the chart.
bool write_chart(std::ostream& out, const Part& part) {
    const Table& table = part.table;
    const auto column = static_cast<std::size_t>(part.chart);
    const Column& measured = table.columns[column];
    std::vector<std::optional<double>> values;
    double largest = 0;
    std::string unit;
    for (const auto& row : table.rows) {
        values.push_back(chart_value(row[column]));
        if (values.back()) largest = std::max(largest, *values.back());
        if (auto* money = std::get_if<Money>(&row[column])) unit = money->currency;
    }
    const double top = axis_top(largest);
    constexpr int width = 720, height = 250, left = 56, right = 8, above = 28, below = 30;
    constexpr double plot_width = width - left - right, plot_height = height - above - below;
    const double slot = plot_width / static_cast<double>(std::max<std::size_t>(values.size(), 1));
    const bool labelled = slot >= 40;
    // Every nth label along the axis, so that labels of about 48 px never overlap.
    const auto every = static_cast<std::size_t>(std::ceil(48 / slot));
    const auto y = [&](double value) { return above + plot_height * (1 - value / top); };
    std::string name = detail::page_label(measured.name) + (unit.empty() ? "" : " (" + unit + ")");

    out << fmt::format("<svg role=\"img\" viewBox=\"0 0 {} {}\" aria-label=\"{}\">", width, height,
                       html_escape(part.title + ": " + name));
    out << fmt::format("<text x=\"0\" y=\"14\" class=\"unit\">{}</text>", html_escape(name));
    for (int tick = 0; tick <= 4; ++tick) {
        double value = top * tick / 4;
        out << fmt::format("<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>", left,
                           width - right, y(value), y(value));
        out << fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", left - 6, y(value) + 4,
                           compact(value));
    }
    out << fmt::format("<line class=\"axis\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", left, left, above,
                       height - below);
    out << fmt::format("<line class=\"axis\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", left, width - right,
                       height - below, height - below);
    for (std::size_t i = 0; i < values.size(); ++i) {
        double middle = left + slot * (static_cast<double>(i) + 0.5);
        std::string label = html_escape(table_cell_text(table.rows[i][0], table.columns[0].kind));
        if (i % every == 0)
            out << fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", middle,
                               height - below + 16, label);
        if (!values[i]) continue;
        double bar = slot * 0.6;
        out << fmt::format(
            "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"><title>{}: {}</title></rect>",
            middle - bar / 2, y(*values[i]), bar, plot_height - (y(*values[i]) - above), label,
            html_escape(table_cell_text(table.rows[i][column], measured.kind)));
        if (labelled)
            out << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" class=\"value\">{}</text>",
                               middle, y(*values[i]) - 4, compact(*values[i]));
    }
    out << "</svg>\n";
    // The chart shows the labels and the values: all there is when those are the only columns shown.
    auto shown = std::count_if(table.columns.begin(), table.columns.end(), [](const Column& c) { return c.in_table; });
    return labelled && shown == 2;
}

Table charted_rows(const Part& part) {
    Table table{part.table.columns, {}};
    for (const auto& row : part.table.rows)
        if (chart_value(row[static_cast<std::size_t>(part.chart)])) table.rows.push_back(row);
    return table;
}

bool is_number(Kind kind) {
    return kind == Kind::integer || kind == Kind::money || kind == Kind::ratio || kind == Kind::score;
}

// A record as a table of two columns: label, value.
void write_record(std::ostream& out, const Record& record) {
    out << "<table class=\"record\">\n";
    for (const auto& field : record.fields) {
        if (!field.column.in_table) continue;
        std::string text = detail::field_text(field);
        if (text.empty()) continue;
        out << "<tr><th>" << html_escape(detail::page_label(detail::field_label(field))) << "</th><td>"
            << html_escape(text) << "</td></tr>\n";
    }
    out << "</table>\n";
}

void write_table(std::ostream& out, const Table& table) {
    if (table.rows.empty()) {
        out << "<p>None.</p>\n";
        return;
    }
    out << "<table><tr>";
    for (const auto& column : table.columns)
        if (column.in_table)
            out << (is_number(column.kind) ? "<th class=\"n\">" : "<th>") << html_escape(detail::page_label(column.name))
                << "</th>";
    out << "</tr>\n";
    for (const auto& row : table.rows) {
        out << "<tr>";
        for (std::size_t i = 0; i < table.columns.size(); ++i)
            if (table.columns[i].in_table)
                out << (is_number(table.columns[i].kind) ? "<td class=\"n\">" : "<td>")
                    << html_escape(table_cell_text(row[i], table.columns[i].kind)) << "</td>";
        out << "</tr>\n";
    }
    out << "</table>\n";
}

// The page fits a 1024 px window: the body is at most 960 px wide, tables take the width
// they are given and wrap long text anywhere, charts scale down with their viewBox. Printed,
// sections do not split across pages where they fit on one.
constexpr std::string_view style =
    "*{box-sizing:border-box}"
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#222;line-height:1.4;"
    "max-width:960px;margin:0 auto;padding:24px}"
    "h1{font-size:1.6em;margin:0 0 .6em}"
    "h2{font-size:1.15em;margin:1.4em 0 .4em;padding-bottom:.2em;border-bottom:2px solid #4a7fb5}"
    "table{border-collapse:collapse;width:100%;margin-bottom:.8em;font-size:.9em}"
    "th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top;"
    "overflow-wrap:anywhere}"
    "th{background:#f3f5f8;font-weight:600}.n{text-align:right}"
    "table.record{width:auto;min-width:50%}table.record th{padding-right:2em}"
    "svg{display:block;width:100%;max-width:720px;height:auto;margin:.4em 0 1em}"
    "svg text{font-size:11px;fill:#333}svg .unit{font-weight:600}svg .value{font-size:10px}"
    ".bar{fill:#4a7fb5}.grid{stroke:#e4e4e4}.axis{stroke:#555}"
    "section{break-inside:avoid}"
    "@page{margin:14mm}"
    "@media print{body{max-width:none;padding:0;font-size:10pt}h2{break-after:avoid}"
    "tr,svg{break-inside:avoid}}";

}  // namespace

void write_html(std::ostream& out, const Document& document) {
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        << "<title>" << html_escape(document.title) << "</title>\n<style>" << style
        << "</style></head><body>\n<h1>" << html_escape(document.title) << "</h1>\n";
    if (!document.record.fields.empty()) write_record(out, document.record);
    for (const auto& part : document.parts) {
        // A part with nothing for people (the period, already in the title) is left out.
        bool shown = std::any_of(part.record.fields.begin(), part.record.fields.end(),
                                 [](const Field& field) { return field.column.in_table; });
        if (part.is_record && !shown) continue;
        out << "<section>\n";
        if (!part.title.empty()) out << "<h2>" << html_escape(part.title) << "</h2>\n";
        if (part.is_record) write_record(out, part.record);
        // One row of figures reads better as label and value than as a row of a wide table.
        else if (part.single && !part.table.rows.empty()) write_record(out, record_of(part.table.columns, part.table.rows.front()));
        else if (part.chart < 0 || part.table.rows.empty()) write_table(out, part.table);
        // A chart that carries every value needs no table beside it; else the table lists
        // the rows with a value (the rest are the chart's gaps).
        else if (!write_chart(out, part)) write_table(out, charted_rows(part));
        out << "</section>\n";
    }
    if (!document.footer.empty()) out << "<p>" << html_escape(document.footer) << "</p>\n";
    out << "</body></html>\n";
}

}  // namespace acm
