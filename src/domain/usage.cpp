// Usage metrics: add, list, remove.
#include "acm/domain/usage.hpp"

#include <fmt/format.h>

#include <cmath>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/listing.hpp"
#include "cells.hpp"
#include "acm/store/filter_sql.hpp"

namespace acm {

double parse_percentage(std::string_view text, std::string_view field) {
    std::string value = trim(text);
    if (!value.empty() && value.back() == '%') value.pop_back();
    auto dot = value.find('.');
    std::string whole = value.substr(0, dot),
                fraction = dot == std::string::npos ? "" : value.substr(dot + 1);
    auto digits = [](const std::string& s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    bool ok = !whole.empty() && whole.size() <= 3 && digits(whole) && digits(fraction) &&
              fraction.size() <= 2 && (dot == std::string::npos || !fraction.empty());
    double number = ok ? std::stod(value) : -1;
    if (!ok || number > 100)
        throw UsageError(fmt::format("{} {} is not a valid percentage (expected 0 to 100, e.g. 42.5)", field,
                                     quote_value(text)));
    return number;
}

namespace {

const char* insert_sql =
    "INSERT INTO usage (account_id, date, active_users, logins, adoption, external_source, external_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";

// The existing row of an account and day, if any.
std::optional<std::int64_t> existing_day(Statement& stmt, std::int64_t account_id, const std::string& date) {
    stmt.reset();
    stmt.bind_all(account_id, date);
    std::optional<std::int64_t> id;
    if (stmt.step()) id = stmt.integer(0);
    stmt.reset();
    return id;
}

const char* existing_sql = "SELECT id FROM usage WHERE account_id = ? AND date = ?";

std::string adoption_text(double adoption) { return fmt::format("{:.2f}", adoption); }

}  // namespace

UsageInsert::UsageInsert(Database& db) : stmt_(db.prepare(insert_sql)) {}

void UsageInsert::insert(std::int64_t account_id, const UsageFields& fields, const ExternalId& external) {
    stmt_.reset();
    stmt_.bind_all(account_id, format_date(fields.date), fields.active_users, fields.logins, fields.adoption,
                   external.source, external.id)
        .run();
}

std::int64_t add_usage(Database& db, const Actor& actor, std::int64_t account_id, const UsageFields& fields) {
    if (!fields.active_users && !fields.logins && !fields.adoption)
        throw UsageError("give at least one of --active-users, --logins and --adoption");
    std::string date = format_date(fields.date);
    auto existing = db.prepare(existing_sql);
    std::string key = account_key_of(db, account_id);
    if (auto id = existing_day(existing, account_id, date))
        throw RuntimeError(
            fmt::format("{} already has usage on {} (id {}); remove it first with "
                        "'acm account usage rm {}'",
                        key, date, *id, *id));
    UsageInsert(db).insert(account_id, fields);
    std::int64_t id = db.last_insert_id();
    Changes changes;
    changes.set("account", key).set("date", date);
    if (fields.active_users) changes.set("active_users", std::to_string(*fields.active_users));
    if (fields.logins) changes.set("logins", std::to_string(*fields.logins));
    if (fields.adoption) changes.set("adoption", adoption_text(*fields.adoption));
    record_event(db, actor, {"usage", std::to_string(id), account_id, "add"}, changes);
    return id;
}

void remove_usage(Database& db, const Actor& actor, std::int64_t id) {
    auto stmt = db.prepare("SELECT account_id, date FROM usage WHERE id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no usage with id {}", id));
    std::int64_t account_id = stmt.integer(0);
    std::string date = stmt.text(1);
    db.prepare("DELETE FROM usage WHERE id = ?").bind(1, id).run();
    record_event(db, actor, {"usage", std::to_string(id), account_id, "rm"},
                 Changes().set("account", account_key_of(db, account_id)).set("was", date));
}

static const Listing& usage_listing() {
    static const Listing listing({
        {{"id", Kind::integer}, "u.id"},
        {{"account", Kind::text}, "a.key"},
        {{"date", Kind::date}, "u.date"},
        {{"active_users", Kind::integer}, "u.active_users"},
        {{"logins", Kind::integer}, "u.logins"},
        {{"adoption", Kind::score}, "u.adoption"},
    });
    return listing;
}

std::vector<Column> usage_columns() { return usage_listing().columns(); }

void for_each_usage(Database& db, std::optional<std::int64_t> account_id,
                    const std::function<void(Row&&)>& emit) {
    const Listing& listing = usage_listing();
    auto stmt = db.prepare("SELECT " + listing.select_list() +
                           " FROM usage u JOIN accounts a ON a.id = u.account_id WHERE " +
                           match_if(account_id.has_value(), "u.account_id", 1) + " ORDER BY u.date DESC, a.key");
    stmt.bind(1, account_id);
    while (stmt.step()) emit(listing.row(stmt));
}

}  // namespace acm
