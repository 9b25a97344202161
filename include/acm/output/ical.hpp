#pragma once
// iCalendar (RFC 5545) output: all-day events with stable UIDs, so that importing the
// file again updates the events instead of duplicating them.
#include <ostream>
#include <string>
#include <vector>

#include "acm/core/date.hpp"

namespace acm {

struct CalendarEvent {
    std::string uid;  // stable and globally unique
    Date date;        // all-day event
    std::string summary;
    std::string description;
};

// A VCALENDAR with one VEVENT per event; CRLF line ends, lines folded at 75 octets.
void write_icalendar(std::ostream& out, const std::vector<CalendarEvent>& events, Timestamp stamp);

// TEXT value escaping: backslash, semicolon, comma and newline; other control characters dropped.
std::string ical_text(std::string_view text);

}  // namespace acm
