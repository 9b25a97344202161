// Retention KPIs, ARR movements and renewal rates (acm-report(1)).
#include "acm/reports/retention.hpp"

#include <map>
#include <unordered_map>

#include "acm/core/money.hpp"
#include "acm/domain/arr.hpp"
#include "acm/domain/renewal.hpp"
#include "acm/reports/scope.hpp"

namespace acm {

namespace {

struct Movements {
    std::int64_t start = 0, expansion = 0, contraction = 0, churned = 0, end = 0, added = 0;
    std::int64_t cohort_logos = 0, churned_logos = 0;
};

// ARR at the close of the day before the period against ARR on its last day, per account.
std::map<Group, Movements> movements(Database& db, const FxRates& fx, const Period& period,
                                     const std::unordered_map<std::int64_t, Group>& accounts) {
    auto at_start = arr_sums_by_account(db, add_days(period.start, -1));
    auto at_end = arr_sums_by_account(db, period.end);
    auto arr_of = [&](const auto& sums, std::int64_t account) {
        auto found = sums.find(account);
        return found == sums.end() ? std::int64_t{0} : to_base(found->second, fx, "arr").minor;
    };
    std::map<Group, Movements> result;
    for (const auto& [account, group] : accounts) {
        std::int64_t start = arr_of(at_start, account), end = arr_of(at_end, account);
        if (start == 0 && end == 0) continue;
        Movements& m = result[group];
        if (start <= 0) {
            m.added = add_minor(m.added, end, "new_arr");  // a new logo (or one come back): not in the cohort
            continue;
        }
        ++m.cohort_logos;
        m.start = add_minor(m.start, start, "start_arr");
        m.end = add_minor(m.end, end, "end_arr");
        if (end > start)
            m.expansion = add_minor(m.expansion, end - start, "expansion");
        else if (end == 0) {
            m.churned = add_minor(m.churned, start, "churned_arr");
            ++m.churned_logos;
        } else
            m.contraction = add_minor(m.contraction, start - end, "contraction");
    }
    return result;
}

struct RenewalStats {
    std::int64_t due = 0, renewed = 0, churned = 0, open = 0;
    std::int64_t up = 0, renewed_arr = 0, churned_arr = 0;
    std::int64_t closed_old = 0, kept = 0;  // Σ old ARR and Σ min(new, old) over closed renewals
};

std::map<Group, RenewalStats> renewal_stats(Database& db, const FxRates& fx, const Period& period,
                                            const std::unordered_map<std::int64_t, Group>& accounts) {
    auto stmt = db.prepare("SELECT c.account_id, c.currency, r.outcome, " + renewal_arr_sql() +
                           ", r.new_arr_minor FROM renewals r JOIN contracts c ON c.id = r.contract_id "
                           "WHERE r.due BETWEEN ?1 AND ?2");
    stmt.bind_all(format_date(period.start), format_date(period.end));
    std::map<Group, RenewalStats> result;
    while (stmt.step()) {
        auto account = accounts.find(stmt.integer(0));
        if (account == accounts.end()) continue;
        std::string currency = stmt.text(1);
        auto base = [&](int column, std::string_view figure) {
            return convert(Money{stmt.integer(column), currency}, fx, figure).minor;
        };
        RenewalStats& s = result[account->second];
        std::int64_t old_arr = base(3, "up_for_renewal");
        ++s.due;
        s.up = add_minor(s.up, old_arr, "up_for_renewal");
        auto outcome = stmt.optional_text(2);
        if (!outcome) {
            ++s.open;
            continue;
        }
        std::int64_t new_arr = base(4, "renewed_arr");
        s.closed_old = add_minor(s.closed_old, old_arr, "renewal_rate_arr");
        s.kept = add_minor(s.kept, std::min(new_arr, old_arr), "renewal_rate_arr");
        if (*outcome == "renewed") {
            ++s.renewed;
            s.renewed_arr = add_minor(s.renewed_arr, new_arr, "renewed_arr");
        } else {
            ++s.churned;
            s.churned_arr = add_minor(s.churned_arr, old_arr, "churned_arr");
        }
    }
    return result;
}

}  // namespace

std::vector<Column> retention_columns(const ReportScope& scope) {
    std::vector<Column> columns = {{"period", Kind::text}};
    for (const char* name : {"start_arr", "expansion", "contraction", "churned_arr", "end_arr", "new_arr", "total_end_arr"})
        columns.push_back({name, Kind::money});
    for (const char* name : {"grr", "nrr", "logo_churn"}) columns.push_back({name, Kind::ratio});
    columns.push_back({"cohort_logos", Kind::integer});
    columns.push_back({"churned_logos", Kind::integer});
    columns.push_back({"renewal_rate_logos", Kind::ratio});
    columns.push_back({"renewal_rate_arr", Kind::ratio});
    return with_group(scope, columns);
}

std::vector<Row> retention_report(Database& db, const Config& config, const std::vector<Period>& periods,
                                  const ReportScope& scope) {
    FxRates fx = config.fx_rates();
    auto accounts = accounts_in_scope(db, scope);
    auto money = [&](std::int64_t minor) { return Money{minor, fx.base}; };
    std::vector<Row> rows;
    for (const auto& period : periods) {
        auto moved = movements(db, fx, period, accounts);
        auto renewed = renewal_stats(db, fx, period, accounts);
        std::map<Group, bool> groups;  // the groups with movements or renewals
        for (const auto& [group, _] : moved) groups[group] = true;
        for (const auto& [group, _] : renewed) groups[group] = true;
        for (const auto& group : groups_of(scope, groups)) {
            Movements m = stats_of(moved, group);
            RenewalStats r = stats_of(renewed, group);
            Row row = row_start(period.label, scope, group);
            for (auto minor : {m.start, m.expansion, m.contraction, m.churned, m.end, m.added,
                               add_minor(m.end, m.added, "total_end_arr")})
                row.push_back(money(minor));
            row.push_back(ratio(m.start - m.contraction - m.churned, m.start));  // cannot overflow: both <= start
            row.push_back(ratio(m.end, m.start));
            row.push_back(ratio(m.churned_logos, m.cohort_logos));
            row.push_back(m.cohort_logos);
            row.push_back(m.churned_logos);
            row.push_back(ratio(r.renewed, r.renewed + r.churned));
            row.push_back(ratio(r.kept, r.closed_old));
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

std::vector<Column> arr_columns() {
    std::vector<Column> columns = {{"period", Kind::text}};
    for (const char* name : {"start_arr", "new_arr", "expansion", "contraction", "churned_arr", "total_end_arr"})
        columns.push_back({name, Kind::money});
    return columns;
}

std::vector<Row> arr_report(Database& db, const Config& config, const std::vector<Period>& periods,
                            const ReportScope& scope) {
    FxRates fx = config.fx_rates();
    ReportScope ungrouped = scope;
    ungrouped.group_by.reset();
    auto accounts = accounts_in_scope(db, ungrouped);
    std::vector<Row> rows;
    for (const auto& period : periods) {
        auto moved = movements(db, fx, period, accounts);
        Movements m = moved.empty() ? Movements{} : moved.begin()->second;
        Row row{period.label};
        for (auto minor : {m.start, m.added, m.expansion, m.contraction, m.churned, add_minor(m.end, m.added, "total_end_arr")})
            row.push_back(Money{minor, fx.base});
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<Column> renewals_report_columns(const ReportScope& scope) {
    std::vector<Column> columns = {{"period", Kind::text}};
    for (const char* name : {"due", "renewed", "churned", "open"}) columns.push_back({name, Kind::integer});
    columns.push_back({"renewal_rate_logos", Kind::ratio});
    columns.push_back({"renewal_rate_arr", Kind::ratio});
    for (const char* name : {"up_for_renewal", "renewed_arr", "churned_arr"}) columns.push_back({name, Kind::money});
    return with_group(scope, columns);
}

std::vector<Row> renewals_report(Database& db, const Config& config, const std::vector<Period>& periods,
                                 const ReportScope& scope) {
    FxRates fx = config.fx_rates();
    auto accounts = accounts_in_scope(db, scope);
    std::vector<Row> rows;
    for (const auto& period : periods) {
        auto stats = renewal_stats(db, fx, period, accounts);
        for (const auto& group : groups_of(scope, stats)) {
            RenewalStats r = stats_of(stats, group);
            Row row = row_start(period.label, scope, group);
            for (auto count : {r.due, r.renewed, r.churned, r.open}) row.push_back(count);
            row.push_back(ratio(r.renewed, r.renewed + r.churned));
            row.push_back(ratio(r.kept, r.closed_old));
            for (auto minor : {r.up, r.renewed_arr, r.churned_arr}) row.push_back(Money{minor, fx.base});
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

}  // namespace acm
