#pragma once
// The customer side of the book of business: report feedback, escalations and health
// (acm-report(1)). Like retention.hpp: each is a function from (workspace, config, period
// or day, scope) to rows; the caller renders them.
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/output/table.hpp"
#include "acm/reports/scope.hpp"
#include "acm/store/db.hpp"

namespace acm {

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

}  // namespace acm
