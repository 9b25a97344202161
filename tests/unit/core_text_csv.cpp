#include <doctest/doctest.h>

#include <sstream>

#include "acm/core/csv.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"

using namespace acm;

static std::vector<std::vector<std::string>> read_all(const std::string& text, std::vector<int>* lines = nullptr) {
    std::istringstream in(text);
    CsvReader reader(in);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> fields;
    while (reader.next(fields)) {
        rows.push_back(fields);
        if (lines) lines->push_back(reader.line());
    }
    return rows;
}

TEST_CASE("csv reader handles quotes and newlines") {
    std::vector<int> lines;
    auto rows = read_all("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\n", &lines);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == std::vector<std::string>{"a", "b", "c"});
    CHECK(rows[1] == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
    CHECK(rows[2] == std::vector<std::string>{"last", "", ""});
    CHECK(lines == std::vector<int>{1, 2, 5});
}

TEST_CASE("csv reader skips a BOM and reads a last line without newline") {
    auto rows = read_all("\xef\xbb\xbfname\nAcme");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][0] == "name");
    CHECK(rows[1][0] == "Acme");
    CHECK(read_all("").empty());
    CHECK(read_all("\n\n").empty());
}

TEST_CASE("csv reader errors") {
    CHECK_THROWS_WITH_AS(read_all("a\n\"open\n"), "line 2: unterminated quoted field", UsageError);
    CHECK_THROWS_WITH_AS(read_all("\"a\"b,c\n"), "line 1: unexpected text after a closing quote", UsageError);
}

TEST_CASE("parse_choice lists the valid values") {
    CHECK(parse_choice("high", {"low", "medium", "high"}, "--risk") == "high");
    CHECK_THROWS_WITH_AS(parse_choice("huge", {"low", "medium", "high"}, "--risk"),
                         "--risk huge is not valid (expected low, medium or high)", UsageError);
    CHECK_THROWS_WITH_AS(parse_choice("", {"a", "b"}, "--x"), "--x '' is not valid (expected a or b)", UsageError);
}

TEST_CASE("parse_id and parse_integer") {
    CHECK(parse_id("42", "ID") == 42);
    for (const char* bad : {"0", "-1", "abc", "", "1.5", "99999999999999999999"})
        CHECK_THROWS_AS(parse_id(bad, "ID"), UsageError);
    CHECK(parse_integer("7", 1, 7, "--ces") == 7);
    CHECK_THROWS_WITH_AS(parse_integer("8", 1, 7, "--ces"),
                         "--ces 8 is not a valid number (expected a whole number from 1 to 7)", UsageError);
}

TEST_CASE("checked_text") {
    CHECK(checked_text("  Acme  ", "NAME") == "Acme");
    CHECK_THROWS_WITH_AS(checked_text("   ", "NAME"), "NAME must not be empty", UsageError);
    CHECK_THROWS_WITH_AS(checked_text("\xff", "NAME"), "NAME is not valid UTF-8 text", UsageError);
    CHECK(checked_text("a\x1b[31m", "NAME") == "a\x1b[31m");  // kept as data; renderers escape it
    CHECK_THROWS_AS(checked_text(std::string(11, 'x'), "NAME", 10), UsageError);
    CHECK(checked_text("Müller\tGmbH", "NAME") == "Müller\tGmbH");
}

TEST_CASE("utf8 validation") {
    CHECK(is_valid_utf8("plain"));
    CHECK(is_valid_utf8("Müller 株式会社 😀"));
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
    CHECK_FALSE(is_valid_utf8("\xe2\x82"));          // truncated
    CHECK_FALSE(is_valid_utf8("\xf5\x80\x80\x80"));  // past U+10FFFF
}

TEST_CASE("quoted and edit_distance") {
    CHECK(quote_value("acme") == "acme");
    CHECK(quote_value("") == "''");
    CHECK(quote_value("Acme Corp") == "'Acme Corp'");
    CHECK(quote_value("it's") == "'it'\\''s'");
    CHECK(edit_distance("acme-crop", "acme-corp") == 2);
    CHECK(edit_distance("", "abc") == 3);
}

// Found while writing fuzz_csv (reading the BOM code): the first three bytes of a file that
// only began like a BOM were all taken as text, so that a delimiter, quote or newline among them lost its
// meaning.
TEST_CASE("csv reader keeps a partial BOM's following bytes as CSV") {
    auto rows = read_all("\xef,b\nc,d\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == std::vector<std::string>{"\xef", "b"});
    CHECK(rows[1] == std::vector<std::string>{"c", "d"});
    rows = read_all("\xef\xbb\nx");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == std::vector<std::string>{"\xef\xbb"});
    CHECK(read_all("\xef\xbb\xbf\"a,b\",c\n") == std::vector<std::vector<std::string>>{{"a,b", "c"}});
}

// Found by fuzz_csv: a lone CR ended a record but not a line, so that every record of a file
// with CR line ends was reported as line 1.
TEST_CASE("csv reader counts lines ended by a lone CR") {
    std::vector<int> lines;
    auto rows = read_all("a,b\rc,d\r\re,f", &lines);
    CHECK(rows == std::vector<std::vector<std::string>>{{"a", "b"}, {"c", "d"}, {"e", "f"}});
    CHECK(lines == std::vector<int>{1, 2, 4});
    CHECK_THROWS_WITH_AS(read_all("a\r\"open\r"), "line 2: unterminated quoted field", UsageError);
}
