// acm account opportunity|milestone|cost …: expansion opportunities, the onboarding
// plan and the cost to serve of an account.
#include "acm/cli/account_plan.hpp"

#include "acm/domain/account_plan.hpp"

#include "acm/cli/command.hpp"
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
    OpportunityFields fields;
    fields.title = checked_text(options.title, "TITLE", 500);
    fields.value = parse_money(options.value.value_or(""), ctx.config().string("currency"), "--value");
    fields.kind = parse_choice(options.kind, opportunity_kinds(), "--kind");
    fields.stage = parse_choice(options.stage, opportunity_stages(), "--stage");
    if (options.probability) fields.probability = static_cast<int>(parse_integer(*options.probability, 0, 100, "--probability"));
    if (options.close) fields.close = parse_date(*options.close, ctx.today(), "--close");
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
    OpportunityChanges changes;
    if (options.title) changes.title = checked_text(*options.title, "--title", 500);
    if (options.stage) changes.stage = parse_choice(*options.stage, opportunity_stages(), "--stage");
    changes.value = options.value;
    if (options.probability)
        changes.probability = static_cast<int>(parse_integer(*options.probability, 0, 100, "--probability"));
    if (options.close) changes.close = parse_date(*options.close, ctx.today(), "--close");
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

void run_opportunity_rm(Context& ctx, const IdOptions& options) {
    write_by_id(ctx, options, [&](Database& db, std::int64_t id) { remove_opportunity(db, ctx.actor(), id); });
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

    auto rm = std::make_shared<IdOptions>();
    add_command(*group, ctx, rm, "rm", "Remove an opportunity by id", "acm account opportunity rm 3",
                run_opportunity_rm)
        ->add_option("id", rm->id, "Opportunity id")
        ->required();
}

// Milestones ----------------------------------------------------------------------

struct MilestoneOptions {
    std::string account, title, due;
};

void run_milestone_add(Context& ctx, const MilestoneOptions& options) {
    std::string title = checked_text(options.title, "TITLE", 500);
    Date due = parse_date(options.due, ctx.today(), "--due");
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = add_milestone(db, ctx.actor(), resolve_account(db, options.account), title, due);
    tx.commit();
    ctx.out << id << "\n";
}

void run_milestone_done(Context& ctx, const IdOptions& options) {
    Date day = parse_date(options.date, ctx.today(), "--date");
    write_by_id(ctx, options, [&](Database& db, std::int64_t id) { complete_milestone(db, ctx.actor(), id, day); });
}

void run_milestone_list(Context& ctx, const AccountOptions& options) {
    auto& db = ctx.reader();
    auto account = optional_account(db, options.account);
    ctx.print_rows(milestone_columns(),
                   [&](const auto& emit) { for_each_milestone(db, account, ctx.today(), emit); });
}

void run_milestone_rm(Context& ctx, const IdOptions& options) {
    write_by_id(ctx, options, [&](Database& db, std::int64_t id) { remove_milestone(db, ctx.actor(), id); });
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

    auto rm = std::make_shared<IdOptions>();
    add_command(*group, ctx, rm, "rm", "Remove a milestone by id", "acm account milestone rm 4",
                run_milestone_rm)
        ->add_option("id", rm->id, "Milestone id")
        ->required();
}

// Costs ------------------------------------------------------------------------------

struct CostOptions {
    std::string account, amount, date, category = "other";
    std::optional<std::string> note;
};

void run_cost_add(Context& ctx, const CostOptions& options) {
    CostFields fields;
    fields.amount = parse_money(options.amount, ctx.config().string("currency"), "--amount");
    fields.date = parse_date(options.date, ctx.today(), "--date");
    fields.category = parse_choice(options.category, cost_categories(), "--category");
    if (options.note) fields.note = checked_text(*options.note, "--note", 2000);
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

void run_cost_rm(Context& ctx, const IdOptions& options) {
    write_by_id(ctx, options, [&](Database& db, std::int64_t id) { remove_cost(db, ctx.actor(), id); });
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

    auto rm = std::make_shared<IdOptions>();
    add_command(*group, ctx, rm, "rm", "Remove a cost by id", "acm account cost rm 9",
                run_cost_rm)
        ->add_option("id", rm->id, "Cost id")
        ->required();
}

}  // namespace

void add_account_plan_commands(CLI::App& account, Context& ctx) {
    add_opportunity_commands(account, ctx);
    add_milestone_commands(account, ctx);
    add_cost_commands(account, ctx);
}

}  // namespace acm
