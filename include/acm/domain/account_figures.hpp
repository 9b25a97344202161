#pragma once
// What `account list` shows of an account beyond its own fields, as of one day: ARR, the
// next renewal, the last touch, the health score and the open escalations. Computed from
// the one definition of each (arr.hpp, health.hpp, next renewal here) and kept in the
// workspace (table account_figures, schema 6): the schema's triggers delete an account's
// row when something it is computed from changes, and a listing computes only what is
// missing. Listing 10,000 accounts: about 250 ms computed, 30-45 ms kept.
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
    std::optional<std::int64_t> arr_minor;  // ARR in the base currency; empty when arr_error is set
    std::string arr_error;                  // why ARR could not be converted (a currency without a rate)
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

// Kept figures in a listing's query over accounts aliased `a`: a LEFT JOIN (NULL columns
// for an account without figures of this basis) with the basis text bound as parameter
// `basis_parameter`, its columns for the SELECT list, and the figures read from a row whose
// columns from `first_column` are those (empty: none kept).
std::string kept_figures_join_sql(int basis_parameter);
std::string kept_figures_columns_sql();
std::optional<AccountFigures> read_kept_figures(const Statement& row, int first_column);

// The figures of `accounts`, which a listing found without kept figures: computed, and kept
// in the same write transaction (so that no write of another process comes in between).
// When the write lock is taken right now (an import running) or the write fails (a full
// disk), they are computed all the same and only not kept.
std::unordered_map<std::int64_t, AccountFigures> compute_and_keep_figures(Database& db, const FiguresBasis& basis,
                                                                          const std::vector<std::int64_t>& accounts);

// account list (in account.cpp, beside the other account queries): the account columns
// with health, health_score and open_escalations before last_touch, and a row of them
// (RuntimeError: figures.arr_error).
std::vector<Column> account_list_columns();
Row account_list_row(Account account, const AccountFigures& figures, const std::string& base_currency);
// Accounts by key with their figures as of basis.today: the kept ones, and those missing
// computed (and kept).
void for_each_account(Database& db, const AccountFilter& filter, const FiguresBasis& basis,
                      const std::function<void(Row&&)>& emit);

// For an import, in its transaction: the triggers that delete kept figures are dropped from
// `tables` (each runs a statement per row: 0.6 s of a 200,000-row usage import; no tables:
// from every table, for a whole workspace), and finish() puts them back and deletes the
// kept figures of the accounts noted as touched.
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
