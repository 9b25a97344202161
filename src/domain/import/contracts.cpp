// acm contract import: contracts from CSV, all-or-nothing.
#include "acm/domain/import/contracts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account_figures.hpp"
#include "acm/domain/arr.hpp"
#include "acm/domain/contract.hpp"
#include "acm/domain/import/pipeline.hpp"

namespace acm {

static const CsvSchema& contract_schema() {
    static const CsvSchema schema = [] {
        CsvSchema s;
        s.kind = "contract";
        s.dates = {"start", "end", "signed"};
        s.amounts = {"arr", "mrr", "one_time"};
        s.durations = {"notice"};
        s.fields = {"account",  "start",      "end",   "arr",    "mrr", "currency",
                    "one_time", "auto_renew", "title", "notice", "sla", "signed", "external_id"};
        s.alias("account", {"account name", "account key", "company", "company name", "customer",
                            "customer name", "associated company", "organization name", "account.name"});
        s.alias("start",
                {"start date", "contract start", "contract start date", "effective date", "startdate"});
        s.alias("end", {"end date", "contract end", "contract end date", "expiration date", "expiry date",
                        "enddate"});
        s.alias("arr", {"annual value", "annual recurring revenue", "annual contract value", "acv"});
        s.alias("mrr", {"monthly value", "monthly recurring revenue"});
        s.alias("currency", {"currency code", "contract currency", "currencyisocode"});
        s.alias("one_time", {"one time", "one time fee", "one time fees", "setup fee", "onboarding fee"});
        s.alias("auto_renew", {"auto renew", "auto renewal", "autorenew", "evergreen"});
        s.alias("title", {"contract name", "contract title", "name", "product"});
        s.alias("notice", {"notice period", "cancellation notice"});
        s.alias("sla", {"service level", "service level agreement"});
        s.alias("signed", {"signed date", "signature date", "date signed", "customer signed date",
                           "customersigneddate"});
        s.alias("external_id", {"external id"});
        return s;
    }();
    return schema;
}

// A contract matched by --upsert takes the row's terms: the edit applies what changed (and
// records nothing when nothing did), and an ARR that differs from the contract's ARR today
// becomes an amendment from today (or the nearest day of its term), as the CRM's amount is
// the value from now on, not since the start. amendment_day: that day, when the ARR differs,
// after amend_contract's checks, so that a dry run refuses the amendment the import would.
static std::optional<Date> amendment_day(Database& db, std::int64_t id, const Money& arr, Date today) {
    Contract contract = load_contract(db, id);
    Date effective = std::clamp(today, contract.terms.start, last_day(contract));
    if (contract_arr_on(db, id, effective) == arr) return std::nullopt;
    check_amendment(contract, arr, effective);
    return effective;
}

static void update_contract(Database& db, const Actor& actor, std::int64_t id, const ContractEdit& edit,
                            const Money& arr, const Config& config, Date today) {
    edit_contract(db, actor, id, edit, config, today);
    if (auto day = amendment_day(db, id, arr, today)) amend_contract(db, actor, id, arr, *day, "import");
}

ImportCounts import_contracts(Database& db, const Actor& actor, std::istream& in, const Config& config, Date today,
                     const ContractImportOptions& options) {
    ImportReader reader(in, contract_schema(), options);
    for (const char* required : {"account", "start", "end"})
        if (!reader.has(required))
            throw UsageError(
                fmt::format("line 1: no column gives the contract's {} (found {}; use --map 'Header={}')",
                            required, join_choices(reader.header()), required));
    if (!reader.has("arr") && !reader.has("mrr"))
        throw UsageError(fmt::format(
            "line 1: no column gives the contract's arr or mrr (found {}; use --map 'Header=arr')",
            join_choices(reader.header())));
    AccountIndex accounts(db, reader);
    ExternalIds external_ids(db, "contracts", reader.source());
    use_import_page_cache(db);
    // With --upsert, a row that no external id matches is paired with a contract of its
    // account with the same start and end that no earlier row took, the first by id; a row
    // with an external id only with a contract without one (a contract with another id is
    // another record). One to one: two rows of one term are two contracts, never one
    // contract updated twice, and a row left over is added.
    struct Term {
        std::int64_t id;
        bool has_external_id;
    };
    std::map<std::tuple<std::int64_t, std::string, std::string>, std::vector<Term>> by_term;  // in id order
    std::map<std::int64_t, int> matched_on_line;  // contract id → the line of the row that took it
    if (options.upsert) {
        auto stmt = db.prepare(
            "SELECT account_id, start_date, end_date, id, external_id IS NOT NULL FROM contracts ORDER BY id");
        while (stmt.step())
            by_term[{stmt.integer(0), stmt.text(1), stmt.text(2)}].push_back({stmt.integer(3), stmt.integer(4) != 0});
    }

    ImportCounts counts;
    struct Record {
        std::int64_t account_id;
        ContractTerms terms;
        ContractEdit edit;  // the row as an edit of the contract it matched
        std::optional<std::int64_t> existing;
        std::optional<std::string> external_id;
        int line = 0;
    };
    auto parse = [&](const ImportReader::Row& row) {
        auto label = [&](std::string_view field) { return row.label(field); };
        std::int64_t account_id = accounts.resolve(row, "account");
        ContractInput input{row.required("start"), row.required("end"), row["arr"],    row["mrr"],
                            row["one_time"],       row["title"],        row["notice"], row["sla"],
                            row["signed"],         row["currency"]};
        input.read_date = parse_import_date;  // ISO 8601 as exports write it, no relative dates
        std::optional<bool> auto_renew;
        if (row["auto_renew"]) auto_renew = parse_import_flag(*row["auto_renew"], label("auto_renew"));
        input.auto_renew = auto_renew.value_or(false);
        Record record{account_id, parse_contract_terms(input, config, today, label), {}, std::nullopt,
                      external_ids.of(row), row.line};
        if (record.external_id) record.existing = external_ids.find(*record.external_id);
        if (record.existing && !options.upsert)
            throw UsageError(fmt::format("{} a contract with external id {} was imported already (id {}; use "
                                         "--upsert to update it)",
                                         label("external_id"), quote_value(*record.external_id),
                                         *record.existing));
        if (record.existing && options.upsert) {
            // An earlier row without an external id took this contract by its term: the two
            // rows would merge into one contract.
            if (auto [it, first] = matched_on_line.emplace(*record.existing, row.line); !first)
                throw UsageError(fmt::format("{} the contract with external id {} (id {}) was matched already by "
                                             "line {}, which has the same account and term (give line {} its "
                                             "external id)",
                                             label("external_id"), quote_value(*record.external_id),
                                             *record.existing, it->second, it->second));
        } else if (options.upsert) {
            if (auto it = by_term.find({account_id, format_date(record.terms.start), format_date(record.terms.end)});
                it != by_term.end())
                for (const Term& term : it->second)
                    if (!(record.external_id && term.has_external_id) &&
                        matched_on_line.emplace(term.id, row.line).second) {
                        record.existing = term.id;
                        break;
                    }
        }
        if (record.existing) {
            // The dates as read, for an edit reads them as flags give them.
            std::optional<std::string> signed_date;
            if (record.terms.signed_date) signed_date = format_date(*record.terms.signed_date);
            record.edit = {input.title, format_date(record.terms.start), format_date(record.terms.end),
                           input.notice, input.sla, signed_date, input.one_time, auto_renew};
        }
        return record;
    };
    // A matched contract is updated when the row changes it and left as it is otherwise; a
    // dry run decides the same for the same rows, so that it counts what the import does.
    std::optional<FiguresDeferred> figures;
    if (!options.dry_run)
        figures.emplace(db, std::initializer_list<std::string_view>{"contracts", "contract_arr", "renewals"});
    reader.read<Record>(parse, [&](std::vector<Record>& records) {
        for (const auto& record : records) {
            // A refusal of the contract's edit (its closed history, its amendments) names the
            // row it comes from.
            auto on_line = [&](const Error& error) {
                return fmt::format("line {}: {}\nnothing was imported", record.line, error.what());
            };
            try {
                std::int64_t id = record.existing.value_or(0);
                bool changes =
                    record.existing && (edit_changes_contract(db, id, record.edit, config, today) ||
                                        amendment_day(db, id, record.terms.arr, today) ||
                                        takes_external_id(db, "contracts", id, record.external_id));
                if (!counts.count(record.existing.has_value(), changes) || options.dry_run) continue;
                if (record.existing)
                    update_contract(db, actor, id, record.edit, record.terms.arr, config, today);
                else
                    id = add_contract(db, actor, record.account_id, record.terms);
                set_external_id(db, "contracts", id, external_ids.source(), record.external_id);
                figures->touched(record.account_id);
            } catch (const UsageError& error) {
                throw UsageError(on_line(error));
            } catch (const RuntimeError& error) {
                throw RuntimeError(on_line(error));
            }
        }
    });
    if (figures) figures->finish();
    return counts;
}

}  // namespace acm
