#pragma once
// acm escalate …: escalations tracked to resolution against their SLA target (acm-escalate(1)).

namespace CLI {
class App;
}

namespace acm {

class Context;

// Adds `escalate` and its subcommands to the app.
void add_escalate_commands(CLI::App& app, Context& ctx);

}  // namespace acm
