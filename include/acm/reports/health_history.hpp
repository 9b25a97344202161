#pragma once
// Health over time (acm-report(1)): the trend of each account's health over periods. A
// function from (workspace, config, periods, scope) to rows, like the other reports.
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

// One character per score, ▁ (0) to █ (100), · for none.
std::string sparkline(const std::vector<std::optional<double>>& scores);

}  // namespace acm
