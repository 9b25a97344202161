// report account: one account's review, built from the listings and reports it summarizes.
#include "acm/reports/account_review.hpp"

#include <fmt/format.h>

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

// A listing's columns and rows, without the columns that repeat the account or that the
// listing keeps out of a table.
Table listed(std::vector<Column> columns, const std::function<void(const std::function<void(Row&&)>&)>& produce) {
    Table table;
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].name == "account" || !columns[i].in_table) continue;
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
                         std::vector<Row> rows) {
    columns.erase(columns.begin());
    for (auto& row : rows) row.erase(row.begin());
    Part& part = document.add_table(std::move(name), std::move(title), std::move(columns), std::move(rows));
    part.single = true;
    return part;
}

Part& add_listed(Document& document, std::string name, std::string title, std::vector<Column> columns,
                 const std::function<void(const std::function<void(Row&&)>&)>& produce) {
    Table table = listed(std::move(columns), produce);
    return document.add_table(std::move(name), std::move(title), std::move(table.columns), std::move(table.rows));
}

}  // namespace

Document account_review(Database& db, const Config& config, std::int64_t account_id, const Period& period,
                        Date today, Timestamp now) {
    FxRates fx = config.fx_rates();
    Document review;

    Account account = load_account(db, account_id);
    fill_account_figures(db, account, today, fx);
    HealthSettings settings = HealthSettings::from(config);
    Health health = account_health(db, settings, today, account_id);
    review.title = fmt::format("{} — review {} to {}", account.name, format_date(period.start), format_date(period.end));
    Table details = listed(account_columns(), [&](const auto& emit) { emit(account_row(account)); });
    Record record = record_of(details.columns, std::move(details.rows.front()));
    record.add({"health", Kind::text, true, true}, health.color);
    record.add({"health_score", Kind::score}, health.score ? Cell{*health.score} : Cell{});
    auto ttv = time_to_value_days(db, account_id);
    record.add({"time_to_value_days", Kind::integer}, ttv ? Cell{*ttv} : Cell{});
    review.add_record("account", "", std::move(record));
    // In the title for people; a value of its own for programs.
    Record dates;
    dates.add({"from", Kind::date, false}, period.start);
    dates.add({"to", Kind::date, false}, period.end);
    review.add_record("period", "", std::move(dates));

    // ARR at the end of each month of the period (contracts as they stand for months ahead).
    std::vector<Row> history;
    for (const auto& month : split(period, Granularity::month))
        history.push_back(Row{month.label, account_arr(db, account_id, month.end, fx)});
    review.add_table("arr_history", "ARR history", {{"month", Kind::text}, {"arr", Kind::money}}, std::move(history))
        .chart = 1;

    add_listed(review, "contracts", "Contracts", contract_columns(), [&](const auto& emit) {
        ContractFilter filter;
        filter.account_id = account_id;
        for_each_contract(db, filter, today, emit);
    });
    add_listed(review, "renewals", "Open renewals", renewal_columns(false), [&](const auto& emit) {
        RenewalFilter filter;
        filter.account_id = account_id;
        for_each_renewal(db, filter, emit);
    });

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
    add_period_figures(review, "feedback_stats", "Feedback in the period", feedback_report_columns(scope),
                       feedback_report(db, {period}, scope));
    add_listed(review, "feedback", "Recent feedback", feedback_columns(), [&](const auto& emit) {
        FeedbackFilter filter;
        filter.account_id = account_id;
        for_each_feedback(db, filter, 5, emit);
    });
    add_period_figures(review, "escalation_stats", "Escalations in the period", escalations_report_columns(scope),
                       escalations_report(db, {period}, scope, now));
    add_listed(review, "escalations", "Open escalations", escalation_columns(), [&](const auto& emit) {
        EscalationFilter filter;
        filter.account_id = account_id;
        filter.open_only = true;
        for_each_escalation(db, filter, now, emit);
    });
    add_listed(review, "health_components", "Health", health_component_columns(),
               [&](const auto& emit) { for_each_health_component(health, emit); });
    add_listed(review, "opportunities", "Open opportunities", opportunity_columns(),
               [&](const auto& emit) { for_each_opportunity(db, account_id, "open", emit); });
    add_listed(review, "milestones", "Milestones", milestone_columns(),
               [&](const auto& emit) { for_each_milestone(db, account_id, today, emit); });
    review.flat = "*";
    return review;
}

}  // namespace acm
