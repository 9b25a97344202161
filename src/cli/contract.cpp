// acm contract …: terms, amendments, termination, CSV import.
#include "acm/cli/contract.hpp"

#include <fmt/format.h>

#include "acm/cli/command.hpp"
#include "acm/cli/import_flags.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/arr.hpp"
#include "acm/domain/contract.hpp"
#include "acm/domain/import/contracts.hpp"
#include "acm/domain/renewal.hpp"

namespace acm {

namespace {

struct AddOptions {
    std::string account;
    ContractInput input;
};

void run_add(Context& ctx, const AddOptions& options) {
    if (!options.input.arr && !options.input.mrr) throw UsageError("one of --arr or --mrr is required");
    ContractTerms terms = parse_contract_terms(options.input, ctx.config(), ctx.today(), flag_label);
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = add_contract(db, ctx.actor(), resolve_account(db, options.account), terms);
    tx.commit();
    ctx.out << id << "\n";
    ctx.warn_without_rate(terms.arr.currency);
}

struct ListOptions_ {
    std::string account;
    std::optional<std::string> status, ending_within;
};

void run_list(Context& ctx, const ListOptions_& options) {
    ContractFilter filter;
    if (options.status) filter.status = parse_choice(*options.status, contract_statuses(), "--status");
    if (options.ending_within) filter.ending_by = window_end(ctx.today(), *options.ending_within, "--ending-within");
    auto& db = ctx.reader();
    if (!options.account.empty()) filter.account_id = resolve_account(db, options.account);
    ctx.print_rows(contract_columns(), [&](const auto& emit) { for_each_contract(db, filter, ctx.today(), emit); });
}

struct IdOptions {
    std::string id;
};

// The contract's listing row (status and ARR as of today); RuntimeError when there is none.
Row contract_row(Database& db, std::int64_t id, Date today) {
    std::optional<Row> found;
    ContractFilter filter;
    filter.id = id;
    for_each_contract(db, filter, today, [&](Row&& row) { found = std::move(row); });
    if (!found) throw RuntimeError(fmt::format("no contract with id {}", id));
    return *found;
}

void run_show(Context& ctx, const IdOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    auto& db = ctx.reader();
    Row row = contract_row(db, id, ctx.today());
    Contract contract = load_contract(db, id);
    RenewalFilter renewal;
    renewal.contract_id = id;
    renewal.all = true;
    Document document;
    document.title = fmt::format("Contract {} of {}{}", id, contract.account_key,
                                 contract.terms.title ? ": " + *contract.terms.title : "");
    document.record = record_of(contract_columns(), std::move(row));
    for (auto& field : document.record.fields)
        if (field.column.name == "id" || field.column.name == "account" || field.column.name == "title")
            field.column.in_table = false;
    Cell reason = contract.termination_reason ? Cell{*contract.termination_reason} : Cell{};
    document.record.add({"termination_reason", Kind::text}, reason).label = "termination";
    document.add_table("amendments", "ARR history", amendment_columns(),
                       rows_of([&](const auto& emit) { for_each_amendment(db, id, emit); }));
    // One renewal per contract: an object, not an array.
    document.add_table("renewal", "Renewal", renewal_columns(true),
                       rows_of([&](const auto& emit) { for_each_renewal(db, renewal, emit); }), {"contract", "account"})
        .single = true;
    ctx.print_document(document);
}

struct AmendOptions {
    std::string id;
    std::optional<std::string> arr, mrr, reason;
    std::string effective;
};

void run_amend(Context& ctx, const AmendOptions& options) {
    // Not required by the parser, which would then ask for them with `amend rm` too.
    if (options.id.empty()) throw UsageError("ID is required (or: acm contract amend rm AMENDMENT_ID)");
    if (options.effective.empty()) throw UsageError("--effective is required");
    std::int64_t id = parse_id(options.id, "ID");
    if (!options.arr && !options.mrr) throw UsageError("one of --arr or --mrr is required");
    Date effective = parse_date(options.effective, ctx.today(), "--effective");
    std::optional<std::string> reason;
    if (options.reason) reason = checked_text(*options.reason, "--reason", 2000);
    auto& db = ctx.db();
    Transaction tx(db);
    Contract contract = load_contract(db, id);
    Money arr = annual_amount(options.arr, options.mrr, contract.terms.arr.currency, flag_label, true);
    amend_contract(db, ctx.actor(), id, arr, effective, reason);
    tx.commit();
    ctx.out << id << "\n";
}

void run_amend_rm(Context& ctx, const IdOptions& options) {
    std::int64_t id = parse_id(options.id, "AMENDMENT_ID");
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t contract = remove_amendment(db, ctx.actor(), id);
    tx.commit();
    ctx.out << contract << "\n";
}

struct EditOptions {
    std::string id;
    ContractEdit edit;
    bool auto_renew = false, no_auto_renew = false;
};

void run_edit(Context& ctx, const EditOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    ContractEdit edit = options.edit;
    if (options.auto_renew || options.no_auto_renew) edit.auto_renew = options.auto_renew;
    const auto& e = edit;
    if (!e.title && !e.start && !e.end && !e.notice && !e.sla && !e.signed_date && !e.one_time && !e.auto_renew)
        throw UsageError("nothing to change: give --title, --start, --end, --notice, --auto-renew, --no-auto-renew, "
                         "--sla, --signed or --one-time (the ARR changes with 'acm contract amend')");
    auto& db = ctx.db();
    Transaction tx(db);
    edit_contract(db, ctx.actor(), id, edit, ctx.config(), ctx.today());
    tx.commit();
    ctx.out << id << "\n";
}

void run_rm(Context& ctx, const IdOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    auto& db = ctx.db();
    Transaction tx(db);
    std::string removed = remove_contract(db, ctx.actor(), id);
    tx.commit();
    ctx.out << id << "\n";
    ctx.notice(fmt::format("removed contract {} with {}", id, removed));
}

struct TerminateOptions {
    std::string id, date;
    std::optional<std::string> reason;
};

void run_terminate(Context& ctx, const TerminateOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    Date last_day = parse_date(options.date, ctx.today(), "--date");
    std::optional<std::string> reason;
    if (options.reason) reason = checked_text(*options.reason, "--reason", 2000);
    auto& db = ctx.db();
    Transaction tx(db);
    terminate_contract(db, ctx.actor(), id, last_day, reason);
    tx.commit();
    ctx.out << id << "\n";
}

struct ImportOptions {
    std::string file;
    ContractImportOptions import;
};

void run_import(Context& ctx, const ImportOptions& options) {
    // The currencies of the imported contracts, for the warning a contract add gives.
    std::vector<std::string> currencies;
    ImportCounts counts =
        run_csv_import(ctx, options.file, options.import.dry_run, [&](Database& db, std::istream& input) {
            auto last_id = db.prepare("SELECT coalesce(max(id), 0) FROM contracts");
            std::int64_t before = last_id.step() ? last_id.integer(0) : 0;
            ImportCounts imported =
                import_contracts(db, ctx.actor(), input, ctx.config(), ctx.today(), options.import);
            auto added = db.prepare("SELECT DISTINCT currency FROM contracts WHERE id > ? ORDER BY currency");
            added.bind(1, before);
            while (added.step()) currencies.push_back(added.text(0));
            return imported;
        });
    ctx.notice(import_summary(options.import.dry_run, "contracts", counts));
    for (const auto& currency : currencies) ctx.warn_without_rate(currency);
}

const char* id_help = "Contract id (see 'acm contract list')";

}  // namespace

void add_contract_commands(CLI::App& app, Context& ctx) {
    auto* contract = add_group(app, "contract", "Contracts: terms, ARR, amendments, termination");

    auto add = std::make_shared<AddOptions>();
    auto* add_cmd = add_command(*contract, ctx, add, "add", "Add a contract (and its renewal); prints its id",
                                "acm contract add acme --start 2026-01-01 --end 2026-12-31 --arr 120k --notice 90d",
                                run_add);
    add_cmd->add_option("account", add->account, "Account key, exact name or id")->required();
    add_cmd->add_option("--start", add->input.start, "First day: YYYY-MM-DD, today, som, …")->required();
    add_cmd->add_option("--end", add->input.end, "Last day (inclusive), after the start")->required();
    auto* arr = add_cmd->add_option("--arr", add->input.arr, "Annual recurring revenue: 120000, 120k, USD 120k");
    add_cmd->add_option("--mrr", add->input.mrr, "Monthly recurring revenue (ARR = 12 × MRR)")->excludes(arr);
    add_cmd->add_option("--one-time", add->input.one_time, "One-time fees (setup, services), same currency");
    add_cmd->add_option("--title", add->input.title, "Title, e.g. \"Platform 2026\"");
    add_cmd->add_flag("--auto-renew", add->input.auto_renew, "Renews automatically at its end (see 'renewal roll')");
    add_cmd->add_option("--notice", add->input.notice, "Notice period before the end: 90d, 3m");
    add_cmd->add_option("--sla", add->input.sla, "Service level terms, as text");
    add_cmd->add_option("--signed", add->input.signed_date, "Date signed");

    auto list = std::make_shared<ListOptions_>();
    auto* list_cmd = add_command(*contract, ctx, list, "list", "List contracts, by end date",
                                 "acm contract list --status active --ending-within 90d", run_list);
    list_cmd->add_option("--account", list->account, "Only this account's contracts");
    list_cmd->add_option("--status", list->status, "active, upcoming, expired or terminated");
    list_cmd->add_option("--ending-within", list->ending_within, "Only contracts ending within this window: 90d, 6m");

    auto show = std::make_shared<IdOptions>();
    add_command(*contract, ctx, show, "show", "A contract's terms, ARR history and renewal", "acm contract show 12",
                run_show)
        ->add_option("id", show->id, id_help)
        ->required();

    auto amend = std::make_shared<AmendOptions>();
    auto* amend_cmd = add_command(*contract, ctx, amend, "amend", "Change the ARR from a date on (history kept)",
                                  "acm contract amend 12 --arr 150k --effective 2026-07-01 --reason \"50 more seats\"",
                                  run_amend);
    amend_cmd->add_option("id", amend->id, id_help);
    auto* amend_arr = amend_cmd->add_option("--arr", amend->arr, "New ARR (in the contract's currency)");
    amend_cmd->add_option("--mrr", amend->mrr, "New MRR (ARR = 12 × MRR)")->excludes(amend_arr);
    amend_cmd->add_option("--effective", amend->effective, "First day of the new ARR, within the term (required)");
    amend_cmd->add_option("--reason", amend->reason, "Why: upsell, seats added, discount, …");
    // `amend ID …` runs only when its subcommand `rm` was not given (CLI11 calls a command's
    // callback after its subcommand's).
    amend_cmd->callback([&ctx, amend, amend_cmd] {
        if (amend_cmd->get_subcommands().empty()) ctx.run = [&ctx, amend] { run_amend(ctx, *amend); };
    });
    auto amend_rm = std::make_shared<IdOptions>();
    add_command(*amend_cmd, ctx, amend_rm, "rm", "Remove an amendment (the id in 'acm contract show')",
                "acm contract amend rm 31", run_amend_rm)
        ->add_option("amendment_id", amend_rm->id, "Amendment id (the ARR history of 'acm contract show')")
        ->required();

    auto edit = std::make_shared<EditOptions>();
    auto* edit_cmd = add_command(*contract, ctx, edit, "edit", "Correct a contract's terms (ARR: see amend)",
                                 "acm contract edit 12 --end 2027-03-31 --title \"Platform 2026\"", run_edit);
    edit_cmd->add_option("id", edit->id, id_help)->required();
    edit_cmd->add_option("--title", edit->edit.title, "Title (\"\" clears it)");
    edit_cmd->add_option("--start", edit->edit.start, "First day (refused once the renewal is closed)");
    edit_cmd->add_option("--end", edit->edit.end, "Last day; moves the open renewal's due date and notice deadline");
    edit_cmd->add_option("--notice", edit->edit.notice, "Notice period: 90d, 3m (\"\" for none)");
    auto* auto_renew = edit_cmd->add_flag("--auto-renew", edit->auto_renew, "Renews automatically at its end");
    edit_cmd->add_flag("--no-auto-renew", edit->no_auto_renew, "Does not renew automatically")->excludes(auto_renew);
    edit_cmd->add_option("--sla", edit->edit.sla, "Service level terms (\"\" clears them)");
    edit_cmd->add_option("--signed", edit->edit.signed_date, "Date signed (\"\" clears it)");
    edit_cmd->add_option("--one-time", edit->edit.one_time, "One-time fees, in the contract's currency");

    auto rm = std::make_shared<IdOptions>();
    add_command(*contract, ctx, rm, "rm", "Remove a contract entered by mistake, with its renewal",
                "acm contract rm 12", run_rm)
        ->add_option("id", rm->id, id_help)
        ->required();

    auto terminate = std::make_shared<TerminateOptions>();
    auto* terminate_cmd = add_command(*contract, ctx, terminate, "terminate",
                                      "End a contract early (its renewal closes as churned)",
                                      "acm contract terminate 12 --date 2026-09-30 --reason \"insolvency\"",
                                      run_terminate);
    terminate_cmd->add_option("id", terminate->id, id_help)->required();
    terminate_cmd->add_option("--date", terminate->date, "Last day the contract runs")->required();
    terminate_cmd->add_option("--reason", terminate->reason, "Why it ends");

    auto import = std::make_shared<ImportOptions>();
    auto* import_cmd = add_command(*contract, ctx, import, "import", "Import contracts from CSV (all-or-nothing)",
                                   "acm contract import contracts.csv --dry-run", run_import);
    import_cmd->add_option("file", import->file, "CSV file with a header row, or - for standard input")->required();
    add_import_flags(*import_cmd, import->import);
}

}  // namespace acm
