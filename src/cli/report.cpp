// acm report …: every report computes rows (src/reports); this file only wires flags.
// One period syntax for all: --period P or --from D [--to D], and --by to split the
// period (month, quarter, year) or group the rows (segment, owner, tier).
#include "acm/cli/report.hpp"

#include <fmt/format.h>

#include "acm/cli/command.hpp"
#include "acm/cli/context.hpp"
#include "acm/cli/report_options.hpp"
#include "acm/cli/report_review.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/health.hpp"
#include "acm/reports/customer_kpis.hpp"
#include "acm/reports/health_history.hpp"
#include "acm/reports/portfolio.hpp"
#include "acm/reports/retention.hpp"

namespace acm {

namespace {

struct ReportOptions {
    PeriodOptions period;
};

const std::vector<std::string> retention_by = {"month", "quarter", "year", "segment", "owner", "tier"};
const std::vector<std::string> arr_by = {"month", "quarter", "year"};

void run_retention(Context& ctx, const ReportOptions& options) {
    ResolvedPeriod r = resolve_period(ctx, options.period, retention_by);
    ctx.print_rows(retention_columns(r.scope), retention_report(ctx.reader(), ctx.config(), r.periods, r.scope));
}

void run_arr(Context& ctx, const ReportOptions& options) {
    ResolvedPeriod r = resolve_period(ctx, options.period, arr_by);
    ctx.print_rows(arr_columns(), arr_report(ctx.reader(), ctx.config(), r.periods, r.scope));
}

void run_renewals(Context& ctx, const ReportOptions& options) {
    ResolvedPeriod r = resolve_period(ctx, options.period, retention_by);
    ctx.print_rows(renewals_report_columns(r.scope), renewals_report(ctx.reader(), ctx.config(), r.periods, r.scope));
}

const std::vector<std::string> group_by = {"segment", "owner", "tier"};
const std::vector<std::string> feedback_by = {"month", "quarter", "year", "segment", "owner", "tier"};
const std::vector<std::string> profitability_by = {"month", "quarter", "year", "segment", "owner", "tier", "account"};
const std::vector<std::string> pipeline_by = {"segment", "owner", "tier", "account"};

struct PortfolioOptions {
    PeriodOptions period;
    std::string within = "90d";
};

void run_portfolio(Context& ctx, const PortfolioOptions& options) {
    ResolvedPeriod r = resolve_period(ctx, options.period, group_by);
    Date until = window_end(ctx.today(), options.within, "--within");
    ctx.print_rows(portfolio_columns(r.scope), portfolio_report(ctx.reader(), ctx.config(), ctx.today(), until, r.scope));
}

void run_feedback(Context& ctx, const ReportOptions& options) {
    ResolvedPeriod r = resolve_period(ctx, options.period, feedback_by);
    ctx.print_rows(feedback_report_columns(r.scope), feedback_report(ctx.reader(), r.periods, r.scope));
}

void run_escalations(Context& ctx, const ReportOptions& options) {
    ResolvedPeriod r = resolve_period(ctx, options.period, feedback_by);
    ctx.print_rows(escalations_report_columns(r.scope), escalations_report(ctx.reader(), r.periods, r.scope, now_for(ctx)));
}

void run_profitability(Context& ctx, const ReportOptions& options) {
    ResolvedPeriod r = resolve_period(ctx, options.period, profitability_by);
    ctx.print_rows(profitability_columns(r.scope), profitability_report(ctx.reader(), ctx.config(), r.periods, r.scope));
}

void run_pipeline(Context& ctx, const ReportOptions& options) {
    ResolvedPeriod r = resolve_period(ctx, options.period, pipeline_by);
    ctx.print_rows(pipeline_columns(r.scope), pipeline_report(ctx.reader(), ctx.config(), r.periods.front(), r.scope));
}

struct HealthOptions {
    PeriodOptions period;
    bool at_risk = false;
    std::optional<std::string> explain, at;
    bool trend = false;
    std::optional<std::string> account;  // --trend's one account
};

// --at: the day whose health is shown, today by default; not after today (health is
// computed from what was recorded, not forecast).
Date health_day(const Context& ctx, const std::optional<std::string>& at) {
    if (!at) return ctx.today();
    Date day = parse_date(*at, ctx.today(), "--at");
    if (day > ctx.today())
        throw UsageError(fmt::format("--at {} is after today (expected a day no later than {})", quote_value(*at),
                                     format_date(ctx.today())));
    return day;
}

// --explain: the account's score and one row per component, then (for people) the weighted
// sum that makes the score.
void explain_health(Context& ctx, const std::string& reference, Date day) {
    auto& db = ctx.reader();
    Account account = load_account(db, resolve_account(db, reference));
    Health health = account_health(db, HealthSettings::from(ctx.config()), day, account.id);
    Document document;
    // The score is in the arithmetic below the table: the record is for programs.
    document.record.add({"key", Kind::text, false}, account.key);
    document.record.add({"name", Kind::text, false}, account.name);
    document.record.add({"health", Kind::text, false}, health.color);
    document.record.add({"health_score", Kind::score, false}, health.score ? Cell{*health.score} : Cell{});
    // Whose weights and thresholds: [health] ("default") or the first [health.profile.NAME]
    // that matches the account.
    document.record.add({"profile", Kind::text, false}, health.profile);
    document.add_table("health_components", "Profile " + health.profile, health_component_columns(),
                       rows_of([&](const auto& emit) { for_each_health_component(health, emit); }));
    std::string sum;
    for (const auto& c : health.components)
        if (c.has_data) sum += fmt::format("{}{:.1f} × {:.3f}", sum.empty() ? "" : " + ", c.value, c.share);
    document.footer = health.score ? fmt::format("score = {} = {:.1f} ({})", sum, *health.score, health.color)
                                   : std::string("score n/a: no component has data");
    // csv/tsv: the components.
    document.flat = "health_components";
    ctx.print_document(document);
}

const std::vector<std::string> trend_by = {"week", "month"};

// --trend: one row per account and period, its health on the period's last day.
void run_health_trend(Context& ctx, const HealthOptions& options) {
    if (options.at || options.at_risk || options.explain)
        throw UsageError("--trend shows every period's health; it does not take --at, --at-risk or --explain");
    if (!options.period.period && !options.period.from)
        throw UsageError("--trend needs the period: --period P (e.g. 2026, last-quarter) or --from D [--to D]");
    PeriodOptions period = options.period;
    if (!period.by) period.by = "month";
    ResolvedPeriod r = resolve_period(ctx, period, trend_by);
    auto& db = ctx.reader();
    if (options.account) r.scope.account_id = resolve_account(db, *options.account);
    // The sparkline is for people reading a table; programs get the scores.
    bool sparkline = ctx.format() == Format::table && ctx.page().empty() && ctx.terminal().is_tty;
    ctx.print_rows(health_trend_columns(sparkline),
                   health_trend_report(db, ctx.config(), r.periods, ctx.today(), r.scope, sparkline));
}

void run_health(Context& ctx, const HealthOptions& options) {
    if (options.trend) {
        run_health_trend(ctx, options);
        return;
    }
    if (options.account)
        throw UsageError(fmt::format("ACCOUNT {} is for --trend (for one account's score: --explain {})",
                                     quote_value(*options.account), quote_value(*options.account)));
    if (options.period.period || options.period.from || options.period.to || options.period.by)
        throw UsageError("--period, --from, --to and --by are for --trend (for one past day: --at D)");
    if (options.explain) {
        if (options.at_risk || options.period.owner || options.period.segment)
            throw UsageError("--explain shows one account; it does not take --at-risk, --owner or --segment");
        explain_health(ctx, *options.explain, health_day(ctx, options.at));
        return;
    }
    ResolvedPeriod r = resolve_period(ctx, options.period, {});
    ctx.print_rows(health_report_columns(),
                   health_report(ctx.reader(), ctx.config(), health_day(ctx, options.at), options.at_risk, r.scope));
}

struct BacktestOptions {
    PeriodOptions period;
    std::string lead = "90d", at_risk = "red";
};

void run_health_backtest(Context& ctx, const BacktestOptions& options) {
    ResolvedPeriod r = resolve_period(ctx, options.period, {}, "this-year");
    Duration lead = parse_duration(options.lead, "--lead");
    bool yellow = parse_choice(options.at_risk, {"red", "yellow"}, "--at-risk") == "yellow";
    ctx.print_rows(health_backtest_columns(),
                   health_backtest_report(ctx.reader(), ctx.config(), r.periods.front(), lead, yellow));
}

// A report over periods: its options are the shared period options, --by takes `by`.
void add_period_report(CLI::App& report, Context& ctx, const std::string& name, const std::string& description,
                       const std::string& example, void (*run)(Context&, const ReportOptions&),
                       const std::vector<std::string>& by) {
    auto options = std::make_shared<ReportOptions>();
    bind_period_options(add_command(report, ctx, options, name, description, example, run), options->period, by);
}

}  // namespace

void add_report_commands(CLI::App& app, Context& ctx) {
    auto* report = add_group(app, "report", "Reports: portfolio, retention, ARR, renewals, feedback, escalations, …");

    auto portfolio = std::make_shared<PortfolioOptions>();
    auto* portfolio_cmd = add_command(*report, ctx, portfolio, "portfolio",
                                      "Book of business: accounts, ARR, MRR, health mix, renewals due, escalations",
                                      "acm report portfolio --by owner", run_portfolio);
    bind_period_options(portfolio_cmd, portfolio->period, group_by, false);
    portfolio_cmd->add_flag("--all", portfolio->period.all, "Count churned accounts as customers too");
    portfolio_cmd->add_option("--within", portfolio->within, "Renewals due within this window (default 90d)");

    add_period_report(*report, ctx, "retention",
                      "GRR, NRR, logo churn and ARR movements of the period's starting cohort",
                      "acm report retention --period 2026-Q3 --by segment", run_retention, retention_by);

    add_period_report(*report, ctx, "arr", "ARR movements per period: new, expansion, contraction, churn",
                      "acm report arr --period 2026 --by quarter", run_arr, arr_by);

    add_period_report(*report, ctx, "renewals", "Renewals due in the period: renewed, churned, open, renewal rates",
                      "acm report renewals --period 2026-Q4", run_renewals, retention_by);

    add_period_report(*report, ctx, "feedback",
                      "NPS, CSAT and CES with responses, surveys sent, response rate, top categories",
                      "acm report feedback --period 2026 --by quarter", run_feedback, feedback_by);

    add_period_report(*report, ctx, "escalations",
                      "Escalations opened, resolved and open, time to resolve, SLA breaches, root causes",
                      "acm report escalations --period last-quarter", run_escalations, feedback_by);

    auto health = std::make_shared<HealthOptions>();
    auto* health_cmd = add_command(*report, ctx, health, "health",
                                   "Every account's health score, color and components",
                                   "acm report health --at-risk", run_health);
    bind_period_options(health_cmd, health->period, trend_by);
    health_cmd->add_flag("--at-risk", health->at_risk, "Only red and yellow accounts, worst first");
    health_cmd->add_flag("--all", health->period.all, "Churned accounts too");
    health_cmd->add_option("--explain", health->explain, "Show the arithmetic of one account's score");
    health_cmd->add_option("--at", health->at, "Health as it was on this day, from the records up to it");
    health_cmd->add_flag("--trend", health->trend, "Each account's health at the end of each period (--period, --by)");
    health_cmd->add_option("account", health->account, "With --trend: only this account");

    auto backtest = std::make_shared<BacktestOptions>();
    auto* backtest_cmd = add_command(*report, ctx, backtest, "health-backtest",
                                     "How well health predicted the renewals that closed: precision, recall, …",
                                     "acm report health-backtest --period 2026 --lead 90d", run_health_backtest);
    bind_period_options(backtest_cmd, backtest->period, {}, true, false);
    backtest_cmd->add_option("--lead", backtest->lead, "Health this long before each renewal's due date (default 90d)");
    backtest_cmd->add_option("--at-risk", backtest->at_risk, "At risk: red (the default) or yellow (red and yellow)");

    add_period_report(*report, ctx, "profitability", "Recognized revenue, cost to serve, margin and margin %",
                      "acm report profitability --period 2026 --by segment", run_profitability, profitability_by);

    add_period_report(*report, ctx, "pipeline",
                      "Opportunities by stage and kind: open ones, and won or lost in the period",
                      "acm report pipeline --by owner", run_pipeline, pipeline_by);

    add_report_review_commands(*report, ctx);
}

}  // namespace acm
