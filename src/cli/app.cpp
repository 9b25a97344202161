// The command line: global options, dispatch to the command groups, `acm help`, the nearest
// names for a mistyped command or flag, and the mapping of every error to one stderr line and
// an exit status (acm(1), EXIT STATUS).
#include "acm/cli/app.hpp"

#include <algorithm>
#include <cerrno>
#include <ostream>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "acm/cli/account.hpp"
#include "acm/cli/admin.hpp"
#include "acm/cli/context.hpp"
#include "acm/cli/contract.hpp"
#include "acm/cli/escalate.hpp"
#include "acm/cli/feedback.hpp"
#include "acm/cli/hooks.hpp"
#include "acm/cli/renewal.hpp"
#include "acm/cli/report.hpp"
#include "acm/cli/task.hpp"
#include "acm/cli/rules.hpp"
#include "acm/core/error.hpp"
#include "acm/core/fd_output.hpp"
#include "acm/core/text.hpp"
#include "acm/output/render.hpp"

namespace acm {

static void add_global_options(CLI::App& app, GlobalOptions& global) {
    app.add_option("-w,--workspace", global.workspace,
                   "Workspace file (else ACM_WORKSPACE, else $XDG_DATA_HOME/acm/workspace.db)");
    app.add_option("--format", global.format, "Output format: table, csv, tsv or json (config output.format)");
    app.add_flag("--csv", global.csv, "Same as --format csv");
    app.add_flag("--tsv", global.tsv, "Same as --format tsv");
    app.add_flag("--json", global.json, "Same as --format json");
    app.add_option("--columns", global.columns, "Columns to show, in order: a,b,c");
    app.add_option("--sort", global.sort, "Sort rows by columns: name or -name for descending, comma-separated");
    app.add_option("--limit", global.limit, "Show at most N rows");
    app.add_flag("--no-header", global.no_header, "Print no header row");
    app.add_flag("--wide", global.wide, "Tables show every column, uncut, even on a narrow terminal");
    app.add_option("--color", global.color, "Color output: auto, always or never");
    app.add_option("--today", global.today, "The date that counts as today (also ACM_TODAY)");
    app.add_option("-c", global.config_overrides, "Override one config value: KEY=VALUE (repeatable)")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_flag("-q,--quiet", global.quiet, "No notices on stderr");
    app.add_flag("--no-hooks", global.no_hooks, "Run no hooks after this command (see 'man acm', HOOKS)");
}

namespace {

// "did you mean 'contract'?" for the candidates closest to `word`: a typo (edit distance up to
// a third of the word, at least 2, 1 for a word of three letters or less) or a start of one
// ("acc" for account); empty if none is.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& candidate : candidates) {
        std::size_t distance = edit_distance(word, candidate);
        if (word.size() >= 2 && candidate.starts_with(word)) distance = std::min<std::size_t>(distance, 1);
        // Two edits turn any short word into another ("ad" into "rm").
        std::size_t allowed = word.size() < 4 ? 1 : std::max<std::size_t>(2, word.size() / 3);
        if (distance <= allowed) scored.emplace_back(distance, candidate);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    // Only the closest: --jsn is --json, not also --csv or --tsv.
    std::vector<std::string> quoted;
    for (std::size_t i = 0; i < scored.size() && i < 3 && scored[i].first == scored[0].first; ++i)
        quoted.push_back("'" + scored[i].second + "'");
    return quoted.empty() ? "" : "did you mean " + join_choices(quoted) + "?";
}

std::vector<std::string> command_names(CLI::App& command) {
    std::vector<std::string> names;
    for (auto* sub : command.get_subcommands([](CLI::App* app) { return !app->get_disabled(); }))
        names.push_back(sub->get_name());
    return names;
}

CLI::App* find_command(CLI::App& command, std::string_view name) {
    for (auto* sub : command.get_subcommands([](CLI::App* app) { return !app->get_disabled(); }))
        if (sub->get_name() == name) return sub;
    return nullptr;
}

// A noun such as `contract`, which is nothing without one of its verbs.
bool needs_command(const CLI::App& command) { return command.get_require_subcommand_min() > 0; }

// What CLI11 takes for an option rather than a value: "--x", "-x", but not "-", "--" or a
// negative number such as "-2w" (a date) or "-5".
bool looks_like_option(std::string_view word) {
    if (word.size() < 2 || word.front() != '-' || word == "--") return false;
    return word[1] == '-' || !(word[1] >= '0' && word[1] <= '9');
}

// Where the command line leads: the command it names, and whether it asks for help.
struct CommandLine {
    CLI::App* command = nullptr;
    std::string path;        // "acm contract list"
    bool help = false;       // acm help [NOUN [VERB]]
    bool help_flag = false;  // -h, --help or --version: CLI11 answers those
    bool any_words = false;  // anything at all after "acm"
};

// Walks the words as CLI11 will parse them, following nouns and verbs and skipping options
// with their values, so that an unknown command or flag is a usage error in acm's words with
// the nearest names, rather than CLI11's "A subcommand is required" or "The following
// arguments were not expected". What the walk cannot judge (arguments of a verb) CLI11 does.
CommandLine walk(CLI::App& app, const std::vector<std::string>& words) {
    CommandLine line{&app, "acm"};
    line.any_words = !words.empty();
    std::vector<CLI::App*> chain = {&app};  // global options fall through to every command
    auto find_option = [&chain](const std::string& name) -> CLI::Option* {
        for (auto it = chain.rbegin(); it != chain.rend(); ++it)
            if (auto* option = (*it)->get_option_no_throw(name)) return option;
        return nullptr;
    };
    auto unknown_flag = [&](const std::string& flag) {
        std::vector<std::string> flags;
        for (auto* command : chain)
            for (const auto* option : command->get_options())
                for (const auto& name : option->get_lnames()) flags.push_back("--" + name);
        std::string hint = did_you_mean(flag, flags);
        if (hint.empty()) hint = fmt::format("see 'acm help{}'", line.path.substr(3));
        return UsageError(fmt::format("unknown flag '{}' for '{}' ({})", flag, line.path, hint));
    };
    bool arguments = false;  // past the command: the rest are its arguments
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (word == "--") break;  // the rest are arguments
        if (looks_like_option(word)) {
            // --name, --name=value; -x, -xVALUE, and bundled short flags: -qc KEY=VALUE.
            bool is_long = word.starts_with("--");
            std::string name = is_long ? word.substr(0, word.find('=')) : word.substr(0, 2);
            CLI::Option* option = find_option(name);
            if (!option) throw unknown_flag(name);
            if (name == "-h" || name == "--help" || name == "--version") line.help_flag = true;
            bool takes_value = option->get_items_expected_max() > 0;
            bool value_given = is_long ? name.size() < word.size() : takes_value && word.size() > 2;
            for (std::size_t k = 2; !is_long && !takes_value && k < word.size(); ++k) {
                name = std::string("-") + word[k];
                option = find_option(name);
                if (!option) throw unknown_flag(name);
                if (name == "-h") line.help_flag = true;
                takes_value = option->get_items_expected_max() > 0;
                value_given = takes_value && k + 1 < word.size();
            }
            // A required value is the next word whatever it looks like (--segment -minus), as
            // CLI11 takes it; an optional one only when it does not look like an option.
            if (takes_value && !value_given && i + 1 < words.size() &&
                (option->get_items_expected_min() > 0 || !looks_like_option(words[i + 1])))
                ++i;
            continue;
        }
        CLI::App* command = line.command;
        if (arguments) continue;
        if (word == "help" && command == &app && !line.help) {
            line.help = true;
            continue;
        }
        CLI::App* sub = find_command(*command, word);
        // A verb's arguments; a verb may have verbs of its own too (contract amend ID, contract
        // amend rm ID): then a word that is none of them is its first argument.
        if (!sub && !needs_command(*command)) {
            arguments = true;
            continue;
        }
        if (!sub) {
            std::vector<std::string> names = command_names(*command);
            std::string hint = did_you_mean(word, names);
            if (hint.empty()) hint = fmt::format("see 'acm help{}'", line.path.substr(3));
            throw UsageError(fmt::format("unknown command '{}' for '{}' ({})", word, line.path, hint));
        }
        line.command = sub;
        line.path += " " + word;
        chain.push_back(sub);
    }
    return line;
}

// CLI11's messages for what walk() leaves to it, in acm's words where it is known how.
std::string usage_message(const CLI::ParseError& error, CLI::App& app, const CommandLine& line) {
    std::string what = error.what();
    std::string help = fmt::format("see 'acm help{}'", line.path.substr(3));
    if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
        std::vector<std::string> extras;
        for (const auto& word : app.remaining(true)) extras.push_back("'" + word + "'");
        if (!extras.empty())
            return fmt::format("unexpected argument{} {} for '{}' ({})", extras.size() == 1 ? "" : "s",
                               join_words(extras, "and"), line.path, help);
    }
    std::smatch match;
    static const std::regex missing_value(R"(^(-\S+): \d+ required \S+ missing$)");
    if (std::regex_match(what, match, missing_value)) return fmt::format("{} needs a value", match[1].str());
    static const std::regex not_a_number(R"(^Could not convert: (-\S+) = (.*)$)");
    if (std::regex_match(what, match, not_a_number))
        return fmt::format("{} {} is not a valid number", match[1].str(), quote_value(match[2].str()));
    return what;
}

}  // namespace

static std::string command_line_of(int argc, char** argv) {
    std::string line = "acm";
    for (int i = 1; i < argc; ++i) line += " " + quote_value(argv[i]);
    return line;
}

// Prints each line of an error message as its own "acm: error:" line (an import may
// report several rows at once). Messages quote values from the data (a CSV header, a name), so
// control characters are shown escaped: stderr is usually a terminal.
static void print_error(std::ostream& err, const std::string& message) {
    std::istringstream lines(message);
    std::string line;
    while (std::getline(lines, line)) err << "acm: error: " << visible_text(line) << "\n";
}

// The exit status once the command has done its work: output that could not be written is a
// failure (exit 1), except for a reader that quit early (EPIPE: `acm … | head`), which is how
// pipelines end and stays quiet and successful.
static int finish_output(std::ostream& out, std::ostream& err, int status) {
    int error = output_error(out);
    if (error == 0 || error == EPIPE) return status;
    print_error(err, OutputFailed(error).what());
    return exit_runtime;
}

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err) {
    Context ctx(out, err, command_line_of(argc, argv));
    CLI::App app{"acm: account management from the command line", "acm"};
    app.set_version_flag("--version", std::string("acm ") + ACM_VERSION);
    app.fallthrough();  // global options may follow the subcommand
    app.require_subcommand(1);
    app.footer("Run 'acm help COMMAND [VERB]' for a command's options, and 'man acm' for the whole manual.");
    add_global_options(app, ctx.global);
    add_account_commands(app, ctx);
    add_contract_commands(app, ctx);
    add_renewal_commands(app, ctx);
    add_report_commands(app, ctx);
    add_escalate_commands(app, ctx);
    add_feedback_commands(app, ctx);
    add_task_commands(app, ctx);
    add_agenda_command(app, ctx);
    add_play_commands(app, ctx);
    add_rules_commands(app, ctx);
    add_admin_commands(app, ctx);
    // Listed with the other commands; walk() answers it before CLI11 parses anything.
    std::vector<std::string> help_words;
    app.add_subcommand("help", "Print this overview, or the help of a command: acm help contract add")
        ->add_option("command", help_words, "A command and its verb");
    try {
        CommandLine line = walk(app, std::vector<std::string>(argv + 1, argv + argc));
        if (!line.any_words || line.help) {
            std::string parent = line.command == &app ? "" : line.path.substr(0, line.path.rfind(' '));
            out << line.command->help(parent);
            return finish_output(out, err, exit_ok);
        }
        if (!line.help_flag && needs_command(*line.command)) {
            if (line.command == &app) throw UsageError("no command given (see 'acm help')");
            throw UsageError(fmt::format("'{}' needs a command: {} (see 'acm help{}')", line.path,
                                         join_choices(command_names(*line.command)), line.path.substr(3)));
        }
        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
                return finish_output(out, err, app.exit(e, out, err));
            // CLI11 exits 100+; usage errors are 2 in acm.
            print_error(err, usage_message(e, app, line));
            return exit_usage;
        }
        ctx.prepare();
        HealthBefore health_before;
        ctx.on_open_to_write = [&](Database& db) { health_before = note_health_before(ctx, db); };
        if (ctx.run) ctx.run();
        run_hooks(ctx, health_before);
        return finish_output(out, err, exit_ok);
    } catch (const OutputFailed& e) {
        if (e.error() == EPIPE) return exit_ok;
        print_error(err, e.what());
        return e.status();
    } catch (const Error& e) {
        // What was printed before the error stays printed; its loss is not the error to report.
        (void)output_error(out);
        print_error(err, e.what());
        return e.status();
    } catch (const std::exception& e) {
        (void)output_error(out);
        print_error(err, e.what());
        return exit_runtime;
    }
}

}  // namespace acm
