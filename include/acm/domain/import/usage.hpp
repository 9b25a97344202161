#pragma once
// acm account usage import: usage metrics from CSV (acm-account(1)).
#include <cstddef>
#include <istream>

#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/store/db.hpp"

namespace acm {

// Columns account, date, active_users, logins, adoption, external_id. All-or-nothing as every
// import (pipeline.hpp). A row is an account's day: a day given twice in the file is a row
// error; a day the workspace has with the same values is left as it is, with other values
// it is a row error, or with `upsert` they replace the day's (an export that overlaps the
// one before). One audit event for the rows added and one for those replaced. Counts the
// rows added, updated and already there (with dry_run: that would be).
ImportCounts import_usage(Database& db, const Actor& actor, std::istream& in, Date today,
                         const CsvImportOptions& options, const ImportProgress& progress);

}  // namespace acm
