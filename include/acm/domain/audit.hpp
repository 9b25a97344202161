#pragma once
// The audit log (acm log in acm(1); the events table in acm-workspace(5)): every write
// records who, when, the command line, the entity and what changed, in the same
// transaction as the change itself.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "acm/core/date.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

// Who is writing: the OS user and the command line, fixed for one acm run.
struct Actor {
    std::string os_user;
    std::string command;
    Timestamp now;
};

// What changed, as a JSON object: {"tier":"strategic"} for a new value, or
// {"tier":{"from":"low-touch","to":"strategic"}} for an edit.
class Changes {
public:
    Changes& set(std::string_view field, const std::optional<std::string>& value);
    Changes& change(std::string_view field, const std::optional<std::string>& from,
                    const std::optional<std::string>& to);
    bool empty() const { return fields_.empty(); }
    std::string json() const;

private:
    std::vector<Column> fields_;
    Row values_;
};

struct Event {
    std::string entity;     // account, contact, note, config, …
    std::string entity_id;  // key or integer id, as text
    std::optional<std::int64_t> account_id;
    std::string action;  // add, edit, rm, import, …
};

void record_event(Database& db, const Actor& actor, const Event& event, const Changes& changes);

// The OS user running acm (USER/LOGNAME, else the passwd entry, else the uid).
std::string current_os_user();

struct EventFilter {
    std::optional<std::int64_t> account_id;
    std::optional<std::int64_t> command_id;  // the events one command recorded
    std::optional<Timestamp> since;
};
std::vector<Column> event_columns();
// Newest first.
void for_each_event(Database& db, const EventFilter& filter, const std::function<void(Row&&)>& emit);

}  // namespace acm
