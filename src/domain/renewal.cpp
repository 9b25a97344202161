// Renewals: the pipeline of contract ends, closing them, and the cron jobs around them.
#include "acm/domain/renewal.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/arr.hpp"
#include "acm/domain/contract.hpp"
#include "acm/domain/listing.hpp"
#include "cells.hpp"
#include "acm/store/filter_sql.hpp"

namespace acm {

const std::vector<std::string>& renewal_stages() {
    static const std::vector<std::string> values = {"upcoming", "in-progress", "committed"};
    return values;
}

const std::vector<std::string>& renewal_risks() {
    static const std::vector<std::string> values = {"low", "medium", "high"};
    return values;
}

std::optional<Date> notice_deadline(Date start, Date end, const std::optional<Duration>& notice) {
    if (!notice) return end;
    // A notice as long as the term (12m for 2026-01-01..2026-12-31) is due the day before the start.
    auto deadline = try_add(end, *notice, -1);
    if (!deadline || *deadline < add_days(start, -1)) return std::nullopt;
    return deadline;
}

void open_renewal(Database& db, std::int64_t contract_id, Date start, Date end, const std::optional<Duration>& notice) {
    auto deadline = notice_deadline(start, end, notice);
    if (!deadline) throw std::logic_error("open_renewal: a notice longer than the term was not refused");
    db.prepare("INSERT INTO renewals (contract_id, due, notice_deadline) VALUES (?, ?, ?)")
        .bind_all(contract_id, format_date(end), format_date(*deadline))
        .run();
}

namespace {

struct Renewal {
    std::int64_t id = 0, contract_id = 0, account_id = 0;
    std::string account_key;
    std::optional<std::string> outcome;
    std::optional<Date> closed_on;
};

Renewal load_renewal(Database& db, std::int64_t id) {
    auto stmt = db.prepare(
        "SELECT r.contract_id, c.account_id, a.key, r.outcome, r.closed_on FROM renewals r "
        "JOIN contracts c ON c.id = r.contract_id JOIN accounts a ON a.id = c.account_id WHERE r.id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no renewal with id {}", id));
    return Renewal{id, stmt.integer(0), stmt.integer(1), stmt.text(2), stmt.optional_text(3), optional_date(stmt, 4)};
}

Renewal load_open_renewal(Database& db, std::int64_t id) {
    Renewal renewal = load_renewal(db, id);
    if (renewal.outcome)
        throw RuntimeError(fmt::format("renewal {} is already closed ({} on {})", id, *renewal.outcome,
                                       renewal.closed_on ? format_date(*renewal.closed_on) : "?"));
    return renewal;
}

// Marks the renewal closed and records the event with the ARR movement.
void close(Database& db, const Actor& actor, const Renewal& renewal, const std::string& outcome, Date closed_on,
           const Money& old_arr, std::int64_t new_arr_minor, std::optional<std::int64_t> successor,
           const std::optional<std::string>& reason) {
    db.prepare("UPDATE renewals SET outcome = ?, closed_on = ?, old_arr_minor = ?, new_arr_minor = ?, "
               "successor_id = ?, reason = coalesce(?, reason) WHERE id = ?")
        .bind_all(outcome, format_date(closed_on), old_arr.minor, new_arr_minor, successor, reason, renewal.id)
        .run();
    Money new_arr{new_arr_minor, old_arr.currency};
    std::string movement = new_arr_minor > old_arr.minor   ? "expansion"
                           : new_arr_minor == old_arr.minor ? "flat"
                           : new_arr_minor == 0             ? "churn"
                                                            : "contraction";
    Changes changes;
    changes.set("account", renewal.account_key)
        .set("outcome", outcome)
        .set("closed_on", format_date(closed_on))
        .change("arr", format_decimal(old_arr), format_decimal(new_arr))
        .set("movement", movement);
    if (successor) changes.set("successor", std::to_string(*successor));
    if (reason) changes.set("reason", reason);
    record_event(db, actor, {"renewal", std::to_string(renewal.id), renewal.account_id, "close"}, changes);
    follow_contracts(db, actor, renewal.account_id);
}

}  // namespace

void close_renewal_on_termination(Database& db, const Actor& actor, std::int64_t contract_id, Date last_day,
                                  const std::optional<std::string>& reason) {
    auto stmt = db.prepare("SELECT id FROM renewals WHERE contract_id = ? AND outcome IS NULL");
    stmt.bind(1, contract_id);
    if (!stmt.step()) return;
    Renewal renewal = load_renewal(db, stmt.integer(0));
    std::string why = reason ? "terminated: " + *reason : "terminated";
    close(db, actor, renewal, "churned", last_day, contract_arr_on(db, contract_id, last_day), 0, std::nullopt, why);
}

void update_renewal(Database& db, const Actor& actor, std::int64_t id, const RenewalUpdate& update) {
    Renewal renewal = load_open_renewal(db, id);
    Contract contract = load_contract(db, renewal.contract_id);
    auto stmt = db.prepare("SELECT stage, risk, forecast_minor, reason, plan, owner FROM renewals WHERE id = ?");
    stmt.bind(1, id);
    stmt.step();
    std::optional<std::string> old_forecast;
    if (auto minor = stmt.optional_integer(2)) old_forecast = format_decimal(Money{*minor, contract.terms.arr.currency});

    Changes changes;
    // Each given field: validated value, then one UPDATE of that column (a fixed column name).
    auto apply = [&](const char* column, std::optional<std::string> from, const std::optional<std::string>& to,
                     const std::optional<std::int64_t>& stored_integer = std::nullopt) {
        if (!to || from == to) return;
        auto sql = fmt::format("UPDATE renewals SET {} = ? WHERE id = ?", column);
        auto write = db.prepare(sql);
        if (stored_integer)
            write.bind(1, *stored_integer);
        else if (to->empty())
            write.bind(1, nullptr);
        else
            write.bind(1, *to);
        write.bind(2, id).run();
        changes.change(column == std::string("forecast_minor") ? "forecast" : column, from, to);
    };
    if (update.stage) apply("stage", stmt.text(0), parse_choice(*update.stage, renewal_stages(), "--stage"));
    if (update.risk) apply("risk", stmt.text(1), parse_choice(*update.risk, renewal_risks(), "--risk"));
    if (update.forecast) {
        Money forecast = parse_money(*update.forecast, contract.terms.arr.currency, "--forecast");
        if (forecast.currency != contract.terms.arr.currency)
            throw UsageError(fmt::format("--forecast {} is not valid (expected an amount in the contract's currency, {})",
                                         quote_value(*update.forecast), contract.terms.arr.currency));
        apply("forecast_minor", old_forecast, format_decimal(forecast), forecast.minor);
    }
    // Text fields: an empty value clears them.
    auto text = [](const std::optional<std::string>& value, const char* flag) -> std::optional<std::string> {
        if (!value) return std::nullopt;
        if (trim(*value).empty()) return std::string();
        return checked_text(*value, flag, 2000);
    };
    apply("reason", stmt.optional_text(3), text(update.reason, "--reason"));
    apply("plan", stmt.optional_text(4), text(update.plan, "--plan"));
    apply("owner", stmt.optional_text(5), text(update.owner, "--owner"));
    if (!changes.empty())
        record_event(db, actor, {"renewal", std::to_string(id), renewal.account_id, "update"}, changes);
}

Date same_term_end(Date start, Date end, Date next_start) {
    Date after = add_days(end, 1);
    int months = (static_cast<int>(after.year()) - static_cast<int>(start.year())) * 12 +
                 (static_cast<int>(static_cast<unsigned>(after.month())) -
                  static_cast<int>(static_cast<unsigned>(start.month())));
    if (months > 0 && after.day() == start.day() && add(start, Duration{months, Duration::Unit::month}) == after)
        return add_days(add(next_start, Duration{months, Duration::Unit::month}), -1);
    return add_days(next_start, days_between(start, end));
}

std::int64_t renew(Database& db, const Actor& actor, std::int64_t id, const SuccessorTerms& successor_terms,
                   Date closed_on, std::string_view given) {
    const auto& [arr, end, title] = successor_terms;
    Renewal renewal = load_open_renewal(db, id);
    Contract contract = load_contract(db, renewal.contract_id);
    ContractTerms terms = contract.terms;
    auto next_start = try_add(contract.terms.end, Duration{1, Duration::Unit::day});
    if (!next_start)
        throw RuntimeError(fmt::format("{}: contract {} ends {}, the last date acm can hold; its successor cannot start after it",
                                       given, contract.id, format_date(contract.terms.end)));
    terms.start = *next_start;
    terms.end = end ? *end : same_term_end(contract.terms.start, contract.terms.end, terms.start);
    if (!in_date_range(terms.end))
        throw RuntimeError(fmt::format("{}: a successor of contract {} for the same term would end after 9999-12-31 "
                                       "(renew it with 'acm renewal close {} --renewed --end DATE')",
                                       given, contract.id, id));
    if (terms.end <= terms.start)
        throw UsageError(fmt::format("--end {} is not valid (expected a date after the renewed contract's start, {})",
                                     format_date(terms.end), format_date(terms.start)));
    if (!notice_deadline(terms.start, terms.end, terms.notice)) {
        std::string term = fmt::format("{} to {}", format_date(terms.start), format_date(terms.end));
        if (end)
            throw UsageError(fmt::format("--end {} is not valid (the term {} is shorter than the contract's notice period, {})",
                                         format_date(*end), term, format_duration(*terms.notice)));
        throw RuntimeError(fmt::format("{}: the successor's term {} is shorter than the contract's notice period, {}",
                                       given, term, format_duration(*terms.notice)));
    }
    Money old_arr = contract_arr_on(db, contract.id, contract.terms.end);
    terms.arr = old_arr;
    if (arr) {
        terms.arr = parse_money(*arr, old_arr.currency, "--arr");
        if (terms.arr.currency != old_arr.currency)
            throw UsageError(fmt::format("--arr {} is not valid (expected an amount in the contract's currency, {})",
                                         quote_value(*arr), old_arr.currency));
    }
    if (title) terms.title = title->empty() ? std::nullopt : std::optional(checked_text(*title, "--title", 200));
    terms.one_time_minor = 0;
    terms.signed_date.reset();
    std::int64_t successor = add_contract(db, actor, contract.account_id, terms, contract.id);
    close(db, actor, renewal, "renewed", closed_on, old_arr, terms.arr.minor, successor, std::nullopt);
    return successor;
}

void churn(Database& db, const Actor& actor, std::int64_t id, const std::string& reason, Date closed_on) {
    Renewal renewal = load_open_renewal(db, id);
    Contract contract = load_contract(db, renewal.contract_id);
    close(db, actor, renewal, "churned", closed_on, contract_arr_on(db, contract.id, contract.terms.end), 0,
          std::nullopt, reason);
}

// Listings ------------------------------------------------------------------------

// The ARR up for renewal: for an open renewal the contract's ARR on its due date, for a
// closed one the ARR recorded at closing. The expected ARR: the forecast (default: the
// same ARR), or the renewed ARR once closed.
std::string renewal_arr_sql() { return "coalesce(r.old_arr_minor, " + contract_arr_sql("r.due") + ")"; }
static std::string renewal_expected_sql() {
    return "CASE WHEN r.outcome IS NULL THEN coalesce(r.forecast_minor, " + contract_arr_sql("r.due") +
           ") ELSE r.new_arr_minor END";
}
static constexpr const char* renewal_joins =
    " FROM renewals r JOIN contracts c ON c.id = r.contract_id JOIN accounts a ON a.id = c.account_id ";

static const Listing& renewal_listing() {
    static const Listing listing({
        {{"id", Kind::integer}, "r.id"},
        {{"contract", Kind::integer}, "r.contract_id"},
        {{"account", Kind::text}, "a.key"},
        {{.name = "due", .kind = Kind::date, .priority = 2}, "r.due"},
        {{.name = "notice_deadline", .kind = Kind::date, .priority = 2}, "r.notice_deadline"},
        {{.name = "arr", .kind = Kind::money, .priority = 2}, renewal_arr_sql()},
        {{"currency", Kind::text, false}, "c.currency"},
        {{.name = "stage", .kind = Kind::text, .fit = Fit::fixed, .priority = 1}, "r.stage"},
        {{.name = "risk", .kind = Kind::text, .fit = Fit::fixed, .priority = 1}, "r.risk"},
        {{"forecast", Kind::money}, renewal_expected_sql()},
        {{"owner", Kind::text}, "coalesce(r.owner, a.owner)"},
        {{"outcome", Kind::text}, "r.outcome"},
        {{.name = "closed_on", .kind = Kind::date, .priority = -1}, "r.closed_on"},
        {{"successor", Kind::integer, false}, "r.successor_id"},
        {{"reason", Kind::text, false}, "r.reason"},
        {{"plan", Kind::text, false}, "r.plan"},
    });
    return listing;
}

std::vector<Column> renewal_columns(bool all) {
    auto columns = renewal_listing().columns();
    for (auto& column : columns)
        if (column.name == "outcome" || column.name == "closed_on") column.in_table = all;
    return columns;
}

void for_each_renewal(Database& db, const RenewalFilter& filter, const std::function<void(Row&&)>& emit) {
    const Listing& listing = renewal_listing();
    auto stmt = db.prepare(
        "SELECT " + listing.select_list() + renewal_joins +
        "WHERE (?1 OR r.outcome IS NULL) AND " + match_if(filter.account_id.has_value(), "c.account_id", 2) +
        " AND (?3 IS NULL OR r.due <= ?3) "
        "AND (?4 IS NULL OR coalesce(r.owner, a.owner) = ?4 COLLATE NOCASE) AND (?5 IS NULL OR r.stage = ?5) "
        "AND (?6 IS NULL OR r.risk = ?6) AND " + match_if(filter.contract_id.has_value(), "r.contract_id", 7) +
        " ORDER BY r.due, r.id");
    std::optional<std::string> due_by;
    if (filter.due_by) due_by = format_date(*filter.due_by);
    stmt.bind_all(std::int64_t{filter.all}, filter.account_id, due_by, filter.owner, filter.stage, filter.risk,
                  filter.contract_id);
    while (stmt.step()) emit(listing.row(stmt));
}

// A renewal of the due list or a reminder: `middle` between its id, account and contract
// and its money, stage, risk and owner.
static Listing deadline_listing(std::vector<ListingField> middle) {
    std::vector<ListingField> fields = {
        {{"id", Kind::integer}, "r.id"},
        {{"account", Kind::text}, "a.key"},
        {{"contract", Kind::integer}, "r.contract_id"},
    };
    for (auto& field : middle) fields.push_back(std::move(field));
    for (auto& field : std::vector<ListingField>{
             {{"arr", Kind::money}, renewal_arr_sql()},
             {{"currency", Kind::text, false}, "c.currency"},
             {{"stage", Kind::text}, "r.stage"},
             {{"risk", Kind::text}, "r.risk"},
             {{"owner", Kind::text}, "coalesce(r.owner, a.owner)"},
         })
        fields.push_back(std::move(field));
    return Listing(std::move(fields));
}

// The days from `today` to the date of a field.
static ListingField days_left_until(std::string_view field, Date today) {
    return {{"days_left", Kind::integer}, "", [field, today](const ListingRow& r) {
                return Cell{std::int64_t{days_between(today, *r.date(field))}};
            }};
}

// Renewals with a deadline in today (?1) .. until (?2). The deadline shown is the first of
// the two dates (notice deadline, due) that falls in the window.
static Listing due_listing(Date today) {
    constexpr const char* notice_first = "r.notice_deadline BETWEEN ?1 AND ?2 AND r.notice_deadline < r.due";
    return deadline_listing({
        {{"deadline", Kind::text}, fmt::format("CASE WHEN {} THEN 'notice' ELSE 'due' END", notice_first)},
        {{"date", Kind::date}, fmt::format("CASE WHEN {} THEN r.notice_deadline ELSE r.due END", notice_first)},
        days_left_until("date", today),
        {{"due", Kind::date}, "r.due"},
        {{"notice_deadline", Kind::date}, "r.notice_deadline"},
    });
}

std::vector<Column> due_columns() { return due_listing(Date{}).columns(); }

void for_each_due_renewal(Database& db, Date today, Date until, const std::function<void(Row&&)>& emit) {
    Listing listing = due_listing(today);
    auto stmt = db.prepare(
        "SELECT " + listing.select_list() + renewal_joins +
        "WHERE r.outcome IS NULL AND (r.due BETWEEN ?1 AND ?2 OR r.notice_deadline BETWEEN ?1 AND ?2) "
        "ORDER BY CASE WHEN r.notice_deadline >= ?1 AND r.notice_deadline < r.due THEN r.notice_deadline ELSE r.due END, "
        "r.id");
    stmt.bind_all(format_date(today), format_date(until));
    while (stmt.step()) emit(listing.row(stmt));
}

// Reminders -----------------------------------------------------------------------

// `threshold`: the threshold that the renewal being listed has passed.
static Listing reminder_listing(Date today, const std::int64_t& threshold) {
    return deadline_listing({
        {{"threshold_days", Kind::integer}, "", [&threshold](const ListingRow&) { return Cell{threshold}; }},
        days_left_until("notice_deadline", today),
        {{"notice_deadline", Kind::date}, "r.notice_deadline"},
        {{"due", Kind::date}, "r.due"},
    });
}

std::vector<Column> reminder_columns() {
    std::int64_t none = 0;
    return reminder_listing(Date{}, none).columns();
}

std::vector<Reminder> due_reminders(Database& db, Date today, std::vector<std::int64_t> thresholds) {
    std::sort(thresholds.begin(), thresholds.end());
    std::vector<Reminder> reminders;
    if (thresholds.empty()) return reminders;
    std::int64_t passed = 0;
    Listing listing = reminder_listing(today, passed);
    auto stmt = db.prepare("SELECT " + listing.select_list() + ", c.account_id" + renewal_joins +
                           "WHERE r.outcome IS NULL AND r.notice_deadline BETWEEN ?1 AND ?2 "
                           "ORDER BY r.notice_deadline, r.id");
    stmt.bind_all(format_date(today), format_date(add_days(today, static_cast<int>(thresholds.back()))));
    auto tightest_sent = db.prepare("SELECT min(threshold_days) FROM renewal_reminders WHERE renewal_id = ?");
    while (stmt.step()) {
        auto values = listing.values(stmt);
        std::int64_t id = values.integer("id");
        Date deadline = *values.date("notice_deadline");
        int days_left = days_between(today, deadline);
        // The tightest threshold passed; reminded only when no reminder as tight was given
        // before, so that each (renewal, threshold) comes once and never after a tighter one.
        auto tightest = std::find_if(thresholds.begin(), thresholds.end(), [&](auto t) { return days_left <= t; });
        if (tightest == thresholds.end()) continue;
        tightest_sent.reset();
        tightest_sent.bind(1, id);
        if (tightest_sent.step() && !tightest_sent.is_null(0) && tightest_sent.integer(0) <= *tightest) continue;
        passed = *tightest;
        reminders.push_back({id, stmt.integer(listing.selected()), passed, values.text("account"), deadline,
                             listing.row(stmt)});
    }
    return reminders;
}

void record_reminders(Database& db, const Actor& actor, Date today, const std::vector<Reminder>& given) {
    auto remember = db.prepare("INSERT INTO renewal_reminders (renewal_id, threshold_days, sent_on) VALUES (?, ?, ?)");
    for (const Reminder& reminder : given) {
        remember.reset();
        remember.bind_all(reminder.renewal_id, reminder.threshold_days, format_date(today)).run();
        Changes changes;
        changes.set("account", reminder.account)
            .set("threshold_days", std::to_string(reminder.threshold_days))
            .set("notice_deadline", format_date(reminder.notice_deadline));
        record_event(db, actor, {"renewal", std::to_string(reminder.renewal_id), reminder.account_id, "remind"},
                     changes);
    }
}

// Roll ----------------------------------------------------------------------------

std::vector<Column> roll_columns() {
    return {{"id", Kind::integer},       {"account", Kind::text}, {"contract", Kind::integer},
            {"successor", Kind::integer}, {"start", Kind::date},  {"end", Kind::date},
            {"arr", Kind::money},        {"currency", Kind::text, false}};
}

std::vector<Row> roll(Database& db, const Actor& actor, Date today) {
    std::vector<Row> rows;
    // Renewing creates successors, which may have ended too: repeat until none is left.
    while (true) {
        auto stmt = db.prepare(
            "SELECT r.id, a.key, c.id, c.end_date" + std::string(renewal_joins) +
            "WHERE r.outcome IS NULL AND c.auto_renew = 1 AND c.terminated_on IS NULL AND c.end_date < ? "
            "ORDER BY c.end_date, r.id");
        stmt.bind(1, format_date(today));
        std::vector<std::tuple<std::int64_t, std::string, std::int64_t, Date>> ended;
        while (stmt.step())
            ended.emplace_back(stmt.integer(0), stmt.text(1), stmt.integer(2), *parse_iso_date(stmt.text(3)));
        if (ended.empty()) break;
        for (const auto& [renewal_id, account, contract_id, end] : ended) {
            // Not past 9999-12-31: only contracts that ended before today are rolled.
            std::int64_t successor =
                renew(db, actor, renewal_id, {}, add_days(end, 1), "renewal roll");
            Contract next = load_contract(db, successor);
            rows.push_back(Row{renewal_id, account, contract_id, successor, next.terms.start, next.terms.end,
                               next.terms.arr, next.terms.arr.currency});
        }
    }
    return rows;
}

// Forecast ------------------------------------------------------------------------

std::vector<Column> forecast_columns(const std::optional<std::string>& by) {
    std::vector<Column> columns = {{"period", Kind::text}};
    if (by) columns.push_back({*by, Kind::text});
    columns.push_back({"renewals", Kind::integer});
    for (const char* name : {"up_for_renewal", "renewed", "churned", "open", "committed", "weighted", "at_risk"})
        columns.push_back({name, Kind::money});
    return columns;
}

std::vector<Row> forecast(Database& db, const Config& config, const Period& period,
                          const std::optional<std::string>& by) {
    FxRates fx = config.fx_rates();
    std::map<std::string, double> probability;
    for (const auto& risk : renewal_risks()) probability[risk] = config.number("renewal.probability." + risk);

    struct Totals {
        std::int64_t renewals = 0, up = 0, renewed = 0, churned = 0, open = 0, committed = 0, at_risk = 0;
        double weighted = 0;
    };
    std::map<std::optional<std::string>, Totals> groups;
    std::string group_sql = !by ? "NULL" : *by == "owner" ? "coalesce(r.owner, a.owner)" : "a.segment";
    auto stmt = db.prepare("SELECT " + group_sql + ", c.currency, r.outcome, r.stage, r.risk, " + renewal_arr_sql() +
                           ", " + renewal_expected_sql() + renewal_joins + "WHERE r.due BETWEEN ?1 AND ?2");
    stmt.bind_all(format_date(period.start), format_date(period.end));
    while (stmt.step()) {
        std::string currency = stmt.text(1);
        Totals& totals = groups[stmt.optional_text(0)];
        std::int64_t arr = convert(Money{stmt.integer(5), currency}, fx, "up_for_renewal").minor;
        std::int64_t expected = convert(Money{stmt.integer(6), currency}, fx, "committed").minor;
        auto add = [](std::int64_t& total, std::int64_t amount, std::string_view figure) {
            total = add_minor(total, amount, figure);
        };
        ++totals.renewals;
        add(totals.up, arr, "up_for_renewal");
        auto outcome = stmt.optional_text(2);
        if (outcome == "renewed") {
            add(totals.renewed, expected, "renewed");
            add(totals.committed, expected, "committed");
            totals.weighted += static_cast<double>(expected);
        } else if (outcome == "churned") {
            add(totals.churned, arr, "churned");
        } else {
            add(totals.open, arr, "open");
            if (stmt.text(3) == "committed") add(totals.committed, expected, "committed");
            totals.weighted += static_cast<double>(expected) * probability[stmt.text(4)];
            if (stmt.text(4) == "high") add(totals.at_risk, arr, "at_risk");
        }
    }
    if (groups.empty() && !by) groups[std::nullopt];  // the period's row, with zeros
    std::vector<Row> rows;
    for (const auto& [group, totals] : groups) {
        Row row{period.label};
        if (by) row.push_back(group ? Cell{*group} : Cell{});
        auto money = [&](std::int64_t minor) { return Money{minor, fx.base}; };
        row.push_back(totals.renewals);
        for (auto minor : {totals.up, totals.renewed, totals.churned, totals.open, totals.committed,
                           round_minor(totals.weighted, "weighted"), totals.at_risk})
            row.push_back(money(minor));
        rows.push_back(std::move(row));
    }
    return rows;
}

// Calendar ------------------------------------------------------------------------

std::vector<CalendarEvent> renewal_events(Database& db, Date today, Date until) {
    std::string workspace_id;
    {
        auto meta = db.prepare("SELECT value FROM meta WHERE key = 'workspace_id'");
        if (meta.step()) workspace_id = meta.text(0);
    }
    auto stmt = db.prepare("SELECT r.id, a.name, a.key, c.id, c.title, r.due, r.notice_deadline, " +
                           renewal_arr_sql() + ", c.currency, coalesce(r.owner, a.owner), c.auto_renew" +
                           renewal_joins +
                           "WHERE r.outcome IS NULL AND (r.due BETWEEN ?1 AND ?2 OR r.notice_deadline BETWEEN ?1 AND ?2) "
                           "ORDER BY r.due, r.id");
    stmt.bind_all(format_date(today), format_date(until));
    std::vector<CalendarEvent> events;
    while (stmt.step()) {
        std::int64_t id = stmt.integer(0);
        std::string what = stmt.text(1) + (stmt.is_null(4) ? "" : " — " + stmt.text(4));
        Money arr{stmt.integer(7), stmt.text(8)};
        std::string description = fmt::format("Account {} ({}), contract {}, ARR {}{}{}", stmt.text(1), stmt.text(2),
                                              stmt.integer(3), format_human(arr),
                                              stmt.is_null(9) ? "" : ", owner " + stmt.text(9),
                                              stmt.integer(10) ? ", renews automatically" : "");
        Date due = *parse_iso_date(stmt.text(5));
        Date notice = *parse_iso_date(stmt.text(6));
        auto uid = [&](const char* kind) { return fmt::format("renewal-{}-{}-{}@acm", id, kind, workspace_id); };
        if (notice < due && today <= notice && notice <= until)
            events.push_back({uid("notice"), notice, "Notice deadline: " + what, description + "; due " + format_date(due)});
        if (today <= due && due <= until)
            events.push_back({uid("due"), due, "Renewal due: " + what, description});
    }
    std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    return events;
}

}  // namespace acm
