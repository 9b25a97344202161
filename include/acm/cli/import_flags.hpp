#pragma once
// What every CSV import command shares: the flags --map, --rules, --dry-run, --upsert; the run
// of the import in its transaction; and its summary.
#include <CLI/CLI.hpp>
#include <functional>
#include <istream>
#include <string>
#include <string_view>

#include "acm/cli/context.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/store/db.hpp"

namespace acm {

void add_import_flags(CLI::App& command, CsvImportOptions& options);

// Who checks that each row's account exists: SQLite, row by row, or the import itself, once
// an account (TableLoad), with SQLite's foreign key checks off for it (ForeignKeysOff).
enum class AccountsChecked { by_sqlite, by_import };

// The import of a command: reads `input` into `db`, in the caller's transaction.
using CsvImport = std::function<ImportCounts(Database& db, std::istream& input)>;
// Runs one CSV import command: FILE (- for standard input) opened; for a dry run the read-only
// connection under a read lock, which works on read-only storage and beside a writer, else the
// workspace under the write lock; `import` in one transaction, committed. Returns its counts.
ImportCounts run_csv_import(Context& ctx, const std::string& file, bool dry_run, const CsvImport& import,
                            AccountsChecked accounts = AccountsChecked::by_sqlite);

// "imported 3 usage rows, 2 updated, 5 already in the workspace" (what an import did, for
// the notice on stderr), or "would import …" for a dry run.
std::string import_summary(bool dry_run, std::string_view what, const ImportCounts& counts);

}  // namespace acm
