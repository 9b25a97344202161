#pragma once
// Undo (acm undo; "Undo" in acm-workspace(5)). Each run of acm that changes the workspace is
// a command; what each of its transactions changed is logged under it as an SQLite session
// changeset (the before-image of every row it inserted, updated or removed), so that the
// most recent command can be reverted as a whole. Changes made with other tools (sqlite3)
// are not logged, and an undo that finds its rows changed by them refuses rather than guess.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acm/store/db.hpp"

struct sqlite3_session;

namespace acm {

// The changes of this many most recent commands are kept; older ones can no longer be undone.
inline constexpr int undo_commands_kept = 100;

// A command as the commands table keeps it.
struct CommandRecord {
    std::string at;  // UTC timestamp
    std::string os_user, command;
};

// The change log of one connection (Database::change_log). Not logged: the audit log, the
// undo log itself, derived tables and the workspace's identity.
class ChangeLog {
public:
    ChangeLog(Database& db, CommandRecord command);
    ChangeLog(const ChangeLog&) = delete;
    ChangeLog& operator=(const ChangeLog&) = delete;
    ~ChangeLog();

    // Called by Transaction::commit, inside the transaction: logs what it changed.
    void before_commit();
    // Called when a Transaction rolled back: what it changed is gone, and so is its log.
    void after_rollback();
    // The id of the command the changes are logged under, created now if it has none yet.
    std::int64_t command_id();
    // The same without creating it: none while nothing was logged.
    std::optional<std::int64_t> logged_command_id() const { return command_id_; }

private:
    friend class BulkLoad;
    void start_session();
    Database& db_;
    CommandRecord command_;
    std::optional<std::int64_t> command_id_;
    sqlite3_session* session_ = nullptr;
    struct Range {
        std::string table;
        std::int64_t first, last;
    };
    std::vector<Range> bulk_inserted_;  // of the transaction running
};

// From now on, every change this connection makes to the workspace's data is logged under one
// command, created with its first change (a run that changes nothing leaves no command).
void log_changes(Database& db, const CommandRecord& command);

// The id of the command this connection's changes are logged under, creating it now if it
// has none yet; none when the connection does not log (log_changes was not called).
std::optional<std::int64_t> current_command(Database& db);
// The command this connection's changes were logged under; none when it changed nothing.
std::optional<std::int64_t> logged_command(Database& db);

// A bulk load (an import of many rows): while it lives, rows are not logged one by one; the
// loader logs what it inserted as ranges of rowids, each one change.
class BulkLoad {
public:
    explicit BulkLoad(Database& db);
    BulkLoad(const BulkLoad&) = delete;
    BulkLoad& operator=(const BulkLoad&) = delete;
    ~BulkLoad();
    // The rows of `table` with rowids first..last (inclusive) were inserted.
    void inserted(std::string_view table, std::int64_t first, std::int64_t last);
    // The largest rowid of `table` (0 when empty): an insert-only load's rows are those
    // after the one before it began, in the write transaction it holds.
    static std::int64_t last_rowid(Database& db, std::string_view table);

private:
    ChangeLog* log_;
};

struct UndoTarget {
    std::int64_t id = 0;
    std::string at, os_user, command;
    std::int64_t changes = 0;  // rows it changed
};
// The most recent command that is not undone and whose changes are kept; none when there
// is nothing left to undo.
std::optional<UndoTarget> next_undo(Database& db);

// Reverts every change of `target`, newest first, in the caller's transaction (under
// ForeignKeysOff, db.hpp), and marks it undone by the current command. RuntimeError, having changed
// nothing the caller commits, when a change cannot be reverted (its rows were changed
// outside acm since) or the result would break a foreign key.
void revert_command(Database& db, const UndoTarget& target);

}  // namespace acm
