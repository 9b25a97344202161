#pragma once
// acm account opportunity|milestone|cost …: the account plan (acm-account(1)).

namespace CLI {
class App;
}

namespace acm {

class Context;

// Adds `opportunity`, `milestone` and `cost` to the account group; called by
// add_account_commands.
void add_account_plan_commands(CLI::App& account, Context& ctx);

}  // namespace acm
