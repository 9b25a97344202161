// Hooks: the audit events a command recorded, turned into runs of on-EVENT programs.
#include "acm/cli/hooks.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "acm/cli/context.hpp"
#include "acm/core/error.hpp"
#include "acm/core/file_safety.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/health.hpp"
#include "acm/output/render.hpp"
#include "acm/store/undo.hpp"

namespace acm {

const std::vector<std::string>& hook_events() {
    static const std::vector<std::string> values = {"escalation-open", "escalation-resolve", "feedback-negative",
                                                    "renewal-close", "task-add", "health-red"};
    return values;
}

namespace {

std::filesystem::path hooks_folder() {
    return std::filesystem::path(config_file_path()).parent_path() / "hooks";
}

// Whether there is an on-EVENT file at all (whether it may run is checked when it would).
bool hook_present(const std::string& event) {
    std::error_code error;
    return std::filesystem::exists(std::filesystem::symlink_status(hooks_folder() / ("on-" + event), error));
}

constexpr auto hook_time_limit = std::chrono::seconds(10);

// The hook event of an audit event, or "" for none.
std::string hook_event_of(const std::string& entity, const std::string& action, const std::string& changes) {
    if (entity == "escalation" && action == "open") return "escalation-open";
    if (entity == "escalation" && action == "resolve") return "escalation-resolve";
    // Negative feedback opens a follow-up when it is added.
    if (entity == "feedback" && action == "add" && changes.find("\"follow_up\":\"open\"") != std::string::npos)
        return "feedback-negative";
    if (entity == "renewal" && action == "close") return "renewal-close";
    if (entity == "task" && action == "add") return "task-add";
    return "";
}

// Why the hook at `path` may not run, or "" when it may: the same rules as the workspace's
// (a regular file of the user, writable by nobody else), in a folder only the user may change.
std::string unsafe_hook(const std::filesystem::path& path) {
    struct stat folder {};
    if (::stat(path.parent_path().c_str(), &folder) != 0) return std::strerror(errno);
    if ((folder.st_uid != ::getuid() && folder.st_uid != 0) || (folder.st_mode & (S_IWGRP | S_IWOTH)))
        return fmt::format("its folder {} may be changed by others", path.parent_path().string());
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return std::strerror(errno);
    if (S_ISREG(st.st_mode) && (st.st_mode & (S_IWGRP | S_IWOTH)))
        return fmt::format("others may change it (mode {:04o}); chmod go-w {}", st.st_mode & 07777, path.string());
    try {
        check_owned_file(path.string(), st, "the hook");
    } catch (const RuntimeError& e) {
        return e.what();
    }
    if (!(st.st_mode & S_IXUSR)) return "it is not executable";
    return "";
}

// Runs `path` with `input` on its standard input and ACM_EVENT=`event`; its standard output
// and error go to acm's standard error. Returns what went wrong, or "" when it exited 0.
std::string run_hook(const std::filesystem::path& path, const std::string& event, const std::string& input) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return std::strerror(errno);
    pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return std::strerror(errno);
    }
    if (pid == 0) {
        // A group of its own, so that a hook that hangs is stopped with what it started.
        ::setpgid(0, 0);
        ::dup2(fds[0], STDIN_FILENO);
        ::dup2(STDERR_FILENO, STDOUT_FILENO);
        ::setenv("ACM_EVENT", event.c_str(), 1);
        ::signal(SIGPIPE, SIG_DFL);
        const char* argv[] = {path.c_str(), nullptr};
        ::execv(path.c_str(), const_cast<char* const*>(argv));
        ::_exit(127);
    }
    ::setpgid(pid, pid);
    ::close(fds[0]);
    // A hook that does not read its input gets EPIPE here (SIGPIPE is ignored): not an error.
    for (std::size_t done = 0; done < input.size();) {
        ssize_t n = ::write(fds[1], input.data() + done, input.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fds[1]);
    const auto deadline = std::chrono::steady_clock::now() + hook_time_limit;
    int status = 0;
    while (true) {
        pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0 && errno != EINTR) return std::strerror(errno);
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(-pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return fmt::format("stopped after {} s", hook_time_limit.count());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
    if (WIFEXITED(status)) return fmt::format("exit status {}", WEXITSTATUS(status));
    return fmt::format("killed by signal {}", WTERMSIG(status));
}

// Runs on-EVENT with `input`, when it is there and safe; warns of what went wrong.
void run_hook_of(Context& ctx, const std::string& event, const std::string& input) {
    const std::filesystem::path path = hooks_folder() / ("on-" + event);
    if (!hook_present(event)) return;
    std::string problem = unsafe_hook(path);
    if (!problem.empty()) {
        ctx.err << fmt::format("acm: warning: hook {} not run: {}\n", path.string(), problem);
        return;
    }
    std::string failed = run_hook(path, event, input);
    if (!failed.empty())
        ctx.err << fmt::format("acm: warning: hook {} failed ({}); the change stays made\n", path.string(), failed);
}

// Every account's health today (without the components in words), each by its profile.
std::unordered_map<std::int64_t, Health> health_of_every_account(Context& ctx, Database& db) {
    const HealthSettings settings = HealthSettings::from(ctx.config());
    const AccountHealthSettings scoring(db, settings);
    std::unordered_map<std::int64_t, Health> health;
    for (const auto& [id, inputs] : load_health_inputs(db, settings, ctx.today()))
        health.emplace(id, compute_health(inputs, scoring.of(id), ctx.today(), false));
    return health;
}

// on-health-red for each account that is red now and was not before the command.
void run_health_red_hooks(Context& ctx, Database& db, const HealthBefore& before) {
    const std::vector<Column> columns = {{"key", Kind::text},
                                         {"name", Kind::text},
                                         {"health", Kind::text},
                                         {"health_score", Kind::score},
                                         {"health_before", Kind::text}};
    auto account = db.prepare("SELECT key, name FROM accounts WHERE id = ?");
    std::vector<std::pair<std::string, std::string>> red_now;
    for (const auto& [id, health] : health_of_every_account(ctx, db)) {
        if (health.color != "red") continue;
        auto was = before.colors.find(id);
        std::string color_before = was == before.colors.end() ? "n/a" : was->second;
        if (color_before == "red") continue;
        account.reset();
        account.bind(1, id);
        if (!account.step()) continue;
        Row row{account.text(0), account.text(1), health.color, health.score ? Cell(*health.score) : Cell{},
                color_before};
        red_now.emplace_back(account.text(0), json_object(columns, row) + "\n");
    }
    // In the order of the keys, as listings are.
    std::sort(red_now.begin(), red_now.end());
    for (const auto& red : red_now) run_hook_of(ctx, "health-red", red.second);
}

}  // namespace

HealthBefore note_health_before(Context& ctx, Database& db) {
    HealthBefore before;
    if (ctx.global.no_hooks || !hook_present("health-red")) return before;
    for (const auto& [id, health] : health_of_every_account(ctx, db)) before.colors.emplace(id, health.color);
    before.noted = true;
    return before;
}

void run_hooks(Context& ctx, const HealthBefore& health_before) {
    Database* db = ctx.writer();
    if (ctx.global.no_hooks || !db) return;
    auto command = logged_command(*db);
    if (!command) return;
    std::error_code error;
    if (!std::filesystem::is_directory(hooks_folder(), error)) return;

    std::vector<Row> events;
    EventFilter filter;
    filter.command_id = *command;
    for_each_event(*db, filter, [&](Row&& row) { events.push_back(std::move(row)); });
    const std::vector<Column> columns = event_columns();
    auto text = [&](const Row& row, std::string_view name) -> std::string {
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (columns[i].name == name)
                if (auto* value = std::get_if<std::string>(&row[i])) return *value;
        return "";
    };
    // Oldest first: newest first is the listing's order.
    for (auto row = events.rbegin(); row != events.rend(); ++row) {
        std::string event = hook_event_of(text(*row, "entity"), text(*row, "action"), text(*row, "changes"));
        if (!event.empty()) run_hook_of(ctx, event, json_object(columns, *row) + "\n");
    }
    if (health_before.noted) run_health_red_hooks(ctx, *db, health_before);
}

}  // namespace acm
