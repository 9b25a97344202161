// The customer side of the book: feedback, escalations and health.
#include "acm/reports/customer_kpis.hpp"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "acm/domain/escalation.hpp"
#include "acm/domain/health.hpp"
#include "acm/store/filter_sql.hpp"

namespace acm {

namespace {

// The `top` most frequent names with their counts, ties by name: a list of
// {name_column, count}, shown as "billing (3), onboarding (2), pricing (1)".
Cell top_counts(const std::string& name_column, const std::map<std::string, std::int64_t>& counts,
                std::size_t top = 3) {
    std::vector<std::pair<std::string, std::int64_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<Row> rows;
    for (std::size_t i = 0; i < sorted.size() && i < top; ++i) rows.push_back(Row{sorted[i].first, sorted[i].second});
    return object_list({{name_column, Kind::text}, {"count", Kind::integer}}, std::move(rows));
}

Cell mean(double sum, std::int64_t count) {
    if (count == 0) return std::monostate{};
    return sum / static_cast<double>(count);
}

struct FeedbackStats {
    std::int64_t nps = 0, promoters = 0, detractors = 0;
    std::int64_t csat = 0, satisfied = 0;
    std::int64_t ces = 0, ces_sum = 0;
    std::int64_t surveys = 0, negative = 0;
    std::map<std::string, std::int64_t> categories;
};

}  // namespace

std::vector<Column> feedback_report_columns(const ReportScope& scope) {
    return with_group(scope, {{"period", Kind::text},
                              {"nps", Kind::score},
                              {"nps_responses", Kind::integer},
                              {"csat", Kind::ratio},
                              {"csat_responses", Kind::integer},
                              {"ces", Kind::score},
                              {"ces_responses", Kind::integer},
                              {"surveys_sent", Kind::integer},
                              {"response_rate", Kind::ratio},
                              {"negative", Kind::integer},
                              {"top_categories", Kind::list}});
}

std::vector<Row> feedback_report(Database& db, const std::vector<Period>& periods, const ReportScope& scope) {
    auto accounts = accounts_in_scope(db, scope);
    // Counts per account and answer, per account and category, surveys per account: SQL
    // aggregates, so that a million answers are never loaded.
    // One account's report (report account) reads that account's rows by index, not the
    // period of every account: its cost follows the account, not the size of the book.
    std::string one_account = " AND " + match_if(scope.account_id.has_value(), "account_id", 3);
    auto answers = db.prepare(
        "SELECT account_id, type, score, count(*) FROM feedback WHERE type IN ('nps', 'csat', 'ces') "
        "AND date BETWEEN ?1 AND ?2" + one_account + " GROUP BY account_id, type, score");
    auto categories = db.prepare(
        "SELECT account_id, category, count(*), sum(negative) FROM feedback WHERE date BETWEEN ?1 AND ?2" +
        one_account + " GROUP BY account_id, category");
    auto surveys = db.prepare("SELECT account_id, sum(sent) FROM surveys WHERE date BETWEEN ?1 AND ?2" + one_account +
                              " GROUP BY account_id");
    std::vector<Row> rows;
    for (const auto& period : periods) {
        std::map<Group, FeedbackStats> stats;
        if (!scope.group_by) stats[std::nullopt];
        auto stats_for = [&](Statement& stmt) -> FeedbackStats* {
            auto found = accounts.find(stmt.integer(0));
            return found == accounts.end() ? nullptr : &stats[found->second];
        };
        std::string from = format_date(period.start), to = format_date(period.end);
        answers.reset();
        answers.bind_all(from, to, scope.account_id);
        while (answers.step()) {
            FeedbackStats* s = stats_for(answers);
            if (!s) continue;
            std::string type = answers.text(1);
            std::int64_t score = answers.integer(2), count = answers.integer(3);
            if (type == "nps") {
                s->nps += count;
                if (score >= 9) s->promoters += count;
                if (score <= 6) s->detractors += count;
            } else if (type == "csat") {
                s->csat += count;
                if (score >= 4) s->satisfied += count;
            } else {
                s->ces += count;
                s->ces_sum += score * count;
            }
        }
        categories.reset();
        categories.bind_all(from, to, scope.account_id);
        while (categories.step()) {
            FeedbackStats* s = stats_for(categories);
            if (!s) continue;
            if (!categories.is_null(1)) s->categories[categories.text(1)] += categories.integer(2);
            s->negative += categories.integer(3);
        }
        surveys.reset();
        surveys.bind_all(from, to, scope.account_id);
        while (surveys.step())
            if (FeedbackStats* s = stats_for(surveys)) s->surveys += surveys.integer(1);

        for (const auto& group : groups_of(scope, stats)) {
            const FeedbackStats& s = stats[group];
            Row row = row_start(period.label, scope, group);
            // NPS: % promoters − % detractors, from −100 to 100.
            row.push_back(s.nps ? Cell{100.0 * static_cast<double>(s.promoters - s.detractors) / static_cast<double>(s.nps)}
                                : Cell{});
            row.push_back(s.nps);
            row.push_back(ratio(s.satisfied, s.csat));
            row.push_back(s.csat);
            row.push_back(mean(static_cast<double>(s.ces_sum), s.ces));
            row.push_back(s.ces);
            row.push_back(s.surveys);
            row.push_back(ratio(s.nps + s.csat + s.ces, s.surveys));
            row.push_back(s.negative);
            row.push_back(top_counts("category", s.categories));
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

// Escalations ---------------------------------------------------------------------------

namespace {

struct EscalationStats {
    std::int64_t opened = 0, resolved = 0, breaches = 0;
    std::array<std::int64_t, 4> open{0, 0, 0, 0};  // open at the period's end, per severity
    std::vector<std::int64_t> resolve_seconds;     // of those resolved in the period
    std::map<std::string, std::int64_t> root_causes;
};

Cell median_hours(std::vector<std::int64_t> seconds) {
    if (seconds.empty()) return std::monostate{};
    std::sort(seconds.begin(), seconds.end());
    std::size_t middle = seconds.size() / 2;
    double value = seconds.size() % 2 ? static_cast<double>(seconds[middle])
                                      : (static_cast<double>(seconds[middle - 1]) + static_cast<double>(seconds[middle])) / 2;
    return value / 3600.0;
}

}  // namespace

std::vector<Column> escalations_report_columns(const ReportScope& scope) {
    std::vector<Column> columns = {{"period", Kind::text}, {"opened", Kind::integer}, {"resolved", Kind::integer},
                                   {"open_at_end", Kind::integer}};
    for (const auto& severity : escalation_severities()) columns.push_back({"open_" + severity, Kind::integer});
    columns.push_back({"mean_hours_to_resolve", Kind::score});
    columns.push_back({"median_hours_to_resolve", Kind::score});
    columns.push_back({"sla_breaches", Kind::integer});
    columns.push_back({"top_root_causes", Kind::list});
    return with_group(scope, columns);
}

std::vector<Row> escalations_report(Database& db, const std::vector<Period>& periods, const ReportScope& scope,
                                    Timestamp now) {
    auto accounts = accounts_in_scope(db, scope);
    const auto& severities = escalation_severities();
    // Every escalation that was open at some time of the period: opened by its end and not
    // resolved before its start. Times are UTC text, so comparing text compares times.
    auto stmt = db.prepare(
        "SELECT account_id, severity, opened_at, resolved_at, resolve_seconds, sla_due_at, root_cause "
        "FROM escalations WHERE opened_at <= ?2 AND (resolved_at IS NULL OR resolved_at >= ?1) AND " +
        match_if(scope.account_id.has_value(), "account_id", 3));
    std::vector<Row> rows;
    for (const auto& period : periods) {
        // The period's days are local days, as everywhere else.
        Timestamp from = end_of_day(add_days(period.start, -1)) + std::chrono::seconds(1), to = end_of_day(period.end);
        std::map<Group, EscalationStats> stats;
        if (!scope.group_by) stats[std::nullopt];
        stmt.reset();
        stmt.bind_all(format_timestamp_utc(from), format_timestamp_utc(to), scope.account_id);
        while (stmt.step()) {
            auto account = accounts.find(stmt.integer(0));
            if (account == accounts.end()) continue;
            EscalationStats& s = stats[account->second];
            Timestamp opened = *parse_timestamp_utc(stmt.text(2));
            std::optional<Timestamp> resolved;
            if (!stmt.is_null(3)) resolved = parse_timestamp_utc(stmt.text(3));
            Timestamp due = *parse_timestamp_utc(stmt.text(5));
            if (opened >= from) ++s.opened;
            if (resolved && *resolved <= to) {
                ++s.resolved;
                s.resolve_seconds.push_back(stmt.integer(4));
                if (!stmt.is_null(6)) ++s.root_causes[stmt.text(6)];
            } else {
                auto severity = std::find(severities.begin(), severities.end(), stmt.text(1)) - severities.begin();
                ++s.open[static_cast<std::size_t>(severity)];
            }
            // A breach counts in the period in which its SLA deadline passed.
            if (due >= from && due <= to && is_breached(due, resolved, now)) ++s.breaches;
        }
        for (const auto& group : groups_of(scope, stats)) {
            const EscalationStats& s = stats[group];
            Row row = row_start(period.label, scope, group);
            std::int64_t open = 0;
            for (auto count : s.open) open += count;
            row.push_back(s.opened);
            row.push_back(s.resolved);
            row.push_back(open);
            for (auto count : s.open) row.push_back(count);
            double total = 0;
            for (auto seconds : s.resolve_seconds) total += static_cast<double>(seconds);
            row.push_back(s.resolve_seconds.empty() ? Cell{} : mean(total / 3600.0, static_cast<std::int64_t>(s.resolve_seconds.size())));
            row.push_back(median_hours(s.resolve_seconds));
            row.push_back(s.breaches);
            row.push_back(top_counts("root_cause", s.root_causes));
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

// Health -----------------------------------------------------------------------------------

std::vector<Column> health_report_columns() {
    // health and health_score as in account list.
    Column color{"health", Kind::text};
    color.colored = true;
    std::vector<Column> columns = {{"key", Kind::text}, {"name", Kind::text}, color, {"health_score", Kind::score}};
    for (const char* component : {"nps", "csat", "escalations", "usage", "engagement"})
        columns.push_back({component, Kind::score});
    return columns;
}

std::vector<Row> health_report(Database& db, const Config& config, Date today, bool at_risk, const ReportScope& scope) {
    HealthSettings settings = HealthSettings::from(config);
    auto inputs = load_health_inputs(db, settings, today);
    AccountHealthSettings scoring(db, settings);
    auto stmt = db.prepare(
        "SELECT id, key, name FROM accounts WHERE (?1 IS NULL OR owner = ?1 COLLATE NOCASE) "
        "AND (?2 IS NULL OR segment = ?2 COLLATE NOCASE) AND (?3 OR status <> 'churned') ORDER BY key");
    stmt.bind_all(scope.owner, scope.segment, std::int64_t{scope.churned});
    std::vector<std::pair<double, Row>> scored;  // (score, row), to sort the worst first
    while (stmt.step()) {
        static const HealthInputs no_data;
        auto found = inputs.find(stmt.integer(0));
        Health health = compute_health(found == inputs.end() ? no_data : found->second, scoring.of(stmt.integer(0)), today,
                                       false);
        if (at_risk && health.color != "red" && health.color != "yellow") continue;
        Row row{stmt.text(1), stmt.text(2), health.color, health.score ? Cell{*health.score} : Cell{}};
        for (const auto& component : health.components)
            row.push_back(component.has_data ? Cell{component.value} : Cell{});
        scored.emplace_back(health.score.value_or(0), std::move(row));
    }
    if (at_risk)
        std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Row> rows;
    for (auto& [_, row] : scored) rows.push_back(std::move(row));
    return rows;
}

}  // namespace acm
