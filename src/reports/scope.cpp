// The accounts in a report's scope, and the shapes every report's rows share.
#include "acm/reports/scope.hpp"

#include "acm/store/filter_sql.hpp"

namespace acm {

std::unordered_map<std::int64_t, Group> accounts_in_scope(Database& db, const ReportScope& scope) {
    // The group column is one of four fixed names, never user text.
    std::string column = !scope.group_by             ? "NULL"
                         : *scope.group_by == "owner"   ? "owner"
                         : *scope.group_by == "tier"    ? "tier"
                         : *scope.group_by == "account" ? "key"
                                                        : "segment";
    auto stmt = db.prepare("SELECT id, " + column + " FROM accounts WHERE " +
                           match_if(scope.account_id.has_value(), "id", 3) +
                           " AND (?1 IS NULL OR owner = ?1 COLLATE NOCASE) AND (?2 IS NULL OR segment = ?2 COLLATE NOCASE)");
    stmt.bind_all(scope.owner, scope.segment, scope.account_id);
    std::unordered_map<std::int64_t, Group> accounts;
    while (stmt.step()) accounts[stmt.integer(0)] = stmt.optional_text(1);
    return accounts;
}

Cell ratio(std::int64_t numerator, std::int64_t denominator) {
    if (denominator == 0) return std::monostate{};
    return static_cast<double>(numerator) / static_cast<double>(denominator);
}

std::vector<Column> with_group(const ReportScope& scope, std::vector<Column> columns) {
    if (scope.group_by) columns.insert(columns.begin() + 1, Column{*scope.group_by, Kind::text});
    return columns;
}

Row row_start(const std::string& label, const ReportScope& scope, const Group& group) {
    Row row{label};
    if (scope.group_by) row.push_back(group ? Cell{*group} : Cell{});
    return row;
}

}  // namespace acm
