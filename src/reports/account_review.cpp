// report account: one account's review, built from the listings and reports it summarizes.
#include "acm/reports/account_review.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "acm/domain/account.hpp"
#include "acm/domain/account_figures.hpp"
#include "acm/domain/account_plan.hpp"
#include "acm/domain/arr.hpp"
#include "acm/domain/contract.hpp"
#include "acm/domain/escalation.hpp"
#include "acm/domain/feedback.hpp"
#include "acm/domain/health.hpp"
#include "acm/domain/renewal.hpp"
#include "acm/reports/customer_kpis.hpp"

namespace acm {

namespace {

using Names = std::vector<std::string>;

bool among(const Names& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// A listing's columns and rows, without the columns that repeat the account or that are
// `left_out` (internal figures on the customer's page). Those the listing keeps out of a
// table stay, for the machine formats: the currency beside each amount among them.
Table listed(std::vector<Column> columns, const std::function<void(const std::function<void(Row&&)>&)>& produce,
             const Names& left_out = {}) {
    Table table;
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].name == "account" || among(left_out, columns[i].name)) continue;
        kept.push_back(i);
        table.columns.push_back(columns[i]);
    }
    produce([&](Row&& row) {
        Row shown;
        for (auto i : kept) shown.push_back(std::move(row[i]));
        table.rows.push_back(std::move(shown));
    });
    return table;
}

// A report's row for this account over the whole period, without the period column: one
// object.
Part& add_period_figures(Document& document, std::string name, std::string title, std::vector<Column> columns,
                         std::vector<Row> rows, const Names& left_out = {}) {
    columns.erase(columns.begin());
    for (auto& row : rows) row.erase(row.begin());
    Table table = listed(std::move(columns), [&](const auto& emit) {
        for (auto& row : rows) emit(std::move(row));
    }, left_out);
    Part& part = document.add_table(std::move(name), std::move(title), std::move(table.columns), std::move(table.rows));
    part.single = true;
    return part;
}

Part& add_listed(Document& document, std::string name, std::string title, std::vector<Column> columns,
                 const std::function<void(const std::function<void(Row&&)>&)>& produce, const Names& left_out = {}) {
    Table table = listed(std::move(columns), produce, left_out);
    return document.add_table(std::move(name), std::move(title), std::move(table.columns), std::move(table.rows));
}

// The value of `column` in the one row of a period figures part (empty when no row).
Cell figure(const Part& part, const std::string& column) {
    if (part.table.rows.empty()) return {};
    for (std::size_t i = 0; i < part.table.columns.size(); ++i)
        if (part.table.columns[i].name == column) return part.table.rows.front()[i];
    return {};
}

std::string signed_text(const Money& money) {
    return (money.minor > 0 ? "+" : "") + format_human(money);
}

}  // namespace

Document account_review(Database& db, const Config& config, std::int64_t account_id, const Period& period,
                        Date today, Timestamp now, bool internal) {
    FxRates fx = config.fx_rates();
    Document review;
    // What the customer's page leaves out: ids and keys, the classification, and the figures
    // the team steers by (health, renewal risk and forecast, negative flags, the pipeline).
    const auto hidden = [internal](Names names) { return internal ? Names{} : names; };

    Account account = load_account(db, account_id);
    fill_account_figures(db, account, today, fx);
    HealthSettings settings = HealthSettings::from(config);
    Health health = account_health(db, settings, today, account_id);
    review.title = fmt::format("{} — review {} to {}", account.name, format_date(period.start), format_date(period.end));
    Table details = listed(account_columns(), [&](const auto& emit) { emit(account_row(account)); },
                           hidden({"id", "key", "segment", "tier", "status", "last_touch"}));
    Record record = record_of(details.columns, std::move(details.rows.front()));
    // The currency beside the amount, as account list has it.
    auto arr = std::find_if(record.fields.begin(), record.fields.end(), [](const Field& f) { return f.column.name == "arr"; });
    if (arr != record.fields.end())
        record.fields.insert(arr + 1, Field{{"arr_currency", Kind::text, false},
                                            account.arr ? Cell{account.arr->currency} : Cell{}, {}, {}});
    if (internal) {
        record.add({"health", Kind::text, true, true}, health.color);
        record.add({"health_score", Kind::score}, health.score ? Cell{*health.score} : Cell{});
    }
    auto ttv = time_to_value_days(db, account_id);
    record.add({"time_to_value_days", Kind::integer}, ttv ? Cell{*ttv} : Cell{});
    review.add_record("account", "Account", std::move(record));
    // In the title for people; a value of its own for programs.
    Record dates;
    dates.add({"from", Kind::date, false}, period.start);
    dates.add({"to", Kind::date, false}, period.end);
    review.add_record("period", "", std::move(dates));

    // ARR at the end of each month of the period (contracts as they stand for months ahead).
    std::vector<Row> history;
    for (const auto& month : split(period, Granularity::month)) {
        Money arr = account_arr(db, account_id, month.end, fx);
        std::string currency = arr.currency;
        history.push_back(Row{month.label, std::move(arr), std::move(currency)});
    }
    review.add_table("arr_history", "ARR history",
                     {{"month", Kind::text}, {"arr", Kind::money}, {"arr_currency", Kind::text, false}},
                     std::move(history))
        .chart = 1;

    add_listed(review, "contracts", "Contracts", contract_columns(), [&](const auto& emit) {
        ContractFilter filter;
        filter.account_id = account_id;
        for_each_contract(db, filter, today, emit);
    }, hidden({"id"}));
    add_listed(review, "renewals", "Open renewals", renewal_columns(false), [&](const auto& emit) {
        RenewalFilter filter;
        filter.account_id = account_id;
        for_each_renewal(db, filter, emit);
    }, hidden({"id", "contract", "stage", "risk", "forecast", "owner"}));

    // Usage per month: the mean of the days recorded, logins summed; empty months stay empty.
    std::vector<Row> usage;
    auto stmt = db.prepare(
        "SELECT substr(date, 1, 7), avg(active_users), sum(logins), count(*) FROM usage "
        "WHERE account_id = ?1 AND date BETWEEN ?2 AND ?3 GROUP BY 1");
    stmt.bind_all(account_id, format_date(period.start), format_date(period.end));
    std::map<std::string, Row> months;
    while (stmt.step())
        months[stmt.text(0)] = Row{stmt.is_null(1) ? Cell{} : Cell{stmt.real(1)},
                                   stmt.is_null(2) ? Cell{} : Cell{stmt.integer(2)}, stmt.integer(3)};
    for (const auto& month : split(period, Granularity::month)) {
        Row row{month.label};
        auto found = months.find(month.label);
        if (found == months.end())
            row.insert(row.end(), {Cell{}, Cell{}, std::int64_t{0}});
        else
            row.insert(row.end(), found->second.begin(), found->second.end());
        usage.push_back(std::move(row));
    }
    review.add_table("usage", "Usage trend",
                     {{"month", Kind::text}, {"mean_active_users", Kind::score}, {"logins", Kind::integer},
                      {"days", Kind::integer}},
                     std::move(usage))
        .chart = 1;

    ReportScope scope;
    scope.account_id = account_id;
    const Part& feedback_stats =
        add_period_figures(review, "feedback_stats", "Feedback in the period", feedback_report_columns(scope),
                           feedback_report(db, {period}, scope), hidden({"negative"}));
    Cell nps = figure(feedback_stats, "nps"), csat = figure(feedback_stats, "csat");
    add_listed(review, "feedback", "Recent feedback", feedback_columns(), [&](const auto& emit) {
        FeedbackFilter filter;
        filter.account_id = account_id;
        for_each_feedback(db, filter, 5, emit);
    }, hidden({"id", "negative", "follow_up"}));
    const Part& escalation_stats =
        add_period_figures(review, "escalation_stats", "Escalations in the period", escalations_report_columns(scope),
                           escalations_report(db, {period}, scope, now));
    Cell opened = figure(escalation_stats, "opened"), resolved = figure(escalation_stats, "resolved");
    add_listed(review, "escalations", "Open escalations", escalation_columns(), [&](const auto& emit) {
        EscalationFilter filter;
        filter.account_id = account_id;
        filter.open_only = true;
        for_each_escalation(db, filter, now, emit);
    }, hidden({"id", "owner", "breached"}));
    if (internal) {
        add_listed(review, "health_components", "Health", health_component_columns(),
                   [&](const auto& emit) { for_each_health_component(health, emit); });
        add_listed(review, "opportunities", "Open opportunities", opportunity_columns(),
                   [&](const auto& emit) { for_each_opportunity(db, account_id, "open", emit); });
    }
    add_listed(review, "milestones", "Milestones", milestone_columns(),
               [&](const auto& emit) { for_each_milestone(db, account_id, today, emit); }, hidden({"id"}));

    // The summary of the period: where ARR ended and how it moved, the renewal, adoption and
    // its trend (the first and last months with usage), satisfaction, escalations, milestones.
    Record sum;
    Money arr_end = account_arr(db, account_id, period.end, fx);
    Money arr_start = account_arr(db, account_id, add_days(period.start, -1), fx);
    Money change = arr_end - arr_start;
    sum.add({"arr", Kind::money}, arr_end).text =
        change.minor == 0 ? fmt::format("{} (unchanged since {})", format_human(arr_end), format_date(add_days(period.start, -1)))
                          : fmt::format("{} ({} since {})", format_human(arr_end), signed_text(change),
                                        format_date(add_days(period.start, -1)));
    sum.add({"arr_change", Kind::money, false}, change);
    sum.add({"arr_currency", Kind::text, false}, arr_end.currency);
    sum.add({"renewal_date", Kind::date}, account.next_renewal ? Cell{*account.next_renewal} : Cell{});
    Field& adoption = sum.add({"active_users", Kind::score}, Cell{});
    adoption.label = "adoption";
    std::vector<std::pair<std::string, double>> measured;  // the months with active users, in order
    for (const auto& [month, row] : months)
        if (auto* users = std::get_if<double>(&row[0])) measured.emplace_back(month, *users);
    if (!measured.empty()) {
        const auto& [first_month, then] = measured.front();
        const auto& [last_month, latest] = measured.back();
        adoption.value = latest;
        adoption.text = fmt::format("{:.0f} active users a day in {}", latest, last_month);
        if (first_month != last_month)
            adoption.text += fmt::format(" ({} from {:.0f} in {})",
                                         latest > then ? "up" : latest < then ? "down" : "unchanged", then, first_month);
    }
    sum.add({"nps", Kind::score}, nps);
    sum.add({"csat", Kind::ratio}, csat);
    auto count_of = [](const Cell& cell) { return cell.index() == 0 ? std::int64_t{0} : std::get<std::int64_t>(cell); };
    Field& escalations = sum.add({"escalations_opened", Kind::integer}, count_of(opened));
    escalations.label = "escalations";
    escalations.text = fmt::format("{} opened, {} resolved", count_of(opened), count_of(resolved));
    sum.add({"escalations_resolved", Kind::integer, false}, count_of(resolved));
    auto reached = db.prepare("SELECT count(*) FROM milestones WHERE account_id = ?1 AND done_on BETWEEN ?2 AND ?3");
    reached.bind_all(account_id, format_date(period.start), format_date(period.end));
    reached.step();
    sum.add({"milestones_reached", Kind::integer}, reached.integer(0));
    // Computed last, from the figures above, and shown first.
    review.add_record("summary", "Summary of the period", std::move(sum));
    std::rotate(review.parts.begin(), review.parts.end() - 1, review.parts.end());
    review.flat = "*";
    review.label_width = 18;  // "milestones reached", "time to value days"
    return review;
}

}  // namespace acm
