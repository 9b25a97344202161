// acm account contact import: contacts from CSV, all-or-nothing.
#include "acm/domain/import/contacts.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <utility>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/domain/touchpoints.hpp"

namespace acm {

namespace {

const CsvSchema& contact_schema() {
    static const CsvSchema schema = [] {
        CsvSchema s;
        s.kind = "contact";
        s.fields = {"account", "name", "first_name", "last_name", "email", "phone", "title", "role", "external_id"};
        s.alias("account", {"account name", "account key", "company", "company name", "associated company",
                            "organization", "organization name", "customer"});
        s.alias("name", {"full name", "contact name", "contact"});
        s.alias("first_name", {"first name", "firstname", "given name"});
        s.alias("last_name", {"last name", "lastname", "surname", "family name"});
        s.alias("email", {"email address", "e mail", "e mail address", "work email"});
        s.alias("phone", {"phone number", "business phone", "mobile phone", "mobile phone number", "work phone"});
        s.alias("title", {"job title", "position"});
        s.alias("role", {"contact role", "buying role"});
        s.alias("external_id", {"external id"});
        return s;
    }();
    return schema;
}

struct Stored {
    std::int64_t id;
    ContactFields fields;
};

// What a row changes in a stored contact: its non-empty cells that differ.
Changes changes_to(const ContactFields& before, const ContactFields& after) {
    Changes changes;
    changes.change("name", before.name, after.name);
    auto field = [&](const char* name, const std::optional<std::string>& from, const std::optional<std::string>& to) {
        if (to) changes.change(name, from, to);
    };
    // An e-mail address is the same in any case: only a new address is a change.
    if (after.email && lowercase(*after.email) != lowercase(before.email.value_or("")))
        changes.change("email", before.email, after.email);
    field("phone", before.phone, after.phone);
    field("title", before.title, after.title);
    field("role", before.role, after.role);
    return changes;
}

}  // namespace

ImportCounts import_contacts(Database& db, const Actor& actor, std::istream& in, const CsvImportOptions& options) {
    ImportReader reader(in, contact_schema(), options);
    reader.require({"account"});
    if (!reader.has("name") && !reader.has("first_name") && !reader.has("last_name"))
        throw UsageError(fmt::format(
            "line 1: no column gives the contact's name (found {}; use --map 'Header=name')",
            join_choices(reader.header())));
    AccountIndex accounts(db, reader);
    ExternalIds external_ids(db, "contacts", reader.source());
    // The contacts there are, by id, and by account and e-mail: a contact without an
    // external id is the one of its account with the same e-mail.
    std::map<std::int64_t, Stored> stored;
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> by_email;
    auto rows = db.prepare("SELECT id, account_id, name, email, phone, title, role FROM contacts");
    while (rows.step()) {
        Stored contact{rows.integer(0), {rows.text(2), rows.optional_text(3), rows.optional_text(4),
                                         rows.optional_text(5), rows.optional_text(6)}};
        if (contact.fields.email) by_email[{rows.integer(1), lowercase(*contact.fields.email)}] = contact.id;
        stored.emplace(contact.id, std::move(contact));
    }

    struct Record {
        std::int64_t account_id;
        ContactFields fields;
        std::optional<std::string> external_id;
        std::optional<std::int64_t> existing;
        bool changes_fields = false;  // the row changes a field of the contact it matched
    };
    ImportCounts counts;
    // Each account's e-mail addresses (lowercase) in the file so far, and the line of each:
    // two rows with one address would be matched to one contact, or add it twice.
    std::map<std::pair<std::int64_t, std::string>, int> emails_in_file;
    auto parse = [&](const ImportReader::Row& row) {
        std::int64_t account_id = accounts.resolve(row, "account");
        auto text = [&](const char* field, std::size_t max_bytes) -> std::optional<std::string> {
            const auto& cell = row[field];
            if (!cell) return std::nullopt;
            return row.parse(field, [&](auto label) { return checked_text(*cell, label, max_bytes); });
        };
        ContactFields fields;
        if (auto name = text("name", 200)) {
            fields.name = *name;
        } else {
            auto first = text("first_name", 100), last = text("last_name", 100);
            if (!first && !last)
                throw UsageError(fmt::format("{} must not be empty", row.label(reader.has("name") ? "name" : "last_name")));
            fields.name = trim(first.value_or("") + " " + last.value_or(""));
        }
        if (auto email = row.trimmed("email")) {
            fields.email = row.parse("email", [&](auto label) { return checked_email(*email, label); });
            if (auto [it, first] = emails_in_file.emplace(std::pair(account_id, lowercase(*fields.email)), row.line);
                !first)
                throw UsageError(fmt::format("{} the e-mail {} appears twice for account {} (line {})",
                                             row.label("email"), quote_value(*fields.email), accounts.key_of(account_id),
                                             it->second));
        }
        fields.phone = text("phone", 50);
        fields.title = text("title", 200);
        // A role as CRMs write it (Decision-Maker) is acm's in another case; an error quotes the cell.
        if (auto role = row.trimmed("role"))
            fields.role = row.parse("role", [&](auto label) {
                return parse_choice(choice_ignoring_case(*role, contact_roles()), contact_roles(), label);
            });
        Record record{account_id, fields, external_ids.of(row), std::nullopt};
        if (record.external_id) record.existing = external_ids.find(*record.external_id);
        if (!record.existing && fields.email)
            if (auto it = by_email.find({account_id, lowercase(*fields.email)}); it != by_email.end())
                record.existing = it->second;
        if (record.existing) {
            record.changes_fields = !changes_to(stored.at(*record.existing).fields, fields).empty();
            if (record.changes_fields && !options.upsert)
                throw UsageError(fmt::format("{} the contact {} exists already (id {}; use --upsert to update it)",
                                             row.label(record.external_id ? "external_id" : "email"),
                                             quote_value(fields.name), *record.existing));
        }
        return record;
    };
    // A matched contact is updated when the row changes a field or gives it an external id it
    // lacks, and left as it is otherwise; a dry run decides the same for the same rows, so
    // that it counts what the import does.
    reader.read<Record>(parse, [&](std::vector<Record>& records) {
        for (const auto& record : records) {
            std::int64_t id = record.existing.value_or(0);
            bool changes = record.existing && (record.changes_fields ||
                                               takes_external_id(db, "contacts", id, record.external_id));
            if (!counts.count(record.existing.has_value(), changes) || options.dry_run) continue;
            if (!record.existing) {
                id = add_contact(db, actor, record.account_id, record.fields);
            } else if (record.changes_fields) {
                const ContactFields& before = stored.at(id).fields;
                const ContactFields& row = record.fields;
                ContactFields after{row.name, row.email ? row.email : before.email, row.phone ? row.phone : before.phone,
                                    row.title ? row.title : before.title, row.role ? row.role : before.role};
                db.prepare("UPDATE contacts SET name = ?, email = ?, phone = ?, title = ?, role = ? WHERE id = ?")
                    .bind_all(after.name, after.email, after.phone, after.title, after.role, id)
                    .run();
                record_event(db, actor, {"contact", std::to_string(id), record.account_id, "edit"},
                             changes_to(before, row));
            }
            set_external_id(db, "contacts", id, external_ids.source(), record.external_id);
        }
    });
    return counts;
}

}  // namespace acm
