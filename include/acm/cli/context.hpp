#pragma once
// What every command handler gets: the global options, the I/O streams, the
// configuration, "today", and the workspace (opened on first use).
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/output/document.hpp"
#include "acm/output/render.hpp"
#include "acm/store/db.hpp"

namespace acm {

struct GlobalOptions {
    std::string workspace;
    std::string format;
    bool csv = false, tsv = false, json = false;
    std::string columns;
    std::string sort;
    std::optional<std::int64_t> limit;
    bool no_header = false;
    bool wide = false;
    std::string color = "auto";
    std::string today;
    std::vector<std::string> config_overrides;
    bool quiet = false;
    bool no_hooks = false;
};

class Context {
public:
    Context(std::ostream& out, std::ostream& err, std::string command_line);

    GlobalOptions global;
    std::ostream& out;
    std::ostream& err;
    // Set by the chosen subcommand while parsing; run once parsing succeeded.
    std::function<void()> run;
    // Set while parsing by the commands that write documents for people: only then does
    // --format take these ("html" and "md" for report account, "md" for report briefing).
    std::vector<std::string> page_formats;
    // Called once when the command opens the workspace to write, before it changes anything.
    std::function<void(Database&)> on_open_to_write;

    // Resolves config, today and output settings once the command line is parsed.
    void prepare();

    const Config& config() const { return config_; }
    Date today() const { return today_; }
    const Actor& actor() const { return actor_; }
    std::string workspace_path() const;
    // The workspace, opened (and migrated) on first use, for a command that writes.
    Database& db();
    // The workspace for a command that only reads: opened read-only, so that it works on
    // read-only storage, a full disk and beside a writer (open_workspace_for_reading).
    Database& reader();
    // The workspace when this command opened it to write, else nullptr.
    Database* writer() { return db_.get(); }

    ListOptions list_options() const;
    Format format() const { return list_options_.format; }
    // --format html or md, where page_formats allow it, else empty (list_options().format is
    // then table).
    const std::string& page() const { return page_; }
    const Terminal& terminal() const { return terminal_; }
    bool stderr_is_tty() const { return stderr_is_tty_; }
    // Throws OutputFailed once a write to `out` has failed (a full disk, a closed pipe, an I/O
    // error), so that a command stops instead of producing output for nobody.
    void check_output() const;
    // Sends what is buffered; OutputFailed unless all of it was written (EPIPE included), for
    // a command whose output is its effect.
    void flush_output() const;
    // A notice on stderr, unless --quiet.
    void notice(const std::string& message) const;
    // After a write of an amount in `currency`: a notice when it is not the base currency and
    // config [fx] has no rate for it, with the fix (reports fail until there is one).
    void warn_without_rate(const std::string& currency) const;

    // --limit as a producer may apply it in SQL (0: no limit): only when no --sort reorders
    // the rows first. `feedback list --limit 20` then reads 20 of a million entries.
    int sql_limit() const {
        return list_options_.sort.empty() && list_options_.limit ? static_cast<int>(*list_options_.limit) : 0;
    }
    // Streams rows through a RowWriter with the global list options; on an empty result
    // prints a notice on stderr for a table on a TTY only (cron mails nothing).
    void print_rows(const std::vector<Column>& columns, const std::function<void(const std::function<void(Row&&)>&)>& produce);
    // The same for rows already computed (a report, or rows printed after a commit).
    void print_rows(const std::vector<Column>& columns, std::vector<Row> rows);
    // A `show` or a one-account report in the chosen format (html or markdown as page()) on
    // `out`. An HTML page is not for a terminal: UsageError there, with the way to save it.
    void print_document(const Document& document);
    // The same into a new private file (PrivateFile: mode 0600, moved into place when whole;
    // an existing file replaced only with `overwrite`).
    void save_document(const Document& document, const std::string& path, bool overwrite);

private:
    Config config_;
    Date today_{};
    Actor actor_;
    ListOptions list_options_;
    Terminal terminal_;
    bool stderr_is_tty_ = false;
    std::string page_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<Database> reader_;
};

// "Now" for escalations: the clock, or the end of the day when --today or ACM_TODAY fixes it.
Timestamp now_for(const Context& ctx);

}  // namespace acm
