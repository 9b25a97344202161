#pragma once
// ARR, computed in one place (acm-contract(1), acm-report(1)): a contract is active on day d when
// start <= d <= end (and d <= its termination date); its ARR on d is the latest of its
// ARR rows (the initial one and each amendment) effective on or before d. An account's
// ARR on d is the sum over its active contracts, converted to the base currency.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "acm/core/date.hpp"
#include "acm/core/money.hpp"
#include "acm/store/db.hpp"

namespace acm {

// SQL for queries over contracts aliased `c`, with the day bound as parameter `day`
// (e.g. "?1"): the contract's ARR in minor units of c.currency, and whether it is active.
// Constant SQL text: the day is always a bound parameter, never user text.
std::string contract_arr_sql(const std::string& day);
std::string contract_active_sql(const std::string& day);

// A contract's ARR on `day` in its own currency, amendments applied (whether or not
// the contract is active that day: the terms in force on that date).
Money contract_arr_on(Database& db, std::int64_t contract_id, Date day);

// Every account's ARR on `day` (or `account_id`'s only) as one sum per currency, from one
// query; accounts without an active contract are absent. Convert with to_base only what is shown, so that a
// missing rate fails only where it matters.
std::unordered_map<std::int64_t, std::vector<Money>> arr_sums_by_account(
    Database& db, Date day, std::optional<std::int64_t> account_id = {});
// The sum of `amounts` in the base currency. RuntimeError naming a currency without a rate,
// or `figure` when the sum does not fit.
Money to_base(const std::vector<Money>& amounts, const FxRates& fx, std::string_view figure);

// Every account's ARR on `day` in the base currency, from one query; accounts without
// an active contract are absent. RuntimeError naming a currency that has no [fx] rate.
std::unordered_map<std::int64_t, std::int64_t> arr_by_account(Database& db, Date day, const FxRates& fx);

// Every account's recurring revenue recognized in `period`: each day of it earns the ARR of
// that day / 365 (so a whole non-leap year earns the ARR). One sum per currency, rounded
// half up once per sum; accounts that earned nothing are absent.
std::unordered_map<std::int64_t, std::vector<Money>> recognized_revenue_by_account(Database& db, const Period& period);

// The first day after `day` on which each account's ARR (or `account_id`'s) may differ from
// its ARR on `day`: a contract starts, ends or is terminated, or an ARR change takes effect.
// Accounts absent have no such day ahead.
std::unordered_map<std::int64_t, Date> arr_changes_after(Database& db, Date day,
                                                         std::optional<std::int64_t> account_id = {});

// One account's ARR on `day` in the base currency.
Money account_arr(Database& db, std::int64_t account_id, Date day, const FxRates& fx);

}  // namespace acm
