// Escaping of untrusted text: terminal, CSV, TSV, JSON.
#include <doctest/doctest.h>

#include <sstream>

#include "acm/output/escape.hpp"
#include "acm/output/render.hpp"
#include "acm/output/row_writer.hpp"

using namespace acm;

namespace {

// One text column through a RowWriter in `format` without header.
std::string one_text_cell(Format format, const std::string& text) {
    std::ostringstream out;
    ListOptions options;
    options.format = format;
    options.header = false;
    RowWriter writer({{"note", Kind::text}}, options, out, Terminal{});
    writer.add({text});
    writer.finish();
    return out.str();
}

}  // namespace

TEST_CASE("visible_text shows control characters instead of sending them") {
    CHECK(visible_text("\x1b[31mred\x1b[0m") == "\\e[31mred\\e[0m");
    CHECK(visible_text("\x1b]0;title\x07") == "\\e]0;title\\x07");
    CHECK(visible_text("a\rb\nc\td") == "a\\rb\\nc\\td");
    CHECK(visible_text(std::string("nul\0", 4)) == "nul\\x00");
    CHECK(visible_text("del\x7f") == "del\\x7f");
    CHECK(visible_text("csi\xc2\x9b"
                       "2J") == "csi\\x9b2J");  // U+009B, the one-byte CSI
    CHECK(visible_text("bad\xff") == "bad\xef\xbf\xbd");
    CHECK(visible_text("café ✓ 😀 back\\slash") == "café ✓ 😀 back\\slash");
}

TEST_CASE("csv_field quotes commas quotes and newlines") {
    CHECK(csv_field("plain", true) == "plain");
    CHECK(csv_field("a,b", true) == "\"a,b\"");
    CHECK(csv_field("say \"hi\"", true) == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines", true) == "\"two\nlines\"");
    CHECK(csv_field("cr\rhere", true) == "\"cr\rhere\"");
    CHECK(csv_field("", true) == "");
}

TEST_CASE("csv_field escapes formulas in text only") {
    CHECK(csv_field("=1+2", true) == "'=1+2");
    CHECK(csv_field("+1", true) == "'+1");
    CHECK(csv_field("-1", true) == "'-1");
    CHECK(csv_field("@SUM(A1)", true) == "'@SUM(A1)");
    CHECK(csv_field("\tx", true) == "'\tx");
    CHECK(csv_field("\rx", true) == "\"'\rx\"");
    CHECK(csv_field("\nx", true) == "\"'\nx\"");
    CHECK(csv_field("=HYPERLINK(\"http://x\",\"y\")", true) == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    CHECK(csv_field("a=b", true) == "a=b");
    CHECK(csv_field("-12.50", false) == "-12.50");
    // A text that begins with ' and then a formula character is guarded too, so that an
    // import, which takes one ' off, gives it back as it was; other ' texts stay as they are.
    CHECK(csv_field("'=x", true) == "''=x");
    CHECK(csv_field("''+x", true) == "'''+x");
    CHECK(csv_field("'90s", true) == "'90s");
    CHECK(csv_field("'", true) == "'");
}

TEST_CASE("csv and tsv rows escape every formula start in text cells") {
    for (std::string start : {"=", "+", "-", "@", "\t", "\r", "\n"}) {
        CAPTURE(start);
        std::string csv = one_text_cell(Format::csv, start + "cmd");
        CHECK(csv.find("'" + start + "cmd") != std::string::npos);
        std::string tsv = one_text_cell(Format::tsv, start + "cmd");
        CHECK(tsv.starts_with("'"));
    }
}

TEST_CASE("tsv escapes backslash tab newline and carriage return") {
    CHECK(one_text_cell(Format::tsv, "a\tb\\c\nd\re") == "a\\tb\\\\c\\nd\\re\n");
    CHECK(one_text_cell(Format::tsv, "=x\ty") == "'=x\\ty\n");
}

TEST_CASE("json_string escapes quotes and control characters") {
    CHECK(json_string("plain") == "\"plain\"");
    CHECK(json_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(json_string("\n\t\r\b\f") == "\"\\n\\t\\r\\b\\f\"");
    CHECK(json_string("\x01\x1b[0m\x7f") == "\"\\u0001\\u001b[0m\\u007f\"");
    CHECK(json_string(std::string("\0", 1)) == "\"\\u0000\"");
}

TEST_CASE("json_string keeps valid UTF-8 and replaces invalid bytes") {
    const std::string fffd = "\xef\xbf\xbd";
    CHECK(json_string("café ✓ 😀") == "\"café ✓ 😀\"");
    CHECK(json_string("\xf4\x8f\xbf\xbf") == "\"\xf4\x8f\xbf\xbf\"");  // U+10FFFF, the last code point
    CHECK(json_string("a\xffz") == "\"a" + fffd + "z\"");
    CHECK(json_string("a\xf5z") == "\"a" + fffd + "z\"");
    CHECK(json_string("\xc0\x80") == "\"" + fffd + fffd + "\"");                        // overlong NUL
    CHECK(json_string("\xe0\x80\xaf") == "\"" + fffd + fffd + fffd + "\"");             // overlong '/'
    CHECK(json_string("\xed\xa0\x80") == "\"" + fffd + fffd + fffd + "\"");             // surrogate U+D800
    CHECK(json_string("\xf4\x90\x80\x80") == "\"" + fffd + fffd + fffd + fffd + "\"");  // > U+10FFFF
    CHECK(json_string("a\xe2\x82z") == "\"a" + fffd + "z\"");  // truncated: one U+FFFD, z kept
    CHECK(json_string("a\xe2\x82") == "\"a" + fffd + "\"");    // truncated at the end
    CHECK(json_string("\x80") == "\"" + fffd + "\"");          // stray continuation byte
}

// U+009B is a CSI to some terminals: JSON escapes the C1 controls like C0 (same value).
TEST_CASE("json escapes C1 controls") {
    CHECK(json_string("a\xc2\x9b"
                      "2J") == "\"a\\u009b2J\"");
    CHECK(json_string("\xc2\x85") == "\"\\u0085\"");
    CHECK(json_string("\xc2\xa0") == "\"\xc2\xa0\"");
}
