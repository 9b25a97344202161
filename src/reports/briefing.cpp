// report briefing: the changes of an interval, one row per item.
#include "acm/reports/briefing.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "acm/core/money.hpp"
#include "acm/domain/escalation.hpp"
#include "acm/domain/health.hpp"
#include "acm/domain/renewal.hpp"

namespace acm {

const std::vector<BriefingSection>& briefing_sections() {
    static const std::vector<BriefingSection> sections = {
        {"escalations", "New escalations"},
        {"negative_feedback", "Negative feedback"},
        {"renewals", "Renewals entering the reminder window"},
        {"health", "Health changes"},
        {"notes", "Touchpoints"},
    };
    return sections;
}

std::vector<Column> briefing_columns() {
    return {{"section", Kind::text}, {"account", Kind::text}, {"date", Kind::date}, {"summary", Kind::text}};
}

std::vector<Row> briefing(Database& db, const Config& config, Date since, Date today,
                          const std::optional<std::string>& owner, bool with_churned) {
    std::vector<Row> rows;
    std::string from = format_date(since), to = format_date(today);
    // Each query returns account key, date, and the summary's parts; `owner` is ?3.
    auto each = [&](const std::string& sql, const auto& summarize, const char* section) {
        auto stmt = db.prepare(sql);
        stmt.bind_all(from, to, owner);
        while (stmt.step()) {
            auto date = parse_iso_date(stmt.text(1));
            rows.push_back(Row{std::string(section), stmt.text(0), date ? Cell{*date} : Cell{}, summarize(stmt)});
        }
    };
    const std::string in_scope = " AND (?3 IS NULL OR a.owner = ?3 COLLATE NOCASE) ";

    // Escalations: opened on a UTC day of the interval.
    each("SELECT a.key, substr(e.opened_at, 1, 10), e.severity, e.title, e.owner, e.status FROM escalations e "
         "JOIN accounts a ON a.id = e.account_id WHERE substr(e.opened_at, 1, 10) BETWEEN ?1 AND ?2" +
             in_scope + "ORDER BY e.opened_at, e.id",
         [](const Statement& s) {
             std::string text = fmt::format("{}: {}", s.text(2), s.text(3));
             if (!s.is_null(4)) text += fmt::format(" (owner {})", s.text(4));
             if (s.text(5) == "resolved") text += ", resolved since";
             return text;
         },
         "escalations");

    each("SELECT a.key, f.date, f.type, f.score, f.kind, f.text FROM feedback f JOIN accounts a ON a.id = f.account_id "
         "WHERE f.negative = 1 AND f.date BETWEEN ?1 AND ?2" + in_scope + "ORDER BY f.date, f.id",
         [](const Statement& s) {
             std::vector<std::string> parts;
             if (!s.is_null(2)) {
                 std::string type = s.text(2);
                 std::transform(type.begin(), type.end(), type.begin(), ::toupper);
                 parts.push_back(fmt::format("{} {}", type, s.integer(3)));
             }
             if (!s.is_null(4)) parts.push_back(s.text(4));
             std::string text;
             for (const auto& part : parts) text += (text.empty() ? "" : ", ") + part;
             if (!s.is_null(5)) text += fmt::format("{}\"{}\"", text.empty() ? "" : ": ", s.text(5));
             return text;
         },
         "negative_feedback");

    // A renewal enters the reminder window on notice deadline − the largest remind_days;
    // the rows are those that entered it during the interval and are still open.
    std::int64_t window = 0;
    for (auto days : config.integers("renewal.remind_days")) window = std::max(window, days);
    auto renewals = db.prepare(
        "SELECT a.key, date(r.notice_deadline, '-' || ?4 || ' days'), r.due, r.notice_deadline, r.risk, c.currency, " +
        renewal_arr_sql() +
        " FROM renewals r JOIN contracts c ON c.id = r.contract_id JOIN accounts a ON a.id = c.account_id "
        "WHERE r.outcome IS NULL AND date(r.notice_deadline, '-' || ?4 || ' days') BETWEEN ?1 AND ?2" +
        in_scope + "ORDER BY 2, r.id");
    renewals.bind_all(from, to, owner, window);
    while (renewals.step()) {
        Money arr{renewals.integer(6), renewals.text(5)};
        rows.push_back(Row{std::string("renewals"), renewals.text(0), *parse_iso_date(renewals.text(1)),
                           fmt::format("due {}, notice deadline {}, {}, risk {}", renewals.text(2), renewals.text(3),
                                       format_human(arr), renewals.text(4))});
    }

    // Health: the color on `since` against today's. The inputs are rebuilt as of `since`
    // from dated rows; an escalation counts as open then if it is open now (its status
    // history is not replayed), so a change can come from an escalation resolved since.
    HealthSettings settings = HealthSettings::from(config);
    auto before = load_health_inputs(db, settings, since), now = load_health_inputs(db, settings, today);
    auto accounts = db.prepare("SELECT a.id, a.key FROM accounts a WHERE (?4 OR a.status <> 'churned')" + in_scope +
                               "ORDER BY a.key");
    accounts.bind(3, owner);
    accounts.bind(4, std::int64_t{with_churned});
    static const HealthInputs no_data;
    auto inputs_of = [](const auto& map, std::int64_t id) -> const HealthInputs& {
        auto found = map.find(id);
        return found == map.end() ? no_data : found->second;
    };
    auto score_text = [](const Health& h) { return h.score ? fmt::format("{} {:.1f}", h.color, *h.score) : h.color; };
    while (accounts.step()) {
        std::int64_t id = accounts.integer(0);
        Health then = compute_health(inputs_of(before, id), settings, since, false);
        Health current = compute_health(inputs_of(now, id), settings, today, false);
        if (then.color == current.color) continue;
        rows.push_back(Row{std::string("health"), accounts.text(1), today,
                           fmt::format("{} → {}", score_text(then), score_text(current))});
    }

    each("SELECT a.key, n.date, n.kind, n.text FROM notes n JOIN accounts a ON a.id = n.account_id "
         "WHERE n.date BETWEEN ?1 AND ?2" + in_scope + "ORDER BY n.date, n.id",
         [](const Statement& s) { return fmt::format("{}: {}", s.text(2), s.text(3)); }, "notes");
    return rows;
}

}  // namespace acm
