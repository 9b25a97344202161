// acm account …: the portfolio, its contacts and notes (touchpoints), CSV import.
#include "acm/cli/account.hpp"

#include <fmt/format.h>

#include "acm/cli/account_health.hpp"
#include "acm/cli/account_plan.hpp"
#include "acm/cli/command.hpp"
#include "acm/cli/edit.hpp"
#include "acm/cli/import_flags.hpp"
#include "acm/cli/usage.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/account_figures.hpp"
#include "acm/domain/account_plan.hpp"
#include "acm/domain/contract.hpp"
#include "acm/domain/renewal.hpp"
#include "acm/domain/task.hpp"
#include "acm/domain/import/contacts.hpp"
#include "acm/domain/touchpoints.hpp"
#include "acm/domain/import/accounts.hpp"

namespace acm {

namespace {

// Flags shared by add and edit; an option not given stays unset.
struct AccountFlags {
    AccountFields fields;
    std::vector<std::string> tags, untags;

    void bind(CLI::App* command, bool editing) {
        if (editing) command->add_option("--name", fields.name, "New display name");
        else command->add_option("--key", fields.key, "Unique key (default: derived from the name, e.g. acme-corp)");
        for (std::size_t i = 0; i < account_text_fields.size(); ++i)
            command->add_option(flag_label(account_text_fields[i].name), fields.texts[i],
                                std::string(account_text_fields[i].help));
        command->add_option("--status", fields.status, "prospect, onboarding, active, at-risk or churned");
        command->add_option("--tag", tags, "Add a tag (repeatable)")->expected(1)->multi_option_policy(
            CLI::MultiOptionPolicy::TakeAll);
        if (editing)
            command->add_option("--untag", untags, "Remove a tag (repeatable)")->expected(1)->multi_option_policy(
                CLI::MultiOptionPolicy::TakeAll);
    }

    AccountFields given() const {
        AccountFields result = fields;
        result.add_tags = tags;
        result.remove_tags = untags;
        return result;
    }
};

struct AddOptions {
    std::string name;
    AccountFlags flags;
};

void run_add(Context& ctx, const AddOptions& options) {
    AccountFields fields = options.flags.given();
    fields.name = options.name;
    fields = validate_account_fields(fields, AccountRules::from(ctx.config()), [](std::string_view field) {
        return field == "name" ? std::string("NAME") : flag_label(field);
    });
    auto& db = ctx.db();
    Transaction tx(db);
    std::string key = add_account(db, ctx.actor(), fields);
    tx.commit();
    ctx.out << key << "\n";
}

struct ListOptions_ {
    std::optional<std::string> owner, segment, tier, status, renewing_within, health;
    std::vector<std::string> tags;
};

FiguresBasis figures_basis(Context& ctx) {
    return {ctx.today(), HealthSettings::from(ctx.config()), ctx.config().fx_rates()};
}

void run_list(Context& ctx, const ListOptions_& options) {
    AccountFilter filter{options.owner, options.segment, options.tier, options.status, options.tags, {}, {}};
    if (filter.status) filter.status = parse_choice(*filter.status, account_statuses(), "--status");
    if (options.renewing_within)
        filter.renewing_by = window_end(ctx.today(), *options.renewing_within, "--renewing-within");
    if (options.health) filter.health = parse_choice(*options.health, health_colors(), "--health");
    auto basis = figures_basis(ctx);
    auto& db = ctx.reader();
    ctx.print_rows(account_list_columns(),
                   [&](const auto& emit) { for_each_account(db, filter, basis, emit, [&](const std::string& message) { ctx.notice(message); }); });
}

struct RefOptions {
    std::string account;
    bool force = false;
};

// "1 day", "3 days".
std::string day_count(int days) { return fmt::format("{} day{}", days, days == 1 || days == -1 ? "" : "s"); }

void run_show(Context& ctx, const RefOptions& options) {
    auto& db = ctx.reader();
    Account account = load_account(db, resolve_account(db, options.account));
    std::int64_t id = account.id;
    auto basis = figures_basis(ctx);
    AccountFigures figures = compute_account_figures(db, basis, id)[id];
    // A listing leaves out an ARR it cannot compute; the picture of one account is refused.
    if (!figures.arr_error.empty()) throw RuntimeError(figures.arr_error);
    Document document;
    document.title = fmt::format("{} ({})", account.name, account.key);
    // The account's row as `account list` prints it, so that each value has one shape.
    document.record = record_of(account_list_columns(),
                                account_list_row(account, figures, basis.fx.base,
                                                 [&](const std::string& message) { ctx.notice(message); }));
    document.label_width = 12;
    for (auto& field : document.record.fields) {
        const std::string& name = field.column.name;
        // In the title, or in the Health section's heading.
        field.column.in_table = name != "key" && name != "name" && name != "arr_currency" && name != "health" &&
                                name != "health_score" && name != "open_escalations";
        if (name == "created_at") field.label = "created";
        if (name == "last_touch")
            field.text = figures.last_touch ? fmt::format("{} ({} ago)", format_date(*figures.last_touch),
                                                          day_count(days_between(*figures.last_touch, ctx.today())))
                                            : "never";
        if (name == "next_renewal" && figures.next_renewal)
            field.text = fmt::format("{} (in {})", format_date(*figures.next_renewal),
                                     day_count(days_between(ctx.today(), *figures.next_renewal)));
    }
    ContractFilter contracts;
    contracts.account_id = id;
    document.add_table("contracts", "Contracts", contract_columns(),
                       rows_of([&](const auto& emit) { for_each_contract(db, contracts, ctx.today(), emit); }),
                       {"account"});
    RenewalFilter renewals;
    renewals.account_id = id;
    document.add_table("renewals", "Open renewals", renewal_columns(false),
                       rows_of([&](const auto& emit) { for_each_renewal(db, renewals, emit); }), {"account"});
    document.add_table("contacts", "Contacts", contact_columns(),
                       rows_of([&](const auto& emit) { for_each_contact(db, id, emit); }), {"account"});
    document.add_table("notes", "Recent notes", note_columns(),
                       rows_of([&](const auto& emit) { for_each_note(db, id, 10, emit); }), {"account"});
    add_account_health(ctx, db, id, document);
    document.add_table("opportunities", "Open opportunities", opportunity_columns(),
                       rows_of([&](const auto& emit) { for_each_opportunity(db, id, "open", emit); }),
                       {"account", "stage"});
    TaskFilter tasks;
    tasks.account_id = id;
    document.add_table("tasks", "Open tasks", task_columns(),
                       rows_of([&](const auto& emit) { for_each_task(db, tasks, ctx.today(), emit); }),
                       {"account", "done_on"});
    ctx.print_document(document);
}

struct EditOptions {
    std::string account;
    AccountFlags flags;
};

void run_edit(Context& ctx, const EditOptions& options) {
    AccountFields fields =
        validate_account_fields(options.flags.given(), AccountRules::from(ctx.config()), flag_label);
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = resolve_account(db, options.account);
    edit_account(db, ctx.actor(), id, fields);
    tx.commit();
    ctx.out << visible_text(load_account(db, id).key) << "\n";
}

void run_rm(Context& ctx, const RefOptions& options) {
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = resolve_account(db, options.account);
    std::string key = load_account(db, id).key;
    std::string removed = remove_account(db, ctx.actor(), id, options.force);
    tx.commit();
    ctx.out << visible_text(key) << "\n";
    if (!removed.empty()) ctx.notice(fmt::format("removed account {} with {}", key, removed));
}

struct ImportOptions {
    std::string file;
    AccountImportOptions import;
};

void run_import(Context& ctx, const ImportOptions& options) {
    ImportSummary summary;
    run_csv_import(ctx, options.file, options.import.dry_run, [&](Database& db, std::istream& input) {
        summary = import_accounts(db, ctx.actor(), input, AccountRules::from(ctx.config()), options.import);
        return summary;
    });
    for (const auto& column : summary.ignored_columns)
        ctx.notice(fmt::format("ignored column {} (use --map 'Header=field' to import it)", quote_value(column)));
    std::string text = fmt::format("{} {} accounts ({} added, {} updated)",
                                   options.import.dry_run ? "would import" : "imported",
                                   summary.added + summary.updated, summary.added, summary.updated);
    if (summary.unchanged) text += fmt::format(", {} already in the workspace", summary.unchanged);
    ctx.notice(text);
}

// Contacts and notes ------------------------------------------------------------

struct ContactOptions {
    std::string account, name;
    std::optional<std::string> email, phone, title, role;
};

void run_contact_add(Context& ctx, const ContactOptions& options) {
    const RecordTable& rules = contact_fields();
    FieldBasis basis = field_basis(ctx);
    ContactFields fields;
    fields.name = rules.parse<std::string>("name", options.name, "NAME", basis);
    if (options.email) fields.email = rules.parse<std::string>("email", *options.email, "--email", basis);
    if (options.phone) fields.phone = rules.parse<std::string>("phone", *options.phone, "--phone", basis);
    if (options.title) fields.title = rules.parse<std::string>("title", *options.title, "--title", basis);
    if (options.role) fields.role = rules.parse<std::string>("role", *options.role, "--role", basis);
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = add_contact(db, ctx.actor(), resolve_account(db, options.account), fields);
    tx.commit();
    ctx.out << id << "\n";
}

struct ContactImportOptions {
    std::string file;
    CsvImportOptions import;
};

void run_contact_import(Context& ctx, const ContactImportOptions& options) {
    ImportCounts counts =
        run_csv_import(ctx, options.file, options.import.dry_run, [&](Database& db, std::istream& input) {
            return import_contacts(db, ctx.actor(), input, options.import);
        });
    ctx.notice(import_summary(options.import.dry_run, "contacts", counts));
}

struct ChildListOptions {
    std::string account;
};

void run_contact_list(Context& ctx, const ChildListOptions& options) {
    auto& db = ctx.reader();
    std::optional<std::int64_t> account;
    if (!options.account.empty()) account = resolve_account(db, options.account);
    ctx.print_rows(contact_columns(), [&](const auto& emit) { for_each_contact(db, account, emit); });
}

struct NoteOptions {
    std::string account, text, kind = "note", date = "today";
};

void run_note_add(Context& ctx, const NoteOptions& options) {
    const RecordTable& rules = note_fields();
    FieldBasis basis = field_basis(ctx);
    NoteFields fields;
    fields.text = rules.parse<std::string>("text", options.text, "TEXT", basis);
    fields.kind = rules.parse<std::string>("kind", options.kind, "--kind", basis);
    fields.date = rules.parse<Date>("date", options.date, "--date", basis);
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = add_note(db, ctx.actor(), resolve_account(db, options.account), fields);
    tx.commit();
    ctx.out << id << "\n";
}

void run_note_list(Context& ctx, const ChildListOptions& options) {
    auto& db = ctx.reader();
    std::optional<std::int64_t> account;
    if (!options.account.empty()) account = resolve_account(db, options.account);
    ctx.print_rows(note_columns(), [&](const auto& emit) { for_each_note(db, account, ctx.sql_limit(), emit); });
}

const char* account_ref_help = "Account key, exact name or id";

void add_contact_commands(CLI::App& account, Context& ctx) {
    auto* contact = add_group(account, "contact", "People at an account: decision makers, champions, …");
    auto add = std::make_shared<ContactOptions>();
    auto* add_cmd = add_command(*contact, ctx, add, "add", "Add a contact; prints its id",
                                "acm account contact add acme \"Dana Smith\" --role decision-maker --email dana@acme.com",
                                run_contact_add);
    add_cmd->add_option("account", add->account, account_ref_help)->required();
    add_cmd->add_option("name", add->name, "Full name")->required();
    add_cmd->add_option("--email", add->email, "E-mail address");
    add_cmd->add_option("--phone", add->phone, "Phone number");
    add_cmd->add_option("--title", add->title, "Job title");
    add_cmd->add_option("--role", add->role, "decision-maker, champion, billing, technical or user");

    auto list = std::make_shared<ChildListOptions>();
    add_command(*contact, ctx, list, "list", "List contacts, of one account or all", "acm account contact list acme",
                run_contact_list)
        ->add_option("account", list->account, account_ref_help);
    const char* id_help = "Contact id (see 'acm account contact list')";
    add_edit_command(*contact, ctx, contact_fields(), "Correct a contact's fields",
                     "acm account contact edit 12 --title CFO --phone ''", id_help);
    add_rm_command(*contact, ctx, contact_fields(), "Remove a contact by id", "acm account contact rm 12",
                   id_help);

    auto import = std::make_shared<ContactImportOptions>();
    auto* import_cmd = add_command(*contact, ctx, import, "import", "Import contacts from CSV, e.g. a CRM export (all-or-nothing)",
                                   "acm account contact import hubspot-contacts.csv --upsert", run_contact_import);
    import_cmd->add_option("file", import->file, "CSV file with a header row, or - for standard input")->required();
    add_import_flags(*import_cmd, import->import);
}

void add_note_commands(CLI::App& account, Context& ctx) {
    auto* note = add_group(account, "note", "Touchpoints: meetings, QBRs, calls, e-mails, notes");
    auto add = std::make_shared<NoteOptions>();
    auto* add_cmd = add_command(*note, ctx, add, "add", "Record a touchpoint; prints its id",
                                "acm account note add acme \"QBR: renewal looks good\" --kind qbr --date yesterday",
                                run_note_add);
    add_cmd->add_option("account", add->account, account_ref_help)->required();
    add_cmd->add_option("text", add->text, "What happened")->required();
    add_cmd->add_option("--kind", add->kind, "meeting, qbr, call, email or note (default note)");
    add_cmd->add_option("--date", add->date, "When (default today): YYYY-MM-DD, yesterday, -3d, …");

    auto list = std::make_shared<ChildListOptions>();
    add_command(*note, ctx, list, "list", "List notes, newest first", "acm account note list acme", run_note_list)
        ->add_option("account", list->account, account_ref_help);
    const char* id_help = "Note id (see 'acm account note list')";
    add_edit_command(*note, ctx, note_fields(), "Correct a note's kind, date or text",
                     "acm account note edit 7 --kind call --date 2026-11-20", id_help);
    add_rm_command(*note, ctx, note_fields(), "Remove a note by id", "acm account note rm 7", id_help);
}

}  // namespace

void add_account_commands(CLI::App& app, Context& ctx) {
    auto* account = add_group(app, "account", "Accounts: the portfolio, contacts and touchpoints");

    auto add = std::make_shared<AddOptions>();
    auto* add_cmd = add_command(*account, ctx, add, "add", "Add an account; prints its key",
                                "acm account add \"Acme Corp.\" --segment enterprise --tier strategic --owner dana",
                                run_add);
    add_cmd->add_option("name", add->name, "Display name, e.g. \"Acme Corp.\"")->required();
    add->flags.bind(add_cmd, false);

    auto list = std::make_shared<ListOptions_>();
    auto* list_cmd = add_command(*account, ctx, list, "list", "List accounts",
                                 "acm account list --owner dana --status active --csv", run_list);
    list_cmd->add_option("--owner", list->owner, "Only accounts of this owner");
    list_cmd->add_option("--segment", list->segment, "Only this segment");
    list_cmd->add_option("--tier", list->tier, "Only this tier");
    list_cmd->add_option("--status", list->status, "Only this status");
    list_cmd->add_option("--renewing-within", list->renewing_within,
                         "Only accounts with an open renewal due within this window: 90d");
    list_cmd->add_option("--tag", list->tags, "Only accounts with this tag (repeatable: all of them)")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    list_cmd->add_option("--health", list->health, "Only accounts of this health: red, yellow or green");

    auto show = std::make_shared<RefOptions>();
    add_command(*account, ctx, show, "show", "Everything about one account", "acm account show acme", run_show)
        ->add_option("account", show->account, account_ref_help)
        ->required();

    auto edit = std::make_shared<EditOptions>();
    auto* edit_cmd = add_command(*account, ctx, edit, "edit", "Change an account's fields (empty value clears)",
                                 "acm account edit acme --tier high-touch --tag renewal-2027", run_edit);
    edit_cmd->add_option("account", edit->account, account_ref_help)->required();
    edit->flags.bind(edit_cmd, true);

    auto rm = std::make_shared<RefOptions>();
    auto* rm_cmd = add_command(*account, ctx, rm, "rm", "Remove an account (refuses when it has contracts or history)",
                               "acm account rm acme --force", run_rm);
    rm_cmd->add_option("account", rm->account, account_ref_help)->required();
    rm_cmd->add_flag("--force", rm->force, "Remove it with its contracts, renewals, notes and every other record attached");

    auto import = std::make_shared<ImportOptions>();
    auto* import_cmd = add_command(*account, ctx, import, "import",
                                   "Import accounts from CSV (all-or-nothing)",
                                   "acm account import crm-export.csv --map 'Client=name' --dry-run", run_import);
    import_cmd->add_option("file", import->file, "CSV file with a header row, or - for standard input")->required();
    add_import_flags(*import_cmd, import->import);

    add_contact_commands(*account, ctx);
    add_note_commands(*account, ctx);
    add_usage_commands(*account, ctx);
    add_account_plan_commands(*account, ctx);
}

}  // namespace acm
