// Contacts and notes: the people of an account and every touchpoint with them.
#include "acm/domain/touchpoints.hpp"

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/store/filter_sql.hpp"
#include "acm/domain/listing.hpp"
#include "cells.hpp"

namespace acm {

const std::vector<std::string>& contact_roles() {
    static const std::vector<std::string> values = {"decision-maker", "champion", "billing", "technical", "user"};
    return values;
}

const std::vector<std::string>& note_kinds() {
    static const std::vector<std::string> values = {"meeting", "qbr", "call", "email", "note"};
    return values;
}

std::string checked_email(std::string_view text, std::string_view field) {
    std::string email = checked_text(text, field, 254);
    auto at = email.find('@');
    if (at == 0 || at == std::string::npos || at + 1 == email.size() ||
        email.find_first_of(" \t\n,;<>") != std::string::npos)
        throw UsageError(fmt::format("{} {} is not a valid e-mail address (expected name@example.com)", field,
                                     quote_value(text)));
    return email;
}

std::int64_t add_contact(Database& db, const Actor& actor, std::int64_t account_id, const ContactFields& fields) {
    db.prepare("INSERT INTO contacts (account_id, name, email, phone, title, role, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind_all(account_id, fields.name, fields.email, fields.phone, fields.title, fields.role,
                  format_timestamp_utc(actor.now))
        .run();
    std::int64_t id = db.last_insert_id();
    Changes changes;
    changes.set("account", account_key_of(db, account_id)).set("name", fields.name);
    if (fields.email) changes.set("email", fields.email);
    if (fields.phone) changes.set("phone", fields.phone);
    if (fields.title) changes.set("title", fields.title);
    if (fields.role) changes.set("role", fields.role);
    record_event(db, actor, {"contact", std::to_string(id), account_id, "add"}, changes);
    return id;
}

const RecordTable& contact_fields() {
    static const RecordTable table{
        .entity = "contact",
        .noun = "contact",
        .table = "contacts",
        .fields =
            {
                text_field("name", "name", "Full name", 200),
                text_field("title", "title", "Job title", 200, true),
                choice_field("role", "role", "decision-maker, champion, billing, technical or user",
                             contact_roles, true),
                custom_field(
                    "email", {{"email"}}, "E-mail address",
                    [](std::string_view text, std::string_view label, const FieldBasis&) -> FieldValue {
                        return checked_email(text, label);
                    },
                    true),
                text_field("phone", "phone", "Phone number", 50, true),
            },
    };
    return table;
}

static const Listing& contact_listing() {
    static const Listing listing({
        {{"id", Kind::integer}, "c.id"},
        {{"account", Kind::text}, "a.key"},
        {{.name = "name", .kind = Kind::text, .priority = 2}, "c.name"},
        {{"title", Kind::text}, "c.title"},
        {{.name = "role", .kind = Kind::text, .fit = Fit::fixed, .priority = 1}, "c.role"},
        {{.name = "email", .kind = Kind::text, .priority = 1}, "c.email"},
        {{"phone", Kind::text}, "c.phone"},
    });
    return listing;
}

std::vector<Column> contact_columns() { return contact_listing().columns(); }

void for_each_contact(Database& db, std::optional<std::int64_t> account_id, const std::function<void(Row&&)>& emit) {
    const Listing& listing = contact_listing();
    auto stmt = db.prepare("SELECT " + listing.select_list() +
                           " FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE " +
                           match_if(account_id.has_value(), "c.account_id", 1) + " ORDER BY a.key, c.id");
    stmt.bind(1, account_id);
    while (stmt.step()) emit(listing.row(stmt));
}

std::int64_t add_note(Database& db, const Actor& actor, std::int64_t account_id, const NoteFields& fields) {
    db.prepare("INSERT INTO notes (account_id, kind, date, text, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind_all(account_id, fields.kind, format_date(fields.date), fields.text, format_timestamp_utc(actor.now))
        .run();
    std::int64_t id = db.last_insert_id();
    Changes changes;
    changes.set("account", account_key_of(db, account_id))
        .set("kind", fields.kind)
        .set("date", format_date(fields.date))
        .set("text", fields.text);
    record_event(db, actor, {"note", std::to_string(id), account_id, "add"}, changes);
    return id;
}

const RecordTable& note_fields() {
    static const RecordTable table{
        .entity = "note",
        .noun = "note",
        .table = "notes",
        .fields =
            {
                choice_field("kind", "kind", "meeting, qbr, call, email or note", note_kinds),
                date_field("date", "date", "When: YYYY-MM-DD, yesterday, -3d, …"),
                text_field("text", "text", "What happened", 10000),
            },
    };
    return table;
}

static const Listing& note_listing() {
    static const Listing listing({
        {{"id", Kind::integer}, "n.id"},
        {{"account", Kind::text}, "a.key"},
        {{.name = "date", .kind = Kind::date, .priority = 1}, "n.date"},
        {{"kind", Kind::text}, "n.kind"},
        {{.name = "text", .kind = Kind::text, .priority = 2}, "n.text"},
    });
    return listing;
}

std::vector<Column> note_columns() { return note_listing().columns(); }

void for_each_note(Database& db, std::optional<std::int64_t> account_id, int limit,
                   const std::function<void(Row&&)>& emit) {
    const Listing& listing = note_listing();
    auto stmt = db.prepare("SELECT " + listing.select_list() +
                           " FROM notes n JOIN accounts a ON a.id = n.account_id WHERE " +
                           match_if(account_id.has_value(), "n.account_id", 1) +
                           " ORDER BY n.date DESC, n.id DESC LIMIT ?2");
    stmt.bind(1, account_id);
    stmt.bind(2, limit > 0 ? std::int64_t{limit} : std::int64_t{-1});
    while (stmt.step()) emit(listing.row(stmt));
}

}  // namespace acm
