#pragma once
// acm account usage import: usage metrics from CSV (acm-account(1)).
#include <cstddef>
#include <istream>

#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/store/db.hpp"

namespace acm {

// Columns account, date, active_users, logins, adoption. All-or-nothing as feedback import;
// a day already recorded (in the workspace or earlier in the file) is a row error.
std::size_t import_usage(Database& db, const Actor& actor, std::istream& in, Date today,
                         const ImportProgress& progress);

}  // namespace acm
