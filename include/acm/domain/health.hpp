#pragma once
// The health score (SPEC §5): the one place that computes it. A pure function turns an
// account's inputs into a score with every component's input, value and weight (what
// `report health --explain` shows); one set-based load fetches the inputs of every
// account (or one) with a query per component, never a query per account.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

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
    static HealthSettings from(const Config& config);
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
    std::optional<double> score;              // 0–100, rounded to one decimal; empty: no data at all (n/a)
    std::string color;                        // red, yellow, green, or "n/a"
    std::vector<HealthComponent> components;  // always all five, in the order of SPEC §5
};

// The score of one account (pure: no database, no clock).
Health compute_health(const HealthInputs& inputs, const HealthSettings& settings, Date today);

// The inputs of every account, or of `account_id` only, as of `today`: five queries in all.
// Accounts without any data are absent from the map.
std::unordered_map<std::int64_t, HealthInputs> load_health_inputs(
    Database& db, const HealthSettings& settings, Date today, std::optional<std::int64_t> account_id = {});

// The colors of --health: red, yellow, green.
const std::vector<std::string>& health_colors();

// One component per row: component, input, value, weight (configured), share (ratio).
std::vector<Column> health_component_columns();
void for_each_health_component(const Health& health, const std::function<void(Row&&)>& emit);

}  // namespace acm
