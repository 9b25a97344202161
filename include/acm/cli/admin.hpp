#pragma once
// The admin commands: init, config, log, backup, check, export, import, completion (acm(1)).

namespace CLI {
class App;
}

namespace acm {

class Context;

// Adds the admin commands to the app.
void add_admin_commands(CLI::App& app, Context& ctx);

}  // namespace acm
