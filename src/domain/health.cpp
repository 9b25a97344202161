// The health score (described in man acm-account(1), HEALTH SCORE): compute_health is the
// arithmetic, load_health_inputs the data; nothing else in acm computes a component, a weight
// or a color.
#include "acm/domain/health.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_set>

#include "acm/core/text.hpp"
#include "acm/domain/escalation.hpp"
#include "acm/store/filter_sql.hpp"

namespace acm {

// The weights, thresholds and penalties under `prefix` (health, or health.profile.NAME) into
// `s`: those the prefix does not set stay as they are.
static void read_numbers(const Config& config, const std::string& prefix, HealthSettings& s) {
    auto read = [&](const std::string& key, double& value) {
        if (config.has(prefix + "." + key)) value = config.number(prefix + "." + key);
    };
    read("weights.nps", s.weight_nps);
    read("weights.csat", s.weight_csat);
    read("weights.escalations", s.weight_escalations);
    read("weights.usage", s.weight_usage);
    read("weights.engagement", s.weight_engagement);
    read("thresholds.green", s.green);
    read("thresholds.yellow", s.yellow);
    for (std::size_t i = 0; i < s.penalties.size(); ++i) read("penalties." + escalation_severities()[i], s.penalties[i]);
}

HealthSettings HealthSettings::from(const Config& config) {
    HealthSettings s;
    read_numbers(config, "health", s);
    auto window = [&](const char* name) {
        std::string key = std::string("health.windows.") + name;
        return parse_duration(config.string(key), key);
    };
    s.feedback_window = window("feedback");
    s.usage_window = window("usage");
    s.engagement_full = window("engagement_full");
    s.engagement_zero = window("engagement_zero");
    auto strings = [&](const std::string& key) { return config.has(key) ? config.strings(key) : std::vector<std::string>{}; };
    for (const auto& name : config.health_profiles()) {
        std::string prefix = "health.profile." + name;
        HealthProfile profile{strings(prefix + ".segments"), strings(prefix + ".statuses"), s};
        profile.settings.profile = name;
        read_numbers(config, prefix, profile.settings);
        for (auto& segment : profile.segments) segment = lowercase(segment);
        s.profiles.push_back(std::move(profile));
    }
    return s;
}

const HealthSettings& HealthSettings::for_account(const std::optional<std::string>& segment,
                                                  std::string_view status) const {
    auto listed = [](const std::vector<std::string>& values, std::string_view value) {
        return std::find(values.begin(), values.end(), value) != values.end();
    };
    std::string segment_name = segment ? lowercase(*segment) : std::string();
    for (const auto& profile : profiles) {
        bool segment_matches = profile.segments.empty() || (segment && listed(profile.segments, segment_name));
        bool status_matches = profile.statuses.empty() || listed(profile.statuses, status);
        if (segment_matches && status_matches) return profile.settings;
    }
    return *this;
}

AccountHealthSettings::AccountHealthSettings(Database& db, const HealthSettings& settings,
                                             std::optional<std::int64_t> account_id)
    : settings_(settings) {
    if (settings.profiles.empty()) return;
    auto stmt = db.prepare("SELECT id, segment, status FROM accounts WHERE " + match_if(account_id.has_value(), "id", 1));
    stmt.bind(1, account_id);
    while (stmt.step()) {
        const HealthSettings& matched = settings.for_account(stmt.optional_text(1), stmt.text(2));
        if (&matched != &settings) profiled_.emplace(stmt.integer(0), &matched);
    }
}

const HealthSettings& AccountHealthSettings::of(std::int64_t account_id) const {
    auto found = profiled_.find(account_id);
    return found == profiled_.end() ? settings_ : *found->second;
}

const std::vector<std::string>& health_colors() {
    static const std::vector<std::string> values = {"red", "yellow", "green"};
    return values;
}

// The length of a window ending today, in days (months and years by the calendar).
static int window_days(Date today, Duration window) { return days_between(add(today, window, -1), today); }

Health compute_health(const HealthInputs& in, const HealthSettings& settings, Date today, bool in_words) {
    Health health;
    health.profile = settings.profile;
    health.components.reserve(5);  // the references below stay valid
    auto component = [&](const char* name, double weight) -> HealthComponent& {
        health.components.push_back({name, false, "no data", 0, weight, 0});
        return health.components.back();
    };

    auto& nps = component("nps", settings.weight_nps);
    if (in.latest_nps) {
        nps.has_data = true;
        if (in_words) nps.input = fmt::format("latest NPS answer {}", *in.latest_nps);
        nps.value = *in.latest_nps * 10.0;
    }

    auto& csat = component("csat", settings.weight_csat);
    if (in.csat_mean) {
        csat.has_data = true;
        if (in_words) csat.input = fmt::format("mean CSAT {:.2f} of {} answers", *in.csat_mean, in.csat_answers);
        csat.value = (*in.csat_mean - 1) / 4 * 100;
    }

    auto& escalations = component("escalations", settings.weight_escalations);
    if (in.has_escalations) {
        escalations.has_data = true;
        double penalty = 0;
        std::vector<std::string> parts;
        int open = 0;
        for (std::size_t i = 0; i < in.open_escalations.size(); ++i) {
            if (in.open_escalations[i] == 0) continue;
            open += in.open_escalations[i];
            penalty += in.open_escalations[i] * settings.penalties[i];
            if (in_words) parts.push_back(fmt::format("{} {}", in.open_escalations[i], escalation_severities()[i]));
        }
        escalations.value = std::max(0.0, 100 - penalty);
        if (in_words)
            escalations.input =
                open == 0 ? std::string("no open escalation")
                          : fmt::format("{} open ({}): penalty {:g}", open, fmt::join(parts, ", "), penalty);
    }

    auto& usage = component("usage", settings.weight_usage);
    if (in.usage_recent && in.usage_previous) {
        usage.has_data = true;
        double recent = *in.usage_recent, previous = *in.usage_previous;
        // Full marks when usage held or grew; otherwise the share that is left after the fall.
        usage.value = recent >= previous ? 100 : 100 * recent / previous;
        if (in_words)
            usage.input = fmt::format("mean active users {:.1f} in the last {}, {:.1f} in the {} before", recent,
                                      format_duration(settings.usage_window), previous,
                                      format_duration(settings.usage_window));
    }

    auto& engagement = component("engagement", settings.weight_engagement);
    if (in.last_touch) {
        engagement.has_data = true;
        int ago = days_between(*in.last_touch, today);
        int full = window_days(today, settings.engagement_full),
            zero = window_days(today, settings.engagement_zero);
        engagement.value = ago <= full ? 100 : ago >= zero ? 0 : 100.0 * (zero - ago) / (zero - full);
        if (in_words) engagement.input = fmt::format("last touch {} ({} days ago)", format_date(*in.last_touch), ago);
    }

    double total_weight = 0, weighted = 0;
    for (const auto& c : health.components)
        if (c.has_data) {
            total_weight += c.weight;
            weighted += c.weight * c.value;
        }
    if (total_weight <= 0) {
        health.color = "n/a";
        return health;
    }
    for (auto& c : health.components)
        if (c.has_data) c.share = c.weight / total_weight;
    // Rounded first, so that the color always agrees with the score shown (69.96 shows as
    // 70.0 and is green).
    double score = std::round(weighted / total_weight * 10) / 10;
    health.score = score;
    health.color = score >= settings.green ? "green" : score >= settings.yellow ? "yellow" : "red";
    return health;
}

// Calls `emit` with the account and severity (an index in escalation_severities()) of every
// escalation of `accounts` (null: of all) open at the end of `day`, with the severity it had
// then, from the timeline: an escalation resolved later was open, a severity changed later
// counts as it was. Only the
// open ones and those resolved after the day can have been open on it; for those the last
// "resolved" or "reopened" entry up to the day tells whether it was, and the last entry
// that set a severity which one it had.
static void for_each_open_escalation(Database& db, Date day, const std::vector<std::int64_t>* accounts,
                                     const std::function<void(std::int64_t, std::size_t)>& emit) {
    static const char* columns =
        "SELECT e.account_id, coalesce((SELECT u.severity FROM escalation_updates u WHERE u.escalation_id = e.id "
        "AND u.at <= ?1 AND u.severity IS NOT NULL ORDER BY u.at DESC, u.id DESC LIMIT 1), e.severity), "
        "(SELECT u.kind FROM escalation_updates u WHERE u.escalation_id = e.id AND u.at <= ?1 "
        "AND u.kind IN ('resolved', 'reopened') ORDER BY u.at DESC, u.id DESC LIMIT 1) FROM escalations e ";
    // For one account its escalations are few: the unary + keeps SQLite from reading every
    // escalation resolved after the day (escalations_resolved_at) instead of the account's.
    // "+e.opened_at": the open ones by their own index, not by the opening times of all.
    auto stmt = db.prepare(fmt::format(
        "{0} WHERE e.status <> 'resolved' AND +e.opened_at <= ?1 AND {1} "
        "UNION ALL {0} WHERE {2} > ?1 AND e.opened_at <= ?1 AND {1}",
        columns, match_if(accounts != nullptr, "e.account_id", 2), accounts ? "+e.resolved_at" : "e.resolved_at"));
    std::string day_ends = format_timestamp_utc(end_of_day(day));
    // Runs `query` (account, severity[, the last resolution]) for each account of `accounts`, or
    // once for all, and emits the open escalations it gives.
    auto emit_open = [&](Statement& query, bool has_resolution) {
        auto run = [&](std::optional<std::int64_t> account_id) {
            query.reset();
            query.bind_all(day_ends, account_id);
            while (query.step()) {
                if (has_resolution && !query.is_null(2) && query.text(2) == "resolved") continue;
                if (std::size_t severity = severity_index(query.text(1)); severity < escalation_severities().size())
                    emit(query.integer(0), severity);
            }
        };
        if (!accounts)
            run(std::nullopt);
        else
            for (std::int64_t id : *accounts) run(id);
    };
    // When nothing was opened, resolved, reopened or changed in severity after the day (the
    // usual case for today), the escalations stand as they did then: the open ones, with
    // their severity, found by their own index without reading any timeline. (An escalation
    // may have been resolved without a timeline entry, as an import leaves it: resolved_at.)
    auto later = db.prepare("SELECT EXISTS (SELECT 1 FROM escalation_updates WHERE at > ?1 "
                            "AND kind IN ('opened', 'severity', 'resolved', 'reopened')) "
                            "OR EXISTS (SELECT 1 FROM escalations WHERE resolved_at > ?1)");
    later.bind(1, day_ends);
    if (later.step() && later.integer(0) == 0) {
        // "+": by the index of the open ones, not by the opening times of every escalation.
        auto open = db.prepare(fmt::format("SELECT e.account_id, e.severity FROM escalations e "
                                           "WHERE e.status <> 'resolved' AND +e.opened_at <= ?1 AND {}",
                                           match_if(accounts != nullptr, "e.account_id", 2)));
        emit_open(open, false);
        return;
    }
    emit_open(stmt, true);
}

namespace {

enum class OpenEscalations { counted, left_at_zero };

// load_health_inputs, where a series of days (for_each_health_day) counts the open
// escalations of every day, the first one included, from its own timeline.
std::unordered_map<std::int64_t, HealthInputs> load_inputs(Database& db, const HealthSettings& settings,
                                                           Date today, std::optional<std::int64_t> account_id,
                                                           OpenEscalations open_escalations) {
    std::unordered_map<std::int64_t, HealthInputs> inputs;
    // One account or all: a fixed clause, its value bound as the last parameter.
    auto prepare = [&](std::string sql, const char* account_clause, const char* tail, int account_parameter) {
        if (account_id) sql += fmt::format(" AND {} = ?{}", account_clause, account_parameter);
        sql += tail;
        auto stmt = db.prepare(sql);
        if (account_id) stmt.bind(account_parameter, *account_id);
        return stmt;
    };
    std::string today_text = format_date(today);
    std::string feedback_from = format_date(add(today, settings.feedback_window, -1));

    // nps: the newest answer in the window (the higher id on the same day). One index seek
    // per account (feedback_account, newest first) rather than ranking every answer of the
    // window.
    {
        auto stmt = prepare(
            fmt::format("SELECT a.id, f.score, f.date, f.id FROM {} CROSS JOIN feedback f ON f.id = "
                        "(SELECT f.id FROM feedback f WHERE f.account_id = a.id AND f.type = 'nps' "
                        "AND f.date > ?1 AND f.date <= ?2 ORDER BY f.date DESC, f.id DESC LIMIT 1) WHERE 1",
                        accounts_in_id_order),
            "a.id", "", 3);
        stmt.bind_all(feedback_from, today_text);
        while (stmt.step()) {
            auto& in = inputs[stmt.integer(0)];
            in.latest_nps = static_cast<int>(stmt.integer(1));
            in.latest_nps_date = stmt.text(2);
            in.latest_nps_id = stmt.integer(3);
        }
    }
    // csat: the mean of the window, read per account from feedback_account in account order
    // (no sort of the window's answers by account).
    {
        auto stmt = prepare(
            "SELECT a.id, sum(f.score), count(*) FROM accounts a CROSS JOIN feedback f ON f.account_id = a.id "
            "WHERE f.type = 'csat' AND f.date > ?1 AND f.date <= ?2",
            "a.id", " GROUP BY a.id", 3);
        stmt.bind_all(feedback_from, today_text);
        while (stmt.step()) {
            auto& in = inputs[stmt.integer(0)];
            in.csat_sum = stmt.real(1);
            in.csat_answers = static_cast<int>(stmt.integer(2));
        }
    }
    // escalations: whether the account has any (an index seek per account), and the ones
    // open at the end of `today` per severity.
    {
        auto stmt = prepare(fmt::format("SELECT a.id FROM {} WHERE EXISTS (SELECT 1 FROM escalations e "
                                        "WHERE e.account_id = a.id AND e.opened_at <= ?1)",
                                        accounts_in_id_order),
                            "a.id", "", 2);
        stmt.bind(1, format_timestamp_utc(end_of_day(today)));
        while (stmt.step()) inputs[stmt.integer(0)].has_escalations = true;
        if (open_escalations == OpenEscalations::counted) {
            std::vector<std::int64_t> one;
            if (account_id) one.push_back(*account_id);
            for_each_open_escalation(db, today, account_id ? &one : nullptr,
                                     [&](std::int64_t account, std::size_t severity) {
                                         ++inputs[account].open_escalations[severity];
                                     });
        }
    }
    // usage: the active users of the last window and of the one before it, summed here as
    // the windows are read in date order (usage_date covers them): GROUP BY account_id would
    // first sort every row of both windows.
    {
        Date recent_from = add(today, settings.usage_window, -1);
        Date previous_from = add(recent_from, settings.usage_window, -1);
        auto stmt = prepare(
            "SELECT account_id, date > ?1, active_users FROM usage "
            "WHERE date > ?2 AND date <= ?3 AND active_users IS NOT NULL",
            "account_id", "", 4);
        stmt.bind_all(format_date(recent_from), format_date(previous_from), today_text);
        while (stmt.step()) {
            auto& window = inputs[stmt.integer(0)].usage_windows[stmt.integer(1)];
            window.sum += stmt.real(2);
            ++window.rows;
        }
    }
    // engagement: the newest note on or before today.
    {
        auto stmt = prepare("SELECT account_id, max(date) FROM notes WHERE date <= ?1", "account_id",
                            " GROUP BY account_id", 2);
        stmt.bind(1, today_text);
        while (stmt.step())
            if (auto date = parse_iso_date(stmt.text(1))) inputs[stmt.integer(0)].last_touch = *date;
    }
    for (auto& [id, in] : inputs) in.set_means();
    return inputs;
}

}  // namespace

std::unordered_map<std::int64_t, HealthInputs> load_health_inputs(Database& db,
                                                                  const HealthSettings& settings, Date today,
                                                                  std::optional<std::int64_t> account_id) {
    return load_inputs(db, settings, today, account_id, OpenEscalations::counted);
}

Health account_health(Database& db, const HealthSettings& settings, Date today, std::int64_t account_id) {
    auto inputs = load_health_inputs(db, settings, today, account_id);
    auto found = inputs.find(account_id);
    return compute_health(found == inputs.end() ? HealthInputs{} : found->second,
                          AccountHealthSettings(db, settings, account_id).of(account_id), today);
}

void HealthInputs::set_means() {
    csat_mean = csat_answers > 0 ? std::optional<double>(csat_sum / csat_answers) : std::nullopt;
    const auto& [previous, recent] = usage_windows;
    if (previous.rows > 0 && recent.rows > 0) {
        usage_recent = recent.sum / recent.rows;
        usage_previous = previous.sum / previous.rows;
    } else {  // no comparison without both windows
        usage_recent.reset();
        usage_previous.reset();
    }
}

// The union of the day ranges (first, last], as few disjoint ranges, in order. A query per
// range reads an index range each; one query with their OR would gather row ids and then
// read every row from the table.
static std::vector<std::pair<std::string, std::string>> disjoint(std::vector<std::pair<std::string, std::string>> ranges) {
    std::sort(ranges.begin(), ranges.end());
    std::vector<std::pair<std::string, std::string>> merged;
    for (auto& range : ranges) {
        if (range.first >= range.second) continue;
        if (!merged.empty() && range.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, range.second);
        else
            merged.push_back(std::move(range));
    }
    return merged;
}

namespace {

// Moves the inputs that come from dated rows in windows (feedback, usage, notes) from `from`
// to `to`: advance_health_inputs but for the escalations.
void advance_windows(Database& db, const HealthSettings& settings, Date from, Date to,
                     const std::unordered_map<std::int64_t, HealthInputs*>& inputs) {
    auto inputs_of = [&](std::int64_t account_id) {
        auto found = inputs.find(account_id);
        return found == inputs.end() ? nullptr : found->second;
    };
    std::string from_text = format_date(from), to_text = format_date(to);
    // Each query reads the rows dated where a window began or ended between the two days and
    // tells, as SQL, whether a row was in a window on `from` and whether it is on `to`.

    // Feedback: a window (start, day]. An answer that leaves takes every older one along,
    // so the newest NPS answer either stays, goes, or gives way to a newer one coming in.
    {
        std::string was_from = format_date(add(from, settings.feedback_window, -1)),
                    is_from = format_date(add(to, settings.feedback_window, -1));
        for (const auto& [id, in] : inputs)
            if (in->latest_nps && in->latest_nps_date <= is_from) {
                in->latest_nps.reset();
                in->latest_nps_date.clear();
                in->latest_nps_id = 0;
            }
        auto stmt = db.prepare(
            "SELECT account_id, type = 'nps', score, date, id, date > ?1 AND date <= ?2, date > ?3 AND date <= ?4 "
            "FROM feedback WHERE type IN ('nps', 'csat') AND date > ?5 AND date <= ?6");
        for (const auto& [first, last] : disjoint({{was_from, is_from}, {from_text, to_text}})) {
            stmt.reset();
            stmt.bind_all(was_from, from_text, is_from, to_text, first, last);
            while (stmt.step()) {
                HealthInputs* found = inputs_of(stmt.integer(0));
                if (!found) continue;
                HealthInputs& in = *found;
                bool was_in = stmt.integer(5) != 0, is_in = stmt.integer(6) != 0;
                if (was_in == is_in) continue;
                if (stmt.integer(1)) {
                    std::string date = stmt.text(3);
                    std::int64_t id = stmt.integer(4);
                    if (is_in && (!in.latest_nps || std::tie(date, id) > std::tie(in.latest_nps_date, in.latest_nps_id))) {
                        in.latest_nps = static_cast<int>(stmt.integer(2));
                        in.latest_nps_date = std::move(date);
                        in.latest_nps_id = id;
                    }
                } else {
                    in.csat_sum += is_in ? stmt.real(2) : -stmt.real(2);
                    in.csat_answers += is_in ? 1 : -1;
                }
            }
        }
    }
    // Usage: the window before the last (0) and the last (1), or neither (-1).
    {
        auto bounds = [&](Date day) {
            Date recent_from = add(day, settings.usage_window, -1);
            return std::array<std::string, 2>{format_date(add(recent_from, settings.usage_window, -1)),
                                              format_date(recent_from)};
        };
        auto [was_previous, was_recent] = bounds(from);
        auto [is_previous, is_recent] = bounds(to);
        auto stmt = db.prepare(
            "SELECT account_id, active_users, "
            "CASE WHEN date > ?2 AND date <= ?3 THEN 1 WHEN date > ?1 AND date <= ?2 THEN 0 ELSE -1 END, "
            "CASE WHEN date > ?5 AND date <= ?6 THEN 1 WHEN date > ?4 AND date <= ?5 THEN 0 ELSE -1 END "
            "FROM usage WHERE active_users IS NOT NULL AND date > ?7 AND date <= ?8");
        for (const auto& [first, last] :
             disjoint({{was_previous, is_previous}, {was_recent, is_recent}, {from_text, to_text}})) {
            stmt.reset();
            stmt.bind_all(was_previous, was_recent, from_text, is_previous, is_recent, to_text, first, last);
            while (stmt.step()) {
                HealthInputs* in = inputs_of(stmt.integer(0));
                if (!in) continue;
                double users = stmt.real(1);
                auto was = stmt.integer(2), is = stmt.integer(3);
                if (was == is) continue;
                if (was >= 0) {
                    in->usage_windows[was].sum -= users;
                    --in->usage_windows[was].rows;
                }
                if (is >= 0) {
                    in->usage_windows[is].sum += users;
                    ++in->usage_windows[is].rows;
                }
            }
        }
    }
    // Notes dated after `from` up to `to`: the newest is the last touch.
    {
        // In date order (notes_date): the last one read of an account is its newest.
        auto stmt = db.prepare("SELECT account_id, date FROM notes WHERE date > ?1 AND date <= ?2 ORDER BY date");
        stmt.bind_all(from_text, to_text);
        while (stmt.step())
            if (HealthInputs* in = inputs_of(stmt.integer(0))) in->last_touch = parse_iso_date(stmt.text(1));
    }
    for (const auto& [id, in] : inputs) in->set_means();
}

// Counts again as of `to` the open escalations of the accounts whose escalations were opened,
// resolved, reopened or changed in severity after the end of `from` up to the end of `to`;
// the others' stand.
void advance_escalations(Database& db, Date from, Date to,
                         const std::unordered_map<std::int64_t, HealthInputs*>& inputs) {
    auto inputs_of = [&](std::int64_t account_id) {
        auto found = inputs.find(account_id);
        return found == inputs.end() ? nullptr : found->second;
    };
    std::string from_end = format_timestamp_utc(end_of_day(from)), to_end = format_timestamp_utc(end_of_day(to));
    auto opened = db.prepare("SELECT account_id FROM escalations WHERE opened_at > ?1 AND opened_at <= ?2");
    opened.bind_all(from_end, to_end);
    std::unordered_set<std::int64_t> changed;
    while (opened.step())
        if (HealthInputs* in = inputs_of(opened.integer(0))) {
            in->has_escalations = true;
            changed.insert(opened.integer(0));
        }
    auto moved = db.prepare(
        "SELECT account_id FROM escalations WHERE resolved_at > ?1 AND resolved_at <= ?2 UNION "
        "SELECT e.account_id FROM escalation_updates u JOIN escalations e ON e.id = u.escalation_id "
        "WHERE u.kind IN ('opened', 'severity', 'resolved', 'reopened') AND u.at > ?1 AND u.at <= ?2");
    moved.bind_all(from_end, to_end);
    while (moved.step())
        if (inputs_of(moved.integer(0))) changed.insert(moved.integer(0));
    for (std::int64_t id : changed) inputs_of(id)->open_escalations = {0, 0, 0, 0};
    // A query per changed account (one statement), unless a quarter of the accounts or
    // more changed: then one pass over every escalation that may have been open is cheaper.
    std::vector<std::int64_t> accounts(changed.begin(), changed.end());
    bool many = accounts.size() > inputs.size() / 4;
    for_each_open_escalation(db, to, many ? nullptr : &accounts, [&](std::int64_t account, std::size_t severity) {
        if (HealthInputs* in = inputs_of(account); in && changed.contains(account)) ++in->open_escalations[severity];
    });
}

// The escalations that may be open on a day of a series, with when each one's state changed,
// read once: what for_each_open_escalation tells of one day, for every day of the series.
// An escalation's state at a time is what that query gives for a day ending then: open from
// opened_at unless resolved (resolved_at, or the last of its resolved/reopened updates),
// with the severity of its last update that has one, else its own.
class EscalationTimeline {
public:
    EscalationTimeline(Database& db, Date first, Date last) {
        const std::string first_end = format_timestamp_utc(end_of_day(first)),
                          last_end = format_timestamp_utc(end_of_day(last));
        struct Escalation {
            std::int64_t account_id;
            std::string severity, opened_at, resolved_at;  // resolved_at: "" unless resolved now
            std::vector<std::pair<std::string, std::string>> severities, resolutions;  // (at, value) by at
        };
        std::vector<Escalation> escalations;
        std::unordered_map<std::int64_t, std::size_t> index_of;
        // Whole tables read in their order: most rows count, and an index would add a seek of
        // the table for each.
        auto rows = db.prepare(
            "SELECT id, account_id, severity, opened_at, CASE WHEN status = 'resolved' THEN resolved_at END "
            "FROM escalations NOT INDEXED WHERE opened_at <= ?1 AND (status <> 'resolved' OR resolved_at > ?2)");
        rows.bind_all(last_end, first_end);
        while (rows.step()) {
            index_of.emplace(rows.integer(0), escalations.size());
            escalations.push_back({rows.integer(1), rows.text(2), rows.text(3), rows.is_null(4) ? "" : rows.text(4), {}, {}});
        }
        auto updates = db.prepare(
            "SELECT escalation_id, at, kind, severity FROM escalation_updates NOT INDEXED WHERE at <= ?1 "
            "AND (severity IS NOT NULL OR kind IN ('resolved', 'reopened'))");
        updates.bind(1, last_end);
        while (updates.step()) {
            auto found = index_of.find(updates.integer(0));
            if (found == index_of.end()) continue;
            Escalation& e = escalations[found->second];
            if (!updates.is_null(3)) e.severities.emplace_back(updates.text(1), updates.text(3));
            std::string kind = updates.text(2);
            if (kind == "resolved" || kind == "reopened") e.resolutions.emplace_back(updates.text(1), kind);
        }
        // In the order of the one-day query's ORDER BY u.at, u.id (the rowid order the table
        // was read in): the last one at or before a time is the one that counts.
        auto by_time = [](const auto& a, const auto& b) { return a.first < b.first; };
        for (auto& e : escalations) {
            std::stable_sort(e.severities.begin(), e.severities.end(), by_time);
            std::stable_sort(e.resolutions.begin(), e.resolutions.end(), by_time);
        }
        // The last value at or before `at` of a list ordered by time.
        auto last_at = [](const std::vector<std::pair<std::string, std::string>>& list,
                          const std::string& at) -> const std::string* {
            auto after = std::upper_bound(list.begin(), list.end(), at,
                                          [](const std::string& t, const auto& entry) { return t < entry.first; });
            return after == list.begin() ? nullptr : &std::prev(after)->second;
        };
        for (std::size_t i = 0; i < escalations.size(); ++i) {
            const Escalation& e = escalations[i];
            std::vector<std::string> times{e.opened_at};
            if (!e.resolved_at.empty()) times.push_back(e.resolved_at);
            for (const auto& entry : e.severities) times.push_back(entry.first);
            for (const auto& entry : e.resolutions) times.push_back(entry.first);
            std::sort(times.begin(), times.end());
            times.erase(std::unique(times.begin(), times.end()), times.end());
            int state = closed;
            for (const auto& at : times) {
                int now = closed;
                bool open = e.opened_at <= at && (e.resolved_at.empty() || e.resolved_at > at);
                const std::string* resolution = last_at(e.resolutions, at);
                if (open && !(resolution && *resolution == "resolved")) {
                    const std::string* severity = last_at(e.severities, at);
                    if (std::size_t index = severity_index(severity ? *severity : e.severity);
                        index < escalation_severities().size())
                        now = static_cast<int>(index);
                }
                if (at == e.opened_at) changes_.push_back({at, i, now, true});
                else if (now != state) changes_.push_back({at, i, now, false});
                state = now;
            }
            accounts_.push_back(e.account_id);
        }
        std::sort(changes_.begin(), changes_.end(),
                  [](const Change& a, const Change& b) { return std::tie(a.at, a.escalation) < std::tie(b.at, b.escalation); });
        states_.assign(escalations.size(), closed);
    }

    // Moves to the end of `day` (days in ascending order): each account's open escalations by
    // severity then, and whether it had any opened by then, set in `inputs`.
    void move_to(Date day, const std::unordered_map<std::int64_t, HealthInputs*>& inputs) {
        const std::string day_end = format_timestamp_utc(end_of_day(day));
        for (; next_ < changes_.size() && changes_[next_].at <= day_end; ++next_) {
            const Change& change = changes_[next_];
            auto found = inputs.find(accounts_[change.escalation]);
            int& state = states_[change.escalation];
            if (found != inputs.end()) {
                HealthInputs& in = *found->second;
                if (state != closed) --in.open_escalations[static_cast<std::size_t>(state)];
                if (change.state != closed) ++in.open_escalations[static_cast<std::size_t>(change.state)];
                if (change.opened) in.has_escalations = true;
            }
            state = change.state;
        }
    }

private:
    static constexpr int closed = -1;
    struct Change {
        std::string at;
        std::size_t escalation;
        int state;    // the severity's index while open, else closed
        bool opened;  // the escalation's opening
    };
    std::vector<Change> changes_;
    std::vector<std::int64_t> accounts_;  // by escalation
    std::vector<int> states_;             // by escalation, as of the last move
    std::size_t next_ = 0;
};

}  // namespace

void advance_health_inputs(Database& db, const HealthSettings& settings, Date from, Date to,
                           const std::unordered_map<std::int64_t, HealthInputs*>& inputs) {
    advance_windows(db, settings, from, to, inputs);
    advance_escalations(db, from, to, inputs);
}

void for_each_health_day(Database& db, const HealthSettings& settings, const std::vector<Date>& days,
                         std::optional<std::int64_t> account_id,
                         const std::function<void(Date, const std::unordered_map<std::int64_t, HealthInputs>&)>& on_day) {
    if (days.empty()) return;
    if (account_id) {
        // One account: its inputs loaded on each day are a few index seeks, where moving
        // forward would read the rows of every account between the days.
        for (Date day : days) {
            auto inputs = load_health_inputs(db, settings, day, account_id);
            inputs.try_emplace(*account_id);
            on_day(day, inputs);
        }
        return;
    }
    auto inputs = load_inputs(db, settings, days.front(), account_id, OpenEscalations::left_at_zero);
    // advance_health_inputs moves the accounts it is given: every account, also those
    // without data yet.
    auto stmt = db.prepare("SELECT id FROM accounts WHERE " + match_if(account_id.has_value(), "id", 1));
    stmt.bind(1, account_id);
    while (stmt.step()) inputs.try_emplace(stmt.integer(0));
    std::unordered_map<std::int64_t, HealthInputs*> moved;
    moved.reserve(inputs.size());
    for (auto& [id, in] : inputs) moved.emplace(id, &in);
    // The open escalations of every day from the timeline, read once, rather than a pass over
    // the escalations that were open on each day.
    EscalationTimeline escalations(db, days.front(), days.back());
    for (std::size_t i = 0; i < days.size(); ++i) {
        if (i > 0) advance_windows(db, settings, days[i - 1], days[i], moved);
        escalations.move_to(days[i], moved);
        on_day(days[i], inputs);
    }
}

std::vector<Column> health_component_columns() {
    // The profile repeats on every row, for csv; a table names it once, above.
    Column profile{"profile", Kind::text};
    profile.in_table = false;
    return {{"component", Kind::text},
            {"value", Kind::score},
            {"weight", Kind::score},
            {"share", Kind::ratio},
            {"input", Kind::text},
            profile};
}

void for_each_health_component(const Health& health, const std::function<void(Row&&)>& emit) {
    for (const auto& c : health.components)
        emit(Row{c.name, c.has_data ? Cell{c.value} : Cell{}, c.weight, c.has_data ? Cell{c.share} : Cell{},
                 c.input, health.profile});
}

}  // namespace acm
