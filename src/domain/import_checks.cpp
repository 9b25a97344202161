// The checks of `acm import FILE.json`: each column's rule calls the parse or validate
// function that the command writing the column calls, so that a value and its message
// are the same whether it comes from the command line or from an export.
#include "acm/domain/import_checks.hpp"

#include <limits>

#include <fmt/format.h>

#include "acm/core/date.hpp"
#include "acm/core/error.hpp"
#include "acm/core/money.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account_plan.hpp"
#include "acm/domain/escalation.hpp"
#include "acm/domain/feedback.hpp"
#include "acm/domain/renewal.hpp"
#include "acm/domain/task.hpp"
#include "acm/domain/touchpoints.hpp"
#include "acm/domain/usage.hpp"

namespace acm {

namespace {

using Rule = ImportChecks::Rule;
// Checks the text of a value that is present and returns what to store.
using Check = std::function<JsonCell(const std::string& text, const JsonRow& row, const std::string& field)>;

const JsonCell* find_cell(const JsonRow& row, std::string_view column) {
    for (const auto& [name, cell] : row)
        if (name == column) return &cell;
    return nullptr;
}

// The value as the text a command would have been given.
std::string as_text(const JsonCell& cell, const std::string& field) {
    if (auto* text = std::get_if<std::string>(&cell)) return *text;
    if (auto* integer = std::get_if<std::int64_t>(&cell)) return std::to_string(*integer);
    if (auto* real = std::get_if<double>(&cell)) return fmt::format("{}", *real);
    if (std::holds_alternative<JsonBlob>(cell))
        throw UsageError(fmt::format("{} is binary data (expected text)", field));
    return {};
}

Rule optional(Check check) {
    return [check](JsonCell& cell, const JsonRow& row, const std::string& field) {
        if (std::holds_alternative<std::nullptr_t>(cell)) return;
        cell = check(as_text(cell, field), row, field);
    };
}
Rule required(Check check) {
    return [check](JsonCell& cell, const JsonRow& row, const std::string& field) {
        if (std::holds_alternative<std::nullptr_t>(cell)) throw UsageError(fmt::format("{} must not be empty", field));
        cell = check(as_text(cell, field), row, field);
    };
}

Check id() {
    return [](const std::string& text, const JsonRow&, const std::string& field) -> JsonCell {
        return parse_id(text, field);
    };
}
Check integer(std::int64_t min, std::int64_t max = std::numeric_limits<std::int64_t>::max()) {
    return [min, max](const std::string& text, const JsonRow&, const std::string& field) -> JsonCell {
        return parse_integer(text, min, max, field);
    };
}
Check text(std::size_t max_bytes = 10000) {
    return [max_bytes](const std::string& value, const JsonRow&, const std::string& field) -> JsonCell {
        return checked_text(value, field, max_bytes);
    };
}
// Text that acm writes itself (the audit log, an escalation's timeline): any text.
Check any_text() {
    return [](const std::string& value, const JsonRow&, const std::string&) -> JsonCell { return value; };
}
Check choice(const std::vector<std::string>& valid) {
    return [&valid](const std::string& value, const JsonRow&, const std::string& field) -> JsonCell {
        return parse_choice(value, valid, field);
    };
}
// Stored dates are YYYY-MM-DD: a relative date (today, +30d) means nothing in a file.
Check date() {
    return [](const std::string& value, const JsonRow&, const std::string& field) -> JsonCell {
        if (parse_iso_date(value)) return value;
        parse_date(value, system_today(), field);  // the commands' message for what is no date at all
        throw UsageError(fmt::format("{} {} is not valid (expected a date as YYYY-MM-DD)", field, quote_value(value)));
    };
}
Check timestamp() {
    return [](const std::string& value, const JsonRow&, const std::string& field) -> JsonCell {
        auto at = parse_timestamp_utc(value);
        if (!at || format_timestamp_utc(*at) != value)
            throw UsageError(fmt::format("{} {} is not a valid timestamp (expected YYYY-MM-DDTHH:MM:SSZ, in UTC)",
                                         field, quote_value(value)));
        return value;
    };
}
Check duration() {
    return [](const std::string& value, const JsonRow&, const std::string& field) -> JsonCell {
        parse_duration(value, field);
        return value;
    };
}
// As `contract add --currency` checks it; stored in capitals, as the commands store it.
Check currency() {
    return [](const std::string& value, const JsonRow&, const std::string& field) -> JsonCell {
        if (!is_currency(value))
            throw UsageError(fmt::format("{} {} is not valid (expected an ISO 4217 currency code such as EUR)", field,
                                         quote_value(value)));
        return value;
    };
}
// An amount in minor units of the row's currency: what parse_money accepts for it.
Check amount() {
    return [](const std::string& value, const JsonRow& row, const std::string& field) -> JsonCell {
        std::int64_t minor = parse_integer(value, std::numeric_limits<std::int64_t>::min(),
                                           std::numeric_limits<std::int64_t>::max(), field);
        const JsonCell* code = find_cell(row, "currency");
        auto* text = code ? std::get_if<std::string>(code) : nullptr;
        if (text && is_currency(*text)) return parse_money(format_decimal(Money{minor, *text}), *text, field).minor;
        return parse_integer(value, 0, std::numeric_limits<std::int64_t>::max(), field);
    };
}
Check percentage() {
    return [](const std::string& value, const JsonRow&, const std::string& field) -> JsonCell {
        return parse_percentage(value, field);
    };
}
Check score() {
    return [](const std::string& value, const JsonRow& row, const std::string& field) -> JsonCell {
        const JsonCell* type = find_cell(row, "type");
        auto* text = type ? std::get_if<std::string>(type) : nullptr;
        if (text && std::find(feedback_types().begin(), feedback_types().end(), *text) != feedback_types().end())
            return parse_score(value, *text, field);
        return parse_integer(value, 0, 10, field);
    };
}
Check email() {
    return [](const std::string& value, const JsonRow&, const std::string& field) -> JsonCell {
        return checked_email(value, field);
    };
}
const Check flag = integer(0, 1);
const Check count = integer(0, 1'000'000'000);  // as account usage add takes them

// The kinds of an escalation's timeline entries, as the schema's CHECK lists them.
const std::vector<std::string>& escalation_update_kinds() {
    static const std::vector<std::string> values = {"opened", "status", "severity", "owner", "note",
                                                    "action", "action-done", "resolved", "reopened"};
    return values;
}
const std::vector<std::string>& renewal_outcomes() {
    static const std::vector<std::string> values = {"renewed", "churned"};
    return values;
}
const std::vector<std::string>& follow_up_states() {
    static const std::vector<std::string> values = {"open", "done"};
    return values;
}

}  // namespace

ImportChecks::ImportChecks(const AccountRules& rules) : rules_(rules) {
    // An account's fields go through validate_account_fields, as in account add and import.
    auto account_field = [this](auto member) {
        return [this, member](const std::string& value, const JsonRow&, const std::string& field) -> JsonCell {
            AccountFields fields;
            member(fields) = value;
            return *member(validate_account_fields(fields, rules_, [&](std::string_view) { return field; }));
        };
    };
    auto field_of = [](std::optional<std::string> AccountFields::*member) {
        return [member](auto&& fields) -> auto& { return fields.*member; };
    };
    Check tag = [this](const std::string& value, const JsonRow&, const std::string& field) -> JsonCell {
        AccountFields fields;
        fields.add_tags = {value};
        return validate_account_fields(fields, rules_, [&](std::string_view) { return field; }).add_tags.front();
    };

    tables_["accounts"] = {
        {"id", required(id())},
        {"key", required(account_field(field_of(&AccountFields::key)))},
        {"name", required(account_field(field_of(&AccountFields::name)))},
        {"status", required(account_field(field_of(&AccountFields::status)))},
        {"created_at", required(timestamp())},
        {"updated_at", required(timestamp())},
    };
    for (std::size_t i = 0; i < account_text_fields.size(); ++i)
        tables_["accounts"][std::string(account_text_fields[i].name)] =
            optional(account_field([i](auto&& fields) -> auto& { return fields.texts[i]; }));
    tables_["account_tags"] = {{"account_id", required(id())}, {"tag", required(tag)}};
    tables_["contacts"] = {
        {"id", required(id())},           {"account_id", required(id())},
        {"name", required(text(200))},    {"email", optional(email())},
        {"phone", optional(text(50))},    {"title", optional(text(200))},
        {"role", optional(choice(contact_roles()))}, {"created_at", required(timestamp())},
    };
    tables_["notes"] = {
        {"id", required(id())},          {"account_id", required(id())},
        {"kind", required(choice(note_kinds()))}, {"date", required(date())},
        {"text", required(text())},      {"created_at", required(timestamp())},
    };
    tables_["events"] = {
        {"id", required(id())},
        {"at", required(timestamp())},
        {"os_user", required(any_text())},
        {"command", required(any_text())},
        {"entity", required(any_text())},
        {"entity_id", required(any_text())},
        // The id of an account, kept after the account is removed.
        {"account_id", optional(id())},
        {"action", required(any_text())},
        {"changes", required(any_text())},
        {"command_id", optional(id())},
    };
    tables_["commands"] = {
        {"id", required(id())},          {"at", required(timestamp())},
        {"os_user", required(any_text())}, {"command", required(any_text())},
        {"undo_of", optional(id())},     {"undone_by", optional(id())},
    };
    tables_["meta"] = {{"key", required(any_text())}, {"value", required(any_text())}};
    tables_["contracts"] = {
        {"id", required(id())},
        {"account_id", required(id())},
        {"title", optional(text(200))},
        {"start_date", required(date())},
        {"end_date", required(date())},
        {"currency", required(currency())},
        {"one_time_minor", required(amount())},
        {"auto_renew", required(flag)},
        {"notice", optional(duration())},
        {"sla", optional(text(2000))},
        {"signed_date", optional(date())},
        {"terminated_on", optional(date())},
        {"termination_reason", optional(text(2000))},
        {"predecessor_id", optional(id())},
        {"created_at", required(timestamp())},
    };
    // Amounts in the currency of the contract, another table's row: not negative.
    Check contract_amount = integer(0);
    tables_["contract_arr"] = {
        {"id", required(id())},           {"contract_id", required(id())},
        {"effective", required(date())},  {"arr_minor", required(contract_amount)},
        {"reason", optional(text(2000))}, {"created_at", required(timestamp())},
    };
    tables_["renewals"] = {
        {"id", required(id())},
        {"contract_id", required(id())},
        {"due", required(date())},
        {"notice_deadline", required(date())},
        {"stage", required(choice(renewal_stages()))},
        {"risk", required(choice(renewal_risks()))},
        {"forecast_minor", optional(contract_amount)},
        {"reason", optional(text(2000))},
        {"plan", optional(text(2000))},
        {"owner", optional(text(2000))},
        {"outcome", optional(choice(renewal_outcomes()))},
        {"closed_on", optional(date())},
        {"old_arr_minor", optional(contract_amount)},
        {"new_arr_minor", optional(contract_amount)},
        {"successor_id", optional(id())},
    };
    // renewal remind --days takes 0 to 3660.
    tables_["renewal_reminders"] = {
        {"renewal_id", required(id())}, {"threshold_days", required(integer(0, 3660))}, {"sent_on", required(date())}};
    tables_["escalations"] = {
        {"id", required(id())},
        {"account_id", required(id())},
        {"title", required(text(200))},
        {"description", optional(text())},
        {"severity", required(choice(escalation_severities()))},
        {"source", optional(choice(escalation_sources()))},
        {"owner", optional(text(200))},
        {"status", required(choice(escalation_statuses()))},
        {"opened_at", required(timestamp())},
        {"sla_due_at", required(timestamp())},
        {"resolved_at", optional(timestamp())},
        {"resolve_seconds", optional(integer(0))},
        {"root_cause", optional(text())},
        {"resolution", optional(text())},
    };
    tables_["escalation_updates"] = {
        {"id", required(id())},        {"escalation_id", required(id())},
        {"at", required(timestamp())}, {"kind", required(choice(escalation_update_kinds()))},
        {"text", required(any_text())}, {"severity", optional(choice(escalation_severities()))},
    };
    tables_["escalation_actions"] = {
        {"id", required(id())},          {"escalation_id", required(id())},
        {"text", required(text())},      {"owner", optional(text(200))},
        {"due", optional(date())},       {"done_on", optional(date())},
        {"created_at", required(timestamp())},
    };
    tables_["feedback"] = {
        {"id", required(id())},
        {"account_id", required(id())},
        {"date", required(date())},
        {"type", optional(choice(feedback_types()))},
        {"score", optional(score())},
        {"kind", optional(choice(feedback_kinds()))},
        {"text", optional(text())},
        {"contact", optional(text(200))},
        {"category", optional(text(200))},
        {"negative", required(flag)},
        {"follow_up", optional(choice(follow_up_states()))},
        {"follow_up_done_on", optional(date())},
    };
    tables_["feedback_follow_ups"] = {
        {"id", required(id())},   {"feedback_id", required(id())}, {"date", required(date())},
        {"note", required(text())}, {"done", required(flag)},
    };
    tables_["surveys"] = {
        {"id", required(id())},   {"account_id", required(id())},
        {"type", required(choice(feedback_types()))},
        {"sent", required(integer(1, 1'000'000'000))}, {"date", required(date())},
    };
    tables_["usage"] = {
        {"id", required(id())},          {"account_id", required(id())},  {"date", required(date())},
        {"active_users", optional(count)}, {"logins", optional(count)},   {"adoption", optional(percentage())},
    };
    tables_["opportunities"] = {
        {"id", required(id())},
        {"account_id", required(id())},
        {"title", required(text(500))},
        {"kind", required(choice(opportunity_kinds()))},
        {"stage", required(choice(opportunity_stages()))},
        {"value_minor", required(amount())},
        {"currency", required(currency())},
        {"probability", required(integer(0, 100))},
        {"close_date", optional(date())},
        {"created_at", required(timestamp())},
    };
    tables_["milestones"] = {
        {"id", required(id())},          {"account_id", required(id())}, {"title", required(text(500))},
        {"due", required(date())},       {"done_on", optional(date())},  {"created_at", required(timestamp())},
    };
    tables_["tasks"] = {
        {"id", required(id())},
        {"account_id", required(id())},
        {"text", required(text(2000))},
        {"due", optional(date())},
        {"owner", optional(text(200))},
        {"priority", required(choice(task_priorities()))},
        {"play", optional(text(200))},
        {"created_on", required(date())},
        {"done_on", optional(date())},
        {"done_note", optional(text(2000))},
        {"created_at", required(timestamp())},
    };
    tables_["costs"] = {
        {"id", required(id())},
        {"account_id", required(id())},
        {"date", required(date())},
        {"amount_minor", required(amount())},
        {"currency", required(currency())},
        {"category", required(choice(cost_categories()))},
        {"note", optional(text(2000))},
        {"created_at", required(timestamp())},
    };
    // The id another system gave an imported row, and that system's name.
    for (const char* table : {"accounts", "contacts", "contracts", "feedback", "usage"}) {
        tables_[table]["external_source"] = optional(text(200));
        tables_[table]["external_id"] = optional(text(200));
    }
}

void ImportChecks::check_row(const std::string& table, JsonRow& row, const std::string& where) const {
    auto rules = tables_.find(table);
    if (rules == tables_.end()) return;
    // The currency first: an amount's check reads it.
    for (int pass = 0; pass < 2; ++pass)
        for (auto& [column, cell] : row) {
            if ((column == "currency") != (pass == 0)) continue;
            auto rule = rules->second.find(column);
            if (rule != rules->second.end()) rule->second(cell, row, fmt::format("{}: {}", where, column));
        }
}

bool ImportChecks::has_rule(const std::string& table, const std::string& column) const {
    auto rules = tables_.find(table);
    return rules != tables_.end() && rules->second.count(column);
}

}  // namespace acm
