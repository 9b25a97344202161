#pragma once
// What every CSV import shares: header matching with aliases and --map, rows read and
// checked with "line N, column C:" errors collected from every row (all-or-nothing),
// account references resolved from one query, and progress reports for long imports.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <initializer_list>
#include <istream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "acm/core/csv.hpp"
#include "acm/core/date.hpp"
#include "acm/core/error.hpp"
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


// Header → field mapping for one import kind.
struct CsvSchema {
    std::vector<std::string> fields;                   // field names, e.g. name, key, segment
    std::map<std::string, std::string> aliases;        // normalized header → field
    // Headers (normalized) that mean `field`, given as a list or as one text separated by |.
    void alias(std::string_view field, std::initializer_list<std::string_view> headers);
    void alias(std::string_view field, std::string_view headers_separated_by_bar);
};

// "Account Owner" → "account owner": lowercase, '_' and '-' as spaces, spaces collapsed.
std::string normalize_header(std::string_view header);

// Parses --map 'Header=field' arguments; UsageError for an unknown field.
std::map<std::string, std::string> parse_header_map(const std::vector<std::string>& maps, const CsvSchema& schema);

struct MappedHeader {
    std::vector<int> field_of_column;        // index into schema.fields, or -1 for ignored
    std::vector<std::string> ignored;         // headers that matched no field
};
// UsageError when two columns map to one field.
MappedHeader map_header(const std::vector<std::string>& header, const CsvSchema& schema,
                        const std::map<std::string, std::string>& explicit_map);

// One CSV import: the header mapped to the schema's fields, then every row validated by
// the caller. Errors of every bad row are collected (ImportErrors) and thrown together at
// the end, so that nothing is written.
class ImportReader {
public:
    // Reads and maps the header; UsageError for an empty file or a bad --map.
    ImportReader(std::istream& in, const CsvSchema& schema, const std::vector<std::string>& maps);

    // A row's cells by field: unset when the column is absent or the cell is blank.
    struct Row {
        int line = 0;
        std::vector<std::optional<std::string>> cells;  // by schema field index
        const std::optional<std::string>& operator[](std::string_view field) const;
        // The cell without surrounding blanks (for values whose parsers do not trim).
        std::optional<std::string> trimmed(std::string_view field) const;
        // "line 3, column Tier:" — the header of the column that gave the field.
        std::string label(std::string_view field) const;
        // parse(label) for the field's cell, e.g. [&](auto label) { return parse_date(*cell, today, label); }.
        // It runs without a label first and again with the row's label only when it throws:
        // a label is formatted for each bad cell, not for each of a million good ones.
        template <class Parse>
        auto parse(std::string_view field, Parse&& parse) const {
            try {
                return parse(std::string_view{});
            } catch (const UsageError&) {
                return parse(std::string_view(label(field)));  // throws again, labelled
            }
        }
        const ImportReader* reader = nullptr;
    };

    // True when a column gives `field`; the header text of that column.
    bool has(std::string_view field) const;
    const std::string& column(std::string_view field) const;
    const std::vector<std::string>& header() const { return header_; }
    const std::vector<std::string>& ignored_columns() const { return mapped_.ignored; }
    // Calls `handle` for each row; a UsageError it throws is collected as that row's error.
    // `progress` (optional) hears the number of rows read every few thousand rows and at the end.
    void for_each_row(const std::function<void(const Row&)>& handle, const ImportProgress& progress = {});
    // A row so far was bad: nothing will be kept, so callers may stop writing.
    bool has_errors() const { return !errors_.empty(); }

    // for_each_row split in two, for large imports: `parse` checks each row on a second
    // thread while `write` stores the parsed records on this one, a batch at a time.
    // Reading and checking a row costs about what SQLite's insert of it does, so the two
    // overlap on two cores. Only `write` may use the database (one connection, one thread).
    // Records stop coming once a row was bad; the row errors are thrown at the end, as
    // for_each_row throws them, and the caller's transaction rolls back what was written.
    template <class Record>
    void for_each_row_parallel(const std::function<Record(const Row&)>& parse,
                               const std::function<void(std::vector<Record>&)>& write,
                               const ImportProgress& progress = {});

private:
    std::size_t index_of(std::string_view field) const;
    const CsvSchema& schema_;
    CsvReader reader_;
    std::vector<std::string> header_;
    MappedHeader mapped_;
    std::vector<std::string> column_of_field_;  // header text of the column that gives each field
    ImportErrors errors_;
};

template <class Record>
void ImportReader::for_each_row_parallel(const std::function<Record(const Row&)>& parse,
                                         const std::function<void(std::vector<Record>&)>& write,
                                         const ImportProgress& progress) {
    constexpr std::size_t batch_rows = 1000, batches_queued = 8;  // bounded: memory stays flat
    struct Cancelled {};  // the writer failed: the reader stops
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::vector<Record>> queue;
    bool reader_done = false, cancelled = false;
    std::exception_ptr reader_failure;  // the row errors (UsageError), or anything else
    std::thread reader([&] {
        std::vector<Record> records;
        auto hand_over = [&] {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return queue.size() < batches_queued || cancelled; });
            if (cancelled) throw Cancelled{};
            queue.push_back(std::exchange(records, {}));
            changed.notify_all();
        };
        try {
            for_each_row(
                [&](const Row& row) {
                    Record record = parse(row);
                    if (has_errors()) return;
                    records.push_back(std::move(record));
                    if (records.size() == batch_rows) hand_over();
                },
                progress);
            if (!records.empty()) hand_over();
        } catch (const Cancelled&) {
        } catch (...) {
            reader_failure = std::current_exception();
        }
        std::lock_guard lock(mutex);
        reader_done = true;
        changed.notify_all();
    });
    try {
        while (true) {
            std::vector<Record> records;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return !queue.empty() || reader_done; });
                if (queue.empty()) break;
                records = std::move(queue.front());
                queue.pop_front();
                changed.notify_all();
            }
            write(records);
        }
    } catch (...) {
        {
            std::lock_guard lock(mutex);
            cancelled = true;
            changed.notify_all();
        }
        reader.join();
        throw;
    }
    reader.join();
    if (reader_failure) std::rethrow_exception(reader_failure);
}

}  // namespace acm
