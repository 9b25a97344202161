// Escalations: open, update, actions, resolve, reopen; every change is a timeline entry
// and an audit event in the caller's transaction.
#include "acm/domain/escalation.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "acm/core/error.hpp"
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

static std::size_t severity_index(const std::string& severity) {
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
// before the newest one is refused.
void add_update(Database& db, std::int64_t id, Timestamp at, std::string_view kind, std::string_view text) {
    auto latest = db.prepare("SELECT max(at) FROM escalation_updates WHERE escalation_id = ?");
    latest.bind(1, id);
    if (latest.step() && !latest.is_null(0)) {
        Timestamp newest = parse_timestamp_utc(latest.text(0)).value_or(Timestamp{});
        if (at < newest)
            throw UsageError(
                fmt::format("--at {} is before the latest entry of escalation {}'s timeline ({})",
                            format_timestamp_local(at), id, format_timestamp_local(newest)));
    }
    db.prepare("INSERT INTO escalation_updates (escalation_id, at, kind, text) VALUES (?, ?, ?, ?)")
        .bind_all(id, format_timestamp_utc(at), kind, text)
        .run();
}

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
               fmt::format("opened ({}): {}", fields.severity, fields.title));
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
                   fmt::format("severity {} → {}", current.severity, *change.severity));
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
    std::string text = fmt::format("action {}: {}", id, fields.text);
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
    add_update(db, escalation_id, at, "action-done", fmt::format("action {} done: {}", action_id, text));
    record_event(db, actor, {"escalation-action", std::to_string(action_id), account_id, "done"},
                 Changes().set("escalation", std::to_string(escalation_id)).set("done_on", format_date(on)));
}

std::vector<Column> escalation_columns() {
    return {
        {"id", Kind::integer},
        {"account", Kind::text},
        {"severity", Kind::text},
        {"status", Kind::text},
        {"title", Kind::text},
        {"owner", Kind::text},
        {"source", Kind::text, false},
        {"opened_at", Kind::timestamp},
        {"sla_due_at", Kind::timestamp},
        {"breached", Kind::boolean},
        {"resolved_at", Kind::timestamp, false},
        {"resolve_hours", Kind::score, false},
        {"open_actions", Kind::integer, false},
        {"root_cause", Kind::text, false},
        {"resolution", Kind::text, false},
        {"description", Kind::text, false},
    };
}

static Cell timestamp_or_null(const Statement& stmt, int column) {
    if (stmt.is_null(column)) return std::monostate{};
    if (auto ts = parse_timestamp_utc(stmt.text(column))) return *ts;
    return stmt.text(column);
}

void for_each_escalation(Database& db, const EscalationFilter& filter, Timestamp now,
                         const std::function<void(Row&&)>& emit) {
    auto stmt = db.prepare(
        "SELECT e.id, a.key, e.severity, e.status, e.title, e.owner, e.source, e.opened_at, e.sla_due_at, "
        "e.resolved_at, e.resolve_seconds, "
        "(SELECT count(*) FROM escalation_actions x WHERE x.escalation_id = e.id AND x.done_on IS NULL), "
        "e.root_cause, e.resolution, e.description "
        "FROM escalations e JOIN accounts a ON a.id = e.account_id "
        "WHERE " + match_if(filter.id.has_value(), "e.id", 1) + " AND " +
        match_if(filter.account_id.has_value(), "e.account_id", 2) + " AND (?3 IS NULL OR e.severity = ?3) "
        "AND (?4 IS NULL OR e.owner = ?4 COLLATE NOCASE) AND (?5 = 0 OR e.status <> 'resolved') ORDER BY "
        "e.id");
    stmt.bind_all(filter.id, filter.account_id, filter.severity, filter.owner,
                  std::int64_t{filter.open_only});
    while (stmt.step()) {
        auto due = parse_timestamp_utc(stmt.text(8)).value_or(Timestamp{});
        auto resolved = stmt.is_null(9) ? std::nullopt : parse_timestamp_utc(stmt.text(9));
        // The breach rule lives in is_breached only, so it is decided here rather than in SQL.
        bool breached = is_breached(due, resolved, now);
        if (filter.breached_only && !breached) continue;
        Row row{stmt.integer(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4)};
        row.push_back(text_cell(stmt, 5));
        row.push_back(text_cell(stmt, 6));
        row.push_back(timestamp_or_null(stmt, 7));
        row.emplace_back(due);
        row.emplace_back(breached);
        row.push_back(timestamp_or_null(stmt, 9));
        row.push_back(stmt.is_null(10) ? Cell{} : Cell{static_cast<double>(stmt.integer(10)) / 3600.0});
        row.emplace_back(stmt.integer(11));
        for (int column = 12; column <= 14; ++column) row.push_back(text_cell(stmt, column));
        emit(std::move(row));
    }
}

std::vector<Column> escalation_update_columns() {
    return {{"at", Kind::timestamp}, {"kind", Kind::text}, {"text", Kind::text}};
}

void for_each_escalation_update(Database& db, std::int64_t id, const std::function<void(Row&&)>& emit) {
    auto stmt =
        db.prepare("SELECT at, kind, text FROM escalation_updates WHERE escalation_id = ? ORDER BY at, id");
    stmt.bind(1, id);
    while (stmt.step()) emit(Row{timestamp_or_null(stmt, 0), stmt.text(1), stmt.text(2)});
}

std::vector<Column> escalation_action_columns() {
    return {{"id", Kind::integer},
            {"action", Kind::text},
            {"owner", Kind::text},
            {"due", Kind::date},
            {"done_on", Kind::date}};
}

void for_each_escalation_action(Database& db, std::int64_t id, const std::function<void(Row&&)>& emit) {
    auto stmt = db.prepare(
        "SELECT id, text, owner, due, done_on FROM escalation_actions WHERE escalation_id = ? "
        "ORDER BY id");
    stmt.bind(1, id);
    while (stmt.step())
        emit(Row{stmt.integer(0), stmt.text(1), text_cell(stmt, 2), date_cell(stmt, 3),
                 date_cell(stmt, 4)});
}

}  // namespace acm
