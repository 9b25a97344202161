#pragma once
// acm feedback import: survey-tool exports from CSV (acm-feedback(1)).
#include <cstddef>
#include <istream>
#include <optional>
#include <string>

#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/store/db.hpp"

namespace acm {

struct FeedbackImportOptions : CsvImportOptions {
    std::optional<std::string> type;  // --type: the type of a `score` column
};
// Columns account, date, a score (nps, csat, ces, or score with a type column or --type),
// type, text, kind, category, contact, external_id. All-or-nothing (pipeline.hpp): rows are
// written as they are parsed, in the caller's transaction, and any bad row makes it throw
// (UsageError listing up to 50 rows) so that the caller's transaction rolls back. One audit
// event for the whole import. A response the workspace has already (the same external id
// from the same source; without one, the same account, date, type, score and text) is left
// as it is: importing an export again adds nothing. Counts the rows added and those already
// there (with dry_run: that would be).
ImportCounts import_feedback(Database& db, const Actor& actor, std::istream& in, Date today,
                            const FeedbackImportOptions& options, const ImportProgress& progress);

}  // namespace acm
