#pragma once
// Hooks (acm(1), HOOKS): an executable on-EVENT in the hooks folder beside the config file
// runs after a command committed a change of that kind, with the change as one JSON object on
// standard input. A hook's failure is reported and never undoes the change.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "acm/store/db.hpp"

namespace acm {

class Context;

// escalation-open, escalation-resolve, feedback-negative, renewal-close, task-add, health-red.
const std::vector<std::string>& hook_events();

// What health-red compares with: every account's health color before the command changed
// anything. Noted only when an on-health-red hook is there, for it costs a computation of
// every account's health before the change and again after it.
struct HealthBefore {
    bool noted = false;
    std::unordered_map<std::int64_t, std::string> colors;  // by account id
};
// Called when the command opens the workspace to write, before its change.
HealthBefore note_health_before(Context& ctx, Database& db);

// Runs the hooks of what the command that just ran recorded (none for a command that wrote
// nothing, or with --no-hooks), then on-health-red for each account whose health it turned
// red. Their output goes to standard error.
void run_hooks(Context& ctx, const HealthBefore& health_before);

}  // namespace acm
