#pragma once
// The money side of the book of business: report portfolio, profitability and pipeline
// (acm-report(1)). Like retention.hpp: each is a function from (workspace, config, period
// or day, scope) to rows; the caller renders them. Amounts are integer minor units of the
// base currency until the final ratio.
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/output/table.hpp"
#include "acm/reports/scope.hpp"
#include "acm/store/db.hpp"

namespace acm {

// report portfolio: [group], accounts, customers (ARR > 0 today), arr, mrr (arr / 12),
// green, yellow, red, no_health, renewals_due (open renewals due from today to
// `renewals_until`), renewals_due_arr, open_escalations.
std::vector<Column> portfolio_columns(const ReportScope& scope);
std::vector<Row> portfolio_report(Database& db, const Config& config, Date today, Date renewals_until,
                                  const ReportScope& scope);

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
