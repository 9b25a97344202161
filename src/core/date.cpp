#include "acm/core/date.hpp"

#include <fmt/format.h>

#include <ctime>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"

namespace acm {

using namespace std::chrono;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The value of text[pos, pos+n) when it is all digits, else -1.
int digits_at(std::string_view text, std::size_t pos, std::size_t n) {
    if (pos + n > text.size()) return -1;
    int value = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!is_digit(text[i])) return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

Date last_day(year y, month m) { return year_month_day{year_month_day_last{y, month_day_last{m}}}; }

int quarter_of(Date date) { return (static_cast<int>(static_cast<unsigned>(date.month())) - 1) / 3 + 1; }

Period month_period(year y, month m) {
    return {year_month_day{y, m, day{1}}, last_day(y, m),
            fmt::format("{:04}-{:02}", static_cast<int>(y), static_cast<unsigned>(m))};
}

Period quarter_period(year y, int q) {
    month first{static_cast<unsigned>(3 * q - 2)};
    month last{static_cast<unsigned>(3 * q)};
    return {year_month_day{y, first, day{1}}, last_day(y, last),
            fmt::format("{:04}-Q{}", static_cast<int>(y), q)};
}

Period half_period(year y, int h) {
    month first{static_cast<unsigned>(6 * h - 5)};
    month last{static_cast<unsigned>(6 * h)};
    return {year_month_day{y, first, day{1}}, last_day(y, last),
            fmt::format("{:04}-H{}", static_cast<int>(y), h)};
}

Period year_period(year y) {
    return {year_month_day{y, January, day{1}}, year_month_day{y, December, day{31}},
            fmt::format("{:04}", static_cast<int>(y))};
}

// The count and unit of "30d"/"6w"/"3m"/"1y": 1..9999 without sign or leading zero, so that
// a typo like "0d" or "-3m" in a duration flag is refused rather than silently meaning something.
std::optional<Duration> try_parse_duration(std::string_view text) {
    if (text.size() < 2 || text.size() > 5 || text[0] == '0') return std::nullopt;
    int count = digits_at(text, 0, text.size() - 1);
    if (count <= 0) return std::nullopt;
    switch (text.back()) {
        case 'd':
        case 'D':
            return Duration{count, Duration::Unit::day};
        case 'w':
        case 'W':
            return Duration{count, Duration::Unit::week};
        case 'm':
        case 'M':
            return Duration{count, Duration::Unit::month};
        case 'y':
        case 'Y':
            return Duration{count, Duration::Unit::year};
        default:
            return std::nullopt;
    }
}

// Every parse_date form without the error, so that parse_timestamp can report its own message.
// Relative forms may not leave the years 0001..9999: a date is stored as YYYY-MM-DD text and
// must read back (today +9999y would be year 12025, which no reader accepts).
std::optional<Date> try_parse_relative_date(std::string_view text, Date today);
std::optional<Date> try_parse_date(std::string_view text, Date today) {
    auto date = try_parse_relative_date(text, today);
    if (date && !in_date_range(*date)) return std::nullopt;
    return date;
}

std::optional<Date> try_parse_relative_date(std::string_view text, Date today) {
    if (auto iso = parse_iso_date(text)) return iso;
    std::string word = lowercase(text);
    if (word == "today") return today;
    if (word == "yesterday") return add_days(today, -1);
    if (word == "tomorrow") return add_days(today, 1);
    if (word == "som") return month_period(today.year(), today.month()).start;
    if (word == "eom") return month_period(today.year(), today.month()).end;
    if (word == "soq") return quarter_period(today.year(), quarter_of(today)).start;
    if (word == "eoq") return quarter_period(today.year(), quarter_of(today)).end;
    if (word == "soy") return year_period(today.year()).start;
    if (word == "eoy") return year_period(today.year()).end;
    if (!word.empty() && (word[0] == '+' || word[0] == '-')) {
        if (auto duration = try_parse_duration(std::string_view(word).substr(1)))
            return add(today, *duration, word[0] == '+' ? +1 : -1);
    }
    return std::nullopt;
}

std::optional<Period> try_parse_period(std::string_view text, Date today) {
    std::string word = lowercase(text);
    year y = today.year();
    if (word == "this-month") return month_period(y, today.month());
    if (word == "last-month") {
        year_month previous = year_month{y, today.month()} - months{1};
        return month_period(previous.year(), previous.month());
    }
    if (word == "this-quarter") return quarter_period(y, quarter_of(today));
    if (word == "last-quarter") {
        int q = quarter_of(today);
        return q == 1 ? quarter_period(y - years{1}, 4) : quarter_period(y, q - 1);
    }
    if (word == "this-year") return year_period(y);
    if (word == "last-year") return year_period(y - years{1});
    if (word == "ytd") return period_between(year_period(y).start, today);

    int number = digits_at(word, 0, 4);
    if (number < 0) return std::nullopt;
    year given{number};
    if (word.size() == 4) return year_period(given);
    if (word.size() != 7 || word[4] != '-') return std::nullopt;
    if (word[5] == 'q' && word[6] >= '1' && word[6] <= '4') return quarter_period(given, word[6] - '0');
    if (word[5] == 'h' && (word[6] == '1' || word[6] == '2')) return half_period(given, word[6] - '0');
    int m = digits_at(word, 5, 2);
    if (m >= 1 && m <= 12) return month_period(given, month{static_cast<unsigned>(m)});
    return std::nullopt;
}

// Local wall-clock time to UTC through the C library, which honours TZ (libstdc++ 12 has no
// chrono time zone database). tm_isdst = -1 lets mktime decide whether DST applies.
Timestamp local_to_utc(Date date, int hour, int minute, int second) {
    std::tm tm{};
    tm.tm_year = static_cast<int>(date.year()) - 1900;
    tm.tm_mon = static_cast<int>(static_cast<unsigned>(date.month())) - 1;
    tm.tm_mday = static_cast<int>(static_cast<unsigned>(date.day()));
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    tm.tm_isdst = -1;
    return Timestamp{seconds{std::mktime(&tm)}};
}

}  // namespace

// Dates -----------------------------------------------------------------------

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int y = digits_at(text, 0, 4), m = digits_at(text, 5, 2), d = digits_at(text, 8, 2);
    if (y < 1 || m < 0 || d < 0) return std::nullopt;  // year 0000 is not a calendar year
    Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

Date parse_date(std::string_view text, Date today, std::string_view field) {
    if (auto date = try_parse_date(text, today)) return *date;
    throw UsageError(fmt::format("{} {} is not a valid date (expected YYYY-MM-DD or today, +30d, eom, …)",
                                 field, quote_value(text)));
}

std::string format_date(Date date) {
    int year = static_cast<int>(date.year());
    if (year < 0 || year > 9999)  // not a date acm accepts; shown as it is
        return fmt::format("{:04}-{:02}-{:02}", year, static_cast<unsigned>(date.month()),
                           static_cast<unsigned>(date.day()));
    // By hand: a million-row import or export formats a million dates.
    unsigned month = static_cast<unsigned>(date.month()), day = static_cast<unsigned>(date.day());
    char text[10] = {static_cast<char>('0' + year / 1000),     static_cast<char>('0' + year / 100 % 10),
                     static_cast<char>('0' + year / 10 % 10),  static_cast<char>('0' + year % 10),
                     '-',
                     static_cast<char>('0' + month / 10 % 10), static_cast<char>('0' + month % 10),
                     '-',
                     static_cast<char>('0' + day / 10 % 10),   static_cast<char>('0' + day % 10)};
    return std::string(text, sizeof text);
}

int days_between(Date from, Date to) { return static_cast<int>((sys_days{to} - sys_days{from}).count()); }

Date add_days(Date date, int days) { return Date{sys_days{date} + std::chrono::days{days}}; }

Date system_today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return Date{year{tm.tm_year + 1900}, month{static_cast<unsigned>(tm.tm_mon + 1)},
                day{static_cast<unsigned>(tm.tm_mday)}};
}

// Durations -------------------------------------------------------------------

Duration parse_duration(std::string_view text, std::string_view field) {
    if (auto duration = try_parse_duration(text)) return *duration;
    throw UsageError(fmt::format("{} {} is not a valid duration (expected e.g. 30d, 6w, 3m, 1y)", field,
                                 quote_value(text)));
}

std::string format_duration(Duration duration) {
    static constexpr char units[] = {'d', 'w', 'm', 'y'};
    return fmt::format("{}{}", duration.count, units[static_cast<int>(duration.unit)]);
}

Date add(Date date, Duration duration, int sign) {
    int n = sign * duration.count;
    switch (duration.unit) {
        case Duration::Unit::day:
            return add_days(date, n);
        case Duration::Unit::week:
            return add_days(date, 7 * n);
        case Duration::Unit::month:
        case Duration::Unit::year: {
            int total = duration.unit == Duration::Unit::year ? 12 * n : n;
            year_month ym = year_month{date.year(), date.month()} + months{total};
            // Clamp: Jan 31 + 1m is Feb 28 (or 29), Feb 29 + 1y is Feb 28.
            Date end = last_day(ym.year(), ym.month());
            return date.day() > end.day() ? end : Date{ym.year(), ym.month(), date.day()};
        }
    }
    return date;
}

bool in_date_range(Date date) { return date.year() >= year{1} && date.year() <= year{9999}; }

std::optional<Date> try_add(Date date, Duration duration, int sign) {
    // Counts are at most 9999 (years): the result stays far inside chrono's year range.
    Date result = add(date, duration, sign);
    if (!in_date_range(result)) return std::nullopt;
    return result;
}

Date add_checked(Date date, Duration duration, int sign, std::string_view given) {
    if (auto result = try_add(date, duration, sign)) return *result;
    throw UsageError(fmt::format("{} reaches {} from {} (dates run from 0001-01-01 to 9999-12-31)", given,
                                 sign > 0 ? "past 9999-12-31" : "before 0001-01-01", format_date(date)));
}

Date window_end(Date today, std::string_view text, std::string_view field) {
    return add_checked(today, parse_duration(text, field), +1, fmt::format("{} {}", field, text));
}

// Periods ---------------------------------------------------------------------

Period parse_period(std::string_view text, Date today, std::string_view field) {
    // "0000" or last-year in the year 1 would start before 0001-01-01.
    if (auto period = try_parse_period(text, today); period && in_date_range(period->start)) return *period;
    throw UsageError(fmt::format(
        "{} {} is not a valid period (expected e.g. 2026, 2026-Q3, 2026-07, 2026-H1, last-quarter, ytd)",
        field, quote_value(text)));
}

Period period_between(Date from, Date to) {
    if (sys_days{to} < sys_days{from})
        throw UsageError(fmt::format("--to {} is before --from {}", format_date(to), format_date(from)));
    return {from, to, fmt::format("{}..{}", format_date(from), format_date(to))};
}

Granularity parse_granularity(std::string_view text, std::string_view field) {
    if (text == "week") return Granularity::week;
    if (text == "month") return Granularity::month;
    if (text == "quarter") return Granularity::quarter;
    if (text == "year") return Granularity::year;
    throw UsageError(
        fmt::format("{} {} is not valid (expected week, month, quarter or year)", field, quote_value(text)));
}

// The ISO week of `date`: Monday to Sunday, numbered in the year of its Thursday.
static Period week_period(Date date) {
    Date monday = add_days(date, -static_cast<int>(weekday{sys_days{date}}.iso_encoding() - 1));
    Date thursday = add_days(monday, 3);
    int week = days_between(year_month_day{thursday.year(), January, day{1}}, thursday) / 7 + 1;
    return {monday, add_days(monday, 6), fmt::format("{:04}-W{:02}", static_cast<int>(thursday.year()), week)};
}

std::vector<Period> split(const Period& period, Granularity by) {
    std::vector<Period> parts;
    for (Date cursor = period.start; sys_days{cursor} <= sys_days{period.end};) {
        Period part = by == Granularity::week      ? week_period(cursor)
                      : by == Granularity::month   ? month_period(cursor.year(), cursor.month())
                      : by == Granularity::quarter ? quarter_period(cursor.year(), quarter_of(cursor))
                                                   : year_period(cursor.year());
        Date next = add_days(part.end, 1);
        if (sys_days{part.start} < sys_days{period.start}) part.start = period.start;
        if (sys_days{part.end} > sys_days{period.end}) part.end = period.end;
        parts.push_back(std::move(part));
        cursor = next;
    }
    return parts;
}

// Timestamps ------------------------------------------------------------------

Timestamp parse_timestamp(std::string_view text, Date today, std::string_view field) {
    if (text.size() == 16 || text.size() == 19) {
        auto date = parse_iso_date(text.substr(0, 10));
        char sep = text[10];
        int hour = digits_at(text, 11, 2), minute = digits_at(text, 14, 2);
        int second = text.size() == 19 ? digits_at(text, 17, 2) : 0;
        bool separators = (sep == 'T' || sep == 't' || sep == ' ') && text[13] == ':' &&
                          (text.size() == 16 || text[16] == ':');
        if (date && separators && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 &&
            second <= 59)
            return local_to_utc(*date, hour, minute, second);
    } else if (auto date = try_parse_date(text, today)) {
        return local_to_utc(*date, 0, 0, 0);
    }
    throw UsageError(fmt::format("{} {} is not a valid time (expected YYYY-MM-DD[THH:MM[:SS]])", field,
                                 quote_value(text)));
}

std::string format_timestamp_utc(Timestamp ts) {
    sys_days day_point = floor<days>(ts);
    Date date{day_point};
    hh_mm_ss<seconds> time{ts - day_point};
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(date), time.hours().count(),
                       time.minutes().count(), time.seconds().count());
}

std::string format_timestamp_local(Timestamp ts) {
    // Through localtime_r rather than fmt's chrono support, whose time zone handling differs between
    // fmt versions (fmt 9 formats a time_point in local time, later versions in UTC).
    std::time_t t = static_cast<std::time_t>(ts.time_since_epoch().count());
    std::tm tm{};
    localtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min);
}

std::optional<Timestamp> parse_timestamp_utc(std::string_view text) {
    if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
        return std::nullopt;
    auto date = parse_iso_date(text.substr(0, 10));
    int hour = digits_at(text, 11, 2), minute = digits_at(text, 14, 2), second = digits_at(text, 17, 2);
    if (!date || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
        return std::nullopt;
    return Timestamp{sys_days{*date} + hours{hour} + minutes{minute} + seconds{second}};
}

Timestamp system_now() { return floor<seconds>(system_clock::now()); }

}  // namespace acm
