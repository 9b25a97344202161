// libFuzzer target: the money parser. Errors must be acm::Error; what parses is never
// negative nor above the bound (10^13 units) and formats back to text that parses to the same amount.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "acm/core/error.hpp"
#include "acm/core/money.hpp"

using namespace acm;

static void require(bool condition) {
    if (!condition) std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    Money money;
    try {
        money = parse_money(text, "EUR", "--arr");
    } catch (const Error&) {
        return 0;
    }
    require(money.minor >= 0 && money.minor <= max_amount_minor(money.currency) && is_currency(money.currency));
    // Outside any try: the printed forms must parse again, to the same amount.
    require(parse_money(format_decimal(money) + " " + money.currency, "EUR", "--arr") == money);
    require(parse_money(format_human(money), "EUR", "--arr") == money);
    FxRates rates{"EUR", {{"USD", 920000000}, {"JPY", 6100000}}};
    try {
        (void)convert(money, rates, "arr");
    } catch (const Error&) {  // overflow is reported, never wrapped
    }
    return 0;
}
