#pragma once
// What every CSV import shares, as one pipeline of stages:
//   read      the file as CSV records (ImportReader over CsvReader), converted to UTF-8 and
//             laid out as a rules file says (encoding, delimiter, lines to skip, footers);
//   map       its header to the import's fields: --map, then the rules' [fields], then the
//             schema's aliases (CsvSchema, map_header); cells are rewritten into acm's forms
//             (amounts, notice periods; with rules also [values], date_formats, currency);
//   parse     every cell of every row into the import's typed record, collecting the errors of
//             every bad row, "line N, column C: …" quoting a cell as the file wrote it
//             (ImportReader::read, ImportErrors);
//   write     the records, in the caller's one transaction; nothing when a row was bad, and
//             nothing in a dry run, which parses and checks exactly the same.
// Each import (accounts.hpp, contracts.hpp, feedback.hpp, usage.hpp) gives its schema, its
// record, the parse of a row and the write of a batch of records.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "acm/core/csv.hpp"
#include "acm/core/date.hpp"
#include "acm/core/error.hpp"
#include "acm/core/import_rules.hpp"
#include "acm/domain/account_figures.hpp"
#include "acm/domain/audit.hpp"
#include "acm/store/db.hpp"
#include "acm/store/undo.hpp"

namespace acm {

// What every CSV import takes from its command line.
struct CsvImportOptions {
    std::vector<std::string> maps;     // --map 'Header=field', 'Header=-' to ignore a column
    std::optional<std::string> rules;  // --rules NAME|FILE (load_import_rules)
    bool dry_run = false;              // every row parsed and checked, nothing written
    bool upsert = false;               // update what an earlier import stored instead of refusing it
};

// What an import did with the rows of its file.
struct ImportCounts {
    std::size_t added = 0, updated = 0, unchanged = 0;
    // Counts a row: added when it matched no record, else updated when it changes the record
    // it matched (a field, or an external id the record lacked), else unchanged. True when
    // the row writes; a dry run counts alike and writes nothing.
    bool count(bool matched, bool changes) {
        ++(!matched ? added : changes ? updated : unchanged);
        return !matched || changes;
    }
};

// The source of the external ids of a file read without rules, or with rules that name none.
inline constexpr std::string_view csv_source = "csv";

// Header → field mapping for one import kind.
struct CsvSchema {
    std::string kind;                            // account, contract, …: a rules file's kind
    std::vector<std::string> fields;             // field names, e.g. name, key, segment
    std::vector<std::string> dates, amounts;     // the fields a rules file's formats apply to
    std::vector<std::string> durations;          // notice periods, read as exports write them (90 days)
    std::map<std::string, std::string> aliases;  // normalized header → field
    // Headers (normalized) that mean `field`, given as a list or as one text separated by |.
    void alias(std::string_view field, std::initializer_list<std::string_view> headers);
    void alias(std::string_view field, std::string_view headers_separated_by_bar);
};

// The field --map 'Header=field' gives to a header that is ignored ('Header=-').
inline constexpr std::string_view ignored_field = "-";

// Parses --map 'Header=field' arguments; UsageError for an unknown field.
std::map<std::string, std::string> parse_header_map(const std::vector<std::string>& maps,
                                                    const CsvSchema& schema);

struct MappedHeader {
    std::vector<int> field_of_column;  // index into schema.fields, or -1 for ignored
    std::vector<std::string> ignored;  // headers that matched no field
};
// Each column's field: --map first, then the rules' [fields] (the first header present of
// each field's list), then the schema's aliases and names. UsageError when two columns map
// to one field.
MappedHeader map_header(const std::vector<std::string>& header, const CsvSchema& schema,
                        const std::map<std::string, std::string>& explicit_map,
                        const ImportRules* rules = nullptr);

// The header line of a file read as `rules` say (encoding, lines to skip, delimiter).
std::vector<std::string> read_csv_header(std::istream& in, const ImportRules* rules);

// Row errors of an import: the first 50 are kept, all are counted.
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

// Called with the number of rows read so far, every few thousand rows and at the end.
using ImportProgress = std::function<void(std::size_t rows, bool done)>;
inline constexpr std::size_t import_progress_every = 10000;

// One CSV import: the header mapped to the schema's fields, then every row parsed by the
// import into its record. Errors of every bad row are collected (ImportErrors) and thrown
// together at the end, so that nothing is kept.
class ImportReader {
public:
    // Reads and maps the header; UsageError for an empty file, a bad --map or rules that do
    // not fit the import.
    ImportReader(std::istream& in, const CsvSchema& schema, const CsvImportOptions& options);

    // A row's cells by field: unset when the column is absent or the cell is blank.
    struct Row {
        int line = 0;
        std::vector<std::optional<std::string>> cells;  // by schema field index
        const std::optional<std::string>& operator[](std::string_view field) const;
        // The cell without surrounding blanks (for values whose parsers do not trim).
        std::optional<std::string> trimmed(std::string_view field) const;
        // The cell of a field every row needs; UsageError "line 3, column Date: must not be empty".
        const std::string& required(std::string_view field) const;
        // "line 3, column Tier:" — the header of the column that gave the field.
        std::string label(std::string_view field) const;
        // A date cell every row needs, as parse_import_date reads it.
        Date date(std::string_view field, Date today) const;
        // parse(label) for the field's cell, e.g. [&](auto label) { return parse_date(d, today, label); }.
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
    // The system whose external ids the file carries: the rules' source, else csv_source.
    std::string source() const;
    // True when the rules say account_by = "email".
    bool account_by_email() const { return rules_ && rules_->account_by == "email"; }
    // UsageError "line 1: no date column (found …)" unless a column gives each of `fields`.
    void require(std::initializer_list<std::string_view> fields) const;

    // Parses every row into a Record on a second thread while `write` stores the records on
    // this one, a batch at a time: reading and checking a row costs about what SQLite's insert
    // of it does, so the two overlap on two cores. So `parse` must not use the database (one
    // connection, one thread): what it checks against was loaded before (an AccountIndex).
    // A UsageError from `parse` is that row's error. Records stop coming once a row was bad;
    // the errors of every row are thrown together at the end and the caller's transaction
    // rolls back what was written. Without `write` (a dry run) every row is parsed and checked
    // the same and nothing is written. Returns the number of records. `progress` (optional)
    // hears the number of rows read every few thousand rows and at the end.
    template <class Record>
    std::size_t read(const std::function<Record(const Row&)>& parse,
                     const std::function<void(std::vector<Record>&)>& write,
                     const ImportProgress& progress = {}) {
        auto batch = std::make_shared<std::vector<Record>>();
        std::function<void(void*)> write_batch;
        if (write) write_batch = [&](void* records) { write(*static_cast<std::vector<Record>*>(records)); };
        return run([&](const Row& row) { batch->push_back(parse(row)); },
                   [&] { return std::exchange(batch, std::make_shared<std::vector<Record>>()); }, write_batch,
                   progress);
    }

private:
    // The engine under read(), the same for every record type: `keep` parses a row and keeps
    // its record, `take` hands over the records kept so far as one batch, which `write` gets.
    using Batch = std::shared_ptr<void>;
    std::size_t run(const std::function<void(const Row&)>& keep, const std::function<Batch()>& take,
                    const std::function<void(void*)>& write, const ImportProgress& progress);
    // Calls `handle` for each row; a UsageError it throws is collected as that row's error.
    void for_each_row(const std::function<void(const Row&)>& handle, const ImportProgress& progress);
    bool has_errors() const { return !errors_.empty(); }
    std::size_t index_of(std::string_view field) const;
    // The rules' checks against the schema (kind, field names), before the file is read.
    void check_rules(const ImportRules& rules) const;
    // After the header: the header rows to skip, and what the rules do to each column.
    void apply_rules(const ImportRules& rules);
    // Without rules: the amount columns, whose separators are read only where they are plain,
    // and the notice periods.
    void convert_columns();
    // False for a row that [skip_rows] leaves out; the cells rewritten into acm's forms, and
    // what the file wrote in written_.
    bool rewrite(std::vector<std::string>& cells, int line);
    // A bad row's error, quoting a converted cell as the file wrote it; or the encoding's when
    // the row's cells are not UTF-8 (a file in another encoding that its header did not show).
    std::string row_error(const UsageError& error, const std::vector<std::string>& raw, const Row& row) const;

    const CsvSchema& schema_;
    std::optional<ImportRules> rules_;
    std::unique_ptr<std::istream> decoded_;  // the input converted to UTF-8, when it is not
    CsvReader reader_;
    std::vector<std::string> header_;
    MappedHeader mapped_;
    std::vector<std::string> column_of_field_;  // header text of the column that gives each field
    // What the rules do to a column's cells, by column; empty without rules.
    struct Rewrite {
        const std::map<std::string, std::string>* values = nullptr;  // [values.FIELD]
        const std::vector<std::string>* skip = nullptr;              // [skip_rows]
        bool date = false, amount = false, duration = false;
    };
    std::vector<Rewrite> rewrites_;
    // The row's cells as the file wrote them, by column, where rewrite() changed them: an
    // error about a converted cell quotes the cell as written (0, not the 0d it became).
    std::vector<std::optional<std::string>> written_;
    std::optional<std::size_t> default_currency_;  // the currency field, filled from the rules
    // A header of one column read with a guessed delimiter: a ';' in a row may be the real one.
    bool one_guessed_column_ = false;
    ImportErrors errors_;
};

struct AccountMatches;  // account.hpp

// Every account's key, id and name, loaded once; resolves as resolve_account does (the
// same syntax and choice: parse_account_reference, choose_account) but without a query
// per row, and from an import's reading thread.
class AccountIndex {
public:
    // For the file `reader` reads: the external ids its source's imports stored name
    // accounts too, and with the rules' account_by = "email" a reference with an @ is an
    // e-mail address, naming the account of the contact that has it, else the account whose
    // domain is the address's.
    AccountIndex(Database& db, const ImportReader& reader);
    // UsageError (a bad import cell): "no account X" or "account X is ambiguous".
    std::int64_t resolve(std::string_view reference, std::string_view label) const;
    // The account that a row's `field`, which every row needs, names.
    std::int64_t resolve(const ImportReader::Row& row, std::string_view field) const;
    // The account with exactly this key, as find_account_by_key.
    std::optional<std::int64_t> find_key(std::string_view key) const;
    // The key of an account the index holds.
    const std::string& key_of(std::int64_t id) const { return key_of_.at(id); }

private:
    // Looked up by string_view without a copy of each row's cell (C++20 heterogeneous lookup).
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> by_key_;
    std::unordered_map<std::string, std::vector<std::int64_t>> by_name_;  // lowercase name
    std::unordered_map<std::int64_t, std::string> key_of_;
    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> by_external_id_;
    std::string source_;  // the system whose external ids by_external_id_ holds
    bool by_email_ = false;
    std::unordered_map<std::string, std::vector<std::int64_t>> by_contact_email_;  // lowercase
    std::unordered_map<std::string, std::vector<std::int64_t>> by_domain_;
    std::int64_t resolve_email(const std::string& email, std::string_view label) const;
    // `account`, whose external id `text` is, unless `matches` (its reading as an id, key or
    // name) name another account too: UsageError "account X is ambiguous: …".
    std::int64_t resolve_external_id(const std::string& text, std::int64_t account,
                                     const AccountMatches& matches, std::string_view label) const;
};

// The rows of one table that an earlier import from one source stored with an external id,
// loaded once, and the external ids seen so far in the file. Used from an import's reading
// thread, like AccountIndex.
class ExternalIds {
public:
    // `table` is one of acm's own table names, never user input.
    ExternalIds(Database& db, std::string_view table, std::string source);
    const std::string& source() const { return source_; }
    // The row's external_id cell, checked; UsageError when an earlier line of the file has it.
    std::optional<std::string> of(const ImportReader::Row& row);
    // The row an earlier import stored with this external id.
    std::optional<std::int64_t> find(std::string_view external_id) const;

private:
    std::string source_;
    std::unordered_map<std::string, std::int64_t> rows_;
    std::unordered_map<std::string, int> lines_;  // external id → the line of the file that gave it
};

// Stores the external id of a row an import added or matched, unless it has one already.
// takes_external_id: true when set_external_id would store it.
bool takes_external_id(Database& db, std::string_view table, std::int64_t row_id,
                       const std::optional<std::string>& external_id);
void set_external_id(Database& db, std::string_view table, std::int64_t row_id, const std::string& source,
                     const std::optional<std::string>& external_id);

// A date cell: YYYY-MM-DD, or a date with a time as survey tools and BI exports write it
// (2026-11-03T10:22:00, 2026-11-03 10:22, with a fraction and Z or an offset), whose date
// part counts. Relative dates (today, +30d) are refused: a file means the day it was
// written, not the day it is imported. So is any other form (03/04/2024: day or month
// first?), naming date_formats, the rules setting that says how the file writes dates.
Date parse_import_date(std::string_view text, Date today, std::string_view label);

// A boolean cell: true/false, yes/no, y/n, 1/0, x (a ticked box), in any case.
bool parse_import_flag(std::string_view text, std::string_view label);

// acm's CSV writes a text cell that begins with = + - @ TAB CR or LF behind a ' (a formula
// guard for spreadsheets); an import takes the ' off again, so that its exports import back
// unchanged.
void remove_formula_guard(std::string& cell);

// The write stage of an import that only inserts into `table` (feedback, usage): the
// triggers that give a changed account a new version are suspended (FiguresDeferred), and
// touched() notes the accounts instead, one statement each at the end rather than one per
// row; finish() puts the triggers back and records one audit event for the import: a
// million rows make a million entries, not a million events. For undo, the rows are logged
// as one range of rowids (BulkLoad), not row by row.
// With foreign keys off (ForeignKeysOff, made by the caller before its transaction), SQLite
// neither looks up the account of each row nor keeps a journal of each multi-row INSERT to
// undo that statement alone should a row's account be missing; finish() checks each account
// touched() named instead, and refuses the whole load if one is not there.
class TableLoad {
public:
    TableLoad(Database& db, std::string table);
    void touched(std::int64_t account_id) { figures_.touched(account_id); }
    void finish(const Actor& actor, std::size_t rows);

private:
    Database& db_;
    std::string table_;
    FiguresDeferred figures_;
    BulkLoad bulk_;
    std::int64_t rowid_before_;
    bool foreign_keys_off_;
};

// An import is one transaction: its changed pages stay in the page cache until COMMIT.
// With SQLite's default 2 MB cache, a large import's pages spill to the WAL mid-transaction
// and are read back again and again; this raises the connection's cache to 128 MB, which
// SQLite takes only as pages are used. Only for imports: a reader streaming a million rows
// must stay in constant memory.
void use_import_page_cache(Database& db);

}  // namespace acm
