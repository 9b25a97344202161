// acm rules list|show|detect: which rules files there are, what one says, which fit a file.
#include "acm/cli/rules.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "acm/cli/command.hpp"
#include "acm/core/error.hpp"
#include "acm/core/import_rules.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/import/pipeline.hpp"

namespace acm {

namespace {

struct NoOptions {};

void run_list(Context& ctx, const NoOptions&) {
    std::vector<Column> columns = {{"name"}, {"kind"}, {"description"}, {"path", Kind::text, false}};
    std::vector<Row> rows;
    for (const auto& entry : list_import_rules()) {
        auto rules = load_import_rules(entry.path);
        rows.push_back({entry.name, rules.kind.value_or(""), rules.description, entry.path});
    }
    ctx.print_rows(columns, std::move(rows));
}

struct NameOptions {
    std::string name;
};

void run_show(Context& ctx, const NameOptions& options) {
    load_import_rules(options.name);  // the same lookup and checks as --rules
    for (const auto& entry : list_import_rules())
        if (entry.name == options.name || entry.path == options.name) {
            std::ifstream in(entry.path, std::ios::binary);
            ctx.out << in.rdbuf();
            return;
        }
    std::ifstream in(options.name, std::ios::binary);
    ctx.out << in.rdbuf();
}

struct DetectOptions {
    std::string file;
};

// The rules whose every [fields] entry finds a column in the file's header, read as the
// rules say (encoding, lines to skip, delimiter).
void run_detect(Context& ctx, const DetectOptions& options) {
    std::vector<std::string> found;
    for (const auto& entry : list_import_rules()) {
        auto rules = load_import_rules(entry.path);
        auto input = open_input(options.file);
        std::vector<std::string> header;
        try {
            header = read_csv_header(*input, &rules);
        } catch (const UsageError&) {
            continue;  // not readable as these rules say: not theirs
        }
        std::vector<std::string> normalized;
        for (const auto& name : header) normalized.push_back(normalize_header(name));
        bool all = !rules.fields.empty();
        for (const auto& field : rules.fields) {
            bool any = false;
            for (const auto& pattern : field.headers)
                for (const auto& name : normalized) any = any || header_matches(pattern, name);
            all = all && any;
        }
        if (all) found.push_back(entry.name);
    }
    if (found.empty())
        throw RuntimeError(
            fmt::format("no rules fit the header of {} (see 'acm rules list'; write your own as "
                        "acm-import-rules(5) shows)",
                        options.file));
    for (const auto& name : found) ctx.out << name << "\n";
}

}  // namespace

void add_rules_commands(CLI::App& app, Context& ctx) {
    auto* rules = add_group(app, "rules", "Import rules: how to read other systems' CSV exports");
    add_command(*rules, ctx, std::make_shared<NoOptions>(), "list",
                "List the rules files, yours and the bundled ones", "acm rules list", run_list);
    auto show = std::make_shared<NameOptions>();
    add_command(*rules, ctx, show, "show", "Print a rules file, to copy and adapt",
                "acm rules show hubspot-companies > ~/.config/acm/rules/my-crm.toml", run_show)
        ->add_option("name", show->name, "Rules name (see 'acm rules list') or file")
        ->required();
    auto detect = std::make_shared<DetectOptions>();
    add_command(*rules, ctx, detect, "detect", "Name the rules whose headers match a CSV file",
                "acm rules detect companies-export.csv", run_detect)
        ->add_option("file", detect->file, "CSV file, or - for standard input")
        ->required();
}

}  // namespace acm
