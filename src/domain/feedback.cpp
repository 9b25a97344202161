// Feedback, its follow-ups and surveys.
#include "acm/domain/feedback.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <span>
#include <utility>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/listing.hpp"
#include "cells.hpp"
#include "acm/store/filter_sql.hpp"

namespace acm {

const std::vector<std::string>& feedback_kinds() {
    static const std::vector<std::string> values = {"praise", "complaint", "request", "comment"};
    return values;
}

const std::vector<std::string>& feedback_types() {
    static const std::vector<std::string> values = {"nps", "csat", "ces"};
    return values;
}

namespace {

struct ScoreRange {
    int min, max;
    const char* name;
};

ScoreRange score_range(std::string_view type) {
    if (type == "nps") return {0, 10, "NPS"};
    if (type == "csat") return {1, 5, "CSAT"};
    return {1, 7, "CES"};
}

// OR FAIL: a row that breaks a constraint fails the whole command all the same, and SQLite
// then keeps no journal of each statement to undo it alone (a file write per batch of rows).
constexpr const char* insert_sql =
    "INSERT OR FAIL INTO feedback (account_id, date, type, score, kind, text, contact, category, negative, "
    "follow_up, external_source, external_id) VALUES ";
constexpr int insert_columns = 12;

std::string insert_rows_sql(std::size_t rows) {
    return fmt::format("{}{}", insert_sql,
                       fmt::join(std::vector<std::string>(rows, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), ", "));
}

// Binds one entry's values to the parameters after `first`.
void bind_row(Statement& stmt, int first, const FeedbackEntry& entry) {
    const FeedbackFields& fields = entry.fields;
    bool negative = is_negative(fields.type, fields.score, fields.kind);
    std::optional<std::int64_t> score;
    if (fields.score) score = *fields.score;
    stmt.bind(first + 1, entry.account_id).bind_unowned(first + 2, entry.date).bind_unowned(first + 3, fields.type);
    stmt.bind(first + 4, score).bind_unowned(first + 5, fields.kind).bind_unowned(first + 6, fields.text);
    stmt.bind_unowned(first + 7, fields.contact).bind_unowned(first + 8, fields.category);
    stmt.bind(first + 9, std::int64_t{negative});
    // A literal: static storage, as an unowned binding needs.
    if (negative)
        stmt.bind_unowned(first + 10, std::string_view("open"));
    else
        stmt.bind(first + 10, nullptr);
    stmt.bind_unowned(first + 11, entry.external_source).bind_unowned(first + 12, entry.external_id);
}

void insert(Statement& stmt, std::int64_t account_id, const FeedbackFields& fields) {
    FeedbackEntry entry(account_id, fields);
    stmt.reset();
    bind_row(stmt, 0, entry);
    stmt.run();
}

}  // namespace

FeedbackEntry::FeedbackEntry(std::int64_t account, FeedbackFields entry_fields)
    : account_id(account), fields(std::move(entry_fields)), date(format_date(fields.date)) {}

FeedbackInsert::FeedbackInsert(Database& db) : db_(db), full_(db.prepare(insert_rows_sql(batch_rows))) {}

void FeedbackInsert::insert(std::span<const FeedbackEntry> entries) {
    while (!entries.empty()) {
        std::size_t rows = std::min(entries.size(), batch_rows);
        std::optional<Statement> shorter;  // the last rows of the file
        if (rows < batch_rows) shorter.emplace(db_.prepare(insert_rows_sql(rows)));
        Statement& stmt = shorter ? *shorter : full_;
        stmt.reset();
        for (std::size_t i = 0; i < rows; ++i) bind_row(stmt, static_cast<int>(i) * insert_columns, entries[i]);
        stmt.run();
        entries = entries.subspan(rows);
    }
}

int parse_score(std::string_view text, std::string_view type, std::string_view field) {
    ScoreRange range = score_range(type);
    try {
        return static_cast<int>(parse_integer(trim(text), range.min, range.max, field));
    } catch (const UsageError&) {
        throw UsageError(fmt::format("{} {} is not a valid {} score (expected a whole number from {} to {})",
                                     field, quote_value(text), range.name, range.min, range.max));
    }
}

bool is_negative(const std::optional<std::string>& type, std::optional<int> score,
                 const std::optional<std::string>& kind) {
    if (kind == "complaint") return true;
    if (!type || !score) return false;
    if (*type == "nps") return *score <= 6;
    if (*type == "csat") return *score <= 2;
    return *score >= 5;  // ces: high effort
}

void require_score_or_text(bool has_score, bool has_text) {
    if (!has_score && !has_text) throw UsageError("give a score (--nps, --csat or --ces), a --text, or both");
}

std::optional<std::string> follow_up_after(bool negative, const std::optional<std::string>& follow_up,
                                           bool has_notes) {
    if (negative) return follow_up.value_or("open");
    return has_notes ? follow_up : std::nullopt;
}

std::int64_t add_feedback(Database& db, const Actor& actor, std::int64_t account_id,
                          const FeedbackFields& fields) {
    require_score_or_text(fields.score.has_value(), fields.text.has_value());
    auto stmt = db.prepare(insert_rows_sql(1));
    insert(stmt, account_id, fields);
    std::int64_t id = db.last_insert_id();
    Changes changes;
    changes.set("account", account_key_of(db, account_id)).set("date", format_date(fields.date));
    if (fields.type) changes.set(*fields.type, std::to_string(*fields.score));
    if (fields.kind) changes.set("kind", fields.kind);
    if (fields.text) changes.set("text", fields.text);
    if (fields.contact) changes.set("contact", fields.contact);
    if (fields.category) changes.set("category", fields.category);
    if (auto follow_up =
            follow_up_after(is_negative(fields.type, fields.score, fields.kind), std::nullopt, false))
        changes.set("follow_up", follow_up);
    record_event(db, actor, {"feedback", std::to_string(id), account_id, "add"}, changes);
    return id;
}

void follow_up_feedback(Database& db, const Actor& actor, std::int64_t id, const std::string& note, bool done,
                        Date date) {
    auto stmt = db.prepare("SELECT account_id, follow_up FROM feedback WHERE id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no feedback with id {}", id));
    std::int64_t account_id = stmt.integer(0);
    std::optional<std::string> before = stmt.optional_text(1);
    std::string after = done ? "done" : before.value_or("open");
    db.prepare("INSERT INTO feedback_follow_ups (feedback_id, date, note, done) VALUES (?, ?, ?, ?)")
        .bind_all(id, format_date(date), note, std::int64_t{done})
        .run();
    db.prepare(
          "UPDATE feedback SET follow_up = ?, follow_up_done_on = coalesce(follow_up_done_on, ?) WHERE id = "
          "?")
        .bind_all(after, done ? std::optional(format_date(date)) : std::nullopt, id)
        .run();
    Changes changes;
    changes.set("note", note).change("follow_up", before, after);
    record_event(db, actor, {"feedback", std::to_string(id), account_id, "follow-up"}, changes);
}

std::int64_t add_survey(Database& db, const Actor& actor, std::int64_t account_id, const std::string& type,
                        std::int64_t sent, Date date) {
    db.prepare("INSERT INTO surveys (account_id, type, sent, date) VALUES (?, ?, ?, ?)")
        .bind_all(account_id, type, sent, format_date(date))
        .run();
    std::int64_t id = db.last_insert_id();
    record_event(db, actor, {"survey", std::to_string(id), account_id, "add"},
                 Changes()
                     .set("account", account_key_of(db, account_id))
                     .set("type", type)
                     .set("sent", std::to_string(sent))
                     .set("date", format_date(date)));
    return id;
}

namespace {

// --nps, --csat or --ces: a score of that type, shown in events under the type's name.
RecordField score_field(const char* type, std::string_view help) {
    return custom_field(
        type, {{"type"}, {"score", true}}, help,
        [type](std::string_view text, std::string_view label, const FieldBasis&) -> FieldValue {
            return Score{type, parse_score(text, type, label)};
        },
        false,
        [type](std::span<const ColumnValue> values) -> std::optional<std::string> {
            const auto* of = std::get_if<std::string>(&values[0]);
            const auto* score = std::get_if<std::int64_t>(&values[1]);
            if (!of || *of != type || !score) return std::nullopt;
            return std::to_string(*score);
        });
}

// The notes of an entry's follow-up.
std::int64_t follow_up_notes(Database& db, std::int64_t id) {
    auto count = db.prepare("SELECT count(*) FROM feedback_follow_ups WHERE feedback_id = ?");
    count.bind(1, id);
    return count.step() ? count.integer(0) : 0;
}

}  // namespace

const RecordTable& feedback_fields() {
    static const RecordTable table{
        .entity = "feedback",
        .noun = "feedback",
        .table = "feedback",
        .fields =
            {
                date_field("date", "date", "When: YYYY-MM-DD, yesterday, -3d, …"),
                score_field("nps", "NPS answer, 0 to 10"),
                score_field("csat", "CSAT answer, 1 to 5"),
                score_field("ces", "CES answer, 1 to 7 (7: most effort)"),
                choice_field("kind", "kind", "praise, complaint, request or comment", feedback_kinds, true),
                text_field("text", "text", "What the customer said", 10000, true),
                text_field("contact", "contact", "Who said it", 200, true),
                text_field("category", "category", "A category of your own, e.g. reporting, billing", 200,
                           true),
                derived_field("negative", {"negative", true},
                              [](std::span<const ColumnValue> values) -> std::optional<std::string> {
                                  return std::get<std::int64_t>(values[0]) ? "true" : "false";
                              }),
                derived_field("follow_up", {"follow_up"}),
            },
        .complete =
            [](Database& db, std::int64_t id, RecordRow& row) {
                std::optional<int> score;
                if (auto value = row.integer("score")) score = static_cast<int>(*value);
                require_score_or_text(score.has_value(), row.text("text").has_value());
                bool negative = is_negative(row.text("type"), score, row.text("kind"));
                row["negative"] = std::int64_t{negative};
                auto follow_up =
                    follow_up_after(negative, row.text("follow_up"), follow_up_notes(db, id) > 0);
                row["follow_up"] = follow_up ? ColumnValue{*follow_up} : ColumnValue{};
            },
        // The follow-up's notes cascade with the entry.
        .before_remove =
            [](Database& db, std::int64_t id, Changes& changes) {
                if (auto notes = follow_up_notes(db, id))
                    changes.set("follow_up_notes", std::to_string(notes));
            },
    };
    return table;
}

const RecordTable& survey_fields() {
    static const RecordTable table{
        .entity = "survey",
        .noun = "survey",
        .table = "surveys",
        .fields =
            {
                choice_field("type", "type", "nps, csat or ces", feedback_types),
                integer_field("sent", "sent", "How many were sent", 1, 1'000'000'000),
                date_field("date", "date", "When (default today)"),
            },
    };
    return table;
}

static const Listing& feedback_listing() {
    static const Listing listing({
        {{"id", Kind::integer}, "f.id"},
        {{"account", Kind::text}, "a.key"},
        {{.name = "date", .kind = Kind::date, .priority = 1}, "f.date"},
        {{.name = "type", .kind = Kind::text, .priority = 1}, "f.type"},
        {{.name = "score", .kind = Kind::integer, .priority = 1}, "f.score"},
        {{"kind", Kind::text}, "f.kind"},
        {{"category", Kind::text}, "f.category"},
        {{"contact", Kind::text, false}, "f.contact"},
        {{.name = "text", .kind = Kind::text, .priority = 2}, "f.text"},
        {{.name = "negative", .kind = Kind::boolean, .priority = 1}, "f.negative"},
        {{"follow_up", Kind::text}, "f.follow_up"},
        {{"follow_up_done_on", Kind::date, false}, "f.follow_up_done_on"},
    });
    return listing;
}

std::vector<Column> feedback_columns() { return feedback_listing().columns(); }

void for_each_feedback(Database& db, const FeedbackFilter& filter, int limit,
                       const std::function<void(Row&&)>& emit) {
    const Listing& listing = feedback_listing();
    auto stmt = db.prepare(
        "SELECT " + listing.select_list() + " FROM feedback f JOIN accounts a ON a.id = f.account_id "
        "WHERE " + match_if(filter.account_id.has_value(), "f.account_id", 1) +
        " AND (?2 IS NULL OR f.kind = ?2) AND (?3 IS NULL OR f.type = ?3) "
        "AND (?4 IS NULL OR f.date >= ?4) AND (?5 = 0 OR f.negative = 1) AND (?6 = 0 OR f.follow_up = 'open') "
        "ORDER BY f.date DESC, f.id DESC LIMIT ?7");
    std::optional<std::string> since;
    if (filter.since) since = format_date(*filter.since);
    stmt.bind_all(filter.account_id, filter.kind, filter.type, since, std::int64_t{filter.negative_only},
                  std::int64_t{filter.open_only}, limit > 0 ? std::int64_t{limit} : std::int64_t{-1});
    while (stmt.step()) emit(listing.row(stmt));
}

static const Listing& survey_listing() {
    static const Listing listing({
        {{"id", Kind::integer}, "s.id"},
        {{"account", Kind::text}, "a.key"},
        {{"date", Kind::date}, "s.date"},
        {{"type", Kind::text}, "s.type"},
        {{"sent", Kind::integer}, "s.sent"},
    });
    return listing;
}

std::vector<Column> survey_columns() { return survey_listing().columns(); }

void for_each_survey(Database& db, std::optional<std::int64_t> account_id,
                     const std::function<void(Row&&)>& emit) {
    const Listing& listing = survey_listing();
    auto stmt = db.prepare(
        "SELECT " + listing.select_list() + " FROM surveys s JOIN accounts a ON a.id = s.account_id "
        "WHERE " + match_if(account_id.has_value(), "s.account_id", 1) + " ORDER BY s.date DESC, s.id DESC");
    stmt.bind(1, account_id);
    while (stmt.step()) emit(listing.row(stmt));
}

}  // namespace acm
