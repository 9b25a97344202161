#pragma once
// What every report shares: which accounts it looks at and how it groups them (ReportScope),
// the accounts in scope with the value they are grouped by, undefined-safe ratios, and the
// group column.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

// Which accounts a report looks at, and how it groups them (by their current attributes).
struct ReportScope {
    std::optional<std::string> owner, segment;  // --owner, --segment
    std::optional<std::string> group_by;        // segment, owner, tier or account (a column of accounts)
    std::optional<std::int64_t> account_id;     // one account only (report account)
    bool churned = false;  // --all: churned accounts count in health and customer counts too
};

using Group = std::optional<std::string>;

// The accounts of --owner/--segment, each with the value of its --by group column
// (segment, owner, tier, or account: its key); none without --by.
std::unordered_map<std::int64_t, Group> accounts_in_scope(Database& db, const ReportScope& scope);

// A ratio, or missing when undefined (an empty cohort is not 0%).
Cell ratio(std::int64_t numerator, std::int64_t denominator);

// The columns with the group column after the first (period) one when --by groups.
std::vector<Column> with_group(const ReportScope& scope, std::vector<Column> columns);
// The row's first cells: the period label and, when grouped, the group.
Row row_start(const std::string& label, const ReportScope& scope, const Group& group);

// Every group that has anything in `stats`, in order; one (unnamed) group without --by.
template <class Stats>
std::vector<Group> groups_of(const ReportScope& scope, const std::map<Group, Stats>& stats) {
    if (!scope.group_by) return {std::nullopt};
    std::vector<Group> result;
    for (const auto& [group, _] : stats) result.push_back(group);
    return result;
}

// The stats of `group`, or empty ones.
template <class Stats>
Stats stats_of(const std::map<Group, Stats>& stats, const Group& group) {
    auto found = stats.find(group);
    return found == stats.end() ? Stats{} : found->second;
}

}  // namespace acm
