#pragma once
// What an account manager plans and spends per account: expansion opportunities (report
// pipeline), the onboarding plan's milestones (time to value) and the cost to serve
// (report profitability). Rules and queries, no printing.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "acm/core/date.hpp"
#include "acm/core/money.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/edit.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

// Opportunities ------------------------------------------------------------------
const std::vector<std::string>& opportunity_kinds();   // upsell, cross-sell
const std::vector<std::string>& opportunity_stages();  // open, won, lost

struct OpportunityFields {
    std::string title;
    Money value;  // the ARR it adds if won
    std::string kind = "upsell";
    std::string stage = "open";
    int probability = 50;         // percent; the weighted value is value × probability
    std::optional<Date> close;    // expected close while open, actual once won or lost
};
std::int64_t add_opportunity(Database& db, const Actor& actor, std::int64_t account_id, const OpportunityFields& fields);

struct OpportunityChanges {
    std::optional<std::string> title, stage;
    std::optional<std::string> value;  // amount text, taken in the opportunity's currency
    std::optional<int> probability;
    std::optional<Date> close;
};
void update_opportunity(Database& db, const Actor& actor, std::int64_t id, const OpportunityChanges& changes);
// An opportunity's fields and their rules, for add, edit and rm (edit.hpp).
const RecordTable& opportunity_fields();
std::vector<Column> opportunity_columns();
// By account key, then close date; `stage` filters.
void for_each_opportunity(Database& db, std::optional<std::int64_t> account_id, std::optional<std::string> stage,
                          const std::function<void(Row&&)>& emit);
// The weighted value of an opportunity: won counts whole, lost nothing, open value × probability.
std::int64_t weighted_value(std::int64_t value_minor, const std::string& stage, int probability);

// Milestones (onboarding plan) -----------------------------------------------------
std::int64_t add_milestone(Database& db, const Actor& actor, std::int64_t account_id, const std::string& title,
                           Date due);
// Marks milestone `id` reached on `day`; RuntimeError when it already is.
void complete_milestone(Database& db, const Actor& actor, std::int64_t id, Date day);
// A milestone's fields and their rules, for add, edit and rm (edit.hpp).
const RecordTable& milestone_fields();
// id, account, title, due, done_on, status (done, late, overdue, open), days_late.
std::vector<Column> milestone_columns();
void for_each_milestone(Database& db, std::optional<std::int64_t> account_id, Date today,
                        const std::function<void(Row&&)>& emit);
// Time to value: days from the account's first contract start (its creation day when it
// has no contract) to the day its last milestone was reached; empty while any milestone
// is open or it has none.
std::optional<std::int64_t> time_to_value_days(Database& db, std::int64_t account_id);

// Costs (cost to serve) -------------------------------------------------------------
const std::vector<std::string>& cost_categories();  // support, infrastructure, services, other

struct CostFields {
    Money amount;
    Date date;
    std::string category = "other";
    std::optional<std::string> note;
};
std::int64_t add_cost(Database& db, const Actor& actor, std::int64_t account_id, const CostFields& fields);
// A cost's fields and their rules, for add, edit and rm (edit.hpp).
const RecordTable& cost_fields();
std::vector<Column> cost_columns();
// Newest first.
void for_each_cost(Database& db, std::optional<std::int64_t> account_id, const std::function<void(Row&&)>& emit);

}  // namespace acm
