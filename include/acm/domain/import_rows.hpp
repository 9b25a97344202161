#pragma once
// What the row imports of feedback and usage share: account references resolved from
// one query instead of one per row, the "line N, column C:" error list of an
// all-or-nothing import, and progress reports for long imports.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "acm/core/date.hpp"
#include "acm/store/db.hpp"

namespace acm {

// Every account's key, id and name, loaded once; resolves as resolve_account does (the
// same syntax and choice: parse_account_reference, choose_account) but without a query
// per row.
class AccountIndex {
public:
    explicit AccountIndex(Database& db);
    // UsageError (a bad import cell): "no account X" or "account X is ambiguous".
    std::int64_t resolve(std::string_view reference, std::string_view label) const;

private:
    // Looked up by string_view without a copy of each row's cell (C++20 heterogeneous lookup).
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> by_key_;
    std::unordered_map<std::string, std::vector<std::int64_t>> by_name_;  // lowercase name
    std::unordered_map<std::int64_t, std::string> key_of_;
};

// An import is one transaction: its changed pages stay in the page cache until COMMIT.
// With SQLite's default 2 MB cache, a large import's pages spill to the WAL mid-transaction
// and are read back again and again; this raises the connection's cache to 128 MB, which
// SQLite takes only as pages are used. Only for imports: a reader streaming a million rows
// must stay in constant memory.
void use_import_page_cache(Database& db);

// Row errors of an import: the first 20 are kept, all are counted.
class ImportErrors {
public:
    void add(const std::string& message);
    bool empty() const { return count_ == 0; }
    // UsageError with one line per kept error and "nothing was imported".
    [[noreturn]] void raise() const;

private:
    std::vector<std::string> kept_;
    std::size_t count_ = 0;
};

// A date cell: any date form of parse_date, or a date with a time as survey tools and
// BI exports write it (2026-11-03T10:22:00, 2026-11-03 10:22), whose date part counts.
Date parse_import_date(std::string_view text, Date today, std::string_view label);

// Called with the number of rows read so far, every few thousand rows and at the end.
using ImportProgress = std::function<void(std::size_t rows, bool done)>;
inline constexpr std::size_t import_progress_every = 10000;

}  // namespace acm
