#pragma once
// The options every report shares: one period syntax (--period P, or --from D [--to D]),
// --by to split the period (month, quarter, year) or group the rows (segment, owner,
// tier, …), and the --owner/--segment scope.
#include <optional>
#include <string>
#include <vector>

#include "acm/cli/context.hpp"
#include "acm/core/date.hpp"
#include "acm/reports/scope.hpp"

namespace CLI {
class App;
}

namespace acm {

struct PeriodOptions {
    std::optional<std::string> period, from, to, by, owner, segment;
    bool all = false;  // churned accounts too (reports that leave them out)
};

// Binds --period/--from/--to unless `with_period` is false, --owner/--segment unless
// `with_scope` is false, and --by when `by` lists the values it takes.
void bind_period_options(CLI::App* command, PeriodOptions& options, const std::vector<std::string>& by,
                         bool with_period = true, bool with_scope = true);

struct ResolvedPeriod {
    std::vector<Period> periods;  // the whole period, or its parts with --by month|quarter|year
    ReportScope scope;
};

// The periods and scope of the options; `default_period` when neither --period nor --from.
ResolvedPeriod resolve_period(const Context& ctx, const PeriodOptions& options, const std::vector<std::string>& by,
                              const std::string& default_period = "this-quarter");

}  // namespace acm
