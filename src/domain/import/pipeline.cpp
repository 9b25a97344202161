#include "acm/domain/import/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <exception>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "acm/core/csv.hpp"
#include "acm/core/encoding.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"
#include "acm/output/escape.hpp"

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
        if (field != ignored_field)
            parse_choice(field, schema.fields, fmt::format("--map {}: field", quote_value(map)));
        result[normalize_header(map.substr(0, equals))] = field;
    }
    return result;
}

MappedHeader map_header(const std::vector<std::string>& header, const CsvSchema& schema,
                        const std::map<std::string, std::string>& explicit_map, const ImportRules* rules) {
    std::vector<std::string> normalized, field_of(header.size());
    for (const auto& name : header) normalized.push_back(normalize_header(name));
    std::map<std::string, std::string> given;  // field → the header that gives it
    for (std::size_t i = 0; i < header.size(); ++i)
        if (auto it = explicit_map.find(normalized[i]); it != explicit_map.end()) {
            field_of[i] = it->second;
            if (it->second != ignored_field) given[it->second] = header[i];
        }
    // The rules: for each field that --map left, the first of its headers that is present.
    if (rules)
        for (const auto& entry : rules->fields) {
            if (given.count(entry.field)) continue;
            for (const auto& pattern : entry.headers) {
                std::size_t i = 0;
                while (i < header.size() && (!field_of[i].empty() || !header_matches(pattern, normalized[i])))
                    ++i;
                if (i == header.size()) continue;
                field_of[i] = entry.field;
                given[entry.field] = header[i];
                break;
            }
        }
    std::set<std::string> by_rules_or_map;
    for (const auto& [field, name] : given) by_rules_or_map.insert(field);
    MappedHeader mapped;
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string field = field_of[i];
        if (field.empty()) {
            if (auto alias = schema.aliases.find(normalized[i]); alias != schema.aliases.end())
                field = alias->second;
            else if (std::find(schema.fields.begin(), schema.fields.end(), normalized[i]) !=
                     schema.fields.end())
                field = normalized[i];
            // A column that only an alias names gives way to the one that --map or the rules chose.
            if (rules && by_rules_or_map.count(field)) field.clear();
            if (!field.empty()) {
                if (auto taken = given.find(field); taken != given.end())
                    throw UsageError(
                        fmt::format("line 1: columns {} and {} both give the field {}; use --map to choose",
                                    quote_value(taken->second), quote_value(header[i]), field));
                given[field] = header[i];
            }
        }
        if (field.empty() || field == ignored_field) {
            mapped.field_of_column.push_back(-1);
            if (field.empty()) mapped.ignored.push_back(header[i]);
            continue;
        }
        auto index = std::find(schema.fields.begin(), schema.fields.end(), field) - schema.fields.begin();
        mapped.field_of_column.push_back(static_cast<int>(index));
    }
    return mapped;
}

void ImportErrors::add(const std::string& message) {
    if (kept_.size() < 50) kept_.push_back(message);
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

namespace {

CsvFormat csv_format(const ImportRules* rules) {
    if (!rules) return {0};
    return {rules->delimiter, rules->skip_lines, rules->end_at_blank_line};
}

// The input as UTF-8: as it is, or converted from the rules' encoding or a UTF-16 BOM's.
std::istream& utf8_of(std::istream& in, const ImportRules* rules, std::unique_ptr<std::istream>& decoded) {
    std::string encoding = rules && rules->encoding != "utf-8" ? rules->encoding : detect_encoding(in);
    if (encoding == "utf-8") return in;
    decoded = utf8_input(in, encoding);
    return *decoded;
}

std::optional<ImportRules> load_rules(const CsvImportOptions& options) {
    if (!options.rules) return std::nullopt;
    return load_import_rules(*options.rules);
}

}  // namespace

std::vector<std::string> read_csv_header(std::istream& in, const ImportRules* rules) {
    std::unique_ptr<std::istream> decoded;
    CsvReader reader(utf8_of(in, rules, decoded), csv_format(rules));
    std::vector<std::string> header;
    reader.next(header);
    return header;
}

ImportReader::ImportReader(std::istream& in, const CsvSchema& schema, const CsvImportOptions& options)
    : schema_(schema),
      rules_(load_rules(options)),
      reader_(utf8_of(in, rules_ ? &*rules_ : nullptr, decoded_), csv_format(rules_ ? &*rules_ : nullptr)) {
    auto explicit_map = parse_header_map(options.maps, schema);
    if (rules_) check_rules(*rules_);
    if (!reader_.next(header_)) throw UsageError("the CSV file is empty (expected a header row)");
    // A file in another encoding shows in its header: said here, before any cell is misread.
    // UTF-16 without a byte order mark reads as text with a NUL beside each letter.
    for (const auto& name : header_)
        if (name.find('\0') != std::string::npos)
            throw UsageError(
                fmt::format("line {}: the file is UTF-16 without a byte order mark (set encoding = "
                            "\"utf-16\" in a rules file, --rules)",
                            reader_.line()));
    for (const auto& name : header_)
        if (!is_valid_utf8(name))
            throw UsageError(
                fmt::format("line {}: the file is not valid UTF-8 (set encoding in a rules file: "
                            "windows-1252, latin1 or utf-16; see 'acm rules show')",
                            reader_.line()));
    // A delimiter was guessed from a header of one column: a ';' or a tab in it (quoted, so not
    // counted) says the file may be separated by it, and reading it by ',' would keep
    // "Acme Corp;dana" as one name.
    if (header_.size() == 1 && !(rules_ && rules_->delimiter)) {
        one_guessed_column_ = true;
        if (header_[0].find_first_of(";\t") != std::string::npos)
            throw UsageError(
                fmt::format("line {}: the header {} is one column with {} inside: is that the "
                            "delimiter? (set delimiter in a rules file, --rules)",
                            reader_.line(), quote_value(header_[0]),
                            header_[0].find(';') != std::string::npos ? "\";\"" : "a tab"));
    }
    mapped_ = map_header(header_, schema, explicit_map, rules_ ? &*rules_ : nullptr);
    column_of_field_.resize(schema.fields.size());
    for (std::size_t i = 0; i < header_.size(); ++i)
        if (mapped_.field_of_column[i] >= 0) column_of_field_[mapped_.field_of_column[i]] = header_[i];
    if (rules_)
        apply_rules(*rules_);
    else
        convert_columns();
}

static bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

void ImportReader::convert_columns() {
    for (std::size_t i = 0; i < header_.size(); ++i)
        if (int field = mapped_.field_of_column[i]; field >= 0) {
            const std::string& name = schema_.fields[static_cast<std::size_t>(field)];
            bool amount = contains(schema_.amounts, name), duration = contains(schema_.durations, name);
            if (!amount && !duration) continue;
            rewrites_.resize(header_.size());  // only a file with such columns pays for this
            rewrites_[i].amount = amount;
            rewrites_[i].duration = duration;
        }
}

void ImportReader::check_rules(const ImportRules& rules) const {
    auto where = [&](int line) { return fmt::format("rules file {}, line {}:", rules.origin, line); };
    if (rules.kind && *rules.kind != schema_.kind)
        throw UsageError(
            fmt::format("rules file {}: kind = {} (these rules are for {} imports, not {} imports)",
                        rules.origin, *rules.kind, *rules.kind, schema_.kind));
    auto check_field = [&](const std::string& field, int line) {
        if (std::find(schema_.fields.begin(), schema_.fields.end(), field) == schema_.fields.end())
            throw UsageError(fmt::format("{} {} is not a field of {} imports (expected {})", where(line),
                                         quote_value(field), schema_.kind, join_choices(schema_.fields)));
    };
    for (const auto& entry : rules.fields) check_field(entry.field, entry.line);
    for (const auto& [field, values] : rules.values) check_field(field, rules.values_line.at(field));
}

void ImportReader::apply_rules(const ImportRules& rules) {
    // Rows after the header that are more header: a survey's question texts and ids.
    std::vector<std::string> skipped;
    for (int i = 0; i < rules.skip_after_header; ++i) reader_.next(skipped);
    rewrites_.resize(header_.size());
    for (std::size_t i = 0; i < header_.size(); ++i) {
        auto& rewrite = rewrites_[i];
        if (int field = mapped_.field_of_column[i]; field >= 0) {
            const std::string& name = schema_.fields[static_cast<std::size_t>(field)];
            if (auto it = rules.values.find(name); it != rules.values.end()) rewrite.values = &it->second;
            rewrite.date = !rules.date_formats.empty() && contains(schema_.dates, name);
            rewrite.amount = contains(schema_.amounts, name);
            rewrite.duration = contains(schema_.durations, name);
        }
        if (auto it = rules.skip_rows.find(normalize_header(header_[i])); it != rules.skip_rows.end())
            rewrite.skip = &it->second;
    }
    for (const auto& [column, values] : rules.skip_rows) {
        bool found = false;
        for (const auto& name : header_) found = found || normalize_header(name) == column;
        if (!found)
            throw UsageError(
                fmt::format("rules file {}: [skip_rows] names the column {}, which the file does not "
                            "have (found {})",
                            rules.origin, quote_value(column), join_choices(header_)));
    }
    if (rules.currency && contains(schema_.fields, "currency")) default_currency_ = index_of("currency");
}

bool ImportReader::rewrite(std::vector<std::string>& cells, int line) {
    for (std::size_t i = 0; i < cells.size(); ++i)
        if (const auto* skip = rewrites_[i].skip)
            if (std::find(skip->begin(), skip->end(), lowercase(trim(cells[i]))) != skip->end()) return false;
    written_.assign(cells.size(), std::nullopt);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const Rewrite& rewrite = rewrites_[i];
        std::string& cell = cells[i];
        if (trim_view(cell).empty()) continue;
        // The cell as acm reads it; the first time it changes, the file's text is kept.
        auto convert = [&](std::string converted) {
            if (converted == cell) return;
            if (!written_[i]) written_[i] = std::move(cell);
            cell = std::move(converted);
        };
        if (rewrite.values)
            if (auto it = rewrite.values->find(lowercase(trim(cell))); it != rewrite.values->end())
                convert(it->second);
        if (rewrite.date && !parse_iso_date(trim_view(cell).substr(0, 10))) {
            auto date = date_in_formats(cell, rules_->date_formats);
            if (!date)
                throw UsageError(
                    fmt::format("line {}, column {}: {} is not valid (expected a date in date_formats, "
                                "{}, or ISO 8601)",
                                line, header_[i], quote_value(written_[i].value_or(cell)),
                                join_choices(rules_->date_formats)));
            convert(*date);
        }
        if (rewrite.amount) {
            try {
                convert(import_amount(cell, rules_ ? &*rules_ : nullptr));
            } catch (const UsageError& error) {
                throw UsageError(fmt::format("line {}, column {}: {}", line, header_[i], error.what()));
            }
        }
        if (rewrite.duration) convert(plain_duration(cell));
    }
    return true;
}

std::size_t ImportReader::index_of(std::string_view field) const {
    // Each cell a row reads comes through here: the names are told apart by their length and
    // first letter before any is compared whole.
    const auto& fields = schema_.fields;
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].size() == field.size() && (field.empty() || fields[i][0] == field[0]) && fields[i] == field)
            return i;
    return fields.size();
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
        row.cells.clear();  // until this row's cells are in it
        try {
            if (cells.size() != header_.size())
                throw UsageError(fmt::format("line {}: {} fields, but the header has {}", row.line,
                                             cells.size(), header_.size()));
            if (one_guessed_column_ && cells[0].find(';') != std::string::npos)
                throw UsageError(
                    fmt::format("line {}: {} has a \";\" in a file of one column: is that the "
                                "delimiter? (set delimiter in a rules file, --rules)",
                                row.line, quote_value(cells[0])));
            // Only with rules or amounts: a plain file pays nothing for what they do.
            if (!rewrites_.empty() && !rewrite(cells, row.line)) continue;
            row.cells.assign(schema_.fields.size(), std::nullopt);
            for (std::size_t i = 0; i < cells.size(); ++i)
                if (int field = mapped_.field_of_column[i]; field >= 0 && !trim_view(cells[i]).empty()) {
                    if (cells[i].front() == '\'') remove_formula_guard(cells[i]);
                    row.cells[field] = std::move(cells[i]);
                }
            if (default_currency_ && !row.cells[*default_currency_])
                row.cells[*default_currency_] = rules_->currency;
            handle(row);
        } catch (const UsageError& e) {
            errors_.add(row_error(e, cells, row));
        }
        ++rows;
        if (progress && rows % import_progress_every == 0) progress(rows, false);
    }
    if (progress) progress(rows, true);
    if (has_errors()) errors_.raise();
}

std::string ImportReader::row_error(const UsageError& error, const std::vector<std::string>& raw,
                                    const Row& row) const {
    // Looked for only here, once a row failed: a good row is not scanned twice. A cell that
    // was not valid UTF-8 fails wherever it goes (a text is checked, a number or date is not
    // one), and an ignored column keeps nothing.
    for (std::size_t i = 0; i < header_.size(); ++i) {
        int field = mapped_.field_of_column[i];
        if (field < 0) continue;
        const std::string* cell = row.cells.empty() ? (i < raw.size() ? &raw[i] : nullptr)
                                                    : (row.cells[field] ? &*row.cells[field] : nullptr);
        if (cell && !is_valid_utf8(*cell))
            return fmt::format(
                "line {}, column {}: is not valid UTF-8 text (the file's encoding: set encoding in a rules "
                "file, --rules: windows-1252, latin1 or utf-16)",
                row.line, header_[i]);
    }
    // An error about a cell that was converted before it was checked (a notice period 0 read
    // as 0d, an amount $-5 as -5 USD) quotes the cell as the file wrote it.
    std::string message = error.what();
    for (std::size_t i = 0; i < written_.size(); ++i) {
        int field = mapped_.field_of_column[i];
        if (!written_[i] || field < 0 || row.cells.empty() || !row.cells[field]) continue;
        std::string label = fmt::format("line {}, column {}: ", row.line, header_[i]);
        std::string converted = label + quote_value(*row.cells[field]);
        if (message.starts_with(converted))
            return label + quote_value(*written_[i]) + message.substr(converted.size());
    }
    return message;
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

std::string ImportReader::source() const {
    return rules_ && rules_->source ? *rules_->source : std::string(csv_source);
}

AccountIndex::AccountIndex(Database& db, const ImportReader& reader)
    : source_(reader.source()), by_email_(reader.account_by_email()) {
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
    auto external = db.prepare(
        "SELECT external_id, id FROM accounts WHERE external_source = ? AND external_id IS NOT NULL");
    external.bind(1, source_);
    while (external.step()) by_external_id_.emplace(external.text(0), external.integer(1));
    if (!by_email_) return;
    auto add = [](std::vector<std::int64_t>& ids, std::int64_t id) {
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    };
    auto emails = db.prepare("SELECT lower(email), account_id FROM contacts WHERE email IS NOT NULL");
    while (emails.step()) add(by_contact_email_[emails.text(0)], emails.integer(1));
    auto domains = db.prepare("SELECT domain, id FROM accounts WHERE domain IS NOT NULL");
    while (domains.step()) add(by_domain_[domains.text(0)], domains.integer(1));
}

std::int64_t AccountIndex::resolve_email(const std::string& email, std::string_view label) const {
    auto one = [&](const std::vector<std::int64_t>& ids, std::string_view what) -> std::int64_t {
        if (ids.size() == 1) return ids.front();
        std::vector<std::string> keys;
        for (auto id : ids) keys.push_back(key_of_.at(id));
        std::sort(keys.begin(), keys.end());
        throw UsageError(fmt::format("{} {} is ambiguous: {} of the accounts {}", label, quote_value(email), what,
                                     join_choices(keys)));
    };
    std::string address = lowercase(email);
    if (auto it = by_contact_email_.find(address); it != by_contact_email_.end())
        return one(it->second, "a contact");
    std::string domain = address.substr(address.rfind('@') + 1);
    if (auto it = by_domain_.find(domain); it != by_domain_.end()) return one(it->second, "the domain");
    throw UsageError(fmt::format("{} no contact has the e-mail {} and no account the domain {} (add the contact "
                                 "with 'acm account contact add', or the account's --domain)",
                                 label, quote_value(email), quote_value(domain)));
}

std::int64_t AccountIndex::resolve(std::string_view reference, std::string_view label) const {
    // A key as written, the common case of a large import, without a copy of the cell. A key
    // is never only digits, so it cannot also be an id (an ambiguity to report).
    auto key = by_key_.find(reference);
    // Then the id the source system gives the account (a Salesforce ACCOUNTID), as an
    // earlier import from that system stored it; a key is checked against it too (not
    // looked up at all where the source stored none, as for most files).
    auto external = by_external_id_.empty() ? by_external_id_.end() : by_external_id_.find(trim_view(reference));
    if (key != by_key_.end() && (external == by_external_id_.end() || external->second == key->second))
        return key->second;
    std::string text = trim(reference);
    if (external == by_external_id_.end() && by_email_ && text.find('@') != std::string::npos)
        return resolve_email(text, label);
    AccountReference parsed = parse_account_reference(text);
    AccountMatches matches;
    auto match = [&](std::int64_t id) { return AccountMatch{id, key_of_.at(id)}; };
    if (parsed.by_key())
        if (auto it = by_key_.find(parsed.text); it != by_key_.end()) matches.by_key = match(it->second);
    if (parsed.id)
        if (auto it = key_of_.find(*parsed.id); it != key_of_.end()) matches.by_id = match(it->first);
    if (account_needs_names(parsed, matches) || (external != by_external_id_.end() && parsed.by_name()))
        if (auto it = by_name_.find(lowercase(parsed.text)); it != by_name_.end()) {
            for (auto id : it->second) matches.by_name.push_back(match(id));
            std::sort(matches.by_name.begin(), matches.by_name.end(),
                      [](const auto& a, const auto& b) { return a.key < b.key; });
        }
    if (external != by_external_id_.end()) return resolve_external_id(text, external->second, matches, label);
    AccountChoice choice = choose_account(text, parsed, matches);
    if (choice.id) return *choice.id;
    if (!choice.ambiguous.empty()) throw UsageError(fmt::format("{} {}", label, choice.ambiguous));
    throw UsageError(fmt::format("{} no account {} (see 'acm account list')", label, quote_value(text)));
}

std::int64_t AccountIndex::resolve_external_id(const std::string& text, std::int64_t account,
                                               const AccountMatches& matches, std::string_view label) const {
    // A cell that is one account's external id and another account's id, key or name: neither
    // reading wins silently, as an account added or renamed later would change what it means.
    // Each other account once, by the first of its readings: "the key of zeta", not also its name.
    std::vector<std::int64_t> named{account};
    std::vector<std::string> what, choices{"key:" + key_of_.at(account)};
    auto other = [&](const AccountMatch& match, std::string_view as, std::string choice) {
        if (std::find(named.begin(), named.end(), match.id) != named.end()) return;
        named.push_back(match.id);
        what.push_back(fmt::format("the {} of {}", as, match.key));
        choices.push_back(std::move(choice));
    };
    if (matches.by_id) other(*matches.by_id, "id", "id:" + text);
    if (matches.by_key) other(*matches.by_key, "key", "key:" + matches.by_key->key);
    for (const auto& match : matches.by_name) other(match, "name", "key:" + match.key);
    if (what.empty()) return account;
    throw UsageError(fmt::format("{} account {} is ambiguous: it is the external id of {} ({}) and {}; write {}",
                                 label, quote_value(text), key_of_.at(account), source_, join_words(what, "and"),
                                 join_choices(choices)));
}

std::int64_t AccountIndex::resolve(const ImportReader::Row& row, std::string_view field) const {
    const std::string& cell = row.required(field);
    return row.parse(field, [&](auto label) { return resolve(cell, label); });
}

std::optional<std::int64_t> AccountIndex::find_key(std::string_view key) const {
    if (auto it = by_key_.find(key); it != by_key_.end()) return it->second;
    return std::nullopt;
}

ExternalIds::ExternalIds(Database& db, std::string_view table, std::string source) : source_(std::move(source)) {
    auto stmt = db.prepare(fmt::format(
        "SELECT external_id, id FROM {} WHERE external_source = ? AND external_id IS NOT NULL",
        quote_identifier(table)));
    stmt.bind(1, source_);
    while (stmt.step()) rows_.emplace(stmt.text(0), stmt.integer(1));
}

std::optional<std::string> ExternalIds::of(const ImportReader::Row& row) {
    auto id = row.trimmed("external_id");
    if (!id) return std::nullopt;
    row.parse("external_id", [&](auto label) { return checked_text(*id, label, 200); });
    auto [it, first] = lines_.emplace(*id, row.line);
    if (!first)
        throw UsageError(fmt::format("{} the external id {} appears twice in the file (line {})",
                                     row.label("external_id"), quote_value(*id), it->second));
    return id;
}

std::optional<std::int64_t> ExternalIds::find(std::string_view external_id) const {
    if (auto it = rows_.find(std::string(external_id)); it != rows_.end()) return it->second;
    return std::nullopt;
}

bool takes_external_id(Database& db, std::string_view table, std::int64_t row_id,
                       const std::optional<std::string>& external_id) {
    if (!external_id) return false;
    auto stmt =
        db.prepare(fmt::format("SELECT external_id IS NULL FROM {} WHERE id = ?", quote_identifier(table)));
    stmt.bind(1, row_id);
    return stmt.step() && stmt.integer(0) != 0;
}

void set_external_id(Database& db, std::string_view table, std::int64_t row_id, const std::string& source,
                     const std::optional<std::string>& external_id) {
    if (!external_id) return;
    auto stmt = db.prepare(fmt::format(
        "UPDATE {} SET external_source = ?, external_id = ? WHERE id = ? AND external_id IS NULL",
        quote_identifier(table)));
    stmt.bind_all(source, *external_id, row_id).run();
}

// The seconds east of UTC of a zone suffix (Z, +02:00, +0200, -05), or nullopt for none.
static std::optional<int> zone_offset(std::string_view zone) {
    if (zone == "Z" || zone == "z") return 0;
    auto digit = [&](std::size_t i) { return i < zone.size() && zone[i] >= '0' && zone[i] <= '9'; };
    if (zone.size() < 3 || (zone[0] != '+' && zone[0] != '-') || !digit(1) || !digit(2)) return std::nullopt;
    std::size_t at = zone.size() > 3 && zone[3] == ':' ? 4 : 3;
    int hours = (zone[1] - '0') * 10 + (zone[2] - '0'), minutes = 0;
    if (zone.size() > 3) {
        if (zone.size() != at + 2 || !digit(at) || !digit(at + 1)) return std::nullopt;
        minutes = (zone[at] - '0') * 10 + (zone[at + 1] - '0');
    }
    if (hours > 18 || minutes > 59) return std::nullopt;
    return (zone[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
}

// What is wrong with a date cell that is not ISO 8601, and the setting that would read it.
static std::string why_not_a_file_date(std::string_view value, Date today) {
    try {
        parse_date(value, today, {});  // which takes, beyond YYYY-MM-DD, only relative dates
        return "is a relative date (expected a date such as 2024-06-01 in a file: today, +30d and the "
               "like are for the command line)";
    } catch (const UsageError&) {
    }
    // Three numbers apart, the year last: 03/04/2024, 13.04.2024, 4-13-2024.
    int parts[3] = {0, 0, 0}, count = 0, digits = 0;
    char separator = 0;
    for (char c : value) {
        if (c >= '0' && c <= '9' && count < 3 && digits < 4) {  // at most 4 digits: no overflow
            parts[count] = parts[count] * 10 + (c - '0');
            ++digits;
        } else if ((c == '/' || c == '.' || c == '-') && digits > 0 && count < 2 &&
                   (!separator || c == separator)) {
            separator = c, ++count, digits = 0;
        } else {
            count = -1;
            break;
        }
    }
    if (count == 2 && digits == 4 && parts[0] >= 1 && parts[1] >= 1 && parts[0] <= 31 && parts[1] <= 31) {
        auto format = [&](char first, char second) {
            return fmt::format("\"%{}{}%{}{}%Y\"", first, separator, second, separator);
        };
        if (parts[0] <= 12 && parts[1] <= 12)
            return fmt::format(
                "is ambiguous: day or month first? (set date_formats in a rules file, --rules: "
                "[{}] or [{}])",
                format('d', 'm'), format('m', 'd'));
        // 13/04/2024 reads one way, but a file that writes it may write 03/04/2024 on its next
        // line: the order is the file's, said once in its rules, never guessed row by row.
        return fmt::format("is not an ISO 8601 date (set date_formats in a rules file, --rules: [{}])",
                           parts[0] > 12 ? format('d', 'm') : format('m', 'd'));
    }
    return "is not a valid date (expected YYYY-MM-DD or an ISO 8601 time; set date_formats in a rules file, "
           "--rules, for other forms)";
}

Date parse_import_date(std::string_view text, Date today, std::string_view label) {
    std::string value = trim(text);
    if (value.size() > 10 && (value[10] == 'T' || value[10] == ' ')) {
        // ISO 8601 as exports write it: a fraction of a second and a zone are allowed. With a
        // zone the date is the local date of that instant; without, the date as written.
        std::string time = value;
        std::optional<int> offset;
        if (auto zone = time.find_first_of("Zz+-", 11); zone != std::string::npos) {
            offset = zone_offset(std::string_view(time).substr(zone));
            if (!offset)
                throw UsageError(
                    fmt::format("{} {} is not a valid time (expected YYYY-MM-DD[THH:MM[:SS]] with Z or "
                                "an offset such as +02:00)",
                                label, quote_value(value)));
            time.resize(zone);
        }
        if (auto dot = time.find('.', 19); time.size() > 19 && dot == 19) time.resize(19);
        // The date first: 03/04/2024 10:00 is refused for its date, naming date_formats.
        Date date = parse_import_date(value.substr(0, 10), today, label);
        parse_timestamp(time, today, label);  // validates the time
        if (!offset) return date;
        auto part = [&](std::size_t at) { return time.size() >= at + 2 ? std::stoi(time.substr(at, 2)) : 0; };
        auto seconds = std::chrono::sys_seconds(std::chrono::sys_days(date)).time_since_epoch().count();
        std::time_t instant =
            static_cast<std::time_t>(seconds + part(11) * 3600 + part(14) * 60 + part(17) - *offset);
        std::tm tm{};
        localtime_r(&instant, &tm);
        Date local{std::chrono::year(tm.tm_year + 1900), std::chrono::month(static_cast<unsigned>(tm.tm_mon + 1)),
                   std::chrono::day(static_cast<unsigned>(tm.tm_mday))};
        // 9999-12-31T23:00-12:00 is a day of the year 10000 here.
        if (!in_date_range(local))
            throw UsageError(fmt::format("{} {} falls on {} here, outside 0001-01-01 to 9999-12-31", label,
                                         quote_value(value), format_date(local)));
        return local;
    }
    if (auto date = parse_iso_date(value); date && in_date_range(*date)) return *date;
    throw UsageError(fmt::format("{} {} {}", label, quote_value(value), why_not_a_file_date(value, today)));
}

bool parse_import_flag(std::string_view text, std::string_view label) {
    std::string value = lowercase(trim_view(text));
    if (value == "true" || value == "yes" || value == "y" || value == "1" || value == "x") return true;
    if (value == "false" || value == "no" || value == "n" || value == "0") return false;
    throw UsageError(
        fmt::format("{} {} is not valid (expected true or false, yes or no, y or n, 1 or 0, or x for true)",
                    label, quote_value(text)));
}

void remove_formula_guard(std::string& cell) {
    if (cell.size() > 1 && cell[0] == '\'' && needs_formula_guard(std::string_view(cell).substr(1)))
        cell.erase(0, 1);
}

TableLoad::TableLoad(Database& db, std::string table)
    : db_(db),
      table_(std::move(table)),
      figures_(db, {table_}),
      bulk_(db),
      rowid_before_(BulkLoad::last_rowid(db, table_)),
      foreign_keys_off_([&] {
          auto foreign_keys = db.prepare("PRAGMA foreign_keys");
          return foreign_keys.step() && foreign_keys.integer(0) == 0;
      }()) {}

void TableLoad::finish(const Actor& actor, std::size_t rows) {
    if (foreign_keys_off_) {
        auto account = db_.prepare("SELECT 1 FROM accounts WHERE id = ?");
        for (std::int64_t id : figures_.touched_accounts()) {
            account.reset();
            if (!account.bind(1, id).step())
                throw std::logic_error(
                    fmt::format("{} import: a row names account {}, which is not there", table_, id));
        }
    }
    bulk_.inserted(table_, rowid_before_ + 1, BulkLoad::last_rowid(db_, table_));
    figures_.finish();
    if (rows == 0) return;  // an export imported again: nothing happened, nothing to record
    record_event(db_, actor, {table_, "import", std::nullopt, "import"},
                 Changes().set("rows", std::to_string(rows)));
}

void use_import_page_cache(Database& db) { db.exec("PRAGMA cache_size = -131072"); }  // KiB

}  // namespace acm
