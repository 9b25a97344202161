// Tasks of an account (acm-task(1)).
#include "acm/domain/task.hpp"

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/listing.hpp"
#include "acm/store/filter_sql.hpp"
#include "cells.hpp"

namespace acm {

const std::vector<std::string>& task_priorities() {
    static const std::vector<std::string> values = {"high", "normal", "low"};
    return values;
}

std::string task_headline(const std::string& text, const std::string& priority) {
    return priority == "high" ? "high: " + text : text;
}

std::int64_t add_task(Database& db, const Actor& actor, std::int64_t account_id, const TaskFields& fields, Date today) {
    std::optional<std::string> due;
    if (fields.due) due = format_date(*fields.due);
    db.prepare("INSERT INTO tasks (account_id, text, due, owner, priority, play, created_on, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(account_id, fields.text, due, fields.owner, fields.priority, fields.play, format_date(today),
                  format_timestamp_utc(actor.now))
        .run();
    std::int64_t id = db.last_insert_id();
    Changes changes;
    changes.set("account", account_key_of(db, account_id))
        .set("text", fields.text)
        .set("due", due)
        .set("owner", fields.owner)
        .set("priority", fields.priority)
        .set("play", fields.play);
    record_event(db, actor, {"task", std::to_string(id), account_id, "add"}, changes);
    return id;
}

void complete_task(Database& db, const Actor& actor, std::int64_t id, Date day, const std::optional<std::string>& note) {
    auto stmt = db.prepare("SELECT account_id, done_on FROM tasks WHERE id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no task with id {}", id));
    if (!stmt.is_null(1)) throw RuntimeError(fmt::format("task {} was already done on {}", id, stmt.text(1)));
    std::int64_t account_id = stmt.integer(0);
    db.prepare("UPDATE tasks SET done_on = ?, done_note = ? WHERE id = ?").bind_all(format_date(day), note, id).run();
    Changes changes;
    changes.set("done_on", format_date(day)).set("note", note);
    record_event(db, actor, {"task", std::to_string(id), account_id, "done"}, changes);
}

const RecordTable& task_fields() {
    static const RecordTable table{
        .entity = "task",
        .noun = "task",
        .table = "tasks",
        .fields =
            {
                text_field("text", "text", "What is to be done", 2000),
                date_field("due", "due", "When it is due: YYYY-MM-DD, +3d, friday, …", true),
                text_field("owner", "owner", "Who does it (default: the account's owner)", 200, true),
                choice_field("priority", "priority", "high, normal or low", task_priorities),
                date_field("done_on", "done_on", "When it was done"),
                text_field("note", "done_note", "What came of it", 2000, true),
                clear_flag("not_done", "done_on", "Mark it not done"),
            },
    };
    return table;
}

static Listing task_listing(Date today) {
    return Listing({
        {{"id", Kind::integer}, "t.id"},
        {{"account", Kind::text}, "a.key"},
        {{.name = "due", .kind = Kind::date, .priority = 2}, "t.due"},
        {{.name = "priority", .kind = Kind::text, .fit = Fit::fixed, .priority = 1}, "t.priority"},
        {{.name = "text", .kind = Kind::text, .priority = 3}, "t.text"},
        {{.name = "owner", .kind = Kind::text, .priority = 1}, "coalesce(t.owner, a.owner)"},
        {{.name = "status", .kind = Kind::text, .fit = Fit::fixed, .priority = 2}, "",
         [today](const ListingRow& r) {
             if (!r.is_null("done_on")) return Cell{std::string("done")};
             auto due = r.date("due");
             return Cell{std::string(due && *due < today ? "overdue" : "open")};
         }},
        {{"play", Kind::text}, "t.play"},
        {{"done_on", Kind::date}, "t.done_on"},
    });
}

std::vector<Column> task_columns() { return task_listing(Date{}).columns(); }

void for_each_task(Database& db, const TaskFilter& filter, Date today, const std::function<void(Row&&)>& emit) {
    Listing listing = task_listing(today);
    std::optional<std::string> due_by, overdue_before;
    if (filter.due_by) due_by = format_date(*filter.due_by);
    if (filter.overdue) overdue_before = format_date(today);
    auto stmt = db.prepare(
        "SELECT " + listing.select_list() + " FROM tasks t JOIN accounts a ON a.id = t.account_id WHERE " +
        match_if(filter.account_id.has_value(), "t.account_id", 1) +
        " AND (?2 IS NULL OR coalesce(t.owner, a.owner) = ?2)"
        " AND (?3 OR t.done_on IS NULL)"
        " AND (?4 IS NULL OR t.due <= ?4) AND (?5 IS NULL OR t.due < ?5)"
        " ORDER BY t.done_on IS NOT NULL, t.done_on, t.due IS NULL, t.due, "
        "CASE t.priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, t.id");
    stmt.bind_all(filter.account_id, filter.owner, std::int64_t{filter.all}, due_by, overdue_before);
    while (stmt.step()) emit(listing.row(stmt));
}

void check_known_owner(Database& db, const std::string& owner) {
    auto stmt = db.prepare(
        "SELECT EXISTS (SELECT 1 FROM accounts WHERE owner = ?1) OR EXISTS (SELECT 1 FROM tasks WHERE owner = ?1) "
        "OR EXISTS (SELECT 1 FROM escalations WHERE owner = ?1) "
        "OR EXISTS (SELECT 1 FROM escalation_actions WHERE owner = ?1) "
        "OR EXISTS (SELECT 1 FROM renewals WHERE owner = ?1)");
    stmt.bind(1, owner);
    if (stmt.step() && stmt.integer(0)) return;
    throw RuntimeError(fmt::format("no account, task, renewal or escalation has owner {}", quote_value(owner)));
}

}  // namespace acm
