#pragma once
// What `account list` shows of an account beyond its own fields, as of one day: ARR, the
// next renewal, the last touch, the health score and the open escalations. Computed from
// the one definition of each (arr.hpp, health.hpp, next renewal here) and cached outside the
// workspace (cache_file.hpp), per account version: the workspace's triggers give an account
// a new version (table account_versions) whenever a row its figures are computed from is
// written, and a listing computes only the accounts whose cached version differs. On a new
// day the kept figures move forward, reading only the rows that a day's move lets into a
// window or out of one. A listing never writes the workspace.
#include <cstdint>
#include <functional>
#include <memory>
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
    // The settings as text, kept beside the figures: figures of other settings are stale.
    std::string settings_text() const;
};

// The figures of every account, or of `account_id` only, computed now (no kept figures).
std::unordered_map<std::int64_t, AccountFigures> compute_account_figures(Database& db, const FiguresBasis& basis,
                                                                         std::optional<std::int64_t> account_id = {});

// What the cache keeps of one account: its figures as of the cache's day, for one version
// of the account, with what a later day needs to move them forward.
struct KeptFigures {
    std::int64_t version = 0;
    AccountFigures figures;
    HealthInputs inputs;
    std::optional<Date> arr_changes;  // the first day after the cache's on which the ARR may change
};

// The figures cache of one listing: the cache file outside the workspace, read whole, with
// the figures of earlier days moved forward to today. Never an error.
class FiguresCache {
public:
    // Within the listing's read transaction (what it moves forward is read from `db`).
    FiguresCache(Database& db, const FiguresBasis& basis);
    FiguresCache(const FiguresCache&) = delete;
    FiguresCache& operator=(const FiguresCache&) = delete;

    // For a listing's query over accounts aliased `a`: the join that gives the account's
    // version as v.version.
    static std::string join_sql();
    // The figures kept for today of the account on a row of that query, whose version is in
    // column `column`. None: the account is noted for compute_missing().
    std::optional<AccountFigures> read(const Statement& row, int column, std::int64_t account_id);

    // The figures of the accounts that read() found without, computed now, and the cache
    // written when anything in it changed (an account without a version, added with the
    // triggers away, is computed, not kept). `listed_all`: every account was read, so what
    // is kept of any other goes.
    std::unordered_map<std::int64_t, AccountFigures> compute_missing(bool listed_all);

private:
    // Moves every account's figures from the earlier day `from` to today.
    void move_to_today(Date from);

    struct Missing {
        std::int64_t account_id;
        std::optional<std::int64_t> version;
    };
    // An account's kept figures: its line of the cache's text, read as far as needed, until
    // they are moved or computed again.
    struct Kept {
        std::string_view line;
        std::unique_ptr<KeptFigures> parsed;
    };
    Database& db_;
    const FiguresBasis& basis_;
    std::optional<Database> writer_;
    std::string text_;  // the cache's text, which the lines are of
    std::unordered_map<std::int64_t, Kept> kept_;
    bool changed_ = false;
    std::vector<Missing> missing_;
    std::vector<std::int64_t> listed_;
    std::size_t listed_kept_ = 0;  // how many of listed_ are in kept_
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
    const std::unordered_set<std::int64_t>& touched_accounts() const { return accounts_; }
    void finish();

private:
    Database& db_;
    std::vector<DeferredSchema> triggers_;
    std::unordered_set<std::int64_t> accounts_;
};

// Sets account.arr (on `today`, in the base currency) and account.next_renewal.
void fill_account_figures(Database& db, Account& account, Date today, const FxRates& fx);

}  // namespace acm
