#pragma once
// The flags every CSV import takes: --map, --rules, --dry-run, --upsert; and its summary.
#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

#include "acm/domain/import/pipeline.hpp"

namespace acm {

void add_import_flags(CLI::App& command, CsvImportOptions& options);

// "imported 3 usage rows, 2 updated, 5 already in the workspace" (what an import did, for
// the notice on stderr), or "would import …" for a dry run.
std::string import_summary(bool dry_run, std::string_view what, const ImportCounts& counts);

}  // namespace acm
