#pragma once
// CSV imports: header matching with aliases and --map, all-or-nothing validation
// with "line N, column C:" errors.
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "acm/core/csv.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/import_rows.hpp"

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

// One CSV import: the header mapped to the schema's fields, then every row validated by
// the caller. Errors of every bad row are collected (ImportErrors) and thrown together at
// the end, so that nothing is written.
class ImportReader {
public:
    // Reads and maps the header; UsageError for an empty file or a bad --map.
    ImportReader(std::istream& in, const CsvSchema& schema, const std::vector<std::string>& maps);

    // A row's cells by field: unset when the column is absent or the cell is blank.
    struct Row {
        int line = 0;
        std::vector<std::optional<std::string>> cells;  // by schema field index
        const std::optional<std::string>& operator[](std::string_view field) const;
        // The cell without surrounding blanks (for values whose parsers do not trim).
        std::optional<std::string> trimmed(std::string_view field) const;
        // "line 3, column Tier:" — the header of the column that gave the field.
        std::string label(std::string_view field) const;
        const ImportReader* reader = nullptr;
    };

    // True when a column gives `field`; the header text of that column.
    bool has(std::string_view field) const;
    const std::string& column(std::string_view field) const;
    const std::vector<std::string>& header() const { return header_; }
    const std::vector<std::string>& ignored_columns() const { return mapped_.ignored; }
    // Calls `handle` for each row; a UsageError it throws is collected as that row's error.
    // `progress` (optional) hears the number of rows read every few thousand rows and at the end.
    void for_each_row(const std::function<void(const Row&)>& handle, const ImportProgress& progress = {});
    // A row so far was bad: nothing will be kept, so callers may stop writing.
    bool has_errors() const { return !errors_.empty(); }

private:
    std::size_t index_of(std::string_view field) const;
    const CsvSchema& schema_;
    CsvReader reader_;
    std::vector<std::string> header_;
    MappedHeader mapped_;
    std::vector<std::string> column_of_field_;  // header text of the column that gives each field
    ImportErrors errors_;
};

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
