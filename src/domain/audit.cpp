#include "acm/domain/audit.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "acm/domain/listing.hpp"
#include "acm/output/render.hpp"
#include "acm/store/filter_sql.hpp"
#include "acm/store/undo.hpp"

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
    db.prepare("INSERT INTO events (at, os_user, command, entity, entity_id, account_id, action, changes, command_id) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(format_timestamp_utc(actor.now), actor.os_user, actor.command, event.entity, event.entity_id,
                  event.account_id, event.action, changes.json(), current_command(db))
        .run();
}

std::string current_os_user() {
    for (const char* name : {"USER", "LOGNAME"})
        if (const char* value = std::getenv(name); value && *value) return value;
    if (const passwd* entry = ::getpwuid(::getuid())) return entry->pw_name;
    return std::to_string(::getuid());
}

static const Listing& event_listing() {
    static const Listing listing({
        {{"id", Kind::integer}, "e.id"},
        {{.name = "at", .kind = Kind::timestamp, .priority = 1}, "e.at"},
        {{"user", Kind::text}, "e.os_user"},
        {{.name = "action", .kind = Kind::text, .priority = 1}, "e.action"},
        {{.name = "entity", .kind = Kind::text, .priority = 1}, "e.entity"},
        {{.name = "entity_id", .kind = Kind::text, .fit = Fit::key}, "e.entity_id"},
        {{"account", Kind::text}, "a.key"},
        {{.name = "changes", .kind = Kind::json, .priority = 1}, "e.changes"},
        {{"command", Kind::text, false}, "e.command"},
        // The command (one run of acm, which may record several events) and whether it was undone.
        {{"command_id", Kind::integer, false}, "e.command_id"},
        {{"undone", Kind::boolean}, "EXISTS (SELECT 1 FROM commands c WHERE c.id = e.command_id AND c.undone_by IS NOT NULL)"},
    });
    return listing;
}

std::vector<Column> event_columns() { return event_listing().columns(); }

void for_each_event(Database& db, const EventFilter& filter, const std::function<void(Row&&)>& emit) {
    const Listing& listing = event_listing();
    auto stmt = db.prepare("SELECT " + listing.select_list() +
                           " FROM events e LEFT JOIN accounts a ON a.id = e.account_id WHERE " +
                           match_if(filter.account_id.has_value(), "e.account_id", 1) +
                           " AND (?2 IS NULL OR e.at >= ?2) AND " +
                           match_if(filter.command_id.has_value(), "e.command_id", 3) + " ORDER BY e.id DESC");
    stmt.bind(1, filter.account_id);
    stmt.bind(2, filter.since ? std::optional(format_timestamp_utc(*filter.since)) : std::nullopt);
    stmt.bind(3, filter.command_id);
    while (stmt.step()) emit(listing.row(stmt));
}

}  // namespace acm
