#pragma once
// acm report …: the flags of every report (acm-report(1)); the reports themselves are in
// reports/.

namespace CLI {
class App;
}

namespace acm {

class Context;

// Adds `report` and its subcommands (with `report account` and `report briefing`) to the app.
void add_report_commands(CLI::App& app, Context& ctx);

}  // namespace acm
