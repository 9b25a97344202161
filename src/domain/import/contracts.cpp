// acm contract import: contracts from CSV, all-or-nothing.
#include "acm/domain/import/contracts.hpp"

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account_figures.hpp"
#include "acm/domain/contract.hpp"
#include "acm/domain/import/pipeline.hpp"

namespace acm {

static const CsvSchema& contract_schema() {
    static const CsvSchema schema = [] {
        CsvSchema s;
        s.kind = "contract";
        s.dates = {"start", "end", "signed"};
        s.amounts = {"arr", "mrr", "one_time"};
        s.fields = {"account",  "start",      "end",   "arr",    "mrr", "currency",
                    "one_time", "auto_renew", "title", "notice", "sla", "signed"};
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
        return s;
    }();
    return schema;
}

int import_contracts(Database& db, const Actor& actor, std::istream& in, const Config& config, Date today,
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
    AccountIndex accounts(db);
    use_import_page_cache(db);

    struct Record {
        std::int64_t account_id;
        ContractTerms terms;
    };
    auto parse = [&](const ImportReader::Row& row) {
        auto label = [&](std::string_view field) { return row.label(field); };
        std::int64_t account_id = accounts.resolve(row, "account");
        // Dates as a file writes them (ISO 8601, no relative dates), made acm's YYYY-MM-DD.
        auto date = [&](const char* field) { return format_date(row.date(field, today)); };
        std::optional<std::string> notice, signed_date;
        if (row["notice"]) notice = plain_duration(*row["notice"]);
        if (row["signed"]) signed_date = date("signed");
        ContractInput input{date("start"), date("end"), row["arr"], row["mrr"],  row["one_time"],
                            row["title"],  notice,      row["sla"], signed_date, row["currency"]};
        if (row["auto_renew"]) input.auto_renew = parse_import_flag(*row["auto_renew"], label("auto_renew"));
        return Record{account_id, parse_contract_terms(input, config, today, label)};
    };
    if (options.dry_run) return static_cast<int>(reader.read<Record>(parse, nullptr));

    FiguresDeferred figures(db, {"contracts", "contract_arr", "renewals"});
    std::size_t added = reader.read<Record>(parse, [&](std::vector<Record>& records) {
        for (const auto& [account_id, terms] : records) {
            add_contract(db, actor, account_id, terms);
            figures.touched(account_id);
        }
    });
    figures.finish();
    return static_cast<int>(added);
}

}  // namespace acm
