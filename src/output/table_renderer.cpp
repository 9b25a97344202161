// The table format: aligned columns for a person. It must see every row before it can
// align them, so it buffers the rows' cell texts and prints everything in end().
#include "acm/output/table_renderer.hpp"

#include <fmt/compile.h>

#include <algorithm>
#include <ostream>
#include <utility>

#include "acm/core/text.hpp"
#include "detail.hpp"

namespace acm::detail {
namespace {

bool is_right_aligned(Kind kind) {
    return kind == Kind::integer || kind == Kind::money || kind == Kind::ratio || kind == Kind::score;
}

std::string cell_text(const Cell& cell, Kind kind) {
    if (is_missing(cell)) return {};
    if (auto* text = std::get_if<std::string>(&cell)) return visible_text(*text);
    if (auto* integer = std::get_if<std::int64_t>(&cell)) return fmt::to_string(*integer);
    if (auto* number = std::get_if<double>(&cell))
        // Compiled formats: a listing shows a score per account, and a format string parsed at
        // run time costs more than the number.
        return kind == Kind::ratio ? fmt::format(FMT_COMPILE("{:.1f}%"), *number * 100)
                                   : fmt::format(FMT_COMPILE("{:.1f}"), *number);
    if (auto* money = std::get_if<Money>(&cell)) return format_human(*money);
    if (auto* date = std::get_if<Date>(&cell)) return format_date(*date);
    if (auto* timestamp = std::get_if<Timestamp>(&cell)) return format_timestamp_local(*timestamp);
    if (auto* list = std::get_if<ListCell>(&cell)) return list_text(**list, cell_text, ", ");
    return std::get<bool>(cell) ? "yes" : "no";
}

// A cell's text and its display width, measured once when the row arrives.
struct CellText {
    std::string text;
    std::size_t width;
};

CellText measured(std::string text) {
    std::size_t width = display_width(text);
    return {std::move(text), width};
}

// `cell` cut to at most `width` display columns, ending in "…" when something was cut (into
// `cut`, which the result then views), and the columns it takes: fewer than `width` when a
// wide character did not fit or blanks were dropped before the ellipsis.
std::pair<std::string_view, std::size_t> truncate(const CellText& cell, std::size_t width, std::string& cut) {
    if (cell.width <= width) return {cell.text, cell.width};
    if (width == 0) return {{}, 0};
    Prefix kept = prefix_within(cell.text, width - 1);
    cut.assign(cell.text, 0, kept.bytes);
    // "Acme Corp…", not "Acme Corp …": a blank before the ellipsis reads as a lost word.
    while (!cut.empty() && cut.back() == ' ') cut.pop_back(), --kept.width;
    cut += "…";
    return {cut, kept.width + 1};
}

constexpr std::string_view red = "\x1b[31m";

// The ANSI color of a health-like value, or nullptr.
const char* color_of(std::string_view text) {
    if (text == "red") return red.data();
    if (text == "yellow") return "\x1b[33m";
    if (text == "green") return "\x1b[32m";
    return nullptr;
}

constexpr std::string_view bold = "\x1b[1m", reset = "\x1b[0m";

class TableRenderer final : public Renderer {
public:
    TableRenderer(std::ostream& out, const Terminal& terminal, bool header, bool may_hide)
        : out_(out), terminal_(terminal), header_(header), may_hide_(may_hide) {}

    void begin(const std::vector<Column>& columns) override {
        columns_ = columns;
        lines_.clear();
        overdue_lines_.clear();
        widths_.assign(columns.size(), 0);
        if (!header_) return;
        std::vector<CellText> names;
        for (const auto& column : columns) names.push_back(measured(uppercase(column.name)));
        add_line(std::move(names));
    }

    void row(Row& row) override {
        bool overdue = false;
        for (std::size_t j = 0; j < columns_.size(); ++j)
            if (const Date* date = std::get_if<Date>(&row[j]); date && columns_[j].overdue_before)
                overdue = overdue || *date < *columns_[j].overdue_before;
        if (overdue) overdue_lines_.push_back(lines_.size());
        std::vector<CellText> texts;
        texts.reserve(columns_.size());
        for (std::size_t j = 0; j < columns_.size(); ++j) {
            // Text that is shown as it is moves instead of being copied; being printable
            // ASCII, its width is its size.
            auto* text = std::get_if<std::string>(&row[j]);
            if (text && is_plain_text(*text)) {
                std::size_t width = text->size();
                texts.push_back({std::move(*text), width});
            } else {
                texts.push_back(measured(cell_text(row[j], columns_[j].kind)));
            }
        }
        add_line(std::move(texts));
    }

    void end() override {
        std::vector<std::size_t> widths = widths_;
        std::vector<bool> shown(columns_.size(), true);
        // Piped output is never cut: it may be read by a program or a pager.
        if (terminal_.is_tty && terminal_.width > 0 && !terminal_.wide)
            fit(widths, shown, static_cast<std::size_t>(terminal_.width));

        // A std::string rather than fmt's buffer: its appends are plain memcpy, and a
        // listing of 10,000 accounts makes 250,000 of them.
        std::string buffer;
        std::string cut;
        for (std::size_t r = 0; r < lines_.size(); ++r) {
            bool is_header = header_ && r == 0;
            bool is_overdue = terminal_.color && std::binary_search(overdue_lines_.begin(), overdue_lines_.end(), r);
            buffer.clear();
            if (is_header && terminal_.color) buffer.append(bold);
            if (is_overdue) buffer.append(red);
            bool first = true;
            for (std::size_t j = 0; j < columns_.size(); ++j) {
                if (!shown[j]) continue;
                if (!first) buffer.append("  ");
                first = false;
                const CellText& cell = lines_[r][j];
                auto [text, width] = truncate(cell, widths[j], cut);
                // Padding counts the uncolored text: escape codes take no columns on screen.
                std::size_t padding = widths[j] - width;
                const char* color =
                    terminal_.color && !is_header && columns_[j].colored ? color_of(text) : nullptr;
                if (is_right_aligned(columns_[j].kind)) buffer.append(padding, ' ');
                if (color) buffer.append(color);
                buffer.append(text);
                if (color) buffer.append(reset);
                if (!is_right_aligned(columns_[j].kind)) buffer.append(padding, ' ');
            }
            // No trailing blanks: the last column is not padded, nor are empty trailing cells.
            while (!buffer.empty() && buffer.back() == ' ') buffer.pop_back();
            if ((is_header && terminal_.color) || is_overdue) buffer.append(reset);
            buffer.push_back('\n');
            out_.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        }
        lines_.clear();
        overdue_lines_.clear();
        out_.flush();
        notice_hidden(shown);
    }

private:
    void add_line(std::vector<CellText>&& texts) {
        for (std::size_t j = 0; j < texts.size(); ++j) widths_[j] = std::max(widths_[j], texts[j].width);
        lines_.push_back(std::move(texts));
    }

    Fit fit_of(std::size_t j) const {
        const Column& column = columns_[j];
        if (column.fit != Fit::automatic) return column.fit;
        if (column.name == "id" || column.name == "key" || column.name == "account") return Fit::key;
        bool is_text = column.kind == Kind::text || column.kind == Kind::list || column.kind == Kind::json;
        return is_text ? Fit::text : Fit::fixed;
    }

    // The narrowest a text column is cut to: 12 columns, or its header's width when wider,
    // so that a cut cell still says something and the header stays whole.
    std::size_t floor_of(std::size_t j) const {
        std::size_t header = header_ ? lines_.front()[j].width : 0;
        return std::max<std::size_t>(12, header);
    }

    // Makes the shown columns fit in `limit`: the free-text columns give way first, the widest
    // one column at a time down to its floor, so that every text keeps as much as it can; then,
    // unless --columns chose them, the lowest-priority columns are hidden one by one, the text
    // starting again from its full width each time, so that it gets back the room a hidden
    // column leaves. Keys, numbers and dates are never cut; when nothing can give way any more,
    // the lines stay too wide.
    void fit(std::vector<std::size_t>& widths, std::vector<bool>& shown, std::size_t limit) const {
        while (true) {
            widths = widths_;
            std::size_t total = 0, count = 0;
            for (std::size_t j = 0; j < widths.size(); ++j)
                if (shown[j]) total += widths[j], ++count;
            total += 2 * (count - 1);
            while (total > limit) {
                std::size_t widest = widths.size();
                for (std::size_t j = 0; j < widths.size(); ++j)
                    if (shown[j] && fit_of(j) == Fit::text && widths[j] > floor_of(j) &&
                        (widest == widths.size() || widths[j] > widths[widest]))
                        widest = j;
                if (widest == widths.size()) break;
                --widths[widest];
                --total;
            }
            if (total <= limit || !may_hide_ || count == 1) return;
            std::size_t hidden = widths.size();
            for (std::size_t j = 0; j < widths.size(); ++j)
                if (shown[j] && fit_of(j) != Fit::key &&
                    (hidden == widths.size() || columns_[j].priority <= columns_[hidden].priority))
                    hidden = j;
            if (hidden == widths.size()) return;
            shown[hidden] = false;
        }
    }

    // One line on stderr naming the hidden columns, so that nobody takes the table for all
    // there is.
    void notice_hidden(const std::vector<bool>& shown) const {
        std::vector<std::string> names;
        for (std::size_t j = 0; j < columns_.size(); ++j)
            if (!shown[j]) names.push_back(columns_[j].name);
        if (names.empty() || !terminal_.notice) return;
        terminal_.notice(fmt::format("hidden to fit {} columns: {} (--wide shows every column)",
                                     terminal_.width, join_words(names, "and")));
    }

    std::ostream& out_;
    Terminal terminal_;
    bool header_;
    bool may_hide_;
    std::vector<Column> columns_;
    std::vector<std::vector<CellText>> lines_;  // cell texts, the header first when shown
    std::vector<std::size_t> widths_;           // the widest text of each column so far
    std::vector<std::size_t> overdue_lines_;    // the lines (ascending) of overdue rows
};

}  // namespace

std::unique_ptr<Renderer> make_table_renderer(std::ostream& out, const Terminal& terminal, bool header,
                                              bool may_hide) {
    return std::make_unique<TableRenderer>(out, terminal, header, may_hide);
}

}  // namespace acm::detail

namespace acm {
std::string table_cell_text(const Cell& cell, Kind kind) { return detail::cell_text(cell, kind); }
}  // namespace acm
