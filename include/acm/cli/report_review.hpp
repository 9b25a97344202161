#pragma once
// acm report account and acm report briefing: reports of many parts (acm-report(1)).

namespace CLI {
class App;
}

namespace acm {

class Context;

// Adds `account` and `briefing` to the report group; called by add_report_commands.
void add_report_review_commands(CLI::App& report, Context& ctx);

}  // namespace acm
