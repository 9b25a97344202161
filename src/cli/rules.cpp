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
    std::ifstream in(import_rules_path(options.name), std::ios::binary);
    ctx.out << in.rdbuf();
}

struct DetectOptions {
    std::string file;
};

// The rules that find a column for the largest share of their [fields] entries in the
// file's header, read as each says (encoding, lines to skip, delimiter).
void run_detect(Context& ctx, const DetectOptions& options) {
    // The start of the file, read once (standard input cannot be read again): enough for
    // any header and the lines before it.
    std::string start(1 << 16, '\0');
    auto input = open_input(options.file);
    input->read(start.data(), static_cast<std::streamsize>(start.size()));
    start.resize(static_cast<std::size_t>(input->gcount()));
    std::vector<std::string> found;
    double best = 0;
    for (const auto& entry : list_import_rules()) {
        auto rules = load_import_rules(entry.path);
        std::vector<std::string> header;
        try {
            std::istringstream in(start);
            header = read_csv_header(in, &rules);
        } catch (const UsageError&) {
            continue;  // not readable as these rules say: not theirs
        }
        std::vector<std::string> normalized;
        for (const auto& name : header) normalized.push_back(normalize_header(name));
        std::size_t matched = 0;
        for (const auto& field : rules.fields) {
            bool any = false;
            for (const auto& pattern : field.headers)
                for (const auto& name : normalized) any = any || header_matches(pattern, name);
            matched += any;
        }
        // Some fields are optional (an e-mail column), so the rules that find the largest
        // share of their fields win, if that is more than half.
        double share = rules.fields.empty() ? 0 : double(matched) / double(rules.fields.size());
        if (share <= 0.5 || share < best) continue;
        if (share > best) found.clear();
        best = share;
        found.push_back(entry.name);
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
