#include "acm/store/undo.hpp"

// The session extension is in Debian's libsqlite3; its declarations need these.
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/store/table_copy.hpp"

namespace acm {

namespace {

// Not logged: the audit log and the undo log (history, which an undo adds to rather than
// rewrites), account versions (kept by the schema's own triggers as the rows they follow
// change, an undo included) and the workspace's identity.
const std::set<std::string> tables_not_logged = {"events", "commands", "undo_log", "account_versions", "meta"};

int is_logged(void*, const char* table) { return tables_not_logged.count(table) ? 0 : 1; }

// A buffer that SQLite allocated.
struct SqliteBuffer {
    void* data = nullptr;
    ~SqliteBuffer() { sqlite3_free(data); }
};

std::int64_t changes_in(int size, void* changeset) {
    sqlite3_changeset_iter* iter = nullptr;
    if (sqlite3changeset_start(&iter, size, changeset) != SQLITE_OK) return 0;
    std::int64_t count = 0;
    while (sqlite3changeset_next(iter) == SQLITE_ROW) ++count;
    sqlite3changeset_finalize(iter);
    return count;
}

[[noreturn]] void session_failed(int rc) {
    throw RuntimeError(fmt::format("cannot log the changes for undo: {}; nothing was written", sqlite3_errstr(rc)));
}

}  // namespace

ChangeLog::ChangeLog(Database& db, CommandRecord command) : db_(db), command_(std::move(command)) {
    start_session();
}

ChangeLog::~ChangeLog() {
    if (session_) sqlite3session_delete(session_);
}

void ChangeLog::start_session() {
    if (session_) sqlite3session_delete(session_);
    session_ = nullptr;
    if (int rc = sqlite3session_create(db_.handle(), "main", &session_); rc != SQLITE_OK) session_failed(rc);
    sqlite3session_table_filter(session_, is_logged, nullptr);
    if (int rc = sqlite3session_attach(session_, nullptr); rc != SQLITE_OK) session_failed(rc);
}

std::int64_t ChangeLog::command_id() {
    // A command made in a transaction that rolled back is gone with it.
    if (command_id_) {
        auto exists = db_.prepare("SELECT 1 FROM commands WHERE id = ?");
        exists.bind(1, *command_id_);
        if (exists.step()) return *command_id_;
    }
    db_.prepare("INSERT INTO commands (at, os_user, command) VALUES (?, ?, ?)")
        .bind_all(command_.at, command_.os_user, command_.command)
        .run();
    command_id_ = db_.last_insert_id();
    // Only the most recent commands' changes are kept: each new command forgets the oldest.
    db_.prepare("DELETE FROM undo_log WHERE command_id <= ?").bind(1, *command_id_ - undo_commands_kept).run();
    return *command_id_;
}

void ChangeLog::before_commit() {
    SqliteBuffer changeset;
    int size = 0;
    if (int rc = sqlite3session_changeset(session_, &size, &changeset.data); rc != SQLITE_OK) session_failed(rc);
    if (size > 0) {
        db_.prepare("INSERT INTO undo_log (command_id, changeset, rows) VALUES (?, ?, ?)")
            .bind(1, command_id())
            .bind_blob(2, std::string_view(static_cast<const char*>(changeset.data), static_cast<std::size_t>(size)))
            .bind(3, changes_in(size, changeset.data))
            .run();
    }
    for (const auto& range : bulk_inserted_)
        db_.prepare("INSERT INTO undo_log (command_id, table_name, first_rowid, last_rowid, rows) VALUES (?, ?, ?, ?, ?)")
            .bind_all(command_id(), range.table, range.first, range.last, range.last - range.first + 1)
            .run();
    // The next transaction's changes are its own.
    bulk_inserted_.clear();
    start_session();
}

void ChangeLog::after_rollback() {
    bulk_inserted_.clear();
    start_session();
}

void log_changes(Database& db, const CommandRecord& command) {
    if (!db.change_log()) db.set_change_log(std::make_unique<ChangeLog>(db, command));
}

std::optional<std::int64_t> current_command(Database& db) {
    if (ChangeLog* log = db.change_log()) return log->command_id();
    return std::nullopt;
}

std::optional<std::int64_t> logged_command(Database& db) {
    if (ChangeLog* log = db.change_log()) return log->logged_command_id();
    return std::nullopt;
}

BulkLoad::BulkLoad(Database& db) : log_(db.change_log()) {
    if (log_) sqlite3session_enable(log_->session_, 0);
}

BulkLoad::~BulkLoad() {
    if (log_ && log_->session_) sqlite3session_enable(log_->session_, 1);
}

void BulkLoad::inserted(std::string_view table, std::int64_t first, std::int64_t last) {
    if (log_ && first <= last) log_->bulk_inserted_.push_back({std::string(table), first, last});
}

std::int64_t BulkLoad::last_rowid(Database& db, std::string_view table) {
    auto stmt = db.prepare("SELECT coalesce(max(rowid), 0) FROM " + quote_identifier(table));
    return stmt.step() ? stmt.integer(0) : 0;
}

std::optional<UndoTarget> next_undo(Database& db) {
    auto stmt = db.prepare(
        "SELECT c.id, c.at, c.os_user, c.command, (SELECT sum(u.rows) FROM undo_log u WHERE u.command_id = c.id) "
        "FROM commands c WHERE c.undone_by IS NULL "
        "AND EXISTS (SELECT 1 FROM undo_log u WHERE u.command_id = c.id) ORDER BY c.id DESC LIMIT 1");
    if (!stmt.step()) return std::nullopt;
    return UndoTarget{stmt.integer(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.integer(4)};
}

namespace {

// Names the first table whose row no longer is as the command left it.
int refuse_conflict(void* context, int, sqlite3_changeset_iter* iter) {
    const char* table = nullptr;
    int columns = 0, op = 0, indirect = 0;
    if (sqlite3changeset_op(iter, &table, &columns, &op, &indirect) == SQLITE_OK && table)
        *static_cast<std::string*>(context) = table;
    return SQLITE_CHANGESET_ABORT;
}

// Removes the rows first..last of `table` (what a bulk load inserted); returns how many went.
// Row by row, a million rows would each update every index of the table in random order and
// give their account a new version; when the range is a large part of the table, its indexes
// are built again once instead, and each account it held gets one new version.
std::int64_t remove_range(Database& db, const TableInfo& table, std::int64_t first, std::int64_t last) {
    const std::string name = quote_identifier(table.name);
    const std::int64_t range = last - first + 1;
    const std::int64_t table_rows = [&] {
        auto count = db.prepare("SELECT count(*) FROM " + name);
        return count.step() ? count.integer(0) : 0;
    }();  // and the statement done: SQLite drops no index while one is reading
    std::optional<DeferredSchema> indexes, triggers;
    if (range >= 10'000 && range * 8 >= table_rows)
        indexes.emplace(db, table.name, DeferredSchema::Objects::indexes);
    // The version triggers of a table key on its rows' account_id.
    if (range >= 10'000 && std::ranges::count(table.columns, "account_id")) {
        triggers.emplace(db, table.name, DeferredSchema::Objects::triggers);
        db.prepare("UPDATE account_versions SET version = random() WHERE account_id IN "
                   "(SELECT account_id FROM " + name + " WHERE rowid BETWEEN ? AND ?)")
            .bind_all(first, last)
            .run();
    }
    db.prepare("DELETE FROM " + name + " WHERE rowid BETWEEN ? AND ?").bind_all(first, last).run();
    const std::int64_t removed = db.changes();
    if (triggers) triggers->restore();
    if (indexes) indexes->restore();
    return removed;
}

}  // namespace

void revert_command(Database& db, const UndoTarget& target) {
    {
        auto foreign_keys = db.prepare("PRAGMA foreign_keys");
        if (foreign_keys.step() && foreign_keys.integer(0) != 0)
            throw std::logic_error("revert_command: foreign keys must be off (ForeignKeysOff)");
    }
    auto refuse = [&](const std::string& why) {
        return RuntimeError(
            fmt::format("cannot undo command {} ({}): {}; nothing was undone", target.id, target.command, why));
    };
    BulkLoad unlogged(db);  // the undo's own changes are not logged: it is not undone in turn
    std::map<std::string, TableInfo> tables;
    for (auto& table : list_tables(db, tables_not_logged)) tables.emplace(table.name, std::move(table));
    // The entries are read one at a time by seq: the removal of a range may drop and build
    // again a table's indexes, which SQLite refuses while a statement is reading.
    std::vector<std::int64_t> entries;
    {
        auto seqs = db.prepare("SELECT seq FROM undo_log WHERE command_id = ? ORDER BY seq DESC");
        seqs.bind(1, target.id);
        while (seqs.step()) entries.push_back(seqs.integer(0));
    }
    auto entry = db.prepare("SELECT changeset, table_name, first_rowid, last_rowid, rows FROM undo_log WHERE seq = ?");
    for (std::int64_t seq : entries) {
        entry.reset();
        entry.bind(1, seq);
        if (!entry.step()) continue;
        if (entry.is_null(0)) {
            // Rows a bulk load inserted.
            std::string table = entry.text(1);
            const std::int64_t first = entry.integer(2), last = entry.integer(3), rows = entry.integer(4);
            entry.reset();
            auto info = tables.find(table);
            if (info == tables.end()) throw refuse(fmt::format("it changed table {}, which no longer exists", table));
            if (remove_range(db, info->second, first, last) != rows)
                throw refuse(fmt::format("rows of table {} were changed outside acm since", table));
            continue;
        }
        std::string changeset = entry.blob(0);
        entry.reset();
        SqliteBuffer inverse;
        int size = 0;
        int rc = sqlite3changeset_invert(static_cast<int>(changeset.size()), changeset.data(), &size, &inverse.data);
        if (rc != SQLITE_OK) throw refuse(fmt::format("its changes cannot be read ({})", sqlite3_errstr(rc)));
        std::string conflict;
        rc = sqlite3changeset_apply(db.handle(), size, inverse.data, nullptr, refuse_conflict, &conflict);
        if (rc == SQLITE_ABORT && !conflict.empty())
            throw refuse(fmt::format("rows of table {} were changed outside acm since", conflict));
        if (rc != SQLITE_OK) throw refuse(sqlite3_errmsg(db.handle()));
    }
    // With foreign keys off, a removed account's version does not go with it by cascade.
    db.exec("DELETE FROM account_versions WHERE account_id NOT IN (SELECT id FROM accounts)");
    auto broken = db.prepare("SELECT \"table\", parent FROM pragma_foreign_key_check LIMIT 1");
    if (broken.step())
        throw refuse(fmt::format("a row of table {} would refer to a missing {} row", broken.text(0), broken.text(1)));
    db.prepare("DELETE FROM undo_log WHERE command_id = ?").bind(1, target.id).run();
    auto by = current_command(db);
    db.prepare("UPDATE commands SET undone_by = ? WHERE id = ?").bind_all(by, target.id).run();
    if (by) db.prepare("UPDATE commands SET undo_of = ? WHERE id = ?").bind_all(target.id, *by).run();
}

}  // namespace acm
