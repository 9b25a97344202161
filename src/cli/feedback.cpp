// acm feedback …: scores and comments, follow-ups of negative feedback, surveys, imports.
#include "acm/cli/feedback.hpp"

#include <fmt/format.h>

#include "acm/cli/command.hpp"
#include "acm/cli/edit.hpp"
#include "acm/cli/import_flags.hpp"
#include "acm/cli/progress.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/feedback.hpp"
#include "acm/domain/import/feedback.hpp"

namespace acm {

namespace {

struct AddOptions {
    std::string account, date = "today";
    std::optional<std::string> nps, csat, ces, kind, text, contact, category;
};

void run_add(Context& ctx, const AddOptions& options) {
    const RecordTable& rules = feedback_fields();
    FieldBasis basis = field_basis(ctx);
    auto optional = [&](const char* field,
                        const std::optional<std::string>& value) -> std::optional<std::string> {
        if (!value) return std::nullopt;
        return rules.parse<std::string>(field, *value, flag_label(field), basis);
    };
    FeedbackFields fields;
    for (auto [type, value] :
         {std::pair{"nps", &options.nps}, {"csat", &options.csat}, {"ces", &options.ces}}) {
        if (!*value) continue;
        if (fields.type)
            throw UsageError("--nps, --csat and --ces exclude each other; give one score per entry");
        Score score = rules.parse<Score>(type, **value, flag_label(type), basis);
        fields.type = score.type;
        fields.score = static_cast<int>(score.value);
    }
    fields.kind = optional("kind", options.kind);
    fields.text = optional("text", options.text);
    fields.contact = optional("contact", options.contact);
    fields.category = optional("category", options.category);
    fields.date = rules.parse<Date>("date", options.date, "--date", basis);
    require_score_or_text(fields.score.has_value(), fields.text.has_value());
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = add_feedback(db, ctx.actor(), resolve_account(db, options.account), fields);
    tx.commit();
    ctx.out << id << "\n";
}

struct ListOptions_ {
    std::optional<std::string> account, kind, type, since;
    bool negative = false, open = false;
};

void run_list(Context& ctx, const ListOptions_& options) {
    FeedbackFilter filter;
    if (options.kind) filter.kind = parse_choice(*options.kind, feedback_kinds(), "--kind");
    if (options.type) filter.type = parse_choice(*options.type, feedback_types(), "--type");
    if (options.since) filter.since = parse_since(*options.since, ctx.today());
    filter.negative_only = options.negative;
    filter.open_only = options.open;
    auto& db = ctx.reader();
    if (options.account) filter.account_id = resolve_account(db, *options.account);
    ctx.print_rows(feedback_columns(), [&](const auto& emit) { for_each_feedback(db, filter, ctx.sql_limit(), emit); });
}

struct FollowUpOptions {
    std::string id, note, date = "today";
    bool done = false;
};

void run_follow_up(Context& ctx, const FollowUpOptions& options) {
    std::int64_t id = parse_id(options.id, "ID");
    std::string note = checked_text(options.note, "--note");
    Date date = parse_date(options.date, ctx.today(), "--date");
    auto& db = ctx.db();
    Transaction tx(db);
    follow_up_feedback(db, ctx.actor(), id, note, options.done, date);
    tx.commit();
    ctx.out << id << "\n";
}

struct SurveyOptions {
    std::string account, type, sent, date = "today";
};

void run_survey_add(Context& ctx, const SurveyOptions& options) {
    const RecordTable& rules = survey_fields();
    FieldBasis basis = field_basis(ctx);
    std::string type = rules.parse<std::string>("type", options.type, "--type", basis);
    std::int64_t sent = rules.parse<std::int64_t>("sent", options.sent, "--sent", basis);
    Date date = rules.parse<Date>("date", options.date, "--date", basis);
    auto& db = ctx.db();
    Transaction tx(db);
    std::int64_t id = add_survey(db, ctx.actor(), resolve_account(db, options.account), type, sent, date);
    tx.commit();
    ctx.out << id << "\n";
}

struct SurveyListOptions {
    std::string account;
};

void run_survey_list(Context& ctx, const SurveyListOptions& options) {
    auto& db = ctx.reader();
    std::optional<std::int64_t> account;
    if (!options.account.empty()) account = resolve_account(db, options.account);
    ctx.print_rows(survey_columns(), [&](const auto& emit) { for_each_survey(db, account, emit); });
}

struct ImportOptions {
    std::string file;
    std::optional<std::string> type;
    FeedbackImportOptions import;
};

void run_import(Context& ctx, const ImportOptions& options) {
    FeedbackImportOptions import = options.import;
    if (options.type) import.type = parse_choice(*options.type, feedback_types(), "--type");
    ImportCounts counts = run_csv_import(
        ctx, options.file, import.dry_run,
        [&](Database& db, std::istream& input) {
            return import_feedback(db, ctx.actor(), input, ctx.today(), import,
                                   import_progress(ctx, "feedback"));
        },
        AccountsChecked::by_import);
    ctx.notice(import_summary(import.dry_run, "feedback entries", counts));
}

}  // namespace

void add_feedback_commands(CLI::App& app, Context& ctx) {
    auto* feedback = add_group(app, "feedback", "Feedback: NPS, CSAT, CES, comments, follow-ups, surveys");

    auto add = std::make_shared<AddOptions>();
    auto* add_cmd =
        add_command(*feedback, ctx, add, "add", "Record feedback (a score, a text or both); prints its id",
                    "acm feedback add acme --nps 4 --kind complaint --text \"Reports are slow\"", run_add);
    add_cmd->add_option("account", add->account, "Account key, exact name or id")->required();
    add_cmd->add_option("--nps", add->nps, "NPS answer, 0 to 10");
    add_cmd->add_option("--csat", add->csat, "CSAT answer, 1 to 5");
    add_cmd->add_option("--ces", add->ces, "CES answer, 1 to 7 (7: most effort)");
    add_cmd->add_option("--kind", add->kind, "praise, complaint, request or comment");
    add_cmd->add_option("--text", add->text, "What the customer said");
    add_cmd->add_option("--contact", add->contact, "Who said it");
    add_cmd->add_option("--category", add->category, "A category of your own, e.g. reporting, billing");
    add_cmd->add_option("--date", add->date, "When (default today): YYYY-MM-DD, yesterday, -3d, …");

    auto list = std::make_shared<ListOptions_>();
    auto* list_cmd = add_command(*feedback, ctx, list, "list", "List feedback, newest first",
                                 "acm feedback list --type nps --since 90d --negative", run_list);
    list_cmd->add_option("--account", list->account, "Only this account's");
    list_cmd->add_option("--kind", list->kind, "Only this kind: praise, complaint, request or comment");
    list_cmd->add_option("--type", list->type, "Only scores of this type: nps, csat or ces");
    list_cmd->add_option("--since", list->since, "Only since a date (2026-11-01, -2w) or a window (90d)");
    list_cmd->add_flag("--negative", list->negative,
                       "Only negative feedback (NPS 0-6, CSAT 1-2, CES 5-7, complaints)");
    list_cmd->add_flag("--open", list->open, "Only feedback whose follow-up is open");

    const char* id_help = "Feedback id (see 'acm feedback list')";
    add_edit_command(*feedback, ctx, feedback_fields(),
                     "Correct a feedback entry; a new score or kind decides again whether it is negative",
                     "acm feedback edit 12 --nps 9 --kind praise", id_help);
    add_rm_command(*feedback, ctx, feedback_fields(), "Remove a feedback entry with its follow-up",
                   "acm feedback rm 12", id_help);

    auto follow_up = std::make_shared<FollowUpOptions>();
    auto* follow_up_cmd =
        add_command(*feedback, ctx, follow_up, "follow-up",
                    "Add a note to the follow-up of a feedback entry; --done closes it",
                    "acm feedback follow-up 12 --note \"Called the CFO, fix planned\" --done", run_follow_up);
    follow_up_cmd->add_option("id", follow_up->id, "Feedback id (see 'acm feedback list')")->required();
    follow_up_cmd->add_option("--note", follow_up->note, "What was done")->required();
    follow_up_cmd->add_flag("--done", follow_up->done, "Close the follow-up");
    follow_up_cmd->add_option("--date", follow_up->date, "When (default today)");

    auto* survey = add_group(*feedback, "survey", "Surveys sent, for response rates");
    auto survey_add = std::make_shared<SurveyOptions>();
    auto* survey_add_cmd =
        add_command(*survey, ctx, survey_add, "add", "Record surveys sent; prints the id",
                    "acm feedback survey add acme --type nps --sent 40 --date 2026-11-01", run_survey_add);
    survey_add_cmd->add_option("account", survey_add->account, "Account key, exact name or id")->required();
    survey_add_cmd->add_option("--type", survey_add->type, "nps, csat or ces")->required();
    survey_add_cmd->add_option("--sent", survey_add->sent, "How many were sent")->required();
    survey_add_cmd->add_option("--date", survey_add->date, "When (default today)");
    auto survey_list = std::make_shared<SurveyListOptions>();
    add_command(*survey, ctx, survey_list, "list", "List surveys sent, newest first",
                "acm feedback survey list acme", run_survey_list)
        ->add_option("account", survey_list->account, "Account key, exact name or id");
    add_rm_command(*survey, ctx, survey_fields(), "Remove a record of surveys sent",
                   "acm feedback survey rm 4", "Survey id (see 'acm feedback survey list')");

    auto import = std::make_shared<ImportOptions>();
    auto* import_cmd =
        add_command(*feedback, ctx, import, "import", "Import survey-tool exports from CSV (all-or-nothing)",
                    "acm feedback import nps-export.csv", run_import);
    import_cmd->add_option("file", import->file, "CSV file with a header row, or - for standard input")
        ->required();
    import_cmd->add_option("--type", import->type, "The type of a 'score' column: nps, csat or ces");
    add_import_flags(*import_cmd, import->import);
}

}  // namespace acm
