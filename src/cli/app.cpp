// The command line: global options, dispatch to the command groups, and the
// mapping of every error to one stderr line and an exit status (SPEC §1).
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "acm/cli/context.hpp"
#include "acm/core/error.hpp"
#include "acm/core/fd_output.hpp"
#include "acm/core/text.hpp"
#include "acm/output/document.hpp"
#include "acm/output/render.hpp"
#include "acm/store/workspace.hpp"

namespace acm {

static std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

Context::Context(std::ostream& out, std::ostream& err, std::string command_line) : out(out), err(err) {
    actor_.command = std::move(command_line);
}

std::string Context::workspace_path() const { return resolve_workspace_path(global.workspace); }

Database& Context::db() {
    if (!db_) db_ = std::make_unique<Database>(open_workspace(workspace_path()));
    return *db_;
}

Database& Context::reader() {
    if (db_) return *db_;
    if (!reader_) reader_ = std::make_unique<Database>(open_workspace_for_reading(workspace_path()));
    return *reader_;
}

ListOptions Context::list_options() const { return list_options_; }

void Context::check_output() const {
    if (out.good()) return;
    if (int error = output_error(out)) throw OutputFailed(error);
}

void Context::flush_output() const {
    if (int error = output_error(out)) throw OutputFailed(error);
}

void Context::notice(const std::string& message) const {
    if (!global.quiet) err << "acm: " << visible_text(message) << "\n";
}

void Context::warn_without_rate(const std::string& currency) const {
    FxRates fx = config().fx_rates();
    if (currency == fx.base || fx.nano_rates.contains(currency)) return;
    notice(fmt::format("warning: no exchange rate for {0} in config [fx] (base currency {1}): reports in {1} "
                       "fail until one is set with 'acm config set fx.{0} RATE'",
                       currency, fx.base));
}

static bool decide_color(const std::string& flag, bool is_tty) {
    if (flag == "always") return true;
    if (flag == "never") return false;
    if (!env("NO_COLOR").empty()) return false;
    if (auto force = env("CLICOLOR_FORCE"); !force.empty() && force != "0") return true;
    return is_tty && env("TERM") != "dumb";
}

static int terminal_width() {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    if (auto columns = env("COLUMNS"); !columns.empty()) return std::atoi(columns.c_str());
    return 0;
}

void Context::prepare() {
    config_ = Config::load(config_file_path(), global.config_overrides);

    std::string today_text = global.today.empty() ? env("ACM_TODAY") : global.today;
    today_ = today_text.empty() ? system_today()
                                : parse_date(today_text, system_today(), global.today.empty() ? "ACM_TODAY" : "--today");

    int shortcuts = int(global.csv) + int(global.tsv) + int(global.json);
    if (shortcuts > 1 || (shortcuts == 1 && !global.format.empty()))
        throw UsageError("--format, --csv, --tsv and --json exclude each other; give one");
    if (global.csv) list_options_.format = Format::csv;
    else if (global.tsv) list_options_.format = Format::tsv;
    else if (global.json) list_options_.format = Format::json;
    else if (global.format == "html" && html_allowed) html_ = true;  // a page, not rows
    else if (!global.format.empty()) list_options_.format = parse_format(global.format, "--format");
    else list_options_.format = parse_format(config_.string("output.format"), "config output.format");

    if (!global.columns.empty()) list_options_.columns = parse_columns(global.columns);
    if (!global.sort.empty()) list_options_.sort = parse_sort(global.sort);
    if (global.limit) {
        if (*global.limit < 0)
            throw UsageError(fmt::format("--limit {} is not valid (expected a number ≥ 0)", *global.limit));
        list_options_.limit = static_cast<std::size_t>(*global.limit);
    }
    list_options_.header = !global.no_header;

    parse_choice(global.color, {"auto", "always", "never"}, "--color");
    terminal_.is_tty = ::isatty(STDOUT_FILENO) == 1;
    terminal_.width = terminal_.is_tty ? terminal_width() : 0;
    terminal_.color = decide_color(global.color, terminal_.is_tty);
    stderr_is_tty_ = ::isatty(STDERR_FILENO) == 1;

    actor_.os_user = current_os_user();
    actor_.now = system_now();
}

void Context::print_rows(const std::vector<Column>& columns,
                         const std::function<void(const std::function<void(Row&&)>&)>& produce) {
    RowWriter writer(columns, list_options_, out, terminal_);
    // Once --limit rows are out (and no --sort needs the rest) the producer is stopped from
    // inside emit: producers are plain loops over a read statement, and none writes, so
    // unwinding them loses nothing. `escalate list --limit 10` then reads 10 of 100,000
    // escalations (229 -> 4 ms).
    struct EnoughRows {};
    try {
        produce([&](Row&& row) {
            writer.add(std::move(row));
            check_output();  // a million rows for a reader that is gone would be wasted
            if (writer.full()) throw EnoughRows{};
        });
    } catch (const EnoughRows&) {
    }
    if (!writer.finish() && list_options_.format == Format::table && terminal_.is_tty) notice("nothing to show");
    check_output();
}

void Context::print_rows(const std::vector<Column>& columns, std::vector<Row> rows) {
    print_rows(columns, [&](const auto& emit) {
        for (auto& row : rows) emit(std::move(row));
    });
}

void Context::print_document(const Document& document) {
    if (html_)
        write_html(out, document);
    else
        write_document(out, document, list_options_, terminal_);
    check_output();
}

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
    app.add_option("--color", global.color, "Color output: auto, always or never");
    app.add_option("--today", global.today, "The date that counts as today (also ACM_TODAY)");
    app.add_option("-c", global.config_overrides, "Override one config value: KEY=VALUE (repeatable)")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_flag("-q,--quiet", global.quiet, "No notices on stderr");
}

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
    app.footer("Run 'acm COMMAND --help' for a command's options, and 'man acm' for the whole manual.");
    add_global_options(app, ctx.global);
    add_account_commands(app, ctx);
    add_contract_commands(app, ctx);
    add_renewal_commands(app, ctx);
    add_report_commands(app, ctx);
    add_escalate_commands(app, ctx);
    add_feedback_commands(app, ctx);
    add_admin_commands(app, ctx);
    try {
        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
                return finish_output(out, err, app.exit(e, out, err));
            // CLI11 exits 100+; usage errors are 2 in acm.
            print_error(err, e.what());
            return exit_usage;
        }
        ctx.prepare();
        if (ctx.run) ctx.run();
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
