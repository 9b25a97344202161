#pragma once
// What escalations, feedback and health add to `account list` and `account show`, kept
// apart from cli/account.cpp so that the account commands only call in here.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "acm/cli/context.hpp"
#include "acm/domain/health.hpp"

namespace acm {

// account list: the account columns with health, health_score and open_escalations
// inserted before last_touch; rows are extended the same way.
class AccountHealthColumns {
public:
    // Loads the health inputs of every account (or one) with a few set-based queries.
    AccountHealthColumns(Context& ctx, Database& db, std::vector<Column> account_columns,
                         std::optional<std::int64_t> account_id = {});
    const std::vector<Column>& columns() const { return columns_; }
    // Inserts the cells into a row of the account columns (its first cell is the id).
    // False when `color` is given and the account's health has another color.
    bool extend(Row& row, const std::optional<std::string>& color) const;

private:
    std::vector<Column> columns_;
    std::size_t position_ = 0;
    HealthSettings settings_;
    Date today_;
    std::unordered_map<std::int64_t, HealthInputs> inputs_;
};

// account show (table): the sections Health, Open escalations, Recent feedback.
void print_account_health(Context& ctx, Database& db, std::int64_t account_id);
// account show (json): ,"health":{…},"open_escalations":[…],"feedback":[…] to append to
// the account's object.
std::string account_health_json(Context& ctx, Database& db, std::int64_t account_id);


// "Now" for escalations: the clock, or the end of the day when --today or ACM_TODAY fixes it.
Timestamp now_for(const Context& ctx);

}  // namespace acm
