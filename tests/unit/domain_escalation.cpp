// SLA targets and breaches at their boundaries; the reference time of --today.
#include <doctest/doctest.h>

#include "acm/core/config.hpp"
#include "acm/domain/escalation.hpp"
#include "acm/domain/feedback.hpp"

using namespace acm;
using namespace std::chrono;

namespace {
Timestamp utc(const char* text) { return parse_timestamp_utc(text).value(); }
}  // namespace

TEST_CASE("SLA due times per severity from config") {
    SlaTargets sla = SlaTargets::from(Config{});
    Timestamp opened = utc("2026-11-20T09:30:00Z");
    CHECK(sla.due(opened, "critical") == utc("2026-11-21T09:30:00Z"));
    CHECK(sla.due(opened, "high") == utc("2026-11-23T09:30:00Z"));
    CHECK(sla.due(opened, "medium") == utc("2026-11-27T09:30:00Z"));
    CHECK(sla.due(opened, "low") == utc("2026-12-04T09:30:00Z"));

    SlaTargets custom =
        SlaTargets::from(Config::load("", {"escalation.sla.critical=2w", "escalation.sla.low=1m"}));
    CHECK(custom.due(opened, "critical") == utc("2026-12-04T09:30:00Z"));
    // A calendar month, clamped to the month's end; the time of day stays.
    CHECK(custom.due(utc("2027-01-31T23:00:00Z"), "low") == utc("2027-02-28T23:00:00Z"));
}

TEST_CASE("breached: open past the due time, or resolved after it") {
    Timestamp due = utc("2026-11-21T09:30:00Z");
    Timestamp before = due - seconds{1}, after = due + seconds{1};
    // Open: breached only once now is past the due time.
    CHECK_FALSE(is_breached(due, std::nullopt, before));
    CHECK_FALSE(is_breached(due, std::nullopt, due));
    CHECK(is_breached(due, std::nullopt, after));
    // Resolved: the resolution time decides, whatever now is.
    CHECK_FALSE(is_breached(due, before, after + hours{100}));
    CHECK_FALSE(is_breached(due, due, after));
    CHECK(is_breached(due, after, after));
    CHECK(is_breached(due, after, before));
}

TEST_CASE("the end of a day is its last second in local time") {
    setenv("TZ", "UTC", 1);
    tzset();
    CHECK(end_of_day(Date{year{2026}, November, day{20}}) == utc("2026-11-20T23:59:59Z"));
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    CHECK(end_of_day(Date{year{2026}, July, day{1}}) == utc("2026-07-01T21:59:59Z"));
    setenv("TZ", "UTC", 1);
    tzset();
}

TEST_CASE("negative feedback") {
    using S = std::optional<std::string>;
    CHECK(is_negative(S("nps"), 6, {}));
    CHECK_FALSE(is_negative(S("nps"), 7, {}));
    CHECK(is_negative(S("nps"), 0, {}));
    CHECK(is_negative(S("csat"), 2, {}));
    CHECK_FALSE(is_negative(S("csat"), 3, {}));
    CHECK(is_negative(S("ces"), 5, {}));
    CHECK_FALSE(is_negative(S("ces"), 4, {}));
    CHECK(is_negative({}, {}, S("complaint")));
    CHECK(is_negative(S("nps"), 10, S("complaint")));
    CHECK_FALSE(is_negative({}, {}, S("request")));
    CHECK_FALSE(is_negative({}, {}, {}));
}

TEST_CASE("score ranges") {
    CHECK(parse_score("0", "nps", "--nps") == 0);
    CHECK(parse_score("10", "nps", "--nps") == 10);
    CHECK_THROWS_WITH(parse_score("11", "nps", "--nps"),
                      "--nps 11 is not a valid NPS score (expected a whole number from 0 to 10)");
    CHECK_THROWS(parse_score("0", "csat", "--csat"));
    CHECK(parse_score("5", "csat", "--csat") == 5);
    CHECK_THROWS(parse_score("6", "csat", "--csat"));
    CHECK(parse_score("7", "ces", "--ces") == 7);
    CHECK_THROWS(parse_score("8", "ces", "--ces"));
    CHECK_THROWS(parse_score("4.5", "ces", "--ces"));
}
