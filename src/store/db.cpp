#include "acm/store/db.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "acm/core/error.hpp"
#include "acm/store/undo.hpp"

namespace acm {

constexpr int busy_timeout_ms = 10000;

std::string quote_identifier(std::string_view name) {
    std::string quoted = "\"";
    for (char c : name) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

void throw_sqlite_error(sqlite3* db, int code, std::string_view doing) {
    int primary = code & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        throw RuntimeError("the workspace is locked by another acm process; try again");
    if (primary == SQLITE_FULL) throw RuntimeError("the disk is full; nothing was written");
    if (primary == SQLITE_IOERR) {
        // A write that fails part-way is a full disk (ENOSPC, EDQUOT) or a file size limit (EFBIG,
        // ulimit -f) to the user. SQLite may have made other system calls since (its rollback),
        // so the errno it kept can be gone: a failed write counts as such too. The transaction
        // rolls back either way and the workspace keeps its last committed state.
        int error = db ? sqlite3_system_errno(db) : 0;
        std::string cause = error ? std::strerror(error) : sqlite3_errstr(code);
        if (error == ENOSPC || error == EFBIG || error == EDQUOT || code == SQLITE_IOERR_WRITE)
            throw RuntimeError(fmt::format("cannot write the workspace: the disk is full or a file size limit is "
                                           "reached ({}); nothing was written",
                                           cause));
        throw RuntimeError(fmt::format("{}: I/O error on the workspace ({}); nothing was written", doing, cause));
    }
    if (primary == SQLITE_READONLY) throw RuntimeError("the workspace is read-only; nothing was written");
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
        throw RuntimeError("the workspace is corrupt or not an acm workspace (run 'acm check')");
    const char* message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    throw RuntimeError(fmt::format("{}: {}", doing, message));
}

// Idle prepared statements by SQL text. Compiling a statement costs more than running a
// simple one: an import that added a contract per row spent a quarter of its time in
// SQLite's parser. Bounded, since some SQL is assembled per call (filters, reports).
class StatementCache {
public:
    StatementCache() = default;
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;
    ~StatementCache() {
        for (auto& [sql, statements] : idle_)
            for (sqlite3_stmt* stmt : statements) sqlite3_finalize(stmt);
    }
    sqlite3_stmt* take(const std::string& sql) {
        auto found = idle_.find(sql);
        if (found == idle_.end() || found->second.empty()) return nullptr;
        sqlite3_stmt* stmt = found->second.back();
        found->second.pop_back();
        --count_;
        return stmt;
    }
    void give_back(std::string sql, sqlite3_stmt* stmt) {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);  // no pointer to text bound without a copy stays behind
        if (count_ >= max_idle) {
            sqlite3_finalize(stmt);
            return;
        }
        idle_[std::move(sql)].push_back(stmt);
        ++count_;
    }

private:
    static constexpr std::size_t max_idle = 64;
    std::unordered_map<std::string, std::vector<sqlite3_stmt*>> idle_;
    std::size_t count_ = 0;
};

Statement::Statement(sqlite3* db, std::string_view sql, StatementCache* cache) : db_(db), cache_(cache) {
    if (cache_) {
        sql_ = sql;
        stmt_ = cache_->take(sql_);
        if (stmt_) return;
    }
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), 0, &stmt_, nullptr);
    if (rc != SQLITE_OK) throw_sqlite_error(db_, rc, "preparing a statement");
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), cache_(other.cache_), sql_(std::move(other.sql_)) {
    other.stmt_ = nullptr;
}

Statement::~Statement() {
    if (cache_ && stmt_)
        cache_->give_back(std::move(sql_), stmt_);
    else
        sqlite3_finalize(stmt_);
}

static void check_bind(sqlite3* db, int rc) {
    if (rc != SQLITE_OK) throw_sqlite_error(db, rc, "binding a parameter");
}

Statement& Statement::bind(int index, std::int64_t value) {
    check_bind(db_, sqlite3_bind_int64(stmt_, index, value));
    return *this;
}
Statement& Statement::bind(int index, double value) {
    check_bind(db_, sqlite3_bind_double(stmt_, index, value));
    return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
    check_bind(db_, sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}
Statement& Statement::bind_unowned(int index, std::string_view value) {
    check_bind(db_, sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8));
    return *this;
}
Statement& Statement::bind_blob(int index, std::string_view bytes) {
    check_bind(db_, sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
    return *this;
}
Statement& Statement::bind(int index, std::nullptr_t) {
    check_bind(db_, sqlite3_bind_null(stmt_, index));
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_sqlite_error(db_, rc, "running a statement");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }
std::string Statement::text(int column) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}
int Statement::type(int column) const { return sqlite3_column_type(stmt_, column); }
std::string Statement::blob(int column) const {
    auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}
std::optional<std::string> Statement::optional_text(int column) const {
    // sqlite3_column_text is NULL exactly for NULL (short of running out of memory): no
    // separate sqlite3_column_type call (a listing reads 90,000 optional texts).
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (!p) return std::nullopt;
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}
std::optional<std::int64_t> Statement::optional_integer(int column) const {
    if (is_null(column)) return std::nullopt;
    return integer(column);
}

Database::Database(const std::string& path, bool create)
    : Database(path, Access::read_write, create) {}

Database::Database(const std::string& path, Access access) : Database(path, access, false) {}

// SQLite's URI form of a file name, for the `immutable` parameter: % ? and # escaped.
static std::string file_uri(const std::string& path) {
    std::string uri = "file:";
    for (char c : path) {
        if (c == '%' || c == '?' || c == '#') uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        else uri += c;
    }
    return uri + "?immutable=1";
}

Database::Database(const std::string& path, Access access, bool create) : path_(path) {
    // No memory statistics: SQLite would take a global mutex around each of its allocations.
    // Must come before SQLite initializes, i.e. before the first open.
    static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    (void)configured;
    // NOMUTEX: a connection is only ever used by the thread that opened it (imports check
    // rows on a second thread, but only the opening thread writes), so SQLite need not
    // lock it around every call.
    int flags = (access == Access::read_write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) |
                (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX;
    if (access == Access::immutable) flags |= SQLITE_OPEN_URI;
    std::string name = access == Access::immutable ? file_uri(path) : path;
    int rc = sqlite3_open_v2(name.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw RuntimeError(fmt::format("cannot open workspace {}: {}", path, message));
    }
    sqlite3_extended_result_codes(db_, 1);
    cache_ = std::make_unique<StatementCache>();
    // A cron job and a person may write at the same time: wait for the lock instead of failing.
    sqlite3_busy_timeout(db_, busy_timeout_ms);
}

Database::Database(Database&& other) noexcept
    : db_(other.db_),
      path_(std::move(other.path_)),
      cache_(std::move(other.cache_)),
      change_log_(std::move(other.change_log_)) {
    other.db_ = nullptr;
}

Database::~Database() {
    change_log_.reset();
    cache_.reset();  // finalizes the idle statements before the connection closes
    sqlite3_close_v2(db_);
}

void Database::set_change_log(std::unique_ptr<ChangeLog> log) { change_log_ = std::move(log); }

void Database::exec(const char* sql) {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string text = message ? message : "";
        sqlite3_free(message);
        throw_sqlite_error(db_, rc, "updating the workspace");
    }
}

Database Database::copy_in_memory() {
    Database copy(":memory:", true);
    sqlite3_backup* backup = sqlite3_backup_init(copy.db_, "main", db_, "main");
    if (!backup) throw_sqlite_error(copy.db_, sqlite3_errcode(copy.db_), "copying the workspace");
    int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) throw_sqlite_error(db_, rc, "copying the workspace");
    copy.exec("PRAGMA foreign_keys = ON");
    return copy;
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

Transaction::Transaction(Database& db, Lock lock) : db_(db) {
    if (lock != Lock::write_now) {
        db_.exec(lock == Lock::write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
        return;
    }
    sqlite3_busy_timeout(db_.handle(), 0);
    int rc = sqlite3_exec(db_.handle(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_busy_timeout(db_.handle(), busy_timeout_ms);
    if (rc != SQLITE_OK) throw_sqlite_error(db_.handle(), rc, "updating the workspace");
}

Transaction::~Transaction() {
    if (done_) return;
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    if (ChangeLog* log = db_.change_log()) {
        try {
            log->after_rollback();
        } catch (...) {
            // The next commit's log then holds this transaction's net changes too: none.
        }
    }
}

void Transaction::commit() {
    if (ChangeLog* log = db_.change_log()) log->before_commit();
    db_.exec("COMMIT");
    done_ = true;
}

ForeignKeysOff::ForeignKeysOff(Database& db) : db_(db) { db_.exec("PRAGMA foreign_keys = OFF"); }

ForeignKeysOff::~ForeignKeysOff() {
    try {
        db_.exec("PRAGMA foreign_keys = ON");
    } catch (...) {
        // Only inside a transaction does it fail, and then the connection is closing.
    }
}

DeferredSchema::DeferredSchema(Database& db, std::string_view table, Objects objects)
    : db_(db), objects_(objects) {
    const char* type = objects == Objects::indexes ? "index" : "trigger";
    // Objects with SQL only: the automatic indexes of UNIQUE and PRIMARY KEY stay.
    auto found = db_.prepare("SELECT name, sql FROM sqlite_schema WHERE type = ? AND tbl_name = ? "
                             "AND sql IS NOT NULL ORDER BY name");
    found.bind_all(type, table);
    std::vector<std::string> drops;
    while (found.step()) {
        create_sql_.push_back(found.text(1));
        // A name from our own schema; DROP takes no bound parameter.
        drops.push_back(fmt::format("DROP {} {}", type, quote_identifier(found.text(0))));
    }
    for (const auto& drop : drops) db_.exec(drop.c_str());
}

void DeferredSchema::restore() {
    if (objects_ == Objects::triggers) {
        for (const auto& sql : create_sql_) db_.exec(sql.c_str());
        create_sql_.clear();
        return;
    }
    // The sort of CREATE INDEX uses a second core when its data comes in several sorted
    // runs; its runs are as large as the page cache, so the cache goes back to SQLite's
    // default 2 MB for the sorts (with the 128 MB of a large import the data would come in
    // one run, sorted on one thread). The pages the transaction changed stay in memory all
    // the same, up to what the cache held before (cache_spill, in pages): spilled, the rows
    // just loaded would be written to the WAL and read back from it for every index.
    auto pragma = [&](const char* name) {
        auto stmt = db_.prepare(fmt::format("PRAGMA {}", name));
        return stmt.step() ? stmt.integer(0) : 0;
    };
    const std::int64_t cache_size = pragma("cache_size"), cache_spill = pragma("cache_spill");
    const std::int64_t cache_pages = cache_size >= 0 ? cache_size : -cache_size * 1024 / pragma("page_size");
    // Our own integers: PRAGMA takes no bound parameters.
    db_.exec(fmt::format("PRAGMA cache_spill = {}", std::max(cache_spill, cache_pages)).c_str());
    db_.exec("PRAGMA cache_size = -2000");
    db_.exec("PRAGMA threads = 2");
    for (const auto& sql : create_sql_) db_.exec(sql.c_str());
    db_.exec("PRAGMA threads = 0");
    db_.exec(fmt::format("PRAGMA cache_size = {}", cache_size).c_str());
    db_.exec(fmt::format("PRAGMA cache_spill = {}", cache_spill).c_str());
    create_sql_.clear();
}

}  // namespace acm
