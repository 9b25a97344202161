#include "acm/core/config.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <limits>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "acm/core/date.hpp"
#include "acm/core/error.hpp"
#include "acm/core/file_safety.hpp"
#include "acm/core/private_file.hpp"

namespace acm {

// The defaults are the schema: a key exists, and has a type, when it has a default here.
static constexpr std::string_view default_config = R"toml(
currency = "EUR"

[output]
format = "table"

[fx]

[renewal]
remind_days = [90, 60, 30]

[renewal.probability]
low = 0.9
medium = 0.6
high = 0.3

[escalation.sla]
critical = "1d"
high = "3d"
medium = "7d"
low = "14d"

[health.weights]
nps = 25.0
csat = 15.0
escalations = 20.0
usage = 25.0
engagement = 15.0

[health.thresholds]
green = 70.0
yellow = 40.0

[health.penalties]
critical = 50.0
high = 30.0
medium = 15.0
low = 5.0

[health.windows]
feedback = "180d"
usage = "30d"
engagement_full = "30d"
engagement_zero = "120d"

[health.profile]

[feedback]
follow_up_within = "2d"

[cadence]
strategic = "14d"
high-touch = "30d"
low-touch = "90d"

[segments]
allowed = []

[tiers]
allowed = ["low-touch", "high-touch", "strategic"]
)toml";

// Tables whose keys are the user's own: [fx] maps currency codes to rates, [cadence] tiers to
// how often their accounts are to be touched.
static bool is_open_table(const std::string& key) { return key == "fx" || key == "cadence"; }

// [health.profile.NAME]: tables named by the user, each in the shape of profile_schema().
static constexpr std::string_view profiles_key = "health.profile";

// The statuses a profile may match: the accounts table's CHECK and account_statuses() in the
// domain, which core cannot call (a unit test keeps the three the same).
static const std::vector<std::string>& profile_statuses() {
    static const std::vector<std::string> values = {"prospect", "onboarding", "active", "at-risk", "churned"};
    return values;
}

// The name of a play or a profile, which messages and --explain show: lowercase letters,
// digits and -, at most 64.
static bool is_rule_name(std::string_view name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// A profile's key as the [health] key whose bounds it shares: health.profile.smb.weights.nps
// as health.weights.nps.
static std::string health_key_of(const std::string& key) {
    std::string prefix = std::string(profiles_key) + ".";
    if (!key.starts_with(prefix)) return key;
    auto dot = key.find('.', prefix.size());
    return dot == std::string::npos ? key : "health" + key.substr(dot);
}

struct Config::Impl {
    toml::table values;
    std::map<std::string, std::string> origins;  // leaf key → where its value came from
    std::vector<PlayRule> plays;
    std::vector<std::string> profiles;  // the names of [health.profile.NAME], in the file's order
};


static std::string join_key(const std::string& prefix, std::string_view key) {
    return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

static std::string node_text(const toml::node& node) {
    std::ostringstream out;
    node.visit([&](const auto& n) { out << n; });
    return out.str();
}

// A value as people read it: strings bare (EUR, not 'EUR'), everything else as TOML.
static std::string display_text(const toml::node& node) {
    if (auto* text = node.as_string()) return text->get();
    if (auto* number = node.as_floating_point()) {
        // The shortest text that reads back as the same double: 0.92, not 0.92000000000000004.
        auto text = fmt::format("{}", number->get());
        if (text.find_first_of(".einf") == std::string::npos) text += ".0";
        return text;
    }
    return node_text(node);
}

static std::string type_name(const toml::node& node) {
    if (node.is_string()) return "a string";
    if (node.is_integer()) return "an integer";
    if (node.is_floating_point()) return "a number";
    if (node.is_boolean()) return "true or false";
    if (node.is_table()) return "a table";
    if (auto* array = node.as_array()) {
        if (!array->empty() && array->front().is_integer()) return "an array of integers";
        return "an array of strings";
    }
    return "a value of another type";
}

// A duration from 1d to 10y: a window back from any --today, an SLA from any opening time or a
// play's span stays within the dates acm holds.
static bool is_config_duration(const std::string& text) {
    try {
        Duration duration = parse_duration(text, "config");
        static constexpr int days_per_unit[] = {1, 7, 31, 366};
        return duration.count * days_per_unit[static_cast<int>(duration.unit)] <= 3660;
    } catch (const UsageError&) {
        return false;
    }
}

// Checks a value's domain beyond its TOML type; returns what was expected, or "" when fine.
static std::string check_domain(const std::string& given_key, const toml::node& node) {
    std::string key = health_key_of(given_key);
    if (key == "currency") {
        auto code = node.value_or(std::string());
        if (!is_currency(code)) return "an ISO 4217 currency code such as EUR";
    } else if (key == "output.format") {
        auto format = node.value_or(std::string());
        if (format != "table" && format != "csv" && format != "tsv" && format != "json")
            return "one of table, csv, tsv, json";
    } else if (key.starts_with("escalation.sla.") || key.starts_with("health.windows.") ||
               key.starts_with("cadence.") || key == "feedback.follow_up_within") {
        if (!is_config_duration(node.value_or(std::string())))
            return "a duration from 1d to 10y such as 30d, 6w, 3m, 1y";
    } else if (key.starts_with("fx.")) {
        if (!is_currency(key.substr(3))) return "a key that is an ISO 4217 currency code";
        // Rates are kept with 9 decimals (FxRates): smaller ones would round to 0, larger ones
        // would overflow a conversion.
        double rate = node.value_or(0.0);
        if (!(rate >= 1e-9 && rate <= 1e6))
            return "a positive number from 0.000000001 to 1000000 (units of the base currency per unit)";
    } else if (node.is_integer() || node.is_floating_point()) {
        // TOML allows nan and inf, which would make every score and forecast nan.
        // Upper bounds keep every weighted sum finite: weights of 1e308 made the score nan.
        double value = node.value_or(0.0);
        if (!std::isfinite(value) || value < 0) return "a finite number that is not negative";
        if (key.starts_with("renewal.probability.") && value > 1) return "a probability from 0 to 1";
        if (key.starts_with("health.weights.") && value > 1000) return "a weight from 0 to 1000";
        if (key.starts_with("health.thresholds.") && value > 100) return "a score from 0 to 100";
        if (key.starts_with("health.penalties.") && value > 100) return "a penalty from 0 to 100";
    } else if (auto* array = node.as_array(); array && (key == "health.segments" || key == "health.statuses")) {
        // A profile's segments (checked against segments.allowed with the whole config, in
        // check_health_tables) and statuses.
        bool statuses = key == "health.statuses";
        for (const auto& element : *array) {
            auto text = element.value_or(std::string());
            if (text.empty()) return statuses ? "an array of account statuses" : "an array of segment names that are not empty";
            if (statuses && std::find(profile_statuses().begin(), profile_statuses().end(), text) == profile_statuses().end())
                return fmt::format("an array of account statuses: {}", fmt::join(profile_statuses(), ", "));
        }
    } else if (auto* array = node.as_array(); array && key == "renewal.remind_days") {
        // The same range as renewal remind --days.
        for (const auto& element : *array) {
            auto days = element.value_or(std::int64_t{0});
            if (days <= 0 || days > 3660) return "an array of whole numbers of days from 1 to 3660";
        }
    }
    return "";
}

// Where a value came from, for error messages: "config file F, line N" or "-c K=V".
using Describe = std::function<std::string(const toml::node&)>;

[[noreturn]] static void fail_with(int status, const std::string& message) {
    if (status == exit_usage) throw UsageError(message);
    throw RuntimeError(message);
}

// The profiles' names, in key order.
static std::vector<std::string> profile_names(const toml::table& values) {
    std::vector<std::string> names;
    if (auto* profiles = values.at_path(profiles_key).as_table())
        for (const auto& entry : *profiles) names.emplace_back(entry.first.str());
    return names;
}

// The node at `key` in `given`, else `given` itself (for its -c, or where its file begins).
static const toml::node& node_in(const toml::table& given, const std::string& key) {
    auto node = given.at_path(key);
    return node ? *node.node() : given;
}

// The checks that need more than one key, run after each source is merged (`given`, the file
// or one -c), which then holds a key that broke it: in [health] and in every profile (with
// the thresholds it does not set from [health]) the yellow threshold may not be above the
// green one; a profile names the accounts it matches, with segments that segments.allowed
// allows when it is not empty.
static void check_health_tables(const toml::table& values, const toml::table& given, const Describe& where,
                                int status) {
    std::vector<std::string> prefixes = {"health"};
    for (const auto& name : profile_names(values)) prefixes.push_back(std::string(profiles_key) + "." + name);
    auto text = [](double value) { return display_text(toml::value<double>(value)); };
    for (const auto& prefix : prefixes) {
        auto threshold = [&](const std::string& name) {
            std::string key = prefix + ".thresholds." + name;
            if (!values.at_path(key)) key = "health.thresholds." + name;
            return std::make_pair(key, values.at_path(key).value_or(0.0));
        };
        auto [green_key, green] = threshold("green");
        auto [yellow_key, yellow] = threshold("yellow");
        if (yellow > green) {
            if (auto node = given.at_path(yellow_key))
                fail_with(status, fmt::format("{}: {} = {} is not valid (expected at most {}, {})", where(*node.node()),
                                              yellow_key, text(yellow), green_key, text(green)));
            fail_with(status, fmt::format("{}: {} = {} is not valid (expected at least {}, {})",
                                          where(node_in(given, green_key)), green_key, text(green), yellow_key,
                                          text(yellow)));
        }
        if (prefix == "health") continue;
        const toml::table& profile = *values.at_path(prefix).as_table();
        const auto* segments = profile.get_as<toml::array>("segments");
        const auto* statuses = profile.get_as<toml::array>("statuses");
        if ((!segments || segments->empty()) && (!statuses || statuses->empty())) {
            fail_with(status, fmt::format("{}: {} needs the accounts it scores (expected segments = [...] and/or "
                                          "statuses = [...])",
                                          where(node_in(given, prefix)), prefix));
        }
        const auto* allowed = values.at_path("segments.allowed").as_array();
        if (!segments || !allowed || allowed->empty()) continue;
        for (const auto& segment : *segments) {
            std::string name = segment.value_or(std::string());
            bool known = std::any_of(allowed->begin(), allowed->end(),
                                     [&](const toml::node& a) { return a.value_or(std::string()) == name; });
            if (known) continue;
            const toml::node& node = given.at_path(prefix + ".segments") ? node_in(given, prefix + ".segments")
                                                                          : node_in(given, "segments.allowed");
            std::vector<std::string> valid;
            for (const auto& a : *allowed) valid.push_back(a.value_or(std::string()));
            fail_with(status, fmt::format("{}: {}.segments = {} is not valid ('{}' is not in segments.allowed: {})",
                                          where(node), prefix, display_text(*segments), name, fmt::join(valid, ", ")));
        }
    }
}

static const toml::table& schema();
static const toml::table& profile_schema();

// Merges `from` into `into` under `prefix`, checking every key against the defaults.
static void merge(toml::table& into, const toml::table& from, const toml::table& schema, const std::string& prefix,
                  const std::string& origin, std::map<std::string, std::string>& origins, const Describe& where,
                  int status) {
    for (const auto& entry : from) {
        // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
        const auto& name = entry.first;
        const toml::node& node = entry.second;
        std::string key = join_key(prefix, name.str());
        auto fail = [&](const std::string& what) { fail_with(status, fmt::format("{}: {}", where(node), what)); };
        const toml::node* expected = schema.get(name.str());
        if (is_open_table(prefix)) {
            bool rate = prefix == "fx";
            if (rate ? !node.is_number() : !node.is_string())
                fail(fmt::format("{} must be {}", key, rate ? "a number" : "a string"));
        } else if (prefix == profiles_key) {
            // A profile: named like a play, since --explain and `config get` show the name.
            if (!is_rule_name(name.str()))
                fail(fmt::format("profile name '{}' is not valid (expected lowercase letters, digits and -)", name.str()));
            if (!node.is_table()) fail(fmt::format("{} must be a table", key));
            auto* target = into.insert(name.str(), toml::table{}).first->second.as_table();
            merge(*target, *node.as_table(), profile_schema(), key, origin, origins, where, status);
            continue;
        } else if (!expected) {
            std::vector<std::string> valid;
            for (const auto& known : schema) valid.emplace_back(known.first.str());
            fail(fmt::format("unknown key '{}' (valid: {})", key, fmt::join(valid, ", ")));
        } else if (expected->is_table()) {
            if (!node.is_table()) fail(fmt::format("{} must be a table", key));
            // A profile holds only the tables it sets.
            auto* target = into.insert(name.str(), toml::table{}).first->second.as_table();
            merge(*target, *node.as_table(), *expected->as_table(), key, origin, origins, where, status);
            continue;
        } else if (expected->is_floating_point() ? !node.is_number() : expected->type() != node.type()) {
            fail(fmt::format("{} must be {}", key, type_name(*expected)));
        } else if (auto* array = expected->as_array()) {
            bool want_integers = !array->empty() && array->front().is_integer();
            for (const auto& element : *node.as_array())
                if (want_integers ? !element.is_integer() : !element.is_string())
                    fail(fmt::format("{} must be {}", key, type_name(*expected)));
        }
        if (auto problem = check_domain(key, node); !problem.empty())
            fail(fmt::format("{} = {} is not valid (expected {})", key, display_text(node), problem));
        // A float key given as an integer (weights = 25) is stored as a float.
        if (node.is_integer() && expected && expected->is_floating_point())
            into.insert_or_assign(name.str(), static_cast<double>(node.value_or(std::int64_t{0})));
        else
            into.insert_or_assign(name.str(), node);
        origins[key] = origin;
    }
}

static const toml::table& schema() {
    static const toml::table table = toml::parse(default_config, std::string_view("defaults"));
    return table;
}

// What a [health.profile.NAME] may hold: whom it matches, and the numbers of [health] it
// overrides. Not the windows: they decide which rows are read, once for every account.
static const toml::table& profile_schema() {
    static const toml::table table = [] {
        toml::table profile;
        profile.insert("segments", toml::array{});
        profile.insert("statuses", toml::array{});
        for (const char* name : {"weights", "thresholds", "penalties"})
            profile.insert(name, *schema().at_path(std::string("health.") + name).node());
        return profile;
    }();
    return table;
}

static void record_default_origins(const toml::table& table, const std::string& prefix,
                                   std::map<std::string, std::string>& origins) {
    for (const auto& [name, node] : table) {
        std::string key = join_key(prefix, name.str());
        if (auto* sub = node.as_table())
            record_default_origins(*sub, key, origins);
        else
            origins[key] = "default";
    }
}

Config::Config() : impl_(std::make_shared<Impl>()) {
    impl_->values = schema();
    record_default_origins(impl_->values, "", impl_->origins);
}

// "key=value" as a one-entry table. The value is TOML (-c renewal.remind_days=[90,30]);
// text that is not valid TOML, or any value of a string key, is taken as a plain string.
static toml::table override_table(const std::string& assignment) {
    auto equals = assignment.find('=');
    if (equals == std::string::npos || equals == 0)
        throw UsageError(fmt::format("-c {} is not valid (expected KEY=VALUE)", assignment));
    std::string key = assignment.substr(0, equals);
    std::string text = assignment.substr(equals + 1);
    auto expected = schema().at_path(key);
    std::optional<toml::table> parsed;
    if (!(expected && expected.is_string()) || text.starts_with('"')) {
        try {
            parsed = toml::parse("value = " + text);
        } catch (const toml::parse_error&) {
        }
    }
    toml::table leaf;
    if (parsed && parsed->get("value"))
        leaf.insert("value", *parsed->get("value"));
    else
        leaf.insert("value", text);
    // Rebuild the dotted key as nested tables: a.b.c = v.
    toml::table result;
    toml::table* current = &result;
    std::string_view rest = key;
    while (true) {
        auto dot = rest.find('.');
        std::string part(rest.substr(0, dot));
        if (part.empty()) throw UsageError(fmt::format("-c {}: '{}' is not a valid key", assignment, key));
        if (dot == std::string_view::npos) {
            current->insert_or_assign(part, *leaf.get("value"));
            break;
        }
        current = current->insert_or_assign(part, toml::table{}).first->second.as_table();
        rest.remove_prefix(dot + 1);
    }
    return result;
}

// The config file's text, read with the workspace's file-safety rules (check_owned_file): it
// changes [fx] and every report, so it must be a regular file (a FIFO would hang acm, a device
// feed it anything) that nobody but the user, or root, can change. It is checked before it is
// opened, so that no FIFO or device is ever opened, and again on the open descriptor, in case it
// was replaced in between. A link is followed (dotfile managers link config files) and what it
// points to is checked: only the folder's owner can make or change the link. Nothing for a
// missing file (or a link to one).
static std::optional<std::string> read_config_file(const std::string& path) {
    if (path.empty()) return std::nullopt;
    auto cannot_read = [&] { return RuntimeError(fmt::format("cannot read config file {}: {}", path, std::strerror(errno))); };
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
        throw cannot_read();
    }
    check_owned_file(path, st, "config file", Owner::user_or_root);
    // O_NONBLOCK: should a FIFO take the file's place meanwhile, the open returns at once.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) throw cannot_read();
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    if (::fstat(fd, &st) != 0) throw cannot_read();
    check_owned_file(path, st, "config file", Owner::user_or_root);
    std::string text;
    char buffer[16384];
    for (;;) {
        ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) throw cannot_read();
        if (got == 0) break;
        text.append(buffer, static_cast<std::size_t>(got));
    }
    return text;
}

Config Config::load(const std::string& user_file, const std::vector<std::string>& overrides) {
    std::optional<std::string> text = read_config_file(user_file);
    return parse(text ? std::optional<std::string_view>(*text) : std::nullopt, user_file, overrides);
}

const std::vector<PlayCondition>& play_conditions() {
    static const std::vector<PlayCondition> values = {
        {"health", "red, yellow or green"},
        {"health_drop", "points the score fell in 30 days, 1 to 100"},
        {"no_touch", "a duration without a touch, such as 45d"},
        {"renewal_within", "a duration to an open renewal's due day, such as 120d"},
        {"stage", "with renewal_within: upcoming, in-progress or committed"},
        {"nps_max", "the latest NPS answer at most this, 0 to 10"},
        {"escalation", "an open escalation of this severity or worse: critical, high, medium or low"},
        {"usage_drop", "percent the mean active users fell, 1 to 100"},
        {"champion_left", "true: the champion contact left in the last 30 days and none is left"},
        {"tier", "the account's tier, such as strategic"},
        {"segment", "the account's segment"},
    };
    return values;
}

const std::vector<std::string>& play_placeholders() {
    static const std::vector<std::string> values = {"key", "name", "owner", "tier", "segment", "health",
                                                    "health_score"};
    return values;
}

// The plays of a config file ([[play]]): each table checked, with the file's line in errors.
static std::vector<PlayRule> read_plays(const toml::node& node, const std::string& origin) {
    auto where = [&](const toml::node& n) { return fmt::format("config file {}, line {}", origin, n.source().begin.line); };
    auto fail = [&](const toml::node& n, const std::string& what) -> void {
        throw RuntimeError(fmt::format("{}: {}", where(n), what));
    };
    std::vector<PlayRule> plays;
    const auto* array = node.as_array();
    if (!array || !array->is_array_of_tables()) fail(node, "play must be tables written [[play]]");
    auto join = [](const auto& names) {
        std::string text;
        for (const auto& name : names) text += (text.empty() ? "" : ", ") + std::string(name);
        return text;
    };
    for (const auto& element : *array) {
        const auto& table = *element.as_table();
        PlayRule play;
        play.origin = where(table);
        // Not structured bindings: clang 14 (the fuzz build) cannot capture one in a lambda.
        for (const auto& entry : table) {
            const toml::node& value = entry.second;
            std::string name(entry.first.str());
            auto text = [&]() -> std::string {
                if (!value.is_string()) fail(value, fmt::format("play.{} must be a string", name));
                return value.value_or(std::string());
            };
            if (name == "name") {
                play.name = text();
                if (!is_rule_name(play.name)) fail(value, fmt::format("play name '{}' is not valid (expected lowercase letters, digits and -)", play.name));
            } else if (name == "task") {
                play.task = text();
                // Every {placeholder} must be one the run can fill.
                for (std::size_t open = play.task.find('{'); open != std::string::npos; open = play.task.find('{', open + 1)) {
                    auto close = play.task.find('}', open);
                    std::string field = play.task.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
                    if (close == std::string::npos ||
                        std::find(play_placeholders().begin(), play_placeholders().end(), field) == play_placeholders().end()) {
                        std::vector<std::string> fields;
                        for (const auto& placeholder : play_placeholders()) fields.push_back("{" + placeholder + "}");
                        fail(value, fmt::format("play.task: {{{}}} is not a field (valid: {})", field, join(fields)));
                    }
                }
            } else if (name == "due") {
                play.due = text();
                if (play.due.size() < 3 || play.due[0] != '+' || !is_config_duration(play.due.substr(1)))
                    fail(value, fmt::format("play.due = \"{}\" is not valid (expected + and a duration from 1d to 10y, such as +2d)", play.due));
            } else if (name == "priority") {
                play.priority = text();
                if (play.priority != "high" && play.priority != "normal" && play.priority != "low")
                    fail(value, fmt::format("play.priority = \"{}\" is not valid (expected high, normal or low)", play.priority));
            } else if (name == "every") {
                play.every = text();
                if (!is_config_duration(play.every))
                    fail(value, fmt::format("play.every = \"{}\" is not valid (expected a duration from 1d to 10y, such as 30d)", play.every));
            } else if (name == "when") {
                const auto* conditions = value.as_table();
                if (!conditions || conditions->empty()) fail(value, "play.when must be a table of conditions, such as { health = \"red\" }");
                for (const auto& condition_entry : *conditions) {
                    const toml::node& condition = condition_entry.second;
                    std::string condition_name(condition_entry.first.str());
                    const auto& known = play_conditions();
                    auto found = std::find_if(known.begin(), known.end(), [&](const PlayCondition& c) { return condition_name == c.name; });
                    if (found == known.end()) {
                        std::vector<std::string> names;
                        for (const auto& c : known) names.push_back(c.name);
                        fail(condition, fmt::format("unknown condition '{}' in play.when (valid: {})", condition_name, join(names)));
                    }
                    auto bad = [&] {
                        fail(condition, fmt::format("play.when.{} = {} is not valid (expected {})", condition_name,
                                                    display_text(condition), found->takes));
                    };
                    std::string value_text;
                    if (condition_name == "health" || condition_name == "stage" || condition_name == "escalation") {
                        static const std::map<std::string, std::vector<std::string>> choices = {
                            {"health", {"red", "yellow", "green"}},
                            {"stage", {"upcoming", "in-progress", "committed"}},
                            {"escalation", {"critical", "high", "medium", "low"}}};
                        value_text = condition.value_or(std::string());
                        const auto& valid = choices.at(condition_name);
                        if (!condition.is_string() || std::find(valid.begin(), valid.end(), value_text) == valid.end()) bad();
                    } else if (condition_name == "tier" || condition_name == "segment") {
                        value_text = condition.value_or(std::string());
                        if (!condition.is_string() || value_text.empty()) bad();
                    } else if (condition_name == "no_touch" || condition_name == "renewal_within") {
                        value_text = condition.value_or(std::string());
                        if (!condition.is_string() || !is_config_duration(value_text)) bad();
                    } else if (condition_name == "champion_left") {
                        if (!condition.is_boolean() || !condition.value_or(false)) bad();
                        value_text = "true";
                    } else {
                        // health_drop, usage_drop: 1–100; nps_max: 0–10, whole numbers.
                        if (!condition.is_integer()) bad();
                        auto number = condition.value_or(std::int64_t{0});
                        bool nps = condition_name == "nps_max";
                        if (number < (nps ? 0 : 1) || number > (nps ? 10 : 100)) bad();
                        value_text = std::to_string(number);
                    }
                    play.when.emplace_back(condition_name, value_text);
                }
                bool has_stage = false, has_renewal = false;
                for (const auto& [c, v] : play.when) has_stage |= c == "stage", has_renewal |= c == "renewal_within";
                if (has_stage && !has_renewal) fail(value, "play.when.stage needs renewal_within");
            } else {
                fail(value, fmt::format("unknown key 'play.{}' (valid: name, when, task, due, priority, every)", name));
            }
        }
        if (play.name.empty()) fail(table, "a play needs a name");
        if (play.when.empty()) fail(table, fmt::format("play '{}' needs when = {{ … }}", play.name));
        if (play.task.empty()) fail(table, fmt::format("play '{}' needs task = \"…\"", play.name));
        for (const auto& other : plays)
            if (other.name == play.name) fail(table, fmt::format("play '{}' is named twice (also at {})", play.name, other.origin));
        plays.push_back(std::move(play));
    }
    return plays;
}

Config Config::parse(std::optional<std::string_view> text, const std::string& origin,
                     const std::vector<std::string>& overrides) {
    Config config;
    auto& impl = *config.impl_;
    if (text) {
        toml::table file;
        try {
            file = toml::parse(*text, std::string_view(origin));
        } catch (const toml::parse_error& e) {
            throw RuntimeError(fmt::format("config file {}, line {}: {}", origin, e.source().begin.line,
                                           e.description()));
        }
        Describe where = [&](const toml::node& node) {
            return fmt::format("config file {}, line {}", origin, node.source().begin.line);
        };
        // Plays are a list of tables of their own, not settings with defaults.
        if (const toml::node* plays = file.get("play")) {
            impl.plays = read_plays(*plays, origin);
            file.erase("play");
        }
        merge(impl.values, file, schema(), "", origin, impl.origins, where, exit_runtime);
        check_health_tables(impl.values, file, where, exit_runtime);
        // The first profile that matches wins, so their order is the file's: toml++ keeps a
        // table's keys sorted, the source positions tell where each profile began.
        impl.profiles = profile_names(impl.values);
        auto position = [&](const std::string& name) {
            const auto& begin = file.at_path(std::string(profiles_key) + "." + name).node()->source().begin;
            return std::make_pair(begin.line, begin.column);
        };
        std::sort(impl.profiles.begin(), impl.profiles.end(),
                  [&](const std::string& a, const std::string& b) { return position(a) < position(b); });
    }
    for (const auto& assignment : overrides) {
        Describe where = [&](const toml::node&) { return "-c " + assignment; };
        toml::table given = override_table(assignment);
        merge(impl.values, given, schema(), "", "command line", impl.origins, where, exit_usage);
        check_health_tables(impl.values, given, where, exit_usage);
        // A profile that only -c gives comes after the file's.
        for (auto& name : profile_names(impl.values))
            if (std::find(impl.profiles.begin(), impl.profiles.end(), name) == impl.profiles.end())
                impl.profiles.push_back(std::move(name));
    }
    return config;
}

static const toml::node& lookup(const toml::table& values, const std::string& key) {
    auto node = values.at_path(key);
    if (!node) throw UsageError(fmt::format("unknown config key '{}'", key));
    return *node.node();
}

const std::vector<PlayRule>& Config::plays() const { return impl_->plays; }
const std::vector<std::string>& Config::health_profiles() const { return impl_->profiles; }

bool Config::has(const std::string& key) const { return impl_->values.at_path(key).node() != nullptr; }

std::string Config::string(const std::string& key) const {
    return lookup(impl_->values, key).value_or(std::string());
}
std::int64_t Config::integer(const std::string& key) const {
    return lookup(impl_->values, key).value_or(std::int64_t{0});
}
double Config::number(const std::string& key) const { return lookup(impl_->values, key).value_or(0.0); }

std::vector<std::string> Config::strings(const std::string& key) const {
    std::vector<std::string> result;
    if (auto* array = lookup(impl_->values, key).as_array())
        for (const auto& element : *array) result.push_back(element.value_or(std::string()));
    return result;
}

std::vector<std::int64_t> Config::integers(const std::string& key) const {
    std::vector<std::int64_t> result;
    if (auto* array = lookup(impl_->values, key).as_array())
        for (const auto& element : *array) result.push_back(element.value_or(std::int64_t{0}));
    return result;
}

FxRates Config::fx_rates() const {
    FxRates rates;
    rates.base = string("currency");
    if (auto* fx = lookup(impl_->values, "fx").as_table())
        for (const auto& [code, rate] : *fx)
            rates.nano_rates[std::string(code.str())] = std::llround(rate.value_or(0.0) * 1e9);
    return rates;
}

std::map<std::string, std::string> Config::string_table(const std::string& key) const {
    std::map<std::string, std::string> values;
    if (auto* table = lookup(impl_->values, key).as_table())
        for (const auto& [name, value] : *table)
            if (auto* text = value.as_string()) values.emplace(std::string(name.str()), text->get());
    return values;
}

static void collect(const toml::table& table, const std::string& prefix,
                    const std::map<std::string, std::string>& origins, std::vector<Config::Entry>& out) {
    for (const auto& [name, node] : table) {
        std::string key = join_key(prefix, name.str());
        if (auto* sub = node.as_table()) {
            collect(*sub, key, origins, out);
        } else {
            auto origin = origins.find(key);
            out.push_back({key, display_text(node), origin == origins.end() ? "default" : origin->second});
        }
    }
}

std::vector<Config::Entry> Config::entries() const {
    std::vector<Entry> result;
    collect(impl_->values, "", impl_->origins, result);
    return result;
}

std::string Config::value_text(const std::string& key) const {
    const auto& node = lookup(impl_->values, key);
    if (auto* table = node.as_table()) {
        std::ostringstream out;
        out << *table;
        return out.str();
    }
    return display_text(node);
}

static std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

std::string config_file_path() {
    if (auto path = env("ACM_CONFIG"); !path.empty()) return path;
    std::string config_home = env("XDG_CONFIG_HOME");
    if (config_home.empty()) config_home = env("HOME") + "/.config";
    return config_home + "/acm/config.toml";
}

// A key as TOML writes it: bare when it can be, else quoted.
static std::string toml_key(std::string_view key) {
    bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
    return bare ? std::string(key) : node_text(toml::value<std::string>(std::string(key)));
}

// The config as TOML text: toml++ writes a float with 17 digits (0.92 as 0.92000000000000004),
// so the values are written here, floats in the shortest form that reads back the same.
static void write_toml(std::ostream& out, const toml::table& table, const std::string& prefix) {
    for (const auto& [name, node] : table)
        if (!node.is_table())
            out << toml_key(name.str()) << " = " << (node.is_floating_point() ? display_text(node) : node_text(node))
                << "\n";
    // The tables in the file's order, new ones last: toml++ sorts them by key, and the order of
    // the [health.profile.NAME] tables decides which one wins.
    std::vector<std::pair<std::string_view, const toml::table*>> tables;
    for (const auto& [name, node] : table)
        if (auto* sub = node.as_table()) tables.emplace_back(name.str(), sub);
    auto line = [](const toml::table* sub) {
        auto begin = sub->source().begin.line;
        return begin == 0 ? std::numeric_limits<toml::source_index>::max() : begin;
    };
    std::stable_sort(tables.begin(), tables.end(), [&](const auto& a, const auto& b) { return line(a.second) < line(b.second); });
    for (const auto& [name, sub_table] : tables) {
        std::string key = prefix.empty() ? toml_key(name) : prefix + "." + toml_key(name);
        const toml::table& sub = *sub_table;
        // A table that holds only tables needs no header of its own ([health] before [health.weights]).
        if (sub.empty() || !std::all_of(sub.begin(), sub.end(), [](const auto& entry) { return entry.second.is_table(); }))
            out << "\n[" << key << "]\n";
        write_toml(out, sub, key);
    }
}

void set_config_value(const std::string& file, const std::string& key, const std::string& value) {
    // Read once, with the file-safety checks; validate the new value on top of it exactly as -c would.
    std::optional<std::string> current = read_config_file(file);
    Config::parse(current ? std::optional<std::string_view>(*current) : std::nullopt, file, {key + "=" + value});
    toml::table table;
    if (current) table = toml::parse(*current, file);
    toml::table update = override_table(key + "=" + value);
    // Merge the one-key update into the file's table, creating intermediate tables.
    std::function<void(toml::table&, const toml::table&)> apply = [&](toml::table& into, const toml::table& from) {
        for (const auto& [name, node] : from) {
            auto* existing = into.get(name.str());
            if (node.is_table() && existing && existing->is_table())
                apply(*existing->as_table(), *node.as_table());
            else
                into.insert_or_assign(name.str(), node);
        }
    };
    apply(table, update);

    namespace fs = std::filesystem;
    // A link (a dotfile manager's) stays a link: the file it points to is replaced.
    fs::path path(file);
    std::error_code error;
    if (fs::is_symlink(path, error)) {
        fs::path target = fs::canonical(path, error);
        if (!error) path = target;
    }
    // A new folder is private, as the workspace's: one that others may write would let them
    // replace the config file.
    create_private_dirs(path.parent_path());
    std::ostringstream text;
    write_toml(text, table, "");
    std::string data = text.str();
    if (data.starts_with('\n')) data.erase(0, 1);
    // Written as backups and exports are (PrivateFile): never a half-written config.
    PrivateFile replacement(path.string(), true);
    {
        std::ofstream out(replacement.temp_path(), std::ios::binary | std::ios::trunc);
        out << data;
        out.close();
        if (!out) throw RuntimeError(fmt::format("cannot write config file {}", file));
    }
    replacement.commit();
}

}  // namespace acm
