#pragma once
// Hooks (acm(1), HOOKS): an executable on-EVENT in the hooks folder beside the config file
// runs after a command committed a change of that kind, with the change as one JSON object on
// standard input. A hook's failure is reported and never undoes the change.
#include <string>
#include <vector>

namespace acm {

class Context;

// escalation-open, escalation-resolve, feedback-negative, renewal-close, task-add.
const std::vector<std::string>& hook_events();

// Runs the hooks of what the command that just ran recorded (none for a command that wrote
// nothing, or with --no-hooks). Their output goes to standard error.
void run_hooks(Context& ctx);

}  // namespace acm
