#pragma once
// The agenda (acm-agenda(1)): everything a CSM owes by a day, from every record that has a
// date to keep — open tasks, notice deadlines, renewal due dates, follow-ups of negative
// feedback, corrective actions, onboarding milestones, escalations breaching their SLA and
// accounts past their touch cadence — in one list ordered by date.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

// The kinds in the order rows of one day are listed: task, notice, renewal, follow-up,
// action, milestone, sla, cadence.
const std::vector<std::string>& agenda_kinds();

struct AgendaSettings {
    std::map<std::string, Duration> cadence;  // by tier ([cadence])
    Duration follow_up_within;                // a negative answer's follow-up is due this long after it
    // Follow-ups of answers older than the feedback window are left out: they no longer
    // count in health, and `feedback list --open` lists them all.
    Duration feedback_window;
    static AgendaSettings from(const Config& config);
};

struct AgendaFilter {
    Date today;
    Date until;                        // the window's last day
    std::optional<std::string> owner;  // the row's owner
};

// due, kind, account, what, ref (the id to act on: task, renewal, feedback, action,
// milestone or escalation id; the account key for cadence), owner (the task's, renewal's,
// action's or escalation's own, else the account's). Rows due before `today` are overdue
// (red on a color terminal).
std::vector<Column> agenda_columns(Date today);
// Every row due on or before filter.until (overdue ones included), by due date, then kind.
void for_each_agenda_item(Database& db, const AgendaSettings& settings, const AgendaFilter& filter,
                          const std::function<void(Row&&)>& emit);

}  // namespace acm
