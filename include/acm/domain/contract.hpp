#pragma once
// Contracts: terms, ARR amendments, termination; and their renewals (one per contract).
// Rules and queries, no printing.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/core/money.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/audit.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

// Contract terms as text, from flags or an import row; parse_contract_terms checks them.
struct ContractInput {
    std::string start, end;
    std::optional<std::string> arr, mrr, one_time, title, notice, sla, signed_date;
    std::optional<std::string> currency;  // for amounts given without a code (default: config currency)
    bool auto_renew = false;
    // How the dates are read: as flags give them (today, +30d), or as a file writes them
    // (parse_import_date: ISO 8601 timestamps too). The text stays as given, so that an error
    // about a date quotes it as the user wrote it.
    Date (*read_date)(std::string_view text, Date today, std::string_view field) = parse_date;
};

struct ContractTerms {
    std::optional<std::string> title;
    Date start, end;  // end inclusive, after start
    Money arr;        // annual; the contract's currency
    std::int64_t one_time_minor = 0;
    bool auto_renew = false;
    std::optional<Duration> notice;
    std::optional<std::string> sla;
    std::optional<Date> signed_date;
};

// The ARR from exactly one of an ARR or an MRR (× 12); an amount without a currency code
// is in `currency`, and with `only_currency` another code is refused. UsageError naming
// the field via `label`.
Money annual_amount(const std::optional<std::string>& arr, const std::optional<std::string>& mrr,
                    const std::string& currency, const FieldLabel& label, bool only_currency = false);

// Validates every field (dates, end after start, exactly one of arr/mrr, amounts in one
// currency, notice duration); UsageError naming the field via `label`.
ContractTerms parse_contract_terms(const ContractInput& input, const Config& config, Date today,
                                   const FieldLabel& label);

// Inserts the contract, its initial ARR row and its renewal; records the event; returns the id.
std::int64_t add_contract(Database& db, const Actor& actor, std::int64_t account_id, const ContractTerms& terms,
                          std::optional<std::int64_t> predecessor = std::nullopt);

// Changes the ARR from `effective` on (within the contract's term); the history is kept.
void amend_contract(Database& db, const Actor& actor, std::int64_t id, const Money& arr, Date effective,
                    const std::optional<std::string>& reason);

// Ends the contract after `last_day` (start <= last_day <= end); closes an open renewal as churned.
void terminate_contract(Database& db, const Actor& actor, std::int64_t id, Date last_day,
                        const std::optional<std::string>& reason);

// Changes to a contract's terms (contract edit): an unset field stays as it is, an empty
// title, notice, SLA or signing date clears it. ARR changes stay with amend_contract.
struct ContractEdit {
    std::optional<std::string> title, start, end, notice, sla, signed_date, one_time;
    std::optional<bool> auto_renew;
};
// Checks the edited terms as contract add checks its terms and applies them; a new start
// moves the initial ARR, a new end or notice the open renewal's due date and notice
// deadline. A new start or end is refused (RuntimeError) for a contract that is closed
// history (its renewal is closed, it has a successor or it is one), and (UsageError) when
// amendments would fall outside the term. An edit that changes nothing records nothing.
void edit_contract(Database& db, const Actor& actor, std::int64_t id, const ContractEdit& edit, const Config& config,
                   Date today);
// True when edit_contract would change the contract's terms; writes nothing. It checks the
// edit as edit_contract does and throws what it would throw (an import's dry run refuses
// what the import refuses).
bool edit_changes_contract(Database& db, std::int64_t id, const ContractEdit& edit, const Config& config,
                           Date today);

// Removes a contract with its ARR schedule, its renewal and reminders, and returns what went
// with it ("its renewal, 2 amendments"). Refuses (RuntimeError) a contract that is closed
// history: terminating it, or undoing the command that made it, keeps the record true.
std::string remove_contract(Database& db, const Actor& actor, std::int64_t id);

// Removes an amendment (a contract_arr row but the initial ARR); returns its contract's id.
std::int64_t remove_amendment(Database& db, const Actor& actor, std::int64_t amendment_id);

struct Contract {
    std::int64_t id = 0, account_id = 0;
    std::string account_key;
    ContractTerms terms;
    std::optional<Date> terminated_on;
    std::optional<std::string> termination_reason;
    std::optional<std::int64_t> predecessor_id;
};
// RuntimeError "no contract with id N".
Contract load_contract(Database& db, std::int64_t id);

// The last day the contract runs: its end, or its termination date.
Date last_day(const Contract& contract);

// What amend_contract refuses (UsageError), checked without writing: an amount in another
// currency than the contract's, a day outside its term.
void check_amendment(const Contract& contract, const Money& arr, Date effective);

const std::vector<std::string>& contract_statuses();  // active, upcoming, expired, terminated

struct ContractFilter {
    std::optional<std::int64_t> id, account_id;
    std::optional<std::string> status;
    std::optional<Date> ending_by;  // effective end between today and this day
};
std::vector<Column> contract_columns();
// In order of end date. `today` decides the status and the ARR shown (today's, or at the
// nearest end of the term for contracts not active today).
void for_each_contract(Database& db, const ContractFilter& filter, Date today, const std::function<void(Row&&)>& emit);
// The ARR rows of a contract, oldest first: effective, arr, currency, reason.
std::vector<Column> amendment_columns();
void for_each_amendment(Database& db, std::int64_t contract_id, const std::function<void(Row&&)>& emit);

}  // namespace acm
