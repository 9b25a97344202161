// RFC 5545 writer for all-day events.
#include "acm/output/ical.hpp"

#include <chrono>

#include <fmt/format.h>

namespace acm {

std::string ical_text(std::string_view text) {
    std::string result;
    for (char c : text) {
        switch (c) {
            case '\\': result += "\\\\"; break;
            case ';': result += "\\;"; break;
            case ',': result += "\\,"; break;
            case '\n': result += "\\n"; break;
            default:
                // TEXT may not hold control characters other than HTAB (RFC 5545 §3.3.11).
                if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) result += c;
                else if (c == '\t') result += c;
        }
    }
    return result;
}

// Writes one content line, folded so that no physical line exceeds 75 octets, never
// inside a UTF-8 sequence (RFC 5545 §3.1).
static void write_line(std::ostream& out, std::string_view line) {
    std::size_t limit = 75;
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out << line.substr(0, cut) << "\r\n ";
        line.remove_prefix(cut);
        limit = 74;  // the leading space of a continuation line counts
    }
    out << line << "\r\n";
}

static std::string ical_date(Date date) {
    return fmt::format("{:04}{:02}{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()));
}

void write_icalendar(std::ostream& out, const std::vector<CalendarEvent>& events, Timestamp stamp) {
    std::string utc = format_timestamp_utc(stamp);  // 2026-11-22T10:00:00Z → 20261122T100000Z
    std::string dtstamp;
    for (char c : utc)
        if (c != '-' && c != ':') dtstamp += c;
    write_line(out, "BEGIN:VCALENDAR");
    write_line(out, "VERSION:2.0");
    write_line(out, "PRODID:-//acm//renewals//EN");
    write_line(out, "CALSCALE:GREGORIAN");
    for (const auto& event : events) {
        write_line(out, "BEGIN:VEVENT");
        write_line(out, "UID:" + ical_text(event.uid));
        write_line(out, "DTSTAMP:" + dtstamp);
        write_line(out, "DTSTART;VALUE=DATE:" + ical_date(event.date));
        write_line(out, "DTEND;VALUE=DATE:" + ical_date(add_days(event.date, 1)));
        write_line(out, "SUMMARY:" + ical_text(event.summary));
        if (!event.description.empty()) write_line(out, "DESCRIPTION:" + ical_text(event.description));
        write_line(out, "TRANSP:TRANSPARENT");
        write_line(out, "END:VEVENT");
    }
    write_line(out, "END:VCALENDAR");
}

}  // namespace acm
