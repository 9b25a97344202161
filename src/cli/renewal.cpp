// acm renewal …: the renewal pipeline, closing renewals, and the cron jobs (due, remind, roll).
#include "acm/cli/renewal.hpp"

#include <iostream>

#include <fmt/format.h>

#include "acm/cli/command.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/renewal.hpp"

namespace acm {

namespace {

struct ListOptions_ {
    std::string account;
    std::optional<std::string> within, owner, stage, risk;
    bool all = false;
};

void run_list(Context& ctx, const ListOptions_& options) {
    RenewalFilter filter;
    if (options.within) filter.due_by = window_end(ctx.today(), *options.within, "--within");
    filter.owner = options.owner;
    if (options.stage) filter.stage = parse_choice(*options.stage, renewal_stages(), "--stage");
    if (options.risk) filter.risk = parse_choice(*options.risk, renewal_risks(), "--risk");
    filter.all = options.all;
    auto& db = ctx.reader();
    if (!options.account.empty()) filter.account_id = resolve_account(db, options.account);
    ctx.print_rows(renewal_columns(options.all), [&](const auto& emit) { for_each_renewal(db, filter, emit); });
}

struct UpdateOptions {
    std::string id;
    RenewalUpdate update;
};

void run_update(Context& ctx, const UpdateOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    auto& db = ctx.db();
    Transaction tx(db);
    update_renewal(db, ctx.actor(), id, options.update);
    tx.commit();
    ctx.out << id << "\n";
}

struct CloseOptions {
    std::string id;
    bool renewed = false, churned = false;
    std::optional<std::string> arr, end, reason, title;
};

void run_close(Context& ctx, const CloseOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    if (options.renewed == options.churned) throw UsageError("give one of --renewed or --churned");
    if (options.churned && (options.arr || options.end || options.title))
        throw UsageError("--arr, --end and --title describe the renewed contract; they do not go with --churned");
    SuccessorTerms successor{options.arr, std::nullopt, options.title};
    if (options.end) successor.end = parse_date(*options.end, ctx.today(), "--end");
    std::string reason;
    if (options.churned) {
        if (!options.reason) throw UsageError("--churned needs --reason (why the customer left)");
        reason = checked_text(*options.reason, "--reason", 2000);
    } else if (options.reason) {
        throw UsageError("--reason goes with --churned; record why a renewal went well with 'renewal update --reason'");
    }
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t printed = id;
    if (options.renewed)
        printed = renew(db, ctx.actor(), id, successor, ctx.today(), "--renewed");
    else
        churn(db, ctx.actor(), id, reason, ctx.today());
    tx.commit();
    ctx.out << printed << "\n";
}

struct DueOptions {
    std::string within = "30d";
};

void run_due(Context& ctx, const DueOptions& options) {
    Date until = window_end(ctx.today(), options.within, "--within");
    auto& db = ctx.reader();
    ctx.print_rows(due_columns(), [&](const auto& emit) { for_each_due_renewal(db, ctx.today(), until, emit); });
}

struct RemindOptions {
    std::optional<std::string> days;
    bool dry_run = false;
};

// "90,60,30" (a trailing d is allowed: 90d,60d).
std::vector<std::int64_t> parse_days(const std::string& text) {
    std::vector<std::int64_t> days;
    std::size_t start = 0;
    while (true) {
        auto comma = text.find(',', start);
        std::string item = trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (item.size() > 1 && item.back() == 'd') item.pop_back();
        try {
            days.push_back(parse_integer(item, 0, 3660, "--days"));
        } catch (const UsageError&) {
            throw UsageError(fmt::format("--days {} is not valid (expected days before the notice deadline, e.g. 90,60,30)",
                                         quote_value(text)));
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return days;
}

void run_remind(Context& ctx, const RemindOptions& options) {
    std::vector<std::int64_t> days =
        options.days ? parse_days(*options.days) : ctx.config().integers("renewal.remind_days");
    if (ctx.list_options().limit)
        throw UsageError("renewal remind does not take --limit: every reminder it gives is printed and remembered");
    // The write lock is held from choosing the reminders to remembering them, so that two
    // runs at once do not both give them. A dry run only reads.
    auto& db = options.dry_run ? ctx.reader() : ctx.db();
    Transaction tx(db, options.dry_run ? Transaction::Lock::read : Transaction::Lock::write);
    std::vector<Reminder> reminders = due_reminders(db, ctx.today(), days);
    std::vector<Row> rows;
    for (const auto& reminder : reminders) rows.push_back(reminder.row);
    // The printed reminders are the sent ones: remembered only once all of them are out, so
    // that a reminder lost on a full disk or a closed pipe comes again on the next run.
    try {
        ctx.print_rows(reminder_columns(), std::move(rows));
        ctx.flush_output();
    } catch (const OutputFailed& failure) {
        throw RuntimeError(fmt::format("{}; no reminder was recorded as sent", failure.what()));
    }
    if (options.dry_run || reminders.empty()) return;
    record_reminders(db, ctx.actor(), ctx.today(), reminders);
    try {
        tx.commit();
    } catch (const RuntimeError& failure) {
        throw RuntimeError(fmt::format("the reminders above were printed but could not be recorded as sent ({}); "
                                       "they will be given again",
                                       failure.what()));
    }
}

struct RollOptions {
    bool dry_run = false;
};

void run_roll(Context& ctx, const RollOptions& options) {
    // A dry run does all the work on a copy of the workspace in memory, so that it shows
    // exactly what a real run would do while only reading the workspace.
    std::optional<Database> copy;
    if (options.dry_run) copy.emplace(ctx.reader().copy_in_memory());
    auto& db = options.dry_run ? *copy : ctx.db();
    Transaction tx(db);
    std::vector<Row> rows = roll(db, ctx.actor(), ctx.today());
    if (!options.dry_run) tx.commit();
    ctx.print_rows(roll_columns(), std::move(rows));
}

struct ForecastOptions {
    std::string period = "this-quarter";
    std::optional<std::string> by;
};

void run_forecast(Context& ctx, const ForecastOptions& options) {
    Period period = parse_period(options.period, ctx.today(), "--period");
    std::optional<std::string> by;
    if (options.by) by = parse_choice(*options.by, {"owner", "segment"}, "--by");
    auto& db = ctx.reader();
    std::vector<Row> rows = forecast(db, ctx.config(), period, by);
    ctx.print_rows(forecast_columns(by), std::move(rows));
}

struct CalendarOptions {
    std::string within = "1y";
};

void run_calendar(Context& ctx, const CalendarOptions& options) {
    Date until = window_end(ctx.today(), options.within, "--within");
    auto& db = ctx.reader();
    write_icalendar(ctx.out, renewal_events(db, ctx.today(), until), ctx.actor().now);
}

const char* id_help = "Renewal id (see 'acm renewal list')";

}  // namespace

void add_renewal_commands(CLI::App& app, Context& ctx) {
    auto* renewal = add_group(app, "renewal", "Renewals: the pipeline, closing, reminders, forecast");

    auto list = std::make_shared<ListOptions_>();
    auto* list_cmd = add_command(*renewal, ctx, list, "list", "The open renewal pipeline, by due date",
                                 "acm renewal list --within 90d --risk high", run_list);
    list_cmd->add_option("--account", list->account, "Only this account's renewals");
    list_cmd->add_option("--within", list->within, "Only renewals due by today + this window (overdue included): 90d");
    list_cmd->add_option("--owner", list->owner, "Only renewals of this owner");
    list_cmd->add_option("--stage", list->stage, "upcoming, in-progress or committed");
    list_cmd->add_option("--risk", list->risk, "low, medium or high");
    list_cmd->add_flag("--all", list->all, "Closed renewals too (outcome, closed_on)");

    auto update = std::make_shared<UpdateOptions>();
    auto* update_cmd = add_command(*renewal, ctx, update, "update", "Change stage, risk, forecast, reason, plan, owner",
                                   "acm renewal update 7 --stage in-progress --risk medium --plan \"exec sponsor call\"",
                                   run_update);
    update_cmd->add_option("id", update->id, id_help)->required();
    update_cmd->add_option("--stage", update->update.stage, "upcoming, in-progress or committed");
    update_cmd->add_option("--risk", update->update.risk, "low, medium or high");
    update_cmd->add_option("--forecast", update->update.forecast, "Expected ARR after renewal");
    update_cmd->add_option("--reason", update->update.reason, "Why the risk or forecast (empty clears)");
    update_cmd->add_option("--plan", update->update.plan, "Mitigation plan (empty clears)");
    update_cmd->add_option("--owner", update->update.owner, "Who drives it (default: the account owner)");

    auto close = std::make_shared<CloseOptions>();
    auto* close_cmd = add_command(*renewal, ctx, close, "close",
                                  "Close as renewed (prints the new contract's id) or churned",
                                  "acm renewal close 7 --renewed --arr 140k", run_close);
    close_cmd->add_option("id", close->id, id_help)->required();
    close_cmd->add_flag("--renewed", close->renewed, "Renewed: a successor contract from the day after the end");
    close_cmd->add_flag("--churned", close->churned, "Churned: the customer leaves at the end");
    close_cmd->add_option("--arr", close->arr, "ARR of the renewed contract (default: the current ARR)");
    close_cmd->add_option("--end", close->end, "End of the renewed contract (default: the same term length)");
    close_cmd->add_option("--title", close->title, "Title of the renewed contract (default: the old title; \"\" for none)");
    close_cmd->add_option("--reason", close->reason, "Why the customer churned (required with --churned)");

    auto due = std::make_shared<DueOptions>();
    add_command(*renewal, ctx, due, "due", "Renewals whose due date or notice deadline falls in a window (cron)",
                "acm renewal due --within 30d", run_due)
        ->add_option("--within", due->within, "The window from today (default 30d)");

    auto remind = std::make_shared<RemindOptions>();
    auto* remind_cmd = add_command(*renewal, ctx, remind, "remind",
                                   "Each reminder once over repeated runs (daily cron)",
                                   "acm renewal remind --days 90,60,30", run_remind);
    remind_cmd->add_option("--days", remind->days,
                           "Days before the notice deadline (default: config renewal.remind_days)");
    remind_cmd->add_flag("--dry-run", remind->dry_run, "Show what is due, remember nothing");

    auto roll = std::make_shared<RollOptions>();
    add_command(*renewal, ctx, roll, "roll", "Renew auto-renew contracts that have ended (idempotent)",
                "acm renewal roll --dry-run", run_roll)
        ->add_flag("--dry-run", roll->dry_run, "Show what would be renewed, change nothing");

    auto forecast = std::make_shared<ForecastOptions>();
    auto* forecast_cmd = add_command(*renewal, ctx, forecast, "forecast",
                                     "ARR up for renewal in a period: committed, weighted, at risk",
                                     "acm renewal forecast --period 2027-Q1 --by owner", run_forecast);
    forecast_cmd->add_option("--period", forecast->period, "Period of due dates (default this-quarter): 2027-Q1, …");
    forecast_cmd->add_option("--by", forecast->by, "One row per owner or segment");

    auto calendar = std::make_shared<CalendarOptions>();
    add_command(*renewal, ctx, calendar, "calendar", "Due dates and notice deadlines as iCalendar (.ics)",
                "acm renewal calendar --within 1y > renewals.ics", run_calendar)
        ->add_option("--within", calendar->within, "The window from today (default 1y)");
}

}  // namespace acm
