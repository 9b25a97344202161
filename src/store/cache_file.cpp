#include "acm/store/cache_file.hpp"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "acm/core/error.hpp"
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

static int user_version(Database& db) {
    auto stmt = db.prepare("PRAGMA user_version");
    return stmt.step() ? static_cast<int>(stmt.integer(0)) : 0;
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

std::optional<Database> open_cache_file(const std::string& path, int version, const char* schema,
                                        const char* probe) {
    if (path.empty()) return std::nullopt;
    try {
        create_private_dirs(fs::path(path).parent_path());
        for (const char* suffix : {"", "-wal", "-shm"})
            if (!safe_or_missing(path + suffix)) return std::nullopt;
        auto open = [&] {
            Database db(path, true);
            sqlite3_busy_timeout(db.handle(), 0);
            return db;
        };
        try {
            Database db = open();
            if (user_version(db) == version) {
                db.exec(probe);
                return db;
            }
        } catch (const std::exception&) {
            // Not a database, or not ours (a torn or foreign file): made anew like a stale one.
        }
        // Another version's cache, a corrupt one, or a new file: made anew.
        for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
        Database db = open();
        // WAL: a listing reads the cache while another process writes it.
        db.exec("PRAGMA journal_mode = WAL");
        db.exec(schema);
        db.exec(fmt::format("PRAGMA user_version = {}", version).c_str());
        return db;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool attach_cache_file(Database& db, const std::string& path, std::string_view as) {
    try {
        // The schema name is ours (a constant); the path is bound.
        db.prepare(fmt::format("ATTACH ? AS {}", as)).bind(1, path).run();
        return true;
    } catch (const RuntimeError&) {
        return false;
    }
}

void detach_cache_file(Database& db, std::string_view as) {
    sqlite3_exec(db.handle(), fmt::format("DETACH {}", as).c_str(), nullptr, nullptr, nullptr);
}

}  // namespace acm
