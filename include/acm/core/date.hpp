#pragma once
// Calendar dates, durations, periods and timestamps: the one parser for every
// date-like value on the command line, in CSV imports and in reports (acm(1), VALUES).
//
// Every parse function takes `field`, the flag or column the text came from
// (e.g. "--end"), and throws UsageError with a one-line message naming it, the value and what is expected:
//   --end 2026-02-30 is not a valid date (expected YYYY-MM-DD or today, +30d, eom, …)
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acm {

using Date = std::chrono::year_month_day;
using Timestamp = std::chrono::sys_seconds;  // always UTC

// Dates -----------------------------------------------------------------------

// YYYY-MM-DD, today, yesterday, tomorrow, +30d/-2w/+3m/+1y (relative to `today`),
// eom/eoq/eoy, som/soq/soy. Impossible dates (2026-02-30) are refused.
Date parse_date(std::string_view text, Date today, std::string_view field);
// Strict YYYY-MM-DD only; nullopt when not a valid calendar date.
std::optional<Date> parse_iso_date(std::string_view text);
std::string format_date(Date date);  // YYYY-MM-DD

// Days from `from` to `to` (negative when `to` is earlier).
int days_between(Date from, Date to);
Date add_days(Date date, int days);

// The local calendar date of the system clock.
Date system_today();

// Durations -------------------------------------------------------------------

struct Duration {
    enum class Unit { day, week, month, year };
    int count = 0;  // > 0
    Unit unit = Unit::day;
};

// 30d, 6w, 3m, 1y (count > 0). Error: "--within 3x is not a valid duration (expected e.g. 30d, 6w, 3m, 1y)".
Duration parse_duration(std::string_view text, std::string_view field);
std::string format_duration(Duration duration);  // "30d"
// date + sign*duration; months and years clamp to the month's last day (Jan 31 + 1m = Feb 28).
// The result may leave the dates acm accepts: use try_add or add_checked for what is stored,
// compared or shown.
Date add(Date date, Duration duration, int sign = +1);
// The dates acm stores and reads back: 0001-01-01 … 9999-12-31 (acm(1), VALUES).
bool in_date_range(Date date);
// add(), or nullopt when the result leaves 0001-01-01 … 9999-12-31.
std::optional<Date> try_add(Date date, Duration duration, int sign = +1);
// add(), or UsageError naming `given`, what the user typed ("--within 7975y"):
//   "--within 7975y reaches past 9999-12-31 from 2026-11-22 (dates run from 0001-01-01 to 9999-12-31)"
Date add_checked(Date date, Duration duration, int sign, std::string_view given);
// The last day of a window flag such as --within 90d: today + the duration, checked.
Date window_end(Date today, std::string_view text, std::string_view field);

// Periods ---------------------------------------------------------------------

struct Period {
    Date start;         // first day
    Date end;           // last day, inclusive
    std::string label;  // "2026-Q3", "2026-07", "2026", "2026-H1", or "2026-01-05..2026-02-01"
};

enum class Granularity { week, month, quarter, year };

// 2026, 2026-Q3, 2026-07, 2026-H1, last-quarter, this-quarter, last-month, this-month,
// last-year, this-year, ytd (relative to `today`).
Period parse_period(std::string_view text, Date today, std::string_view field);
// --from/--to; throws UsageError when to < from.
Period period_between(Date from, Date to);
// "week", "month", "quarter", "year" (field names the flag, e.g. "--by").
Granularity parse_granularity(std::string_view text, std::string_view field);
// The calendar months/quarters/years that overlap `period`, each clipped to it, in order;
// labelled like parse_period's labels ("2026-07", "2026-Q3", "2026"). Weeks are ISO weeks,
// Monday to Sunday, labelled by ISO year and number ("2026-W47").
std::vector<Period> split(const Period& period, Granularity by);

// Timestamps ------------------------------------------------------------------

// YYYY-MM-DD[THH:MM[:SS]] (also with a space instead of T) in local time, or any
// parse_date form (meaning local midnight), converted to UTC.
Timestamp parse_timestamp(std::string_view text, Date today, std::string_view field);
std::string format_timestamp_utc(Timestamp ts);    // 2026-11-22T10:00:00Z
std::string format_timestamp_local(Timestamp ts);  // 2026-11-22 11:00 (local time)
std::optional<Timestamp> parse_timestamp_utc(std::string_view text);  // inverse of format_timestamp_utc
Timestamp system_now();

}  // namespace acm
