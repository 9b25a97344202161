// report account: one account's review, built from the listings and reports it summarizes.
#include "acm/reports/account_review.hpp"

#include "acm/domain/account.hpp"
#include "acm/domain/account_figures.hpp"
#include "acm/domain/account_plan.hpp"
#include "acm/domain/arr.hpp"
#include "acm/domain/contract.hpp"
#include "acm/domain/escalation.hpp"
#include "acm/domain/feedback.hpp"
#include "acm/domain/health.hpp"
#include "acm/domain/renewal.hpp"
#include "acm/reports/book.hpp"

namespace acm {

namespace {

// A section from a listing's producer, without the columns that repeat the account.
Section listed(std::string name, std::string title, std::vector<Column> columns,
               const std::function<void(const std::function<void(Row&&)>&)>& produce) {
    Section section{std::move(name), std::move(title), {}, {}};
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].name == "account" || !columns[i].in_table) continue;
        kept.push_back(i);
        section.columns.push_back(columns[i]);
    }
    produce([&](Row&& row) {
        Row shown;
        for (auto i : kept) shown.push_back(std::move(row[i]));
        section.rows.push_back(std::move(shown));
    });
    return section;
}

// A report's rows for this account over the whole period, without the period column.
Section one_row(std::string name, std::string title, std::vector<Column> columns, std::vector<Row> rows) {
    columns.erase(columns.begin());
    for (auto& row : rows) row.erase(row.begin());
    return Section{std::move(name), std::move(title), std::move(columns), std::move(rows)};
}

}  // namespace

std::vector<Section> account_review(Database& db, const Config& config, std::int64_t account_id,
                                    const Period& period, Date today, Timestamp now) {
    FxRates fx = config.fx_rates();
    std::vector<Section> sections;

    Account account = load_account(db, account_id);
    fill_account_figures(db, account, today, fx);
    HealthSettings settings = HealthSettings::from(config);
    Health health = account_health(db, settings, today, account_id);
    Section details = listed("account", "Account", account_columns(),
                             [&](const auto& emit) { emit(account_row(account)); });
    details.columns.push_back({"health", Kind::text, true, true});
    details.columns.push_back({"health_score", Kind::score});
    details.columns.push_back({"time_to_value_days", Kind::integer});
    auto ttv = time_to_value_days(db, account_id);
    details.rows.front().push_back(health.color);
    details.rows.front().push_back(health.score ? Cell{*health.score} : Cell{});
    details.rows.front().push_back(ttv ? Cell{*ttv} : Cell{});
    sections.push_back(std::move(details));

    // ARR at the end of each month of the period (contracts as they stand for months ahead).
    Section history{"arr_history", "ARR history", {{"month", Kind::text}, {"arr", Kind::money}}, {}, 1};
    for (const auto& month : split(period, Granularity::month))
        history.rows.push_back(Row{month.label, account_arr(db, account_id, month.end, fx)});
    sections.push_back(std::move(history));

    sections.push_back(listed("contracts", "Contracts", contract_columns(), [&](const auto& emit) {
        ContractFilter filter;
        filter.account_id = account_id;
        for_each_contract(db, filter, today, emit);
    }));
    sections.push_back(listed("renewals", "Open renewals", renewal_columns(false), [&](const auto& emit) {
        RenewalFilter filter;
        filter.account_id = account_id;
        for_each_renewal(db, filter, emit);
    }));

    // Usage per month: the mean of the days recorded, logins summed; empty months stay empty.
    Section usage{"usage", "Usage trend",
                  {{"month", Kind::text}, {"mean_active_users", Kind::score}, {"logins", Kind::integer}, {"days", Kind::integer}},
                  {}, 1};
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
        usage.rows.push_back(std::move(row));
    }
    sections.push_back(std::move(usage));

    ReportScope scope;
    scope.account_id = account_id;
    sections.push_back(one_row("feedback", "Feedback in the period", feedback_report_columns(scope),
                               feedback_report(db, {period}, scope)));
    sections.push_back(listed("recent_feedback", "Recent feedback", feedback_columns(), [&](const auto& emit) {
        FeedbackFilter filter;
        filter.account_id = account_id;
        for_each_feedback(db, filter, 5, emit);
    }));
    sections.push_back(one_row("escalations", "Escalations in the period", escalations_report_columns(scope),
                               escalations_report(db, {period}, scope, now)));
    sections.push_back(listed("open_escalations", "Open escalations", escalation_columns(), [&](const auto& emit) {
        EscalationFilter filter;
        filter.account_id = account_id;
        filter.open_only = true;
        for_each_escalation(db, filter, now, emit);
    }));
    sections.push_back(listed("health", "Health", health_component_columns(),
                              [&](const auto& emit) { for_each_health_component(health, emit); }));
    sections.push_back(listed("opportunities", "Open opportunities", opportunity_columns(),
                              [&](const auto& emit) { for_each_opportunity(db, account_id, "open", emit); }));
    sections.push_back(listed("milestones", "Milestones", milestone_columns(),
                              [&](const auto& emit) { for_each_milestone(db, account_id, today, emit); }));
    return sections;
}

}  // namespace acm
