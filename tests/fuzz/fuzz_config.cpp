// libFuzzer target: the config loader. The input is a config file, optionally followed by a
// NUL byte and -c overrides, one per line. Errors must be acm::Error; a loaded config must
// answer every accessor, and every number in it must be finite and not negative.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/error.hpp"

using namespace acm;

static void require(bool condition) {
    if (!condition) std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    auto nul = input.find('\0');
    std::string file = input.substr(0, nul);
    std::vector<std::string> overrides;
    if (nul != std::string::npos) {
        std::istringstream lines(input.substr(nul + 1));
        for (std::string line; std::getline(lines, line);) overrides.push_back(line);
    }
    try {
        Config config = Config::parse(file, "fuzz.toml", overrides);
        for (const auto& entry : config.entries()) (void)config.value_text(entry.key);
        for (const char* key :
             {"renewal.probability.low", "renewal.probability.medium", "renewal.probability.high",
              "health.weights.nps", "health.thresholds.green", "health.penalties.critical"}) {
            double value = config.number(key);
            require(std::isfinite(value) && value >= 0);
        }
        for (auto days : config.integers("renewal.remind_days")) require(days > 0);
        FxRates rates = config.fx_rates();
        require(is_currency(rates.base));
        for (const auto& [code, rate] : rates.nano_rates) require(is_currency(code) && rate > 0);
    } catch (const Error&) {
    }
    return 0;
}
