// acm escalate …: escalations tracked to resolution against their SLA target.
#include "acm/cli/escalate.hpp"

#include <fmt/format.h>

#include "acm/cli/command.hpp"
#include "acm/cli/context.hpp"
#include "acm/cli/edit.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/escalation.hpp"
#include "acm/output/row_writer.hpp"

namespace acm {

namespace {

// --at: a time no later than now (an escalation cannot be opened or resolved in the future).
Timestamp parse_at(const Context& ctx, const std::optional<std::string>& text) {
    Timestamp now = now_for(ctx);
    if (!text) return now;
    Timestamp at = parse_timestamp(*text, ctx.today(), "--at");
    if (at > now)
        throw UsageError(fmt::format("--at {} is in the future (expected a time no later than {})",
                                     quote_value(*text), format_timestamp_local(now)));
    return at;
}

std::optional<std::string> optional_text(const std::optional<std::string>& value, std::string_view field,
                                         std::size_t max_bytes = 10000) {
    if (!value) return std::nullopt;
    return checked_text(*value, field, max_bytes);
}

std::optional<std::string> optional_choice(const std::optional<std::string>& value,
                                           const std::vector<std::string>& valid, std::string_view field) {
    if (!value) return std::nullopt;
    return parse_choice(*value, valid, field);
}

struct OpenOptions {
    std::string account, title, severity;
    std::optional<std::string> source, owner, description, at;
};

void run_open(Context& ctx, const OpenOptions& options) {
    const RecordTable& rules = escalation_fields();
    FieldBasis basis = field_basis(ctx);
    EscalationFields fields;
    fields.title = rules.parse<std::string>("title", options.title, "TITLE", basis);
    fields.severity = parse_choice(options.severity, escalation_severities(), "--severity");
    if (options.source)
        fields.source = rules.parse<std::string>("source", *options.source, "--source", basis);
    fields.owner = optional_text(options.owner, "--owner", 200);
    if (options.description)
        fields.description =
            rules.parse<std::string>("description", *options.description, "--description", basis);
    fields.opened_at = parse_at(ctx, options.at);
    SlaTargets sla = SlaTargets::from(ctx.config());
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = open_escalation(db, ctx.actor(), resolve_account(db, options.account), fields, sla);
    tx.commit();
    ctx.out << id << "\n";
}

struct ListOptions_ {
    bool open = false, breached = false;
    std::optional<std::string> account, severity, owner;
};

void run_list(Context& ctx, const ListOptions_& options) {
    EscalationFilter filter;
    filter.open_only = options.open;
    filter.breached_only = options.breached;
    filter.severity = optional_choice(options.severity, escalation_severities(), "--severity");
    filter.owner = options.owner;
    auto& db = ctx.reader();
    if (options.account) filter.account_id = resolve_account(db, *options.account);
    Timestamp now = now_for(ctx);
    ctx.print_rows(escalation_columns(),
                   [&](const auto& emit) { for_each_escalation(db, filter, now, emit); });
}

struct IdOptions {
    std::string id;
};

void run_show(Context& ctx, const IdOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    auto& db = ctx.reader();
    escalation_account(db, id);  // "no escalation with id N"
    EscalationFilter filter;
    filter.id = id;
    Timestamp now = now_for(ctx);
    Document document;
    for_each_escalation(db, filter, now, [&](Row&& row) {
        document.record = record_of(escalation_columns(), std::move(row));
    });
    // The table shows every detail that has a value, under its column's name; the title
    // carries the id and the title.
    for (auto& field : document.record.fields) {
        const std::string& name = field.column.name;
        field.column.in_table = name != "id" && name != "title";
        field.label = name;
        if (name == "title") document.title = fmt::format("Escalation {}: {}", id, std::get<std::string>(field.value));
    }
    document.label_width = 14;
    ActionFilter actions;
    actions.escalation_id = id;
    document.add_table("actions", "Actions", escalation_action_columns(),
                       rows_of([&](const auto& emit) { for_each_escalation_action(db, actions, emit); }),
                       {"escalation", "account"});
    document.add_table("timeline", "Timeline", escalation_update_columns(),
                       rows_of([&](const auto& emit) { for_each_escalation_update(db, id, emit); }));
    // csv/tsv: the timeline, the one list of what happened.
    document.flat = "timeline";
    ctx.print_document(document);
}

struct UpdateOptions {
    std::string id;
    std::optional<std::string> status, note, owner, severity, at;
};

void run_update(Context& ctx, const UpdateOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    EscalationChange change;
    change.status = optional_choice(options.status, {"open", "investigating", "mitigating"}, "--status");
    change.note = optional_text(options.note, "--note");
    change.owner = optional_text(options.owner, "--owner", 200);
    change.severity = optional_choice(options.severity, escalation_severities(), "--severity");
    if (!change.status && !change.note && !change.owner && !change.severity)
        throw UsageError("nothing to update (expected --status, --note, --owner or --severity)");
    Timestamp at = parse_at(ctx, options.at);
    SlaTargets sla = SlaTargets::from(ctx.config());
    auto& db = ctx.db();
    Transaction tx(db);
    update_escalation(db, ctx.actor(), id, change, at, sla);
    tx.commit();
    ctx.out << id << "\n";
}

struct ResolveOptions {
    std::string id, root_cause;
    std::optional<std::string> resolution, at;
};

void run_resolve(Context& ctx, const ResolveOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    std::string root_cause = checked_text(options.root_cause, "--root-cause");
    auto resolution = optional_text(options.resolution, "--resolution");
    Timestamp at = parse_at(ctx, options.at);
    auto& db = ctx.db();
    Transaction tx(db);
    resolve_escalation(db, ctx.actor(), id, root_cause, resolution, at);
    tx.commit();
    ctx.out << id << "\n";
}

struct ReopenOptions {
    std::string id;
    std::optional<std::string> at;
};

void run_reopen(Context& ctx, const ReopenOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    Timestamp at = parse_at(ctx, options.at);
    auto& db = ctx.db();
    Transaction tx(db);
    reopen_escalation(db, ctx.actor(), id, at);
    tx.commit();
    ctx.out << id << "\n";
}

struct ActionOptions {
    std::string id, text;
    std::optional<std::string> owner, due, at;
};

void run_action_add(Context& ctx, const ActionOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    const RecordTable& rules = action_fields();
    FieldBasis basis = field_basis(ctx);
    ActionFields fields;
    fields.text = rules.parse<std::string>("text", options.text, "TEXT", basis);
    if (options.owner) fields.owner = rules.parse<std::string>("owner", *options.owner, "--owner", basis);
    if (options.due) fields.due = rules.parse<Date>("due", *options.due, "--due", basis);
    Timestamp at = parse_at(ctx, options.at);
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t action = add_action(db, ctx.actor(), id, fields, at);
    tx.commit();
    ctx.out << action << "\n";
}

struct ActionDoneOptions {
    std::string id;
    std::optional<std::string> at;
};

void run_action_done(Context& ctx, const ActionDoneOptions& options) {
    std::int64_t id = parse_id(options.id, "ACTION_ID");
    Timestamp at = parse_at(ctx, options.at);
    auto& db = ctx.db();
    Transaction tx(db);
    complete_action(db, ctx.actor(), id, at);
    tx.commit();
    ctx.out << id << "\n";
}

struct ActionListOptions {
    std::optional<std::string> id;
    bool open = false;
};

void run_action_list(Context& ctx, const ActionListOptions& options) {
    ActionFilter filter;
    if (options.id) filter.escalation_id = parse_id(*options.id, "ID");
    filter.open_only = options.open;
    auto& db = ctx.reader();
    if (filter.escalation_id) {
        auto known = db.prepare("SELECT 1 FROM escalations WHERE id = ?");
        known.bind(1, *filter.escalation_id);
        if (!known.step()) throw RuntimeError(fmt::format("no escalation with id {}", *filter.escalation_id));
    }
    ctx.print_rows(escalation_action_columns(),
                   [&](const auto& emit) { for_each_escalation_action(db, filter, emit); });
}

const char* id_help = "Escalation id (see 'acm escalate list')";
const char* at_help = "When (default now): YYYY-MM-DD[THH:MM[:SS]] local time, or a date such as yesterday";

}  // namespace

void add_escalate_commands(CLI::App& app, Context& ctx) {
    auto* escalate =
        add_group(app, "escalate", "Escalations: severity, owner, actions, resolution against the SLA");

    auto open = std::make_shared<OpenOptions>();
    auto* open_cmd =
        add_command(*escalate, ctx, open, "open", "Open an escalation; prints its id",
                    "acm escalate open acme \"Reporting outage\" --severity high --owner dana", run_open);
    open_cmd->add_option("account", open->account, "Account key, exact name or id")->required();
    open_cmd->add_option("title", open->title, "What is wrong, in a line")->required();
    open_cmd->add_option("--severity", open->severity, "critical, high, medium or low")->required();
    open_cmd->add_option("--source", open->source, "customer, support, sales, billing or internal");
    open_cmd->add_option("--owner", open->owner, "Who drives it to resolution");
    open_cmd->add_option("--description", open->description, "The details");
    open_cmd->add_option("--at", open->at, at_help);

    auto list = std::make_shared<ListOptions_>();
    auto* list_cmd = add_command(*escalate, ctx, list, "list", "List escalations",
                                 "acm escalate list --open --severity critical --csv", run_list);
    list_cmd->add_flag("--open", list->open, "Only escalations that are not resolved");
    list_cmd->add_option("--account", list->account, "Only this account's");
    list_cmd->add_option("--severity", list->severity, "Only this severity: critical, high, medium or low");
    list_cmd->add_option("--owner", list->owner, "Only this owner's");
    list_cmd->add_flag("--breached", list->breached,
                       "Only those open past their SLA target or resolved after it");

    auto show = std::make_shared<IdOptions>();
    add_command(*escalate, ctx, show, "show", "One escalation with its actions and timeline",
                "acm escalate show 3", run_show)
        ->add_option("id", show->id, id_help)
        ->required();

    auto update = std::make_shared<UpdateOptions>();
    auto* update_cmd =
        add_command(*escalate, ctx, update, "update", "Change status, owner or severity, or add a note",
                    "acm escalate update 3 --status mitigating --note \"Hotfix deployed\"", run_update);
    update_cmd->add_option("id", update->id, id_help)->required();
    update_cmd->add_option("--status", update->status, "open, investigating or mitigating");
    update_cmd->add_option("--note", update->note, "A note for the timeline");
    update_cmd->add_option("--owner", update->owner, "The new owner");
    update_cmd->add_option("--severity", update->severity, "The new severity (its SLA target applies)");
    update_cmd->add_option("--at", update->at, at_help);

    add_edit_command(*escalate, ctx, escalation_fields(),
                     "Correct an escalation's title, description or source",
                     "acm escalate edit 3 --title \"Reporting outage (EU)\" --source support", id_help);

    auto* action = add_group(*escalate, "action", "The corrective action plan of an escalation");
    auto action_add = std::make_shared<ActionOptions>();
    auto* action_add_cmd =
        add_command(*action, ctx, action_add, "add", "Add a corrective action; prints its id",
                    "acm escalate action add 3 \"Add monitoring\" --owner lee --due +2w", run_action_add);
    action_add_cmd->add_option("id", action_add->id, id_help)->required();
    action_add_cmd->add_option("text", action_add->text, "What is to be done")->required();
    action_add_cmd->add_option("--owner", action_add->owner, "Who does it");
    action_add_cmd->add_option("--due", action_add->due, "By when: YYYY-MM-DD, +2w, eom, …");
    action_add_cmd->add_option("--at", action_add->at, at_help);
    auto action_done = std::make_shared<ActionDoneOptions>();
    auto* action_done_cmd = add_command(*action, ctx, action_done, "done", "Mark a corrective action done",
                                        "acm escalate action done 7", run_action_done);
    action_done_cmd->add_option("action_id", action_done->id, "Action id (see 'acm escalate action list')")
        ->required();
    action_done_cmd->add_option("--at", action_done->at, at_help);
    add_rm_command(*action, ctx, action_fields(), "Remove a corrective action (and its timeline entries)",
                   "acm escalate action rm 7", "Action id (see 'acm escalate action list')", "action_id");
    auto action_list = std::make_shared<ActionListOptions>();
    auto* action_list_cmd =
        add_command(*action, ctx, action_list, "list", "List corrective actions, by escalation; --open the ones not done",
                    "acm escalate action list --open", run_action_list);
    action_list_cmd->add_option("id", action_list->id, "Only the actions of this escalation");
    action_list_cmd->add_flag("--open", action_list->open, "Only actions not done");

    auto resolve = std::make_shared<ResolveOptions>();
    auto* resolve_cmd = add_command(
        *escalate, ctx, resolve, "resolve", "Resolve an escalation (root cause required)",
        "acm escalate resolve 3 --root-cause \"Expired certificate\" --at 2026-11-21T16:30", run_resolve);
    resolve_cmd->add_option("id", resolve->id, id_help)->required();
    resolve_cmd->add_option("--root-cause", resolve->root_cause, "Why it happened")->required();
    resolve_cmd->add_option("--resolution", resolve->resolution, "How it was resolved");
    resolve_cmd->add_option("--at", resolve->at, at_help);

    auto reopen = std::make_shared<ReopenOptions>();
    auto* reopen_cmd = add_command(*escalate, ctx, reopen, "reopen", "Reopen a resolved escalation",
                                   "acm escalate reopen 3", run_reopen);
    reopen_cmd->add_option("id", reopen->id, id_help)->required();
    reopen_cmd->add_option("--at", reopen->at, at_help);
}

}  // namespace acm
