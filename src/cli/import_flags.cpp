#include "acm/cli/import_flags.hpp"

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
}

}  // namespace acm
