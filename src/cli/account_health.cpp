// Health, escalations and feedback in `account list` and `account show`.
#include "acm/cli/account_health.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "acm/cli/command.hpp"
#include "acm/domain/escalation.hpp"
#include "acm/domain/feedback.hpp"

namespace acm {

Timestamp now_for(const Context& ctx) {
    // Whether the date was fixed, not whether it equals the clock's: a test run on the very
    // day it fixes must give the same results as on any other day.
    const char* env_today = std::getenv("ACM_TODAY");
    bool fixed = !ctx.global.today.empty() || (env_today && *env_today);
    return fixed ? end_of_day(ctx.today()) : ctx.actor().now;
}

namespace {

Health account_health(Context& ctx, Database& db, std::int64_t account_id) {
    return account_health(db, HealthSettings::from(ctx.config()), ctx.today(), account_id);
}

constexpr int recent_feedback = 5;

}  // namespace

void print_account_health(Context& ctx, Database& db, std::int64_t account_id) {
    Health health = account_health(ctx, db, account_id);
    ctx.out << "\n"
            << (health.score ? fmt::format("Health {:.1f} ({})", *health.score, health.color)
                             : std::string("Health n/a (no data)"))
            << "\n";
    {
        RowWriter writer(health_component_columns(), ListOptions{}, ctx.out, ctx.terminal());
        for_each_health_component(health, [&](Row&& row) { writer.add(std::move(row)); });
        writer.finish();
    }
    EscalationFilter open;
    open.account_id = account_id;
    open.open_only = true;
    Timestamp now = now_for(ctx);
    print_section(ctx, "Open escalations", escalation_columns(),
                  [&](const auto& emit) { for_each_escalation(db, open, now, emit); }, {"account"});
    FeedbackFilter follow_ups;
    follow_ups.account_id = account_id;
    follow_ups.open_only = true;
    print_section(ctx, "Open follow-ups", feedback_columns(),
                  [&](const auto& emit) { for_each_feedback(db, follow_ups, 0, emit); }, {"account"});
    FeedbackFilter recent;
    recent.account_id = account_id;
    print_section(ctx, "Recent feedback", feedback_columns(),
                  [&](const auto& emit) { for_each_feedback(db, recent, recent_feedback, emit); }, {"account"});
}

std::string account_health_json(Context& ctx, Database& db, std::int64_t account_id) {
    Health health = account_health(ctx, db, account_id);
    std::vector<Column> summary = {{"score", Kind::score}, {"color", Kind::text}};
    std::string object = json_object(summary, Row{health.score ? Cell{*health.score} : Cell{}, health.color});
    object.pop_back();
    object += ",\"components\":" +
              json_array(health_component_columns(),
                    [&](const auto& emit) { for_each_health_component(health, emit); }) +
              "}";
    EscalationFilter open;
    open.account_id = account_id;
    open.open_only = true;
    Timestamp now = now_for(ctx);
    FeedbackFilter recent;
    recent.account_id = account_id;
    return ",\"health\":" + object + ",\"open_escalations\":" +
           json_array(escalation_columns(), [&](const auto& emit) { for_each_escalation(db, open, now, emit); }) +
           ",\"feedback\":" + json_array(feedback_columns(), [&](const auto& emit) {
               for_each_feedback(db, recent, recent_feedback, emit);
           });
}

}  // namespace acm
