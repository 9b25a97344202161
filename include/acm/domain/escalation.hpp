#pragma once
// Escalations: severity, owner, timeline, corrective actions, resolution against the SLA
// target of their severity (acm-escalate(1)). Rules and queries, no printing.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/edit.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

const std::vector<std::string>& escalation_severities();  // critical, high, medium, low (most severe first)
// A severity's index in escalation_severities(); its size() for a text that is none.
std::size_t severity_index(std::string_view severity);
const std::vector<std::string>& escalation_sources();     // customer, support, sales, billing, internal
const std::vector<std::string>& escalation_statuses();    // open, investigating, mitigating, resolved

// The last second of `day` in local time: "now" for escalations when --today (or
// ACM_TODAY) fixes the date, so that breaches and default times are reproducible.
Timestamp end_of_day(Date day);

// The time to resolution of each severity, from config escalation.sla.*.
struct SlaTargets {
    std::array<Duration, 4> by_severity;  // in the order of escalation_severities()
    static SlaTargets from(const Config& config);
    // opened + the severity's target (months and years by the calendar, in UTC).
    Timestamp due(Timestamp opened, const std::string& severity) const;
};

// Open past its due time, or resolved after it; exactly at the due time is not breached.
bool is_breached(Timestamp due, std::optional<Timestamp> resolved_at, Timestamp now);

struct EscalationFields {
    std::string title, severity;
    std::optional<std::string> description, source, owner;
    Timestamp opened_at;
};
// Adds an open escalation with its "opened" timeline entry; the caller owns the transaction.
std::int64_t open_escalation(Database& db, const Actor& actor, std::int64_t account_id,
                             const EscalationFields& fields, const SlaTargets& sla);

struct EscalationChange {
    std::optional<std::string> status, note, owner, severity;
};
// Every function that adds a timeline entry refuses (UsageError) an `at` before the
// newest entry: the timeline only moves forward.
// Applies the given changes at `at`, each one a timeline entry. RuntimeError for an unknown
// id, or a status or severity change of a resolved escalation.
void update_escalation(Database& db, const Actor& actor, std::int64_t id, const EscalationChange& change,
                       Timestamp at, const SlaTargets& sla);
// RuntimeError when it is already resolved.
void resolve_escalation(Database& db, const Actor& actor, std::int64_t id, const std::string& root_cause,
                        const std::optional<std::string>& resolution, Timestamp at);
// RuntimeError unless it is resolved.
void reopen_escalation(Database& db, const Actor& actor, std::int64_t id, Timestamp at);

struct ActionFields {
    std::string text;
    std::optional<std::string> owner;
    std::optional<Date> due;
};
std::int64_t add_action(Database& db, const Actor& actor, std::int64_t escalation_id,
                        const ActionFields& fields, Timestamp at);
// Marks it done on the local day of `at`. RuntimeError for an unknown or already done action.
void complete_action(Database& db, const Actor& actor, std::int64_t action_id, Timestamp at);

// The fields of an escalation (those an edit corrects: title, description, source) and of a
// corrective action, with their rules, for open/add, edit and rm (edit.hpp). The removal of
// an action takes its entries in the escalation's timeline with it.
const RecordTable& escalation_fields();
const RecordTable& action_fields();

struct EscalationFilter {
    std::optional<std::int64_t> id, account_id;
    std::optional<std::string> severity, owner;
    bool open_only = false;
    bool breached_only = false;
};
std::vector<Column> escalation_columns();
// In id order; `now` decides whether open escalations are breached.
void for_each_escalation(Database& db, const EscalationFilter& filter, Timestamp now,
                         const std::function<void(Row&&)>& emit);
// The account of an escalation; RuntimeError "no escalation with id N".
std::int64_t escalation_account(Database& db, std::int64_t id);

// The timeline: at, kind, text, oldest first.
std::vector<Column> escalation_update_columns();
void for_each_escalation_update(Database& db, std::int64_t id, const std::function<void(Row&&)>& emit);
// The action plans: id, escalation, account, action, owner, due, done_on; by escalation.
struct ActionFilter {
    std::optional<std::int64_t> escalation_id;
    bool open_only = false;  // not done
};
std::vector<Column> escalation_action_columns();
void for_each_escalation_action(Database& db, const ActionFilter& filter, const std::function<void(Row&&)>& emit);

}  // namespace acm
