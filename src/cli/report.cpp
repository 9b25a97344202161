// acm report …: every report computes rows (src/reports); this file only wires flags.
// One period syntax for all: --period P or --from D [--to D], and --by to split the
// period (month, quarter, year) or group the rows (segment, owner, tier).
#include <fmt/format.h>

#include "acm/cli/command.hpp"
#include "acm/cli/report_options.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/reports/retention.hpp"

namespace acm {

namespace {

struct ReportOptions {
    PeriodOptions period;
};

const std::vector<std::string> retention_by = {"month", "quarter", "year", "segment", "owner", "tier"};
const std::vector<std::string> arr_by = {"month", "quarter", "year"};

void run_retention(Context& ctx, const ReportOptions& options) {
    ResolvedPeriod r = resolve_period(ctx, options.period, retention_by);
    ctx.print_rows(retention_columns(r.scope), retention_report(ctx.db(), ctx.config(), r.periods, r.scope));
}

void run_arr(Context& ctx, const ReportOptions& options) {
    ResolvedPeriod r = resolve_period(ctx, options.period, arr_by);
    ctx.print_rows(arr_columns(), arr_report(ctx.db(), ctx.config(), r.periods, r.scope));
}

void run_renewals(Context& ctx, const ReportOptions& options) {
    ResolvedPeriod r = resolve_period(ctx, options.period, retention_by);
    ctx.print_rows(renewals_report_columns(r.scope), renewals_report(ctx.db(), ctx.config(), r.periods, r.scope));
}

}  // namespace

void add_report_commands(CLI::App& app, Context& ctx) {
    auto* report = add_group(app, "report", "Reports: retention, ARR movements, renewals");

    auto retention = std::make_shared<ReportOptions>();
    bind_period_options(add_command(*report, ctx, retention, "retention",
                                    "GRR, NRR, logo churn and ARR movements of the period's starting cohort",
                                    "acm report retention --period 2026-Q3 --by segment", run_retention),
                        retention->period, retention_by);

    auto arr = std::make_shared<ReportOptions>();
    bind_period_options(add_command(*report, ctx, arr, "arr", "ARR movements per period: new, expansion, contraction, churn",
                                    "acm report arr --period 2026 --by quarter", run_arr),
                        arr->period, arr_by);

    auto renewals = std::make_shared<ReportOptions>();
    bind_period_options(add_command(*report, ctx, renewals, "renewals",
                                    "Renewals due in the period: renewed, churned, open, renewal rates",
                                    "acm report renewals --period 2026-Q4", run_renewals),
                        renewals->period, retention_by);
}

}  // namespace acm
