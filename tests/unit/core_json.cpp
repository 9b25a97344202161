#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

#include "acm/core/json.hpp"

using namespace acm;

namespace {

// The error parse_json gives for `text`, as "line L, column C: REASON"; "" when it parses.
std::string error_of(std::string_view text, JsonLimits limits = {}) {
    try {
        parse_json(text, limits);
    } catch (const JsonError& error) {
        return error.what();
    }
    return "";
}

std::string string_of(std::string_view text) { return std::get<std::string>(parse_json(text).data); }

JsonValue nested(std::size_t depth) {
    return parse_json(std::string(depth, '[') + std::string(depth, ']'));
}

}  // namespace

TEST_CASE("json: valid documents") {
    CHECK(parse_json("null") == JsonValue{nullptr});
    CHECK(parse_json(" true ") == JsonValue{true});
    CHECK(parse_json("\tfalse\r\n") == JsonValue{false});
    CHECK(parse_json("0") == JsonValue{std::int64_t{0}});
    CHECK(parse_json("-0") == JsonValue{std::int64_t{0}});
    CHECK(parse_json("42") == JsonValue{std::int64_t{42}});
    CHECK(parse_json("-7") == JsonValue{std::int64_t{-7}});
    CHECK(parse_json("2.5") == JsonValue{2.5});
    CHECK(parse_json("-0.125e1") == JsonValue{-1.25});
    CHECK(parse_json("1E2") == JsonValue{100.0});
    CHECK(parse_json("1e+2") == JsonValue{100.0});
    CHECK(parse_json("100.0") == JsonValue{100.0});  // a whole real stays a real
    CHECK(parse_json("\"\"") == JsonValue{std::string()});
    CHECK(parse_json("[]") == JsonValue{JsonValue::Array{}});
    CHECK(parse_json("{}") == JsonValue{JsonValue::Object{}});

    JsonValue document = parse_json(R"({"format": "acm-export", "n": [1, 2.5, null, true, {"a": []}], "n": 3})");
    auto& object = std::get<JsonValue::Object>(document.data);
    REQUIRE(object.size() == 3);  // duplicates kept, in order
    CHECK(object[0].key == "format");
    CHECK(*document.find("format") == JsonValue{std::string("acm-export")});
    auto& array = std::get<JsonValue::Array>(document.find("n")->data);  // the first "n"
    REQUIRE(array.size() == 5);
    CHECK(array[0] == JsonValue{std::int64_t{1}});
    CHECK(array[1] == JsonValue{2.5});
    CHECK(array[2] == JsonValue{nullptr});
    CHECK(array[3] == JsonValue{true});
    CHECK(array[4].find("a") != nullptr);
    CHECK(document.find("missing") == nullptr);
    CHECK(array[0].find("a") == nullptr);  // not an object
}

TEST_CASE("json: strings and escapes") {
    CHECK(string_of(R"("plain")") == "plain");
    CHECK(string_of(R"("\" \\ \/ \b \f \n \r \t")") == "\" \\ / \b \f \n \r \t");
    CHECK(string_of(R"("\u0041\u00e9\u20AC")") == "A\xc3\xa9\xe2\x82\xac");  // A é €
    CHECK(string_of(R"("\u0000")") == std::string(1, '\0'));
    CHECK(string_of("\"\xc3\xbc \xe2\x9c\x93 \xf0\x9f\x98\x80\"") == "\xc3\xbc \xe2\x9c\x93 \xf0\x9f\x98\x80");  // raw UTF-8
}

TEST_CASE("json: surrogate pairs") {
    CHECK(string_of(R"("\ud83d\ude00")") == "\xf0\x9f\x98\x80");  // U+1F600
    CHECK(string_of(R"("\uD800\uDC00")") == "\xf0\x90\x80\x80");  // U+10000, the first
    CHECK(string_of(R"("\uDBFF\uDFFF")") == "\xf4\x8f\xbf\xbf");  // U+10FFFF, the last
    std::string lone = "a lone surrogate in a \\u escape (expected \\uD800-\\uDBFF followed by \\uDC00-\\uDFFF)";
    CHECK(error_of(R"("\ud83d")") == "line 1, column 2: " + lone);
    CHECK(error_of(R"("\ud83dx")") == "line 1, column 2: " + lone);
    CHECK(error_of(R"("\ud83d\u0041")") == "line 1, column 2: " + lone);
    CHECK(error_of(R"("ab\ude00")") == "line 1, column 4: " + lone);
    CHECK(error_of(R"("\ud83d\ud83d")") == "line 1, column 2: " + lone);
}

TEST_CASE("json: bad escapes") {
    CHECK(error_of(R"("a\q")") ==
          "line 1, column 3: an invalid escape in a string: 'q' after '\\' (expected one of \" \\ / b f n r t u)");
    CHECK(error_of("\"\\\x01\"") ==
          "line 1, column 2: an invalid escape in a string: byte 0x01 after '\\' (expected one of \" \\ / b f n r t u)");
    CHECK(error_of(R"("\u12")") == "line 1, column 7: an invalid \\u escape (expected 4 hex digits)");
    CHECK(error_of(R"("\u12g4")") == "line 1, column 7: an invalid \\u escape (expected 4 hex digits)");
    CHECK(error_of("\"\\") == "line 1, column 3: the file ends inside a string");
    CHECK(error_of("\"abc") == "line 1, column 5: the file ends inside a string");
    CHECK(error_of("\"a\nb\"") == "line 1, column 3: a control character inside a string (expected it escaped)");
    CHECK(error_of("\"\t\"") == "line 1, column 2: a control character inside a string (expected it escaped)");
}

TEST_CASE("json: bad UTF-8") {
    auto bad = [](std::string byte, std::string column) {
        return "line 1, column " + column + ": a string that is not valid UTF-8 (byte " + byte +
               " begins no UTF-8 character here; expected UTF-8 text)";
    };
    CHECK(error_of("\"ab\xff\"") == bad("0xff", "4"));
    CHECK(error_of("\"\x80\"") == bad("0x80", "2"));              // a continuation byte alone
    CHECK(error_of("\"\xc3\"") == bad("0xc3", "2"));              // cut short by the quote
    CHECK(error_of("\"\xc3") == bad("0xc3", "2"));                // cut short by the end
    CHECK(error_of("\"\xc0\xaf\"") == bad("0xc0", "2"));          // overlong '/'
    CHECK(error_of("\"\xe0\x80\xaf\"") == bad("0xe0", "2"));      // overlong, 3 bytes
    CHECK(error_of("\"\xf0\x80\x80\xaf\"") == bad("0xf0", "2"));  // overlong, 4 bytes
    CHECK(error_of("\"\xed\xa0\x80\"") == bad("0xed", "2"));      // a surrogate, U+D800
    CHECK(error_of("\"\xf4\x90\x80\x80\"") == bad("0xf4", "2"));  // past U+10FFFF
    CHECK(error_of("\"\xf5\x80\x80\x80\"") == bad("0xf5", "2"));
    CHECK(error_of("\"\xe2\x82\"") == bad("0xe2", "2"));
    // Outside a string, a byte that starts no token.
    CHECK(error_of("\xef\xbb\xbf{}") ==
          "line 1, column 1: expected a value (an object, an array, a string, a number, true, false or null), "
          "found byte 0xef");
}

TEST_CASE("json: numbers") {
    constexpr auto max64 = std::numeric_limits<std::int64_t>::max();
    constexpr auto min64 = std::numeric_limits<std::int64_t>::min();
    CHECK(parse_json("9223372036854775807") == JsonValue{max64});
    CHECK(parse_json("-9223372036854775808") == JsonValue{min64});
    CHECK(parse_json("9007199254740993") == JsonValue{std::int64_t{9007199254740993}});  // exact past 2^53
    std::string range = " is out of range (expected an integer from -9223372036854775808 to 9223372036854775807)";
    CHECK(error_of("9223372036854775808") == "line 1, column 1: 9223372036854775808" + range);
    CHECK(error_of("[-9223372036854775809]") == "line 1, column 2: -9223372036854775809" + range);
    CHECK(error_of("123456789012345678901234567890") == "line 1, column 1: 123456789012345678901234567890" + range);
    // Reals beyond a double: infinity, or zero, as acm's export writes and reads an infinite real.
    CHECK(std::get<double>(parse_json("1e999").data) == std::numeric_limits<double>::infinity());
    CHECK(std::get<double>(parse_json("-1e999").data) == -std::numeric_limits<double>::infinity());
    CHECK(std::get<double>(parse_json("1e-999").data) == 0.0);
    CHECK(std::get<double>(parse_json("1.7976931348623157e308").data) == std::numeric_limits<double>::max());
    CHECK(std::get<double>(parse_json("4.9e-324").data) == std::numeric_limits<double>::denorm_min());
    CHECK(std::get<double>(parse_json("0.1").data) == 0.1);
    // A long number is refused before it is held.
    std::string digits(256, '1');
    CHECK(std::holds_alternative<double>(parse_json("0." + std::string(254, '1')).data));
    CHECK(error_of(digits) == "line 1, column 1: " + digits + range);
    CHECK(error_of(digits + "1") == "line 1, column 1: a number longer than 256 characters (expected at most that)");

    std::string invalid = " is not a valid number (expected digits with an optional '-', fraction and exponent, "
                          "e.g. -12, 0.5 or 1e-7)";
    for (std::string bad : {"01", "-", "-01", "1.", ".5", "1e", "1e+", "1.e5", "--1", "1-2", "1.2.3", "1ee2", "0x1"}) {
        CAPTURE(bad);
        std::string text = bad == "0x1" ? "0" : bad;  // "0x1": the number is "0", then 'x'
        if (bad == "0x1") CHECK(error_of(bad) == "line 1, column 2: expected the end of the document, found 'x'");
        else if (bad == ".5") CHECK(error_of(bad).find("expected a value") != std::string::npos);
        else CHECK(error_of(bad) == "line 1, column 1: " + text + invalid);
    }
    CHECK(error_of("+1").find("expected a value") != std::string::npos);
    CHECK(error_of("NaN").find("expected a value") != std::string::npos);
    CHECK(error_of("Infinity").find("expected a value") != std::string::npos);
}

TEST_CASE("json: structure errors with line and column") {
    CHECK(error_of("") ==
          "line 1, column 1: expected a value (an object, an array, a string, a number, true, false or null), "
          "found the end of the file");
    CHECK(error_of("[1, 2") == "line 1, column 6: expected ',', found the end of the file");
    CHECK(error_of("[1 2]") == "line 1, column 4: expected ',', found '2'");
    CHECK(error_of("[1,]") ==
          "line 1, column 4: expected a value (an object, an array, a string, a number, true, false or null), found ']'");
    CHECK(error_of("{\"a\" 1}") == "line 1, column 6: expected ':', found '1'");
    CHECK(error_of("{\"a\": 1,}") == "line 1, column 9: expected '\"', found '}'");
    CHECK(error_of("{a: 1}") == "line 1, column 2: expected '\"', found 'a'");
    CHECK(error_of("{\n  \"a\": 1,\n  \"b\": nul\n}") == "line 3, column 8: expected null");
    CHECK(error_of("tru") == "line 1, column 1: expected true");
    CHECK(error_of("falsy") == "line 1, column 1: expected false");
    CHECK(error_of("{} {}") == "line 1, column 4: expected the end of the document, found '{'");
    CHECK(error_of("[1]\n\n x") == "line 3, column 2: expected the end of the document, found 'x'");
    CHECK(error_of("// comment\n1").find("line 1, column 1: expected a value") == 0);

    try {
        parse_json("[\n  1,\n  @]");
        FAIL("no error");
    } catch (const JsonError& error) {
        CHECK(error.line() == 3);
        CHECK(error.column() == 3);
        CHECK(error.offset() == 9);
        CHECK(error.reason() ==
              "expected a value (an object, an array, a string, a number, true, false or null), found '@'");
        CHECK(error.status() == exit_usage);  // bad input is a usage error
    }
}

TEST_CASE("json: deep nesting is bounded") {
    CHECK_NOTHROW(nested(64));
    std::string too_deep = "line 1, column 65: arrays and objects nested more than 64 deep (expected at most that)";
    CHECK(error_of(std::string(65, '[') + std::string(65, ']')) == too_deep);
    // Far deeper than a stack would take: refused at the limit, never recursed into.
    CHECK(error_of(std::string(1'000'000, '[')) == too_deep);
    CHECK(error_of(std::string(100'000, '{') ) == "line 1, column 2: expected '\"', found '{'");
    std::string objects;
    for (int i = 0; i < 100; ++i) objects += "{\"a\":";
    CHECK(error_of(objects).find("nested more than 64 deep") != std::string::npos);
    CHECK(error_of("[[[1]]]", JsonLimits{.max_depth = 2}) ==
          "line 1, column 3: arrays and objects nested more than 2 deep (expected at most that)");
}

TEST_CASE("json: size limits") {
    JsonLimits small{.max_string_bytes = 4, .max_number_chars = 3, .max_document_bytes = 12};
    CHECK_NOTHROW(parse_json("\"abcd\"", small));
    CHECK(error_of("\"abcde\"", small) == "line 1, column 7: a string longer than 4 bytes (expected at most that)");
    CHECK_NOTHROW(parse_json("123", small));
    CHECK(error_of("1234", small) == "line 1, column 1: a number longer than 3 characters (expected at most that)");
    CHECK_NOTHROW(parse_json("[1,2,3,4,50]", small));  // 12 bytes
    CHECK(error_of("[1,2,3,4,5,6]", small) ==
          "line 1, column 13: the document is longer than 12 bytes (expected at most that)");
    CHECK(error_of("[1,2,3,4,5]        ", small) ==
          "line 1, column 13: the document is longer than 12 bytes (expected at most that)");
}

TEST_CASE("json: the pull reader reads a stream a token at a time") {
    std::istringstream in("{\"rows\": [\n  {\"id\": 1, \"x\": \"a\"},\n  {\"id\": 2}\n]}\n");
    JsonReader reader(in);
    reader.expect('{');
    bool first = true;
    REQUIRE(reader.more('}', first));
    CHECK(reader.string() == "rows");
    reader.expect(':');
    reader.expect('[');
    int rows = 0;
    for (bool first_row = true; reader.more(']', first_row);) {
        JsonValue row = reader.value();
        CHECK(row.find("id") != nullptr);
        CHECK(reader.line() == static_cast<std::size_t>(2 + rows));
        ++rows;
    }
    CHECK(rows == 2);
    CHECK_FALSE(reader.more('}', first));
    reader.expect_end();

    std::istringstream cell("x");
    JsonReader bad(cell);
    CHECK_THROWS_WITH_AS(bad.unexpected("a cell"), "line 1, column 1: expected a cell, found 'x'", JsonError);
    CHECK_THROWS_WITH_AS(bad.fail("no table 'x'"), "line 1, column 1: no table 'x'", JsonError);
    CHECK(JsonReader::describe(-1) == "the end of the file");
    CHECK(JsonReader::describe('a') == "'a'");
    CHECK(JsonReader::describe(0xc3) == "byte 0xc3");
}
