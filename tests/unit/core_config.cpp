#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>

#include <unistd.h>

#include "acm/core/config.hpp"
#include "acm/core/error.hpp"

using namespace acm;

namespace {
// A scratch config file removed at the end of the test.
struct TempFile {
    std::string path;
    explicit TempFile(const std::string& text) {
        path = (std::filesystem::temp_directory_path() / ("acm-config-" + std::to_string(::getpid()) + ".toml")).string();
        std::ofstream(path) << text;
    }
    ~TempFile() { std::remove(path.c_str()); }
};

std::string error_of(const std::function<void()>& action, int* status = nullptr) {
    try {
        action();
    } catch (const Error& e) {
        if (status) *status = e.status();
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("config defaults") {
    Config config;
    CHECK(config.string("currency") == "EUR");
    CHECK(config.string("output.format") == "table");
    CHECK(config.integers("renewal.remind_days") == std::vector<std::int64_t>{90, 60, 30});
    CHECK(config.number("health.weights.nps") == 25.0);
    CHECK(config.strings("tiers.allowed") == std::vector<std::string>{"low-touch", "high-touch", "strategic"});
    CHECK(config.strings("segments.allowed").empty());
    CHECK(config.fx_rates().base == "EUR");
    CHECK(config.fx_rates().nano_rates.empty());
}

TEST_CASE("config precedence: defaults then file then -c") {
    TempFile file("currency = \"USD\"\n[fx]\nEUR = 1.08\n[renewal]\nremind_days = [30]\n");
    auto config = Config::load(file.path, {});
    CHECK(config.string("currency") == "USD");
    CHECK(config.integers("renewal.remind_days") == std::vector<std::int64_t>{30});
    CHECK(config.fx_rates().nano_rates.at("EUR") == 1080000000);
    CHECK(config.string("output.format") == "table");

    auto overridden = Config::load(file.path, {"currency=GBP", "renewal.remind_days=[7, 1]", "fx.USD=1.27"});
    CHECK(overridden.string("currency") == "GBP");
    CHECK(overridden.integers("renewal.remind_days") == std::vector<std::int64_t>{7, 1});
    CHECK(overridden.fx_rates().nano_rates.at("USD") == 1270000000);
    CHECK(overridden.fx_rates().nano_rates.at("EUR") == 1080000000);

    bool found = false;
    for (const auto& entry : overridden.entries())
        if (entry.key == "currency") {
            found = true;
            CHECK(entry.origin == "command line");
            CHECK(entry.value == "GBP");
        }
    CHECK(found);
}

TEST_CASE("config missing file is no error") {
    auto config = Config::load("/nonexistent/acm/config.toml", {});
    CHECK(config.string("currency") == "EUR");
}

TEST_CASE("config errors name the file and line") {
    TempFile file("currency = \"EUR\"\n\n[health.weights]\nnps = \"lots\"\n");
    int status = 0;
    auto message = error_of([&] { Config::load(file.path, {}); }, &status);
    CHECK(status == 1);
    CHECK(message == "config file " + file.path + ", line 4: health.weights.nps must be a number");

    TempFile unknown("[output]\ncolour = \"red\"\n");
    CHECK(error_of([&] { Config::load(unknown.path, {}); }) ==
          "config file " + unknown.path + ", line 2: unknown key 'output.colour' (valid: format)");

    TempFile syntax("currency = \n");
    CHECK(error_of([&] { Config::load(syntax.path, {}); }).starts_with("config file " + syntax.path + ", line 1: "));
}

TEST_CASE("config -c errors are usage errors") {
    int status = 0;
    CHECK(error_of([] { Config::load("", {"nope=1"}); }, &status) == "-c nope=1: unknown key 'nope' (valid: cadence, currency, escalation, feedback, fx, health, "
                                                                  "output, renewal, segments, tiers)");
    CHECK(status == 2);
    CHECK(error_of([] { Config::load("", {"currency"}); }) == "-c currency is not valid (expected KEY=VALUE)");
    CHECK(error_of([] { Config::load("", {"renewal.remind_days=[1, \"x\"]"}); }) ==
          "-c renewal.remind_days=[1, \"x\"]: renewal.remind_days must be an array of integers");
    CHECK(error_of([] { Config::load("", {"health.weights.nps=-1"}); }).find("not negative") != std::string::npos);
    CHECK(error_of([] { Config::load("", {"escalation.sla.high=soon"}); }).find("a duration") != std::string::npos);
    CHECK(error_of([] { Config::load("", {"output.format=xml"}); }).find("one of table, csv") != std::string::npos);
}

TEST_CASE("config string keys take text as is") {
    auto config = Config::load("", {"output.format=json", "currency=\"USD\""});
    CHECK(config.string("output.format") == "json");
    CHECK(config.string("currency") == "USD");
    CHECK(Config::load("", {"health.weights.nps=30"}).number("health.weights.nps") == 30.0);
}

TEST_CASE("config set writes a private file and keeps other keys") {
    auto dir = std::filesystem::temp_directory_path() / ("acm-set-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::string path = (dir / "sub" / "config.toml").string();
    set_config_value(path, "currency", "USD");
    set_config_value(path, "renewal.remind_days", "[45, 15]");
    auto config = Config::load(path, {});
    CHECK(config.string("currency") == "USD");
    CHECK(config.integers("renewal.remind_days") == std::vector<std::int64_t>{45, 15});
    CHECK((std::filesystem::status(path).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    CHECK_THROWS_AS(set_config_value(path, "renewal.remind_days", "soon"), UsageError);
    CHECK(Config::load(path, {}).integers("renewal.remind_days") == std::vector<std::int64_t>{45, 15});
    std::filesystem::remove_all(dir);
}

// Found while writing fuzz_config's finiteness check: TOML's nan and inf passed the "not negative" check, and
// would have made every health score and forecast nan; rates and reminder days had no upper bound.
TEST_CASE("config refuses non-finite numbers and out-of-range rates, probabilities and days") {
    auto load = [](const std::string& text) { return Config::parse(text, "c.toml", {}); };
    int status = 0;
    CHECK(error_of([&] { load("[health.weights]\nnps = nan\n"); }, &status) ==
          "config file c.toml, line 2: health.weights.nps = nan is not valid (expected a finite number that "
          "is not negative)");
    CHECK(status == 1);
    CHECK(error_of([&] { load("[health.thresholds]\ngreen = inf\n"); }) != "");
    CHECK(error_of([&] { load("[renewal.probability]\nhigh = 1.5\n"); }).find("a probability from 0 to 1") !=
          std::string::npos);
    CHECK(error_of([&] { load("[fx]\nUSD = 1e300\n"); }).find("from 0.000000001 to 1000000") !=
          std::string::npos);
    CHECK(error_of([&] { load("[fx]\nUSD = 1e-12\n"); }) != "");
    CHECK(error_of([&] { load("[renewal]\nremind_days = [9223372036854775807]\n"); }) != "");
    CHECK(error_of([&] { Config::parse(std::nullopt, "", {"health.weights.csat=nan"}); }, &status) != "");
    CHECK(status == 2);
    Config fine =
        load("[fx]\nUSD = 0.92\n[renewal.probability]\nhigh = 1\n[renewal]\nremind_days = [3660]\n");
    CHECK(fine.fx_rates().nano_rates.at("USD") == 920000000);
}

// Weights of 1e308 made the weighted sum infinite and the health score nan; a yellow threshold
// above the green one, windows of 9999y, penalties above 100 made no sense either.
TEST_CASE("config bounds health weights, thresholds, penalties and durations") {
    auto load = [](const std::string& text) { return Config::parse(text, "c.toml", {}); };
    int status = 0;
    CHECK(error_of([&] { load("[health.weights]\nnps = 1e308\n"); }, &status) ==
          "config file c.toml, line 2: health.weights.nps = 1e+308 is not valid (expected a weight from 0 to 1000)");
    CHECK(status == 1);
    CHECK(error_of([&] { load("[health.thresholds]\ngreen = 101\n"); }) ==
          "config file c.toml, line 2: health.thresholds.green = 101 is not valid (expected a score from 0 to 100)");
    CHECK(error_of([&] { load("[health.penalties]\nlow = 150\n"); }).find("a penalty from 0 to 100") !=
          std::string::npos);
    CHECK(error_of([&] { load("[health.windows]\nusage = \"9999y\"\n"); }) ==
          "config file c.toml, line 2: health.windows.usage = 9999y is not valid (expected a duration from 1d to "
          "10y such as 30d, 6w, 3m, 1y)");
    CHECK(error_of([&] { load("[escalation.sla]\nlow = \"3661d\"\n"); }) != "");
    CHECK(error_of([&] { load("\n[health.thresholds]\nyellow = 80\n"); }) ==
          "config file c.toml, line 3: health.thresholds.yellow = 80.0 is not valid (expected at most "
          "health.thresholds.green, 70.0)");
    CHECK(error_of([&] { load("[health.thresholds]\ngreen = 30\n"); }) ==
          "config file c.toml, line 2: health.thresholds.green = 30.0 is not valid (expected at least "
          "health.thresholds.yellow, 40.0)");
    CHECK(error_of([&] { Config::parse(std::nullopt, "", {"health.thresholds.yellow=71"}); }, &status) ==
          "-c health.thresholds.yellow=71: health.thresholds.yellow = 71.0 is not valid (expected at most "
          "health.thresholds.green, 70.0)");
    CHECK(status == 2);
    Config fine = load(
        "[health.weights]\nnps = 1000\n[health.thresholds]\ngreen = 100\nyellow = 100\n[health.penalties]\n"
        "low = 100\n[health.windows]\nusage = \"10y\"\n");
    CHECK(fine.number("health.weights.nps") == 1000);
    // Lowering both in one file: checked once the file is read, not key by key.
    CHECK(load("[health.thresholds]\nyellow = 20\ngreen = 30\n").number("health.thresholds.green") == 30);
}

TEST_CASE("config set writes numbers in their shortest form") {
    auto dir = std::filesystem::temp_directory_path() / ("acm-set-short-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::string path = (dir / "config.toml").string();
    set_config_value(path, "fx.USD", "0.92");
    set_config_value(path, "fx.GBP", "1.17");
    set_config_value(path, "health.weights.nps", "30.5");
    set_config_value(path, "output.format", "csv");
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text == "[fx]\nGBP = 1.17\nUSD = 0.92\n\n[health.weights]\nnps = 30.5\n\n[output]\nformat = 'csv'\n");
    CHECK(Config::load(path, {}).fx_rates().nano_rates.at("USD") == 920000000);
    std::filesystem::remove_all(dir);
}
