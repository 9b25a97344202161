#pragma once
// acm feedback …: scores, comments, follow-ups, surveys, imports (acm-feedback(1)).

namespace CLI {
class App;
}

namespace acm {

class Context;

// Adds `feedback` and its subcommands to the app.
void add_feedback_commands(CLI::App& app, Context& ctx);

}  // namespace acm
