#pragma once
// acm task …, acm agenda and acm play …: what a CSM owes, and the rules that add to it
// (acm-task(1)).

namespace CLI {
class App;
}

namespace acm {

class Context;

void add_task_commands(CLI::App& app, Context& ctx);
void add_agenda_command(CLI::App& app, Context& ctx);
void add_play_commands(CLI::App& app, Context& ctx);

}  // namespace acm
