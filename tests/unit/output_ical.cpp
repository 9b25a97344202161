#include <doctest/doctest.h>

#include <sstream>

#include "acm/output/ical.hpp"

using namespace acm;
using namespace std::chrono;

TEST_CASE("ical_text escapes the TEXT specials and drops control characters") {
    CHECK(ical_text("a,b;c\\d") == "a\\,b\\;c\\\\d");
    CHECK(ical_text("line\nbreak") == "line\\nbreak");
    CHECK(ical_text("esc\x1b[31m\r") == "esc[31m");
    CHECK(ical_text("Müller\tGmbH") == "Müller\tGmbH");
}

TEST_CASE("write_icalendar: all-day events, CRLF, folded lines") {
    std::ostringstream out;
    CalendarEvent event{"renewal-1-due-abc@acm", 2026y / 12 / 31, "Renewal due: " + std::string(80, 'x'), ""};
    write_icalendar(out, {event}, sys_days{2026y / 11 / 23} + 10h);
    std::string text = out.str();
    CHECK(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    CHECK(text.find("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n") != std::string::npos);
    CHECK(text.find("DTSTAMP:20261123T100000Z\r\n") != std::string::npos);
    CHECK(text.find("DESCRIPTION") == std::string::npos);  // no empty description
    CHECK(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    // Every physical line is at most 75 octets; a continuation starts with a space.
    std::istringstream lines(text);
    std::string line, unfolded;
    while (std::getline(lines, line)) {
        CHECK(line.back() == '\r');
        line.pop_back();
        CHECK(line.size() <= 75);
        if (line.starts_with(" ")) unfolded += line.substr(1);
        else unfolded += "\n" + line;
    }
    CHECK(unfolded.find("\nSUMMARY:Renewal due: " + std::string(80, 'x') + "\n") != std::string::npos);
}

TEST_CASE("folding never splits a UTF-8 sequence") {
    std::ostringstream out;
    std::string name;
    for (int i = 0; i < 60; ++i) name += "ü";  // 2 octets each
    write_icalendar(out, {{"u", 2026y / 1 / 1, name, ""}}, sys_days{2026y / 1 / 1});
    std::istringstream lines(out.str());
    std::string line;
    while (std::getline(lines, line)) {
        line.pop_back();
        if (line.empty()) continue;
        auto first = static_cast<unsigned char>(line[line.starts_with(" ") ? 1 : 0]);
        CHECK((first & 0xC0) != 0x80);  // no line starts inside a sequence
    }
}
