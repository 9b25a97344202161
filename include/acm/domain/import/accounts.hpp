#pragma once
// acm account import: accounts from CSV, e.g. a CRM export (acm-account(1)).
#include <istream>
#include <string>
#include <vector>

#include "acm/domain/account.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/store/db.hpp"

namespace acm {

// --upsert updates the accounts matched by external id (of the rules' source), then by key.
struct AccountImportOptions : CsvImportOptions {};

struct ImportSummary : ImportCounts {
    std::vector<std::string> ignored_columns;
};

// Parses and checks every row (UsageError listing up to 50 bad rows, one per line) and,
// unless dry_run, writes them in the caller's transaction, which a bad row rolls back.
// The summary counts the accounts added, updated and matched but left as they were, the row
// being what they hold (with dry_run: that would be).
ImportSummary import_accounts(Database& db, const Actor& actor, std::istream& in, const AccountRules& rules,
                              const AccountImportOptions& options);

}  // namespace acm
