#pragma once
// The flags every CSV import takes: --map, --rules, --dry-run.
#include <CLI/CLI.hpp>

#include "acm/domain/import/pipeline.hpp"

namespace acm {

void add_import_flags(CLI::App& command, CsvImportOptions& options);

}  // namespace acm
