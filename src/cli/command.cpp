#include "acm/cli/command.hpp"

#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/output/row_writer.hpp"
#include "acm/output/table_renderer.hpp"

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

std::vector<Row> rows_of(const RowProducer& produce) {
    std::vector<Row> rows;
    produce([&](Row&& row) { rows.push_back(std::move(row)); });
    return rows;
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
