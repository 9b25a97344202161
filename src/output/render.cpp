// Option parsing and the machine renderers (csv, tsv, json); the table renderer is in
// table_renderer.cpp, RowWriter in row_writer.cpp.
#include "acm/output/render.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <ostream>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "detail.hpp"

namespace acm {

Format parse_format(std::string_view text, std::string_view field) {
    // In the order of enum Format.
    static const std::vector<std::string> names = {"table", "csv", "tsv", "json"};
    std::string name = parse_choice(text, names, field);
    return static_cast<Format>(std::find(names.begin(), names.end(), name) - names.begin());
}

namespace {

// "a, b" → {"a", "b"}: split at commas, each item trimmed (possibly empty).
std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    for (;;) {
        auto comma = text.find(',');
        items.push_back(trim(text.substr(0, comma)));
        if (comma == std::string_view::npos) return items;
        text.remove_prefix(comma + 1);
    }
}

UsageError empty_name_error(std::string_view flag, std::string_view text) {
    return UsageError(fmt::format("{}: empty column name in '{}'", flag, text));
}

}  // namespace

std::vector<std::string> parse_columns(std::string_view text) {
    auto names = split_list(text);
    for (const auto& name : names)
        if (name.empty()) throw empty_name_error("--columns", text);
    return names;
}

std::vector<SortKey> parse_sort(std::string_view text) {
    std::vector<SortKey> keys;
    for (const auto& item : split_list(text)) {
        SortKey key{item, false};
        if (item.starts_with('-')) key = {trim(std::string_view(item).substr(1)), true};
        if (key.column.empty()) throw empty_name_error("--sort", text);
        keys.push_back(std::move(key));
    }
    return keys;
}

namespace detail {

bool is_missing(const Cell& cell) {
    if (std::holds_alternative<std::monostate>(cell)) return true;
    auto* number = std::get_if<double>(&cell);
    return number && !std::isfinite(*number);
}

namespace {

// A ratio or a score as csv, tsv and json print it: 15 significant digits, all a double holds
// in decimal, trailing zeros trimmed, so that no value is rounded below its precision (a CES
// mean of 2.990099… is not 3.0, an adoption of 18.25 not 18.2, a ratio is the full fraction:
// 3/7 = 0.428571428571429) and no binary noise shows (1/3 × 100 is 33.3333333333333, not
// 33.333333333333336). Scores keep a decimal point (72.0); a whole ratio is 1 or 0.
void append_number(fmt::memory_buffer& out, double value, Kind kind) {
    if (value == 0) value = 0;  // -0 prints as 0
    auto start = out.size();
    fmt::format_to(std::back_inserter(out), "{:.15g}", value);
    std::string_view text(out.data() + start, out.size() - start);
    if (kind != Kind::ratio && text.find_first_of(".e") == std::string_view::npos) append(out, ".0");
}

}  // namespace

void append_value(fmt::memory_buffer& out, const Cell& cell, Kind kind) {
    if (auto* integer = std::get_if<std::int64_t>(&cell)) {
        fmt::format_to(std::back_inserter(out), "{}", *integer);
    } else if (auto* number = std::get_if<double>(&cell)) {
        append_number(out, *number, kind);
    } else if (auto* money = std::get_if<Money>(&cell)) {
        append(out, format_decimal(*money));
    } else if (auto* date = std::get_if<Date>(&cell)) {
        append(out, format_date(*date));
    } else if (auto* timestamp = std::get_if<Timestamp>(&cell)) {
        append(out, format_timestamp_utc(*timestamp));
    } else if (auto* flag = std::get_if<bool>(&cell)) {
        append(out, *flag ? "true" : "false");
    } else if (auto* list = std::get_if<ListCell>(&cell)) {
        append(out, list_text(**list, [](const Cell& item, Kind item_kind) {
                   if (auto* text = std::get_if<std::string>(&item)) return *text;
                   fmt::memory_buffer value;
                   if (!is_missing(item)) append_value(value, item, item_kind);
                   return fmt::to_string(value);
               }, ","));
    }
}

std::string list_text(const List& list, const std::function<std::string(const Cell&, Kind)>& text,
                      std::string_view separator) {
    // Items with more than one value read "billing (3)" and need a space after the comma to
    // stay readable; plain values keep the separator given (the tags of a CSV import).
    if (list.columns.size() > 1) separator = ", ";
    std::string result;
    for (const auto& row : list.rows) {
        if (!result.empty()) result += separator;
        std::string rest;
        for (std::size_t j = 0; j < row.size() && j < list.columns.size(); ++j) {
            std::string value = text(row[j], list.columns[j].kind);
            if (j == 0) result += value;
            else rest += (rest.empty() ? "" : ", ") + value;
        }
        if (!rest.empty()) result += " (" + rest + ")";
    }
    return result;
}

void append_json_value(fmt::memory_buffer& out, const Cell& cell, Kind kind) {
    if (auto* text = std::get_if<std::string>(&cell)) {
        if (kind != Kind::json || !append_json_text(out, *text)) append_json_string(out, *text);
    } else if (is_missing(cell)) {
        append(out, "null");
    } else if (auto* list = std::get_if<ListCell>(&cell)) {
        const List& items = **list;
        if (items.record) {
            if (items.rows.empty()) append(out, "null");
            else append_json_object(out, items.columns, items.rows.front());
            return;
        }
        bool plain = items.columns.size() == 1 && items.columns[0].name.empty();
        out.push_back('[');
        for (std::size_t r = 0; r < items.rows.size(); ++r) {
            if (r > 0) out.push_back(',');
            if (plain) append_json_value(out, items.rows[r][0], items.columns[0].kind);
            else append_json_object(out, items.columns, items.rows[r]);
        }
        out.push_back(']');
    } else {
        bool quoted = std::holds_alternative<Date>(cell) || std::holds_alternative<Timestamp>(cell);
        if (quoted) out.push_back('"');
        append_value(out, cell, kind);
        if (quoted) out.push_back('"');
    }
}

void append_json_object(fmt::memory_buffer& out, const std::vector<Column>& columns, const Row& row) {
    out.push_back('{');
    for (std::size_t j = 0; j < columns.size(); ++j) {
        if (j > 0) out.push_back(',');
        append_json_string(out, columns[j].name);
        out.push_back(':');
        append_json_value(out, row[j], columns[j].kind);
    }
    out.push_back('}');
}

}  // namespace detail

namespace {

using detail::append;
using detail::append_value;

// Each row is built in one buffer and written with one call: fast for a million rows, and
// nothing is kept between rows.
void write(std::ostream& out, const fmt::memory_buffer& buffer) {
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

// csv (RFC 4180, LF line ends) and tsv differ only in separator and field escaping.
// On a terminal, control characters in the data are shown escaped (as in a table): a pipe or a
// file gets the exact text, a person's terminal never gets ESC raw.
class DelimitedRenderer final : public Renderer {
public:
    DelimitedRenderer(std::ostream& out, bool header, bool tsv, bool terminal)
        : out_(out), header_(header), tsv_(tsv), terminal_(terminal) {}

    void begin(const std::vector<Column>& columns) override {
        kinds_.clear();
        for (const auto& column : columns) kinds_.push_back(column.kind);
        if (!header_) return;
        buffer_.clear();
        for (std::size_t j = 0; j < columns.size(); ++j) {
            if (j > 0) buffer_.push_back(separator());
            append_field(columns[j].name, false);
        }
        buffer_.push_back('\n');
        write(out_, buffer_);
    }

    void row(Row& row) override {
        buffer_.clear();
        for (std::size_t j = 0; j < kinds_.size(); ++j) {
            if (j > 0) buffer_.push_back(separator());
            // Every string cell is text from the data, so it gets the formula escaping;
            // numbers, dates and the like are ours and are never altered.
            if (auto* text = std::get_if<std::string>(&row[j]))
                append_field(*text, true);
            else if (std::holds_alternative<ListCell>(row[j]))
                append_field(list_value(row[j], kinds_[j]), true);
            else if (!detail::is_missing(row[j]))
                append_value(buffer_, row[j], kinds_[j]);
        }
        buffer_.push_back('\n');
        write(out_, buffer_);
    }

    void end() override { out_.flush(); }

private:
    char separator() const { return tsv_ ? '\t' : ','; }
    // A list is text made of the data: escaped as text.
    static std::string list_value(const Cell& cell, Kind kind) {
        fmt::memory_buffer text;
        append_value(text, cell, kind);
        return fmt::to_string(text);
    }
    void append_field(std::string_view text, bool is_text) {
        std::string safe;
        if (terminal_) text = safe = detail::escape_controls(text, true);
        tsv_ ? detail::append_tsv_field(buffer_, text, is_text)
             : detail::append_csv_field(buffer_, text, is_text);
    }

    std::ostream& out_;
    bool header_;
    bool tsv_;
    bool terminal_;
    std::vector<Kind> kinds_;
    fmt::memory_buffer buffer_;
};

// One array of objects, one object per line: "[\n{…},\n{…}\n]\n".
class JsonRenderer final : public Renderer {
public:
    explicit JsonRenderer(std::ostream& out) : out_(out) {}

    void begin(const std::vector<Column>& columns) override {
        keys_.clear();
        kinds_.clear();
        for (const auto& column : columns) {
            keys_.push_back(json_string(column.name) + ":");
            kinds_.push_back(column.kind);
        }
        first_ = true;
        out_ << '[';
    }

    void row(Row& row) override {
        buffer_.clear();
        append(buffer_, first_ ? "\n{" : ",\n{");
        first_ = false;
        for (std::size_t j = 0; j < kinds_.size(); ++j) {
            if (j > 0) buffer_.push_back(',');
            append(buffer_, keys_[j]);
            detail::append_json_value(buffer_, row[j], kinds_[j]);
        }
        buffer_.push_back('}');
        write(out_, buffer_);
    }

    void end() override {
        out_ << "\n]\n";
        out_.flush();
    }

private:
    std::ostream& out_;
    std::vector<std::string> keys_;  // "\"name\":", escaped once
    std::vector<Kind> kinds_;
    bool first_ = true;
    fmt::memory_buffer buffer_;
};

}  // namespace

std::unique_ptr<Renderer> make_renderer(const ListOptions& options, std::ostream& out,
                                        const Terminal& terminal) {
    bool header = options.header;
    switch (options.format) {
        case Format::table:
            return detail::make_table_renderer(out, terminal, header, options.columns.empty());
        case Format::csv:
            return std::make_unique<DelimitedRenderer>(out, header, false, terminal.is_tty);
        case Format::tsv:
            return std::make_unique<DelimitedRenderer>(out, header, true, terminal.is_tty);
        case Format::json:
            return std::make_unique<JsonRenderer>(out);
    }
    throw std::logic_error("make_renderer: unknown format");
}

std::string json_object(const std::vector<Column>& columns, const Row& row) {
    fmt::memory_buffer out;
    detail::append_json_object(out, columns, row);
    return fmt::to_string(out);
}

}  // namespace acm
