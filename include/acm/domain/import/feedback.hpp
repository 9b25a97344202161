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

struct FeedbackImportOptions {
    std::optional<std::string> type;  // --type: the type of a `score` column
};
// All-or-nothing: rows are written as they are read, in the caller's transaction, and
// any bad row makes it throw (UsageError listing up to 20 rows) so that the caller's
// transaction rolls back. One audit event for the whole import. Returns the rows added.
std::size_t import_feedback(Database& db, const Actor& actor, std::istream& in, Date today,
                            const FeedbackImportOptions& options, const ImportProgress& progress);

}  // namespace acm
