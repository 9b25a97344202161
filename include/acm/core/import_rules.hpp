#pragma once
// Import rules files (acm-import-rules(5)): how to read one system's CSV export, in TOML.
// Parsed and checked here; the import pipeline (domain/import/pipeline.hpp) applies them.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acm {

struct ImportRules {
    std::string origin;  // the file, for messages: "rules file hubspot-companies.toml"
    std::string description;
    std::optional<std::string> kind;  // account, contract, feedback, usage, contact
    std::string encoding = "utf-8";   // utf-8, utf-16, latin1, windows-1252
    char delimiter = 0;               // 0: detected from the header line
    int skip_lines = 0, skip_after_header = 0;
    std::vector<std::string> date_formats;  // strptime formats, tried in order after ISO 8601
    char decimal = '.';
    std::string thousands;                // "" none, or one of , . space '
    bool separators_given = false;        // decimal or thousands set: import_amount reads with them
    std::optional<std::string> currency;  // when the file names none
    std::optional<std::string> source;
    // "email": a row's account cell is an e-mail address, naming the account of the contact
    // that has it, else the account whose domain is the address's.
    std::optional<std::string> account_by;
    bool end_at_blank_line = false;
    // [fields]: acm field → header patterns (globs, case-insensitive); `line` for messages.
    struct Field {
        std::string field;
        std::vector<std::string> headers;
        int line = 0;
    };
    std::vector<Field> fields;
    // [values.FIELD]: lowercased file value → acm value.
    std::map<std::string, std::map<std::string, std::string>> values;
    std::map<std::string, int> values_line;
    // [skip_rows]: header → lowercased values whose rows are left out.
    std::map<std::string, std::vector<std::string>> skip_rows;
};

// Parses a rules file; UsageError "rules file F, line N: …" naming what is valid.
ImportRules parse_import_rules(std::string_view text, const std::string& origin);

// `--rules NAME|FILE`: a path (it has a '/' or ends in .toml) is read as it is; a name is
// looked up in $XDG_CONFIG_HOME/acm/rules/NAME.toml, then among the bundled rules.
ImportRules load_import_rules(const std::string& name_or_file);
// The file that load_import_rules reads; UsageError naming the rules there are.
std::string import_rules_path(const std::string& name_or_file);
// The bundled rules, by name, and the folder each is read from (the user's first).
struct RulesEntry {
    std::string name, path;
    bool user = false;
};
std::vector<RulesEntry> list_import_rules();

// "Account Name" matches "account name", "account*" and "*NAME"; `pattern` is lowercase
// and normalized (normalize_header) like `header`.
bool header_matches(std::string_view pattern, std::string_view header);
// "Account Owner" → "account owner": lowercase, '_' and '-' as spaces, spaces collapsed.
std::string normalize_header(std::string_view header);

// A date written in one of `formats` (strptime's %d %m %Y %y %H %I %M %S %p %b %e), as
// YYYY-MM-DD; nullopt when none matches.
std::optional<std::string> date_in_formats(std::string_view text, const std::vector<std::string>& formats);
// "120.000,00 €" with decimal ',' and thousands '.' → "120000.00 EUR": the thousands
// separators taken out, the decimal mark made '.', a currency symbol made its code. The
// text unchanged when it is not such a number, for the amount parser to refuse.
std::string plain_amount(std::string_view text, char decimal, std::string_view thousands);
// An amount cell in acm's form (plain_amount). With rules that set decimal or thousands, read
// with them; without rules, or with rules that set neither, only separators that read one way
// are taken ("1,200.50", "$1,200"), and an amount that reads two ways ("120.000", "1,20") is
// refused: UsageError "120.000 is ambiguous: … (set decimal and thousands …)", without a label.
std::string import_amount(std::string_view cell, const ImportRules* rules);
// Why an amount written without rules cannot be read one way only, naming the settings that
// settle it: "120.000" (120 or 120000?), "1.200,50", "120,50"; nullopt when its separators
// are the plain ones ("1,200.50", "$1,200", "25k") or it has none.
std::optional<std::string> ambiguous_separators(std::string_view amount);
// A notice period as exports write it, "90 days", "3 Months", "1 year", a bare "60" (days),
// in acm's form (90d, 3m, 1y, 60d); the text unchanged otherwise, for the parser to refuse.
std::string plain_duration(std::string_view text);

}  // namespace acm
