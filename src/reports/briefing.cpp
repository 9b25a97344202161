// report briefing: the changes of an interval, one row per item.
#include "acm/reports/briefing.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "acm/core/money.hpp"
#include "acm/domain/arr.hpp"
#include "acm/domain/escalation.hpp"
#include "acm/domain/health.hpp"
#include "acm/domain/renewal.hpp"
#include "acm/domain/task.hpp"

namespace acm {

const std::vector<BriefingSection>& briefing_sections() {
    // Most urgent first: what is burning, what was lost, what needs an answer, what is
    // coming; then what went well and what merely happened.
    static const std::vector<BriefingSection> sections = {
        {"breached_escalations", "Open escalations past their SLA"},
        {"escalations", "New escalations"},
        {"renewals_closed", "Renewals closed"},
        {"negative_feedback", "Negative feedback"},
        {"follow_ups", "Open follow-ups"},
        {"renewals", "Renewals entering the reminder window"},
        {"health", "Health changes"},
        {"contracts_terminated", "Terminated contracts"},
        {"tasks", "Tasks added"},
        {"escalations_resolved", "Resolved escalations"},
        {"contracts_new", "New contracts"},
        {"notes", "Touchpoints"},
    };
    return sections;
}

std::vector<Column> briefing_columns() {
    return {{"section", Kind::text}, {"account", Kind::text}, {"date", Kind::date}, {"summary", Kind::text}};
}

namespace {

// "critical: Outage (owner lee)".
std::string escalation_text(const Statement& s, int severity) {
    std::string text = fmt::format("{}: {}", s.text(severity), s.text(severity + 1));
    if (!s.is_null(severity + 2)) text += fmt::format(" (owner {})", s.text(severity + 2));
    return text;
}

// "NPS 3, complaint: \"Slow\"" from type, score, kind, text.
std::string feedback_text(const Statement& s, int type) {
    std::vector<std::string> parts;
    if (!s.is_null(type)) {
        std::string name = s.text(type);
        std::transform(name.begin(), name.end(), name.begin(), ::toupper);
        parts.push_back(fmt::format("{} {}", name, s.integer(type + 1)));
    }
    if (!s.is_null(type + 2)) parts.push_back(s.text(type + 2));
    std::string text;
    for (const auto& part : parts) text += (text.empty() ? "" : ", ") + part;
    if (!s.is_null(type + 3)) text += fmt::format("{}\"{}\"", text.empty() ? "" : ": ", s.text(type + 3));
    return text;
}

}  // namespace

std::vector<Row> briefing(Database& db, const Config& config, Date since, Date today, Timestamp now,
                          const std::optional<std::string>& owner, bool with_churned) {
    std::vector<Row> rows;
    std::string from = format_date(since), to = format_date(today);
    // Each query returns account key, date, and the summary's parts; `owner` is ?3 (a query may
    // leave ?1 and ?2 unused: SQLite counts parameters up to the highest it sees).
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
         [](const Statement& s) { return escalation_text(s, 2) + (s.text(5) == "resolved" ? ", resolved since" : ""); },
         "escalations");
    each("SELECT a.key, substr(e.resolved_at, 1, 10), e.severity, e.title, e.owner, e.root_cause FROM escalations e "
         "JOIN accounts a ON a.id = e.account_id WHERE substr(e.resolved_at, 1, 10) BETWEEN ?1 AND ?2" +
             in_scope + "ORDER BY e.resolved_at, e.id",
         [](const Statement& s) {
             return escalation_text(s, 2) + (s.is_null(5) ? "" : fmt::format(", root cause: {}", s.text(5)));
         },
         "escalations_resolved");
    // Open and past the SLA now, however long ago they were opened; dated by their SLA's due day.
    auto open = db.prepare("SELECT a.key, e.sla_due_at, e.severity, e.title, e.owner FROM escalations e "
                           "JOIN accounts a ON a.id = e.account_id WHERE e.status <> 'resolved'" +
                           in_scope + "ORDER BY e.sla_due_at, e.id");
    open.bind_all(from, to, owner);
    while (open.step()) {
        auto due = parse_timestamp_utc(open.text(1));
        if (!due || !is_breached(*due, std::nullopt, now)) continue;
        rows.push_back(Row{std::string("breached_escalations"), open.text(0),
                           Date{std::chrono::floor<std::chrono::days>(*due)},
                           fmt::format("{}, SLA due {}", escalation_text(open, 2), format_timestamp_local(*due))});
    }

    each("SELECT a.key, f.date, f.type, f.score, f.kind, f.text FROM feedback f JOIN accounts a ON a.id = f.account_id "
         "WHERE f.negative = 1 AND f.date BETWEEN ?1 AND ?2" + in_scope + "ORDER BY f.date, f.id",
         [](const Statement& s) { return feedback_text(s, 2); }, "negative_feedback");
    // Follow-ups still open on feedback from before the interval (the interval's negative
    // feedback is above): one row per account, its oldest answer still owed a reply, counted
    // from the index of open follow-ups (a workspace may hold hundreds of thousands).
    each("SELECT a.key, f.date, f.type, f.score, f.kind, f.text, n.open FROM "
         "(SELECT account_id, min(date) AS oldest, count(*) AS open FROM feedback "
         " WHERE follow_up = 'open' AND date < ?1 GROUP BY account_id) n JOIN accounts a ON a.id = n.account_id "
         "JOIN feedback f ON f.id = (SELECT id FROM feedback WHERE account_id = n.account_id "
         " AND follow_up = 'open' AND date = n.oldest ORDER BY id LIMIT 1) WHERE 1" + in_scope + "ORDER BY f.date, f.id",
         [](const Statement& s) {
             std::int64_t more = s.integer(6) - 1;
             return feedback_text(s, 2) + (more > 0 ? fmt::format(" (and {} more)", more) : "");
         },
         "follow_ups");

    // Tasks added in the interval (by hand or by a play) and still open.
    each("SELECT a.key, t.created_on, t.text, t.due, coalesce(t.owner, a.owner), t.play, t.priority FROM tasks t "
         "JOIN accounts a ON a.id = t.account_id WHERE t.done_on IS NULL AND t.created_on BETWEEN ?1 AND ?2 "
         "AND (?3 IS NULL OR coalesce(t.owner, a.owner) = ?3 COLLATE NOCASE) ORDER BY t.created_on, t.id",
         [](const Statement& s) {
             std::string text = task_headline(s.text(2), s.text(6));
             std::vector<std::string> about;
             if (!s.is_null(3)) about.push_back("due " + s.text(3));
             if (!s.is_null(4)) about.push_back("owner " + s.text(4));
             if (!s.is_null(5)) about.push_back("play " + s.text(5));
             for (std::size_t i = 0; i < about.size(); ++i) text += (i == 0 ? " (" : ", ") + about[i];
             return about.empty() ? text : text + ")";
         },
         "tasks");

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

    // Renewals closed in the interval, churned first: the ARR lost, or how it moved.
    auto closed = db.prepare(
        "SELECT a.key, r.closed_on, r.outcome, r.old_arr_minor, r.new_arr_minor, c.currency, r.reason "
        "FROM renewals r JOIN contracts c ON c.id = r.contract_id JOIN accounts a ON a.id = c.account_id "
        "WHERE r.outcome IS NOT NULL AND r.closed_on BETWEEN ?1 AND ?2" +
        in_scope + "ORDER BY r.outcome = 'renewed', r.closed_on, r.id");
    closed.bind_all(from, to, owner);
    while (closed.step()) {
        Money before{closed.integer(3), closed.text(5)}, after{closed.integer(4), closed.text(5)};
        std::string text;
        if (closed.text(2) == "churned") {
            text = fmt::format("churned, {} lost", format_human(before));
        } else {
            Money change = after - before;
            const char* movement = change.minor > 0 ? "expansion" : change.minor < 0 ? "contraction" : "flat";
            text = fmt::format("renewed, {} → {} ({}", format_human(before), format_human(after), movement);
            text += change.minor == 0 ? ")" : fmt::format(" {}{})", change.minor > 0 ? "+" : "", format_human(change));
        }
        if (!closed.is_null(6)) text += fmt::format(": {}", closed.text(6));
        rows.push_back(Row{std::string("renewals_closed"), closed.text(0), *parse_iso_date(closed.text(1)), text});
    }

    // Contracts signed (or, without a signing date, started) in the interval, renewals' successors
    // left out (they are in the renewals closed); contracts whose last day is in the interval
    // by termination.
    each("SELECT a.key, coalesce(c.signed_date, c.start_date), coalesce(c.title, ''), c.start_date, c.end_date, "
         "c.currency, " + contract_arr_sql("c.start_date") + " FROM contracts c JOIN accounts a ON a.id = c.account_id "
         "WHERE coalesce(c.signed_date, c.start_date) BETWEEN ?1 AND ?2 AND c.predecessor_id IS NULL" +
             in_scope + "ORDER BY 2, c.id",
         [](const Statement& s) {
             std::string title = s.text(2).empty() ? "" : s.text(2) + ", ";
             return fmt::format("{}{} to {}, {}", title, s.text(3), s.text(4),
                                format_human(Money{s.integer(6), s.text(5)}));
         },
         "contracts_new");
    each("SELECT a.key, c.terminated_on, coalesce(c.title, ''), c.termination_reason FROM contracts c "
         "JOIN accounts a ON a.id = c.account_id WHERE c.terminated_on BETWEEN ?1 AND ?2" +
             in_scope + "ORDER BY 2, c.id",
         [](const Statement& s) {
             std::string text = s.text(2).empty() ? "terminated" : s.text(2) + ", terminated";
             return s.is_null(3) ? text : fmt::format("{}: {}", text, s.text(3));
         },
         "contracts_terminated");

    // Health: the color on `since` against today's. The inputs are rebuilt as of `since`
    // from dated rows; an escalation counts as open then if it is open now (its status
    // history is not replayed), so a change can come from an escalation resolved since.
    HealthSettings settings = HealthSettings::from(config);
    auto before = load_health_inputs(db, settings, since), current_inputs = load_health_inputs(db, settings, today);
    AccountHealthSettings scoring(db, settings);
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
        Health then = compute_health(inputs_of(before, id), scoring.of(id), since, false);
        Health current = compute_health(inputs_of(current_inputs, id), scoring.of(id), today, false);
        if (then.color == current.color) continue;
        rows.push_back(Row{std::string("health"), accounts.text(1), today,
                           fmt::format("{} → {}", score_text(then), score_text(current))});
    }

    each("SELECT a.key, n.date, n.kind, n.text FROM notes n JOIN accounts a ON a.id = n.account_id "
         "WHERE n.date BETWEEN ?1 AND ?2" + in_scope + "ORDER BY n.date, n.id",
         [](const Statement& s) { return fmt::format("{}: {}", s.text(2), s.text(3)); }, "notes");

    // By section, most urgent first; each section's rows stay in the order of its query.
    const auto& sections = briefing_sections();
    auto rank = [&](const Row& row) {
        const auto& name = std::get<std::string>(row[0]);
        return std::find_if(sections.begin(), sections.end(), [&](const auto& s) { return name == s.name; }) -
               sections.begin();
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) { return rank(a) < rank(b); });
    return rows;
}

}  // namespace acm
