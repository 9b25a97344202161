// The figures of `account list`: computed from the definitions in arr.cpp and health.cpp,
// cached outside the workspace per account version, computed again where a write changed
// the version.
#include "acm/domain/account_figures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "acm/core/error.hpp"
#include "acm/domain/arr.hpp"
#include "acm/domain/escalation.hpp"
#include "acm/store/cache_file.hpp"
#include "acm/store/filter_sql.hpp"

namespace acm {

// The due date of each account's earliest open renewal (overdue ones included), for one
// account or all. CROSS JOIN makes SQLite go from contracts to their renewals: one
// account's few contracts (contracts_account), or every contract in id order, the renewals
// then read nearly in that order too. Going from the open renewals (renewals_open) it
// would look up their contracts at random, and a subquery per account read both tables
// at random (150,000 contracts: 175 -> 55 ms).
static std::unordered_map<std::int64_t, Date> next_renewals(Database& db, std::optional<std::int64_t> account_id) {
    auto stmt = db.prepare(
        "SELECT c.account_id, min(r.due) FROM contracts c CROSS JOIN renewals r ON r.contract_id = c.id "
        "WHERE r.outcome IS NULL AND " +
        match_if(account_id.has_value(), "c.account_id", 1) + " GROUP BY c.account_id");
    stmt.bind(1, account_id);
    std::unordered_map<std::int64_t, Date> due;
    while (stmt.step())
        if (auto date = parse_iso_date(stmt.text(1))) due.emplace(stmt.integer(0), *date);
    return due;
}

std::string FiguresBasis::text() const {
    const HealthSettings& h = health;
    std::string rates;
    for (const auto& [currency, nano] : fx.nano_rates) rates += fmt::format(" {}={}", currency, nano);
    return fmt::format(
        "{} health {}/{}/{}/{}/{} green {} yellow {} penalties {}/{}/{}/{} "
        "windows {}/{}/{}/{} fx {}{} day ends {}",
        format_date(today), h.weight_nps, h.weight_csat, h.weight_escalations, h.weight_usage, h.weight_engagement,
        h.green, h.yellow, h.penalties[0], h.penalties[1], h.penalties[2], h.penalties[3],
        format_duration(h.feedback_window), format_duration(h.usage_window), format_duration(h.engagement_full),
        format_duration(h.engagement_zero), fx.base, rates,
        // The local time zone decides which escalations were opened by the end of the day.
        format_timestamp_utc(end_of_day(today)));
}

std::unordered_map<std::int64_t, AccountFigures> compute_account_figures(Database& db, const FiguresBasis& basis,
                                                                         std::optional<std::int64_t> account_id) {
    auto arr = arr_sums_by_account(db, basis.today, account_id);
    auto inputs = load_health_inputs(db, basis.health, basis.today, account_id);
    auto renewals = next_renewals(db, account_id);
    auto stmt = db.prepare(fmt::format("SELECT a.id, (SELECT max(date) FROM notes n WHERE n.account_id = a.id) "
                                       "FROM {} WHERE {}",
                                       accounts_in_id_order, match_if(account_id.has_value(), "a.id", 1)));
    stmt.bind(1, account_id);
    std::unordered_map<std::int64_t, AccountFigures> result;
    const HealthInputs no_inputs;
    while (stmt.step()) {
        std::int64_t id = stmt.integer(0);
        AccountFigures& figures = result[id];
        auto sums = arr.find(id);
        try {
            figures.arr_minor = sums == arr.end() ? 0 : to_base(sums->second, basis.fx, "arr").minor;
        } catch (const RuntimeError& error) {
            const std::vector<Money>& amounts = sums->second;
            if (amounts.size() == 1 && !basis.fx.nano_rates.contains(amounts[0].currency)) {
                // All in one currency without a rate: shown as it is, with its code.
                figures.arr_minor = amounts[0].minor;
                figures.arr_currency = amounts[0].currency;
            } else {
                figures.arr_error = error.what();  // shown only if the account is listed
            }
        }
        if (auto due = renewals.find(id); due != renewals.end()) figures.next_renewal = due->second;
        if (auto touch = stmt.optional_text(1)) figures.last_touch = parse_iso_date(*touch);
        auto in = inputs.find(id);
        const HealthInputs& health_inputs = in == inputs.end() ? no_inputs : in->second;
        Health health = compute_health(health_inputs, basis.health, basis.today);
        figures.health = health.color;
        figures.health_score = health.score;
        for (int count : health_inputs.open_escalations) figures.open_escalations += count;
    }
    return result;
}

namespace {

// Past this many accounts without figures, one set-based computation of all of them is
// cheaper than a few queries per account.
constexpr std::size_t computed_one_by_one = 200;

std::unordered_map<std::int64_t, AccountFigures> compute_some(Database& db, const FiguresBasis& basis,
                                                              const std::vector<std::int64_t>& accounts) {
    if (accounts.size() > computed_one_by_one) return compute_account_figures(db, basis);
    std::unordered_map<std::int64_t, AccountFigures> result;
    for (std::int64_t id : accounts) result.merge(compute_account_figures(db, basis, id));
    return result;
}

// The cache's tables; "TEMP " makes the empty stand-ins used when there is no cache file.
std::string cache_schema(std::string_view temp) {
    return fmt::format(
        "CREATE {0}TABLE cached_figures (account_id INTEGER PRIMARY KEY, version INTEGER NOT NULL, "
        "arr_minor INTEGER, arr_currency TEXT, arr_error TEXT, next_renewal TEXT, last_touch TEXT, health TEXT NOT NULL, "
        "health_score REAL, open_escalations INTEGER NOT NULL); "
        "CREATE {0}TABLE cached_basis (id INTEGER PRIMARY KEY CHECK (id = 1), basis TEXT NOT NULL);",
        temp);
}
// Bumped whenever the cache's tables or what a figure means change: older caches are dropped.
constexpr int cache_version = 2;
constexpr std::string_view cache_schema_name = "figures_cache";
// Every column the listing reads: a file that lacks one is not the cache of this version.
constexpr const char* cache_probe =
    "SELECT account_id, version, arr_minor, arr_currency, arr_error, next_renewal, last_touch, health, "
    "health_score, open_escalations FROM cached_figures LIMIT 1; SELECT id, basis FROM cached_basis";

}  // namespace

FiguresCache::FiguresCache(Database& db, const FiguresBasis& basis)
    : db_(db),
      basis_(basis),
      // The version is in the name, so that acm releases with different caches do not
      // remake each other's on every listing.
      writer_(open_cache_file(cache_file_path(db.path(), fmt::format("figures-v{}", cache_version)), cache_version,
                              cache_schema("").c_str(), cache_probe)) {
    attached_ = writer_ && attach_cache_file(db_, writer_->path(), cache_schema_name);
    // Without a cache the listing's query is the same, over empty tables of this connection.
    if (!attached_) db_.exec(cache_schema("TEMP ").c_str());
}

FiguresCache::~FiguresCache() {
    if (attached_) {
        detach_cache_file(db_, cache_schema_name);
    } else {
        try {
            db_.exec("DROP TABLE temp.cached_figures; DROP TABLE temp.cached_basis;");
        } catch (const RuntimeError&) {
        }
    }
}

std::string FiguresCache::join_sql(int basis_parameter) {
    return fmt::format(
        " LEFT JOIN account_versions v ON v.account_id = a.id LEFT JOIN cached_figures f ON f.account_id = a.id "
        "AND f.version = v.version AND (SELECT basis FROM cached_basis) = ?{} ",
        basis_parameter);
}

std::string FiguresCache::columns_sql() {
    return "v.version, f.arr_minor, f.arr_error, f.next_renewal, f.last_touch, f.health, f.health_score, "
           "f.open_escalations, f.arr_currency";
}

std::optional<AccountFigures> FiguresCache::read(const Statement& row, int first,
                                                 std::optional<std::int64_t>& version) {
    version = row.optional_integer(first);
    ++first;
    if (row.is_null(first + 4)) return std::nullopt;  // health is NOT NULL in a cached row
    AccountFigures f;
    f.arr_minor = row.optional_integer(first);
    f.arr_error = row.optional_text(first + 1).value_or("");
    if (auto due = row.optional_text(first + 2)) f.next_renewal = parse_iso_date(*due);
    if (auto touch = row.optional_text(first + 3)) f.last_touch = parse_iso_date(*touch);
    f.health = row.text(first + 4);
    if (!row.is_null(first + 5)) f.health_score = row.real(first + 5);
    f.open_escalations = row.integer(first + 6);
    f.arr_currency = row.optional_text(first + 7).value_or("");
    return f;
}

std::unordered_map<std::int64_t, AccountFigures> FiguresCache::compute_and_keep(const std::vector<Missing>& missing) {
    if (missing.empty()) return {};
    std::vector<std::int64_t> ids;
    ids.reserve(missing.size());
    for (const auto& entry : missing) ids.push_back(entry.account_id);
    auto figures = compute_some(db_, basis_, ids);
    if (writer_) keep(figures, missing);
    return figures;
}

void FiguresCache::keep(const std::unordered_map<std::int64_t, AccountFigures>& figures,
                        const std::vector<Missing>& missing) {
    try {
        Database& cache = *writer_;
        Transaction tx(cache);
        std::string basis_text = basis_.text();
        auto kept = cache.prepare("SELECT basis FROM cached_basis");
        if (!kept.step() || kept.text(0) != basis_text) {
            // Figures of another day or configuration: all stale at once.
            cache.exec("DELETE FROM cached_figures");
            cache.prepare("INSERT OR REPLACE INTO cached_basis (id, basis) VALUES (1, ?)").bind(1, basis_text).run();
        }
        auto insert = cache.prepare(
            "INSERT OR REPLACE INTO cached_figures (account_id, version, arr_minor, arr_error, next_renewal, "
            "last_touch, health, health_score, open_escalations, arr_currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        auto date = [](const std::optional<Date>& day) {
            return day ? std::optional<std::string>(format_date(*day)) : std::nullopt;
        };
        // The listing's order is the key's; in account order each row goes at the end of the table.
        std::vector<Missing> ordered = missing;
        std::sort(ordered.begin(), ordered.end(),
                  [](const Missing& a, const Missing& b) { return a.account_id < b.account_id; });
        for (const auto& [id, version] : ordered) {
            auto found = figures.find(id);
            if (!version || found == figures.end()) continue;  // an account without a version is never cached
            const AccountFigures& f = found->second;
            insert.reset();
            insert
                .bind_all(id, *version, f.arr_minor,
                          f.arr_error.empty() ? std::nullopt : std::optional<std::string>(f.arr_error),
                          date(f.next_renewal), date(f.last_touch), f.health, f.health_score, f.open_escalations,
                          f.arr_currency.empty() ? std::nullopt : std::optional<std::string>(f.arr_currency))
                .run();
        }
        tx.commit();
    } catch (const RuntimeError&) {
        // Busy, full or read-only: the figures are shown all the same, only not kept.
    }
}

FiguresDeferred::FiguresDeferred(Database& db, std::initializer_list<std::string_view> tables) : db_(db) {
    std::vector<std::string> names(tables.begin(), tables.end());
    if (names.empty()) {
        auto with_triggers = db.prepare("SELECT DISTINCT tbl_name FROM sqlite_schema WHERE type = 'trigger'");
        while (with_triggers.step()) names.push_back(with_triggers.text(0));
    }
    triggers_.reserve(names.size());
    for (const auto& table : names) triggers_.emplace_back(db, table, DeferredSchema::Objects::triggers);
}

void FiguresDeferred::finish() {
    for (auto& triggers : triggers_) triggers.restore();
    auto bump = db_.prepare("UPDATE account_versions SET version = random() WHERE account_id = ?");
    for (std::int64_t id : accounts_) {
        bump.reset();
        bump.bind(1, id).run();
    }
    // Accounts added while the triggers were away get their first version.
    db_.exec(
        "INSERT INTO account_versions (account_id, version) SELECT id, random() FROM accounts "
        "WHERE id NOT IN (SELECT account_id FROM account_versions)");
}

void fill_account_figures(Database& db, Account& account, Date today, const FxRates& fx) {
    account.arr = account_arr(db, account.id, today, fx);
    auto renewals = next_renewals(db, account.id);
    if (auto due = renewals.find(account.id); due != renewals.end()) account.next_renewal = due->second;
}

}  // namespace acm
