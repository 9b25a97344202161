// libFuzzer target: every date-like parser (dates, durations, periods, timestamps).
// Errors must be acm::Error (a clean usage error); anything else, a crash or a sanitizer
// report is a bug. What parses must format back to text that parses to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "acm/core/date.hpp"
#include "acm/core/error.hpp"

using namespace acm;
using namespace std::chrono;

static void require(bool condition) {
    if (!condition) std::abort();
}

// The value of `parse` applied to the input, or nullopt when it refused it with acm::Error.
template <class Parse>
static auto attempt(Parse parse) -> std::optional<decltype(parse())> {
    try {
        return parse();
    } catch (const Error&) {
        return std::nullopt;
    }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    static const Date today{year{2026}, month{11}, day{22}};

    if (auto date = attempt([&] { return parse_date(text, today, "--date"); })) {
        // Stored as YYYY-MM-DD text: it must read back as the same date.
        require(date->ok() && parse_iso_date(format_date(*date)) == *date);
    }
    if (auto iso = parse_iso_date(text)) require(format_date(*iso) == text);
    if (auto duration = attempt([&] { return parse_duration(text, "--within"); })) {
        require(duration->count > 0);
        auto again = parse_duration(format_duration(*duration), "--within");
        require(again.count == duration->count && again.unit == duration->unit);
        require(add(today, *duration, +1).ok() && add(today, *duration, -1).ok());
    }
    if (auto period = attempt([&] { return parse_period(text, today, "--period"); })) {
        require(period->start.ok() && period->end.ok() && sys_days{period->start} <= sys_days{period->end});
        for (Granularity by : {Granularity::month, Granularity::quarter, Granularity::year}) {
            auto parts = split(*period, by);
            require(!parts.empty() && parts.front().start == period->start &&
                    parts.back().end == period->end);
        }
    }
    if (auto ts = attempt([&] { return parse_timestamp(text, today, "--at"); })) {
        // Stored as UTC text: it must read back as the same instant.
        require(parse_timestamp_utc(format_timestamp_utc(*ts)) == *ts);
        (void)format_timestamp_local(*ts);
    }
    if (auto ts = parse_timestamp_utc(text)) require(format_timestamp_utc(*ts) == text);
    return 0;
}
