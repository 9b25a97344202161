#pragma once
// Wiring shared by the command groups: a subcommand is an options struct, a few
// lines that bind flags to it, and a handler run after the whole command line parsed.
#include <istream>
#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "acm/cli/context.hpp"

namespace acm {

template <class Options>
CLI::App* add_command(CLI::App& parent, Context& ctx, const std::shared_ptr<Options>& options,
                      const std::string& name, const std::string& description, const std::string& example,
                      void (*handler)(Context&, const Options&)) {
    auto* command = parent.add_subcommand(name, description);
    command->footer("Example:\n  " + example);
    command->callback([&ctx, options, handler] { ctx.run = [&ctx, options, handler] { handler(ctx, *options); }; });
    return command;
}

// A noun (account, config, …) that needs one of its verbs.
CLI::App* add_group(CLI::App& parent, const std::string& name, const std::string& description);

// The whole of FILE, or standard input for "-", as a stream for an import.
std::unique_ptr<std::istream> open_input(const std::string& path);

// Rows handed to a callback, as the domain's for_each_* functions produce them.
using RowProducer = std::function<void(const std::function<void(Row&&)>&)>;

// `show` views in table format: "  label  value" for each of the row's table columns
// that has a value, except the `skip` ones.
void print_record(Context& ctx, const std::vector<Column>& columns, const Row& row,
                  const std::vector<std::string>& skip = {});
// A titled table in a `show` view, without the `skip` columns; nothing when there are no rows.
void print_section(Context& ctx, const std::string& title, const std::vector<Column>& columns,
                   const RowProducer& produce, const std::vector<std::string>& skip = {});
// The rows as a JSON array of objects, for the nested parts of `show --json`.
std::string json_array(const std::vector<Column>& columns, const RowProducer& produce);

// --since: a date (2026-11-01, -2w, som) or a window back from today (7d, 2w).
Date parse_since(const std::string& text, Date today);

}  // namespace acm
