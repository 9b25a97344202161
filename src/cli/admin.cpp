// Admin commands: init, config, log, undo, backup, check, export, import, completion.
#include "acm/cli/admin.hpp"

#include <fstream>

#include <fmt/format.h>

#include "acm/cli/command.hpp"
#include "acm/cli/completions.hpp"
#include "acm/core/error.hpp"
#include "acm/core/private_file.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/transfer.hpp"
#include "acm/store/maintenance.hpp"
#include "acm/store/undo.hpp"
#include "acm/store/workspace.hpp"

namespace acm {

namespace {

struct InitOptions {
    std::string path;
};

void run_init(Context& ctx, const InitOptions& options) {
    std::string path = options.path.empty() ? ctx.workspace_path() : options.path;
    Database db = create_workspace(path);
    Transaction tx(db);
    record_event(db, ctx.actor(), {"workspace", path, std::nullopt, "init"},
                 Changes().set("schema_version", std::to_string(current_schema_version())));
    tx.commit();
    ctx.out << path << "\n";
}

struct ConfigOptions {
    std::string key, value;
};

void run_config_list(Context& ctx, const ConfigOptions&) {
    std::vector<Column> columns = {{"key", Kind::text}, {"value", Kind::text}, {"origin", Kind::text}};
    ctx.print_rows(columns, [&](const auto& emit) {
        for (const auto& entry : ctx.config().entries()) emit(Row{entry.key, entry.value, entry.origin});
    });
}

void run_config_get(Context& ctx, const ConfigOptions& options) {
    ctx.out << ctx.config().value_text(options.key) << "\n";
}

void run_config_set(Context& ctx, const ConfigOptions& options) {
    std::string file = config_file_path();
    set_config_value(file, options.key, options.value);
    ctx.notice(fmt::format("set {} in {}", options.key, file));
}

void run_config_path(Context& ctx, const ConfigOptions&) { ctx.out << config_file_path() << "\n"; }

struct LogOptions {
    std::string account, since;
};

void run_log(Context& ctx, const LogOptions& options) {
    EventFilter filter;
    auto& db = ctx.reader();
    if (!options.account.empty()) filter.account_id = resolve_account(db, options.account);
    if (!options.since.empty()) {
        Date since = parse_since(options.since, ctx.today());
        filter.since = parse_timestamp(format_date(since), ctx.today(), "--since");
    }
    ctx.print_rows(event_columns(), [&](const auto& emit) { for_each_event(db, filter, emit); });
}

struct UndoOptions {
    bool dry_run = false;
};

// "command 12 (2026-12-05 11:22, alice): acm contract add acme …", then what it recorded.
void print_command(Context& ctx, Database& db, const UndoTarget& target) {
    auto at = parse_timestamp_utc(target.at);
    ctx.out << fmt::format("command {} ({}, {}; {} {}): {}\n", target.id, at ? format_timestamp_local(*at) : target.at,
                           target.os_user, target.changes, target.changes == 1 ? "row" : "rows", target.command);
    EventFilter filter;
    filter.command_id = target.id;
    auto columns = event_columns();
    auto field = [&](const Row& row, const char* name) {
        const Cell& cell = row[static_cast<std::size_t>(column_index(columns, name))];
        return std::holds_alternative<std::string>(cell) ? std::get<std::string>(cell) : std::string();
    };
    std::vector<std::string> lines;
    for_each_event(db, filter, [&](Row&& row) {
        lines.push_back(fmt::format("  {} {} {}", field(row, "entity"), field(row, "entity_id"), field(row, "action")));
    });
    for (auto line = lines.rbegin(); line != lines.rend(); ++line) ctx.out << *line << "\n";
}

void run_undo(Context& ctx, const UndoOptions& options) {
    auto& db = options.dry_run ? ctx.reader() : ctx.db();
    std::optional<ForeignKeysOff> foreign_keys_off;
    if (!options.dry_run) foreign_keys_off.emplace(db);
    Transaction tx(db, options.dry_run ? Transaction::Lock::read : Transaction::Lock::write);
    auto target = next_undo(db);
    if (!target) {
        ctx.notice("nothing to undo");
        return;
    }
    if (options.dry_run) {
        ctx.out << "would undo ";
        print_command(ctx, db, *target);
        return;
    }
    revert_command(db, *target);
    record_event(db, ctx.actor(), {"command", std::to_string(target->id), std::nullopt, "undo"},
                 Changes().set("command", target->command).set("rows", std::to_string(target->changes)));
    ctx.out << "undid ";
    print_command(ctx, db, *target);
    ctx.flush_output();
    tx.commit();
}

struct FileOptions {
    std::string file;
    bool force = false;
};

void run_backup(Context& ctx, const FileOptions& options) {
    backup_workspace(ctx.reader(), options.file, options.force);
    ctx.out << options.file << "\n";
}

void run_check(Context& ctx, const FileOptions&) {
    std::string path = ctx.workspace_path();
    CheckReport report = check_workspace(path);
    if (!report.problems.empty()) {
        std::string more = report.problems.size() > 1 ? fmt::format(" (and {} more)", report.problems.size() - 1) : "";
        throw RuntimeError(fmt::format("{}: {}{}", path, report.problems.front(), more));
    }
    if (report.schema_version < current_schema_version())
        ctx.notice(fmt::format("schema version {}: the next command migrates it to version {}", report.schema_version,
                               current_schema_version()));
    ctx.out << "ok\n";
}

void run_export(Context& ctx, const FileOptions& options) {
    if (options.file.empty() || options.file == "-") {
        export_workspace(ctx.reader(), ctx.out);
        return;
    }
    auto& db = ctx.reader();
    PrivateFile file(options.file, options.force);
    {
        std::ofstream out(file.temp_path(), std::ios::binary | std::ios::trunc);
        export_workspace(db, out);
        out.close();
        if (!out) throw RuntimeError(fmt::format("cannot write {}", options.file));
    }
    file.commit();
    ctx.out << options.file << "\n";
}

void run_import(Context& ctx, const FileOptions& options) {
    auto in = open_input(options.file);
    std::size_t rows = import_workspace(ctx.db(), *in, options.file == "-" ? "standard input" : options.file,
                                        AccountRules::from(ctx.config()));
    ctx.notice(fmt::format("imported {} rows into {}", rows, ctx.workspace_path()));
}

void run_completion(Context& ctx, const FileOptions& options) {
    parse_choice(options.file, {"bash", "zsh", "fish"}, "SHELL");
    ctx.out << completion_script(options.file);
}

}  // namespace

void add_admin_commands(CLI::App& app, Context& ctx) {
    auto init = std::make_shared<InitOptions>();
    add_command(app, ctx, init, "init", "Create a new workspace (mode 0600)", "acm init ~/acm/work.db", run_init)
        ->add_option("path", init->path, "Where to create it (default: -w, ACM_WORKSPACE or the XDG data folder)");

    auto* config = add_group(app, "config", "Read and change configuration (TOML)");
    auto options = std::make_shared<ConfigOptions>();
    add_command(*config, ctx, options, "list", "Every setting with its value and origin", "acm config list",
                run_config_list);
    add_command(*config, ctx, options, "get", "One setting's value", "acm config get renewal.remind_days",
                run_config_get)
        ->add_option("key", options->key, "Dotted key, e.g. health.weights.nps")
        ->required();
    auto* set = add_command(*config, ctx, options, "set", "Change a setting in the user config file",
                            "acm config set currency USD", run_config_set);
    set->add_option("key", options->key, "Dotted key, e.g. output.format")->required();
    set->add_option("value", options->value, "TOML value: 30, \"text\", [90, 60, 30], or plain text")->required();
    add_command(*config, ctx, options, "path", "Print the user config file's path", "acm config path",
                run_config_path);

    auto log = std::make_shared<LogOptions>();
    auto* log_command = add_command(app, ctx, log, "log", "The audit log of every write, newest first",
                                    "acm log --account acme --since 7d", run_log);
    log_command->add_option("--account", log->account, "Only events of this account");
    log_command->add_option("--since", log->since, "Only events since a date (2026-11-01, -2w) or a window (7d)");

    auto undo = std::make_shared<UndoOptions>();
    add_command(app, ctx, undo, "undo",
                "Revert the most recent command that changed the workspace and is not undone yet",
                "acm undo --dry-run", run_undo)
        ->add_flag("--dry-run", undo->dry_run, "Print what would be undone; change nothing");

    auto backup = std::make_shared<FileOptions>();
    auto* backup_command = add_command(app, ctx, backup, "backup",
                                       "Copy the workspace to FILE (mode 0600) while others may write; prints FILE",
                                       "acm backup ~/backups/acm-$(date +%F).db", run_backup);
    backup_command->add_option("file", backup->file, "The new file")->required();
    backup_command->add_flag("--force", backup->force, "Replace FILE when it exists");

    auto check = std::make_shared<FileOptions>();
    add_command(app, ctx, check, "check",
                "Check the workspace: integrity, foreign keys, schema; prints ok or the problem (exit 1)",
                "acm check", run_check);

    auto exported = std::make_shared<FileOptions>();
    auto* export_command = add_command(app, ctx, exported, "export",
                                       "The whole workspace as JSON, on stdout or into a new file (mode 0600)",
                                       "acm export -o acm.json", run_export);
    export_command->add_option("-o,--output", exported->file, "Write to this new file (prints its path)");
    export_command->add_flag("--force", exported->force, "Replace the --output file when it exists");

    auto imported = std::make_shared<FileOptions>();
    add_command(app, ctx, imported, "import", "Load an export into an empty workspace, in one transaction",
                "acm init new.db && acm -w new.db import acm.json", run_import)
        ->add_option("file", imported->file, "The JSON of 'acm export', or - for standard input")
        ->required();

    auto completion = std::make_shared<FileOptions>();
    add_command(app, ctx, completion, "completion", "Print the shell completion script: bash, zsh or fish",
                "source <(acm completion bash)", run_completion)
        ->add_option("shell", completion->file, "bash, zsh or fish")
        ->required();
}

}  // namespace acm
