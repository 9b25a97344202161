#include "acm/core/money.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <vector>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"

namespace acm {

namespace {

__extension__ typedef __int128 int128;  // GCC/Clang extension; __extension__ keeps -Wpedantic quiet

// Active ISO 4217 codes, sorted for binary search (funds, metals and test codes are left out).
constexpr std::array<std::string_view, 155> currencies = {
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD",
    "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY",
    "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP",
    "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR",
    "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT",
    "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR",
    "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK",
    "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
    "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF",
    "XPF", "YER", "ZAR", "ZMW", "ZWL",
};

// binary_search needs the order; a missing entry would leave an empty string at the end.
static_assert(std::is_sorted(currencies.begin(), currencies.end()) && !currencies.back().empty());

constexpr std::array<std::string_view, 16> zero_digit = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY",
                                                         "KMF", "KRW", "PYG", "RWF", "UGX", "VND",
                                                         "VUV", "XAF", "XOF", "XPF"};
constexpr std::array<std::string_view, 7> three_digit = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};

constexpr std::int64_t power_of_ten(int n) {
    std::int64_t result = 1;
    while (n-- > 0) result *= 10;
    return result;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string uppercase(std::string_view text) {
    std::string result(text);
    for (char& c : result)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return result;
}

// Why a parse failed; the public function turns it into the one-line message naming the
// field, the value and what is expected.
enum class Failure { none, malformed, negative, unknown_code, decimals, too_large };

struct Parsed {
    Failure failure = Failure::none;
    Money money;
    std::string hint;  // for decimals: how to write the amount
};

// How to write an amount whose fraction is longer than `allowed` digits: as a whole number
// when the dot looks like a thousands separator (120.000), and cut to `allowed` digits when
// only zeros are cut.
std::string decimals_hint(std::string_view integer_part, std::string_view fraction, char suffix, int allowed) {
    std::string unit = suffix ? std::string(1, suffix) : std::string();
    std::vector<std::string> ways;
    if (fraction.size() == 3 && integer_part.find(',') == std::string_view::npos)
        ways.push_back(fmt::format("{}{}{}", integer_part, fraction, unit));
    std::string_view cut = fraction.substr(static_cast<std::size_t>(allowed));
    if (std::all_of(cut.begin(), cut.end(), [](char c) { return c == '0'; }))
        ways.push_back(fmt::format("{}{}{}{}", integer_part, allowed > 0 ? "." : "",
                                   fraction.substr(0, static_cast<std::size_t>(allowed)), unit));
    if (ways.empty()) return allowed == 0 ? "write a whole number" : fmt::format("round it to {} decimals", allowed);
    return "write " + fmt::format("{}", fmt::join(ways, " or "));
}

// "1,234,567" or "1234567": commas only as thousands grouping (1-3 digits, then groups of 3).
bool valid_integer_part(std::string_view digits) {
    if (digits.empty()) return false;
    if (digits.find(',') == std::string_view::npos) return true;
    std::size_t group = 0;
    bool first = true;
    for (char c : digits) {
        if (c == ',') {
            if (first ? (group < 1 || group > 3) : group != 3) return false;
            first = false;
            group = 0;
        } else {
            ++group;
        }
    }
    return group == 3;
}

Parsed parse(std::string_view text, std::string_view default_currency) {
    Parsed result;
    std::size_t pos = 0;
    auto run = [&](auto predicate) {
        std::size_t start = pos;
        while (pos < text.size() && predicate(text[pos])) ++pos;
        return text.substr(start, pos - start);
    };

    // Whitespace is allowed only between a code and the number, not around the whole text.
    std::string_view code = run(is_alpha);
    if (!code.empty() && code.size() != 3) return {Failure::malformed, {}, {}};
    if (!code.empty()) run(is_space);
    if (pos < text.size() && text[pos] == '-') {
        // "-5" is refused as negative only when the rest is an amount; "-x" is just malformed.
        // So is "--5": checked here so that the recursion below is one level deep at most.
        if (text.substr(pos + 1).starts_with('-')) return {Failure::malformed, {}, {}};
        std::string rest = fmt::format("{}{}", code, text.substr(pos + 1));
        Parsed positive = parse(rest, default_currency);
        return {positive.failure == Failure::malformed ? Failure::malformed : Failure::negative, {}, {}};
    }
    std::string_view number = run([](char c) { return is_digit(c) || c == ',' || c == '.'; });
    // Letters right after the number are a k/m suffix, a code, or a suffix and a code ("25kEUR");
    // letters after a space can only be a code.
    std::string_view adjacent = run(is_alpha);
    std::string_view space = run(is_space);
    std::string_view trailing = run(is_alpha);
    if (pos != text.size() || (!space.empty() && trailing.empty())) return {Failure::malformed, {}, {}};

    char suffix = 0;
    std::string_view trailing_code;
    if (adjacent.size() == 1 || adjacent.size() == 4) {
        suffix = static_cast<char>(adjacent[0] | 0x20);  // ASCII lowercase
        if (suffix != 'k' && suffix != 'm') return {Failure::malformed, {}, {}};
        trailing_code = adjacent.substr(1);
        if (!trailing_code.empty() && !trailing.empty()) return {Failure::malformed, {}, {}};
        if (trailing_code.empty()) trailing_code = trailing;
    } else if (adjacent.size() == 3 && trailing.empty()) {
        trailing_code = adjacent;
    } else if (adjacent.empty()) {
        trailing_code = trailing;
    } else {
        return {Failure::malformed, {}, {}};
    }
    if (!trailing_code.empty() && trailing_code.size() != 3) return {Failure::malformed, {}, {}};
    if (!code.empty() && !trailing_code.empty()) return {Failure::malformed, {}, {}};  // two codes
    if (code.empty()) code = trailing_code;

    std::size_t dot = number.find('.');
    std::string_view integer_part = number.substr(0, dot);
    std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1);
    if (!valid_integer_part(integer_part)) return {Failure::malformed, {}, {}};
    if (dot != std::string_view::npos &&
        (fraction.empty() || !std::all_of(fraction.begin(), fraction.end(), is_digit)))
        return {Failure::malformed, {}, {}};

    result.money.currency = code.empty() ? std::string(default_currency) : uppercase(code);
    if (!is_currency(result.money.currency)) return {Failure::unknown_code, result.money, {}};

    // value = mantissa × 10^exponent minor units. Every digit of the fraction counts, zeros
    // too: "120.000" in EUR is a German 120000 as likely as 120.00, so it is refused.
    int allowed = minor_digits(result.money.currency) + (suffix == 'k'   ? 3
                                                         : suffix == 'm' ? 6
                                                                         : 0);
    int exponent = allowed - static_cast<int>(fraction.size());
    if (exponent < 0) {
        result.failure = Failure::decimals;
        result.hint = decimals_hint(integer_part, fraction, suffix, allowed);
        return result;
    }

    std::int64_t minor = 0;
    auto push_digit = [&](char c) {
        if (c == ',') return true;
        return !__builtin_mul_overflow(minor, 10, &minor) && !__builtin_add_overflow(minor, c - '0', &minor);
    };
    bool fits = std::all_of(integer_part.begin(), integer_part.end(), push_digit) &&
                std::all_of(fraction.begin(), fraction.end(), push_digit) &&
                !__builtin_mul_overflow(minor, power_of_ten(exponent), &minor);
    if (!fits || minor > max_amount_minor(result.money.currency)) return {Failure::too_large, result.money, {}};
    result.money.minor = minor;
    return result;
}

}  // namespace

bool is_currency(std::string_view code) {
    return std::binary_search(currencies.begin(), currencies.end(), code);
}

int minor_digits(std::string_view code) {
    if (std::find(zero_digit.begin(), zero_digit.end(), code) != zero_digit.end()) return 0;
    if (std::find(three_digit.begin(), three_digit.end(), code) != three_digit.end()) return 3;
    return 2;
}

[[noreturn]] static void too_large(std::string_view field, std::string_view text, const std::string& currency) {
    throw UsageError(fmt::format("{} {} is too large (expected at most {})", field, quote_value(text),
                                 format_human(Money{max_amount_minor(currency), currency})));
}

Money parse_money(std::string_view text, std::string_view default_currency, std::string_view field) {
    Parsed parsed = parse(text, default_currency);
    switch (parsed.failure) {
        case Failure::none:
            return parsed.money;
        case Failure::negative:
            throw UsageError(
                fmt::format("{} {} is not a valid amount (must not be negative)", field, quote_value(text)));
        case Failure::unknown_code:
            throw UsageError(fmt::format("{} {}: {} is not a known ISO 4217 currency code", field,
                                         quote_value(text), parsed.money.currency));
        case Failure::decimals:
            throw UsageError(fmt::format("{} {} has more decimals than {} allows ({}): {}", field,
                                         quote_value(text), parsed.money.currency,
                                         minor_digits(parsed.money.currency), parsed.hint));
        case Failure::too_large:
            too_large(field, text, parsed.money.currency);
        case Failure::malformed:
            break;
    }
    throw UsageError(
        fmt::format("{} {} is not a valid amount (expected e.g. 25000, 25,000.50, 25k, 1.2m, EUR 25k)", field,
                    quote_value(text)));
}

namespace {

// Sign, integer part and fraction of an amount, without overflow for INT64_MIN.
struct Parts {
    bool negative;
    std::uint64_t units;
    std::uint64_t fraction;
    int digits;
};

Parts split_parts(const Money& money) {
    int digits = minor_digits(money.currency);
    std::uint64_t magnitude = money.minor < 0 ? 0 - static_cast<std::uint64_t>(money.minor)
                                              : static_cast<std::uint64_t>(money.minor);
    auto scale = static_cast<std::uint64_t>(power_of_ten(digits));
    return {money.minor < 0, magnitude / scale, magnitude % scale, digits};
}

// An amount's text: its sign, its units (with `separator`, when there is one, between groups of
// three digits) and its fraction padded to the currency's digits. Written by hand rather than
// with fmt, which parses its format string at run time: a listing formats an amount per account.
std::string amount_text(const Money& money, std::optional<char> separator) {
    Parts parts = split_parts(money);
    std::string units = std::to_string(parts.units);
    std::string text;
    text.reserve(units.size() + units.size() / 3 + static_cast<std::size_t>(parts.digits) + 2);
    if (parts.negative) text += '-';
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (separator && i > 0 && (units.size() - i) % 3 == 0) text += *separator;
        text += units[i];
    }
    if (parts.digits > 0) {
        std::string fraction = std::to_string(parts.fraction);
        text += '.';
        text.append(static_cast<std::size_t>(parts.digits) - fraction.size(), '0');
        text += fraction;
    }
    return text;
}

}  // namespace

std::string format_decimal(const Money& money) { return amount_text(money, std::nullopt); }

std::string format_grouped(const Money& money) { return amount_text(money, ','); }

std::string format_human(const Money& money) {
    std::string text = amount_text(money, ',');
    text += ' ';
    text += money.currency;
    return text;
}

std::int64_t max_amount_minor(std::string_view currency) {
    return max_amount_units * power_of_ten(minor_digits(currency));
}


void overflow(std::string_view figure) {
    throw RuntimeError(fmt::format("{} is too large to compute (beyond {} minor units)", figure,
                                   std::numeric_limits<std::int64_t>::max()));
}

std::int64_t add_minor(std::int64_t a, std::int64_t b, std::string_view figure) {
    std::int64_t result = 0;
    if (__builtin_add_overflow(a, b, &result)) overflow(figure);
    return result;
}

std::int64_t subtract_minor(std::int64_t a, std::int64_t b, std::string_view figure) {
    std::int64_t result = 0;
    if (__builtin_sub_overflow(a, b, &result)) overflow(figure);
    return result;
}

std::int64_t multiply_minor(std::int64_t a, std::int64_t b, std::string_view figure) {
    std::int64_t result = 0;
    if (__builtin_mul_overflow(a, b, &result)) overflow(figure);
    return result;
}

std::int64_t round_minor(double value, std::string_view figure) {
    // 2^63 is exactly representable; every double below it converts without overflow.
    constexpr double limit = 9223372036854775808.0;
    double rounded = std::round(value);
    if (!(rounded > -limit && rounded < limit)) overflow(figure);
    return static_cast<std::int64_t>(rounded);
}

Money operator+(const Money& a, const Money& b) {
    if (a.currency != b.currency)
        throw std::logic_error(fmt::format("cannot add {} and {} amounts", a.currency, b.currency));
    return Money{add_minor(a.minor, b.minor, "amount"), a.currency};
}

Money operator-(const Money& a, const Money& b) {
    if (a.currency != b.currency)
        throw std::logic_error(fmt::format("cannot subtract {} and {} amounts", a.currency, b.currency));
    return Money{subtract_minor(a.minor, b.minor, "amount"), a.currency};
}

Money convert(const Money& money, const FxRates& rates, std::string_view figure) {
    if (money.currency == rates.base) return money;
    auto rate = rates.nano_rates.find(money.currency);
    if (rate == rates.nano_rates.end())
        throw RuntimeError(fmt::format(
            "no exchange rate for {0} in config [fx] (base currency {1}); set one with 'acm config set fx.{0} RATE'",
            money.currency, rates.base));

    // minor × rate × 10^digits(base) / (1e9 × 10^digits(currency)), rounded half away from zero,
    // in 128 bits so that large amounts times a 9-decimal rate cannot overflow silently.
    int128 numerator = 0;
    if (__builtin_mul_overflow(static_cast<int128>(money.minor), static_cast<int128>(rate->second),
                               &numerator) ||
        __builtin_mul_overflow(numerator, static_cast<int128>(power_of_ten(minor_digits(rates.base))),
                               &numerator))
        overflow(figure);
    int128 denominator = static_cast<int128>(1'000'000'000) * power_of_ten(minor_digits(money.currency));
    int128 quotient = numerator / denominator;
    int128 remainder = numerator % denominator;
    if (2 * (remainder < 0 ? -remainder : remainder) >= denominator) quotient += numerator < 0 ? -1 : 1;
    if (quotient > INT64_MAX || quotient < INT64_MIN) overflow(figure);
    return Money{static_cast<std::int64_t>(quotient), rates.base};
}

}  // namespace acm
