// Health over time: every score here comes from for_each_health_day and compute_health, the
// one computation of health (domain/health.cpp).
#include "acm/reports/health_history.hpp"

#include <algorithm>
#include <cmath>
#include <map>

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
    std::unordered_map<std::int64_t, std::vector<Health>> history;
    for_each_health_day(db, settings, days, scope.account_id, [&](Date day, const auto& inputs) {
        for (const auto& [key, id] : keys) history[id].push_back(compute_health(inputs.at(id), settings, day, false));
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
    return rows;
}

}  // namespace acm
