// The period and scope options shared by every report.
#include "acm/cli/report_options.hpp"

#include <CLI/CLI.hpp>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"

namespace acm {

void bind_period_options(CLI::App* command, PeriodOptions& options, const std::vector<std::string>& by,
                         bool with_period, bool with_scope) {
    if (with_period) {
        auto* period = command->add_option(
            "--period", options.period, "2026, 2026-Q3, 2026-07, 2026-H1, last-quarter, ytd, … (default this-quarter)");
        command->add_option("--from", options.from, "First day of the period (instead of --period)")->excludes(period);
        command->add_option("--to", options.to, "Last day of the period (default today)")->excludes(period);
    }
    if (!by.empty()) command->add_option("--by", options.by, "Split or group the rows: " + join_choices(by));
    if (!with_scope) return;
    command->add_option("--owner", options.owner, "Only accounts of this owner");
    command->add_option("--segment", options.segment, "Only accounts of this segment");
}

ResolvedPeriod resolve_period(const Context& ctx, const PeriodOptions& options, const std::vector<std::string>& by,
                              const std::string& default_period) {
    Period whole;
    if (options.from || options.to) {
        if (!options.from) throw UsageError("--to needs --from (or give --period)");
        Date from = parse_date(*options.from, ctx.today(), "--from");
        Date to = options.to ? parse_date(*options.to, ctx.today(), "--to") : ctx.today();
        whole = period_between(from, to);
    } else {
        whole = parse_period(options.period.value_or(default_period), ctx.today(), "--period");
    }
    ResolvedPeriod resolved;
    resolved.scope.owner = options.owner;
    resolved.scope.segment = options.segment;
    resolved.scope.churned = options.all;
    resolved.periods = {whole};
    if (options.by) {
        std::string choice = parse_choice(*options.by, by, "--by");
        if (choice == "week" || choice == "month" || choice == "quarter" || choice == "year")
            resolved.periods = split(whole, parse_granularity(choice, "--by"));
        else
            resolved.scope.group_by = choice;
    }
    return resolved;
}

}  // namespace acm
