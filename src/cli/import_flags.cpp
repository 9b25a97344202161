#include "acm/cli/import_flags.hpp"

#include <fmt/format.h>

#include <optional>

#include "acm/cli/command.hpp"

namespace acm {

void add_import_flags(CLI::App& command, CsvImportOptions& options) {
    command
        .add_option("--map", options.maps,
                    "Map a header to a field: 'Header=field', or 'Header=-' to ignore it (repeatable)")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    command.add_option("--rules", options.rules,
                       "How to read the file: bundled rules by name (see 'acm rules list') or a rules file");
    command.add_flag("--dry-run", options.dry_run, "Check every row as the import would; write nothing");
    command.add_flag("--upsert", options.upsert,
                     "Update what an earlier import stored (matched by external id, then key) instead of refusing it");
}

ImportCounts run_csv_import(Context& ctx, const std::string& file, bool dry_run, const CsvImport& import,
                            AccountsChecked accounts) {
    auto input = open_input(file);
    auto& db = dry_run ? ctx.reader() : ctx.db();
    std::optional<ForeignKeysOff> accounts_checked_once;  // by the import (TableLoad), not row by row
    if (accounts == AccountsChecked::by_import) accounts_checked_once.emplace(db);
    Transaction tx(db, dry_run ? Transaction::Lock::read : Transaction::Lock::write);
    ImportCounts counts = import(db, *input);
    tx.commit();
    return counts;
}

std::string import_summary(bool dry_run, std::string_view what, const ImportCounts& counts) {
    std::string text = fmt::format("{} {} {}", dry_run ? "would import" : "imported", counts.added, what);
    if (counts.updated) text += fmt::format(", {} {}", counts.updated, dry_run ? "would be updated" : "updated");
    if (counts.unchanged) text += fmt::format(", {} already in the workspace", counts.unchanged);
    return text;
}

}  // namespace acm
