// Import rules files: parsing and its errors, header globs, dates in formats, amounts, and
// the CSV reader's layout options and encodings.
#include <doctest/doctest.h>

#include <sstream>

#include "acm/core/csv.hpp"
#include "acm/core/encoding.hpp"
#include "acm/core/error.hpp"
#include "acm/core/import_rules.hpp"

using namespace acm;

namespace {

std::string error_of(std::string_view text) {
    try {
        parse_import_rules(text, "r.toml");
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}

std::vector<std::vector<std::string>> records(const std::string& text, const CsvFormat& format) {
    std::istringstream in(text);
    CsvReader reader(in, format);
    std::vector<std::vector<std::string>> result;
    std::vector<std::string> fields;
    while (reader.next(fields)) result.push_back(fields);
    return result;
}

}  // namespace

TEST_CASE("a rules file is parsed into its settings") {
    auto rules = parse_import_rules(R"(
kind = "contract"
encoding = "windows-1252"
delimiter = ";"
skip_lines = 2
date_formats = ["%d.%m.%Y"]
decimal = ","
currency = "EUR"
end_at_blank_line = true
[fields]
account = ["Kunde", "Firma*"]
[values.auto_renew]
WAHR = "true"
[skip_rows]
"Status" = "Entwurf"
)",
                                    "r.toml");
    CHECK(*rules.kind == "contract");
    CHECK(rules.encoding == "windows-1252");
    CHECK(rules.delimiter == ';');
    CHECK(rules.skip_lines == 2);
    CHECK(rules.decimal == ',');
    CHECK(rules.thousands == ".");  // the other separator, when not given
    CHECK(rules.end_at_blank_line);
    REQUIRE(rules.fields.size() == 1);
    CHECK(rules.fields[0].headers == std::vector<std::string>{"kunde", "firma*"});
    CHECK(rules.fields[0].line == 11);
    CHECK(rules.values.at("auto_renew").at("wahr") == "true");
    CHECK(rules.skip_rows.at("status") == std::vector<std::string>{"entwurf"});
}

TEST_CASE("a wrong rules file names its line and what is valid") {
    CHECK(error_of("kind = \"deal\"") ==
          "rules file r.toml, line 1: kind = deal is not valid (expected account, contract, feedback, "
          "usage or contact)");
    CHECK(error_of("\n\nskip_lines = -1").starts_with("rules file r.toml, line 3: skip_lines must be"));
    CHECK(error_of("delimiter = \":\"").find("expected \",\", \";\", \"\\t\" or \"|\"") != std::string::npos);
    CHECK(error_of("currency = \"EURO\"").find("expected an ISO 4217 code") != std::string::npos);
    CHECK(error_of("date_formats = [\"%s\"]").find("uses %s") != std::string::npos);
    CHECK(error_of("decimal = \",\"\nthousands = \",\"").find("decimal and thousands are both") !=
          std::string::npos);
    CHECK(error_of("kind = ").starts_with("rules file r.toml, line 1:"));
}

TEST_CASE("headers match globs, normalized") {
    CHECK(header_matches("account name", normalize_header("Account_Name")));
    CHECK(header_matches("*how likely*recommend*",
                         normalize_header("How likely is it that you would recommend Example Co?")));
    CHECK(header_matches("customuser:*", normalize_header("customUser:account_key")));
    CHECK(header_matches("a?c", "abc"));
    CHECK_FALSE(header_matches("a?c", "abbc"));
    CHECK_FALSE(header_matches("account", "account name"));
}

TEST_CASE("dates in the rules' formats") {
    CHECK(date_in_formats("01.02.2024", {"%d.%m.%Y"}) == "2024-02-01");
    CHECK(date_in_formats("06/03/2024 10:02:41 PM", {"%d.%m.%Y", "%m/%d/%Y %I:%M:%S %p"}) == "2024-06-03");
    CHECK(date_in_formats("20240601", {"%Y%m%d"}) == "2024-06-01");
    CHECK_FALSE(date_in_formats("31.02.2024", {"%d.%m.%Y"}));  // no such day
    CHECK_FALSE(date_in_formats("01.02.2024x", {"%d.%m.%Y"}));
    // A zone after the time, as Google Forms writes it: the date as written counts.
    CHECK(date_in_formats("2024/05/27 3:00:00 PM GMT+2", {"%Y/%m/%d %I:%M:%S %p"}) == "2024-05-27");
    CHECK(date_in_formats("2024/05/27 23:00:00 UTC", {"%Y/%m/%d %H:%M:%S"}) == "2024-05-27");
    CHECK_FALSE(date_in_formats("2024/05/27 3:00:00 PM GMT+2x", {"%Y/%m/%d %I:%M:%S %p"}));
}

TEST_CASE("amounts with the rules' separators and currency symbols") {
    CHECK(plain_amount("120.000,00 €", ',', ".") == "120000.00 EUR");
    CHECK(plain_amount("$45,500.50", '.', ",") == "45500.50 USD");
    CHECK(plain_amount("USD 120,000.00", '.', ",") == "USD 120000.00");
    CHECK(plain_amount(" $ ", '.', ",") == " $ ");  // no number: left as written, for the message
    CHECK(plain_amount("1 234,5", ',', " ") == "1234.5");
    // A separator the rules do not name is left for the amount parser to refuse.
    CHECK(plain_amount("120.000", ',', "") == "120.000");
    CHECK(plain_amount("12.00,0", ',', ".") == "12.00,0");
}

TEST_CASE("amounts without rules: the separators that read one way only") {
    for (const char* plain :
         {"1200", "1,200.50", "$1,200", "120,000", "USD 120,000.00", "25k", "1.2m", "1.250k", "0.5"})
        CHECK_MESSAGE(!ambiguous_separators(plain), plain);
    // 120 or 120000; a German 1.200.000; decimal commas.
    for (const char* ambiguous :
         {"120.000", "120.000 EUR", "1.200.000", "1.200,50", "120,50", "€9.500,50", "1,5"})
        CHECK_MESSAGE(ambiguous_separators(ambiguous), ambiguous);
    CHECK(ambiguous_separators("120.000")->find("set decimal and thousands") != std::string::npos);
    CHECK(ambiguous_separators("1.200,50")->find("set decimal = \",\"") != std::string::npos);
}

TEST_CASE("amounts of a file: the rules' separators only where the rules set them") {
    const ImportRules silent = parse_import_rules("kind = \"contract\"", "r.toml");
    const ImportRules german = parse_import_rules("decimal = \",\"", "r.toml");
    const ImportRules* none = nullptr;
    for (const ImportRules* rules : {none, &silent}) {
        CHECK(import_amount("$1,200", rules) == "1200 USD");
        CHECK_THROWS_AS(import_amount("120.000", rules), UsageError);
        CHECK_THROWS_AS(import_amount("1,20", rules), UsageError);
    }
    CHECK(import_amount("120.000,50 €", &german) == "120000.50 EUR");
    CHECK(import_amount("1,20", &german) == "1.20");
}

TEST_CASE("notice periods as exports write them") {
    CHECK(plain_duration("90 days") == "90d");
    CHECK(plain_duration(" 3 Months ") == "3m");
    CHECK(plain_duration("1 year") == "1y");
    CHECK(plain_duration("2 WEEKS") == "2w");
    CHECK(plain_duration("1 day") == "1d");
    CHECK(plain_duration("60") == "60d");
    CHECK(plain_duration("90d") == "90d");
    // Left for the duration parser to refuse.
    CHECK(plain_duration("3 Monate") == "3 Monate");
    CHECK(plain_duration("days") == "days");
    CHECK(plain_duration("") == "");
    CHECK(plain_duration("-5 days") == "-5 days");
}

TEST_CASE("the CSV reader detects the delimiter from the header") {
    CHECK(records("a;b\n1,5;2\n", {0}) == std::vector<std::vector<std::string>>{{"a", "b"}, {"1,5", "2"}});
    CHECK(records("a\tb\n1\t2\n", {0}) == std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}});
    CHECK(records("\"a;x\",b\n", {0}) == std::vector<std::vector<std::string>>{{"a;x", "b"}});
    CHECK_THROWS_WITH_AS(records("a;b,c\n", {0}), doctest::Contains("set delimiter in a rules file"),
                         UsageError);
}

TEST_CASE("the CSV reader skips lines before the header and stops at a footer") {
    CsvFormat format{',', 2, true};
    auto rows = records("# title\n# \"odd\n\na,b\n1,2\n\nGrand Totals,3\n", format);
    CHECK(rows == std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}});
}

TEST_CASE("other encodings are read as UTF-8") {
    std::istringstream latin("K\xfcndigung;\x80\n");
    auto utf8 = utf8_input(latin, "windows-1252");
    std::string text((std::istreambuf_iterator<char>(*utf8)), std::istreambuf_iterator<char>());
    CHECK(text == "Kündigung;€\n");

    std::string utf16 = std::string("\xff\xfe", 2) + std::string("a\0,\0b\0\n\0", 8);
    std::istringstream in16(utf16);
    CHECK(detect_encoding(in16) == "utf-16");
    auto from16 = utf8_input(in16, "utf-16");
    std::string text16((std::istreambuf_iterator<char>(*from16)), std::istreambuf_iterator<char>());
    CHECK(text16 == "a,b\n");

    std::istringstream odd(std::string("a\0\n\0b", 5));  // a cut UTF-16 character at the end
    auto bad = utf8_input(odd, "utf-16");
    std::string sink;
    CHECK_THROWS_WITH_AS(std::getline(*bad, sink, '\x01'),
                         doctest::Contains("line 2: the file is not valid utf-16"), UsageError);
}
