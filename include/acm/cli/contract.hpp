#pragma once
// acm contract …: terms, amendments, termination, CSV import (acm-contract(1)).

namespace CLI {
class App;
}

namespace acm {

class Context;

// Adds `contract` and its subcommands to the app.
void add_contract_commands(CLI::App& app, Context& ctx);

}  // namespace acm
