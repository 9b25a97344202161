// Escalations: open, update, actions, resolve, reopen; every change is a timeline entry
// and an audit event in the caller's transaction.
#include "acm/domain/escalation.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "acm/core/error.hpp"
#include "acm/domain/listing.hpp"
#include "cells.hpp"
#include "acm/store/filter_sql.hpp"

namespace acm {

using namespace std::chrono;

const std::vector<std::string>& escalation_severities() {
    static const std::vector<std::string> values = {"critical", "high", "medium", "low"};
    return values;
}

const std::vector<std::string>& escalation_sources() {
    static const std::vector<std::string> values = {"customer", "support", "sales", "billing", "internal"};
    return values;
}

const std::vector<std::string>& escalation_statuses() {
    static const std::vector<std::string> values = {"open", "investigating", "mitigating", "resolved"};
    return values;
}

Timestamp end_of_day(Date day) { return parse_timestamp(format_date(day) + "T23:59:59", day, "today"); }

SlaTargets SlaTargets::from(const Config& config) {
    SlaTargets targets;
    for (std::size_t i = 0; i < escalation_severities().size(); ++i) {
        std::string key = "escalation.sla." + escalation_severities()[i];
        targets.by_severity[i] = parse_duration(config.string(key), key);
    }
    return targets;
}

std::size_t severity_index(std::string_view severity) {
    const auto& all = escalation_severities();
    return static_cast<std::size_t>(std::find(all.begin(), all.end(), severity) - all.begin());
}

Timestamp SlaTargets::due(Timestamp opened, const std::string& severity) const {
    // Through the calendar date, so that "1m" means a calendar month; the time of day stays.
    sys_days opened_day = floor<days>(opened);
    Date due_date = add(Date{opened_day}, by_severity.at(severity_index(severity)));
    return Timestamp{sys_days{due_date} + (opened - opened_day)};
}

bool is_breached(Timestamp due, std::optional<Timestamp> resolved_at, Timestamp now) {
    return resolved_at ? *resolved_at > due : now > due;
}

namespace {

struct Current {
    std::int64_t account_id;
    std::string status, severity;
    std::optional<std::string> owner;
    Timestamp opened_at;
};

Current load_current(Database& db, std::int64_t id) {
    auto stmt =
        db.prepare("SELECT account_id, status, severity, owner, opened_at FROM escalations WHERE id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no escalation with id {}", id));
    return {stmt.integer(0), stmt.text(1), stmt.text(2), stmt.optional_text(3),
            parse_timestamp_utc(stmt.text(4)).value_or(Timestamp{})};
}

// A timeline entry. The timeline never goes back in time: an entry (backdated with --at)
// before the newest one is refused. `severity`: the escalation's severity from this entry on
// (set by the "opened" and "severity" entries), what health on a past day reads.
void add_update(Database& db, std::int64_t id, Timestamp at, std::string_view kind, std::string_view text,
                const std::optional<std::string>& severity = std::nullopt) {
    auto latest = db.prepare("SELECT max(at) FROM escalation_updates WHERE escalation_id = ?");
    latest.bind(1, id);
    if (latest.step() && !latest.is_null(0)) {
        Timestamp newest = parse_timestamp_utc(latest.text(0)).value_or(Timestamp{});
        if (at < newest)
            throw UsageError(
                fmt::format("--at {} is before the latest entry of escalation {}'s timeline ({})",
                            format_timestamp_local(at), id, format_timestamp_local(newest)));
    }
    db.prepare("INSERT INTO escalation_updates (escalation_id, at, kind, text, severity) VALUES (?, ?, ?, ?, ?)")
        .bind_all(id, format_timestamp_utc(at), kind, text, severity)
        .run();
}

// How the timeline names an action when it is added and when it is done ("action 7: …",
// "action 7 done: …"), so that its removal finds them.
std::string action_entry(std::int64_t id) { return fmt::format("action {}: ", id); }
std::string action_done_entry(std::int64_t id) { return fmt::format("action {} done: ", id); }

void record(Database& db, const Actor& actor, std::int64_t id, std::int64_t account_id, const char* action,
            const Changes& changes) {
    record_event(db, actor, {"escalation", std::to_string(id), account_id, action}, changes);
}

}  // namespace

std::int64_t escalation_account(Database& db, std::int64_t id) { return load_current(db, id).account_id; }

std::int64_t open_escalation(Database& db, const Actor& actor, std::int64_t account_id,
                             const EscalationFields& fields, const SlaTargets& sla) {
    std::string opened = format_timestamp_utc(fields.opened_at);
    std::string due = format_timestamp_utc(sla.due(fields.opened_at, fields.severity));
    db.prepare(
          "INSERT INTO escalations (account_id, title, description, severity, source, owner, opened_at, "
          "sla_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(account_id, fields.title, fields.description, fields.severity, fields.source, fields.owner,
                  opened, due)
        .run();
    std::int64_t id = db.last_insert_id();
    add_update(db, id, fields.opened_at, "opened",
               fmt::format("opened ({}): {}", fields.severity, fields.title), fields.severity);
    Changes changes;
    changes.set("title", fields.title)
        .set("severity", fields.severity)
        .set("opened_at", opened)
        .set("sla_due_at", due);
    if (fields.source) changes.set("source", fields.source);
    if (fields.owner) changes.set("owner", fields.owner);
    if (fields.description) changes.set("description", fields.description);
    record(db, actor, id, account_id, "open", changes);
    return id;
}

void update_escalation(Database& db, const Actor& actor, std::int64_t id, const EscalationChange& change,
                       Timestamp at, const SlaTargets& sla) {
    Current current = load_current(db, id);
    if (current.status == "resolved" && (change.status || change.severity))
        throw RuntimeError(
            fmt::format("escalation {} is resolved; reopen it first ('acm escalate reopen {}')", id, id));
    Changes changes;
    if (change.status && *change.status != current.status) {
        db.prepare("UPDATE escalations SET status = ? WHERE id = ?").bind_all(*change.status, id).run();
        add_update(db, id, at, "status", fmt::format("status {} → {}", current.status, *change.status));
        changes.change("status", current.status, change.status);
    }
    if (change.severity && *change.severity != current.severity) {
        // The SLA target follows the new severity, counted from the opening.
        std::string due = format_timestamp_utc(sla.due(current.opened_at, *change.severity));
        db.prepare("UPDATE escalations SET severity = ?, sla_due_at = ? WHERE id = ?")
            .bind_all(*change.severity, due, id)
            .run();
        add_update(db, id, at, "severity",
                   fmt::format("severity {} → {}", current.severity, *change.severity), change.severity);
        changes.change("severity", current.severity, change.severity).set("sla_due_at", due);
    }
    if (change.owner && change.owner != current.owner) {
        db.prepare("UPDATE escalations SET owner = ? WHERE id = ?").bind_all(*change.owner, id).run();
        add_update(db, id, at, "owner",
                   fmt::format("owner {} → {}", current.owner.value_or("none"), *change.owner));
        changes.change("owner", current.owner, change.owner);
    }
    if (change.note) {
        add_update(db, id, at, "note", *change.note);
        changes.set("note", change.note);
    }
    if (!changes.empty()) record(db, actor, id, current.account_id, "update", changes);
}

void resolve_escalation(Database& db, const Actor& actor, std::int64_t id, const std::string& root_cause,
                        const std::optional<std::string>& resolution, Timestamp at) {
    Current current = load_current(db, id);
    if (current.status == "resolved")
        throw RuntimeError(fmt::format("escalation {} is already resolved", id));
    std::int64_t seconds = (at - current.opened_at).count();
    db.prepare(
          "UPDATE escalations SET status = 'resolved', resolved_at = ?, resolve_seconds = ?, root_cause = ?, "
          "resolution = ? WHERE id = ?")
        .bind_all(format_timestamp_utc(at), seconds, root_cause, resolution, id)
        .run();
    add_update(db, id, at, "resolved",
               fmt::format("resolved; root cause: {}{}", root_cause,
                           resolution ? "; resolution: " + *resolution : ""));
    Changes changes;
    changes.change("status", current.status, std::string("resolved"))
        .set("resolved_at", format_timestamp_utc(at))
        .set("root_cause", root_cause);
    if (resolution) changes.set("resolution", resolution);
    record(db, actor, id, current.account_id, "resolve", changes);
}

void reopen_escalation(Database& db, const Actor& actor, std::int64_t id, Timestamp at) {
    Current current = load_current(db, id);
    if (current.status != "resolved") throw RuntimeError(fmt::format("escalation {} is not resolved", id));
    // The resolution stays in the timeline; the row holds the current state only.
    db.prepare(
          "UPDATE escalations SET status = 'open', resolved_at = NULL, resolve_seconds = NULL, "
          "root_cause = NULL, resolution = NULL WHERE id = ?")
        .bind(1, id)
        .run();
    add_update(db, id, at, "reopened", "reopened");
    record(db, actor, id, current.account_id, "reopen",
           Changes().change("status", current.status, std::string("open")));
}

std::int64_t add_action(Database& db, const Actor& actor, std::int64_t escalation_id,
                        const ActionFields& fields, Timestamp at) {
    Current current = load_current(db, escalation_id);
    std::optional<std::string> due;
    if (fields.due) due = format_date(*fields.due);
    db.prepare(
          "INSERT INTO escalation_actions (escalation_id, text, owner, due, created_at) VALUES (?, ?, ?, ?, "
          "?)")
        .bind_all(escalation_id, fields.text, fields.owner, due, format_timestamp_utc(actor.now))
        .run();
    std::int64_t id = db.last_insert_id();
    std::string text = action_entry(id) + fields.text;
    if (fields.owner) text += fmt::format(" (owner {})", *fields.owner);
    if (due) text += fmt::format(" (due {})", *due);
    add_update(db, escalation_id, at, "action", text);
    Changes changes;
    changes.set("escalation", std::to_string(escalation_id)).set("text", fields.text);
    if (fields.owner) changes.set("owner", fields.owner);
    if (due) changes.set("due", due);
    record_event(db, actor, {"escalation-action", std::to_string(id), current.account_id, "add"}, changes);
    return id;
}

void complete_action(Database& db, const Actor& actor, std::int64_t action_id, Timestamp at) {
    auto on = parse_iso_date(format_timestamp_local(at).substr(0, 10)).value();  // the local day of `at`
    auto stmt = db.prepare(
        "SELECT a.escalation_id, e.account_id, a.text, a.done_on FROM escalation_actions a "
        "JOIN escalations e ON e.id = a.escalation_id WHERE a.id = ?");
    stmt.bind(1, action_id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no action with id {}", action_id));
    std::int64_t escalation_id = stmt.integer(0), account_id = stmt.integer(1);
    std::string text = stmt.text(2);
    if (auto done = stmt.optional_text(3))
        throw RuntimeError(fmt::format("action {} is already done (on {})", action_id, *done));
    db.prepare("UPDATE escalation_actions SET done_on = ? WHERE id = ?")
        .bind_all(format_date(on), action_id)
        .run();
    add_update(db, escalation_id, at, "action-done", action_done_entry(action_id) + text);
    record_event(db, actor, {"escalation-action", std::to_string(action_id), account_id, "done"},
                 Changes().set("escalation", std::to_string(escalation_id)).set("done_on", format_date(on)));
}

const RecordTable& escalation_fields() {
    static const RecordTable table{
        .entity = "escalation",
        .noun = "escalation",
        .table = "escalations",
        .fields =
            {
                text_field("title", "title", "What is wrong, in a line", 200),
                text_field("description", "description", "The details", 10000, true),
                choice_field("source", "source", "customer, support, sales, billing or internal",
                             escalation_sources, true),
            },
    };
    return table;
}

const RecordTable& action_fields() {
    static const RecordTable table{
        .entity = "escalation-action",
        .noun = "action",
        .table = "escalation_actions",
        .fields =
            {
                derived_field("escalation", {"escalation_id", true}),
                text_field("text", "text", "What is to be done", 10000),
                text_field("owner", "owner", "Who does it", 200, true),
                date_field("due", "due", "By when: YYYY-MM-DD, +2w, eom, …", true),
                derived_field("done_on", {"done_on"}),
            },
        .account_sql =
            "(SELECT e.account_id FROM escalations e WHERE e.id = escalation_actions.escalation_id)",
        // The timeline keeps the escalation's history; an action removed as a mistake leaves no
        // entry naming it there.
        .before_remove =
            [](Database& db, std::int64_t id, Changes& changes) {
                db.prepare(
                      "DELETE FROM escalation_updates WHERE escalation_id = "
                      "(SELECT escalation_id FROM escalation_actions WHERE id = ?1) AND "
                      "((kind = 'action' AND substr(text, 1, length(?2)) = ?2) OR "
                      "(kind = 'action-done' AND substr(text, 1, length(?3)) = ?3))")
                    .bind_all(id, action_entry(id), action_done_entry(id))
                    .run();
                if (int entries = db.changes()) changes.set("timeline_entries", std::to_string(entries));
            },
    };
    return table;
}

// `now` decides whether an escalation has breached its SLA.
static Listing escalation_listing(Timestamp now) {
    return Listing({
        {{"id", Kind::integer}, "e.id"},
        {{"account", Kind::text}, "a.key"},
        {{.name = "severity", .kind = Kind::text, .fit = Fit::fixed, .priority = 2}, "e.severity"},
        {{.name = "status", .kind = Kind::text, .fit = Fit::fixed, .priority = 2}, "e.status"},
        {{.name = "title", .kind = Kind::text, .priority = 2}, "e.title"},
        {{"owner", Kind::text}, "e.owner"},
        {{"source", Kind::text, false}, "e.source"},
        {{"opened_at", Kind::timestamp}, "e.opened_at"},
        {{"sla_due_at", Kind::timestamp}, "e.sla_due_at"},
        // The breach rule lives in is_breached only, so it is decided here rather than in SQL.
        {{.name = "breached", .kind = Kind::boolean, .priority = 1}, "",
         [now](const ListingRow& r) {
             return Cell{is_breached(r.timestamp("sla_due_at").value_or(Timestamp{}), r.timestamp("resolved_at"), now)};
         }},
        {{"resolved_at", Kind::timestamp, false}, "e.resolved_at"},
        {{"resolve_hours", Kind::score, false}, "e.resolve_seconds / 3600.0"},
        {{"open_actions", Kind::integer, false},
         "(SELECT count(*) FROM escalation_actions x WHERE x.escalation_id = e.id AND x.done_on IS NULL)"},
        {{"root_cause", Kind::text, false}, "e.root_cause"},
        {{"resolution", Kind::text, false}, "e.resolution"},
        {{"description", Kind::text, false}, "e.description"},
    });
}

std::vector<Column> escalation_columns() { return escalation_listing(Timestamp{}).columns(); }

void for_each_escalation(Database& db, const EscalationFilter& filter, Timestamp now,
                         const std::function<void(Row&&)>& emit) {
    Listing listing = escalation_listing(now);
    auto stmt = db.prepare(
        "SELECT " + listing.select_list() + " FROM escalations e JOIN accounts a ON a.id = e.account_id "
        "WHERE " + match_if(filter.id.has_value(), "e.id", 1) + " AND " +
        match_if(filter.account_id.has_value(), "e.account_id", 2) + " AND (?3 IS NULL OR e.severity = ?3) "
        "AND (?4 IS NULL OR e.owner = ?4 COLLATE NOCASE) AND (?5 = 0 OR e.status <> 'resolved') ORDER BY "
        "e.id");
    stmt.bind_all(filter.id, filter.account_id, filter.severity, filter.owner,
                  std::int64_t{filter.open_only});
    const std::size_t breached = listing.index("breached");
    while (stmt.step()) {
        Row row = listing.row(stmt);
        if (filter.breached_only && !std::get<bool>(row[breached])) continue;
        emit(std::move(row));
    }
}

static const Listing& update_listing() {
    static const Listing listing({
        {{"at", Kind::timestamp}, "at"},
        {{"kind", Kind::text}, "kind"},
        {{"text", Kind::text}, "text"},
    });
    return listing;
}

std::vector<Column> escalation_update_columns() { return update_listing().columns(); }

void for_each_escalation_update(Database& db, std::int64_t id, const std::function<void(Row&&)>& emit) {
    const Listing& listing = update_listing();
    auto stmt = db.prepare("SELECT " + listing.select_list() +
                           " FROM escalation_updates WHERE escalation_id = ? ORDER BY at, id");
    stmt.bind(1, id);
    while (stmt.step()) emit(listing.row(stmt));
}

static const Listing& action_listing() {
    static const Listing listing({
        {{"id", Kind::integer}, "x.id"},
        {{"escalation", Kind::integer}, "x.escalation_id"},
        {{"account", Kind::text}, "a.key"},
        {{.name = "action", .kind = Kind::text, .priority = 2}, "x.text"},
        {{"owner", Kind::text}, "x.owner"},
        {{.name = "due", .kind = Kind::date, .priority = 1}, "x.due"},
        {{"done_on", Kind::date}, "x.done_on"},
    });
    return listing;
}

std::vector<Column> escalation_action_columns() { return action_listing().columns(); }

void for_each_escalation_action(Database& db, const ActionFilter& filter, const std::function<void(Row&&)>& emit) {
    const Listing& listing = action_listing();
    auto stmt = db.prepare("SELECT " + listing.select_list() +
                           " FROM escalation_actions x JOIN escalations e ON e.id = x.escalation_id "
                           "JOIN accounts a ON a.id = e.account_id WHERE " +
                           match_if(filter.escalation_id.has_value(), "x.escalation_id", 1) +
                           " AND (?2 = 0 OR x.done_on IS NULL) ORDER BY x.escalation_id, x.id");
    stmt.bind_all(filter.escalation_id, std::int64_t{filter.open_only});
    while (stmt.step()) emit(listing.row(stmt));
}

}  // namespace acm
