#pragma once
// Plays (acm-task(1), PLAYS): rules of the config that turn a condition on an account into a
// task. The conditions are computed from the dated records (health 30 days ago from the
// answers, usage and escalations as they stood), never from snapshots.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

// An account that meets a play today, and the task it would get.
struct PlayMatch {
    const PlayRule* play;
    std::int64_t account_id;
    std::string account_key;
    std::string text;  // the task's text, its fields filled in
    Date due;
    bool recent = false;  // it had a task of this play within the play's `every`: none now
};
// Every account (but churned ones and prospects) that meets each play of `config` on `today`,
// by play in the config's order, then by account key.
std::vector<PlayMatch> match_plays(Database& db, const Config& config, Date today);

// play, account, task (its id; empty in a dry run), due, text: one row per task made.
std::vector<Column> play_run_columns();
// Adds a task for each match without a recent one; the caller owns the transaction. With
// `dry_run`, adds nothing and gives the rows it would.
std::vector<Row> run_plays(Database& db, const Actor& actor, const std::vector<PlayMatch>& matches, Date today,
                           bool dry_run);

// play, when, accounts (meeting it now), new_tasks (of them, without a recent task), task.
std::vector<Column> play_list_columns();
std::vector<Row> list_plays(const Config& config, const std::vector<PlayMatch>& matches);

}  // namespace acm
