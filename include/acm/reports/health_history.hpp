#pragma once
// Health over time (acm-report(1)): the trend of each account's health over periods, and
// the backtest of the score against the renewals that closed. Functions from (workspace,
// config, period, …) to rows, like the other reports.
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/output/table.hpp"
#include "acm/reports/scope.hpp"
#include "acm/store/db.hpp"

namespace acm {

// report health --trend: key, period, health_score, health: one row per account and period,
// its health on the period's last day (today for a period not over yet; periods that start
// after today are left out); both null before the account had data. With `sparkline`, a
// last column `trend` draws the account's scores (▁ to █) on its last row.
std::vector<Column> health_trend_columns(bool sparkline);
std::vector<Row> health_trend_report(Database& db, const Config& config, const std::vector<Period>& periods, Date today,
                                     const ReportScope& scope, bool sparkline);

// report health-backtest: one row, renewals, true_positives, false_positives,
// false_negatives, true_negatives, precision, recall, accuracy, then for each component
// <component>_lost and <component>_kept, its mean value over the lost and the kept renewals.
// Every renewal closed in `period` counts: lost when churned or renewed for less ARR, kept
// when renewed flat or up; at risk when the account's health on due − `lead` was red (or,
// with `yellow_at_risk`, red or yellow).
std::vector<Column> health_backtest_columns();
std::vector<Row> health_backtest_report(Database& db, const Config& config, const Period& period, Duration lead,
                                        bool yellow_at_risk);

// One character per score, ▁ (0) to █ (100), · for none.
std::string sparkline(const std::vector<std::optional<double>>& scores);

}  // namespace acm
