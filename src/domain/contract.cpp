// Contracts: terms, the ARR schedule (initial ARR and amendments), termination.
#include "acm/domain/contract.hpp"

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/arr.hpp"
#include "acm/domain/listing.hpp"
#include "acm/domain/renewal.hpp"
#include "cells.hpp"
#include "acm/store/filter_sql.hpp"

namespace acm {

const std::vector<std::string>& contract_statuses() {
    static const std::vector<std::string> values = {"active", "upcoming", "expired", "terminated"};
    return values;
}

// An amount that must be in `currency` (given without a code, it is taken as that currency).
static Money money_in(const std::string& text, const std::string& currency, const std::string& field) {
    Money money = parse_money(text, currency, field);
    if (money.currency != currency)
        throw UsageError(fmt::format("{} {} is not valid (expected an amount in the contract's currency, {})", field,
                                     quote_value(text), currency));
    return money;
}

Money annual_amount(const std::optional<std::string>& arr, const std::optional<std::string>& mrr,
                    const std::string& currency, const FieldLabel& label, bool only_currency) {
    if (arr && mrr)
        throw UsageError(fmt::format("{} {} is not valid (an ARR is given: give the ARR or the MRR, not both)",
                                     label("mrr"), quote_value(*mrr)));
    if (!arr && !mrr) throw UsageError(fmt::format("{} must not be empty (give the ARR or the MRR)", label("arr")));
    std::string field = label(arr ? "arr" : "mrr");
    const std::string& text = arr ? *arr : *mrr;
    Money amount = only_currency ? money_in(text, currency, field) : parse_money(text, currency, field);
    if (arr) return amount;
    // The MRR is bounded like any amount, so 12 × MRR fits; the ARR is bounded too.
    Money annual{multiply_minor(amount.minor, 12, field), amount.currency};
    if (annual.minor > max_amount_minor(annual.currency))
        throw UsageError(fmt::format("{} {} is too large (expected an ARR, 12 × MRR, of at most {})", field,
                                     quote_value(text), format_human(Money{max_amount_minor(annual.currency), annual.currency})));
    return annual;
}

ContractTerms parse_contract_terms(const ContractInput& input, const Config& config, Date today,
                                   const FieldLabel& label) {
    ContractTerms terms;
    terms.start = input.read_date(input.start, today, label("start"));
    terms.end = input.read_date(input.end, today, label("end"));
    if (terms.end <= terms.start)
        throw UsageError(fmt::format("{} {} is not valid (expected a date after the start, {})", label("end"),
                                     quote_value(input.end), format_date(terms.start)));
    std::string currency = config.string("currency");
    if (input.currency) {
        currency = uppercase(trim(*input.currency));
        if (!is_currency(currency))
            throw UsageError(fmt::format("{} {} is not valid (expected an ISO 4217 currency code such as EUR)",
                                         label("currency"), quote_value(*input.currency)));
    }
    terms.arr = annual_amount(input.arr, input.mrr, currency, label);
    if (input.one_time) terms.one_time_minor = money_in(*input.one_time, terms.arr.currency, label("one_time")).minor;
    if (input.title) terms.title = checked_text(*input.title, label("title"), 200);
    if (input.sla) terms.sla = checked_text(*input.sla, label("sla"), 2000);
    if (input.notice) {
        terms.notice = parse_duration(*input.notice, label("notice"));
        if (!notice_deadline(terms.start, terms.end, terms.notice))
            throw UsageError(fmt::format("{} {} is not valid (longer than the contract's term, {} to {})", label("notice"),
                                         quote_value(*input.notice), format_date(terms.start), format_date(terms.end)));
    }
    if (input.signed_date) terms.signed_date = input.read_date(*input.signed_date, today, label("signed"));
    terms.auto_renew = input.auto_renew;
    return terms;
}

static std::optional<std::string> notice_text(const std::optional<Duration>& notice) {
    if (!notice) return std::nullopt;
    return format_duration(*notice);
}

std::int64_t add_contract(Database& db, const Actor& actor, std::int64_t account_id, const ContractTerms& terms,
                          std::optional<std::int64_t> predecessor) {
    std::string now = format_timestamp_utc(actor.now);
    std::optional<std::string> signed_date;
    if (terms.signed_date) signed_date = format_date(*terms.signed_date);
    db.prepare("INSERT INTO contracts (account_id, title, start_date, end_date, currency, one_time_minor, auto_renew, "
               "notice, sla, signed_date, predecessor_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(account_id, terms.title, format_date(terms.start), format_date(terms.end), terms.arr.currency,
                  terms.one_time_minor, std::int64_t{terms.auto_renew}, notice_text(terms.notice), terms.sla,
                  signed_date, predecessor, now)
        .run();
    std::int64_t id = db.last_insert_id();
    db.prepare("INSERT INTO contract_arr (contract_id, effective, arr_minor, created_at) VALUES (?, ?, ?, ?)")
        .bind_all(id, format_date(terms.start), terms.arr.minor, now)
        .run();
    open_renewal(db, id, terms.start, terms.end, terms.notice);

    Changes changes;
    changes.set("account", account_key_of(db, account_id))
        .set("start", format_date(terms.start))
        .set("end", format_date(terms.end))
        .set("arr", format_decimal(terms.arr))
        .set("currency", terms.arr.currency);
    if (terms.title) changes.set("title", terms.title);
    if (terms.one_time_minor) changes.set("one_time", format_decimal(Money{terms.one_time_minor, terms.arr.currency}));
    if (terms.auto_renew) changes.set("auto_renew", "true");
    if (terms.notice) changes.set("notice", notice_text(terms.notice));
    if (terms.sla) changes.set("sla", terms.sla);
    if (signed_date) changes.set("signed", signed_date);
    if (predecessor) changes.set("predecessor", std::to_string(*predecessor));
    record_event(db, actor, {"contract", std::to_string(id), account_id, "add"}, changes);
    follow_contracts(db, actor, account_id);
    return id;
}

Contract load_contract(Database& db, std::int64_t id) {
    auto stmt = db.prepare(
        "SELECT c.account_id, a.key, c.title, c.start_date, c.end_date, c.currency, c.one_time_minor, c.auto_renew, "
        "c.notice, c.sla, c.signed_date, c.terminated_on, c.termination_reason, c.predecessor_id, "
        "(SELECT x.arr_minor FROM contract_arr x WHERE x.contract_id = c.id ORDER BY x.effective, x.id LIMIT 1) "
        "FROM contracts c JOIN accounts a ON a.id = c.account_id WHERE c.id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no contract with id {}", id));
    Contract contract;
    contract.id = id;
    contract.account_id = stmt.integer(0);
    contract.account_key = stmt.text(1);
    auto& terms = contract.terms;
    terms.title = stmt.optional_text(2);
    terms.start = optional_date(stmt, 3).value_or(Date{});
    terms.end = optional_date(stmt, 4).value_or(Date{});
    terms.arr = Money{stmt.integer(14), stmt.text(5)};
    terms.one_time_minor = stmt.integer(6);
    terms.auto_renew = stmt.integer(7) != 0;
    if (auto notice = stmt.optional_text(8)) terms.notice = parse_duration(*notice, "notice");
    terms.sla = stmt.optional_text(9);
    terms.signed_date = optional_date(stmt, 10);
    contract.terminated_on = optional_date(stmt, 11);
    contract.termination_reason = stmt.optional_text(12);
    contract.predecessor_id = stmt.optional_integer(13);
    return contract;
}

Date last_day(const Contract& contract) { return contract.terminated_on.value_or(contract.terms.end); }

void check_amendment(const Contract& contract, const Money& arr, Date effective) {
    if (arr.currency != contract.terms.arr.currency)
        throw UsageError(fmt::format("--arr {} is not valid (expected an amount in the contract's currency, {})",
                                     format_human(arr), contract.terms.arr.currency));
    if (effective < contract.terms.start || effective > last_day(contract))
        throw UsageError(fmt::format("--effective {} is not valid (expected a date within contract {}: {} to {})",
                                     format_date(effective), contract.id, format_date(contract.terms.start),
                                     format_date(last_day(contract))));
}

void amend_contract(Database& db, const Actor& actor, std::int64_t id, const Money& arr, Date effective,
                    const std::optional<std::string>& reason) {
    Contract contract = load_contract(db, id);
    check_amendment(contract, arr, effective);
    Money before = contract_arr_on(db, id, effective);
    db.prepare("INSERT INTO contract_arr (contract_id, effective, arr_minor, reason, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind_all(id, format_date(effective), arr.minor, reason, format_timestamp_utc(actor.now))
        .run();
    Changes changes;
    changes.set("account", contract.account_key)
        .change("arr", format_decimal(before), format_decimal(arr))
        .set("effective", format_date(effective));
    if (reason) changes.set("reason", reason);
    record_event(db, actor, {"contract", std::to_string(id), contract.account_id, "amend"}, changes);
}

void terminate_contract(Database& db, const Actor& actor, std::int64_t id, Date last, const std::optional<std::string>& reason) {
    Contract contract = load_contract(db, id);
    if (contract.terminated_on)
        throw RuntimeError(fmt::format("contract {} is already terminated (on {})", id,
                                       format_date(*contract.terminated_on)));
    if (last < contract.terms.start || last > contract.terms.end)
        throw UsageError(fmt::format("--date {} is not valid (expected a date within contract {}: {} to {})",
                                     format_date(last), id, format_date(contract.terms.start),
                                     format_date(contract.terms.end)));
    db.prepare("UPDATE contracts SET terminated_on = ?, termination_reason = ? WHERE id = ?")
        .bind_all(format_date(last), reason, id)
        .run();
    Changes changes;
    changes.set("account", contract.account_key).set("terminated_on", format_date(last));
    if (reason) changes.set("reason", reason);
    record_event(db, actor, {"contract", std::to_string(id), contract.account_id, "terminate"}, changes);
    close_renewal_on_termination(db, actor, id, last, reason);
}

namespace {

// Why a contract's term is part of closed history, or nothing: its renewal is closed or it
// has a successor; with `or_successor`, also when it is the successor of a renewal closed
// as renewed (whose record names it).
std::string closed_history(Database& db, std::int64_t id, bool or_successor) {
    auto stmt = db.prepare(
        "SELECT (SELECT r.id || ' closed as ' || r.outcome || ' on ' || r.closed_on FROM renewals r "
        "        WHERE r.contract_id = c.id AND r.outcome IS NOT NULL), "
        "       (SELECT group_concat(s.id, ', ') FROM contracts s WHERE s.predecessor_id = c.id), "
        "       c.predecessor_id FROM contracts c WHERE c.id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no contract with id {}", id));
    if (!stmt.is_null(0)) return "its renewal " + stmt.text(0);
    if (!stmt.is_null(1)) return "it was renewed by contract " + stmt.text(1);
    if (or_successor && !stmt.is_null(2)) return fmt::format("it is the renewal of contract {}", stmt.integer(2));
    return {};
}

}  // namespace

// The terms as `edit` leaves them, through the checks of contract add, and what of them
// differs from the contract's, from and to.
struct EditedTerms {
    ContractTerms after;
    Changes changes;
};
static EditedTerms edited_terms(const Contract& contract, const ContractEdit& edit, const Config& config,
                                Date today) {
    const ContractTerms& before = contract.terms;
    const std::string& currency = before.arr.currency;
    // The edited terms go through the checks of contract add: the contract's terms as text,
    // with the given fields in their place ("" clears an optional one).
    ContractInput input;
    input.start = edit.start.value_or(format_date(before.start));
    input.end = edit.end.value_or(format_date(before.end));
    input.arr = format_decimal(before.arr);
    input.currency = currency;
    input.title = edit.title ? edit.title : before.title;
    input.sla = edit.sla ? edit.sla : before.sla;
    if (edit.notice) input.notice = edit.notice;
    else if (before.notice) input.notice = format_duration(*before.notice);
    if (edit.signed_date) input.signed_date = edit.signed_date;
    else if (before.signed_date) input.signed_date = format_date(*before.signed_date);
    input.one_time = edit.one_time.value_or(format_decimal(Money{before.one_time_minor, currency}));
    input.auto_renew = edit.auto_renew.value_or(before.auto_renew);
    for (auto* cleared : {&input.title, &input.sla, &input.notice, &input.signed_date})
        if (*cleared && cleared->value().empty()) cleared->reset();
    EditedTerms edited{parse_contract_terms(input, config, today, flag_label), {}};
    const ContractTerms& after = edited.after;

    auto text = [](const std::optional<std::string>& value) { return value; };
    auto date = [](const std::optional<Date>& value) -> std::optional<std::string> {
        if (!value) return std::nullopt;
        return format_date(*value);
    };
    auto money = [&](std::int64_t minor) { return std::optional(format_decimal(Money{minor, currency})); };
    auto change = [&](const char* field, const std::optional<std::string>& from,
                      const std::optional<std::string>& to) {
        if (from != to) edited.changes.change(field, from, to);
    };
    change("title", text(before.title), text(after.title));
    change("start", date(before.start), date(after.start));
    change("end", date(before.end), date(after.end));
    change("notice", notice_text(before.notice), notice_text(after.notice));
    change("auto_renew", before.auto_renew ? "true" : "false", after.auto_renew ? "true" : "false");
    change("sla", text(before.sla), text(after.sla));
    change("signed", date(before.signed_date), date(after.signed_date));
    change("one_time", money(before.one_time_minor), money(after.one_time_minor));
    return edited;
}

// The edit as edit_contract would make it, after its checks: a new start or end is refused
// for a contract that is closed history, one terminated after the new end, or one whose
// amendments the new term would leave out. Writes nothing.
static EditedTerms checked_edit(Database& db, const Contract& contract, const ContractEdit& edit,
                                const Config& config, Date today) {
    EditedTerms edited = edited_terms(contract, edit, config, today);
    const ContractTerms& before = contract.terms;
    const ContractTerms& after = edited.after;
    if (after.start == before.start && after.end == before.end) return edited;
    std::int64_t id = contract.id;
    if (std::string closed = closed_history(db, id, false); !closed.empty())
        throw RuntimeError(fmt::format(
            "contract {}: its start and end are closed history ({}); they can no longer be edited", id, closed));
    if (contract.terminated_on && *contract.terminated_on > after.end)
        throw UsageError(fmt::format("--end {} is not valid (the contract was terminated on {}, after it)",
                                     format_date(after.end), format_date(*contract.terminated_on)));
    // Amendments stay within the term; the initial ARR moves with the start.
    auto outside = db.prepare(
        "SELECT group_concat(id || ' (' || effective || ')', ', ') FROM contract_arr WHERE contract_id = ?1 "
        "AND id <> (SELECT min(id) FROM contract_arr WHERE contract_id = ?1) AND (effective < ?2 OR effective > ?3)");
    outside.bind_all(id, format_date(after.start), format_date(after.end));
    if (outside.step() && !outside.is_null(0))
        throw UsageError(fmt::format("the term {} to {} leaves out amendments {} of contract {} (remove them first "
                                     "with 'acm contract amend rm')",
                                     format_date(after.start), format_date(after.end), outside.text(0), id));
    return edited;
}

bool edit_changes_contract(Database& db, std::int64_t id, const ContractEdit& edit, const Config& config,
                           Date today) {
    return !checked_edit(db, load_contract(db, id), edit, config, today).changes.empty();
}

void edit_contract(Database& db, const Actor& actor, std::int64_t id, const ContractEdit& edit,
                   const Config& config, Date today) {
    Contract contract = load_contract(db, id);
    EditedTerms edited = checked_edit(db, contract, edit, config, today);
    const ContractTerms& after = edited.after;
    if (edited.changes.empty()) return;

    std::optional<std::string> signed_date;
    if (after.signed_date) signed_date = format_date(*after.signed_date);
    db.prepare(
          "UPDATE contracts SET title = ?, start_date = ?, end_date = ?, notice = ?, auto_renew = ?, sla = "
          "?, "
          "signed_date = ?, one_time_minor = ? WHERE id = ?")
        .bind_all(after.title, format_date(after.start), format_date(after.end), notice_text(after.notice),
                  std::int64_t{after.auto_renew}, after.sla, signed_date, after.one_time_minor, id)
        .run();
    db.prepare("UPDATE contract_arr SET effective = ? WHERE id = (SELECT min(id) FROM contract_arr WHERE contract_id = ?)")
        .bind_all(format_date(after.start), id)
        .run();
    // The open renewal follows the term and the notice period.
    if (auto deadline = notice_deadline(after.start, after.end, after.notice))
        db.prepare("UPDATE renewals SET due = ?, notice_deadline = ? WHERE contract_id = ? AND outcome IS NULL")
            .bind_all(format_date(after.end), format_date(*deadline), id)
            .run();
    edited.changes.set("account", contract.account_key);
    record_event(db, actor, {"contract", std::to_string(id), contract.account_id, "edit"}, edited.changes);
}

std::string remove_contract(Database& db, const Actor& actor, std::int64_t id) {
    Contract contract = load_contract(db, id);
    if (std::string closed = closed_history(db, id, true); !closed.empty())
        throw RuntimeError(fmt::format("contract {} is part of closed history ({}); terminate it instead, or "
                                       "'acm undo' the command that made it",
                                       id, closed));
    auto count = [&](const char* sql) {
        auto stmt = db.prepare(sql);
        stmt.bind(1, id);
        return stmt.step() ? stmt.integer(0) : 0;
    };
    std::int64_t amendments = count("SELECT count(*) - 1 FROM contract_arr WHERE contract_id = ?");
    std::int64_t reminders = count(
        "SELECT count(*) FROM renewal_reminders m JOIN renewals r ON r.id = m.renewal_id WHERE r.contract_id = ?");
    std::vector<std::string> parts = {"its renewal"};
    if (amendments > 0) parts.push_back(fmt::format("{} {}", amendments, amendments == 1 ? "amendment" : "amendments"));
    if (reminders > 0) parts.push_back(fmt::format("{} {}", reminders, reminders == 1 ? "reminder" : "reminders"));
    std::string removed = join_words(parts, "and");
    db.prepare("DELETE FROM contracts WHERE id = ?").bind(1, id).run();
    Changes changes;
    changes.set("account", contract.account_key)
        .set("start", format_date(contract.terms.start))
        .set("end", format_date(contract.terms.end))
        .set("arr", format_decimal(contract.terms.arr))
        .set("removed_history", removed);
    record_event(db, actor, {"contract", std::to_string(id), contract.account_id, "rm"}, changes);
    follow_contracts(db, actor, contract.account_id);
    return removed;
}

std::int64_t remove_amendment(Database& db, const Actor& actor, std::int64_t amendment_id) {
    auto stmt = db.prepare(
        "SELECT x.contract_id, x.effective, x.arr_minor, x.id = (SELECT min(id) FROM contract_arr WHERE contract_id = "
        "x.contract_id) FROM contract_arr x WHERE x.id = ?");
    stmt.bind(1, amendment_id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no amendment with id {}", amendment_id));
    std::int64_t contract_id = stmt.integer(0);
    if (stmt.integer(3))
        throw RuntimeError(fmt::format("{} is the initial ARR of contract {}, not an amendment; change the ARR "
                                       "with 'acm contract amend'",
                                       amendment_id, contract_id));
    Contract contract = load_contract(db, contract_id);
    std::string effective = stmt.text(1);
    Money arr{stmt.integer(2), contract.terms.arr.currency};
    if (std::string closed = closed_history(db, contract_id, false); !closed.empty())
        throw RuntimeError(fmt::format("contract {} is part of closed history ({}); its ARR schedule can no longer be "
                                       "changed",
                                       contract_id, closed));
    db.prepare("DELETE FROM contract_arr WHERE id = ?").bind(1, amendment_id).run();
    Changes changes;
    changes.set("account", contract.account_key)
        .set("amendment", std::to_string(amendment_id))
        .set("effective", effective)
        .set("arr", format_decimal(arr));
    record_event(db, actor, {"contract", std::to_string(contract_id), contract.account_id, "amend-rm"}, changes);
    return contract_id;
}

// Status and the day whose ARR a listing shows, both relative to today (?1).
static constexpr const char* contract_status_sql =
    "CASE WHEN c.terminated_on IS NOT NULL THEN 'terminated' WHEN c.start_date > ?1 THEN 'upcoming' "
    "WHEN c.end_date < ?1 THEN 'expired' ELSE 'active' END";

static const Listing& contract_listing() {
    // The ARR shown is today's for a running contract, else that of its first or last day.
    static const Listing listing({
        {{"id", Kind::integer}, "c.id"},
        {{"account", Kind::text}, "a.key"},
        {{.name = "title", .kind = Kind::text, .priority = 2}, "c.title"},
        {{"start", Kind::date}, "c.start_date"},
        {{.name = "end", .kind = Kind::date, .priority = 1}, "c.end_date"},
        {{.name = "status", .kind = Kind::text, .fit = Fit::fixed, .priority = 1}, contract_status_sql},
        {{.name = "arr", .kind = Kind::money, .priority = 2}, contract_arr_sql("max(c.start_date, min(?1, coalesce(c.terminated_on, c.end_date)))")},
        {{"currency", Kind::text, false}, "c.currency"},
        {{"one_time", Kind::money, false}, "c.one_time_minor"},
        {{"auto_renew", Kind::boolean}, "c.auto_renew"},
        {{"notice", Kind::text}, "c.notice"},
        {{.name = "terminated_on", .kind = Kind::date, .priority = -1}, "c.terminated_on"},
        {{"signed", Kind::date, false}, "c.signed_date"},
        {{"sla", Kind::text, false}, "c.sla"},
        {{"predecessor", Kind::integer, false}, "c.predecessor_id"},
    });
    return listing;
}

std::vector<Column> contract_columns() { return contract_listing().columns(); }

void for_each_contract(Database& db, const ContractFilter& filter, Date today,
                       const std::function<void(Row&&)>& emit) {
    const Listing& listing = contract_listing();
    auto stmt = db.prepare(fmt::format(
        "SELECT {0} FROM contracts c JOIN accounts a ON a.id = c.account_id "
        "WHERE {1} AND (?3 IS NULL OR {2} = ?3) "
        "AND (?4 IS NULL OR coalesce(c.terminated_on, c.end_date) BETWEEN ?1 AND ?4) AND {3} "
        "ORDER BY c.end_date, c.id",
        listing.select_list(), match_if(filter.account_id.has_value(), "c.account_id", 2), contract_status_sql,
        match_if(filter.id.has_value(), "c.id", 5)));
    std::optional<std::string> ending_by;
    if (filter.ending_by) ending_by = format_date(*filter.ending_by);
    stmt.bind_all(format_date(today), filter.account_id, filter.status, ending_by, filter.id);
    while (stmt.step()) emit(listing.row(stmt));
}

static const Listing& amendment_listing() {
    static const Listing listing({
        {{"id", Kind::integer}, "x.id"},
        {{"effective", Kind::date}, "x.effective"},
        {{"arr", Kind::money}, "x.arr_minor"},
        {{"currency", Kind::text, false}, "c.currency"},
        {{"reason", Kind::text},
         "coalesce(x.reason, CASE WHEN x.id = (SELECT min(id) FROM contract_arr WHERE contract_id = c.id) "
         "THEN 'initial' END)"},
    });
    return listing;
}

std::vector<Column> amendment_columns() { return amendment_listing().columns(); }

void for_each_amendment(Database& db, std::int64_t contract_id, const std::function<void(Row&&)>& emit) {
    const Listing& listing = amendment_listing();
    auto stmt = db.prepare("SELECT " + listing.select_list() +
                           " FROM contract_arr x JOIN contracts c ON c.id = x.contract_id WHERE x.contract_id = ? "
                           "ORDER BY x.effective, x.id");
    stmt.bind(1, contract_id);
    while (stmt.step()) emit(listing.row(stmt));
}

}  // namespace acm
