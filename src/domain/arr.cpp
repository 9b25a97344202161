// ARR on a day: the one definition every listing and report uses.
#include "acm/domain/arr.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/store/filter_sql.hpp"

namespace acm {

std::string contract_arr_sql(const std::string& day) {
    return fmt::format(
        "(SELECT x.arr_minor FROM contract_arr x WHERE x.contract_id = c.id AND x.effective <= {0} "
        "ORDER BY x.effective DESC, x.id DESC LIMIT 1)",
        day);
}

std::string contract_active_sql(const std::string& day) {
    return fmt::format("(c.start_date <= {0} AND {0} <= c.end_date AND (c.terminated_on IS NULL OR {0} <= c.terminated_on))",
                       day);
}

Money contract_arr_on(Database& db, std::int64_t contract_id, Date day) {
    auto stmt = db.prepare("SELECT c.currency, coalesce(" + contract_arr_sql("?2") +
                           ", (SELECT x.arr_minor FROM contract_arr x WHERE x.contract_id = c.id "
                           "ORDER BY x.effective, x.id LIMIT 1), 0) FROM contracts c WHERE c.id = ?1");
    stmt.bind_all(contract_id, format_date(day));
    if (!stmt.step()) return Money{};
    return Money{stmt.integer(1), stmt.text(0)};
}

// Adds `amount` to the sum of its currency in `sums`, checked: SQLite's sum() would fail
// with a bare "integer overflow", and a product in SQL silently turns into a float.
static void add_to_sums(std::vector<Money>& sums, const Money& amount, std::string_view figure) {
    for (Money& sum : sums)
        if (sum.currency == amount.currency) {
            sum.minor = add_minor(sum.minor, amount.minor, figure);
            return;
        }
    sums.push_back(amount);
}

// The ARR on `day` of each account's active contracts, summed per currency in SQL: a report
// by month does this for 50,000 contracts at each month's start and end. sum() of integers
// is exact and fails on overflow rather than wrap, which becomes the named error.
static void for_each_contract_arr(Database& db, std::optional<std::int64_t> account_id, Date day,
                                  const std::function<void(std::int64_t, const Money&)>& add) {
    auto stmt = db.prepare("SELECT c.account_id, c.currency, sum(" + contract_arr_sql("?1") +
                           ") FROM contracts c WHERE " + contract_active_sql("?1") + " AND " +
                           match_if(account_id.has_value(), "c.account_id", 2) +
                           " GROUP BY c.account_id, c.currency");
    stmt.bind(1, format_date(day));
    stmt.bind(2, account_id);
    auto step = [&] {
        try {
            return stmt.step();
        } catch (const RuntimeError& error) {
            if (std::string_view(error.what()).find("integer overflow") != std::string_view::npos) overflow("arr");
            throw;
        }
    };
    while (step())
        if (!stmt.is_null(2)) add(stmt.integer(0), Money{stmt.integer(2), stmt.text(1)});
}

std::unordered_map<std::int64_t, std::vector<Money>> arr_sums_by_account(Database& db, Date day,
                                                                         std::optional<std::int64_t> account_id) {
    std::unordered_map<std::int64_t, std::vector<Money>> result;
    for_each_contract_arr(db, account_id, day,
                          [&](std::int64_t account, const Money& arr) { add_to_sums(result[account], arr, "arr"); });
    return result;
}

Money to_base(const std::vector<Money>& amounts, const FxRates& fx, std::string_view figure) {
    Money total{0, fx.base};
    for (const auto& amount : amounts)
        total.minor = add_minor(total.minor, convert(amount, fx, figure).minor, figure);
    return total;
}

std::unordered_map<std::int64_t, std::int64_t> arr_by_account(Database& db, Date day, const FxRates& fx) {
    std::unordered_map<std::int64_t, std::int64_t> result;
    for (const auto& [account, sums] : arr_sums_by_account(db, day)) result[account] = to_base(sums, fx, "arr").minor;
    return result;
}

std::unordered_map<std::int64_t, std::vector<Money>> recognized_revenue_by_account(Database& db, const Period& period) {
    // Each ARR row holds from its effective day to the day before the contract's next row
    // (rows ordered as contract_arr_sql orders them), within the contract's active days
    // and the period: Σ arr × days, in integers (checked, in C++), divided by 365 once per sum.
    auto stmt = db.prepare(
        "WITH spans AS (SELECT c.account_id, c.currency, x.arr_minor, "
        "  max(x.effective, c.start_date, ?1) AS first_day, "
        "  min(coalesce(date(lead(x.effective) OVER w, '-1 day'), '9999-12-31'), c.end_date, "
        "      coalesce(c.terminated_on, '9999-12-31'), ?2) AS last_day "
        "  FROM contracts c JOIN contract_arr x ON x.contract_id = c.id "
        "  WHERE c.start_date <= ?2 AND c.end_date >= ?1 "
        "  WINDOW w AS (PARTITION BY x.contract_id ORDER BY x.effective, x.id)) "
        "SELECT account_id, currency, arr_minor, "
        "  CAST(julianday(last_day) - julianday(first_day) AS INTEGER) + 1 "
        "FROM spans WHERE last_day >= first_day");
    stmt.bind_all(format_date(period.start), format_date(period.end));
    constexpr std::string_view figure = "recurring_revenue";
    std::unordered_map<std::int64_t, std::vector<Money>> result;
    while (stmt.step())
        add_to_sums(result[stmt.integer(0)],
                    Money{multiply_minor(stmt.integer(2), stmt.integer(3), figure), stmt.text(1)}, figure);
    for (auto& [account, sums] : result) {
        std::erase_if(sums, [](const Money& sum) { return sum.minor <= 0; });
        for (Money& sum : sums) sum.minor = sum.minor / 365 + (sum.minor % 365 >= 183);  // half up
    }
    std::erase_if(result, [](const auto& entry) { return entry.second.empty(); });
    return result;
}

std::unordered_map<std::int64_t, Date> arr_changes_after(Database& db, Date day,
                                                         std::optional<std::int64_t> account_id) {
    // Per account: the first start and ARR change after the day, and the first end and
    // termination on or after it (the contract is inactive from the day after).
    auto stmt = db.prepare(
        "SELECT c.account_id, min(c.start_date) FILTER (WHERE c.start_date > ?1), "
        "min((SELECT min(x.effective) FROM contract_arr x WHERE x.contract_id = c.id AND x.effective > ?1)), "
        "min(c.end_date) FILTER (WHERE c.end_date >= ?1), "
        "min(c.terminated_on) FILTER (WHERE c.terminated_on >= ?1) "
        "FROM contracts c WHERE " +
        match_if(account_id.has_value(), "c.account_id", 2) + " GROUP BY c.account_id");
    stmt.bind(1, format_date(day));
    stmt.bind(2, account_id);
    std::unordered_map<std::int64_t, Date> result;
    const Date last_day = Date{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}};
    while (stmt.step()) {
        std::optional<Date> first;
        auto candidate = [&](Date change) { first = first ? std::min(*first, change) : change; };
        for (int column = 1; column <= 4; ++column) {
            if (stmt.is_null(column)) continue;
            auto date = parse_iso_date(stmt.text(column));
            if (!date) {
                candidate(add_days(day, 1));  // a date acm cannot read: computed again tomorrow
            } else if (column <= 2) {
                candidate(*date);
            } else if (*date < last_day) {
                candidate(add_days(*date, 1));
            }
        }
        if (first) result.emplace(stmt.integer(0), *first);
    }
    return result;
}

Money account_arr(Database& db, std::int64_t account_id, Date day, const FxRates& fx) {
    std::vector<Money> sums;
    for_each_contract_arr(db, account_id, day, [&](std::int64_t, const Money& arr) { add_to_sums(sums, arr, "arr"); });
    return to_base(sums, fx, "arr");
}

}  // namespace acm
