// Health, escalations and feedback in `account show`.
#include "acm/cli/account_health.hpp"

#include <fmt/format.h>

#include "acm/cli/command.hpp"
#include "acm/domain/escalation.hpp"
#include "acm/domain/feedback.hpp"
#include "acm/output/row_writer.hpp"

namespace acm {

namespace {


constexpr int recent_feedback = 5;

// The score 90, 60 and 30 days ago: where the account's health is heading.
std::vector<Row> health_history(Context& ctx, Database& db, std::int64_t account_id) {
    HealthSettings settings = HealthSettings::from(ctx.config());
    const HealthSettings& scoring = AccountHealthSettings(db, settings, account_id).of(account_id);
    std::vector<Row> rows;
    std::vector<Date> days;
    for (int ago : {90, 60, 30}) days.push_back(add_days(ctx.today(), -ago));
    for_each_health_day(db, settings, days, account_id, [&](Date day, const auto& inputs) {
        Health health = compute_health(inputs.at(account_id), scoring, day, false);
        rows.push_back(Row{std::int64_t{days_between(day, ctx.today())}, day,
                           health.score ? Cell{*health.score} : Cell{}, health.score ? Cell{health.color} : Cell{}});
    });
    return rows;
}

}  // namespace

void add_account_health(Context& ctx, Database& db, std::int64_t account_id, Document& document) {
    Health health = account_health(db, HealthSettings::from(ctx.config()), ctx.today(), account_id);
    std::string profile = health.profile == "default" ? "" : fmt::format(", profile {}", health.profile);
    document.add_table("health_components",
                       health.score ? fmt::format("Health {:.1f} ({}{})", *health.score, health.color, profile)
                                    : fmt::format("Health n/a (no data{})", profile),
                       health_component_columns(),
                       rows_of([&](const auto& emit) { for_each_health_component(health, emit); }));
    Column color{"health", Kind::text};
    color.colored = true;
    document.add_table("health_history", "Health before",
                       {{"days_ago", Kind::integer}, {"date", Kind::date}, {"health_score", Kind::score}, color},
                       health_history(ctx, db, account_id));
    EscalationFilter open;
    open.account_id = account_id;
    open.open_only = true;
    Timestamp now = now_for(ctx);
    document.add_table("escalations", "Open escalations", escalation_columns(),
                       rows_of([&](const auto& emit) { for_each_escalation(db, open, now, emit); }), {"account"});
    FeedbackFilter follow_ups;
    follow_ups.account_id = account_id;
    follow_ups.open_only = true;
    document.add_table("follow_ups", "Open follow-ups", feedback_columns(),
                       rows_of([&](const auto& emit) { for_each_feedback(db, follow_ups, 0, emit); }), {"account"});
    FeedbackFilter recent;
    recent.account_id = account_id;
    document.add_table("feedback", "Recent feedback", feedback_columns(),
                       rows_of([&](const auto& emit) { for_each_feedback(db, recent, recent_feedback, emit); }),
                       {"account"});
}

}  // namespace acm
