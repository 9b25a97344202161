// The figures of `account list`: computed from the definitions in arr.cpp and health.cpp,
// cached outside the workspace per account version, computed again where a write changed
// the version.
#include "acm/domain/account_figures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <unordered_set>
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
// at random, several times slower.
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

// The numbers that turn inputs into a score.
static std::string scoring_text(const HealthSettings& h) {
    return fmt::format("{}/{}/{}/{}/{} green {} yellow {} penalties {}/{}/{}/{}", h.weight_nps, h.weight_csat,
                       h.weight_escalations, h.weight_usage, h.weight_engagement, h.green, h.yellow, h.penalties[0],
                       h.penalties[1], h.penalties[2], h.penalties[3]);
}

std::string FiguresBasis::settings_text() const {
    const HealthSettings& h = health;
    std::string rates;
    for (const auto& [currency, nano] : fx.nano_rates) rates += fmt::format(" {}={}", currency, nano);
    // Each profile in order, with whom it matches: a profile added, moved or changed scores
    // some accounts differently.
    std::string profiles;
    for (const auto& p : h.profiles)
        profiles += fmt::format(" profile {} segments {} statuses {} {}", p.settings.profile, fmt::join(p.segments, ","),
                                fmt::join(p.statuses, ","), scoring_text(p.settings));
    return fmt::format("health {} windows {}/{}/{}/{}{} fx {}{}", scoring_text(h), format_duration(h.feedback_window),
                       format_duration(h.usage_window), format_duration(h.engagement_full),
                       format_duration(h.engagement_zero), profiles, fx.base, rates);
}

namespace {

// When `day` ends, in UTC: the local time zone decides which escalations were opened by
// the end of the day, so figures kept in another time zone are not moved forward.
std::string day_ends(Date day) { return format_timestamp_utc(end_of_day(day)); }

// ARR from an account's sums per currency on the day (none: no active contract).
void set_arr(AccountFigures& figures, const std::vector<Money>* sums, const FxRates& fx) {
    figures.arr_minor.reset();
    figures.arr_currency.clear();
    figures.arr_error.clear();
    try {
        figures.arr_minor = sums ? to_base(*sums, fx, "arr").minor : 0;
    } catch (const RuntimeError& error) {
        if (sums->size() == 1 && !fx.nano_rates.contains((*sums)[0].currency)) {
            // All in one currency without a rate: shown as it is, with its code.
            figures.arr_minor = (*sums)[0].minor;
            figures.arr_currency = (*sums)[0].currency;
        } else {
            figures.arr_error = error.what();  // shown only if the account is listed
        }
    }
}

void set_health(AccountFigures& figures, const HealthInputs& inputs, const HealthSettings& settings, Date today) {
    Health health = compute_health(inputs, settings, today, false);
    figures.health = health.color;
    figures.health_score = health.score;
    figures.open_escalations = 0;
    for (int count : inputs.open_escalations) figures.open_escalations += count;
}

template <class Map>
auto* find_in(Map& map, std::int64_t id) {
    auto found = map.find(id);
    return found == map.end() ? nullptr : &found->second;
}

using KeptMap = std::unordered_map<std::int64_t, KeptFigures>;

// The figures of every account, or of `account_id` only, as of basis.today (no version).
KeptMap compute_from_scratch(Database& db, const FiguresBasis& basis, std::optional<std::int64_t> account_id) {
    auto arr = arr_sums_by_account(db, basis.today, account_id);
    auto arr_changes = arr_changes_after(db, basis.today, account_id);
    auto inputs = load_health_inputs(db, basis.health, basis.today, account_id);
    auto renewals = next_renewals(db, account_id);
    AccountHealthSettings scoring(db, basis.health, account_id);
    auto stmt = db.prepare(fmt::format("SELECT a.id, (SELECT max(date) FROM notes n WHERE n.account_id = a.id) "
                                       "FROM {} WHERE {}",
                                       accounts_in_id_order, match_if(account_id.has_value(), "a.id", 1)));
    stmt.bind(1, account_id);
    KeptMap result;
    while (stmt.step()) {
        std::int64_t id = stmt.integer(0);
        KeptFigures& kept = result[id];
        set_arr(kept.figures, find_in(arr, id), basis.fx);
        if (auto* change = find_in(arr_changes, id)) kept.arr_changes = *change;
        if (auto* due = find_in(renewals, id)) kept.figures.next_renewal = *due;
        if (auto touch = stmt.optional_text(1)) kept.figures.last_touch = parse_iso_date(*touch);
        if (auto* in = find_in(inputs, id)) kept.inputs = std::move(*in);
        set_health(kept.figures, kept.inputs, scoring.of(id), basis.today);
    }
    return result;
}

// Past this many accounts, one set-based computation of all of them is cheaper than a few
// queries per account.
constexpr std::size_t computed_one_by_one = 200;

KeptMap compute_some(Database& db, const FiguresBasis& basis, const std::vector<std::int64_t>& accounts) {
    if (accounts.size() > computed_one_by_one) return compute_from_scratch(db, basis, std::nullopt);
    KeptMap result;
    for (std::int64_t id : accounts) result.merge(compute_from_scratch(db, basis, id));
    return result;
}

// Moves kept figures, as of `from`, to basis.today (a later day): the health inputs by the
// rows the windows' move lets in or out, the ARR of the accounts whose next ARR change
// came, and every health score (the last touch ages).
void advance(Database& db, const FiguresBasis& basis, Date from,
             const std::unordered_map<std::int64_t, KeptFigures*>& kept) {
    std::unordered_map<std::int64_t, HealthInputs*> inputs;
    inputs.reserve(kept.size());
    std::vector<std::int64_t> arr_due;
    for (const auto& [id, entry] : kept) {
        inputs.emplace(id, &entry->inputs);
        if (entry->arr_changes && *entry->arr_changes <= basis.today) arr_due.push_back(id);
    }
    advance_health_inputs(db, basis.health, from, basis.today, inputs);
    auto set_arr_of = [&](std::int64_t id, const auto& sums, const auto& changes) {
        KeptFigures& entry = *kept.at(id);
        set_arr(entry.figures, find_in(sums, id), basis.fx);
        auto* change = find_in(changes, id);
        entry.arr_changes = change ? std::optional<Date>(*change) : std::nullopt;
    };
    if (arr_due.size() > computed_one_by_one) {
        auto sums = arr_sums_by_account(db, basis.today);
        auto changes = arr_changes_after(db, basis.today);
        for (std::int64_t id : arr_due) set_arr_of(id, sums, changes);
    } else {
        for (std::int64_t id : arr_due)
            set_arr_of(id, arr_sums_by_account(db, basis.today, id), arr_changes_after(db, basis.today, id));
    }
    AccountHealthSettings scoring(db, basis.health);
    for (const auto& [id, entry] : kept) set_health(entry->figures, entry->inputs, scoring.of(id), basis.today);
}

// The cache file: one row with the settings, the day every account's figures were last
// moved to, and the kept figures of every account as text that a person can read (see
// below). One value, read and written whole: a listing that moves every account to a new
// day writes them all, and a listing of the same day reads each account's line only as far
// as its figures.
constexpr std::string_view cache_schema =
    "CREATE TABLE cached_figures (id INTEGER PRIMARY KEY CHECK (id = 1), basis TEXT NOT NULL, day TEXT NOT NULL, "
    "day_ends TEXT NOT NULL, figures TEXT NOT NULL)";
// typeof: the probe checks that the column is there without reading its value.
constexpr std::string_view cache_probe =
    "SELECT id, basis, day, day_ends, typeof(figures) FROM cached_figures LIMIT 1";
// Bumped whenever the cache's tables or what a figure means change: older caches are dropped.
constexpr int cache_version = 3;

// Every field kept of an account, in the order of the text: the one list from which the
// header, the writer and the reader are made. The version and the figures come first: a
// listing of the day reads those only (listing_fields).
template <class Kept, class Visit>
void for_each_field(Kept& k, Visit&& visit) {
    visit("version", k.version);
    visit("arr_minor", k.figures.arr_minor);
    visit("arr_currency", k.figures.arr_currency);
    visit("arr_error", k.figures.arr_error);
    visit("next_renewal", k.figures.next_renewal);
    visit("last_touch", k.figures.last_touch);
    visit("health", k.figures.health);
    visit("health_score", k.figures.health_score);
    visit("open_escalations", k.figures.open_escalations);
    visit("arr_changes", k.arr_changes);
    visit("nps", k.inputs.latest_nps);
    visit("nps_date", k.inputs.latest_nps_date);
    visit("nps_id", k.inputs.latest_nps_id);
    visit("csat_sum", k.inputs.csat_sum);
    visit("csat_answers", k.inputs.csat_answers);
    visit("escalated", k.inputs.has_escalations);
    visit("open_critical", k.inputs.open_escalations[0]);
    visit("open_high", k.inputs.open_escalations[1]);
    visit("open_medium", k.inputs.open_escalations[2]);
    visit("open_low", k.inputs.open_escalations[3]);
    visit("usage_previous_sum", k.inputs.usage_windows[0].sum);
    visit("usage_previous_rows", k.inputs.usage_windows[0].rows);
    visit("usage_recent_sum", k.inputs.usage_windows[1].sum);
    visit("usage_recent_rows", k.inputs.usage_windows[1].rows);
    visit("touched", k.inputs.last_touch);
}

// The text: a header line of the field names after account_id, then a line per account,
// its fields separated by tabs; an empty field is no value; in text, \, tab and newline are
// written \\, \t and \n. Doubles in their shortest form that reads back the same.
const std::string& kept_header() {
    static const std::string header = [] {
        std::string names = "account_id";
        KeptFigures k;
        for_each_field(k, [&](const char* name, const auto&) { names += fmt::format("\t{}", name); });
        return names;
    }();
    return header;
}

template <class Number>
void put_number(std::string& out, Number value) {
    char text[32];
    auto end = std::to_chars(text, text + sizeof text, value).ptr;  // doubles: the shortest exact form
    out.append(text, end);
}
void put(std::string& out, std::int64_t value) { put_number(out, value); }
void put(std::string& out, int value) { put_number(out, value); }
void put(std::string& out, bool value) { out += value ? '1' : '0'; }
void put(std::string& out, double value) { put_number(out, value); }
void put(std::string& out, Date value) { out += format_date(value); }
void put(std::string& out, const std::string& value) {
    if (value.find_first_of("\\\t\n") == std::string::npos) {
        out += value;
        return;
    }
    for (char c : value) {
        if (c == '\\') out += "\\\\";
        else if (c == '\t') out += "\\t";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
}
template <class T>
void put(std::string& out, const std::optional<T>& value) {
    if (value) put(out, *value);
}

bool get(std::string_view cell, std::int64_t& value) {
    auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    return error == std::errc() && end == cell.data() + cell.size();
}
bool get(std::string_view cell, int& value) {
    std::int64_t wide = 0;
    if (!get(cell, wide) || wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
        return false;
    value = static_cast<int>(wide);
    return true;
}
bool get(std::string_view cell, bool& value) {
    value = cell == "1";
    return cell == "0" || cell == "1";
}
bool get(std::string_view cell, double& value) {
    auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    return error == std::errc() && end == cell.data() + cell.size() && std::isfinite(value);
}
bool get(std::string_view cell, Date& value) {
    auto date = parse_iso_date(cell);
    if (date) value = *date;
    return date.has_value();
}
bool get(std::string_view cell, std::string& value) {
    if (cell.find('\\') == std::string_view::npos) {
        value = cell;
        return true;
    }
    value.clear();
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] != '\\') {
            value += cell[i];
            continue;
        }
        if (++i == cell.size()) return false;
        char c = cell[i];
        if (c != '\\' && c != 't' && c != 'n') return false;
        value += c == 't' ? '\t' : c == 'n' ? '\n' : '\\';
    }
    return true;
}
template <class T>
bool get(std::string_view cell, std::optional<T>& value) {
    value.reset();
    if (cell.empty()) return true;
    T inner{};
    if (!get(cell, inner)) return false;
    value = std::move(inner);
    return true;
}

std::size_t kept_field_count() {
    static const std::size_t count = std::count(kept_header().begin(), kept_header().end(), '\t');
    return count;
}
// The version and the figures, up to open_escalations.
const std::size_t listing_fields = [] {
    std::size_t count = 0, last = 0;
    KeptFigures k;
    for_each_field(k, [&](const char* name, const auto&) {
        ++count;
        if (std::string_view(name) == "open_escalations") last = count;
    });
    return last;
}();

// Reads the first `count` fields of an account's line (after its id) into `entry`; false
// when they cannot be read (and, when all are read, when the line has more).
bool read_fields(std::string_view line, KeptFigures& entry, std::size_t count) {
    std::size_t field = 0;
    bool read = true;
    for_each_field(entry, [&](const char*, auto& value) {
        if (!read || field++ >= count) return;
        auto end = line.find('\t');
        read = get(line.substr(0, end), value) && (end != std::string_view::npos) == (field < kept_field_count());
        line = end == std::string_view::npos ? std::string_view() : line.substr(end + 1);
    });
    if (read && field <= count) entry.inputs.set_means();  // every field read
    return read;
}

void write_fields(std::string& text, const KeptFigures& entry) {
    bool first = true;
    for_each_field(entry, [&](const char*, const auto& value) {
        if (!first) text += '\t';
        first = false;
        put(text, value);
    });
}

}  // namespace

std::unordered_map<std::int64_t, AccountFigures> compute_account_figures(Database& db, const FiguresBasis& basis,
                                                                         std::optional<std::int64_t> account_id) {
    std::unordered_map<std::int64_t, AccountFigures> figures;
    for (auto& [id, kept] : compute_from_scratch(db, basis, account_id)) figures.emplace(id, std::move(kept.figures));
    return figures;
}

FiguresCache::FiguresCache(Database& db, const FiguresBasis& basis)
    : db_(db),
      basis_(basis),
      // The version is in the name, so that acm releases with different caches do not
      // remake each other's on every listing.
      writer_(open_cache_file(cache_file_path(db.path(), fmt::format("figures-v{}", cache_version)), cache_version,
                              std::string(cache_schema).c_str(), std::string(cache_probe).c_str())) {
    if (!writer_) return;
    std::optional<Date> kept_day;
    try {
        auto row = writer_->prepare("SELECT basis, day, day_ends, figures FROM cached_figures WHERE id = 1");
        if (!row.step() || row.text(0) != basis.settings_text()) return;
        // Figures of today, or of an earlier day when it ended as it does in this time zone
        // (which decides what escalations were opened by then); not of a later day.
        kept_day = parse_iso_date(row.text(1));
        if (!kept_day || *kept_day > basis.today || row.text(2) != day_ends(*kept_day)) return;
        text_ = row.text(3);
    } catch (const RuntimeError&) {
        return;  // a cache that cannot be read is no cache
    }
    // A line per account: its id, a tab, its fields.
    std::string_view text = text_;
    auto next_line = [&]() {
        auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        return line;
    };
    if (next_line() != kept_header()) return;
    kept_.reserve(std::count(text.begin(), text.end(), '\n') + 1);
    while (!text.empty()) {
        std::string_view line = next_line();
        auto tab = line.find('\t');
        std::int64_t id = 0;
        if (tab == std::string_view::npos || !get(line.substr(0, tab), id)) continue;
        kept_[id].line = line.substr(tab + 1);
    }
    if (*kept_day < basis.today) move_to_today(*kept_day);
}

void FiguresCache::move_to_today(Date from) {
    std::unordered_map<std::int64_t, KeptFigures*> entries;
    entries.reserve(kept_.size());
    for (auto account = kept_.begin(); account != kept_.end();) {
        auto& [id, kept] = *account;
        kept.parsed = std::make_unique<KeptFigures>();
        if (!read_fields(kept.line, *kept.parsed, std::numeric_limits<std::size_t>::max())) {
            account = kept_.erase(account);  // a line that cannot be read: computed again
            continue;
        }
        entries.emplace(id, kept.parsed.get());
        ++account;
    }
    advance(db_, basis_, from, entries);
    changed_ = true;
}

std::string FiguresCache::join_sql() { return " LEFT JOIN account_versions v ON v.account_id = a.id "; }

std::optional<AccountFigures> FiguresCache::read(const Statement& row, int column, std::int64_t account_id) {
    listed_.push_back(account_id);
    auto version = row.optional_integer(column);
    auto* kept = find_in(kept_, account_id);
    if (kept) ++listed_kept_;
    if (kept && version) {
        KeptFigures read;
        const KeptFigures* entry = kept->parsed.get();
        if (!entry && read_fields(kept->line, read, listing_fields)) entry = &read;
        if (entry && entry->version == *version) return entry->figures;
    }
    missing_.push_back({account_id, version});
    return std::nullopt;
}

std::unordered_map<std::int64_t, AccountFigures> FiguresCache::compute_missing(bool listed_all) {
    std::vector<std::int64_t> ids;
    ids.reserve(missing_.size());
    for (const auto& [id, version] : missing_) ids.push_back(id);
    auto computed = compute_some(db_, basis_, ids);
    std::unordered_map<std::int64_t, AccountFigures> figures;
    for (const auto& [id, version] : missing_) {
        auto* entry = find_in(computed, id);
        if (!entry) continue;  // removed by another process meanwhile
        figures.emplace(id, entry->figures);
        if (!version) continue;  // an account without a version is never kept
        entry->version = *version;
        kept_[id].parsed = std::make_unique<KeptFigures>(std::move(*entry));
        changed_ = true;
    }
    if (listed_all && listed_kept_ < kept_.size()) {
        // Every account was listed: what is kept of others is of accounts removed since.
        std::unordered_set<std::int64_t> listed(listed_.begin(), listed_.end());
        changed_ = std::erase_if(kept_, [&](const auto& entry) { return !listed.contains(entry.first); }) > 0 ||
                   changed_;
    }
    if (changed_ && writer_) {
        std::vector<std::int64_t> kept_ids;
        kept_ids.reserve(kept_.size());
        for (const auto& [id, kept] : kept_) kept_ids.push_back(id);
        std::sort(kept_ids.begin(), kept_ids.end());
        std::string text = kept_header();
        for (std::int64_t id : kept_ids) {
            const Kept& kept = kept_.at(id);
            text += '\n';
            put(text, id);
            text += '\t';
            if (kept.parsed) write_fields(text, *kept.parsed);
            else text += kept.line;
        }
        try {
            writer_
                ->prepare("INSERT OR REPLACE INTO cached_figures (id, basis, day, day_ends, figures) "
                          "VALUES (1, ?, ?, ?, ?)")
                .bind_all(basis_.settings_text(), format_date(basis_.today), day_ends(basis_.today))
                .bind_unowned(4, text)
                .run();
        } catch (const RuntimeError&) {
            // Busy, full or read-only: the figures are shown all the same, only not kept.
        }
    }
    return figures;
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
