#pragma once
// acm account contact import: the people of CRM contact exports (acm-account(1)).
#include <istream>

#include "acm/domain/audit.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/store/db.hpp"

namespace acm {

// Columns account, name (or first_name and last_name), email, phone, title, role,
// external_id. All-or-nothing as every import (pipeline.hpp). A contact the workspace has
// already (the same external id from the same source, else the same e-mail at the same
// account) is refused, or with `upsert` takes the row's non-empty cells; one with the same
// values is left as it is. Counts the contacts added, updated and already there (with
// dry_run: that would be).
ImportCounts import_contacts(Database& db, const Actor& actor, std::istream& in, const CsvImportOptions& options);

}  // namespace acm
