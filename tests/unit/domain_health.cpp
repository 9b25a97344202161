// The health score on hand-computed cases (acm-account(1), HEALTH SCORE), and its inputs from a workspace.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include "acm/core/config.hpp"
#include "acm/core/error.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/health.hpp"
#include "acm/store/workspace.hpp"

using namespace acm;
using namespace std::chrono;

namespace {

const Date today{year{2026}, November, day{22}};

const HealthComponent& component(const Health& health, const std::string& name) {
    for (const auto& c : health.components)
        if (c.name == name) return c;
    FAIL("no component " << name);
    return health.components.front();
}

}  // namespace

TEST_CASE("no data at all gives no score") {
    Health health = compute_health({}, HealthSettings{}, today);
    CHECK_FALSE(health.score.has_value());
    CHECK(health.color == "n/a");
    REQUIRE(health.components.size() == 5);
    for (const auto& c : health.components) CHECK_FALSE(c.has_data);
}

TEST_CASE("every component with default weights") {
    HealthInputs in;
    in.latest_nps = 9;   // 90
    in.csat_mean = 3.0;  // (3-1)/4 = 50
    in.csat_answers = 2;
    in.has_escalations = true;
    in.open_escalations = {0, 1, 0, 1};  // high 30 + low 5 → 65
    in.usage_recent = 50;                // fell by half → 50
    in.usage_previous = 100;
    in.last_touch = Date{year{2026}, September, day{8}};  // 75 days: (120-75)/(120-30) → 50
    Health health = compute_health(in, HealthSettings{}, today);
    CHECK(component(health, "nps").value == doctest::Approx(90));
    CHECK(component(health, "csat").value == doctest::Approx(50));
    CHECK(component(health, "escalations").value == doctest::Approx(65));
    CHECK(component(health, "usage").value == doctest::Approx(50));
    CHECK(component(health, "engagement").value == doctest::Approx(50));
    // (25·90 + 15·50 + 20·65 + 25·50 + 15·50) / 100 = 6300 / 100
    REQUIRE(health.score.has_value());
    CHECK(*health.score == doctest::Approx(63.0));
    CHECK(health.color == "yellow");
    CHECK(component(health, "nps").share == doctest::Approx(0.25));
    CHECK(component(health, "escalations").input == "2 open (1 high, 1 low): penalty 35");
}

TEST_CASE("weights are renormalized over the components that have data") {
    HealthInputs in;
    in.latest_nps = 6;                                    // 60
    in.last_touch = Date{year{2026}, November, day{12}};  // 10 days ago → 100
    Health health = compute_health(in, HealthSettings{}, today);
    // (25·60 + 15·100) / (25 + 15) = 3000 / 40
    CHECK(*health.score == doctest::Approx(75.0));
    CHECK(health.color == "green");
    CHECK(component(health, "nps").share == doctest::Approx(0.625));
    CHECK(component(health, "engagement").share == doctest::Approx(0.375));
    CHECK(component(health, "csat").share == 0);
    CHECK(component(health, "csat").input == "no data");
}

TEST_CASE("custom weights: a zero weight leaves a component out") {
    HealthSettings settings;
    settings.weight_nps = 0;
    settings.weight_csat = 1;
    HealthInputs in;
    in.latest_nps = 10;
    in.csat_mean = 2.0;  // 25
    in.csat_answers = 1;
    Health health = compute_health(in, settings, today);
    CHECK(*health.score == doctest::Approx(25.0));
    CHECK(health.color == "red");

    HealthInputs only_nps;
    only_nps.latest_nps = 10;
    CHECK(compute_health(only_nps, settings, today).color == "n/a");

    settings.weight_nps = 3;  // 3·100 + 1·25 over 4
    CHECK(*compute_health(in, settings, today).score == doctest::Approx(81.3));
}

TEST_CASE("colors at the thresholds") {
    HealthInputs in;
    auto color_of_nps = [&](int nps, const HealthSettings& settings = {}) {
        in.latest_nps = nps;
        return compute_health(in, settings, today).color;
    };
    CHECK(color_of_nps(7) == "green");   // 70 is green
    CHECK(color_of_nps(6) == "yellow");  // 60
    CHECK(color_of_nps(4) == "yellow");  // 40 is yellow
    CHECK(color_of_nps(3) == "red");
    HealthSettings strict;
    strict.green = 95;
    strict.yellow = 85;
    CHECK(color_of_nps(9, strict) == "yellow");
    CHECK(color_of_nps(8, strict) == "red");

    // The color agrees with the rounded score: 69.96 shows as 70.0 and is green.
    HealthInputs csat;
    csat.csat_mean = 1 + 4 * 0.6996;
    csat.csat_answers = 1;
    Health health = compute_health(csat, HealthSettings{}, today);
    CHECK(*health.score == doctest::Approx(70.0));
    CHECK(health.color == "green");
}

TEST_CASE("escalation penalties stop at zero") {
    HealthInputs in;
    in.has_escalations = true;
    CHECK(component(compute_health(in, {}, today), "escalations").value == 100);  // none open
    in.open_escalations = {3, 0, 0, 0};                                           // 150 points
    CHECK(component(compute_health(in, {}, today), "escalations").value == 0);
    HealthSettings settings;
    settings.penalties = {10, 1, 1, 1};
    CHECK(component(compute_health(in, settings, today), "escalations").value == 70);
}

TEST_CASE("usage: full when it held or grew, linear in the fall") {
    HealthInputs in;
    in.usage_previous = 80;
    in.usage_recent = 120;
    CHECK(component(compute_health(in, {}, today), "usage").value == 100);
    in.usage_recent = 20;
    CHECK(component(compute_health(in, {}, today), "usage").value == doctest::Approx(25));
    in.usage_recent = 0;
    CHECK(component(compute_health(in, {}, today), "usage").value == 0);
    in.usage_previous = 0;  // nothing to fall from
    CHECK(component(compute_health(in, {}, today), "usage").value == 100);
    in.usage_previous.reset();
    CHECK_FALSE(component(compute_health(in, {}, today), "usage").has_data);
}

TEST_CASE("engagement at its window boundaries") {
    HealthInputs in;
    auto engagement = [&](int days_ago, const HealthSettings& settings = {}) {
        in.last_touch = Date{sys_days{today} - days{days_ago}};
        return component(compute_health(in, settings, today), "engagement").value;
    };
    CHECK(engagement(0) == 100);
    CHECK(engagement(30) == 100);
    CHECK(engagement(31) == doctest::Approx(100.0 * 89 / 90));
    CHECK(engagement(119) == doctest::Approx(100.0 / 90));
    CHECK(engagement(120) == 0);
    CHECK(engagement(400) == 0);
    HealthSettings weeks;
    weeks.engagement_full = {1, Duration::Unit::week};
    weeks.engagement_zero = {2, Duration::Unit::week};
    CHECK(engagement(7, weeks) == 100);
    CHECK(engagement(10, weeks) == doctest::Approx(100.0 * 4 / 7));
}

TEST_CASE("settings come from config") {
    Config config = Config::load("", {"health.weights.nps=50", "health.thresholds.green=80",
                                      "health.penalties.high=40", "health.windows.usage=2w"});
    HealthSettings settings = HealthSettings::from(config);
    CHECK(settings.weight_nps == 50);
    CHECK(settings.weight_csat == 15);
    CHECK(settings.green == 80);
    CHECK(settings.penalties[1] == 40);
    CHECK(settings.usage_window.count == 2);
    CHECK(settings.usage_window.unit == Duration::Unit::week);
}

TEST_CASE("profiles: the first that matches in the file's order, numbers not set from [health]") {
    // "later" sorts before "first" by name: the file's order decides.
    std::string text =
        "[health.weights]\ncsat = 30\n"
        "[health.profile.first]\nsegments = [\"SMB\"]\nweights.nps = 5\nthresholds.green = 60\n"
        "[health.profile.later]\nsegments = [\"smb\", \"mid\"]\nstatuses = [\"onboarding\"]\npenalties.high = 0\n";
    Config config = Config::parse(text, "test.toml", {"health.profile.added.statuses=[\"at-risk\"]"});
    CHECK(config.health_profiles() == std::vector<std::string>{"first", "later", "added"});
    HealthSettings settings = HealthSettings::from(config);
    REQUIRE(settings.profiles.size() == 3);
    const HealthSettings& first = settings.profiles[0].settings;
    CHECK(first.profile == "first");
    CHECK(first.weight_nps == 5);
    CHECK(first.weight_csat == 30);  // [health]'s, not the default
    CHECK(first.green == 60);
    CHECK(first.yellow == 40);
    CHECK(first.usage_window.count == 30);
    CHECK(first.profiles.empty());
    // Segments ignore case, as --segment does; with segments and statuses both must match.
    CHECK(settings.for_account(std::string("smb"), "onboarding").profile == "first");
    CHECK(settings.for_account(std::string("Mid"), "onboarding").profile == "later");
    CHECK(settings.for_account(std::string("mid"), "active").profile == "default");
    CHECK(settings.for_account(std::nullopt, "onboarding").profile == "default");
    CHECK(settings.for_account(std::nullopt, "at-risk").profile == "added");
    CHECK(settings.profiles[1].settings.penalties[1] == 0);
    CHECK(settings.profiles[1].settings.penalties[0] == 50);

    // Same inputs, another color: NPS 5 (50) and one high escalation (70).
    HealthInputs in;
    in.latest_nps = 5;
    in.has_escalations = true;
    in.open_escalations[1] = 1;
    Health plain = compute_health(in, settings, today);
    CHECK(plain.profile == "default");
    CHECK(*plain.score == doctest::Approx(58.9));
    CHECK(plain.color == "yellow");
    Health profiled = compute_health(in, settings.for_account(std::string("smb"), "active"), today);
    CHECK(profiled.profile == "first");
    CHECK(*profiled.score == doctest::Approx(66.0));
    CHECK(profiled.color == "green");
}

TEST_CASE("a profile may name every account status") {
    // The config checks statuses against its own list, which must be the accounts'.
    for (const auto& status : account_statuses()) {
        Config config = Config::parse(std::nullopt, "", {"health.profile.p.statuses=[\"" + status + "\"]"});
        CHECK(HealthSettings::from(config).for_account(std::nullopt, status).profile == "p");
    }
    CHECK_THROWS_AS(Config::parse(std::nullopt, "", {"health.profile.p.statuses=[\"asleep\"]"}), UsageError);
}

TEST_CASE("inputs from a workspace: windows, latest answer, open escalations") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("acm-health-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    {
        Database db = create_workspace((dir / "ws.db").string());
        db.exec(
            "INSERT INTO accounts (id, key, name, created_at, updated_at) VALUES "
            "(1, 'a', 'A', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), "
            "(2, 'b', 'B', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), "
            "(3, 'c', 'C', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
        // The 180-day window ending 2026-11-22 begins 2026-05-27: 2026-05-26 is outside it.
        db.exec(
            "INSERT INTO feedback (account_id, date, type, score, negative) VALUES "
            "(1, '2026-05-26', 'nps', 10, 0), (1, '2026-06-01', 'nps', 3, 1), (1, '2026-06-01', 'nps', 8, "
            "0), "
            "(1, '2026-11-23', 'nps', 0, 1), "
            "(1, '2026-05-26', 'csat', 1, 1), (1, '2026-05-27', 'csat', 5, 0), (1, '2026-11-22', 'csat', 2, "
            "1), "
            "(2, '2026-11-01', 'ces', 7, 1)");
        db.exec(
            "INSERT INTO escalations (account_id, title, severity, status, opened_at, sla_due_at, "
            "resolved_at) "
            "VALUES (1, 'x', 'high', 'open', '2026-11-01T00:00:00Z', '2026-11-04T00:00:00Z', NULL), "
            "(1, 'y', 'low', 'mitigating', '2026-11-01T00:00:00Z', '2026-11-15T00:00:00Z', NULL), "
            "(1, 'z', 'critical', 'resolved', '2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z', "
            "'2026-10-01T12:00:00Z'), "
            "(2, 'w', 'medium', 'resolved', '2026-10-01T00:00:00Z', '2026-10-08T00:00:00Z', "
            "'2026-10-02T00:00:00Z')");
        // Usage windows: (2026-10-23, 2026-11-22] and (2026-09-23, 2026-10-23].
        db.exec(
            "INSERT INTO usage (account_id, date, active_users) VALUES "
            "(1, '2026-09-23', 1000), (1, '2026-09-24', 100), (1, '2026-10-23', 60), "
            "(1, '2026-10-24', 40), (1, '2026-11-22', 80), (1, '2026-11-23', 1000), "
            "(2, '2026-11-20', 50)");
        db.exec(
            "INSERT INTO notes (account_id, kind, date, text, created_at) VALUES "
            "(1, 'call', '2026-10-01', 'x', '2026-10-01T00:00:00Z'), "
            "(1, 'call', '2026-12-01', 'planned', '2026-10-01T00:00:00Z')");

        HealthSettings settings;
        auto all = load_health_inputs(db, settings, today);
        CHECK(all.count(3) == 0);
        REQUIRE(all.count(1) == 1);
        const HealthInputs& a = all[1];
        REQUIRE(a.latest_nps.has_value());
        CHECK(*a.latest_nps == 8);  // the later of two answers on the newest day in the window
        REQUIRE(a.csat_mean.has_value());
        CHECK(*a.csat_mean == doctest::Approx(3.5));  // 5 and 2; 2026-05-26 is outside
        CHECK(a.csat_answers == 2);
        CHECK(a.has_escalations);
        CHECK(a.open_escalations == std::array<int, 4>{0, 1, 0, 1});
        REQUIRE(a.usage_recent.has_value());
        CHECK(*a.usage_recent == doctest::Approx(60));    // 40 and 80
        CHECK(*a.usage_previous == doctest::Approx(80));  // 100 and 60; 2026-09-23 is outside
        REQUIRE(a.last_touch.has_value());
        CHECK(*a.last_touch == Date{year{2026}, October, day{1}});  // not the planned note after today

        const HealthInputs& b = all[2];
        CHECK(b.has_escalations);
        CHECK(b.open_escalations == std::array<int, 4>{0, 0, 0, 0});
        CHECK_FALSE(b.latest_nps.has_value());
        CHECK_FALSE(b.usage_recent.has_value());  // no previous window to compare with

        auto one = load_health_inputs(db, settings, today, 2);
        CHECK(one.size() == 1);
        CHECK(one.count(2) == 1);
    }
    fs::remove_all(dir);
}

TEST_CASE("inputs moved forward day by day are the inputs loaded on each day") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("acm-health-days-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    {
        Database db = create_workspace((dir / "ws.db").string());
        db.exec(
            "INSERT INTO accounts (id, key, name, created_at, updated_at) VALUES "
            "(1, 'a', 'A', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), "
            "(2, 'b', 'B', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), "
            "(3, 'c', 'C', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
        db.exec(
            "INSERT INTO feedback (account_id, date, type, score, negative) VALUES "
            "(1, '2026-01-10', 'nps', 9, 0), (1, '2026-04-02', 'nps', 4, 1), (1, '2026-04-02', 'csat', 2, 1), "
            "(2, '2026-02-15', 'csat', 5, 0), (2, '2026-09-01', 'nps', 7, 0), (1, '2026-10-30', 'csat', 4, 0)");
        db.exec(
            "INSERT INTO usage (account_id, date, active_users) VALUES "
            "(1, '2026-03-01', 100), (1, '2026-03-20', 80), (1, '2026-04-10', 40), (1, '2026-05-05', 90), "
            "(2, '2026-06-01', 10), (2, '2026-07-01', 30), (2, '2026-07-20', 20)");
        db.exec(
            "INSERT INTO notes (account_id, kind, date, text, created_at) VALUES "
            "(1, 'call', '2026-02-01', 'x', '2026-02-01T00:00:00Z'), (2, 'call', '2026-08-15', 'y', "
            "'2026-08-15T00:00:00Z')");
        // a: opened medium on 03-01, critical from 05-01, resolved 06-10, reopened 08-01 (open
        // now). b: low, opened 04-01 and resolved 04-20. c: high, opened 07-01, no timeline
        // (as an import leaves it), resolved 09-01.
        db.exec(
            "INSERT INTO escalations (id, account_id, title, severity, status, opened_at, sla_due_at, "
            "resolved_at) VALUES "
            "(1, 1, 'x', 'critical', 'open', '2026-03-01T10:00:00Z', '2026-03-02T10:00:00Z', NULL), "
            "(2, 2, 'y', 'low', 'resolved', '2026-04-01T10:00:00Z', '2026-04-15T10:00:00Z', "
            "'2026-04-20T10:00:00Z'), "
            "(3, 3, 'z', 'high', 'resolved', '2026-07-01T10:00:00Z', '2026-07-04T10:00:00Z', "
            "'2026-09-01T10:00:00Z')");
        db.exec(
            "INSERT INTO escalation_updates (escalation_id, at, kind, text, severity) VALUES "
            "(1, '2026-03-01T10:00:00Z', 'opened', 'opened (medium): x', 'medium'), "
            "(1, '2026-05-01T10:00:00Z', 'severity', 'severity medium → critical', 'critical'), "
            "(1, '2026-06-10T10:00:00Z', 'resolved', 'resolved', NULL), "
            "(1, '2026-08-01T10:00:00Z', 'reopened', 'reopened', NULL), "
            "(2, '2026-04-01T10:00:00Z', 'opened', 'opened (low): y', 'low'), "
            "(2, '2026-04-20T10:00:00Z', 'resolved', 'resolved', NULL)");

        HealthSettings settings;
        // Steps of one day, a week, a month and more than a window (the 30-day usage window).
        std::vector<Date> days;
        for (Date d{year{2026}, January, day{1}}; d < today; d = add_days(d, 3)) days.push_back(d);
        days.push_back(Date{year{2026}, November, day{21}});
        days.push_back(today);
        int checked = 0;
        auto compare = [&](const std::vector<Date>& series) {
            for_each_health_day(db, settings, series, std::nullopt, [&](Date day, const auto& moved) {
                auto loaded = load_health_inputs(db, settings, day);
                for (std::int64_t id : {1, 2, 3}) {
                    auto found = loaded.find(id);
                    Health fresh = compute_health(found == loaded.end() ? HealthInputs{} : found->second, settings, day);
                    Health stepped = compute_health(moved.at(id), settings, day);
                    INFO("account " << id << " on " << format_date(day));
                    CHECK(fresh.score == stepped.score);
                    for (std::size_t c = 0; c < fresh.components.size(); ++c) {
                        CHECK(fresh.components[c].has_data == stepped.components[c].has_data);
                        CHECK(fresh.components[c].input == stepped.components[c].input);
                    }
                    ++checked;
                }
            });
        };
        compare(days);
        compare({Date{year{2026}, February, day{1}}, Date{year{2026}, June, day{30}}, today});
        // A series whose first day has escalations open (a's and c's): counted once.
        compare({Date{year{2026}, August, day{2}}, Date{year{2026}, August, day{20}}, today});
        CHECK(checked == 3 * static_cast<int>(days.size() + 6));

        // The escalation as it stood: medium on 04-15, critical on 05-15, resolved on 07-01,
        // open again today; c's (no timeline) open on 08-01 and resolved by 09-02.
        auto open_on = [&](Date day, std::int64_t id) {
            auto inputs = load_health_inputs(db, settings, day, id);
            return inputs.count(id) ? inputs[id].open_escalations : std::array<int, 4>{0, 0, 0, 0};
        };
        CHECK(open_on(Date{year{2026}, April, day{15}}, 1) == std::array<int, 4>{0, 0, 1, 0});
        CHECK(open_on(Date{year{2026}, May, day{15}}, 1) == std::array<int, 4>{1, 0, 0, 0});
        CHECK(open_on(Date{year{2026}, July, day{1}}, 1) == std::array<int, 4>{0, 0, 0, 0});
        CHECK(open_on(today, 1) == std::array<int, 4>{1, 0, 0, 0});
        CHECK(open_on(Date{year{2026}, April, day{10}}, 2) == std::array<int, 4>{0, 0, 0, 1});
        CHECK(open_on(Date{year{2026}, August, day{1}}, 3) == std::array<int, 4>{0, 1, 0, 0});
        CHECK(open_on(Date{year{2026}, September, day{2}}, 3) == std::array<int, 4>{0, 0, 0, 0});
    }
    fs::remove_all(dir);
}
