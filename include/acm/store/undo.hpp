#pragma once
// Undo (acm undo; "Undo" in acm-workspace(5)). Each run of acm that changes the workspace is
// a command; every row it inserts, updates or deletes is logged under that command with the
// statement that reverts the change, so that the most recent command can be reverted as a
// whole. The log is kept by TEMP triggers of the connection that writes: changes made with
// other tools (sqlite3) are not logged, and an undo that finds its rows changed by them
// refuses rather than guess.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "acm/store/db.hpp"

namespace acm {

// The changes of this many most recent commands are kept; older ones can no longer be undone.
inline constexpr int undo_commands_kept = 100;

// A command as the commands table keeps it.
struct CommandRecord {
    std::string at;  // UTC timestamp
    std::string os_user, command;
};

// From now on, every change this connection makes to the workspace's data is logged under one
// command, created with its first change (a run that changes nothing leaves no command).
// Not logged: the audit log, the undo log itself, derived tables and the workspace's identity.
void log_changes(Database& db, const CommandRecord& command);

// The id of the command this connection's changes are logged under, creating it now if it
// has none yet; none when the connection does not log (log_changes was not called).
std::optional<std::int64_t> current_command(Database& db);

// A bulk load (an import of many rows): while it lives, rows are not logged one by one; the
// loader logs what it inserted as ranges, each one change.
class BulkLoad {
public:
    explicit BulkLoad(Database& db);
    BulkLoad(const BulkLoad&) = delete;
    BulkLoad& operator=(const BulkLoad&) = delete;
    ~BulkLoad();
    // The rows of `table` with rowids first..last (inclusive) were inserted.
    void inserted(std::string_view table, std::int64_t first, std::int64_t last);

private:
    Database& db_;
    bool logging_ = false;
};

struct UndoTarget {
    std::int64_t id = 0;
    std::string at, os_user, command;
    std::int64_t changes = 0;  // rows it changed
};
// The most recent command that is not undone and whose changes are kept; none when there
// is nothing left to undo.
std::optional<UndoTarget> next_undo(Database& db);

// Reverts every change of `target`, newest first, in the caller's transaction, and marks it
// undone by the current command. RuntimeError, having changed nothing the caller commits,
// when a change cannot be reverted (its rows were changed outside acm since).
void revert_command(Database& db, const UndoTarget& target);

}  // namespace acm
