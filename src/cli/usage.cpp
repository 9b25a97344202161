// acm account usage …: usage metrics per account and day.
#include "acm/cli/usage.hpp"

#include <fmt/format.h>

#include "acm/cli/command.hpp"
#include "acm/cli/import_flags.hpp"
#include "acm/cli/progress.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/import/usage.hpp"
#include "acm/domain/usage.hpp"

namespace acm {

namespace {

struct AddOptions {
    std::string account, date;
    std::optional<std::string> active_users, logins, adoption;
};

void run_add(Context& ctx, const AddOptions& options) {
    UsageFields fields;
    fields.date = parse_date(options.date, ctx.today(), "--date");
    constexpr std::int64_t max_count = 1'000'000'000;
    if (options.active_users)
        fields.active_users = parse_integer(*options.active_users, 0, max_count, "--active-users");
    if (options.logins) fields.logins = parse_integer(*options.logins, 0, max_count, "--logins");
    if (options.adoption) fields.adoption = parse_percentage(*options.adoption, "--adoption");
    if (!fields.active_users && !fields.logins && !fields.adoption)
        throw UsageError("give at least one of --active-users, --logins and --adoption");
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = add_usage(db, ctx.actor(), resolve_account(db, options.account), fields);
    tx.commit();
    ctx.out << id << "\n";
}

struct ListOptions_ {
    std::string account;
};

void run_list(Context& ctx, const ListOptions_& options) {
    auto& db = ctx.reader();
    std::optional<std::int64_t> account;
    if (!options.account.empty()) account = resolve_account(db, options.account);
    ctx.print_rows(usage_columns(), [&](const auto& emit) { for_each_usage(db, account, emit); });
}

struct RmOptions {
    std::string id;
};

void run_rm(Context& ctx, const RmOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    auto& db = ctx.db();
    Transaction tx(db);
    remove_usage(db, ctx.actor(), id);
    tx.commit();
    ctx.out << id << "\n";
}

struct ImportOptions {
    std::string file;
    CsvImportOptions import;
};

void run_import(Context& ctx, const ImportOptions& options) {
    ImportCounts counts = run_csv_import(
        ctx, options.file, options.import.dry_run,
        [&](Database& db, std::istream& input) {
            return import_usage(db, ctx.actor(), input, ctx.today(), options.import,
                                import_progress(ctx, "usage"));
        },
        AccountsChecked::by_import);
    ctx.notice(import_summary(options.import.dry_run, "usage rows", counts));
}

}  // namespace

void add_usage_commands(CLI::App& account, Context& ctx) {
    auto* usage = add_group(account, "usage", "Usage metrics per day: active users, logins, adoption");

    auto add = std::make_shared<AddOptions>();
    auto* add_cmd = add_command(
        *usage, ctx, add, "add", "Record a day's usage; prints its id",
        "acm account usage add acme --date 2026-11-21 --active-users 140 --adoption 62.5", run_add);
    add_cmd->add_option("account", add->account, "Account key, exact name or id")->required();
    add_cmd->add_option("--date", add->date, "The day: YYYY-MM-DD, yesterday, -3d, …")->required();
    add_cmd->add_option("--active-users", add->active_users, "Active users that day");
    add_cmd->add_option("--logins", add->logins, "Logins that day");
    add_cmd->add_option("--adoption", add->adoption, "Adoption in percent, 0 to 100 (e.g. 62.5)");

    auto list = std::make_shared<ListOptions_>();
    add_command(*usage, ctx, list, "list", "List usage, newest first",
                "acm account usage list acme --limit 30", run_list)
        ->add_option("account", list->account, "Account key, exact name or id");

    auto rm = std::make_shared<RmOptions>();
    add_command(*usage, ctx, rm, "rm", "Remove a usage row by id", "acm account usage rm 12", run_rm)
        ->add_option("id", rm->id, "Usage id (see 'acm account usage list')")
        ->required();

    auto import = std::make_shared<ImportOptions>();
    auto* import_cmd = add_command(*usage, ctx, import, "import", "Import usage from CSV (all-or-nothing)",
                                   "acm account usage import usage-2026-11.csv", run_import);
    import_cmd->add_option("file", import->file, "CSV file with a header row, or - for standard input")
        ->required();
    add_import_flags(*import_cmd, import->import);
}

}  // namespace acm
