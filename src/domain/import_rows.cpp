#include "acm/domain/import_rows.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"

namespace acm {

AccountIndex::AccountIndex(Database& db) {
    struct Account {
        std::int64_t id;
        std::string key, name;
    };
    std::vector<Account> accounts;
    auto stmt = db.prepare("SELECT id, key, name FROM accounts");
    while (stmt.step()) accounts.push_back({stmt.integer(0), stmt.text(1), stmt.text(2)});
    // The keys first and on their own: every row of an import looks one up, and their
    // nodes side by side stay in the cache better than interleaved with the other maps'.
    by_key_.reserve(accounts.size());
    for (const auto& account : accounts) by_key_[account.key] = account.id;
    for (const auto& account : accounts) {
        by_name_[lowercase(account.name)].push_back(account.id);
        key_of_[account.id] = account.key;
    }
}

std::int64_t AccountIndex::resolve(std::string_view reference, std::string_view label) const {
    // A key as written, the common case of a large import, without a copy of the cell. A key
    // is never only digits, so it cannot also be an id (an ambiguity to report).
    if (auto it = by_key_.find(reference); it != by_key_.end()) return it->second;
    std::string text = trim(reference);
    AccountReference parsed = parse_account_reference(text);
    AccountMatches matches;
    auto match = [&](std::int64_t id) { return AccountMatch{id, key_of_.at(id)}; };
    if (parsed.by_key())
        if (auto it = by_key_.find(parsed.text); it != by_key_.end()) matches.by_key = match(it->second);
    if (parsed.id)
        if (auto it = key_of_.find(*parsed.id); it != key_of_.end()) matches.by_id = match(it->first);
    if (account_needs_names(parsed, matches))
        if (auto it = by_name_.find(lowercase(parsed.text)); it != by_name_.end()) {
            for (auto id : it->second) matches.by_name.push_back(match(id));
            std::sort(matches.by_name.begin(), matches.by_name.end(),
                      [](const auto& a, const auto& b) { return a.key < b.key; });
        }
    AccountChoice choice = choose_account(text, parsed, matches);
    if (choice.id) return *choice.id;
    if (!choice.ambiguous.empty()) throw UsageError(fmt::format("{} {}", label, choice.ambiguous));
    throw UsageError(fmt::format("{} no account {} (see 'acm account list')", label, quote_value(text)));
}

Date parse_import_date(std::string_view text, Date today, std::string_view label) {
    std::string value = trim(text);
    if (value.size() > 10 && (value[10] == 'T' || value[10] == ' ')) {
        parse_timestamp(value, today, label);  // validates the time; the date as written counts
        value.resize(10);
    }
    return parse_date(value, today, label);
}

void use_import_page_cache(Database& db) { db.exec("PRAGMA cache_size = -131072"); }  // KiB

void ImportErrors::add(const std::string& message) {
    if (kept_.size() < 20) kept_.push_back(message);
    ++count_;
}

void ImportErrors::raise() const {
    std::string message;
    for (const auto& error : kept_) message += error + "\n";
    if (count_ > kept_.size())
        message += fmt::format("… and {} more errors; nothing was imported\n", count_ - kept_.size());
    else
        message += "nothing was imported\n";
    throw UsageError(message);
}

}  // namespace acm
