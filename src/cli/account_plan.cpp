// acm account opportunity|milestone|cost …: expansion opportunities, the onboarding
// plan and the cost to serve of an account.
#include "acm/cli/account_plan.hpp"

#include "acm/domain/account_plan.hpp"

#include "acm/cli/command.hpp"
#include "acm/cli/edit.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"

namespace acm {

namespace {

const char* account_ref_help = "Account key, exact name or id";

struct AccountOptions {
    std::string account;
};

std::optional<std::int64_t> optional_account(Database& db, const std::string& reference) {
    if (reference.empty()) return std::nullopt;
    return resolve_account(db, reference);
}

struct IdOptions {
    std::string id;
    std::string date = "today";  // milestone done --date
};

// Runs `write` on id ID in a transaction and prints the id.
template <class Write>
void write_by_id(Context& ctx, const IdOptions& options, Write write) {
    std::int64_t id = parse_id(options.id, "ID");
    auto& db = ctx.db();
    Transaction tx(db);
    write(db, id);
    tx.commit();
    ctx.out << id << "\n";
}

// Opportunities ------------------------------------------------------------------

struct OpportunityOptions {
    std::string account, title, kind = "upsell", stage = "open";
    std::optional<std::string> value, probability, close;
};

void run_opportunity_add(Context& ctx, const OpportunityOptions& options) {
    const RecordTable& rules = opportunity_fields();
    FieldBasis basis = field_basis(ctx);
    OpportunityFields fields;
    fields.title = rules.parse<std::string>("title", options.title, "TITLE", basis);
    fields.value = rules.parse<Money>("value", options.value.value_or(""), "--value", basis);
    fields.kind = rules.parse<std::string>("kind", options.kind, "--kind", basis);
    fields.stage = rules.parse<std::string>("stage", options.stage, "--stage", basis);
    if (options.probability)
        fields.probability = static_cast<int>(
            rules.parse<std::int64_t>("probability", *options.probability, "--probability", basis));
    if (options.close) fields.close = rules.parse<Date>("close", *options.close, "--close", basis);
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = add_opportunity(db, ctx.actor(), resolve_account(db, options.account), fields);
    tx.commit();
    ctx.out << id << "\n";
    ctx.warn_without_rate(fields.value.currency);
}

struct OpportunityUpdateOptions {
    IdOptions id;
    std::optional<std::string> title, stage, value, probability, close;
};

void run_opportunity_update(Context& ctx, const OpportunityUpdateOptions& options) {
    const RecordTable& rules = opportunity_fields();
    FieldBasis basis = field_basis(ctx);
    OpportunityChanges changes;
    if (options.title) changes.title = rules.parse<std::string>("title", *options.title, "--title", basis);
    if (options.stage) changes.stage = rules.parse<std::string>("stage", *options.stage, "--stage", basis);
    changes.value = options.value;
    if (options.probability)
        changes.probability = static_cast<int>(
            rules.parse<std::int64_t>("probability", *options.probability, "--probability", basis));
    if (options.close) changes.close = rules.parse<Date>("close", *options.close, "--close", basis);
    if (!options.title && !options.stage && !options.value && !options.probability && !options.close)
        throw UsageError("nothing to change: give --stage, --value, --probability, --close or --title");
    write_by_id(ctx, options.id,
                [&](Database& db, std::int64_t id) { update_opportunity(db, ctx.actor(), id, changes); });
}

struct OpportunityListOptions {
    std::string account;
    std::optional<std::string> stage;
};

void run_opportunity_list(Context& ctx, const OpportunityListOptions& options) {
    auto& db = ctx.reader();
    auto account = optional_account(db, options.account);
    std::optional<std::string> stage;
    if (options.stage) stage = parse_choice(*options.stage, opportunity_stages(), "--stage");
    ctx.print_rows(opportunity_columns(), [&](const auto& emit) { for_each_opportunity(db, account, stage, emit); });
}

void add_opportunity_commands(CLI::App& account, Context& ctx) {
    auto* group = add_group(account, "opportunity", "Expansion opportunities: upsell and cross-sell");
    auto add = std::make_shared<OpportunityOptions>();
    auto* add_cmd = add_command(*group, ctx, add, "add", "Add an opportunity; prints its id",
                                "acm account opportunity add acme \"50 more seats\" --value 30k --close 2027-03-31",
                                run_opportunity_add);
    add_cmd->add_option("account", add->account, account_ref_help)->required();
    add_cmd->add_option("title", add->title, "What is offered")->required();
    add_cmd->add_option("--value", add->value, "ARR it adds if won: 30000, 30k, USD 30k")->required();
    add_cmd->add_option("--kind", add->kind, "upsell or cross-sell (default upsell)");
    add_cmd->add_option("--stage", add->stage, "open, won or lost (default open)");
    add_cmd->add_option("--probability", add->probability, "Chance to win in percent, 0 to 100 (default 50)");
    add_cmd->add_option("--close", add->close, "Expected (or actual) close date");

    auto update = std::make_shared<OpportunityUpdateOptions>();
    auto* update_cmd = add_command(*group, ctx, update, "update", "Change an opportunity: stage, value, close date",
                                   "acm account opportunity update 3 --stage won --close today",
                                   run_opportunity_update);
    update_cmd->add_option("id", update->id.id, "Opportunity id (see 'acm account opportunity list')")->required();
    update_cmd->add_option("--stage", update->stage, "open, won or lost");
    update_cmd->add_option("--value", update->value, "New value (in the opportunity's currency)");
    update_cmd->add_option("--probability", update->probability, "Chance to win in percent, 0 to 100");
    update_cmd->add_option("--close", update->close, "Expected (or actual) close date");
    update_cmd->add_option("--title", update->title, "New title");

    auto list = std::make_shared<OpportunityListOptions>();
    auto* list_cmd = add_command(*group, ctx, list, "list", "List opportunities, of one account or all",
                                 "acm account opportunity list --stage open", run_opportunity_list);
    list_cmd->add_option("account", list->account, account_ref_help);
    list_cmd->add_option("--stage", list->stage, "Only open, won or lost ones");

    const char* id_help = "Opportunity id (see 'acm account opportunity list')";
    add_edit_command(*group, ctx, opportunity_fields(), "Correct an opportunity's fields",
                     "acm account opportunity edit 3 --title \"60 more seats\" --kind cross-sell", id_help);
    add_rm_command(*group, ctx, opportunity_fields(), "Remove an opportunity by id",
                   "acm account opportunity rm 3", id_help);
}

// Milestones ----------------------------------------------------------------------

struct MilestoneOptions {
    std::string account, title, due;
};

void run_milestone_add(Context& ctx, const MilestoneOptions& options) {
    const RecordTable& rules = milestone_fields();
    FieldBasis basis = field_basis(ctx);
    std::string title = rules.parse<std::string>("title", options.title, "TITLE", basis);
    Date due = rules.parse<Date>("due", options.due, "--due", basis);
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = add_milestone(db, ctx.actor(), resolve_account(db, options.account), title, due);
    tx.commit();
    ctx.out << id << "\n";
}

void run_milestone_done(Context& ctx, const IdOptions& options) {
    Date day = milestone_fields().parse<Date>("done_on", options.date, "--date", field_basis(ctx));
    write_by_id(ctx, options, [&](Database& db, std::int64_t id) { complete_milestone(db, ctx.actor(), id, day); });
}

void run_milestone_list(Context& ctx, const AccountOptions& options) {
    auto& db = ctx.reader();
    auto account = optional_account(db, options.account);
    ctx.print_rows(milestone_columns(),
                   [&](const auto& emit) { for_each_milestone(db, account, ctx.today(), emit); });
}

void add_milestone_commands(CLI::App& account, Context& ctx) {
    auto* group = add_group(account, "milestone", "The onboarding plan: milestones and time to value");
    auto add = std::make_shared<MilestoneOptions>();
    auto* add_cmd = add_command(*group, ctx, add, "add", "Add a milestone; prints its id",
                                "acm account milestone add acme \"SSO live\" --due 2026-12-15", run_milestone_add);
    add_cmd->add_option("account", add->account, account_ref_help)->required();
    add_cmd->add_option("title", add->title, "What is reached")->required();
    add_cmd->add_option("--due", add->due, "When it is planned: YYYY-MM-DD, +30d, …")->required();

    auto done = std::make_shared<IdOptions>();
    auto* done_cmd = add_command(*group, ctx, done, "done", "Mark a milestone reached",
                                 "acm account milestone done 4 --date yesterday", run_milestone_done);
    done_cmd->add_option("id", done->id, "Milestone id (see 'acm account milestone list')")->required();
    done_cmd->add_option("--date", done->date, "When it was reached (default today)");

    auto list = std::make_shared<AccountOptions>();
    add_command(*group, ctx, list, "list", "List milestones with their status (done, late, overdue, open)",
                "acm account milestone list acme", run_milestone_list)
        ->add_option("account", list->account, account_ref_help);

    const char* id_help = "Milestone id (see 'acm account milestone list')";
    add_edit_command(*group, ctx, milestone_fields(),
                     "Correct a milestone: title, due date, when it was reached",
                     "acm account milestone edit 4 --due 2027-01-15 --not-done", id_help);
    add_rm_command(*group, ctx, milestone_fields(), "Remove a milestone by id", "acm account milestone rm 4",
                   id_help);
}

// Costs ------------------------------------------------------------------------------

struct CostOptions {
    std::string account, amount, date, category = "other";
    std::optional<std::string> note;
};

void run_cost_add(Context& ctx, const CostOptions& options) {
    const RecordTable& rules = cost_fields();
    FieldBasis basis = field_basis(ctx);
    CostFields fields;
    fields.amount = rules.parse<Money>("amount", options.amount, "--amount", basis);
    fields.date = rules.parse<Date>("date", options.date, "--date", basis);
    fields.category = rules.parse<std::string>("category", options.category, "--category", basis);
    if (options.note) fields.note = rules.parse<std::string>("note", *options.note, "--note", basis);
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = add_cost(db, ctx.actor(), resolve_account(db, options.account), fields);
    tx.commit();
    ctx.out << id << "\n";
    ctx.warn_without_rate(fields.amount.currency);
}

void run_cost_list(Context& ctx, const AccountOptions& options) {
    auto& db = ctx.reader();
    auto account = optional_account(db, options.account);
    ctx.print_rows(cost_columns(), [&](const auto& emit) { for_each_cost(db, account, emit); });
}

void add_cost_commands(CLI::App& account, Context& ctx) {
    auto* group = add_group(account, "cost", "Cost to serve: support, infrastructure, services");
    auto add = std::make_shared<CostOptions>();
    auto* add_cmd = add_command(*group, ctx, add, "add", "Record a cost; prints its id",
                                "acm account cost add acme --amount 1200 --date 2026-11-01 --category support",
                                run_cost_add);
    add_cmd->add_option("account", add->account, account_ref_help)->required();
    add_cmd->add_option("--amount", add->amount, "The cost: 1200, 1.2k, USD 800")->required();
    add_cmd->add_option("--date", add->date, "When it was incurred")->required();
    add_cmd->add_option("--category", add->category, "support, infrastructure, services or other (default other)");
    add_cmd->add_option("--note", add->note, "What it was");

    auto list = std::make_shared<AccountOptions>();
    add_command(*group, ctx, list, "list", "List costs, newest first", "acm account cost list acme", run_cost_list)
        ->add_option("account", list->account, account_ref_help);

    const char* id_help = "Cost id (see 'acm account cost list')";
    add_edit_command(*group, ctx, cost_fields(), "Correct a cost's fields",
                     "acm account cost edit 9 --amount 1500 --category services", id_help);
    add_rm_command(*group, ctx, cost_fields(), "Remove a cost by id", "acm account cost rm 9", id_help);
}

}  // namespace

void add_account_plan_commands(CLI::App& account, Context& ctx) {
    add_opportunity_commands(account, ctx);
    add_milestone_commands(account, ctx);
    add_cost_commands(account, ctx);
}

}  // namespace acm
