#pragma once
// acm renewal …: the renewal pipeline and its cron jobs (acm-renewal(1)).

namespace CLI {
class App;
}

namespace acm {

class Context;

// Adds `renewal` and its subcommands to the app.
void add_renewal_commands(CLI::App& app, Context& ctx);

}  // namespace acm
