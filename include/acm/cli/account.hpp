#pragma once
// acm account …: accounts, their contacts and notes, CSV import (acm-account(1)).

namespace CLI {
class App;
}

namespace acm {

class Context;

// Adds `account` and its subcommands (with usage, opportunity, milestone and cost) to the app.
void add_account_commands(CLI::App& app, Context& ctx);

}  // namespace acm
