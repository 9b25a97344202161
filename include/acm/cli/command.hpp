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

// Every row a producer hands over, for a part of a Document.
std::vector<Row> rows_of(const RowProducer& produce);

// --since: a date (2026-11-01, -2w, som) or a window back from today (7d, 2w).
Date parse_since(const std::string& text, Date today);

}  // namespace acm
