// acm feedback import: survey-tool exports from CSV, all-or-nothing.
#include "acm/domain/import/feedback.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/feedback.hpp"
#include "acm/domain/import/pipeline.hpp"

namespace acm {

namespace {

const CsvSchema& feedback_schema() {
    static const CsvSchema schema = [] {
        CsvSchema s;
        s.kind = "feedback";
        s.dates = {"date"};
        s.fields = {"account", "date", "nps", "csat", "ces", "score", "text", "kind", "category", "contact"};
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
        return s;
    }();
    return schema;
}

}  // namespace

std::size_t import_feedback(Database& db, const Actor& actor, std::istream& in, Date today,
                            const FeedbackImportOptions& options, const ImportProgress& progress) {
    ImportReader reader(in, feedback_schema(), options);
    reader.require({"account", "date"});
    if (reader.has("score") && !options.type)
        throw UsageError(fmt::format("line 1: a {} column needs --type nps, csat or ces",
                                     quote_value(reader.column("score"))));
    if (!reader.has("nps") && !reader.has("csat") && !reader.has("ces") && !reader.has("score") &&
        !reader.has("text"))
        throw UsageError(
            fmt::format("line 1: no score (nps, csat, ces or score) and no text column (found {})",
                        join_choices(reader.header())));
    AccountIndex accounts(db);
    use_import_page_cache(db);

    auto parse = [&](const ImportReader::Row& row) {
        std::int64_t account_id = accounts.resolve(row, "account");
        FeedbackFields fields;
        fields.date = row.date("date", today);
        for (std::string field : {"nps", "csat", "ces", "score"}) {
            auto value = row.trimmed(field);
            if (!value) continue;
            std::string type = field == "score" ? *options.type : field;
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
        return FeedbackEntry(account_id, std::move(fields));
    };
    if (options.dry_run) return reader.read<FeedbackEntry>(parse, nullptr, progress);

    // Once the import outgrows an eighth of the table, its indexes are dropped and built
    // again at the end (one sort each) instead of taking each key in random order, which
    // touches a different index page for almost every row.
    const std::int64_t existing_rows = [&] {
        auto count = db.prepare("SELECT count(*) FROM feedback");
        return count.step() ? count.integer(0) : 0;
    }();
    const std::size_t defer_indexes_at =
        std::max<std::size_t>(10'000, static_cast<std::size_t>(existing_rows / 8));
    TableLoad load(db, "feedback");
    std::optional<DeferredSchema> deferred;
    FeedbackInsert insert(db);
    std::size_t added = 0;
    reader.read<FeedbackEntry>(
        parse,
        [&](std::vector<FeedbackEntry>& entries) {
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
    return added;
}

}  // namespace acm
