#pragma once
// Money: integer minor units with an ISO 4217 currency code, never floating point.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace acm {

struct Money {
    std::int64_t minor = 0;  // minor units of `currency` (cents for EUR, yen for JPY)
    std::string currency;    // ISO 4217 code, uppercase

    friend bool operator==(const Money&, const Money&) = default;
};

// True for an active ISO 4217 code (uppercase, e.g. "EUR").
bool is_currency(std::string_view code);
// Decimal places of the currency's minor unit: 2 for most, 0 for JPY/KRW/…, 3 for BHD/KWD/….
int minor_digits(std::string_view code);

// 25000, 25,000.50, 25k, 1.2m, optionally with a currency code before or after
// (EUR 25k, 25000 USD, eur 25k). Without a code, `default_currency`.
// Refuses negative, malformed amounts, amounts above max_amount_units, more decimals than
// the currency has (120.000 in EUR: a German 120000, or a typo; never read as 120.00), and
// unknown currency codes, with UsageError:
//   "--arr 12x is not a valid amount (expected e.g. 25000, 25,000.50, 25k, 1.2m, EUR 25k)"
//   "--arr XYZ 100: XYZ is not a known ISO 4217 currency code"
Money parse_money(std::string_view text, std::string_view default_currency, std::string_view field);

// The largest amount acm takes, in major units of any currency: large enough for any real
// contract, small enough that sums of many amounts stay far from the int64 limit.
constexpr std::int64_t max_amount_units = 10'000'000'000'000;  // 10^13
// max_amount_units in minor units of `currency`.
std::int64_t max_amount_minor(std::string_view currency);

// Checked arithmetic on minor units: every sum, difference and product of amounts in acm
// goes through these, so that an overflow is a RuntimeError naming `figure` (the column or
// value being computed, e.g. "arr") rather than a wrapped, negative total.
std::int64_t add_minor(std::int64_t a, std::int64_t b, std::string_view figure);
std::int64_t subtract_minor(std::int64_t a, std::int64_t b, std::string_view figure);
std::int64_t multiply_minor(std::int64_t a, std::int64_t b, std::string_view figure);
// A double (a weighted sum) rounded to minor units, or the same RuntimeError when out of range.
std::int64_t round_minor(double value, std::string_view figure);
// That RuntimeError, for a sum computed elsewhere (SQLite's sum() of integers fails on overflow).
[[noreturn]] void overflow(std::string_view figure);

// "25000.00", "-12.50", "1500" (JPY): plain decimal, for CSV/JSON.
std::string format_decimal(const Money& money);
// "25,000.00": thousands separators, for tables.
std::string format_grouped(const Money& money);
// "25,000.00 EUR"
std::string format_human(const Money& money);

// Sum/difference of two amounts of one currency; throws std::logic_error on mixed
// currencies and add_minor's RuntimeError (figure "amount") on overflow.
Money operator+(const Money& a, const Money& b);
Money operator-(const Money& a, const Money& b);

// Exchange rates into the base currency: units of base per one unit of the currency,
// as fixed point with 9 decimals (0.92 → 920000000), read from config [fx].
struct FxRates {
    std::string base;
    std::map<std::string, std::int64_t, std::less<>> nano_rates;
};
// `money` in rates.base, rounded half away from zero. Throws RuntimeError naming the
// currency when it has no rate: "no exchange rate for USD in config [fx] (base currency EUR)",
// and add_minor's RuntimeError naming `figure` when the result does not fit.
Money convert(const Money& money, const FxRates& rates, std::string_view figure);

}  // namespace acm
