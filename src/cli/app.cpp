// The command line: global options, dispatch to the command groups, and the
// mapping of every error to one stderr line and an exit status (acm(1), EXIT STATUS).
#include "acm/cli/app.hpp"

#include <cerrno>
#include <ostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "acm/cli/account.hpp"
#include "acm/cli/admin.hpp"
#include "acm/cli/context.hpp"
#include "acm/cli/contract.hpp"
#include "acm/cli/escalate.hpp"
#include "acm/cli/feedback.hpp"
#include "acm/cli/renewal.hpp"
#include "acm/cli/report.hpp"
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
