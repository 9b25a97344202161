#include "acm/domain/import/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "acm/core/csv.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"

namespace acm {

void CsvSchema::alias(std::string_view field, std::initializer_list<std::string_view> headers) {
    for (std::string_view header : headers) aliases[std::string(header)] = field;
}

void CsvSchema::alias(std::string_view field, std::string_view headers_separated_by_bar) {
    for (std::string_view rest = headers_separated_by_bar; !rest.empty();) {
        auto bar = rest.find('|');
        aliases[std::string(rest.substr(0, bar))] = field;
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
}

std::map<std::string, std::string> parse_header_map(const std::vector<std::string>& maps,
                                                    const CsvSchema& schema) {
    std::map<std::string, std::string> result;
    for (const auto& map : maps) {
        auto equals = map.rfind('=');
        if (equals == std::string::npos || equals == 0)
            throw UsageError(
                fmt::format("--map {} is not valid (expected 'Header=field')", quote_value(map)));
        std::string field = trim(map.substr(equals + 1));
        parse_choice(field, schema.fields, fmt::format("--map {}: field", quote_value(map)));
        result[normalize_header(map.substr(0, equals))] = field;
    }
    return result;
}

MappedHeader map_header(const std::vector<std::string>& header, const CsvSchema& schema,
                        const std::map<std::string, std::string>& explicit_map) {
    MappedHeader mapped;
    std::map<std::string, std::string> used;  // field → header that took it
    for (const auto& name : header) {
        std::string normalized = normalize_header(name);
        std::string field;
        if (auto it = explicit_map.find(normalized); it != explicit_map.end())
            field = it->second;
        else if (auto alias = schema.aliases.find(normalized); alias != schema.aliases.end())
            field = alias->second;
        else
            for (const auto& candidate : schema.fields)
                if (candidate == normalized) field = candidate;
        if (field.empty()) {
            mapped.field_of_column.push_back(-1);
            mapped.ignored.push_back(name);
            continue;
        }
        if (auto taken = used.find(field); taken != used.end())
            throw UsageError(
                fmt::format("line 1: columns {} and {} both give the field {}; use --map to choose",
                            quote_value(taken->second), quote_value(name), field));
        used[field] = name;
        auto index = std::find(schema.fields.begin(), schema.fields.end(), field) - schema.fields.begin();
        mapped.field_of_column.push_back(static_cast<int>(index));
    }
    return mapped;
}

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

ImportReader::ImportReader(std::istream& in, const CsvSchema& schema, const CsvImportOptions& options)
    : schema_(schema), reader_(in) {
    auto explicit_map = parse_header_map(options.maps, schema);
    if (!reader_.next(header_)) throw UsageError("the CSV file is empty (expected a header row)");
    mapped_ = map_header(header_, schema, explicit_map);
    column_of_field_.resize(schema.fields.size());
    for (std::size_t i = 0; i < header_.size(); ++i)
        if (mapped_.field_of_column[i] >= 0) column_of_field_[mapped_.field_of_column[i]] = header_[i];
}

std::size_t ImportReader::index_of(std::string_view field) const {
    return std::find(schema_.fields.begin(), schema_.fields.end(), field) - schema_.fields.begin();
}

const std::string& ImportReader::column(std::string_view field) const {
    return column_of_field_.at(index_of(field));
}

bool ImportReader::has(std::string_view field) const {
    std::size_t index = index_of(field);
    return index < column_of_field_.size() && !column_of_field_[index].empty();
}

void ImportReader::require(std::initializer_list<std::string_view> fields) const {
    for (std::string_view field : fields)
        if (!has(field))
            throw UsageError(fmt::format("line 1: no {} column (found {})", field, join_choices(header_)));
}

const std::optional<std::string>& ImportReader::Row::operator[](std::string_view field) const {
    return cells.at(reader->index_of(field));
}

std::optional<std::string> ImportReader::Row::trimmed(std::string_view field) const {
    const auto& cell = (*this)[field];
    if (!cell) return std::nullopt;
    return trim(*cell);
}

const std::string& ImportReader::Row::required(std::string_view field) const {
    const auto& cell = (*this)[field];
    if (!cell) throw UsageError(fmt::format("{} must not be empty", label(field)));
    return *cell;
}

std::string ImportReader::Row::label(std::string_view field) const {
    std::size_t index = reader->index_of(field);
    const std::string& column =
        index < reader->column_of_field_.size() ? reader->column_of_field_[index] : "";
    return fmt::format("line {}, column {}:", line, column.empty() ? std::string(field) : column);
}

Date ImportReader::Row::date(std::string_view field, Date today) const {
    const std::string& cell = required(field);
    return parse(field, [&](auto label) { return parse_import_date(cell, today, label); });
}

void ImportReader::for_each_row(const std::function<void(const Row&)>& handle,
                                const ImportProgress& progress) {
    std::vector<std::string> cells;
    std::size_t rows = 0;
    Row row;
    row.reader = this;
    while (reader_.next(cells)) {
        row.line = reader_.line();
        try {
            if (cells.size() != header_.size())
                throw UsageError(fmt::format("line {}: {} fields, but the header has {}", row.line,
                                             cells.size(), header_.size()));
            row.cells.assign(schema_.fields.size(), std::nullopt);
            for (std::size_t i = 0; i < cells.size(); ++i)
                if (int field = mapped_.field_of_column[i]; field >= 0 && !trim_view(cells[i]).empty())
                    row.cells[field] = std::move(cells[i]);
            handle(row);
        } catch (const UsageError& e) {
            errors_.add(e.what());
        }
        ++rows;
        if (progress && rows % import_progress_every == 0) progress(rows, false);
    }
    if (progress) progress(rows, true);
    if (has_errors()) errors_.raise();
}

std::size_t ImportReader::run(const std::function<void(const Row&)>& keep, const std::function<Batch()>& take,
                              const std::function<void(void*)>& write, const ImportProgress& progress) {
    constexpr std::size_t batch_rows = 1000, batches_queued = 8;  // bounded: memory stays flat
    struct Cancelled {};  // thrown on the reading thread when the writer failed: it stops reading
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Batch> queue;
    bool reader_done = false, cancelled = false;
    std::exception_ptr reader_failure;  // the row errors (UsageError), or anything else
    std::size_t records = 0, kept = 0;  // in all, and since the last batch
    std::thread reader([&] {
        auto hand_over = [&] {
            Batch batch = take();
            kept = 0;
            if (!write || has_errors()) return;  // a dry run, or a bad row: nothing is written
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return queue.size() < batches_queued || cancelled; });
            if (cancelled) throw Cancelled{};
            queue.push_back(std::move(batch));
            changed.notify_all();
        };
        try {
            for_each_row(
                [&](const Row& row) {
                    keep(row);
                    ++records;
                    if (++kept == batch_rows) hand_over();
                },
                progress);
            if (kept > 0) hand_over();
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
            Batch batch;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return !queue.empty() || reader_done; });
                if (queue.empty()) break;
                batch = std::move(queue.front());
                queue.pop_front();
                changed.notify_all();
            }
            write(batch.get());
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
    return records;
}

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

std::int64_t AccountIndex::resolve(const ImportReader::Row& row, std::string_view field) const {
    const std::string& cell = row.required(field);
    return row.parse(field, [&](auto label) { return resolve(cell, label); });
}

std::optional<std::int64_t> AccountIndex::find_key(std::string_view key) const {
    if (auto it = by_key_.find(key); it != by_key_.end()) return it->second;
    return std::nullopt;
}

Date parse_import_date(std::string_view text, Date today, std::string_view label) {
    std::string value = trim(text);
    if (value.size() > 10 && (value[10] == 'T' || value[10] == ' ')) {
        parse_timestamp(value, today, label);  // validates the time; the date as written counts
        value.resize(10);
    }
    return parse_date(value, today, label);
}

TableLoad::TableLoad(Database& db, std::string table)
    : db_(db),
      table_(std::move(table)),
      figures_(db, {table_}),
      bulk_(db),
      rowid_before_(BulkLoad::last_rowid(db, table_)) {}

void TableLoad::finish(const Actor& actor, std::size_t rows) {
    bulk_.inserted(table_, rowid_before_ + 1, BulkLoad::last_rowid(db_, table_));
    figures_.finish();
    record_event(db_, actor, {table_, "import", std::nullopt, "import"},
                 Changes().set("rows", std::to_string(rows)));
}

void use_import_page_cache(Database& db) { db.exec("PRAGMA cache_size = -131072"); }  // KiB

}  // namespace acm
