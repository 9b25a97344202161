// acm report account and acm report briefing: the review of one account as a document (its
// renderers print it per format: titled sections, one object, one long table, a page), and
// the briefing as text to paste into a chat.
#include "acm/cli/report_review.hpp"

#include <fmt/format.h>

#include "acm/cli/command.hpp"
#include "acm/cli/context.hpp"
#include "acm/cli/report_options.hpp"
#include "acm/core/error.hpp"
#include "acm/domain/account.hpp"
#include "acm/output/escape.hpp"
#include "acm/output/table_renderer.hpp"
#include "acm/reports/account_review.hpp"
#include "acm/reports/briefing.hpp"

namespace acm {

namespace {

struct AccountReviewOptions {
    std::string account;
    PeriodOptions period;
    bool internal = false;
    std::string output;
    bool force = false;
};

void run_account_review(Context& ctx, const AccountReviewOptions& options) {
    auto& db = ctx.reader();
    std::int64_t account = resolve_account(db, options.account);
    // Default: the twelve months up to the end of this one.
    Date month_start = ctx.today().year() / ctx.today().month() / 1;
    Period last_year = period_between(add(month_start, Duration{11, Duration::Unit::month}, -1),
                                      add_days(add(month_start, Duration{1, Duration::Unit::month}), -1));
    const PeriodOptions& given = options.period;
    Period period = given.period || given.from || given.to ? resolve_period(ctx, given, {}).periods.front() : last_year;
    // The html and markdown pages may go to the customer; the other formats are the team's.
    bool internal = options.internal || ctx.page().empty();
    Document review = account_review(db, ctx.config(), account, period, ctx.today(), now_for(ctx), internal);
    if (options.output.empty()) {
        ctx.print_document(review);
        return;
    }
    ctx.save_document(review, options.output, options.force);
    ctx.out << options.output << "\n";
}

struct BriefingOptions {
    std::string since = "7d";
    std::optional<std::string> owner;
    bool all = false;
};

void run_briefing(Context& ctx, const BriefingOptions& options) {
    Date since = parse_since(options.since, ctx.today());
    auto rows = briefing(ctx.reader(), ctx.config(), since, ctx.today(), now_for(ctx), options.owner, options.all);
    if (ctx.page().empty() && ctx.format() != Format::table) {
        ctx.print_rows(briefing_columns(), std::move(rows));
        return;
    }
    // Plain text for a chat, or Markdown: a line per item under each heading, nothing for
    // empty sections.
    const bool markdown = ctx.page() == "md";
    // Markdown's punctuation in the data stays text (markdown_text); plain text is shown as it is.
    const auto text = [&](const std::string& value) { return markdown ? markdown_text(value) : visible_text(value); };
    std::string scope = options.owner ? fmt::format(" ({})", *options.owner) : "";
    ctx.out << (markdown ? "# " : "") << text(fmt::format("Briefing{} since {}", scope, format_date(since))) << "\n";
    if (rows.empty()) ctx.out << (markdown ? "\n" : "") << "Nothing changed.\n";
    const auto columns = briefing_columns();
    const auto column = [&](const char* name) { return static_cast<std::size_t>(column_index(columns, name)); };
    const std::size_t section_at = column("section"), account_at = column("account"), date_at = column("date"),
                      summary_at = column("summary");
    for (const auto& section : briefing_sections()) {
        bool first = true;
        for (const auto& row : rows) {
            if (std::get<std::string>(row[section_at]) != section.name) continue;
            if (first) ctx.out << "\n" << (markdown ? "## " : "") << section.heading << (markdown ? "\n\n" : "\n");
            first = false;
            std::string item = fmt::format("{} {}", table_cell_text(row[date_at], Kind::date),
                                           table_cell_text(row[account_at], Kind::text));
            ctx.out << "- " << (markdown ? "**" + text(item) + "**" : item) << ": "
                    << text(table_cell_text(row[summary_at], Kind::text)) << "\n";
        }
    }
    ctx.check_output();
}

}  // namespace

void add_report_review_commands(CLI::App& report, Context& ctx) {
    auto review = std::make_shared<AccountReviewOptions>();
    auto* review_cmd = add_command(report, ctx, review, "account",
                                   "The QBR review of one account: ARR, contracts, usage, feedback, health, …",
                                   "acm report account acme --period 2026 --format html > acme-qbr.html",
                                   run_account_review);
    review_cmd->add_option("account", review->account, "Account key, exact name or id")->required();
    bind_period_options(review_cmd, review->period, {}, true, false);
    review_cmd->add_flag("--internal", review->internal,
                         "html and md: add the team's figures (health, renewal risk and forecast, pipeline, ids)");
    review_cmd->add_option("-o,--output", review->output, "Write to this new file, mode 0600 (prints its path)");
    review_cmd->add_flag("--force", review->force, "Replace the --output file when it exists");
    review_cmd->preparse_callback([&ctx](std::size_t) { ctx.page_formats = {"html", "md"}; });

    auto brief = std::make_shared<BriefingOptions>();
    auto* brief_cmd = add_command(report, ctx, brief, "briefing",
                                  "What changed: escalations, negative feedback, renewals, health, notes",
                                  "acm report briefing --since 7d --owner dana", run_briefing);
    brief_cmd->add_option("--since", brief->since, "From this day or window back (default 7d): 2026-11-01, 2w, …");
    brief_cmd->add_flag("--all", brief->all, "Health changes of churned accounts too");
    brief_cmd->add_option("--owner", brief->owner, "Only accounts of this owner");
    brief_cmd->preparse_callback([&ctx](std::size_t) { ctx.page_formats = {"md"}; });
}

}  // namespace acm
