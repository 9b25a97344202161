#pragma once
// RAII wrappers for SQLite: a connection, prepared statements with bound
// parameters (never SQL assembled from user input), and one Transaction type.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace acm {

class StatementCache;
class ChangeLog;

class Statement {
public:
    // Prepares `sql`, or takes an idle statement of the same text from `cache`, to which it
    // goes back (reset, bindings cleared) when this Statement is destroyed.
    Statement(sqlite3* db, std::string_view sql, StatementCache* cache = nullptr);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    // Parameters are numbered from 1, as in SQLite. An empty optional binds NULL.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    // Binds text without SQLite's copy of it: the caller keeps it alive and unchanged until
    // the statement has run (bulk inserts, where the copy of every cell counts).
    Statement& bind_unowned(int index, std::string_view value);
    Statement& bind_unowned(int index, const std::string& value) { return bind_unowned(index, std::string_view(value)); }
    Statement& bind_unowned(int index, const std::optional<std::string>& value) {
        return value ? bind_unowned(index, std::string_view(*value)) : bind(index, nullptr);
    }
    // A temporary would be gone before the statement runs.
    Statement& bind_unowned(int index, std::string&& value) = delete;
    Statement& bind_unowned(int index, std::optional<std::string>&& value) = delete;
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullptr_t);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    // bind_all(a, b, c) binds parameters 1, 2, 3.
    template <class... Args>
    Statement& bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    bool step();  // true while a row is available
    void run();   // steps to completion (for writes)
    void reset();

    bool is_null(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::optional<std::int64_t> optional_integer(int column) const;
    // For generic readers (export): SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
    int type(int column) const;
    std::string blob(int column) const;
    Statement& bind_blob(int index, std::string_view bytes);

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    StatementCache* cache_ = nullptr;
    std::string sql_;  // the cache's key
};

class Database {
public:
    // Opens an existing file (read-write, never creating) or creates it when `create`.
    Database(const std::string& path, bool create);
    // How a connection may use its file. read_only never writes the database file; its
    // `immutable` form (for a workspace on read-only storage with no -wal) does not even
    // create the -wal and -shm files beside it.
    enum class Access { read_write, read_only, immutable };
    Database(const std::string& path, Access access);
    Database(Database&& other) noexcept;
    Database& operator=(Database&&) = delete;
    ~Database();

    // Statements are reused: the same SQL text prepared again (a per-row INSERT of an
    // import, a lookup per row) takes an idle one instead of being compiled again.
    // A Statement must not outlive its Database.
    Statement prepare(std::string_view sql) { return Statement(db_, sql, cache_.get()); }
    void exec(const char* sql);  // trusted, constant SQL only (pragmas, migrations)
    std::int64_t last_insert_id() const;
    int changes() const;
    sqlite3* handle() const { return db_; }
    // A copy of the whole database in memory (one consistent snapshot), for a dry run that
    // does the real work without writing the file.
    Database copy_in_memory();
    const std::string& path() const { return path_; }
    // The log of this connection's changes for undo (undo.hpp), if it keeps one: each
    // Transaction hands it its changes just before it commits.
    ChangeLog* change_log() const { return change_log_.get(); }
    void set_change_log(std::unique_ptr<ChangeLog> log);

private:
    Database(const std::string& path, Access access, bool create);

    sqlite3* db_ = nullptr;
    std::string path_;
    std::unique_ptr<StatementCache> cache_;  // idle statements, finalized before the close
    std::unique_ptr<ChangeLog> change_log_;  // deleted before the close, as SQLite requires
};

// BEGIN IMMEDIATE: takes the write lock up front, so that two writers wait for each
// other (busy timeout) instead of failing on a lock upgrade. Rolls back unless committed.
// Lock::read (BEGIN DEFERRED) is for readers that need one consistent snapshot over
// several statements (export) without blocking writers. Lock::write_now takes the write
// lock only if it is free right now (RuntimeError otherwise, at once), for writes that can
// be skipped (account list keeping its figures).
class Transaction {
public:
    enum class Lock { write, write_now, read };
    explicit Transaction(Database& db, Lock lock = Lock::write);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

// For a bulk load in the caller's transaction: drops `table`'s indexes or its triggers, and
// restore() creates them again from the SQL the schema holds (so `acm check` still finds
// the migrations' text). Inserting a million keys in random order into an index costs
// several times what one sort of the finished table does (CREATE INDEX); a trigger runs a
// statement per row. What the triggers would have done is the caller's to do in bulk.
// A rollback restores everything.
class DeferredSchema {
public:
    enum class Objects { indexes, triggers };
    DeferredSchema(Database& db, std::string_view table, Objects objects);
    void restore();

private:
    Database& db_;
    Objects objects_;
    std::vector<std::string> create_sql_;
};

// Foreign keys off on the connection while it lives; made before the transaction, as SQLite
// ignores the setting inside one. For writers that check references as a whole instead of
// row by row: an undo reverts a command's changes grouped by table, so that they cannot be
// checked (or cascade) one by one, and checks them before the commit; a bulk load (TableLoad)
// checks each account its rows name once.
class ForeignKeysOff {
public:
    explicit ForeignKeysOff(Database& db);
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
    ~ForeignKeysOff();

private:
    Database& db_;
};

// "name" quoted as an SQL identifier, for table and column names read from
// sqlite_master, which cannot be bound as parameters.
std::string quote_identifier(std::string_view name);

// Throws RuntimeError describing an SQLite failure (busy → "workspace is locked…").
[[noreturn]] void throw_sqlite_error(sqlite3* db, int code, std::string_view doing);

}  // namespace acm
