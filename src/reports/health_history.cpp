// Health over time: every score here comes from for_each_health_day and compute_health, the
// one computation of health (domain/health.cpp).
#include "acm/reports/health_history.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "acm/domain/health.hpp"

namespace acm {

std::string sparkline(const std::vector<std::optional<double>>& scores) {
    static const char* const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    std::string line;
    for (const auto& score : scores) {
        if (!score) {
            line += "·";
            continue;
        }
        // Eight bars of 12.5 points each; 100 is the top one.
        int bar = std::clamp(static_cast<int>(std::floor(*score / 12.5)), 0, 7);
        line += bars[bar];
    }
    return line;
}

std::vector<Column> health_trend_columns(bool sparkline) {
    Column color{"health", Kind::text};
    color.colored = true;
    std::vector<Column> columns = {{"key", Kind::text}, {"period", Kind::text}, {"health_score", Kind::score}, color};
    if (sparkline) columns.push_back({"trend", Kind::text});
    return columns;
}

std::vector<Row> health_trend_report(Database& db, const Config& config, const std::vector<Period>& periods, Date today,
                                     const ReportScope& scope, bool with_sparkline) {
    // One read transaction for the whole series: one snapshot, and SQLite keeps its lock and
    // its page cache from one statement to the next instead of taking both again each time.
    Transaction snapshot(db, Transaction::Lock::read);
    std::vector<const Period*> shown;
    std::vector<Date> days;
    for (const auto& period : periods) {
        if (period.start > today) continue;
        shown.push_back(&period);
        days.push_back(std::min(period.end, today));
    }
    // The accounts in scope, by key.
    auto in_scope = accounts_in_scope(db, scope);
    std::map<std::string, std::int64_t> keys;
    auto stmt = db.prepare("SELECT id, key FROM accounts WHERE ?1 OR status <> 'churned'");
    stmt.bind(1, std::int64_t{scope.churned});
    while (stmt.step())
        if (in_scope.contains(stmt.integer(0))) keys.emplace(stmt.text(1), stmt.integer(0));

    HealthSettings settings = HealthSettings::from(config);
    AccountHealthSettings scoring(db, settings, scope.account_id);
    std::unordered_map<std::int64_t, std::vector<Health>> history;
    for_each_health_day(db, settings, days, scope.account_id, [&](Date day, const auto& inputs) {
        for (const auto& [key, id] : keys)
            history[id].push_back(compute_health(inputs.at(id), scoring.of(id), day, false));
    });

    std::vector<Row> rows;
    for (const auto& [key, id] : keys) {
        const auto& healths = history[id];
        std::vector<std::optional<double>> scores;
        for (const auto& health : healths) scores.push_back(health.score);
        for (std::size_t i = 0; i < healths.size(); ++i) {
            const Health& health = healths[i];
            Row row{key, shown[i]->label, health.score ? Cell{*health.score} : Cell{},
                    health.score ? Cell{health.color} : Cell{}};
            if (with_sparkline) row.push_back(i + 1 == healths.size() ? Cell{sparkline(scores)} : Cell{});
            rows.push_back(std::move(row));
        }
    }
    snapshot.commit();
    return rows;
}

std::vector<Column> health_backtest_columns() {
    std::vector<Column> columns = {{"renewals", Kind::integer},       {"true_positives", Kind::integer},
                                   {"false_positives", Kind::integer}, {"false_negatives", Kind::integer},
                                   {"true_negatives", Kind::integer},  {"precision", Kind::ratio},
                                   {"recall", Kind::ratio},            {"accuracy", Kind::ratio}};
    for (const char* component : {"nps", "csat", "escalations", "usage", "engagement"})
        for (const char* outcome : {"lost", "kept"}) columns.push_back({fmt::format("{}_{}", component, outcome), Kind::score});
    return columns;
}

std::vector<Row> health_backtest_report(Database& db, const Config& config, const Period& period, Duration lead,
                                        bool yellow_at_risk) {
    Transaction snapshot(db, Transaction::Lock::read);  // as for the trend
    // The renewals closed in the period, by the day their health is taken on.
    struct Closed {
        std::int64_t account_id;
        bool lost;
    };
    std::map<Date, std::vector<Closed>> by_day;
    auto stmt = db.prepare(
        "SELECT c.account_id, r.due, r.outcome = 'churned' OR r.new_arr_minor < r.old_arr_minor FROM renewals r "
        "JOIN contracts c ON c.id = r.contract_id WHERE r.outcome IS NOT NULL AND r.closed_on >= ?1 AND r.closed_on <= ?2");
    stmt.bind_all(format_date(period.start), format_date(period.end));
    while (stmt.step())
        if (auto due = parse_iso_date(stmt.text(1)))
            by_day[add(*due, lead, -1)].push_back({stmt.integer(0), stmt.integer(2) != 0});
    std::vector<Date> days;
    for (const auto& [day, closed] : by_day) days.push_back(day);

    HealthSettings settings = HealthSettings::from(config);
    AccountHealthSettings scoring(db, settings);
    std::int64_t counts[2][2] = {{0, 0}, {0, 0}};  // [at risk][lost]
    // Per component and outcome (0 kept, 1 lost): the sum of its values and how many had data.
    double sums[5][2] = {};
    std::int64_t with_data[5][2] = {};
    for_each_health_day(db, settings, days, std::nullopt, [&](Date day, const auto& inputs) {
        for (const Closed& renewal : by_day.at(day)) {
            Health health = compute_health(inputs.at(renewal.account_id), scoring.of(renewal.account_id), day, false);
            bool at_risk = health.color == "red" || (yellow_at_risk && health.color == "yellow");
            ++counts[at_risk][renewal.lost];
            for (std::size_t c = 0; c < health.components.size(); ++c)
                if (health.components[c].has_data) {
                    sums[c][renewal.lost] += health.components[c].value;
                    ++with_data[c][renewal.lost];
                }
        }
    });
    std::int64_t tp = counts[1][1], fp = counts[1][0], fn = counts[0][1], tn = counts[0][0];
    Row row{tp + fp + fn + tn, tp, fp, fn, tn, ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(tp + tn, tp + fp + fn + tn)};
    for (std::size_t c = 0; c < 5; ++c)
        for (int lost : {1, 0})
            row.push_back(with_data[c][lost] ? Cell{sums[c][lost] / static_cast<double>(with_data[c][lost])} : Cell{});
    snapshot.commit();
    return {std::move(row)};
}

}  // namespace acm
