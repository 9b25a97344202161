#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "acm/core/error.hpp"
#include "acm/core/money.hpp"

using namespace acm;

namespace {

// "minor CUR" of a parsed amount, default currency EUR.
std::string parsed(std::string_view text, std::string_view default_currency = "EUR") {
    Money m = parse_money(text, default_currency, "--arr");
    return std::to_string(m.minor) + " " + m.currency;
}

constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t min64 = std::numeric_limits<std::int64_t>::min();

}  // namespace

TEST_CASE("currency table") {
    CHECK(is_currency("EUR"));
    CHECK(is_currency("USD"));
    CHECK(is_currency("JPY"));
    CHECK(is_currency("AED"));
    CHECK(is_currency("ZWL"));
    CHECK(is_currency("SLE"));
    CHECK_FALSE(is_currency("eur"));
    CHECK_FALSE(is_currency("XYZ"));
    CHECK_FALSE(is_currency("EU"));
    CHECK_FALSE(is_currency("EURO"));
    CHECK_FALSE(is_currency(""));
    CHECK(minor_digits("EUR") == 2);
    CHECK(minor_digits("USD") == 2);
    CHECK(minor_digits("JPY") == 0);
    CHECK(minor_digits("KRW") == 0);
    CHECK(minor_digits("XOF") == 0);
    CHECK(minor_digits("BHD") == 3);
    CHECK(minor_digits("KWD") == 3);
    CHECK(minor_digits("TND") == 3);
}

TEST_CASE("parse_money plain and grouped numbers") {
    CHECK(parsed("25000") == "2500000 EUR");
    CHECK(parsed("0") == "0 EUR");
    CHECK(parsed("25000.5") == "2500050 EUR");
    CHECK(parsed("25,000.50") == "2500050 EUR");
    CHECK(parsed("1,000") == "100000 EUR");
    CHECK(parsed("1,234,567") == "123456700 EUR");
    CHECK(parsed("999") == "99900 EUR");
    CHECK(parsed("0.01") == "1 EUR");
    CHECK(parsed("25.50") == "2550 EUR");
    CHECK(parsed("1500", "JPY") == "1500 JPY");
    CHECK(parsed("1.5", "BHD") == "1500 BHD");
    CHECK(parsed("1.234", "BHD") == "1234 BHD");
}

TEST_CASE("parse_money k and m suffixes") {
    CHECK(parsed("25k") == "2500000 EUR");
    CHECK(parsed("2.5K") == "250000 EUR");
    CHECK(parsed("1.2m") == "120000000 EUR");
    CHECK(parsed("1M") == "100000000 EUR");
    CHECK(parsed("1.2345k") == "123450 EUR");
    CHECK(parsed("1.23456k") == "123456 EUR");
    CHECK(parsed("1,000k") == "100000000 EUR");
    CHECK(parsed("1.5k", "JPY") == "1500 JPY");
    CHECK(parsed("0.000000001m", "BHD") == "1 BHD");  // one fils
}

TEST_CASE("parse_money currency codes") {
    CHECK(parsed("EUR 25k") == "2500000 EUR");
    CHECK(parsed("25000 USD") == "2500000 USD");
    CHECK(parsed("eur 25k", "USD") == "2500000 EUR");
    CHECK(parsed("EUR25k", "USD") == "2500000 EUR");
    CHECK(parsed("25kEUR", "USD") == "2500000 EUR");
    CHECK(parsed("25k usd") == "2500000 USD");
    CHECK(parsed("25000USD") == "2500000 USD");
    CHECK(parsed("1MAD") == "100 MAD");  // three letters after the number are a code, not a suffix
    CHECK(parsed("1mMAD") == "100000000 MAD");
    CHECK(parsed("USD  1,000.25") == "100025 USD");
    CHECK(parsed("JPY 1500") == "1500 JPY");
    CHECK(parsed("1.500 BHD") == "1500 BHD");
}

TEST_CASE("parse_money refuses malformed amounts") {
    for (const char* bad : {"",
                            " ",
                            "12x",
                            "1.2.3",
                            "k",
                            "m",
                            "EUR",
                            "EUR EUR",
                            "EUR 25k USD",
                            "25 EUR USD",
                            "1,00",
                            "1,0000",
                            ",100",
                            "1,000,00",
                            "10,00.50",
                            "1.",
                            ".5",
                            "1.k",
                            "25 k",
                            "25kk",
                            "2 5",
                            " 25",
                            "25 ",
                            "25k ",
                            "+5",
                            "1e3",
                            "25 EURO",
                            "EU 25",
                            "25_000",
                            "1,000.5,0",
                            "99999999999999999999",
                            "92233720368547758.08",
                            "92233720368547759k",
                            "10000000000000.01",
                            "10000000000001",
                            "10000000001k",
                            "10000001m"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(parse_money(bad, "EUR", "--arr"), UsageError);
    }
    CHECK_THROWS_WITH(parse_money("12x", "EUR", "--arr"),
                      "--arr 12x is not a valid amount (expected e.g. 25000, 25,000.50, 25k, 1.2m, EUR 25k)");
    CHECK_THROWS_WITH(parse_money("", "EUR", "--arr"),
                      "--arr '' is not a valid amount (expected e.g. 25000, 25,000.50, 25k, 1.2m, EUR 25k)");
    // The largest amount acm takes (10^13 major units) still parses, in every currency.
    CHECK(parsed("10000000000000") == "1000000000000000 EUR");
    CHECK(parsed("10,000,000,000,000.00") == "1000000000000000 EUR");
    CHECK(parsed("10000000m") == "1000000000000000 EUR");
    CHECK(parsed("10000000000000", "JPY") == "10000000000000 JPY");
    CHECK(parsed("10000000000000", "BHD") == "10000000000000000 BHD");
    CHECK_THROWS_WITH_AS(parse_money("10000000000000.01", "EUR", "--arr"),
                         "--arr 10000000000000.01 is too large (expected at most 10,000,000,000,000.00 EUR)",
                         UsageError);
    CHECK_THROWS_WITH(parse_money("99999999999999999999 JPY", "EUR", "--arr"),
                      "--arr '99999999999999999999 JPY' is too large (expected at most 10,000,000,000,000 JPY)");
    CHECK(max_amount_minor("EUR") == 1'000'000'000'000'000);
}

TEST_CASE("parse_money refuses negative amounts") {
    for (const char* bad : {"-5", "-25k", "EUR -5", "-5 EUR", "-0"}) {
        CAPTURE(bad);
        CHECK_THROWS_WITH_AS(parse_money(bad, "EUR", "--arr"),
                             doctest::Contains("is not a valid amount (must not be negative)"), UsageError);
    }
    CHECK_THROWS_WITH(parse_money("-5", "EUR", "--arr"),
                      "--arr -5 is not a valid amount (must not be negative)");
    CHECK_THROWS_WITH(parse_money("-x", "EUR", "--arr"),
                      "--arr -x is not a valid amount (expected e.g. 25000, 25,000.50, 25k, 1.2m, EUR 25k)");
}

TEST_CASE("parse_money refuses unknown codes and extra decimals") {
    CHECK_THROWS_WITH_AS(parse_money("XYZ 100", "EUR", "--arr"),
                         "--arr 'XYZ 100': XYZ is not a known ISO 4217 currency code", UsageError);
    CHECK_THROWS_WITH(parse_money("100xyz", "EUR", "--arr"),
                      "--arr 100xyz: XYZ is not a known ISO 4217 currency code");
    CHECK_THROWS_WITH_AS(parse_money("25.505", "EUR", "--arr"),
                         "--arr 25.505 has more decimals than EUR allows (2): write 25505", UsageError);
    CHECK_THROWS_WITH(parse_money("1.5", "JPY", "--arr"),
                      "--arr 1.5 has more decimals than JPY allows (0): write a whole number");
    CHECK_THROWS_WITH(parse_money("1.2345 BHD", "EUR", "--arr"),
                      "--arr '1.2345 BHD' has more decimals than BHD allows (3): round it to 3 decimals");
    CHECK_THROWS_WITH(parse_money("1.234567k", "EUR", "--arr"),
                      "--arr 1.234567k has more decimals than EUR allows (2): round it to 5 decimals");
}

// A German whole number (120.000 = 120000) or a longer fraction is never read as 120.00.
TEST_CASE("parse_money refuses a fraction longer than the currency's") {
    CHECK_THROWS_WITH_AS(parse_money("120.000", "EUR", "--arr"),
                         "--arr 120.000 has more decimals than EUR allows (2): write 120000 or 120.00", UsageError);
    CHECK_THROWS_WITH(parse_money("EUR 25.500", "EUR", "--arr"),
                      "--arr 'EUR 25.500' has more decimals than EUR allows (2): write 25500 or 25.50");
    CHECK_THROWS_WITH(parse_money("1.000", "JPY", "--arr"),
                      "--arr 1.000 has more decimals than JPY allows (0): write 1000 or 1");
    CHECK_THROWS_WITH(parse_money("1,120.000", "EUR", "--arr"),
                      "--arr 1,120.000 has more decimals than EUR allows (2): write 1,120.00");
    CHECK_THROWS_WITH(parse_money("1.2000", "EUR", "--arr"),
                      "--arr 1.2000 has more decimals than EUR allows (2): write 1.20");
    CHECK(parsed("1.500k") == "150000 EUR");  // k: three more digits
}

TEST_CASE("format_decimal per currency") {
    CHECK(format_decimal({2500000, "EUR"}) == "25000.00");
    CHECK(format_decimal({-1250, "EUR"}) == "-12.50");
    CHECK(format_decimal({-5, "EUR"}) == "-0.05");
    CHECK(format_decimal({0, "EUR"}) == "0.00");
    CHECK(format_decimal({1500, "JPY"}) == "1500");
    CHECK(format_decimal({-1500, "JPY"}) == "-1500");
    CHECK(format_decimal({1500, "BHD"}) == "1.500");
    CHECK(format_decimal({7, "KWD"}) == "0.007");
    CHECK(format_decimal({max64, "EUR"}) == "92233720368547758.07");
    CHECK(format_decimal({min64, "EUR"}) == "-92233720368547758.08");
}

TEST_CASE("format_grouped and format_human") {
    CHECK(format_grouped({2500000, "EUR"}) == "25,000.00");
    CHECK(format_grouped({-123456789, "EUR"}) == "-1,234,567.89");
    CHECK(format_grouped({99999, "EUR"}) == "999.99");
    CHECK(format_grouped({100000, "EUR"}) == "1,000.00");
    CHECK(format_grouped({0, "EUR"}) == "0.00");
    CHECK(format_grouped({1234567, "JPY"}) == "1,234,567");
    CHECK(format_grouped({-123456, "JPY"}) == "-123,456");
    CHECK(format_grouped({1234567, "BHD"}) == "1,234.567");
    CHECK(format_grouped({min64, "JPY"}) == "-9,223,372,036,854,775,808");
    CHECK(format_human({2500000, "EUR"}) == "25,000.00 EUR");
    CHECK(format_human({-1500, "JPY"}) == "-1,500 JPY");
}

TEST_CASE("addition and subtraction") {
    const Money eur100{100, "EUR"}, eur250{250, "EUR"}, usd100{100, "USD"};
    const Money top{max64, "EUR"}, bottom{min64, "EUR"}, one{1, "EUR"}, zero{0, "EUR"};
    CHECK(eur100 + eur250 == Money{350, "EUR"});
    CHECK(eur100 - eur250 == Money{-150, "EUR"});
    CHECK(top + bottom == Money{-1, "EUR"});
    CHECK_THROWS_AS(eur100 + usd100, std::logic_error);
    CHECK_THROWS_AS(eur100 - usd100, std::logic_error);
    CHECK_THROWS_WITH_AS(top + one, "amount is too large to compute (beyond 9223372036854775807 minor units)",
                         RuntimeError);
    CHECK_THROWS_AS(bottom - one, RuntimeError);
    CHECK_THROWS_AS(zero - bottom, RuntimeError);
}

TEST_CASE("convert into the base currency") {
    FxRates rates{"EUR",
                  {{"USD", 920'000'000}, {"JPY", 6'100'000}, {"BHD", 2'440'000'000}, {"GBP", 1'170'000'000}}};
    CHECK(convert({12345, "EUR"}, rates, "arr") == Money{12345, "EUR"});
    CHECK(convert({10000, "USD"}, rates, "arr") == Money{9200, "EUR"});      // 100 USD = 92 EUR
    CHECK(convert({1000000, "JPY"}, rates, "arr") == Money{610000, "EUR"});  // 1,000,000 JPY = 6,100 EUR
    CHECK(convert({1500, "BHD"}, rates, "arr") == Money{366, "EUR"});        // 1.500 BHD = 3.66 EUR
    // Rounding half away from zero: 1 cent USD = 0.92 cent, 0.5 cent rounds up, -0.5 down.
    CHECK(convert({1, "USD"}, rates, "arr") == Money{1, "EUR"});
    FxRates half{"EUR", {{"USD", 500'000'000}}};
    CHECK(convert({1, "USD"}, half, "arr") == Money{1, "EUR"});
    CHECK(convert({-1, "USD"}, half, "arr") == Money{-1, "EUR"});
    CHECK(convert({3, "USD"}, half, "arr") == Money{2, "EUR"});
    CHECK(convert({-3, "USD"}, half, "arr") == Money{-2, "EUR"});
    FxRates below_half{"EUR", {{"USD", 499'999'999}}};
    CHECK(convert({1, "USD"}, below_half, "arr") == Money{0, "EUR"});
    CHECK(convert({-1, "USD"}, below_half, "arr") == Money{0, "EUR"});
    // Into a zero-decimal base: 10.00 EUR at 160 JPY per EUR.
    FxRates yen{"JPY", {{"EUR", 160'000'000'000}}};
    CHECK(convert({1000, "EUR"}, yen, "arr") == Money{1600, "JPY"});
    CHECK(convert({1, "EUR"}, yen, "arr") == Money{2, "JPY"});  // 1.6 yen
    // Large amounts do not overflow in the intermediate product.
    CHECK(convert({max64, "USD"}, FxRates{"EUR", {{"USD", 1'000'000'000}}}, "arr") == Money{max64, "EUR"});
    const Money huge{max64, "USD"};
    const FxRates twice{"EUR", {{"USD", 2'000'000'000}}};
    CHECK_THROWS_WITH_AS(convert(huge, twice, "arr"), "arr is too large to compute (beyond 9223372036854775807 minor units)",
                         RuntimeError);
}

TEST_CASE("checked arithmetic on minor units names the figure") {
    CHECK(add_minor(1, 2, "arr") == 3);
    CHECK(subtract_minor(1, 2, "margin") == -1);
    CHECK(multiply_minor(3, 4, "x") == 12);
    CHECK(round_minor(2.5, "weighted") == 3);
    CHECK_THROWS_WITH_AS(add_minor(max64, 1, "renewals_due_arr"),
                         "renewals_due_arr is too large to compute (beyond 9223372036854775807 minor units)",
                         RuntimeError);
    CHECK_THROWS_AS(subtract_minor(min64, 1, "margin"), RuntimeError);
    CHECK_THROWS_AS(multiply_minor(max64, 2, "x"), RuntimeError);
    CHECK_THROWS_AS(round_minor(1e19, "weighted"), RuntimeError);
    CHECK_THROWS_AS(round_minor(std::nan(""), "weighted"), RuntimeError);
}

TEST_CASE("convert without a rate names the currency") {
    FxRates rates{"EUR", {{"GBP", 1'170'000'000}}};
    const Money usd{100, "USD"};
    CHECK_THROWS_WITH_AS(convert(usd, rates, "arr"), "no exchange rate for USD in config [fx] (base currency EUR); set one with 'acm config set fx.USD RATE'",
                         RuntimeError);
}

// Found while writing fuzz_money (reading parse()): every leading '-' recursed once more, copying the rest of
// the text, so a long run of dashes used time and stack in proportion to its length squared.
TEST_CASE("parse_money refuses repeated minus signs at once") {
    CHECK_THROWS_WITH_AS(
        parse_money("--5", "EUR", "--arr"),
        "--arr --5 is not a valid amount (expected e.g. 25000, 25,000.50, 25k, 1.2m, EUR 25k)", UsageError);
    CHECK_THROWS_AS(parse_money(std::string(1'000'000, '-') + "5", "EUR", "--arr"), UsageError);
    CHECK_THROWS_WITH_AS(parse_money("-5", "EUR", "--arr"),
                         "--arr -5 is not a valid amount (must not be negative)", UsageError);
    CHECK_THROWS_WITH_AS(parse_money("EUR -5", "EUR", "--arr"),
                         "--arr 'EUR -5' is not a valid amount (must not be negative)", UsageError);
}
