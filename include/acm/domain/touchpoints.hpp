#pragma once
// The contacts of an account and its notes (touchpoints): rules and queries, no printing.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/edit.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

const std::vector<std::string>& contact_roles();  // decision-maker, champion, billing, technical, user
const std::vector<std::string>& note_kinds();     // meeting, qbr, call, email, note

// Contacts ---------------------------------------------------------------------
struct ContactFields {
    std::string name;
    std::optional<std::string> email, phone, title, role;
};
// A contact's e-mail address, trimmed: UsageError "--email X is not a valid e-mail address".
std::string checked_email(std::string_view text, std::string_view field);
std::int64_t add_contact(Database& db, const Actor& actor, std::int64_t account_id, const ContactFields& fields);
// A contact's fields and their rules, for add, edit and rm (edit.hpp).
const RecordTable& contact_fields();
std::vector<Column> contact_columns();
void for_each_contact(Database& db, std::optional<std::int64_t> account_id, const std::function<void(Row&&)>& emit);

// Notes (touchpoints) ----------------------------------------------------------
struct NoteFields {
    std::string text;
    std::string kind = "note";
    Date date;
};
std::int64_t add_note(Database& db, const Actor& actor, std::int64_t account_id, const NoteFields& fields);
// A note's fields and their rules, for add, edit and rm (edit.hpp).
const RecordTable& note_fields();
std::vector<Column> note_columns();
// Newest first; `limit` 0 for all.
void for_each_note(Database& db, std::optional<std::int64_t> account_id, int limit,
                   const std::function<void(Row&&)>& emit);

}  // namespace acm
