#pragma once
// CSV imports: header matching with aliases and --map, all-or-nothing validation
// with "line N, column C:" errors.
#include <functional>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include "acm/domain/account.hpp"

namespace acm {

// Header → field mapping for one import kind.
struct CsvSchema {
    std::vector<std::string> fields;                   // field names, e.g. name, key, segment
    std::map<std::string, std::string> aliases;        // normalized header → field
};

// "Account Owner" → "account owner": lowercase, '_' and '-' as spaces, spaces collapsed.
std::string normalize_header(std::string_view header);

// Parses --map 'Header=field' arguments; UsageError for an unknown field.
std::map<std::string, std::string> parse_header_map(const std::vector<std::string>& maps, const CsvSchema& schema);

struct MappedHeader {
    std::vector<int> field_of_column;        // index into schema.fields, or -1 for ignored
    std::vector<std::string> ignored;         // headers that matched no field
};
// UsageError when two columns map to one field.
MappedHeader map_header(const std::vector<std::string>& header, const CsvSchema& schema,
                        const std::map<std::string, std::string>& explicit_map);

struct AccountImportOptions {
    std::vector<std::string> maps;
    bool dry_run = false;
    bool upsert = false;
};

struct ImportSummary {
    int added = 0;
    int updated = 0;
    std::vector<std::string> ignored_columns;
};

// Reads every row, validates all of them (UsageError listing up to 20 bad rows, one per
// line), then — unless dry_run — writes them in the caller's transaction.
ImportSummary import_accounts(Database& db, const Actor& actor, std::istream& in, const AccountRules& rules,
                              const AccountImportOptions& options);

}  // namespace acm
