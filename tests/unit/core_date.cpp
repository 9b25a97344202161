#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "acm/core/date.hpp"
#include "acm/core/error.hpp"

using namespace acm;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

const Date today = ymd(2026, 11, 22);  // a fixed --today, as in every test that touches dates

std::string date(std::string_view text, Date base = today) {
    return format_date(parse_date(text, base, "--end"));
}

std::string period_text(const Period& p) {
    return format_date(p.start) + " " + format_date(p.end) + " " + p.label;
}

std::string period(std::string_view text, Date base = today) {
    return period_text(parse_period(text, base, "--period"));
}

// Sets TZ for the lifetime of the object and restores it afterwards, so that tests do not leak
// a time zone into each other.
struct ScopedTz {
    std::string old;
    bool had;
    explicit ScopedTz(const char* tz) {
        const char* current = std::getenv("TZ");
        had = current != nullptr;
        if (had) old = current;
        setenv("TZ", tz, 1);
        tzset();
    }
    ~ScopedTz() {
        if (had)
            setenv("TZ", old.c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
};

}  // namespace

TEST_CASE("iso dates parse strictly") {
    CHECK(parse_iso_date("2026-11-22") == ymd(2026, 11, 22));
    CHECK(parse_iso_date("2024-02-29") == ymd(2024, 2, 29));
    CHECK(parse_iso_date("2000-02-29") == ymd(2000, 2, 29));
    CHECK_FALSE(parse_iso_date("1900-02-29"));
    CHECK_FALSE(parse_iso_date("2026-02-29"));
    CHECK_FALSE(parse_iso_date("2026-02-30"));
    CHECK_FALSE(parse_iso_date("2026-04-31"));
    CHECK_FALSE(parse_iso_date("2026-13-01"));
    CHECK_FALSE(parse_iso_date("2026-00-10"));
    CHECK_FALSE(parse_iso_date("2026-01-00"));
    CHECK_FALSE(parse_iso_date("2026-1-05"));
    CHECK_FALSE(parse_iso_date("26-01-05"));
    CHECK_FALSE(parse_iso_date("2026/01/05"));
    CHECK_FALSE(parse_iso_date("2026-01-05 "));
    CHECK_FALSE(parse_iso_date(" 2026-01-05"));
    CHECK_FALSE(parse_iso_date("2026-0a-05"));
    CHECK_FALSE(parse_iso_date("+026-01-05"));
    CHECK_FALSE(parse_iso_date(""));
}

TEST_CASE("format_date pads to YYYY-MM-DD") {
    CHECK(format_date(ymd(2026, 1, 5)) == "2026-01-05");
    CHECK(format_date(ymd(987, 12, 31)) == "0987-12-31");
    CHECK(format_date(ymd(1, 1, 1)) == "0001-01-01");
    CHECK(format_date(ymd(9999, 12, 31)) == "9999-12-31");
    CHECK(format_date(ymd(2000, 10, 20)) == "2000-10-20");
    CHECK(format_date(ymd(-1, 1, 1)) == "-001-01-01");  // outside acm's dates: as fmt writes it
}

TEST_CASE("parse_date keywords") {
    CHECK(date("2026-02-28") == "2026-02-28");
    CHECK(date("today") == "2026-11-22");
    CHECK(date("TODAY") == "2026-11-22");
    CHECK(date("yesterday") == "2026-11-21");
    CHECK(date("tomorrow") == "2026-11-23");
    CHECK(date("Tomorrow", ymd(2026, 12, 31)) == "2027-01-01");
    CHECK(date("yesterday", ymd(2024, 3, 1)) == "2024-02-29");
    CHECK(date("som") == "2026-11-01");
    CHECK(date("eom") == "2026-11-30");
    CHECK(date("EOM", ymd(2024, 2, 10)) == "2024-02-29");
    CHECK(date("eom", ymd(2026, 2, 10)) == "2026-02-28");
    CHECK(date("soq") == "2026-10-01");
    CHECK(date("eoq") == "2026-12-31");
    CHECK(date("soq", ymd(2026, 3, 31)) == "2026-01-01");
    CHECK(date("eoq", ymd(2026, 3, 31)) == "2026-03-31");
    CHECK(date("soq", ymd(2026, 4, 1)) == "2026-04-01");
    CHECK(date("eoq", ymd(2026, 4, 1)) == "2026-06-30");
    CHECK(date("eoq", ymd(2026, 8, 15)) == "2026-09-30");
    CHECK(date("soy") == "2026-01-01");
    CHECK(date("eoy") == "2026-12-31");
}

TEST_CASE("parse_date relative forms") {
    CHECK(date("+30d") == "2026-12-22");
    CHECK(date("-2w") == "2026-11-08");
    CHECK(date("+3m") == "2027-02-22");
    CHECK(date("+1y") == "2027-11-22");
    CHECK(date("-1Y") == "2025-11-22");
    CHECK(date("+1D") == "2026-11-23");
    CHECK(date("+1m", ymd(2026, 1, 31)) == "2026-02-28");
    CHECK(date("+1m", ymd(2024, 1, 31)) == "2024-02-29");
    CHECK(date("-1m", ymd(2026, 3, 31)) == "2026-02-28");
    CHECK(date("+1y", ymd(2024, 2, 29)) == "2025-02-28");
    CHECK(date("+4y", ymd(2024, 2, 29)) == "2028-02-29");
    CHECK(date("+12m", ymd(2026, 5, 31)) == "2027-05-31");
}

TEST_CASE("parse_date refuses malformed text") {
    for (const char* bad :
         {"", " today", "today ", "2026-02-30", "2026-02-29", "30d", "+30", "+d", "+0d", "+30x", "+-3d",
          "++3d", "+ 3d", "tod", "now", "2026-1-1", "20261122", "eow", "+10000d"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(parse_date(bad, today, "--end"), UsageError);
    }
    CHECK_THROWS_WITH(parse_date("2026-02-30", today, "--end"),
                      "--end 2026-02-30 is not a valid date (expected YYYY-MM-DD or today, +30d, eom, …)");
    CHECK_THROWS_WITH(parse_date("", today, "--end"),
                      "--end '' is not a valid date (expected YYYY-MM-DD or today, +30d, eom, …)");
    try {
        parse_date("x", today, "--start");
        FAIL("no exception");
    } catch (const Error& e) {
        CHECK(e.status() == exit_usage);
    }
}

TEST_CASE("days_between and add_days") {
    CHECK(days_between(ymd(2026, 1, 1), ymd(2026, 12, 31)) == 364);
    CHECK(days_between(ymd(2024, 1, 1), ymd(2025, 1, 1)) == 366);
    CHECK(days_between(ymd(2026, 3, 1), ymd(2026, 2, 1)) == -28);
    CHECK(days_between(today, today) == 0);
    CHECK(add_days(ymd(2024, 2, 28), 1) == ymd(2024, 2, 29));
    CHECK(add_days(ymd(2026, 1, 1), -1) == ymd(2025, 12, 31));
    CHECK(add_days(ymd(2026, 1, 31), 365) == ymd(2027, 1, 31));
}

TEST_CASE("system_today is a valid date near now") {
    Date now = system_today();
    CHECK(now.ok());
    CHECK(now.year() >= std::chrono::year{2024});
}

TEST_CASE("durations parse and format") {
    auto d = parse_duration("30d", "--within");
    CHECK(d.count == 30);
    CHECK(d.unit == Duration::Unit::day);
    CHECK(parse_duration("6w", "--within").unit == Duration::Unit::week);
    CHECK(parse_duration("3M", "--within").unit == Duration::Unit::month);
    CHECK(parse_duration("1y", "--within").unit == Duration::Unit::year);
    CHECK(parse_duration("9999d", "--within").count == 9999);
    CHECK(format_duration(parse_duration("30d", "x")) == "30d");
    CHECK(format_duration(parse_duration("6W", "x")) == "6w");
    CHECK(format_duration(Duration{3, Duration::Unit::month}) == "3m");
    CHECK(format_duration(Duration{1, Duration::Unit::year}) == "1y");
    for (const char* bad : {"", "d", "0d", "00d", "030d", "-3d", "+3d", "3", "3x", "3 d", " 3d", "3d ",
                            "10000d", "1.5m", "3dd", "3days"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(parse_duration(bad, "--within"), UsageError);
    }
    CHECK_THROWS_WITH(parse_duration("3x", "--within"),
                      "--within 3x is not a valid duration (expected e.g. 30d, 6w, 3m, 1y)");
}

TEST_CASE("add clamps months and years to the month end") {
    using U = Duration::Unit;
    CHECK(add(ymd(2026, 1, 31), {1, U::month}) == ymd(2026, 2, 28));
    CHECK(add(ymd(2024, 1, 31), {1, U::month}) == ymd(2024, 2, 29));
    CHECK(add(ymd(2026, 3, 31), {1, U::month}, -1) == ymd(2026, 2, 28));
    CHECK(add(ymd(2026, 8, 31), {1, U::month}) == ymd(2026, 9, 30));
    CHECK(add(ymd(2026, 11, 30), {3, U::month}) == ymd(2027, 2, 28));
    CHECK(add(ymd(2026, 1, 15), {14, U::month}) == ymd(2027, 3, 15));
    CHECK(add(ymd(2026, 1, 15), {13, U::month}, -1) == ymd(2024, 12, 15));
    CHECK(add(ymd(2024, 2, 29), {1, U::year}) == ymd(2025, 2, 28));
    CHECK(add(ymd(2024, 2, 29), {1, U::year}, -1) == ymd(2023, 2, 28));
    CHECK(add(ymd(2024, 2, 29), {4, U::year}) == ymd(2028, 2, 29));
    CHECK(add(ymd(2026, 12, 25), {2, U::week}) == ymd(2027, 1, 8));
    CHECK(add(ymd(2026, 3, 1), {1, U::day}, -1) == ymd(2026, 2, 28));
}

TEST_CASE("calendar periods") {
    CHECK(period("2026") == "2026-01-01 2026-12-31 2026");
    CHECK(period("2026-Q1") == "2026-01-01 2026-03-31 2026-Q1");
    CHECK(period("2026-Q2") == "2026-04-01 2026-06-30 2026-Q2");
    CHECK(period("2026-Q3") == "2026-07-01 2026-09-30 2026-Q3");
    CHECK(period("2026-q4") == "2026-10-01 2026-12-31 2026-Q4");
    CHECK(period("2026-07") == "2026-07-01 2026-07-31 2026-07");
    CHECK(period("2024-02") == "2024-02-01 2024-02-29 2024-02");
    CHECK(period("2026-02") == "2026-02-01 2026-02-28 2026-02");
    CHECK(period("2026-H1") == "2026-01-01 2026-06-30 2026-H1");
    CHECK(period("2026-h2") == "2026-07-01 2026-12-31 2026-H2");
}

TEST_CASE("keyword periods resolve relative to today") {
    CHECK(period("this-month") == "2026-11-01 2026-11-30 2026-11");
    CHECK(period("last-month") == "2026-10-01 2026-10-31 2026-10");
    CHECK(period("last-month", ymd(2026, 1, 15)) == "2025-12-01 2025-12-31 2025-12");
    CHECK(period("last-month", ymd(2024, 3, 31)) == "2024-02-01 2024-02-29 2024-02");
    CHECK(period("this-quarter") == "2026-10-01 2026-12-31 2026-Q4");
    CHECK(period("last-quarter") == "2026-07-01 2026-09-30 2026-Q3");
    CHECK(period("last-quarter", ymd(2026, 2, 1)) == "2025-10-01 2025-12-31 2025-Q4");
    CHECK(period("Last-Quarter", ymd(2026, 4, 1)) == "2026-01-01 2026-03-31 2026-Q1");
    CHECK(period("this-year") == "2026-01-01 2026-12-31 2026");
    CHECK(period("last-year") == "2025-01-01 2025-12-31 2025");
    CHECK(period("ytd") == "2026-01-01 2026-11-22 2026-01-01..2026-11-22");
    CHECK(period("ytd", ymd(2026, 1, 1)) == "2026-01-01 2026-01-01 2026-01-01..2026-01-01");
}

TEST_CASE("periods refuse malformed text") {
    for (const char* bad : {"", "26", "2026-Q5", "2026-Q0", "2026-H3", "2026-13", "2026-00", "2026-7",
                            "2026Q3", "2026-Q", "2026-07-01", "next-month", "this_month", " 2026", "2026 "}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(parse_period(bad, today, "--period"), UsageError);
    }
    CHECK_THROWS_WITH(parse_period("2026-Q5", today, "--period"),
                      "--period 2026-Q5 is not a valid period (expected e.g. 2026, 2026-Q3, 2026-07, "
                      "2026-H1, last-quarter, ytd)");
}

TEST_CASE("period_between") {
    CHECK(period_text(period_between(ymd(2026, 1, 5), ymd(2026, 2, 1))) ==
          "2026-01-05 2026-02-01 2026-01-05..2026-02-01");
    CHECK(period_between(today, today).label == "2026-11-22..2026-11-22");
    CHECK_THROWS_WITH_AS(period_between(ymd(2026, 2, 1), ymd(2026, 1, 5)),
                         "--to 2026-01-05 is before --from 2026-02-01", UsageError);
}

TEST_CASE("split by ISO week") {
    // 2026-12-28 is a Monday in ISO week 53 of 2026; 2027-01-04 starts week 1 of 2027. The
    // parts are clipped to the period.
    auto parts = split(period_between(*parse_iso_date("2026-12-30"), *parse_iso_date("2027-01-05")), Granularity::week);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].label == "2026-W53");
    CHECK(format_date(parts[0].start) == "2026-12-30");
    CHECK(format_date(parts[0].end) == "2027-01-03");
    CHECK(parts[1].label == "2027-W01");
    CHECK(format_date(parts[1].start) == "2027-01-04");
    CHECK(format_date(parts[1].end) == "2027-01-05");
    // 2026-01-01 is a Thursday: its week is 2026-W01, from Monday 2025-12-29.
    auto first = split(period_between(*parse_iso_date("2026-01-01"), *parse_iso_date("2026-01-01")), Granularity::week);
    CHECK(first.at(0).label == "2026-W01");
}

TEST_CASE("parse_granularity") {
    CHECK(parse_granularity("month", "--by") == Granularity::month);
    CHECK(parse_granularity("quarter", "--by") == Granularity::quarter);
    CHECK(parse_granularity("year", "--by") == Granularity::year);
    CHECK(parse_granularity("week", "--by") == Granularity::week);
    CHECK_THROWS_WITH_AS(parse_granularity("day", "--by"),
                         "--by day is not valid (expected week, month, quarter or year)", UsageError);
    CHECK_THROWS_AS(parse_granularity("", "--by"), UsageError);
    CHECK_THROWS_AS(parse_granularity("months", "--by"), UsageError);
}

TEST_CASE("split a quarter into months") {
    auto parts = split(parse_period("2026-Q3", today, "--period"), Granularity::month);
    REQUIRE(parts.size() == 3);
    CHECK(period_text(parts[0]) == "2026-07-01 2026-07-31 2026-07");
    CHECK(period_text(parts[1]) == "2026-08-01 2026-08-31 2026-08");
    CHECK(period_text(parts[2]) == "2026-09-01 2026-09-30 2026-09");

    auto whole = split(parse_period("2026-Q3", today, "--period"), Granularity::quarter);
    REQUIRE(whole.size() == 1);
    CHECK(period_text(whole[0]) == "2026-07-01 2026-09-30 2026-Q3");
}

TEST_CASE("split a cross-year range clips the ends") {
    Period range = period_between(ymd(2025, 11, 15), ymd(2026, 2, 10));
    auto months = split(range, Granularity::month);
    REQUIRE(months.size() == 4);
    CHECK(period_text(months[0]) == "2025-11-15 2025-11-30 2025-11");
    CHECK(period_text(months[1]) == "2025-12-01 2025-12-31 2025-12");
    CHECK(period_text(months[2]) == "2026-01-01 2026-01-31 2026-01");
    CHECK(period_text(months[3]) == "2026-02-01 2026-02-10 2026-02");

    auto quarters = split(range, Granularity::quarter);
    REQUIRE(quarters.size() == 2);
    CHECK(period_text(quarters[0]) == "2025-11-15 2025-12-31 2025-Q4");
    CHECK(period_text(quarters[1]) == "2026-01-01 2026-02-10 2026-Q1");

    auto years = split(range, Granularity::year);
    REQUIRE(years.size() == 2);
    CHECK(period_text(years[0]) == "2025-11-15 2025-12-31 2025");
    CHECK(period_text(years[1]) == "2026-01-01 2026-02-10 2026");

    auto single = split(period_between(today, today), Granularity::year);
    REQUIRE(single.size() == 1);
    CHECK(period_text(single[0]) == "2026-11-22 2026-11-22 2026");
}

TEST_CASE("timestamps in UTC round-trip") {
    auto ts = parse_timestamp_utc("2026-11-22T10:00:00Z");
    REQUIRE(ts);
    CHECK(ts->time_since_epoch().count() == 1795341600);
    CHECK(format_timestamp_utc(*ts) == "2026-11-22T10:00:00Z");
    CHECK(format_timestamp_utc(Timestamp{}) == "1970-01-01T00:00:00Z");
    CHECK(format_timestamp_utc(Timestamp{std::chrono::seconds{951782399}}) == "2000-02-28T23:59:59Z");
    for (const char* bad : {"", "2026-11-22T10:00:00", "2026-11-22 10:00:00Z", "2026-11-22T10:00Z",
                            "2026-11-22T24:00:00Z", "2026-11-22T10:60:00Z", "2026-11-22T10:00:60Z",
                            "2026-02-30T10:00:00Z", "2026-11-22T10:00:00z", "2026-11-22T10:00:00+01:00"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_timestamp_utc(bad));
    }
}

TEST_CASE("local timestamps honour TZ in summer and winter") {
    ScopedTz tz("Europe/Berlin");
    auto utc = [](std::string_view text) {
        return format_timestamp_utc(parse_timestamp(text, today, "--at"));
    };
    CHECK(utc("2026-07-01T12:00") == "2026-07-01T10:00:00Z");
    CHECK(utc("2026-07-01 12:00") == "2026-07-01T10:00:00Z");
    CHECK(utc("2026-07-01T12:00:30") == "2026-07-01T10:00:30Z");
    CHECK(utc("2026-11-22T11:00") == "2026-11-22T10:00:00Z");
    CHECK(utc("2026-01-01 00:30:59") == "2025-12-31T23:30:59Z");
    CHECK(utc("2026-11-22") == "2026-11-21T23:00:00Z");
    CHECK(utc("today") == "2026-11-21T23:00:00Z");
    CHECK(utc("+1d") == "2026-11-22T23:00:00Z");
    CHECK(utc("2026-07-01") == "2026-06-30T22:00:00Z");

    auto ts = *parse_timestamp_utc("2026-11-22T10:00:00Z");
    CHECK(format_timestamp_local(ts) == "2026-11-22 11:00");
    CHECK(format_timestamp_local(*parse_timestamp_utc("2026-07-01T10:00:59Z")) == "2026-07-01 12:00");
    CHECK(format_timestamp_local(*parse_timestamp_utc("2026-12-31T23:30:00Z")) == "2027-01-01 00:30");
}

TEST_CASE("local timestamps in UTC zone") {
    ScopedTz tz("UTC");
    CHECK(format_timestamp_utc(parse_timestamp("2026-07-01T12:00", today, "--at")) == "2026-07-01T12:00:00Z");
    CHECK(format_timestamp_local(*parse_timestamp_utc("2026-07-01T12:34:56Z")) == "2026-07-01 12:34");
}

TEST_CASE("parse_timestamp refuses malformed text") {
    for (const char* bad :
         {"", "2026-07-01T24:00", "2026-07-01T12:60", "2026-07-01T12:00:60", "2026-07-01T1:00",
          "2026-07-01T12", "2026-07-01T12:00Z", "2026-07-01X12:00", "2026-02-30T12:00",
          "2026-07-01T12:00:00:00", "2026-07-01T12-00", " 2026-07-01", "later"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(parse_timestamp(bad, today, "--at"), UsageError);
    }
    CHECK_THROWS_WITH(parse_timestamp("2026-07-01T25:00", today, "--at"),
                      "--at 2026-07-01T25:00 is not a valid time (expected YYYY-MM-DD[THH:MM[:SS]])");
    CHECK_THROWS_WITH(parse_timestamp("", today, "--at"),
                      "--at '' is not a valid time (expected YYYY-MM-DD[THH:MM[:SS]])");
}

TEST_CASE("system_now is whole seconds") {
    Timestamp now = system_now();
    CHECK(now.time_since_epoch().count() > 1700000000);
    CHECK(parse_timestamp_utc(format_timestamp_utc(now)) == now);
}

// Found by fuzz_date's round-trip check (on the seed +9999y): a relative date could leave the years
// YYYY-MM-DD can write (today +9999y is year 12025), and such a date, once stored, could not be read back.
TEST_CASE("relative dates stay within the years 0001 to 9999") {
    CHECK(date("+7973y") == "9999-11-22");
    CHECK_THROWS_AS(parse_date("+7974y", today, "--end"), UsageError);
    CHECK_THROWS_AS(parse_date("-2026y", today, "--end"), UsageError);
    CHECK(date("-2025y") == "0001-11-22");
    CHECK_THROWS_AS(parse_date("0000-01-01", today, "--end"), UsageError);
    CHECK(date("0001-01-01") == "0001-01-01");
    CHECK_THROWS_AS(parse_period("0000", today, "--period"), UsageError);
    CHECK_THROWS_AS(parse_period("last-year", ymd(1, 6, 1), "--period"), UsageError);
    CHECK_THROWS_AS(parse_timestamp("+9999y", today, "--at"), UsageError);
    CHECK(date("eoy", ymd(9999, 12, 31)) == "9999-12-31");
}

TEST_CASE("date arithmetic checked against 0001-01-01 to 9999-12-31") {
    CHECK(in_date_range(ymd(1, 1, 1)));
    CHECK(in_date_range(ymd(9999, 12, 31)));
    CHECK_FALSE(in_date_range(ymd(10000, 1, 1)));
    CHECK_FALSE(in_date_range(ymd(0, 12, 31)));
    CHECK(try_add(ymd(9999, 12, 30), Duration{1, Duration::Unit::day}) == ymd(9999, 12, 31));
    CHECK_FALSE(try_add(ymd(9999, 12, 31), Duration{1, Duration::Unit::day}));
    CHECK_FALSE(try_add(ymd(2026, 12, 31), Duration{9999, Duration::Unit::year}, -1));
    CHECK(add_checked(today, Duration{90, Duration::Unit::day}, +1, "--within 90d") == ymd(2027, 2, 20));
    CHECK_THROWS_WITH_AS(add_checked(today, Duration{7975, Duration::Unit::year}, +1, "--within 7975y"),
                         "--within 7975y reaches past 9999-12-31 from 2026-11-22 (dates run from 0001-01-01 to "
                         "9999-12-31)",
                         UsageError);
    CHECK_THROWS_WITH(add_checked(today, Duration{2026, Duration::Unit::year}, -1, "--since 2026y"),
                      "--since 2026y reaches before 0001-01-01 from 2026-11-22 (dates run from 0001-01-01 to "
                      "9999-12-31)");
}
