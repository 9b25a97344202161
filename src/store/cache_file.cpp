#include "acm/store/cache_file.hpp"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/core/private_file.hpp"
#include "acm/store/workspace.hpp"

namespace acm {

namespace fs = std::filesystem;

// The cache folder of the XDG base directories; empty without an absolute one (no cache is
// made in the current folder or at the root of the file system).
static std::string cache_home() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') return xdg;
    if (const char* home = std::getenv("HOME"); home && *home == '/') return std::string(home) + "/.cache";
    return {};
}

// FNV-1a: a stable name for a path, not a secret.
static std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
    return hash;
}

std::string cache_file_path(const std::string& workspace_path, std::string_view name) {
    std::string home = cache_home();
    if (home.empty()) return {};
    std::error_code error;
    fs::path real = fs::weakly_canonical(fs::absolute(workspace_path, error), error);
    return fmt::format("{}/acm/{}-{:016x}.db", home, name, fnv1a(real.string()));
}

static bool safe_or_missing(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return errno == ENOENT;
    try {
        check_owned_file(path, st, "cache");
        return true;
    } catch (const RuntimeError&) {
        return false;
    }
}

// The cache folder, as the user's private folder: a folder others may write or own could
// have files planted or swapped in it.
static bool private_folder(const fs::path& folder) {
    struct stat st {};
    return ::lstat(folder.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid() &&
           (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

enum class CacheState { usable, busy, unusable };

// Whether the cache at `db` is ours: its version, and `probe` runs. Busy (another process
// makes or checkpoints it right now) is not the same as unusable: such a cache is skipped for
// this run, never removed.
static CacheState check_cache(sqlite3* db, int version, const char* probe) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
    int found = -1;
    if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        found = sqlite3_column_int(stmt, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(stmt);
    if (rc == SQLITE_OK && found == version) rc = sqlite3_exec(db, probe, nullptr, nullptr, nullptr);
    int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return CacheState::busy;
    return rc == SQLITE_OK && found == version ? CacheState::usable : CacheState::unusable;
}

// Makes the cache at `path` whole under a temporary name and links it into place (PrivateFile,
// which also removes what a killed run left), so that no process ever opens a half-made cache.
// RuntimeError when another process made it meanwhile: this run goes without.
static void create_cache(const std::string& path, int version, const char* schema) {
    PrivateFile file(path, false);
    {
        Database db(file.temp_path(), false);
        // Large pages: a cache may hold a value of megabytes, read whole, in fewer pages.
        db.exec("PRAGMA page_size = 65536");
        // WAL: a listing reads the cache while another process writes it.
        db.exec("PRAGMA journal_mode = WAL");
        db.exec(schema);
        db.exec(fmt::format("PRAGMA user_version = {}", version).c_str());
    }  // closed: its -wal is checkpointed and removed
    file.commit();
}

std::optional<Database> open_cache_file(const std::string& path, int version, const char* schema,
                                        const char* probe) {
    if (path.empty()) return std::nullopt;
    try {
        fs::path folder = fs::path(path).parent_path();
        create_private_dirs(folder);
        // The real folder: the cache file is opened without following links, and ~/.cache or
        // /home may well be links.
        fs::path real_folder = fs::canonical(folder);
        if (!private_folder(real_folder)) return std::nullopt;
        std::string real = (real_folder / fs::path(path).filename()).string();
        for (int attempt = 0; attempt < 2; ++attempt) {
            for (const char* suffix : {"", "-wal", "-shm"})
                if (!safe_or_missing(real + suffix)) return std::nullopt;
            struct stat st {};
            if (::lstat(real.c_str(), &st) != 0) create_cache(real, version, schema);
            Database db(real, false);
            // A moment for another process that checkpoints it; never the workspace's wait.
            sqlite3_busy_timeout(db.handle(), 200);
            switch (check_cache(db.handle(), version, probe)) {
                case CacheState::usable:
                    sqlite3_busy_timeout(db.handle(), 0);  // its writes are skipped when busy
                    // Large pages fill the log quickly: checkpointed every few megabytes, and
                    // then cut back, so that it does not grow to SQLite's default 1000 pages.
                    db.exec("PRAGMA wal_autocheckpoint = 64; PRAGMA journal_size_limit = 4194304");
                    // A cache needs no flush to disk at each write: a write lost to a crash
                    // is computed again.
                    db.exec("PRAGMA synchronous = NORMAL");
                    return db;
                case CacheState::busy:
                    return std::nullopt;
                case CacheState::unusable:
                    break;
            }
            // Not a database, or not ours: removed and made again.
            for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((real + suffix).c_str());
        }
        return std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace acm
