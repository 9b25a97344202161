#pragma once
// Accounts: rules and queries, no printing (their contacts and notes: touchpoints.hpp).
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

const std::vector<std::string>& account_statuses();  // prospect, onboarding, active, at-risk, churned

// An account's optional text fields, each described once. Its name is the flag (--NAME on
// add and edit), the column (account list, show), the JSON key, the import header and the
// workspace's column; `listed`: a table shows it without --columns; `help`: what the flag
// sets; `aliases`: headers of other systems' exports that mean it, separated by |;
// `normalize`: turns a given value (trimmed, not empty) into the stored one, or throws
// UsageError naming `label`; none: kept as given.
struct AccountTextField {
    std::string_view name;
    bool listed;
    std::string_view help;
    std::string_view aliases;
    std::string (*normalize)(std::string_view value, const std::string& label) = nullptr;
};
// "https://www.Acme.com/about" → "acme.com": a web domain, lowercase, without scheme, www.,
// port or path.
std::string normalize_domain(std::string_view value, const std::string& label);
inline constexpr std::array account_text_fields = {
    AccountTextField{"segment", true, "Segment, e.g. enterprise, mid-market (config segments.allowed)",
                     "customer segment|market segment|account type|type"},
    AccountTextField{"tier", true, "Coverage tier: low-touch, high-touch or strategic (config tiers.allowed)",
                     "service tier|coverage|coverage model"},
    AccountTextField{"owner", true, "Account manager who owns the account",
                     "account owner|owner name|csm|customer success manager|account manager|key account manager|"
                     "company owner|organization owner"},
    AccountTextField{"industry", false, "Industry", "vertical|sector"},
    AccountTextField{"region", false, "Region or territory", "territory|country|billing country|geo|country/region|billingcountry"},
    AccountTextField{"domain", false, "The customer's web domain, e.g. acme.com",
                     "website|website url|web site|domain name|company domain|company domain name", normalize_domain},
};
// One value per field of account_text_fields, in its order; empty: not set.
using AccountTexts = std::array<std::optional<std::string>, account_text_fields.size()>;

// Allowed values of text fields from config ([segments] / [tiers] allowed; empty = open).
struct AccountRules {
    std::vector<std::string> segments;
    std::vector<std::string> tiers;
    static AccountRules from(const Config& config);
    // The values allowed for a text field (empty: any).
    const std::vector<std::string>& allowed(std::string_view field) const;
};

// Fields of an account as given on the command line or in an import row. An unset
// optional leaves the field alone (edit); an empty string clears it.
struct AccountFields {
    std::optional<std::string> name, key, status;
    AccountTexts texts;
    std::vector<std::string> add_tags, remove_tags;
};

// Names the source of each field in error messages: "--tier" on the command line,
// "line 3, column Tier:" in an import.
using FieldLabel = std::function<std::string(std::string_view field)>;
std::string flag_label(std::string_view field);  // "--tier"

// Checks and normalizes every given field (trimmed text, valid enums, valid key);
// UsageError naming the field, the value and what was expected.
AccountFields validate_account_fields(const AccountFields& fields, const AccountRules& rules,
                                      const FieldLabel& label);

// "Acme Corp." → "acme-corp"; common accented Latin letters are transliterated.
std::string slugify(std::string_view name);

// An account by key, numeric id or exact name (case-insensitive); `id:7` and `key:seven`
// name it by id or key only. A reference that is the id of one account and the key or
// name of another, or the name of several, is ambiguous. RuntimeError for an unknown or
// ambiguous reference, naming the closest keys or the accounts it could mean.
std::int64_t resolve_account(Database& db, std::string_view reference);

// The parts of resolve_account that the bulk resolver of imports (AccountIndex) shares:
// the reference's syntax, and the choice among the accounts it matches.
struct AccountReference {
    enum class Kind { any, id, key } kind = Kind::any;  // no prefix, id:, key:
    std::string_view text;                              // without the prefix
    std::optional<std::int64_t> id;                     // the text as an id, when it is one
    bool by_key() const { return kind != Kind::id; }
    bool by_name() const { return kind == Kind::any; }
};
AccountReference parse_account_reference(std::string_view reference);

struct AccountMatch {
    std::int64_t id = 0;
    std::string key;
};
// What a reference matched. by_name is looked up only when the choice needs it: without a
// key match or with an id match (account_needs_names).
struct AccountMatches {
    std::optional<AccountMatch> by_key, by_id;
    std::vector<AccountMatch> by_name;  // sorted by key
};
bool account_needs_names(const AccountReference& reference, const AccountMatches& matches);
// The account meant: its id; or, when the reference is ambiguous, the error message
// ("account 7 is ambiguous: …; write id:7 or key:seven"); neither when nothing matches.
struct AccountChoice {
    std::optional<std::int64_t> id;
    std::string ambiguous;
};
AccountChoice choose_account(std::string_view reference, const AccountReference& parsed,
                             const AccountMatches& matches);

struct Account {
    std::int64_t id = 0;
    std::string key, name;
    AccountTexts texts;
    std::string status;
    std::vector<std::string> tags;
    Timestamp created_at;
    std::optional<Date> last_touch;
    // Figures as of a day (account_figures.hpp): ARR in the base currency, the earliest
    // open renewal's due date.
    std::optional<Money> arr;
    std::optional<Date> next_renewal;
};
Account load_account(Database& db, std::int64_t id);
// The id of the account with this key, if any.
std::optional<std::int64_t> find_account_by_key(Database& db, std::string_view key);

// Inserts a validated account (name required; key derived from the name when not given)
// and records the event; returns the key. The caller owns the transaction.
std::string add_account(Database& db, const Actor& actor, const AccountFields& fields);
// Applies validated fields; records the changes. The caller owns the transaction.
void edit_account(Database& db, const Actor& actor, std::int64_t id, const AccountFields& fields);
// True when edit_account with these fields would change the account; writes nothing.
bool edit_changes_account(Database& db, std::int64_t id, const AccountFields& fields);
// Removes the account with everything it has; refuses (RuntimeError naming what it has) when
// it has any contract or history unless `force`. Returns what went with it ("2 contracts
// (1, 4) and 3 notes"; empty when nothing).
std::string remove_account(Database& db, const Actor& actor, std::int64_t id, bool force);

// Lifecycle status follows the contracts: an account that has contracts but none still
// running toward a renewal (each renewal closed as churned, or its contract terminated) is
// churned; a churned account with such a contract again (a new one) is active. Records the
// change as an edit of the account's status; does nothing when the status already fits.
// Called by every write that closes a renewal or adds a contract, in its transaction.
void follow_contracts(Database& db, const Actor& actor, std::int64_t account_id);

struct AccountFilter {
    std::optional<std::string> owner, segment, tier, status;
    std::vector<std::string> tags;     // every one must be present
    std::optional<Date> renewing_by;   // an open renewal due between today and this day
    std::optional<std::string> health; // red, yellow or green
};
std::vector<Column> account_columns();
Row account_row(Account account);

}  // namespace acm
