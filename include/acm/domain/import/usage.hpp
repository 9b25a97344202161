#pragma once
// acm account usage import: usage metrics from CSV (acm-account(1)).
#include <cstddef>
#include <istream>

#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/store/db.hpp"

namespace acm {

// Columns account, date, active_users, logins, adoption. All-or-nothing as every import
// (pipeline.hpp). A day that has usage already, in the workspace or on an earlier line of
// the file, is a row error. One audit event for the whole import. Returns the rows added
// (with dry_run: that would be).
std::size_t import_usage(Database& db, const Actor& actor, std::istream& in, Date today,
                         const CsvImportOptions& options, const ImportProgress& progress);

}  // namespace acm
