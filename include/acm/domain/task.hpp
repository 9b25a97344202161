#pragma once
// Tasks: what a CSM has to do for an account, added by hand (`acm task add`) or by a play,
// with an owner, a due date and a priority. Rules and queries, no printing (acm-task(1)).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/edit.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

const std::vector<std::string>& task_priorities();  // high, normal, low
// A task's text as the agenda and the briefing show it: "high: Call Acme" for a high one.
std::string task_headline(const std::string& text, const std::string& priority);

struct TaskFields {
    std::string text;
    std::optional<Date> due;
    std::optional<std::string> owner;  // none: the account's owner
    std::string priority = "normal";
    std::optional<std::string> play;  // the play that creates it
};
// Adds a task to account `account_id` on day `today`; returns its id.
std::int64_t add_task(Database& db, const Actor& actor, std::int64_t account_id, const TaskFields& fields, Date today);
// Marks task `id` done on `day`; RuntimeError when there is none or it is done already.
void complete_task(Database& db, const Actor& actor, std::int64_t id, Date day, const std::optional<std::string>& note);
// A task's fields and their rules, for add, edit and rm (edit.hpp).
const RecordTable& task_fields();

struct TaskFilter {
    std::optional<std::int64_t> account_id;
    std::optional<std::string> owner;  // the task's owner, else its account's
    bool overdue = false;              // open and due before today
    std::optional<Date> due_by;        // open and due on or before this day
    bool all = false;                  // done ones too
};
// id, account, due, priority, text, owner, status (open, overdue, done), play, done_on.
std::vector<Column> task_columns();
// Open ones first by due date (undated last), then by priority and id; done ones after.
void for_each_task(Database& db, const TaskFilter& filter, Date today, const std::function<void(Row&&)>& emit);

// RuntimeError naming `owner` when nothing has that owner (account, task, renewal, escalation
// or action): a mistyped name in a filter would otherwise give an empty list, which reads as
// "nothing to do".
void check_known_owner(Database& db, const std::string& owner);

}  // namespace acm
