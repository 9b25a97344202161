// acm task add|list|done|edit|rm and acm agenda.
#include "acm/cli/task.hpp"

#include <fmt/format.h>

#include "acm/core/error.hpp"

#include "acm/cli/command.hpp"
#include "acm/cli/edit.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/agenda.hpp"
#include "acm/domain/play.hpp"
#include "acm/domain/task.hpp"

namespace acm {

namespace {

struct AddOptions {
    std::string account, text, priority = "normal";
    std::optional<std::string> due, owner;
};

void run_add(Context& ctx, const AddOptions& options) {
    const RecordTable& rules = task_fields();
    FieldBasis basis = field_basis(ctx);
    TaskFields fields;
    fields.text = rules.parse<std::string>("text", options.text, "TEXT", basis);
    if (options.due) fields.due = rules.parse<Date>("due", *options.due, "--due", basis);
    if (options.owner) fields.owner = rules.parse<std::string>("owner", *options.owner, "--owner", basis);
    fields.priority = rules.parse<std::string>("priority", options.priority, "--priority", basis);
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = add_task(db, ctx.actor(), resolve_account(db, options.account), fields, ctx.today());
    tx.commit();
    ctx.out << id << "\n";
}

struct TaskListOptions {
    std::optional<std::string> account, owner, due_within;
    bool overdue = false, all = false;
};

void run_list(Context& ctx, const TaskListOptions& options) {
    TaskFilter filter;
    if (options.due_within) filter.due_by = window_end(ctx.today(), *options.due_within, "--due-within");
    filter.overdue = options.overdue;
    filter.all = options.all;
    auto& db = ctx.reader();
    if (options.account) filter.account_id = resolve_account(db, *options.account);
    if (options.owner) {
        check_known_owner(db, *options.owner);
        filter.owner = options.owner;
    }
    ctx.print_rows(task_columns(), [&](const auto& emit) { for_each_task(db, filter, ctx.today(), emit); });
}

struct DoneOptions {
    std::string id, date = "today";
    std::optional<std::string> note;
};

void run_done(Context& ctx, const DoneOptions& options) {
    const RecordTable& rules = task_fields();
    FieldBasis basis = field_basis(ctx);
    std::int64_t id = parse_id(options.id, "ID");
    Date day = rules.parse<Date>("done_on", options.date, "--date", basis);
    std::optional<std::string> note;
    if (options.note) note = rules.parse<std::string>("note", *options.note, "--note", basis);
    auto& db = ctx.db();
    Transaction tx(db);
    complete_task(db, ctx.actor(), id, day, note);
    tx.commit();
    ctx.out << id << "\n";
}

struct AgendaOptions {
    std::optional<std::string> owner;
    std::string within = "7d";
};

void run_agenda(Context& ctx, const AgendaOptions& options) {
    AgendaSettings settings = AgendaSettings::from(ctx.config());
    AgendaFilter filter{ctx.today(), window_end(ctx.today(), options.within, "--within"), {}};
    auto& db = ctx.reader();
    if (options.owner) {
        check_known_owner(db, *options.owner);
        filter.owner = options.owner;
    }
    ctx.print_rows(agenda_columns(ctx.today()),
                   [&](const auto& emit) { for_each_agenda_item(db, settings, filter, emit); });
}

struct PlayRunOptions {
    bool dry_run = false;
};

void run_play_run(Context& ctx, const PlayRunOptions& options) {
    if (options.dry_run) {
        auto& db = ctx.reader();
        ctx.print_rows(play_run_columns(),
                       run_plays(db, ctx.actor(), match_plays(db, ctx.config(), ctx.today()), ctx.today(), true));
        return;
    }
    auto& db = ctx.db();
    Transaction tx(db);
    auto rows = run_plays(db, ctx.actor(), match_plays(db, ctx.config(), ctx.today()), ctx.today(), false);
    // The tasks are kept only once the list of them is out (cron mails it): a list lost on a
    // full disk or a closed pipe adds nothing, and the next run adds them again.
    try {
        ctx.print_rows(play_run_columns(), std::move(rows));
        ctx.flush_output();
    } catch (const OutputFailed& failure) {
        throw RuntimeError(fmt::format("{}; no task was added", failure.what()));
    }
    tx.commit();
}

struct PlayListOptions {};

void run_play_list(Context& ctx, const PlayListOptions&) {
    auto& db = ctx.reader();
    ctx.print_rows(play_list_columns(), list_plays(ctx.config(), match_plays(db, ctx.config(), ctx.today())));
}

}  // namespace

void add_play_commands(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "play", "Plays: rules of the config that turn conditions into tasks");
    auto run = std::make_shared<PlayRunOptions>();
    add_command(*group, ctx, run, "run",
                "Add a task for each account that meets a play and had none from it within its span",
                "acm play run --dry-run", run_play_run)
        ->add_flag("--dry-run", run->dry_run, "Print the tasks it would add; add none");
    auto list = std::make_shared<PlayListOptions>();
    add_command(*group, ctx, list, "list", "Each play, its condition, and how many accounts meet it now",
                "acm play list", run_play_list);
}

void add_task_commands(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "task", "Tasks: what is to be done for an account, by whom and when");

    auto add = std::make_shared<AddOptions>();
    auto* add_cmd = add_command(*group, ctx, add, "add", "Add a task; prints its id",
                                "acm task add acme \"Send the renewal quote\" --due friday --priority high",
                                run_add);
    add_cmd->add_option("account", add->account, "Account key, exact name or id")->required();
    add_cmd->add_option("text", add->text, "What is to be done")->required();
    add_cmd->add_option("--due", add->due, "When it is due: YYYY-MM-DD, +3d, friday, … (default: none)");
    add_cmd->add_option("--owner", add->owner, "Who does it (default: the account's owner)");
    add_cmd->add_option("--priority", add->priority, "high, normal or low (default normal)");

    auto list = std::make_shared<TaskListOptions>();
    auto* list_cmd = add_command(*group, ctx, list, "list",
                                 "List open tasks by due date (undated last); --all adds the done ones",
                                 "acm task list --owner dana --due-within 7d", run_list);
    list_cmd->add_option("--account", list->account, "Only the tasks of this account");
    list_cmd->add_option("--owner", list->owner, "Only the tasks of this owner (the task's, else the account's)");
    list_cmd->add_flag("--overdue", list->overdue, "Only open tasks due before today");
    list_cmd->add_option("--due-within", list->due_within, "Only open tasks due by today + this window: 7d");
    list_cmd->add_flag("--all", list->all, "Done tasks too");

    auto done = std::make_shared<DoneOptions>();
    auto* done_cmd = add_command(*group, ctx, done, "done", "Mark a task done; prints its id",
                                 "acm task done 12 --note \"Quote sent\"", run_done);
    done_cmd->add_option("id", done->id, "Task id (see 'acm task list')")->required();
    done_cmd->add_option("--note", done->note, "What came of it");
    done_cmd->add_option("--date", done->date, "When it was done (default today)");

    const char* id_help = "Task id (see 'acm task list')";
    add_edit_command(*group, ctx, task_fields(), "Correct a task: text, due date, owner, priority, done",
                     "acm task edit 12 --due +7d --owner sam", id_help);
    add_rm_command(*group, ctx, task_fields(), "Remove a task by id", "acm task rm 12", id_help);
}

void add_agenda_command(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<AgendaOptions>();
    auto* cmd = add_command(app, ctx, options, "agenda",
                            "Everything due or overdue by the end of the window, by date: tasks, notice "
                            "deadlines, renewals, follow-ups, actions, milestones, SLAs, touch cadence",
                            "acm agenda --owner dana --within 7d", run_agenda);
    cmd->add_option("--owner", options->owner, "Only what this owner owes");
    cmd->add_option("--within", options->within, "The window from today: 7d (default), 2w, 1m");
}

}  // namespace acm
