#pragma once
// acm account usage …: usage metrics per account and day (acm-account(1)).

namespace CLI {
class App;
}

namespace acm {

class Context;

// Adds `usage` and its subcommands to the account group; called by add_account_commands.
void add_usage_commands(CLI::App& account, Context& ctx);

}  // namespace acm
