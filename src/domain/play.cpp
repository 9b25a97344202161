// Plays: each condition a set of accounts, computed for all accounts at once.
#include "acm/domain/play.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "acm/domain/escalation.hpp"
#include "acm/domain/health.hpp"
#include "acm/domain/task.hpp"

namespace acm {

namespace {

// What the conditions and the task text read of an account.
struct Facts {
    std::int64_t id;
    std::string key, name, owner, tier, segment;
    Date added;
    HealthInputs inputs;
    Health health;
    std::optional<double> score_before;  // 30 days ago
};

std::string fill(const std::string& text, const Facts& a) {
    std::map<std::string, std::string> fields = {
        {"key", a.key},
        {"name", a.name},
        {"owner", a.owner},
        {"tier", a.tier},
        {"segment", a.segment},
        {"health", a.health.color},
        {"health_score", a.health.score ? fmt::format("{:.1f}", *a.health.score) : "n/a"}};
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto close = text[i] == '{' ? text.find('}', i) : std::string::npos;
        if (close != std::string::npos) {
            if (auto field = fields.find(text.substr(i + 1, close - i - 1)); field != fields.end()) {
                out += field->second;
                i = close;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// The accounts whose champion (a contact with that role) was removed, or lost the role, in
// the 30 days up to `today`, and that have no champion now: from the audit log.
std::set<std::int64_t> champion_left(Database& db, Date today) {
    std::set<std::int64_t> ids;
    auto stmt = db.prepare(
        "SELECT DISTINCT e.account_id FROM events e WHERE e.entity = 'contact' AND e.at >= ?1 "
        "AND ((e.action = 'rm' AND json_extract(e.changes, '$.role') = 'champion') "
        "  OR (e.action = 'edit' AND json_extract(e.changes, '$.role.from') = 'champion')) "
        "AND e.account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = e.account_id "
        "AND c.role = 'champion')");
    stmt.bind(1, format_date(add(today, Duration{30, Duration::Unit::day}, -1)));
    while (stmt.step()) ids.insert(stmt.integer(0));
    return ids;
}

// The accounts with an open renewal due from today to `until`, in `stage` when given.
std::set<std::int64_t> renewing(Database& db, Date today, Date until, const std::optional<std::string>& stage) {
    std::set<std::int64_t> ids;
    auto stmt = db.prepare(
        "SELECT DISTINCT c.account_id FROM renewals r JOIN contracts c ON c.id = r.contract_id "
        "WHERE r.outcome IS NULL AND r.due BETWEEN ?1 AND ?2 AND (?3 IS NULL OR r.stage = ?3)");
    stmt.bind_all(format_date(today), format_date(until), stage);
    while (stmt.step()) ids.insert(stmt.integer(0));
    return ids;
}

bool meets(const std::string& condition, const std::string& value, const PlayRule& play, const Facts& a,
           Date today, const std::function<const std::set<std::int64_t>&(const std::string&)>& sets) {
    const HealthInputs& in = a.inputs;
    if (condition == "health") return a.health.color == value;
    if (condition == "tier") return a.tier == value;
    if (condition == "segment") return a.segment == value;
    if (condition == "health_drop")
        return a.health.score && a.score_before && *a.score_before - *a.health.score >= std::stod(value);
    if (condition == "no_touch") {
        auto due = try_add(in.last_touch.value_or(a.added), parse_duration(value, "no_touch"));
        return due && *due <= today;
    }
    if (condition == "renewal_within") return sets("renewal:" + play.name).count(a.id) > 0;
    if (condition == "stage") return true;  // part of renewal_within
    if (condition == "nps_max") return in.latest_nps && *in.latest_nps <= std::stoi(value);
    if (condition == "escalation") {
        std::size_t worst = severity_index(value);
        for (std::size_t i = 0; i <= worst && i < in.open_escalations.size(); ++i)
            if (in.open_escalations[i] > 0) return true;
        return false;
    }
    if (condition == "usage_drop")
        return in.usage_recent && in.usage_previous && *in.usage_previous > 0 &&
               (*in.usage_previous - *in.usage_recent) / *in.usage_previous * 100 >= std::stod(value);
    if (condition == "champion_left") return sets("champion").count(a.id) > 0;
    return false;
}

}  // namespace

std::vector<PlayMatch> match_plays(Database& db, const Config& config, Date today) {
    std::vector<PlayMatch> matches;
    const auto& plays = config.plays();
    if (plays.empty()) return matches;
    HealthSettings settings = HealthSettings::from(config);
    const Date day_before = add(today, Duration{30, Duration::Unit::day}, -1);
    auto now = load_health_inputs(db, settings, today);
    auto before = load_health_inputs(db, settings, day_before);
    AccountHealthSettings scoring(db, settings);

    std::vector<Facts> accounts;
    auto stmt = db.prepare(
        "SELECT id, key, name, coalesce(owner, ''), coalesce(tier, ''), coalesce(segment, ''), substr(created_at, 1, 10) "
        "FROM accounts WHERE status NOT IN ('churned', 'prospect') ORDER BY key");
    while (stmt.step()) {
        Facts a{stmt.integer(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4), stmt.text(5),
                parse_iso_date(stmt.text(6)).value_or(today), {}, {}, {}};
        if (auto found = now.find(a.id); found != now.end()) a.inputs = found->second;
        a.health = compute_health(a.inputs, scoring.of(a.id), today, false);
        if (auto found = before.find(a.id); found != before.end())
            a.score_before = compute_health(found->second, scoring.of(a.id), day_before, false).score;
        accounts.push_back(std::move(a));
    }

    // The conditions that are sets of accounts from a query, computed once each.
    std::map<std::string, std::set<std::int64_t>> sets;
    for (const auto& play : plays) {
        std::optional<std::string> stage;
        std::optional<Duration> within;
        for (const auto& [condition, value] : play.when) {
            if (condition == "stage") stage = value;
            if (condition == "renewal_within") within = parse_duration(value, "renewal_within");
            if (condition == "champion_left" && !sets.count("champion")) sets["champion"] = champion_left(db, today);
        }
        if (within) sets["renewal:" + play.name] = renewing(db, today, add(today, *within), stage);
    }
    auto set_of = [&](const std::string& name) -> const std::set<std::int64_t>& { return sets[name]; };

    auto recent = db.prepare("SELECT 1 FROM tasks WHERE play = ?1 AND account_id = ?2 AND created_on > ?3 LIMIT 1");
    for (const auto& play : plays) {
        const std::string since = format_date(add(today, parse_duration(play.every, "every"), -1));
        const Date due = parse_date(play.due, today, "play.due");
        for (const auto& a : accounts) {
            bool all = std::all_of(play.when.begin(), play.when.end(), [&](const auto& condition) {
                return meets(condition.first, condition.second, play, a, today, set_of);
            });
            if (!all) continue;
            recent.reset();
            recent.bind_all(play.name, a.id, since);
            matches.push_back({&play, a.id, a.key, fill(play.task, a), due, recent.step()});
        }
    }
    return matches;
}

std::vector<Column> play_run_columns() {
    return {{"play", Kind::text}, {"account", Kind::text}, {"task", Kind::integer}, {"due", Kind::date},
            {"text", Kind::text}};
}

std::vector<Row> run_plays(Database& db, const Actor& actor, const std::vector<PlayMatch>& matches, Date today,
                           bool dry_run) {
    std::vector<Row> rows;
    for (const auto& match : matches) {
        if (match.recent) continue;
        Cell task;
        if (!dry_run) {
            TaskFields fields;
            fields.text = match.text;
            fields.due = match.due;
            fields.priority = match.play->priority;
            fields.play = match.play->name;
            task = add_task(db, actor, match.account_id, fields, today);
        }
        rows.push_back(Row{match.play->name, match.account_key, task, match.due, match.text});
    }
    return rows;
}

std::vector<Column> play_list_columns() {
    return {{"play", Kind::text}, {"when", Kind::text}, {"accounts", Kind::integer}, {"new_tasks", Kind::integer},
            {"task", Kind::text}};
}

std::vector<Row> list_plays(const Config& config, const std::vector<PlayMatch>& matches) {
    std::vector<Row> rows;
    for (const auto& play : config.plays()) {
        std::int64_t meeting = 0, fresh = 0;
        for (const auto& match : matches)
            if (match.play == &play) ++meeting, fresh += match.recent ? 0 : 1;
        std::string when;
        for (const auto& [condition, value] : play.when)
            when += fmt::format("{}{} = {}", when.empty() ? "" : ", ", condition, value);
        rows.push_back(Row{play.name, when, meeting, fresh, play.task});
    }
    return rows;
}

}  // namespace acm
