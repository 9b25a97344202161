#include "acm/store/workspace.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/store/migrations.hpp"

namespace acm {

namespace fs = std::filesystem;

static std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

std::string resolve_workspace_path(const std::string& flag_value) {
    if (!flag_value.empty()) return flag_value;
    if (auto from_env = env("ACM_WORKSPACE"); !from_env.empty()) return from_env;
    std::string data_home = env("XDG_DATA_HOME");
    if (data_home.empty()) data_home = env("HOME") + "/.local/share";
    return data_home + "/acm/workspace.db";
}

int current_schema_version() { return migrations().empty() ? 0 : migrations().back().version; }

static int pragma_int(Database& db, const char* pragma) {
    auto stmt = db.prepare(pragma);
    return stmt.step() ? static_cast<int>(stmt.integer(0)) : 0;
}

// Per-connection settings (acm-workspace(5), "Connection settings"). journal_mode=WAL is
// persistent and set once by init.
static void configure_connection(Database& db) {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA synchronous = NORMAL");
}

static void migrate(Database& db) {
    if (pragma_int(db, "PRAGMA user_version") >= current_schema_version()) return;
    Transaction tx(db);
    // Re-read under the write lock: another process may have migrated meanwhile.
    int version = pragma_int(db, "PRAGMA user_version");
    for (const auto& migration : migrations()) {
        if (migration.version <= version) continue;
        db.exec(migration.sql.c_str());
    }
    // PRAGMA takes no bound parameters; the value is our own integer.
    db.exec(fmt::format("PRAGMA user_version = {}", current_schema_version()).c_str());
    tx.commit();
}

// SQLite keeps a workspace's recent writes in PATH-wal and its lock index in PATH-shm.
static constexpr const char* companion_suffixes[] = {"-wal", "-shm"};

// `path` with its folder resolved to the real one. SQLite (opened with SQLITE_OPEN_NOFOLLOW)
// refuses a link anywhere in the path, and a folder that is a link is common and harmless
// (~/.local/share kept in a synced folder); the file itself is checked not to be one.
std::string with_real_folder(const std::string& path) {
    fs::path given(path);
    std::error_code error;
    fs::path folder = fs::canonical(given.has_parent_path() ? given.parent_path() : fs::path("."), error);
    return error ? path : (folder / given.filename()).string();
}

static void check_workspace_files(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) throw RuntimeError(fmt::format("no workspace at {}; run 'acm init'", path));
    check_owned_file(path, st, "workspace");
    for (const char* suffix : companion_suffixes) {
        std::string companion = path + suffix;
        if (::lstat(companion.c_str(), &st) == 0) check_owned_file(companion, st, "workspace file");
    }
}

Database create_workspace(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0)
        throw RuntimeError(fmt::format("{} already exists; nothing was changed", path));
    // A -wal left by a workspace deleted without it would be replayed into the new one.
    for (const char* suffix : companion_suffixes)
        if (::lstat((path + suffix).c_str(), &st) == 0)
            throw RuntimeError(fmt::format("{}{} already exists (left from an earlier workspace?); move it away "
                                           "first; nothing was changed",
                                           path, suffix));
    create_private_dirs(fs::path(path).parent_path());
    // O_EXCL: never take over a file that appeared meanwhile; 0600 before SQLite writes a byte.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) throw RuntimeError(fmt::format("cannot create workspace {}: {}", path, std::strerror(errno)));
    ::close(fd);
    try {
        Database db(with_real_folder(path), false);
        db.exec("PRAGMA journal_mode = WAL");
        db.exec(fmt::format("PRAGMA application_id = {}", workspace_application_id).c_str());
        configure_connection(db);
        migrate(db);
        // Every migration's pages are in the WAL now, twice the size of the new file: move
        // them into it so that a new workspace takes the space of its schema once.
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        return db;
    } catch (...) {
        ::unlink(path.c_str());
        throw;
    }
}

// The application id and schema version of an open workspace, read before anything that
// could write to it: RuntimeError for a file that is not an acm workspace, is locked or is
// newer than this binary.
static int checked_schema_version(Database& db, const std::string& path) {
    int application_id = 0;
    {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v2(db.handle(), "PRAGMA application_id", -1, &stmt, nullptr);
        if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) application_id = sqlite3_column_int(stmt, 0);
        sqlite3_finalize(stmt);
        if ((rc & 0xff) == SQLITE_NOTADB)
            throw RuntimeError(fmt::format("{} is not an acm workspace (not an SQLite database)", path));
        if ((rc & 0xff) == SQLITE_BUSY)
            throw RuntimeError("the workspace is locked by another acm process; try again");
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) throw_sqlite_error(db.handle(), rc, "reading the workspace");
    }
    if (application_id != workspace_application_id)
        throw RuntimeError(fmt::format("{} is not an acm workspace (application_id {:#x})", path,
                                       static_cast<unsigned>(application_id)));
    int version = pragma_int(db, "PRAGMA user_version");
    if (version > current_schema_version())
        throw RuntimeError(fmt::format(
            "workspace {} has schema version {}, newer than this acm supports ({}); upgrade acm", path, version,
            current_schema_version()));
    return version;
}

static bool writable(const std::string& path) { return ::access(path.c_str(), W_OK) == 0; }

static std::string folder_of(const std::string& path) {
    std::string folder = fs::path(path).parent_path().string();
    return folder.empty() ? std::string(".") : folder;
}

Database open_workspace(const std::string& path) {
    check_workspace_files(path);
    // SQLite writes PATH-shm and PATH-wal beside a WAL workspace: a read-only file or folder
    // (or file system) would otherwise fail later as "unable to open database file".
    for (const std::string& where : {path, folder_of(path)})
        if (!writable(where))
            throw RuntimeError(fmt::format("the workspace {} is read-only ({}: {}); acm needs to write to it and "
                                           "to its folder",
                                           path, where, std::strerror(errno)));
    Database db(with_real_folder(path), false);
    checked_schema_version(db, path);
    configure_connection(db);
    migrate(db);
    return db;
}

// Whether a file is missing or empty: a -wal without content holds no committed write.
static bool missing_or_empty(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) != 0 || st.st_size == 0;
}

Database open_workspace_file_for_reading(const std::string& path) {
    check_workspace_files(path);
    std::string real = with_real_folder(path);
    // A reader of a WAL database needs the -shm index beside it, and creates it when it is
    // missing. Where it cannot (read-only storage, a read-only folder, a full disk) and no
    // -wal holds writes that are not in the file yet, the file alone is the whole workspace
    // and is read as immutable: nothing is created beside it. A -wal with content cannot be
    // read without its index, and is reported.
    Database db(real, Database::Access::read_only);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db.handle(), "SELECT 1 FROM sqlite_schema LIMIT 1", -1, &stmt, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    int primary = rc & 0xff;
    if ((primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY || primary == SQLITE_IOERR ||
         primary == SQLITE_FULL) &&
        missing_or_empty(path + "-wal"))
        return Database(real, Database::Access::immutable);
    return db;
}

Database open_workspace_for_reading(const std::string& path) {
    Database db = open_workspace_file_for_reading(path);
    int version = checked_schema_version(db, path);
    configure_connection(db);
    if (version == current_schema_version()) return db;
    // A workspace of an older acm is migrated once, by whichever command comes first.
    if (!writable(path) || !writable(folder_of(path)))
        throw RuntimeError(fmt::format("the workspace {} has schema version {} and this acm needs version {}; "
                                       "it migrates it on the first command that can write to it",
                                       path, version, current_schema_version()));
    return open_workspace(path);
}

}  // namespace acm
