#include "acm/domain/account.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account_figures.hpp"

namespace acm {

const std::vector<std::string>& account_statuses() {
    static const std::vector<std::string> values = {"prospect", "onboarding", "active", "at-risk", "churned"};
    return values;
}

AccountRules AccountRules::from(const Config& config) {
    return {config.strings("segments.allowed"), config.strings("tiers.allowed")};
}

const std::vector<std::string>& AccountRules::allowed(std::string_view field) const {
    static const std::vector<std::string> any;
    return field == "segment" ? segments : field == "tier" ? tiers : any;
}

std::string normalize_domain(std::string_view value, const std::string& label) {
    std::string domain = lowercase(value);
    if (auto scheme = domain.find("://"); scheme != std::string::npos) domain.erase(0, scheme + 3);
    domain = domain.substr(0, domain.find_first_of("/?#:"));
    if (domain.starts_with("www.")) domain.erase(0, 4);
    if (!domain.empty() && domain.back() == '.') domain.pop_back();
    // Labels of letters, digits and dashes, at least two of them: acme.com, acme.co.uk.
    bool valid = domain.find('.') != std::string::npos && domain.size() <= 253 && domain.front() != '.' &&
                 domain.find("..") == std::string::npos &&
                 std::all_of(domain.begin(), domain.end(), [](char c) {
                     return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
                 });
    if (!valid)
        throw UsageError(fmt::format("{} {} is not a web domain (expected e.g. acme.com or https://www.acme.com)",
                                     label, quote_value(value)));
    return domain;
}

std::string flag_label(std::string_view field) {
    std::string flag = "--" + std::string(field);
    std::replace(flag.begin(), flag.end(), '_', '-');  // one_time → --one-time
    return flag;
}

// Transliterations of common accented Latin letters (code point → ASCII) for keys.
static std::string_view transliterate(std::uint32_t code) {
    struct Entry {
        std::uint32_t from_code, to_code;
        std::string_view ascii;
    };
    static constexpr Entry table[] = {
        {0xc0, 0xc5, "a"}, {0xc6, 0xc6, "ae"}, {0xc7, 0xc7, "c"}, {0xc8, 0xcb, "e"}, {0xcc, 0xcf, "i"},
        {0xd0, 0xd0, "d"}, {0xd1, 0xd1, "n"},  {0xd2, 0xd6, "o"}, {0xd8, 0xd8, "o"}, {0xd9, 0xdc, "u"},
        {0xdd, 0xdd, "y"}, {0xdf, 0xdf, "ss"}, {0xe0, 0xe5, "a"}, {0xe6, 0xe6, "ae"}, {0xe7, 0xe7, "c"},
        {0xe8, 0xeb, "e"}, {0xec, 0xef, "i"},  {0xf0, 0xf0, "d"}, {0xf1, 0xf1, "n"},  {0xf2, 0xf6, "o"},
        {0xf8, 0xf8, "o"}, {0xf9, 0xfc, "u"},  {0xfd, 0xfd, "y"}, {0xff, 0xff, "y"},
    };
    for (const auto& entry : table)
        if (code >= entry.from_code && code <= entry.to_code) return entry.ascii;
    return {};
}

std::string slugify(std::string_view name) {
    std::string slug;
    bool pending_dash = false;
    auto append = [&](std::string_view text) {
        if (text.empty()) {
            pending_dash = true;
            return;
        }
        if (pending_dash && !slug.empty()) slug += '-';
        pending_dash = false;
        slug += text;
    };
    for (std::size_t i = 0; i < name.size(); ++i) {
        auto c = static_cast<unsigned char>(name[i]);
        if (std::isalnum(c) && c < 0x80) {
            char lower = static_cast<char>(std::tolower(c));
            append(std::string_view(&lower, 1));
        } else if (c == '\'') {
            // "O'Brien" → "obrien": an apostrophe joins, it does not separate.
        } else if ((c & 0xe0) == 0xc0 && i + 1 < name.size()) {
            std::uint32_t code = ((c & 0x1f) << 6) | (static_cast<unsigned char>(name[i + 1]) & 0x3f);
            append(transliterate(code));
            ++i;
        } else {
            append({});
        }
    }
    return slug;
}

static bool is_valid_key(std::string_view key) {
    if (key.empty() || key.size() > 64 || key.front() == '-' || key.back() == '-') return false;
    bool all_digits = std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
    return !all_digits && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

AccountFields validate_account_fields(const AccountFields& fields, const AccountRules& rules,
                                      const FieldLabel& label) {
    AccountFields result = fields;
    // Optional text fields: trimmed; an empty value clears the field.
    auto optional_text = [&](std::optional<std::string>& value, std::string_view field) {
        if (!value) return;
        if (trim(*value).empty())
            value = std::string();
        else
            value = checked_text(*value, label(field), 200);
    };
    if (result.name) result.name = checked_text(*result.name, label("name"), 200);
    if (result.key) {
        if (!is_valid_key(*result.key))
            throw UsageError(fmt::format("{} {} is not a valid key (expected lowercase letters, digits and dashes, "
                                         "not only digits, e.g. acme-corp)",
                                         label("key"), quote_value(*result.key)));
    }
    for (std::size_t i = 0; i < account_text_fields.size(); ++i) {
        const AccountTextField& field = account_text_fields[i];
        std::optional<std::string>& value = result.texts[i];
        optional_text(value, field.name);
        if (!value || value->empty()) continue;
        if (field.normalize) value = field.normalize(*value, label(field.name));
        if (const auto& allowed = rules.allowed(field.name); !allowed.empty())
            parse_choice(*value, allowed, label(field.name));
    }
    if (result.status) result.status = parse_choice(trim(*result.status), account_statuses(), label("status"));
    for (auto* tags : {&result.add_tags, &result.remove_tags})
        for (auto& tag : *tags) {
            tag = checked_text(tag, label("tag"), 100);
            // Tags are listed comma-separated, so a comma cannot be part of one.
            if (tag.find(',') != std::string::npos)
                throw UsageError(fmt::format("{} {} is not a valid tag (a tag cannot contain a comma)", label("tag"),
                                             quote_value(tag)));
        }
    return result;
}

static std::optional<std::string> non_empty(const std::optional<std::string>& value) {
    if (!value || value->empty()) return std::nullopt;
    return value;
}

std::optional<std::int64_t> find_account_by_key(Database& db, std::string_view key) {
    auto stmt = db.prepare("SELECT id FROM accounts WHERE key = ?");
    stmt.bind(1, key);
    if (stmt.step()) return stmt.integer(0);
    return std::nullopt;
}

// The closest keys to `reference`, for "did you mean" in errors.
static std::string suggestions(Database& db, std::string_view reference) {
    std::string wanted = lowercase(reference);
    std::vector<std::pair<std::size_t, std::string>> scored;
    auto stmt = db.prepare("SELECT key, name FROM accounts");
    while (stmt.step()) {
        std::string key = stmt.text(0);
        std::string name = lowercase(stmt.text(1));
        std::size_t distance = std::min(edit_distance(wanted, key), edit_distance(wanted, name));
        bool contains = !wanted.empty() && (key.find(wanted) != std::string::npos ||
                                            name.find(wanted) != std::string::npos);
        if (contains) distance = std::min<std::size_t>(distance, 1);
        if (distance <= std::max<std::size_t>(2, wanted.size() / 3)) scored.emplace_back(distance, key);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) keys.push_back(scored[i].second);
    return keys.empty() ? "see 'acm account list'" : "did you mean " + join_choices(keys) + "?";
}

AccountReference parse_account_reference(std::string_view reference) {
    AccountReference parsed;
    parsed.text = reference;
    if (reference.starts_with("id:")) {
        parsed.kind = AccountReference::Kind::id;
        parsed.text.remove_prefix(3);
    } else if (reference.starts_with("key:")) {
        parsed.kind = AccountReference::Kind::key;
        parsed.text.remove_prefix(4);
    }
    bool digits = !parsed.text.empty() && parsed.text.size() <= 18 &&
                  std::all_of(parsed.text.begin(), parsed.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && parsed.kind != AccountReference::Kind::key) parsed.id = std::stoll(std::string(parsed.text));
    return parsed;
}

bool account_needs_names(const AccountReference& reference, const AccountMatches& matches) {
    return reference.by_name() && (!matches.by_key || matches.by_id);
}

AccountChoice choose_account(std::string_view reference, const AccountReference& parsed,
                             const AccountMatches& matches) {
    if (parsed.kind == AccountReference::Kind::id) return {matches.by_id ? std::optional(matches.by_id->id) : std::nullopt, {}};
    if (parsed.kind == AccountReference::Kind::key) return {matches.by_key ? std::optional(matches.by_key->id) : std::nullopt, {}};
    // An id that is also another account's key or name: neither reading wins silently, as
    // an account added later would otherwise change what a script's reference means.
    if (matches.by_id) {
        std::vector<std::string> what, choices{"id:" + std::string(parsed.text)};
        if (matches.by_key && matches.by_key->id != matches.by_id->id) {
            what.push_back("the key of " + matches.by_key->key);
            choices.push_back("key:" + matches.by_key->key);
        }
        for (const auto& match : matches.by_name)
            if (match.id != matches.by_id->id) {
                what.push_back("the name of " + match.key);
                choices.push_back("key:" + match.key);
            }
        if (!what.empty())
            return {std::nullopt, fmt::format("account {} is ambiguous: it is the id of {} and {}; write {}",
                                              quote_value(reference), matches.by_id->key, join_words(what, "and"),
                                              join_choices(choices))};
    }
    if (matches.by_key) return {matches.by_key->id, {}};
    if (matches.by_id) return {matches.by_id->id, {}};
    if (matches.by_name.size() == 1) return {matches.by_name.front().id, {}};
    if (matches.by_name.size() > 1) {
        std::vector<std::string> keys;
        for (const auto& match : matches.by_name) keys.push_back(match.key);
        return {std::nullopt, fmt::format("account {} is ambiguous: it names {}; use a key", quote_value(reference),
                                          join_choices(keys))};
    }
    return {};
}

std::int64_t resolve_account(Database& db, std::string_view reference) {
    AccountReference parsed = parse_account_reference(reference);
    AccountMatches matches;
    auto find = [&](const char* sql, auto value) {
        std::vector<AccountMatch> found;
        auto stmt = db.prepare(sql);
        stmt.bind(1, value);
        while (stmt.step()) found.push_back({stmt.integer(0), stmt.text(1)});
        return found;
    };
    if (parsed.by_key())
        if (auto found = find("SELECT id, key FROM accounts WHERE key = ?", parsed.text); !found.empty())
            matches.by_key = found.front();
    if (parsed.id)
        if (auto found = find("SELECT id, key FROM accounts WHERE id = ?", *parsed.id); !found.empty())
            matches.by_id = found.front();
    if (account_needs_names(parsed, matches))
        matches.by_name = find("SELECT id, key FROM accounts WHERE name = ? COLLATE NOCASE ORDER BY key", parsed.text);
    AccountChoice choice = choose_account(reference, parsed, matches);
    if (choice.id) return *choice.id;
    if (!choice.ambiguous.empty()) throw RuntimeError(choice.ambiguous);
    throw RuntimeError(fmt::format("no account {} ({})", quote_value(reference), suggestions(db, parsed.text)));
}

static std::vector<std::string> load_tags(Database& db, std::int64_t id) {
    std::vector<std::string> tags;
    auto stmt = db.prepare("SELECT tag FROM account_tags WHERE account_id = ? ORDER BY tag");
    stmt.bind(1, id);
    while (stmt.step()) tags.push_back(stmt.text(0));
    return tags;
}

// The SELECT list of an account over accounts aliased `a` (read_account reads it), with
// `last_touch` as the SQL of its last touch; account_read_columns columns in all.
static std::string account_select_sql(std::string_view last_touch) {
    std::string sql = "a.id, a.key, a.name";
    for (const auto& field : account_text_fields) sql += fmt::format(", a.{}", field.name);
    return sql + fmt::format(", a.status, a.created_at, {}", last_touch);
}
static constexpr int account_read_columns = 3 + static_cast<int>(account_text_fields.size()) + 3;

static Account read_account(const Statement& stmt) {
    Account account;
    int column = 0;
    account.id = stmt.integer(column++);
    account.key = stmt.text(column++);
    account.name = stmt.text(column++);
    for (auto& text : account.texts) text = stmt.optional_text(column++);
    account.status = stmt.text(column++);
    account.created_at = parse_timestamp_utc(stmt.text(column++)).value_or(Timestamp{});
    if (auto touch = stmt.optional_text(column++)) account.last_touch = parse_iso_date(*touch);
    return account;
}

Account load_account(Database& db, std::int64_t id) {
    auto stmt = db.prepare("SELECT " + account_select_sql("(SELECT max(date) FROM notes WHERE account_id = a.id)") +
                           " FROM accounts a WHERE a.id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no account with id {}", id));
    Account account = read_account(stmt);
    account.tags = load_tags(db, id);
    return account;
}

static void add_tags(Database& db, std::int64_t id, const std::vector<std::string>& tags) {
    auto stmt = db.prepare("INSERT OR IGNORE INTO account_tags (account_id, tag) VALUES (?, ?)");
    for (const auto& tag : tags) {
        stmt.reset();
        stmt.bind_all(id, tag).run();
    }
}

static std::string join_tags(const std::vector<std::string>& tags) {
    std::string result;
    for (const auto& tag : tags) result += (result.empty() ? "" : ",") + tag;
    return result;
}

std::string add_account(Database& db, const Actor& actor, const AccountFields& fields) {
    std::string name = fields.name.value_or("");
    std::string key = fields.key ? *fields.key : slugify(name);
    if (!is_valid_key(key))
        throw UsageError(fmt::format("cannot derive a key from the name {}; give one with --key", quote_value(name)));
    if (find_account_by_key(db, key))
        throw RuntimeError(fmt::format("an account with key {} already exists; choose another with --key", key));
    std::string now = format_timestamp_utc(actor.now);
    std::string status = fields.status.value_or("active");
    std::string columns, parameters;
    for (const auto& field : account_text_fields) {
        columns += fmt::format(", {}", field.name);
        parameters += ", ?";
    }
    auto insert = db.prepare(fmt::format(
        "INSERT INTO accounts (key, name, status, created_at, updated_at{}) VALUES (?, ?, ?, ?, ?{})", columns,
        parameters));
    insert.bind_all(key, name, status, now, now);
    int parameter = 6;
    for (const auto& text : fields.texts) insert.bind(parameter++, non_empty(text));
    insert.run();
    std::int64_t id = db.last_insert_id();
    add_tags(db, id, fields.add_tags);
    Changes changes;
    changes.set("key", key).set("name", name);
    for (std::size_t i = 0; i < account_text_fields.size(); ++i)
        if (auto value = non_empty(fields.texts[i])) changes.set(account_text_fields[i].name, *value);
    changes.set("status", status);
    if (!fields.add_tags.empty()) changes.set("tags", join_tags(load_tags(db, id)));
    record_event(db, actor, {"account", key, id, "add"}, changes);
    return key;
}

// The account as `fields` leave it: the given fields in place, the tags added and removed
// (in the order the workspace lists them).
static Account edited_account(const Account& before, const AccountFields& fields) {
    Account after = before;
    if (fields.name) after.name = *fields.name;
    for (std::size_t i = 0; i < account_text_fields.size(); ++i)
        if (fields.texts[i]) after.texts[i] = non_empty(fields.texts[i]);
    if (fields.status) after.status = *fields.status;
    std::set<std::string> tags(before.tags.begin(), before.tags.end());
    tags.insert(fields.add_tags.begin(), fields.add_tags.end());
    for (const auto& tag : fields.remove_tags) tags.erase(tag);
    after.tags.assign(tags.begin(), tags.end());
    return after;
}

// What an edit records: each field that differs, from and to.
static Changes account_changes(const Account& before, const Account& after) {
    Changes changes;
    changes.change("name", before.name, after.name);
    for (std::size_t i = 0; i < account_text_fields.size(); ++i)
        changes.change(account_text_fields[i].name, before.texts[i], after.texts[i]);
    changes.change("status", before.status, after.status)
        .change("tags", join_tags(before.tags), join_tags(after.tags));
    return changes;
}

bool edit_changes_account(Database& db, std::int64_t id, const AccountFields& fields) {
    Account before = load_account(db, id);
    return !account_changes(before, edited_account(before, fields)).empty();
}

void edit_account(Database& db, const Actor& actor, std::int64_t id, const AccountFields& fields) {
    Account before = load_account(db, id);
    Account after = edited_account(before, fields);
    Changes changes = account_changes(before, after);
    // An edit that changes nothing writes nothing, not even updated_at: importing the
    // same export again with --upsert leaves the workspace as it was.
    if (changes.empty()) return;
    add_tags(db, id, fields.add_tags);
    auto remove = db.prepare("DELETE FROM account_tags WHERE account_id = ? AND tag = ?");
    for (const auto& tag : fields.remove_tags) {
        remove.reset();
        remove.bind_all(id, tag).run();
    }
    std::string assignments;
    for (const auto& field : account_text_fields) assignments += fmt::format(", {} = ?", field.name);
    auto update = db.prepare(
        fmt::format("UPDATE accounts SET name = ?, status = ?, updated_at = ?{} WHERE id = ?", assignments));
    update.bind_all(after.name, after.status, format_timestamp_utc(actor.now));
    int parameter = 4;
    for (const auto& text : after.texts) update.bind(parameter++, text);
    update.bind(parameter, id).run();
    record_event(db, actor, {"account", before.key, id, "edit"}, changes);
}

// Every kind of record that hangs off an account (each table with a foreign key to it,
// directly or through a contract, escalation or feedback entry): removing the account
// would lose them. Escalation updates are left out: they are each escalation's timeline,
// counted with it. Amendments are the ARR rows after a contract's first.
struct DependentKind {
    const char* singular;
    const char* plural;
    const char* rows_sql;  // the ids of the account ?1's rows
    bool with_ids;          // list the ids too, for the records people look up by id
};
static constexpr DependentKind dependent_kinds[] = {
    {"contract", "contracts", "SELECT id FROM contracts WHERE account_id = ?1", true},
    {"amendment", "amendments",
     "SELECT x.id FROM contract_arr x JOIN contracts c ON c.id = x.contract_id WHERE c.account_id = ?1 "
     "AND x.id > (SELECT min(y.id) FROM contract_arr y WHERE y.contract_id = x.contract_id)",
     false},
    {"renewal", "renewals",
     "SELECT r.id FROM renewals r JOIN contracts c ON c.id = r.contract_id WHERE c.account_id = ?1", false},
    {"renewal reminder", "renewal reminders",
     "SELECT m.renewal_id FROM renewal_reminders m JOIN renewals r ON r.id = m.renewal_id "
     "JOIN contracts c ON c.id = r.contract_id WHERE c.account_id = ?1",
     false},
    {"contact", "contacts", "SELECT id FROM contacts WHERE account_id = ?1", false},
    {"note", "notes", "SELECT id FROM notes WHERE account_id = ?1", false},
    {"escalation", "escalations", "SELECT id FROM escalations WHERE account_id = ?1", false},
    {"escalation action", "escalation actions",
     "SELECT x.id FROM escalation_actions x JOIN escalations e ON e.id = x.escalation_id WHERE e.account_id = ?1",
     false},
    {"feedback entry", "feedback entries", "SELECT id FROM feedback WHERE account_id = ?1", false},
    {"feedback follow-up", "feedback follow-ups",
     "SELECT x.id FROM feedback_follow_ups x JOIN feedback f ON f.id = x.feedback_id WHERE f.account_id = ?1", false},
    {"survey", "surveys", "SELECT id FROM surveys WHERE account_id = ?1", false},
    {"usage row", "usage rows", "SELECT id FROM usage WHERE account_id = ?1", false},
    {"opportunity", "opportunities", "SELECT id FROM opportunities WHERE account_id = ?1", false},
    {"milestone", "milestones", "SELECT id FROM milestones WHERE account_id = ?1", false},
    {"cost", "costs", "SELECT id FROM costs WHERE account_id = ?1", false},
    {"task", "tasks", "SELECT id FROM tasks WHERE account_id = ?1", true},
};

// "2 contracts (1, 4), 2 renewals and 3 notes": what the account has, with the ids of the
// kinds one acts on by id, the first ten of them. Empty when nothing is attached.
static std::string describe_dependents(Database& db, std::int64_t id) {
    std::vector<std::string> parts;
    for (const auto& kind : dependent_kinds) {
        auto stmt = db.prepare(fmt::format("{} ORDER BY 1", kind.rows_sql));
        stmt.bind(1, id);
        std::vector<std::string> ids;
        std::size_t count = 0;
        for (; stmt.step(); ++count)
            if (count < 10) ids.push_back(std::to_string(stmt.integer(0)));
        if (count == 0) continue;
        std::string part = fmt::format("{} {}", count, count == 1 ? kind.singular : kind.plural);
        if (kind.with_ids) part += fmt::format(" ({}{})", fmt::join(ids, ", "), count > 10 ? ", …" : "");
        parts.push_back(std::move(part));
    }
    return join_words(parts, "and");
}

std::string remove_account(Database& db, const Actor& actor, std::int64_t id, bool force) {
    Account account = load_account(db, id);
    std::string dependents = describe_dependents(db, id);
    if (!dependents.empty() && !force)
        throw RuntimeError(fmt::format("account {} has {}; use --force to remove it with all of them", account.key,
                                       dependents));
    // Every dependent table cascades from accounts (foreign keys are on for every connection).
    db.prepare("DELETE FROM accounts WHERE id = ?").bind(1, id).run();
    Changes changes;
    changes.set("key", account.key).set("name", account.name);
    if (!dependents.empty()) changes.set("removed_history", dependents);
    record_event(db, actor, {"account", account.key, id, "rm"}, changes);
    return dependents;
}

void follow_contracts(Database& db, const Actor& actor, std::int64_t account_id) {
    auto stmt = db.prepare(
        "SELECT a.key, a.status, EXISTS (SELECT 1 FROM contracts c WHERE c.account_id = a.id), "
        "EXISTS (SELECT 1 FROM contracts c JOIN renewals r ON r.contract_id = c.id WHERE c.account_id = a.id "
        "        AND r.outcome IS NULL AND c.terminated_on IS NULL) "
        "FROM accounts a WHERE a.id = ?");
    stmt.bind(1, account_id);
    if (!stmt.step()) return;
    std::string key = stmt.text(0), status = stmt.text(1);
    bool has_contracts = stmt.integer(2) != 0, running = stmt.integer(3) != 0;
    std::string follows = status;
    if (has_contracts && !running) follows = "churned";
    else if (status == "churned" && running) follows = "active";
    if (follows == status) return;
    db.prepare("UPDATE accounts SET status = ?, updated_at = ? WHERE id = ?")
        .bind_all(follows, format_timestamp_utc(actor.now), account_id)
        .run();
    Changes changes;
    changes.change("status", status, follows)
        .set("because", follows == "churned" ? "no contract runs on toward a renewal" : "a contract runs again");
    record_event(db, actor, {"account", key, account_id, "edit"}, changes);
}

namespace {

// What a listed account's row is made of: the account, and in `account list` its figures.
struct ListedAccount {
    Account account;
    const AccountFigures* figures = nullptr;  // null: not a listing
    std::string currency;                     // of the ARR shown
};

// A column of accounts: the column and its cell. `listing`: only `account list` has it.
struct AccountColumn {
    Column column;
    std::function<Cell(ListedAccount&)> cell;
    bool listing = false;
};

Cell optional_cell(std::optional<std::string>&& value) {
    if (!value) return std::monostate{};
    return std::move(*value);
}
template <class T>
Cell optional_cell(const std::optional<T>& value) {
    return value ? Cell{*value} : Cell{};
}

// Every column, in the order tables show them.
const std::vector<AccountColumn>& all_account_columns() {
    static const std::vector<AccountColumn> columns = [] {
        std::vector<AccountColumn> c;
        auto texts = [&](bool listed) {
            for (std::size_t i = 0; i < account_text_fields.size(); ++i)
                if (account_text_fields[i].listed == listed)
                    c.push_back({{std::string(account_text_fields[i].name), Kind::text, listed},
                                 [i](ListedAccount& a) { return optional_cell(std::move(a.account.texts[i])); }});
        };
        c.push_back({{"id", Kind::integer, false}, [](ListedAccount& a) { return Cell{a.account.id}; }});
        c.push_back({{"key", Kind::text}, [](ListedAccount& a) { return Cell{std::move(a.account.key)}; }});
        c.push_back({{.name = "name", .kind = Kind::text, .priority = 3}, [](ListedAccount& a) { return Cell{std::move(a.account.name)}; }});
        texts(true);
        c.push_back({{.name = "status", .kind = Kind::text, .fit = Fit::fixed, .priority = 1}, [](ListedAccount& a) { return Cell{std::move(a.account.status)}; }});
        c.push_back({{.name = "arr", .kind = Kind::money, .priority = 3}, [](ListedAccount& a) { return optional_cell(a.account.arr); }});
        // The ARR is in the base currency but where an account's contracts are all in a
        // currency without a rate: that one is shown unconverted, so the code goes beside it.
        c.push_back({{"arr_currency", Kind::text, false},
                     [](ListedAccount& a) { return a.account.arr ? Cell{a.currency} : Cell{}; },
                     true});
        c.push_back({{.name = "next_renewal", .kind = Kind::date, .priority = 2}, [](ListedAccount& a) { return optional_cell(a.account.next_renewal); }});
        texts(false);
        c.push_back({{"tags", Kind::list, false}, [](ListedAccount& a) { return text_list(a.account.tags); }});
        Column health{.name = "health", .kind = Kind::text, .priority = 3};
        health.colored = true;
        c.push_back({health, [](ListedAccount& a) { return Cell{a.figures->health}; }, true});
        c.push_back({{.name = "health_score", .kind = Kind::score, .priority = -1}, [](ListedAccount& a) { return optional_cell(a.figures->health_score); },
                     true});
        c.push_back({{"open_escalations", Kind::integer},
                     [](ListedAccount& a) { return Cell{a.figures->open_escalations}; }, true});
        c.push_back({{.name = "last_touch", .kind = Kind::date, .priority = 1}, [](ListedAccount& a) { return optional_cell(a.account.last_touch); }});
        c.push_back({{"created_at", Kind::timestamp, false}, [](ListedAccount& a) { return Cell{a.account.created_at}; }});
        return c;
    }();
    return columns;
}

std::vector<Column> columns_of(bool listing) {
    std::vector<Column> columns;
    for (const auto& column : all_account_columns())
        if (listing || !column.listing) columns.push_back(column.column);
    return columns;
}

Row row_of(ListedAccount&& listed) {
    bool listing = listed.figures != nullptr;
    Row row;
    row.reserve(all_account_columns().size());
    for (const auto& column : all_account_columns())
        if (listing || !column.listing) row.push_back(column.cell(listed));
    return row;
}

}  // namespace

std::vector<Column> account_columns() { return columns_of(false); }

Row account_row(Account account) { return row_of({std::move(account), nullptr, {}}); }

std::vector<Column> account_list_columns() { return columns_of(true); }

Row account_list_row(Account account, const AccountFigures& figures, const std::string& base_currency,
                     const Warn& warn) {
    std::string currency = figures.arr_currency.empty() ? base_currency : figures.arr_currency;
    if (figures.arr_error.empty())
        account.arr = Money{figures.arr_minor.value_or(0), currency};
    else
        warn(fmt::format("account {}: ARR not shown: {}", account.key, figures.arr_error));
    account.next_renewal = figures.next_renewal;
    account.last_touch = figures.last_touch;
    return row_of({std::move(account), &figures, std::move(currency)});
}

void for_each_account(Database& db, const AccountFilter& filter, const FiguresBasis& basis,
                      const std::function<void(Row&&)>& emit, const Warn& warn) {
    // One query for the whole set (no per-account round trips); the filters are fixed SQL
    // whose values are bound, a NULL parameter meaning "no filter".
    std::string sql =
        "SELECT " + account_select_sql("NULL") +  // the last touch comes with the figures
        ", v.version FROM accounts a" + FiguresCache::join_sql() +
        "WHERE (?1 IS NULL OR a.owner = ?1 COLLATE NOCASE) AND (?2 IS NULL OR a.segment = ?2 COLLATE NOCASE) "
        "AND (?3 IS NULL OR a.tier = ?3) AND (?4 IS NULL OR a.status = ?4) "
        "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM contracts c CROSS JOIN renewals r ON r.contract_id = c.id "
        "WHERE c.account_id = a.id AND r.outcome IS NULL AND r.due BETWEEN ?6 AND ?5))";
    constexpr int first_tag = 7, version_column = account_read_columns;
    for (std::size_t i = 0; i < filter.tags.size(); ++i)
        sql += fmt::format(" AND EXISTS (SELECT 1 FROM account_tags t WHERE t.account_id = a.id AND t.tag = ?{})",
                           i + first_tag);
    sql += " ORDER BY a.key";
    // One snapshot for the listing and the figures computed for it.
    Transaction snapshot(db, Transaction::Lock::read);
    FiguresCache cache(db, basis);
    auto stmt = db.prepare(sql);
    std::optional<std::string> renewing_by;
    if (filter.renewing_by) renewing_by = format_date(*filter.renewing_by);
    stmt.bind_all(filter.owner, filter.segment, filter.tier, filter.status, renewing_by, format_date(basis.today));
    for (std::size_t i = 0; i < filter.tags.size(); ++i) stmt.bind(static_cast<int>(i + first_tag), filter.tags[i]);
    auto print = [&](Account&& account, const AccountFigures& figures) {
        if (filter.health && figures.health != *filter.health) return;
        emit(account_list_row(std::move(account), figures, basis.fx.base, warn));
    };
    // Every account's tags in one pass, not a subquery per listed account.
    std::unordered_map<std::int64_t, std::vector<std::string>> tags;
    auto tag_rows = db.prepare("SELECT account_id, tag FROM account_tags ORDER BY account_id, tag");
    while (tag_rows.step()) tags[tag_rows.integer(0)].push_back(tag_rows.text(1));
    // Rows stream out while their figures are kept. From the first without, rows wait, so
    // that those missing are computed together (and kept) once all are known.
    std::vector<std::pair<Account, std::optional<AccountFigures>>> waiting;
    while (stmt.step()) {
        Account account = read_account(stmt);
        if (auto found = tags.find(account.id); found != tags.end()) account.tags = std::move(found->second);
        auto figures = cache.read(stmt, version_column, account.id);
        if (figures && waiting.empty()) {
            print(std::move(account), *figures);
            continue;
        }
        waiting.emplace_back(std::move(account), std::move(figures));
    }
    bool listed_all = !filter.owner && !filter.segment && !filter.tier && !filter.status && !filter.renewing_by &&
                      filter.tags.empty();
    auto computed = cache.compute_missing(listed_all);
    for (auto& [account, kept] : waiting) {
        auto found = kept ? computed.end() : computed.find(account.id);
        if (!kept && found == computed.end()) continue;  // removed by another process meanwhile
        print(std::move(account), kept ? *kept : found->second);
    }
}

}  // namespace acm
