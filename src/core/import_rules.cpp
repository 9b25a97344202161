#include "acm/core/import_rules.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "acm/core/error.hpp"
#include "acm/core/money.hpp"
#include "acm/core/text.hpp"

namespace acm {

namespace fs = std::filesystem;

std::string normalize_header(std::string_view header) {
    std::string result;
    for (char c : trim(header)) {
        char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower == '_' || lower == '-' || lower == ' ') {
            if (!result.empty() && result.back() != ' ') result += ' ';
        } else {
            result += lower;
        }
    }
    return trim(result);
}

bool header_matches(std::string_view pattern, std::string_view header) {
    // Glob with * and ?, iteratively: the last * absorbs what the rest does not match.
    std::size_t p = 0, h = 0, star = std::string_view::npos, resume = 0;
    while (h < header.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == header[h])) {
            ++p, ++h;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++, resume = h;
        } else if (star != std::string_view::npos) {
            p = star + 1, h = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

namespace {

const std::vector<std::string> kinds = {"account", "contract", "feedback", "usage", "contact"};
const std::vector<std::string> encodings = {"utf-8", "utf-16", "latin1", "windows-1252"};
const std::vector<std::string> keys = {
    "description",  "kind",    "encoding",  "delimiter", "skip_lines", "skip_after_header",
    "date_formats", "decimal", "thousands", "currency",  "source",     "end_at_blank_line",
    "account_by",   "fields",  "values",    "skip_rows"};

struct Reader {
    const std::string& origin;
    [[noreturn]] void fail(const toml::node& node, const std::string& what) const {
        throw UsageError(fmt::format("rules file {}, line {}: {}", origin, node.source().begin.line, what));
    }
    std::string text(const toml::node& node, std::string_view key) const {
        if (!node.is_string()) fail(node, fmt::format("{} must be a string", key));
        return node.as_string()->get();
    }
    std::string choice(const toml::node& node, std::string_view key,
                       const std::vector<std::string>& valid) const {
        std::string value = text(node, key);
        if (std::find(valid.begin(), valid.end(), value) == valid.end())
            fail(node, fmt::format("{} = {} is not valid (expected {})", key, quote_value(value),
                                   join_choices(valid)));
        return value;
    }
    int count(const toml::node& node, std::string_view key) const {
        auto value = node.value<std::int64_t>();
        if (!node.is_integer() || !value || *value < 0 || *value > 1000)
            fail(node, fmt::format("{} must be a number of lines, 0 to 1000", key));
        return static_cast<int>(*value);
    }
    // A string or an array of strings.
    std::vector<std::string> texts(const toml::node& node, std::string_view key) const {
        if (node.is_string()) return {node.as_string()->get()};
        std::vector<std::string> result;
        if (auto* array = node.as_array())
            for (const auto& item : *array) result.push_back(text(item, key));
        else
            fail(node, fmt::format("{} must be a string or an array of strings", key));
        if (result.empty()) fail(node, fmt::format("{} must not be empty", key));
        return result;
    }
    const toml::table& table(const toml::node& node, std::string_view key) const {
        if (!node.is_table()) fail(node, fmt::format("[{}] must be a table", key));
        return *node.as_table();
    }
};

// The strptime conversions a date format may use: enough for every export we know, and
// none that reads a locale's names in another language than the file's.
void check_date_format(const Reader& reader, const toml::node& node, const std::string& format) {
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') continue;
        char c = i + 1 < format.size() ? format[i + 1] : '\0';
        if (c == '\0' || std::string_view("dmYyHIMSpbe%").find(c) == std::string_view::npos)
            reader.fail(
                node,
                fmt::format("date_formats: {} uses %{} (expected only %d %m %Y %y %H %I %M %S %p %b %e)",
                            quote_value(format), c));
        ++i;
    }
}

}  // namespace

ImportRules parse_import_rules(std::string_view text, const std::string& origin) {
    toml::table file;
    try {
        file = toml::parse(text, std::string_view(origin));
    } catch (const toml::parse_error& e) {
        throw UsageError(
            fmt::format("rules file {}, line {}: {}", origin, e.source().begin.line, e.description()));
    }
    Reader reader{origin};
    ImportRules rules;
    rules.origin = origin;
    bool thousands_given = false;
    for (const auto& [key_node, node] : file) {
        std::string key(key_node.str());
        if (key == "description") {
            rules.description = reader.text(node, key);
        } else if (key == "kind") {
            rules.kind = reader.choice(node, key, kinds);
        } else if (key == "encoding") {
            rules.encoding = reader.choice(node, key, encodings);
        } else if (key == "delimiter") {
            std::string value = reader.text(node, key);
            if (value == "\\t" || value == "tab") value = "\t";
            if (value != "," && value != ";" && value != "\t" && value != "|")
                reader.fail(
                    node, fmt::format("delimiter = {} is not valid (expected \",\", \";\", \"\\t\" or \"|\")",
                                      quote_value(value)));
            rules.delimiter = value[0];
        } else if (key == "skip_lines") {
            rules.skip_lines = reader.count(node, key);
        } else if (key == "skip_after_header") {
            rules.skip_after_header = reader.count(node, key);
        } else if (key == "date_formats") {
            rules.date_formats = reader.texts(node, key);
            if (auto* array = node.as_array())
                for (const auto& item : *array) check_date_format(reader, item, item.value_or(std::string()));
            else
                check_date_format(reader, node, rules.date_formats.front());
        } else if (key == "decimal") {
            rules.decimal = reader.choice(node, key, {".", ","})[0];
            rules.separators_given = true;
        } else if (key == "thousands") {
            rules.thousands = reader.choice(node, key, {"", ",", ".", " ", "'"});
            thousands_given = true;
            rules.separators_given = true;
        } else if (key == "currency") {
            std::string code = reader.text(node, key);
            if (!is_currency(code))
                reader.fail(node,
                            fmt::format("currency = {} is not valid (expected an ISO 4217 code such as EUR)",
                                        quote_value(code)));
            rules.currency = code;
        } else if (key == "source") {
            rules.source = reader.text(node, key);
        } else if (key == "account_by") {
            rules.account_by = reader.choice(node, key, {"email"});
        } else if (key == "end_at_blank_line") {
            if (!node.is_boolean()) reader.fail(node, "end_at_blank_line must be true or false");
            rules.end_at_blank_line = node.value_or(false);
        } else if (key == "fields") {
            for (const auto& [field, headers] : reader.table(node, key)) {
                ImportRules::Field entry{
                    std::string(field.str()), {}, static_cast<int>(headers.source().begin.line)};
                for (const auto& header : reader.texts(headers, fmt::format("[fields] {}", field.str())))
                    entry.headers.push_back(normalize_header(header));
                rules.fields.push_back(std::move(entry));
            }
        } else if (key == "values") {
            for (const auto& [field, map] : reader.table(node, key)) {
                auto& values = rules.values[std::string(field.str())];
                rules.values_line[std::string(field.str())] = static_cast<int>(map.source().begin.line);
                for (const auto& [from, to] : reader.table(map, fmt::format("values.{}", field.str())))
                    values[lowercase(trim(from.str()))] =
                        reader.text(to, fmt::format("[values.{}]", field.str()));
            }
        } else if (key == "skip_rows") {
            for (const auto& [header, values] : reader.table(node, key)) {
                auto& skipped = rules.skip_rows[normalize_header(header.str())];
                for (const auto& value : reader.texts(values, fmt::format("[skip_rows] {}", header.str())))
                    skipped.push_back(lowercase(trim(value)));
            }
        } else {
            reader.fail(node,
                        fmt::format("unknown key {} (expected {})", quote_value(key), join_choices(keys)));
        }
    }
    // The separator that is not the decimal mark groups thousands, unless the file says otherwise.
    if (!thousands_given) rules.thousands = rules.decimal == ',' ? "." : ",";
    if (rules.thousands.size() == 1 && rules.thousands[0] == rules.decimal)
        throw UsageError(fmt::format("rules file {}: decimal and thousands are both {}", origin,
                                     quote_value(rules.thousands)));
    return rules;
}

namespace {

std::optional<std::string> read_text_file(const fs::path& path) {
    // A folder opens as a file and reads as nothing: that would be rules with no settings.
    std::error_code error;
    if (fs::is_directory(path, error)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The folders of rules, the user's first: $XDG_CONFIG_HOME/acm/rules, then the bundled
// ones beside the binary: share/acm/rules in the build tree, ../share/acm/rules installed.
std::vector<std::pair<fs::path, bool>> rules_folders() {
    std::vector<std::pair<fs::path, bool>> folders;
    if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config)
        folders.push_back({fs::path(config) / "acm" / "rules", true});
    else if (const char* home = std::getenv("HOME"); home && *home)
        folders.push_back({fs::path(home) / ".config" / "acm" / "rules", true});
    std::error_code error;
    fs::path exe = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        folders.push_back({exe.parent_path() / "share" / "acm" / "rules", false});
        folders.push_back({exe.parent_path().parent_path() / "share" / "acm" / "rules", false});
    }
    return folders;
}

}  // namespace

std::vector<RulesEntry> list_import_rules() {
    std::map<std::string, RulesEntry> found;
    for (const auto& [folder, user] : rules_folders()) {
        std::error_code error;
        for (const auto& entry : fs::directory_iterator(folder, error)) {
            if (entry.path().extension() != ".toml") continue;
            std::string name = entry.path().stem().string();
            found.emplace(name, RulesEntry{name, entry.path().string(), user});  // the first folder wins
        }
    }
    std::vector<RulesEntry> result;
    for (auto& [name, entry] : found) result.push_back(std::move(entry));
    return result;
}

std::string import_rules_path(const std::string& name_or_file) {
    bool is_path = name_or_file.find('/') != std::string::npos ||
                   (name_or_file.size() > 5 && name_or_file.ends_with(".toml"));
    if (is_path) return name_or_file;
    auto rules = list_import_rules();
    for (const auto& entry : rules)
        if (entry.name == name_or_file) return entry.path;
    std::vector<std::string> names;
    for (const auto& entry : rules) names.push_back(entry.name);
    throw UsageError(
        fmt::format("--rules {}: no such rules (expected a file, or one of {}; see 'acm rules list')",
                    quote_value(name_or_file), names.empty() ? "none found" : join_choices(names)));
}

ImportRules load_import_rules(const std::string& name_or_file) {
    std::string path = import_rules_path(name_or_file);
    auto text = read_text_file(path);
    if (!text) throw RuntimeError(fmt::format("cannot read rules file {}", path));
    return parse_import_rules(*text, path);
}

// True for nothing, or a time zone after a time: " GMT+2", " UTC", "+05:30", "Z" (Google
// Forms writes "2024/05/27 3:00:00 PM GMT+2"). The date as written counts.
static bool zone_only(std::string_view rest) {
    rest = trim_view(rest);
    if (rest.starts_with("GMT") || rest.starts_with("UTC")) rest.remove_prefix(3);
    if (rest == "Z" || rest.empty()) return true;
    if (rest[0] != '+' && rest[0] != '-') return false;
    rest.remove_prefix(1);
    std::size_t digits = 0;
    for (char c : rest) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if (c != ':')
            return false;
    }
    return digits >= 1 && digits <= 4;
}

std::optional<std::string> date_in_formats(std::string_view text, const std::vector<std::string>& formats) {
    std::string value = trim(text);
    for (const auto& format : formats) {
        std::tm tm{};
        tm.tm_mday = 0;
        const char* end = strptime(value.c_str(), format.c_str(), &tm);
        if (!end || !zone_only(end) || tm.tm_mday == 0) continue;
        std::chrono::year_month_day date{std::chrono::year(tm.tm_year + 1900),
                                         std::chrono::month(static_cast<unsigned>(tm.tm_mon + 1)),
                                         std::chrono::day(static_cast<unsigned>(tm.tm_mday))};
        if (!date.ok()) continue;
        return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    }
    return std::nullopt;
}

std::string plain_amount(std::string_view text, char decimal, std::string_view thousands) {
    static const std::pair<std::string_view, std::string_view> symbols[] = {
        {"€", "EUR"}, {"$", "USD"}, {"£", "GBP"}, {"¥", "JPY"}, {"CHF", "CHF"}};
    std::string value = trim(text), code;
    for (const auto& [symbol, iso] : symbols)
        if (auto at = value.find(symbol); at != std::string::npos) {
            value.erase(at, symbol.size());
            code = iso;
            break;
        }
    value = trim(value);
    // No number at all ("$"): left as written, for the parser's message to quote.
    if (value.find_first_of("0123456789") == std::string::npos) return std::string(text);
    std::string number;
    bool decimal_seen = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
        char c = value[i];
        // A thousands separator stands between a digit and a group of exactly three.
        auto digit = [&](std::size_t at) {
            return at < value.size() && value[at] >= '0' && value[at] <= '9';
        };
        bool groups = i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4);
        if (!thousands.empty() && c == thousands[0] && groups && !decimal_seen) continue;
        if (c == decimal && !decimal_seen) {
            decimal_seen = true;
            number += '.';
        } else if (c == '.' || c == ',') {
            return std::string(text);  // a separator the rules do not name: left for the parser to refuse
        } else {
            number += c;
        }
    }
    return code.empty() ? number : number + " " + code;
}

std::string import_amount(std::string_view cell, const ImportRules* rules) {
    if (rules && rules->separators_given) return plain_amount(cell, rules->decimal, rules->thousands);
    if (auto problem = ambiguous_separators(cell))
        throw UsageError(fmt::format("{} {}", quote_value(cell), *problem));
    return plain_amount(cell, '.', ",");
}

std::optional<std::string> ambiguous_separators(std::string_view amount) {
    // The number's first run of digits and separators: a code or symbol around it is not ours.
    std::size_t start = amount.find_first_of("0123456789");
    if (start == std::string_view::npos) return std::nullopt;
    std::size_t end = amount.find_first_not_of("0123456789.,", start);
    std::string_view number = amount.substr(start, end == std::string_view::npos ? end : end - start);
    auto last = number.find_last_of(".,");
    if (last == std::string_view::npos) return std::nullopt;
    std::size_t after = number.size() - last - 1;  // digits after the last separator
    bool dots = number.find('.') != std::string_view::npos,
         commas = number.find(',') != std::string_view::npos;
    char suffix = end == std::string_view::npos ? 0 : static_cast<char>(amount[end] | 0x20);
    if (number[last] == ',' && (dots || after != 3))
        return "uses \",\" as its decimal mark (set decimal = \",\" and thousands in a rules file, --rules)";
    if (number[last] == '.' && !commas &&
        (number.find('.') != last || (after == 3 && suffix != 'k' && suffix != 'm')))
        return "is ambiguous: \".\" may be the decimal mark or a thousands separator (set decimal and "
               "thousands in a rules file, --rules)";
    return std::nullopt;
}

std::string plain_duration(std::string_view text) {
    std::string value = lowercase(trim_view(text));
    std::size_t digits = value.find_first_not_of("0123456789");
    if (value.empty() || digits == 0) return std::string(text);
    if (digits == std::string::npos) return value + "d";  // a bare number counts days
    std::string_view unit = trim_view(std::string_view(value).substr(digits));
    static const std::pair<std::string_view, char> units[] = {{"day", 'd'},   {"days", 'd'},  {"week", 'w'},
                                                              {"weeks", 'w'}, {"month", 'm'}, {"months", 'm'},
                                                              {"year", 'y'},  {"years", 'y'}};
    for (const auto& [word, letter] : units)
        if (unit == word) return value.substr(0, digits) + letter;
    return std::string(text);
}

}  // namespace acm
