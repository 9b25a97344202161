#pragma once
// Feedback: NPS, CSAT and CES scores, praise, complaints and requests, the follow-up of
// negative feedback, and surveys sent (acm-feedback(1)). The CSV import: import/feedback.hpp.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/edit.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

const std::vector<std::string>& feedback_kinds();  // praise, complaint, request, comment
const std::vector<std::string>& feedback_types();  // nps, csat, ces

// The score of a type: nps 0–10, csat 1–5, ces 1–7. UsageError otherwise:
//   "--nps 11 is not a valid NPS score (expected a whole number from 0 to 10)"
int parse_score(std::string_view text, std::string_view type, std::string_view field);

// Negative feedback, which opens a follow-up: NPS 0–6 (a detractor), CSAT 1–2, CES 5–7
// (high effort), or any feedback of kind complaint.
bool is_negative(const std::optional<std::string>& type, std::optional<int> score,
                 const std::optional<std::string>& kind);

// An entry has a score, a text or both: UsageError "give a score (--nps, --csat or --ces), a
// --text, or both" otherwise.
void require_score_or_text(bool has_score, bool has_text);

// The follow-up of an entry once it is (or is no longer) negative: a negative entry keeps its
// follow-up or gets an open one, as add gives it; an entry that is not negative has none, but
// one that someone worked on (it has notes) stays, as history.
std::optional<std::string> follow_up_after(bool negative, const std::optional<std::string>& follow_up,
                                           bool has_notes);

struct FeedbackFields {
    Date date;
    std::optional<std::string> type;  // with score
    std::optional<int> score;
    std::optional<std::string> kind, text, contact, category;
};
// Adds the entry (a score, a text or both: UsageError otherwise), opening its follow-up
// when it is negative. The caller owns the transaction.
std::int64_t add_feedback(Database& db, const Actor& actor, std::int64_t account_id,
                          const FeedbackFields& fields);

// A new entry as the INSERT binds it: its text cells are bound without a copy, so they live
// here until the statement has run. An import builds them on its reading thread.
struct FeedbackEntry {
    FeedbackEntry(std::int64_t account, FeedbackFields entry_fields);
    std::int64_t account_id;
    FeedbackFields fields;
    std::string date;  // ISO text of fields.date
    // The id the survey tool gave the response, and the tool's name (both or neither).
    std::optional<std::string> external_source, external_id;
    bool already_stored = false;  // an import found it in the workspace: not inserted again
};
// Inserts entries as they are, opening the follow-up of negative ones, without an audit
// event (an import records one for all its rows), 100 to a statement: SQLite's fixed cost
// of each execution (its start and end, and the CHECK constraints' IN lists, which it
// builds into a small temporary index every time) then falls on 100 rows instead of one.
// The caller owns the transaction.
class FeedbackInsert {
public:
    explicit FeedbackInsert(Database& db);
    void insert(std::span<const FeedbackEntry> entries);

private:
    static constexpr std::size_t batch_rows = 100;
    Database& db_;
    Statement full_;
};

// Adds a note to the follow-up of feedback `id` (opening one if it had none) and, with
// `done`, closes it on `date`. RuntimeError for an unknown id.
void follow_up_feedback(Database& db, const Actor& actor, std::int64_t id, const std::string& note, bool done,
                        Date date);

std::int64_t add_survey(Database& db, const Actor& actor, std::int64_t account_id, const std::string& type,
                        std::int64_t sent, Date date);

// The fields of a feedback entry and of a survey, and their rules, for add, edit and rm
// (edit.hpp). An edit of an entry decides again whether it is negative and what becomes of its
// follow-up (follow_up_after); its removal takes its follow-up notes with it.
const RecordTable& feedback_fields();
const RecordTable& survey_fields();

struct FeedbackFilter {
    std::optional<std::int64_t> account_id;
    std::optional<std::string> kind, type;
    std::optional<Date> since;
    bool negative_only = false;
    bool open_only = false;  // an open follow-up
};
std::vector<Column> feedback_columns();
// Newest first; `limit` 0 for all.
void for_each_feedback(Database& db, const FeedbackFilter& filter, int limit,
                       const std::function<void(Row&&)>& emit);

std::vector<Column> survey_columns();
void for_each_survey(Database& db, std::optional<std::int64_t> account_id,
                     const std::function<void(Row&&)>& emit);

}  // namespace acm
