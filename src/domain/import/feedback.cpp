// acm feedback import: survey-tool exports from CSV, all-or-nothing.
#include "acm/domain/import/feedback.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/edit.hpp"
#include "acm/domain/feedback.hpp"
#include "acm/domain/import/pipeline.hpp"

namespace acm {

namespace {

const CsvSchema& feedback_schema() {
    static const CsvSchema schema = [] {
        CsvSchema s;
        s.kind = "feedback";
        s.dates = {"date"};
        s.fields = {"account", "date", "nps",  "csat",     "ces",     "score",
                    "type",    "text", "kind", "category", "contact", "external_id"};
        s.alias("account", {"account key", "account name", "company", "company name", "customer",
                            "customer name", "associated company", "organization name"});
        s.alias("date", {"response date", "submitted", "submitted at", "submission date", "created at",
                         "timestamp", "submit date (utc)"});
        s.alias("nps", {"nps score", "likelihood to recommend"});
        s.alias("csat", {"csat score", "satisfaction"});
        s.alias("ces", {"ces score", "effort", "customer effort"});
        s.alias("score", {"rating", "value"});
        s.alias("text", {"comment", "comments", "feedback", "verbatim", "response"});
        s.alias("kind", {"feedback kind", "feedback type"});
        s.alias("category", {"topic", "theme"});
        s.alias("contact", {"respondent", "respondent name", "email", "name"});
        s.alias("type", {"score type", "survey type"});
        s.alias("external_id", {"external id", "response id"});
        return s;
    }();
    return schema;
}

// The responses in the workspace by what they say (account, date, type, score and text),
// each with how many times it is there: a response without an id in a file is the same
// response when all of these are the same, and a file that has two such rows has them twice.
// Loaded once; used from the reading thread. What is kept of each stored response is a
// 128-bit fingerprint of it (two independent 64-bit hashes), sorted: a million responses
// take 16 MB, not the texts themselves, and two different responses share a fingerprint
// with a chance of about one in 10^25.
class StoredResponses {
public:
    explicit StoredResponses(Database& db) {
        auto stmt = db.prepare("SELECT account_id, date, type, score, text FROM feedback");
        while (stmt.step())
            stored_.push_back(fingerprint(key(stmt.integer(0), stmt.text(1), stmt.optional_text(2),
                                              stmt.optional_integer(3), stmt.optional_text(4))));
        std::sort(stored_.begin(), stored_.end());
    }
    // True when the workspace has the entry, which then counts as found once.
    bool take(const FeedbackEntry& entry) {
        if (stored_.empty()) return false;
        const auto& fields = entry.fields;
        std::optional<std::int64_t> score;
        if (fields.score) score = *fields.score;
        Fingerprint print = fingerprint(key(entry.account_id, entry.date, fields.type, score, fields.text));
        auto [first, last] = std::equal_range(stored_.begin(), stored_.end(), print);
        auto stored = static_cast<std::size_t>(last - first);
        if (stored == 0) return false;
        std::size_t& taken = taken_[print];
        if (taken == stored) return false;
        ++taken;
        return true;
    }

private:
    using Fingerprint = std::pair<std::uint64_t, std::uint64_t>;
    struct FingerprintHash {
        std::size_t operator()(const Fingerprint& print) const { return print.first; }
    };
    // The values joined by a separator; the text, which may hold anything, comes last.
    static std::string key(std::int64_t account_id, const std::string& date, const std::optional<std::string>& type,
                           std::optional<std::int64_t> score, const std::optional<std::string>& text) {
        return fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}", account_id, date, type.value_or(""),
                           score ? std::to_string(*score) : "", text ? "t" + *text : "");
    }
    // The standard library's hash and 64-bit FNV-1a.
    static Fingerprint fingerprint(const std::string& key) {
        std::uint64_t fnv = 14695981039346656037ull;
        for (unsigned char c : key) fnv = (fnv ^ c) * 1099511628211ull;
        return {std::hash<std::string>{}(key), fnv};
    }
    std::vector<Fingerprint> stored_;                                    // sorted
    std::unordered_map<Fingerprint, std::size_t, FingerprintHash> taken_;  // matched so far, by fingerprint
};

}  // namespace

ImportCounts import_feedback(Database& db, const Actor& actor, std::istream& in, Date today,
                             const FeedbackImportOptions& options, const ImportProgress& progress) {
    ImportCounts counts;
    ImportReader reader(in, feedback_schema(), options);
    reader.require({"account", "date"});
    if (reader.has("score") && !options.type && !reader.has("type"))
        throw UsageError(fmt::format("line 1: a {} column needs a type column or --type nps, csat or ces",
                                     quote_value(reader.column("score"))));
    if (!reader.has("nps") && !reader.has("csat") && !reader.has("ces") && !reader.has("score") &&
        !reader.has("text"))
        throw UsageError(
            fmt::format("line 1: no score (nps, csat, ces or score) and no text column (found {})",
                        join_choices(reader.header())));
    AccountIndex accounts(db, reader);
    ExternalIds external_ids(db, "feedback", reader.source());
    // Read before the import's large page cache is set: the whole table passes through.
    StoredResponses stored(db);
    use_import_page_cache(db);

    auto parse = [&](const ImportReader::Row& row) {
        std::int64_t account_id = accounts.resolve(row, "account");
        FeedbackFields fields;
        fields.date = row.date("date", today);
        // A type column says what each row's score is, whatever --type says for the file.
        std::optional<std::string> row_type = options.type;
        if (auto type = row.trimmed("type"))
            row_type = row.parse("type", [&](auto label) {
                return parse_choice(choice_ignoring_case(*type, feedback_types()), feedback_types(), label);
            });
        for (std::string field : {"nps", "csat", "ces", "score"}) {
            auto value = row.trimmed(field);
            if (!value) continue;
            if (field == "score" && !row_type)
                throw UsageError(fmt::format("{} needs a type (nps, csat or ces) in the type column or --type",
                                             row.label("score")));
            std::string type = field == "score" ? *row_type : field;
            if (fields.type)
                throw UsageError(fmt::format("{} a second score in one row (one of nps, csat, ces or score)",
                                             row.label(field)));
            fields.type = type;
            fields.score = row.parse(field, [&](auto label) { return parse_score(*value, type, label); });
        }
        if (auto kind = row.trimmed("kind"))
            fields.kind = row.parse("kind", [&](auto label) {
                return parse_choice(choice_ignoring_case(*kind, feedback_kinds()), feedback_kinds(), label);
            });
        auto text_cell = [&](const char* field, std::size_t max_bytes) -> std::optional<std::string> {
            const auto& cell = row[field];  // checked_text trims it
            if (!cell) return std::nullopt;
            return row.parse(field, [&](auto label) { return checked_text(*cell, label, max_bytes); });
        };
        fields.text = text_cell("text", 10000);
        fields.category = text_cell("category", 200);
        fields.contact = text_cell("contact", 200);
        if (!fields.score && !fields.text)
            throw UsageError(fmt::format("line {}: no score and no text", row.line));
        FeedbackEntry entry(account_id, std::move(fields));
        entry.external_id = external_ids.of(row);
        if (entry.external_id) {
            entry.external_source = external_ids.source();
            entry.already_stored = external_ids.find(*entry.external_id).has_value();
        } else {
            entry.already_stored = stored.take(entry);
        }
        if (entry.already_stored) ++counts.unchanged;
        return entry;
    };
    // With --upsert, the responses matched by their id take the file's values after the bulk
    // load, through feedback edit's one path (negative, follow-up, an event per change, undo);
    // a dry run keeps them too, to count those that would change.
    std::vector<std::pair<std::int64_t, FeedbackEntry>> matched;
    auto keep_matched = [&](std::vector<FeedbackEntry>& entries) {
        for (auto& entry : entries)
            if (entry.already_stored && entry.external_id && options.upsert)
                matched.emplace_back(*external_ids.find(*entry.external_id), std::move(entry));
        std::erase_if(entries, [](const FeedbackEntry& entry) { return entry.already_stored; });
    };
    // A matched response that the file changes counts as updated, and is updated unless in a
    // dry run; edit_changes_record and edit_record decide alike.
    auto update_matched = [&] {
        for (const auto& match : matched) {
            const FeedbackEntry& entry = match.second;
            const auto& fields = entry.fields;
            FieldTexts given{{"date", entry.date}};
            if (fields.type && fields.score) given.emplace_back(*fields.type, std::to_string(*fields.score));
            if (fields.kind) given.emplace_back("kind", *fields.kind);
            if (fields.text) given.emplace_back("text", *fields.text);
            if (fields.contact) given.emplace_back("contact", *fields.contact);
            if (fields.category) given.emplace_back("category", *fields.category);
            const FieldBasis basis{today, {}};
            if (!edit_changes_record(db, feedback_fields(), match.first, given, basis)) continue;
            ++counts.updated;
            --counts.unchanged;
            if (!options.dry_run) edit_record(db, actor, feedback_fields(), match.first, given, basis);
        }
    };
    if (options.dry_run) {
        std::function<void(std::vector<FeedbackEntry>&)> keep;
        if (options.upsert) keep = keep_matched;
        counts.added = reader.read<FeedbackEntry>(parse, keep, progress) - counts.unchanged;
        update_matched();
        return counts;
    }

    // Once the import outgrows an eighth of the table, its indexes are dropped and built
    // again at the end (one sort each) instead of taking each key in random order, which
    // touches a different index page for almost every row.
    const std::int64_t existing_rows = [&] {
        auto count = db.prepare("SELECT count(*) FROM feedback");
        return count.step() ? count.integer(0) : 0;
    }();
    const std::size_t defer_indexes_at =
        std::max<std::size_t>(10'000, static_cast<std::size_t>(existing_rows / 8));
    std::size_t& added = counts.added;
    {
        TableLoad load(db, "feedback");
        std::optional<DeferredSchema> deferred;
        FeedbackInsert insert(db);
        reader.read<FeedbackEntry>(
            parse,
            [&](std::vector<FeedbackEntry>& entries) {
                keep_matched(entries);
                for (const auto& entry : entries) load.touched(entry.account_id);
                insert.insert(entries);
                added += entries.size();
                if (added >= defer_indexes_at && !deferred)
                    deferred.emplace(db, "feedback", DeferredSchema::Objects::indexes);
            },
            progress);
        // Here every row was good: read() threw otherwise.
        if (deferred) deferred->restore();
        load.finish(actor, added);
    }
    update_matched();
    return counts;
}

}  // namespace acm
