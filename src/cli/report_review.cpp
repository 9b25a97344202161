// acm report account and acm report briefing: reports of many parts, printed per format —
// titled sections (table), one object (json), one long table (csv/tsv), a page (html) —
// and the briefing as text to paste into a chat.
#include <fmt/format.h>

#include "acm/cli/account_health.hpp"
#include "acm/cli/command.hpp"
#include "acm/cli/report_options.hpp"
#include "acm/core/error.hpp"
#include "acm/domain/account.hpp"
#include "acm/output/html.hpp"
#include "acm/reports/account_review.hpp"
#include "acm/reports/briefing.hpp"

namespace acm {

namespace {

RowProducer rows_of(const Section& section) {
    return [&section](const auto& emit) {
        for (Row row : section.rows) emit(std::move(row));
    };
}

// csv/tsv: every cell of every section as one row (section, row, column, value), so that
// one parser reads the whole review. The value column is a ratio column so that scores
// and ratios keep their decimals (0.9355, -25); text cells get the usual formula escaping.
void print_long(Context& ctx, const std::vector<Section>& sections) {
    std::vector<Column> columns = {
        {"section", Kind::text}, {"row", Kind::integer}, {"column", Kind::text}, {"value", Kind::ratio}};
    ctx.print_rows(columns, [&](const auto& emit) {
        for (const auto& section : sections)
            for (std::size_t r = 0; r < section.rows.size(); ++r)
                for (std::size_t c = 0; c < section.columns.size(); ++c)
                    emit(Row{section.name, static_cast<std::int64_t>(r + 1), section.columns[c].name,
                             section.rows[r][c]});
    });
}

struct AccountReviewOptions {
    std::string account;
    PeriodOptions period;
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
    auto sections = account_review(db, ctx.config(), account, period, ctx.today(), now_for(ctx));
    const Section& details = sections.front();
    std::string name = std::get<std::string>(details.rows.front()[1]);
    std::string title = fmt::format("{} — review {} to {}", name, format_date(period.start), format_date(period.end));
    if (ctx.html()) {
        write_html_page(ctx.out, title, sections);
        return;
    }
    switch (ctx.format()) {
        case Format::table:
            ctx.out << visible_text(title) << "\n";
            print_record(ctx, details.columns, details.rows.front());
            for (std::size_t i = 1; i < sections.size(); ++i)
                print_section(ctx, sections[i].title, sections[i].columns, rows_of(sections[i]));
            break;
        case Format::json: {
            std::string object = "{\"account\":" + json_object(details.columns, details.rows.front());
            object += fmt::format(",\"period\":{{\"from\":\"{}\",\"to\":\"{}\"}}", format_date(period.start),
                                  format_date(period.end));
            for (std::size_t i = 1; i < sections.size(); ++i)
                object += ",\"" + sections[i].name + "\":" + json_array(sections[i].columns, rows_of(sections[i]));
            ctx.out << object << "}\n";
            break;
        }
        default:
            print_long(ctx, sections);
    }
}

struct BriefingOptions {
    std::string since = "7d";
    std::optional<std::string> owner;
};

void run_briefing(Context& ctx, const BriefingOptions& options) {
    Date since = parse_since(options.since, ctx.today());
    auto rows = briefing(ctx.reader(), ctx.config(), since, ctx.today(), options.owner);
    if (ctx.format() != Format::table) {
        ctx.print_rows(briefing_columns(), std::move(rows));
        return;
    }
    // Plain text for a chat: a line per item under each heading, nothing for empty sections.
    std::string scope = options.owner ? fmt::format(" ({})", *options.owner) : "";
    ctx.out << fmt::format("Briefing{} since {}\n", visible_text(scope), format_date(since));
    if (rows.empty()) ctx.out << "Nothing changed.\n";
    for (const auto& section : briefing_sections()) {
        bool first = true;
        for (const auto& row : rows) {
            if (std::get<std::string>(row[0]) != section.name) continue;
            if (first) ctx.out << "\n" << section.heading << "\n";
            first = false;
            ctx.out << fmt::format("- {} {}: {}\n", table_cell_text(row[2], Kind::date),
                                   table_cell_text(row[1], Kind::text), table_cell_text(row[3], Kind::text));
        }
    }
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
    review_cmd->preparse_callback([&ctx](std::size_t) { ctx.html_allowed = true; });

    auto brief = std::make_shared<BriefingOptions>();
    auto* brief_cmd = add_command(report, ctx, brief, "briefing",
                                  "What changed: escalations, negative feedback, renewals, health, notes",
                                  "acm report briefing --since 7d --owner dana", run_briefing);
    brief_cmd->add_option("--since", brief->since, "From this day or window back (default 7d): 2026-11-01, 2w, …");
    brief_cmd->add_option("--owner", brief->owner, "Only accounts of this owner");
}

}  // namespace acm
