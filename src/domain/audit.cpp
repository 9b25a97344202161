#include "acm/domain/audit.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "acm/output/render.hpp"
#include "acm/store/filter_sql.hpp"

namespace acm {

static Cell text_or_null(const std::optional<std::string>& value) {
    return value ? Cell{*value} : Cell{};
}

Changes& Changes::set(std::string_view field, const std::optional<std::string>& value) {
    fields_.push_back({std::string(field), Kind::text});
    values_.push_back(text_or_null(value));
    return *this;
}

Changes& Changes::change(std::string_view field, const std::optional<std::string>& from,
                         const std::optional<std::string>& to) {
    if (from == to) return *this;
    fields_.push_back({std::string(field), Kind::list});
    values_.push_back(record_cell({{"from", Kind::text}, {"to", Kind::text}}, Row{text_or_null(from), text_or_null(to)}));
    return *this;
}

std::string Changes::json() const { return json_object(fields_, values_); }

void record_event(Database& db, const Actor& actor, const Event& event, const Changes& changes) {
    db.prepare("INSERT INTO events (at, os_user, command, entity, entity_id, account_id, action, changes) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(format_timestamp_utc(actor.now), actor.os_user, actor.command, event.entity, event.entity_id,
                  event.account_id, event.action, changes.json())
        .run();
}

std::string current_os_user() {
    for (const char* name : {"USER", "LOGNAME"})
        if (const char* value = std::getenv(name); value && *value) return value;
    if (const passwd* entry = ::getpwuid(::getuid())) return entry->pw_name;
    return std::to_string(::getuid());
}

std::vector<Column> event_columns() {
    return {{"id", Kind::integer},       {"at", Kind::timestamp},   {"user", Kind::text},
            {"action", Kind::text},      {"entity", Kind::text},    {"entity_id", Kind::text},
            {"account", Kind::text},     {"changes", Kind::json},   {"command", Kind::text, false}};
}

void for_each_event(Database& db, const EventFilter& filter, const std::function<void(Row&&)>& emit) {
    auto stmt = db.prepare(
        "SELECT e.id, e.at, e.os_user, e.action, e.entity, e.entity_id, a.key, e.changes, e.command "
        "FROM events e LEFT JOIN accounts a ON a.id = e.account_id "
        "WHERE " +
        match_if(filter.account_id.has_value(), "e.account_id", 1) +
        " AND (?2 IS NULL OR e.at >= ?2) "
        "ORDER BY e.id DESC");
    stmt.bind(1, filter.account_id);
    stmt.bind(2, filter.since ? std::optional(format_timestamp_utc(*filter.since)) : std::nullopt);
    while (stmt.step()) {
        Row row;
        row.emplace_back(stmt.integer(0));
        if (auto at = parse_timestamp_utc(stmt.text(1)))
            row.emplace_back(*at);
        else
            row.emplace_back(stmt.text(1));
        for (int column = 2; column <= 8; ++column) {
            if (stmt.is_null(column))
                row.emplace_back(std::monostate{});
            else
                row.emplace_back(stmt.text(column));
        }
        emit(std::move(row));
    }
}

}  // namespace acm
