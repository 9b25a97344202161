#pragma once
// acm rules …: the import rules files, bundled and the user's (acm-import-rules(5)).
#include <CLI/CLI.hpp>

#include "acm/cli/context.hpp"

namespace acm {

void add_rules_commands(CLI::App& app, Context& ctx);

}  // namespace acm
