// acm report …: every report computes rows (src/reports); this file only wires flags.
// One period syntax for all: --period P or --from D [--to D], and --by to split the
// period (month, quarter, year) or group the rows (segment, owner, tier).
#include <fmt/format.h>

#include "acm/cli/command.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/reports/retention.hpp"

namespace acm {

namespace {

struct PeriodOptions {
    std::optional<std::string> period, from, to, by, owner, segment;
};

// Binds --period/--from/--to/--by/--owner/--segment; `by` lists the values --by takes here.
void bind_period_options(CLI::App* command, PeriodOptions& options, const std::vector<std::string>& by) {
    auto* period = command->add_option("--period", options.period,
                                       "2026, 2026-Q3, 2026-07, 2026-H1, last-quarter, ytd, … (default this-quarter)");
    command->add_option("--from", options.from, "First day of the period (instead of --period)")->excludes(period);
    command->add_option("--to", options.to, "Last day of the period (default today)")->excludes(period);
    if (!by.empty()) command->add_option("--by", options.by, "Split or group the rows: " + join_choices(by));
    command->add_option("--owner", options.owner, "Only accounts of this owner");
    command->add_option("--segment", options.segment, "Only accounts of this segment");
}

struct Resolved {
    std::vector<Period> periods;
    ReportScope scope;
};

Resolved resolve(const Context& ctx, const PeriodOptions& options, const std::vector<std::string>& by) {
    Period whole;
    if (options.from || options.to) {
        if (!options.from) throw UsageError("--to needs --from (or give --period)");
        Date from = parse_date(*options.from, ctx.today(), "--from");
        Date to = options.to ? parse_date(*options.to, ctx.today(), "--to") : ctx.today();
        whole = period_between(from, to);
    } else {
        whole = parse_period(options.period.value_or("this-quarter"), ctx.today(), "--period");
    }
    Resolved resolved;
    resolved.scope.owner = options.owner;
    resolved.scope.segment = options.segment;
    resolved.periods = {whole};
    if (options.by) {
        std::string choice = parse_choice(*options.by, by, "--by");
        if (choice == "month" || choice == "quarter" || choice == "year")
            resolved.periods = split(whole, parse_granularity(choice, "--by"));
        else
            resolved.scope.group_by = choice;
    }
    return resolved;
}

struct ReportOptions {
    PeriodOptions period;
};

const std::vector<std::string> retention_by = {"month", "quarter", "year", "segment", "owner", "tier"};
const std::vector<std::string> arr_by = {"month", "quarter", "year"};

void run_retention(Context& ctx, const ReportOptions& options) {
    Resolved r = resolve(ctx, options.period, retention_by);
    ctx.print_rows(retention_columns(r.scope), retention_report(ctx.db(), ctx.config(), r.periods, r.scope));
}

void run_arr(Context& ctx, const ReportOptions& options) {
    Resolved r = resolve(ctx, options.period, arr_by);
    ctx.print_rows(arr_columns(), arr_report(ctx.db(), ctx.config(), r.periods, r.scope));
}

void run_renewals(Context& ctx, const ReportOptions& options) {
    Resolved r = resolve(ctx, options.period, retention_by);
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
