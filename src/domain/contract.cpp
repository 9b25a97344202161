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
    terms.start = parse_date(input.start, today, label("start"));
    terms.end = parse_date(input.end, today, label("end"));
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
    if (input.signed_date) terms.signed_date = parse_date(*input.signed_date, today, label("signed"));
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

// The last day the contract runs: its end, or its termination date.
static Date last_day(const Contract& contract) { return contract.terminated_on.value_or(contract.terms.end); }

void amend_contract(Database& db, const Actor& actor, std::int64_t id, const Money& arr, Date effective,
                    const std::optional<std::string>& reason) {
    Contract contract = load_contract(db, id);
    if (arr.currency != contract.terms.arr.currency)
        throw UsageError(fmt::format("--arr {} is not valid (expected an amount in the contract's currency, {})",
                                     format_human(arr), contract.terms.arr.currency));
    if (effective < contract.terms.start || effective > last_day(contract))
        throw UsageError(fmt::format("--effective {} is not valid (expected a date within contract {}: {} to {})",
                                     format_date(effective), id, format_date(contract.terms.start),
                                     format_date(last_day(contract))));
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

// Status and the day whose ARR a listing shows, both relative to today (?1).
static constexpr const char* contract_status_sql =
    "CASE WHEN c.terminated_on IS NOT NULL THEN 'terminated' WHEN c.start_date > ?1 THEN 'upcoming' "
    "WHEN c.end_date < ?1 THEN 'expired' ELSE 'active' END";

static const Listing& contract_listing() {
    // The ARR shown is today's for a running contract, else that of its first or last day.
    static const Listing listing({
        {{"id", Kind::integer}, "c.id"},
        {{"account", Kind::text}, "a.key"},
        {{"title", Kind::text}, "c.title"},
        {{"start", Kind::date}, "c.start_date"},
        {{"end", Kind::date}, "c.end_date"},
        {{"status", Kind::text}, contract_status_sql},
        {{"arr", Kind::money}, contract_arr_sql("max(c.start_date, min(?1, coalesce(c.terminated_on, c.end_date)))")},
        {{"currency", Kind::text, false}, "c.currency"},
        {{"one_time", Kind::money, false}, "c.one_time_minor"},
        {{"auto_renew", Kind::boolean}, "c.auto_renew"},
        {{"notice", Kind::text}, "c.notice"},
        {{"terminated_on", Kind::date}, "c.terminated_on"},
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
