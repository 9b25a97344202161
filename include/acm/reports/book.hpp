#pragma once
// The book-of-business reports (SPEC §4 report, §5, §6): portfolio, feedback, escalations,
// health, profitability and pipeline. Like retention.hpp: each is a function from
// (workspace, config, period or day, scope) to rows; the caller renders them. Amounts
// are integer minor units of the base currency until the final ratio.
#include <optional>
#include <string>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/output/table.hpp"
#include "acm/reports/retention.hpp"
#include "acm/store/db.hpp"

namespace acm {

// report portfolio: [group], accounts, customers (ARR > 0 today), arr, mrr (arr / 12),
// green, yellow, red, no_health, renewals_due (open renewals due from today to
// `renewals_until`), renewals_due_arr, open_escalations.
std::vector<Column> portfolio_columns(const ReportScope& scope);
std::vector<Row> portfolio_report(Database& db, const Config& config, Date today, Date renewals_until,
                                  const ReportScope& scope);

// report feedback: period, [group], nps, nps_responses, csat, csat_responses, ces,
// ces_responses, surveys_sent, response_rate, negative, top_categories.
std::vector<Column> feedback_report_columns(const ReportScope& scope);
std::vector<Row> feedback_report(Database& db, const std::vector<Period>& periods, const ReportScope& scope);

// report escalations: period, [group], opened, resolved, open_at_end, open_critical,
// open_high, open_medium, open_low, mean_hours_to_resolve, median_hours_to_resolve,
// sla_breaches, top_root_causes. `now` bounds SLA breaches of a period not over yet.
std::vector<Column> escalations_report_columns(const ReportScope& scope);
std::vector<Row> escalations_report(Database& db, const std::vector<Period>& periods, const ReportScope& scope,
                                    Timestamp now);

// report health: key, name, health (the color), health_score, then each component's 0–100 value (null
// without data); worst score first with `at_risk` (red and yellow accounts only).
std::vector<Column> health_report_columns();
std::vector<Row> health_report(Database& db, const Config& config, Date today, bool at_risk, const ReportScope& scope);

// report profitability: period, [group], recurring_revenue (ARR pro-rated by day),
// one_time_revenue (one-time fees of contracts starting in the period), revenue,
// cost_to_serve, margin, margin_pct.
std::vector<Column> profitability_columns(const ReportScope& scope);
std::vector<Row> profitability_report(Database& db, const Config& config, const std::vector<Period>& periods,
                                      const ReportScope& scope);

// report pipeline: [group], stage, kind, opportunities, value, weighted_value, next_close —
// every open opportunity, and those won or lost with a close date in `period`.
std::vector<Column> pipeline_columns(const ReportScope& scope);
std::vector<Row> pipeline_report(Database& db, const Config& config, const Period& period, const ReportScope& scope);

}  // namespace acm
