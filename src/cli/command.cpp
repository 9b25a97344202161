#include "acm/cli/command.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "acm/core/error.hpp"

namespace acm {

CLI::App* add_group(CLI::App& parent, const std::string& name, const std::string& description) {
    auto* group = parent.add_subcommand(name, description);
    group->require_subcommand(1);
    return group;
}

std::unique_ptr<std::istream> open_input(const std::string& path) {
    if (path == "-") {
        // Not owned: a stream over std::cin's buffer.
        return std::make_unique<std::istream>(std::cin.rdbuf());
    }
    auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*file) throw RuntimeError(fmt::format("cannot read {}", path));
    return file;
}

void print_record(Context& ctx, const std::vector<Column>& columns, const Row& row,
                  const std::vector<std::string>& skip) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto& column = columns[i];
        if (!column.in_table || std::find(skip.begin(), skip.end(), column.name) != skip.end()) continue;
        std::string text = table_cell_text(row[i], column.kind);
        if (text.empty()) continue;
        std::string label = column.name;
        std::replace(label.begin(), label.end(), '_', ' ');
        ctx.out << fmt::format("  {:<16} {}\n", label, text);
    }
}

void print_section(Context& ctx, const std::string& title, const std::vector<Column>& columns,
                   const RowProducer& produce, const std::vector<std::string>& skip) {
    std::vector<Column> shown;
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (std::find(skip.begin(), skip.end(), columns[i].name) == skip.end()) {
            shown.push_back(columns[i]);
            kept.push_back(i);
        }
    RowWriter writer(shown, ListOptions{}, ctx.out, ctx.terminal());
    bool any = false;
    produce([&](Row&& row) {
        if (!any) ctx.out << "\n" << title << "\n";
        any = true;
        Row cells;
        for (auto i : kept) cells.push_back(std::move(row[i]));
        writer.add(std::move(cells));
    });
    writer.finish();
}

std::string json_array(const std::vector<Column>& columns, const RowProducer& produce) {
    std::string items;
    produce([&](Row&& row) { items += (items.empty() ? "" : ",") + json_object(columns, row); });
    return "[" + items + "]";
}

Date parse_since(const std::string& text, Date today) {
    bool is_window = !text.empty() && text.front() >= '0' && text.front() <= '9' && text.find('-') == std::string::npos;
    if (is_window) {
        std::optional<Duration> window;
        try {
            window = parse_duration(text, "--since");
        } catch (const UsageError&) {
            // Fall through to the date forms for the message.
        }
        if (window) return add_checked(today, *window, -1, "--since " + text);
    }
    try {
        return parse_date(text, today, "--since");
    } catch (const UsageError&) {
        throw UsageError(fmt::format("--since {} is not valid (expected a date such as 2026-11-01 or -2w, or a "
                                     "window such as 7d)",
                                     text.empty() ? "''" : text));
    }
}

}  // namespace acm
