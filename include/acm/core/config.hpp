#pragma once
// Configuration (acm-config(5)): built-in defaults < user file < -c KEY=VALUE overrides
// (< command-line flags, applied by the commands). Every key has a type fixed by the
// defaults; an unknown key or a value of the wrong type is an error naming where it came
// from (file and line, or the -c argument).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "acm/core/money.hpp"

namespace acm {

// A play ([[play]] in the config file, acm-task(1)): a condition on an account that turns into
// a task. Checked when the config is read; the values are kept as text (see play_conditions).
struct PlayRule {
    std::string name;
    std::vector<std::pair<std::string, std::string>> when;  // condition → its value: red, 20, 45d, true
    std::string task;                                        // the task's text, with {key}, {name}, …
    std::string due = "+7d";                                 // from the day of the run
    std::string priority = "normal";
    std::string every = "30d";  // at most one task of the play per account in this span
    std::string origin;         // "config file F, line N", for messages
};

// The conditions a play may name, and what each takes, for messages and `acm play list`.
struct PlayCondition {
    const char* name;
    const char* takes;
};
const std::vector<PlayCondition>& play_conditions();
// The fields a play's task text may name: {key}, {name}, ….
const std::vector<std::string>& play_placeholders();

class Config {
public:
    // Defaults only.
    Config();
    // Defaults, then `user_file` when it exists (a missing file is no error), then each
    // "key=value" of `overrides`. Errors: RuntimeError for the file, UsageError for -c.
    static Config load(const std::string& user_file, const std::vector<std::string>& overrides);
    // The same with the file's content given as `text` (nullopt: no file) and named `origin` in
    // errors; load() reads the file and calls this, and the fuzzer calls it directly.
    static Config parse(std::optional<std::string_view> text, const std::string& origin,
                        const std::vector<std::string>& overrides);

    std::string string(const std::string& key) const;
    std::int64_t integer(const std::string& key) const;
    double number(const std::string& key) const;  // integer or float
    std::vector<std::string> strings(const std::string& key) const;
    std::vector<std::int64_t> integers(const std::string& key) const;
    // The base currency and the [fx] rates.
    FxRates fx_rates() const;
    // The string values of an open table ([cadence]) by key.
    std::map<std::string, std::string> string_table(const std::string& key) const;
    // The plays of the config file, in its order.
    const std::vector<PlayRule>& plays() const;
    // The names of the [health.profile.NAME] tables, in the config file's order (then those
    // that only -c gives): the first that matches an account wins.
    const std::vector<std::string>& health_profiles() const;
    // Whether `key` has a value (a profile sets only some keys).
    bool has(const std::string& key) const;

    struct Entry {
        std::string key;     // dotted: renewal.remind_days
        std::string value;   // TOML text of the value: "EUR", [90, 60, 30]
        std::string origin;  // default, the file path, or -c
    };
    // Every leaf value, in key order.
    std::vector<Entry> entries() const;
    // The TOML text of one value or table (for `config get`); UsageError on an unknown key.
    std::string value_text(const std::string& key) const;

    struct Impl;

private:
    std::shared_ptr<Impl> impl_;
};

// ACM_CONFIG, else $XDG_CONFIG_HOME/acm/config.toml (~/.config/acm/config.toml).
std::string config_file_path();

// Validates "KEY" = VALUE as -c would and writes it into `file` (created 0600 with its
// folder when missing). Comments in an existing file are not preserved.
void set_config_value(const std::string& file, const std::string& key, const std::string& value);

}  // namespace acm
