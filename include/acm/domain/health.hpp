#pragma once
// The health score: the one place that computes it. A pure function turns an
// account's inputs into a score with every component's input, value and weight (what
// `report health --explain` shows); one set-based load fetches the inputs of every
// account (or one) with a query per component, never a query per account.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

struct HealthProfile;

// Every number of the score, from config [health.*].
struct HealthSettings {
    double weight_nps = 25, weight_csat = 15, weight_escalations = 20, weight_usage = 25,
           weight_engagement = 15;
    double green = 70, yellow = 40;
    // Points per open escalation, in the order of escalation_severities(): critical, high, medium, low.
    std::array<double, 4> penalties{50, 30, 15, 5};
    Duration feedback_window{180, Duration::Unit::day};
    Duration usage_window{30, Duration::Unit::day};
    Duration engagement_full{30, Duration::Unit::day};
    Duration engagement_zero{120, Duration::Unit::day};
    // Whose numbers these are: "default" ([health]) or the name of a profile.
    std::string profile = "default";
    // [health.profile.NAME] in the config file's order, each with these settings and its own
    // weights, thresholds and penalties (the windows are these: the inputs of every account
    // are read at once). Empty in a profile's own settings.
    std::vector<HealthProfile> profiles;
    static HealthSettings from(const Config& config);

    // The settings that score an account: those of the first profile that matches its
    // segment (ignoring case, as --segment does) and status, else these.
    const HealthSettings& for_account(const std::optional<std::string>& segment, std::string_view status) const;
};

// A profile matches an account whose segment is one of `segments` (when given) and whose
// status is one of `statuses` (when given).
struct HealthProfile {
    std::vector<std::string> segments, statuses;
    HealthSettings settings;
};

// The settings of each account, for a computation over many: without profiles these are
// `settings` for all, and nothing is read; with profiles, one query reads the segment and
// status of every account (or of `account_id` only).
class AccountHealthSettings {
public:
    AccountHealthSettings(Database& db, const HealthSettings& settings, std::optional<std::int64_t> account_id = {});
    const HealthSettings& of(std::int64_t account_id) const;

private:
    const HealthSettings& settings_;
    std::unordered_map<std::int64_t, const HealthSettings*> profiled_;  // accounts a profile matches
};

// What the score is computed from, for one account as of one day. An empty optional is
// a component without data.
struct HealthInputs {
    std::optional<int> latest_nps;    // the newest NPS answer in the feedback window
    std::optional<double> csat_mean;  // mean CSAT answer in the feedback window
    int csat_answers = 0;
    bool has_escalations = false;                     // any escalation opened on or before today
    std::array<int, 4> open_escalations{0, 0, 0, 0};  // open ones per severity (critical…low)
    std::optional<double> usage_recent;               // mean active_users in the last usage window
    std::optional<double> usage_previous;             // mean active_users in the window before it
    std::optional<Date> last_touch;                   // newest note on or before today

    // What the means are made of, and which answer latest_nps is: what a later day needs to
    // move the inputs forward (advance_health_inputs) instead of reading every window again.
    // The sums are of integers, exact in a double, so a mean moved forward is the very mean
    // a computation from scratch gives.
    std::string latest_nps_date;  // as stored, compared as SQL compares it
    std::int64_t latest_nps_id = 0;
    double csat_sum = 0;
    struct UsageWindow {
        double sum = 0;
        int rows = 0;
    };
    std::array<UsageWindow, 2> usage_windows;  // [0] the window before the last, [1] the last
    // Sets csat_mean, usage_recent and usage_previous from the sums.
    void set_means();
};

struct HealthComponent {
    std::string name;  // nps, csat, escalations, usage, engagement
    bool has_data = false;
    std::string input;  // the input in words: "latest NPS 8 (2026-10-01)", "2 open (1 high, 1 low)"
    double value = 0;   // 0–100 (meaningless without data)
    double weight = 0;  // the configured weight
    double share = 0;   // the weight renormalized over the components with data (0–1)
};

struct Health {
    std::string profile;                      // the settings' profile: "default" or a profile's name
    std::optional<double> score;              // 0–100, rounded to one decimal; empty: no data at all (n/a)
    std::string color;                        // red, yellow, green, or "n/a"
    std::vector<HealthComponent> components;  // always all five: nps, csat, escalations, usage, engagement
};

// The score of one account (pure: no database, no clock). Without `in_words`, the
// components' inputs are not put in words (a listing of every account shows only the score).
Health compute_health(const HealthInputs& inputs, const HealthSettings& settings, Date today, bool in_words = true);

// The inputs of every account, or of `account_id` only, as of `today`: five queries in all.
// Accounts without any data are absent from the map.
std::unordered_map<std::int64_t, HealthInputs> load_health_inputs(
    Database& db, const HealthSettings& settings, Date today, std::optional<std::int64_t> account_id = {});

// The score of one account as of `today` with the settings of its profile: its inputs
// loaded, then computed.
Health account_health(Database& db, const HealthSettings& settings, Date today, std::int64_t account_id);

// Moves the inputs of the accounts in `inputs`, as of `from`, to the later day `to`, reading
// only the rows that a window's move between the two days lets in or out: what
// load_health_inputs(db, settings, to) gives, provided that none of these accounts' rows
// changed meanwhile. Rows of other accounts are passed over.
void advance_health_inputs(Database& db, const HealthSettings& settings, Date from, Date to,
                           const std::unordered_map<std::int64_t, HealthInputs*>& inputs);

// The inputs of every account, or of `account_id` only, on each of `days` (ascending, no day
// twice): loaded for the first day and moved forward to each next one, so that a series of
// days costs little more than one (one account: loaded on each day). `on_day` gets the inputs of every account (empty ones
// for accounts without data), valid until it returns.
void for_each_health_day(Database& db, const HealthSettings& settings, const std::vector<Date>& days,
                         std::optional<std::int64_t> account_id,
                         const std::function<void(Date, const std::unordered_map<std::int64_t, HealthInputs>&)>& on_day);

// The colors of --health: red, yellow, green.
const std::vector<std::string>& health_colors();

// One component per row: component, value, weight (configured), share (ratio), input, and the
// profile whose weight it is (not in the table format).
std::vector<Column> health_component_columns();
void for_each_health_component(const Health& health, const std::function<void(Row&&)>& emit);

}  // namespace acm
