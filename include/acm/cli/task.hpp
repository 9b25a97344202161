#pragma once
// acm task … and acm agenda: what a CSM owes (acm-task(1), acm-agenda(1)).

namespace CLI {
class App;
}

namespace acm {

class Context;

void add_task_commands(CLI::App& app, Context& ctx);
void add_agenda_command(CLI::App& app, Context& ctx);

}  // namespace acm
