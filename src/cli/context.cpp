// What every command handler gets (context.hpp): the global options resolved once the
// command line is parsed, the workspace opened on first use, and the printing of rows.
#include "acm/cli/context.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <ostream>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/core/fd_output.hpp"
#include "acm/core/private_file.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/escalation.hpp"
#include "acm/output/document.hpp"
#include "acm/output/render.hpp"
#include "acm/output/row_writer.hpp"
#include "acm/store/undo.hpp"
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
    if (!db_) {
        db_ = std::make_unique<Database>(open_workspace(workspace_path()));
        log_changes(*db_, {format_timestamp_utc(actor_.now), actor_.os_user, actor_.command});
        if (on_open_to_write) on_open_to_write(*db_);
    }
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

Timestamp now_for(const Context& ctx) {
    // Whether the date was fixed, not whether it equals the clock's: a test run on the very
    // day it fixes must give the same results as on any other day.
    const char* env_today = std::getenv("ACM_TODAY");
    bool fixed = !ctx.global.today.empty() || (env_today && *env_today);
    return fixed ? end_of_day(ctx.today()) : ctx.actor().now;
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
    else if (std::find(page_formats.begin(), page_formats.end(), global.format) != page_formats.end())
        page_ = global.format;  // a page, not rows
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
    terminal_.wide = global.wide;
    terminal_.notice = [this](const std::string& message) { notice(message); };
    stderr_is_tty_ = ::isatty(STDERR_FILENO) == 1;

    actor_.os_user = current_os_user();
    actor_.now = system_now();
}

void Context::print_rows(const std::vector<Column>& columns,
                         const std::function<void(const std::function<void(Row&&)>&)>& produce) {
    RowWriter writer(columns, list_options_, out, terminal_);
    // Once --limit rows are out (and no --sort needs the rest) the producer is stopped from
    // inside emit: producers are plain loops over a read statement, and none writes, so
    // unwinding them loses nothing. `escalate list --limit 10` then reads 10 escalations,
    // however many there are.
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

static void render(std::ostream& out, const Document& document, const std::string& page, const ListOptions& options,
                   const Terminal& terminal) {
    if (page == "html") write_html(out, document);
    else if (page == "md") write_markdown(out, document);
    else write_document(out, document, options, terminal);
}

void Context::print_document(const Document& document) {
    // A page of markup is unreadable on a terminal, and its escapes are not the terminal's.
    if (page_ == "html" && terminal_.is_tty)
        throw UsageError("--format html writes a page for a browser, not for a terminal: redirect it "
                         "(> page.html) or use -o FILE");
    render(out, document, page_, list_options_, terminal_);
    check_output();
}

void Context::save_document(const Document& document, const std::string& path, bool overwrite) {
    PrivateFile file(path, overwrite);
    std::ofstream saved(file.temp_path(), std::ios::binary | std::ios::trunc);
    // A file has no terminal: a table is not fitted to one.
    render(saved, document, page_, list_options_, Terminal{});
    saved.close();
    if (!saved) throw RuntimeError(fmt::format("cannot write {}", path));
    file.commit();
}

}  // namespace acm
