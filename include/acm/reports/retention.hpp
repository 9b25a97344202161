#pragma once
// Retention KPIs and ARR movements (acm-report(1)): one definition used by `report retention`,
// `report arr` and `report renewals`. Each report is a function from (workspace, filters,
// period) to rows; the caller renders them. Amounts are integer minor units of the base
// currency until the final ratio.
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/output/table.hpp"
#include "acm/reports/scope.hpp"
#include "acm/store/db.hpp"

namespace acm {

// report retention: period, [group], start_arr, expansion, contraction, churned_arr, end_arr,
// new_arr, total_end_arr, grr, nrr, logo_churn, cohort_logos, churned_logos,
// renewal_rate_logos, renewal_rate_arr — one row per period of `periods` (and group).
std::vector<Column> retention_columns(const ReportScope& scope);
std::vector<Row> retention_report(Database& db, const Config& config, const std::vector<Period>& periods,
                                  const ReportScope& scope);

// report arr: period, start_arr, new_arr, expansion, contraction, churned_arr, total_end_arr;
// consecutive periods chain (one's total_end_arr is the next one's start_arr).
std::vector<Column> arr_columns();
std::vector<Row> arr_report(Database& db, const Config& config, const std::vector<Period>& periods,
                            const ReportScope& scope);

// report renewals: period, [group], due, renewed, churned, open, renewal_rate_logos,
// renewal_rate_arr, up_for_renewal, renewed_arr, churned_arr — renewals due in the period.
std::vector<Column> renewals_report_columns(const ReportScope& scope);
std::vector<Row> renewals_report(Database& db, const Config& config, const std::vector<Period>& periods,
                                 const ReportScope& scope);

}  // namespace acm
