#pragma once
// What `account list` shows of an account beyond its own fields, as of one day: ARR, the
// next renewal, the last touch, the health score and the open escalations. Computed from
// the one definition of each (arr.hpp, health.hpp, next renewal here) and cached outside the
// workspace (cache_file.hpp), per account version: the workspace's triggers give an account
// a new version (table account_versions) whenever a row its figures are computed from is
// written, and a listing computes only the accounts whose cached version differs. A listing
// never writes the workspace.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>
#include <initializer_list>

#include "acm/core/date.hpp"
#include "acm/core/money.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/health.hpp"
#include "acm/store/db.hpp"

namespace acm {

struct AccountFigures {
    std::optional<std::int64_t> arr_minor;  // ARR in the base currency (or arr_currency); empty when arr_error is set
    // The currency of an ARR shown unconverted: all of it is in one currency without an [fx] rate.
    // Empty: the base currency.
    std::string arr_currency;
    std::string arr_error;  // why ARR could not be shown (several currencies, one without a rate; overflow)
    std::optional<Date> next_renewal;       // the earliest open renewal's due date (overdue included)
    std::optional<Date> last_touch;         // the newest note's date
    std::string health;                     // red, yellow, green or n/a
    std::optional<double> health_score;
    std::int64_t open_escalations = 0;
};

// What the figures depend on besides the workspace's rows.
struct FiguresBasis {
    Date today;
    HealthSettings health;
    FxRates fx;
    // The basis as text, kept beside the figures: figures of another basis are stale.
    std::string text() const;
};

// The figures of every account, or of `account_id` only, computed now (no kept figures).
std::unordered_map<std::int64_t, AccountFigures> compute_account_figures(Database& db, const FiguresBasis& basis,
                                                                         std::optional<std::int64_t> account_id = {});

// The figures cache of one listing over a read connection: the cache file attached to it
// (or, without one, empty tables in its place, so that the query is the same), and a
// separate connection that keeps what the listing had to compute. Never an error.
class FiguresCache {
public:
    FiguresCache(Database& db, const FiguresBasis& basis);
    FiguresCache(const FiguresCache&) = delete;
    FiguresCache& operator=(const FiguresCache&) = delete;
    ~FiguresCache();

    // For a listing's query over accounts aliased `a`: the joins (the basis text bound as
    // parameter `basis_parameter`), the columns for the SELECT list (the account's version
    // first), and the figures read from them (empty when none are cached for this version).
    static std::string join_sql(int basis_parameter);
    static std::string columns_sql();
    static std::optional<AccountFigures> read(const Statement& row, int first_column,
                                              std::optional<std::int64_t>& version);

    // The figures of accounts that had none cached, computed now and kept for their version
    // (an account without a version, added with the triggers away, is computed, not kept).
    struct Missing {
        std::int64_t account_id;
        std::optional<std::int64_t> version;
    };
    std::unordered_map<std::int64_t, AccountFigures> compute_and_keep(const std::vector<Missing>& missing);

private:
    void keep(const std::unordered_map<std::int64_t, AccountFigures>& figures, const std::vector<Missing>& missing);

    Database& db_;
    const FiguresBasis& basis_;
    std::optional<Database> writer_;
    bool attached_ = false;
};

// account list (in account.cpp, beside the other account queries): the account columns
// with arr_currency after arr, health, health_score and open_escalations before last_touch,
// and a row of them. An ARR that cannot be shown (figures.arr_error) is empty, and `warn`
// gets a notice naming the account and why: one account's missing rate does not stop the
// listing of all.
using Warn = std::function<void(const std::string&)>;
std::vector<Column> account_list_columns();
Row account_list_row(Account account, const AccountFigures& figures, const std::string& base_currency,
                     const Warn& warn);
// Accounts by key with their figures as of basis.today: the cached ones, and those missing
// computed (and cached).
void for_each_account(Database& db, const AccountFilter& filter, const FiguresBasis& basis,
                      const std::function<void(Row&&)>& emit, const Warn& warn);

// For an import, in its transaction: the triggers that change account versions are dropped
// from `tables` (each runs a statement per row; no tables: from every table, for a whole
// workspace), and finish() puts them back and gives the accounts noted as touched, and any
// account added meanwhile, a new version.
class FiguresDeferred {
public:
    FiguresDeferred(Database& db, std::initializer_list<std::string_view> tables);
    void touched(std::int64_t account_id) { accounts_.insert(account_id); }
    void finish();

private:
    Database& db_;
    std::vector<DeferredSchema> triggers_;
    std::unordered_set<std::int64_t> accounts_;
};

// Sets account.arr (on `today`, in the base currency) and account.next_renewal.
void fill_account_figures(Database& db, Account& account, Date today, const FxRates& fx);

}  // namespace acm
