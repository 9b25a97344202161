#include "acm/store/maintenance.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <map>
#include <sstream>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/core/private_file.hpp"
#include "acm/store/migrations.hpp"
#include "acm/store/workspace.hpp"

namespace acm {

void backup_workspace(Database& source, const std::string& path, bool overwrite) {
    struct stat target {}, workspace {};
    if (::stat(path.c_str(), &target) == 0 && ::stat(source.path().c_str(), &workspace) == 0 &&
        target.st_dev == workspace.st_dev && target.st_ino == workspace.st_ino)
        throw RuntimeError(fmt::format("{} is the workspace itself; back up to another file", path));
    // A stale write-ahead log next to the replaced file would be applied to the copy.
    if (overwrite && ::lstat((path + "-wal").c_str(), &target) == 0)
        throw RuntimeError(fmt::format("{}-wal exists: {} is in use as a database; not replacing it", path, path));
    PrivateFile file(path, overwrite);
    sqlite3* dest = nullptr;
    int rc = sqlite3_open_v2(file.temp_path().c_str(), &dest, SQLITE_OPEN_READWRITE, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc);
        sqlite3_close(dest);
        throw RuntimeError(fmt::format("cannot write {}: {}", path, message));
    }
    // No rollback journal: the copy is all or nothing through its rename, and a journal
    // would be one more file of customer data left behind by a killed run.
    sqlite3_exec(dest, "PRAGMA journal_mode = OFF", nullptr, nullptr, nullptr);
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source.handle(), "main");
    if (!backup) {
        std::string message = sqlite3_errmsg(dest);
        sqlite3_close(dest);
        throw RuntimeError(fmt::format("cannot back up to {}: {}", path, message));
    }
    // -1: every page in one step, so the copy is one consistent snapshot. A writer that
    // holds the lock right now is waited for, up to the busy timeout of a connection.
    for (int attempt = 0;; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        int primary = rc & 0xff;
        if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) || attempt == 100) break;
        sqlite3_sleep(100);
    }
    sqlite3_backup_finish(backup);
    int close_rc = sqlite3_close(dest);
    if (rc != SQLITE_DONE) throw_sqlite_error(nullptr, rc, fmt::format("backing up to {}", path));
    if (close_rc != SQLITE_OK) throw_sqlite_error(nullptr, close_rc, fmt::format("closing {}", path));
    file.commit();
}

namespace {

// The rows of a query as text, with SQLite's own message on failure: a check reports
// what SQLite found instead of the generic "corrupt" message of throw_sqlite_error.
struct QueryFailed {
    std::string message;
};

std::vector<std::vector<std::string>> query(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
    std::vector<std::vector<std::string>> rows;
    while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        auto& row = rows.emplace_back();
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
            auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            row.emplace_back(text ? text : "");
        }
    }
    std::string message = sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) throw QueryFailed{message};
    return rows;
}

// type, name → sql of the schema objects (tables, indexes, triggers, views) but SQLite's own.
std::map<std::pair<std::string, std::string>, std::string> schema_objects(sqlite3* db) {
    std::map<std::pair<std::string, std::string>, std::string> objects;
    for (auto& row : query(db, "SELECT type, name, coalesce(sql, '') FROM sqlite_master "
                               "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"))
        objects[{row[0], row[1]}] = row[2];
    return objects;
}

void check_schema(sqlite3* db, int version, std::vector<std::string>& problems) {
    Database expected(":memory:", true);
    for (const auto& migration : migrations())
        if (migration.version <= version) expected.exec(migration.sql.c_str());
    auto actual = schema_objects(db);
    for (const auto& [object, sql] : schema_objects(expected.handle())) {
        auto found = actual.find(object);
        if (found == actual.end())
            problems.push_back(fmt::format("{} {} is missing (schema version {})", object.first, object.second, version));
        else if (found->second != sql)
            problems.push_back(fmt::format("{} {} differs from schema version {}", object.first, object.second, version));
    }
}

}  // namespace

CheckReport check_workspace(const std::string& path) {
    // The workspace's file-safety rules, and a read-only connection: a -wal that is not ours
    // is refused, and the check never writes the workspace (not even a checkpoint).
    Database db = open_workspace_file_for_reading(path);
    CheckReport report;
    auto& problems = report.problems;
    try {
        auto id = std::stoll(query(db.handle(), "PRAGMA application_id").at(0).at(0));
        if (id != workspace_application_id) {
            problems.push_back(fmt::format("not an acm workspace (application_id {:#x})", id));
            return report;
        }
        report.schema_version = std::stoi(query(db.handle(), "PRAGMA user_version").at(0).at(0));
        if (report.schema_version > current_schema_version()) {
            problems.push_back(fmt::format("schema version {} is newer than this acm supports ({}); upgrade acm",
                                           report.schema_version, current_schema_version()));
            return report;
        }
        auto integrity = query(db.handle(), "PRAGMA integrity_check");
        if (!(integrity.size() == 1 && integrity[0][0] == "ok")) {
            // Problems come as lines, under a "*** in database main ***" heading.
            for (auto& row : integrity) {
                std::istringstream lines(row[0]);
                for (std::string line; std::getline(lines, line);)
                    if (!line.empty() && line.rfind("*** ", 0) != 0) problems.push_back("integrity check: " + line);
            }
        }
        // Rows: table, rowid, parent table, foreign key index.
        for (auto& row : query(db.handle(), "PRAGMA foreign_key_check"))
            problems.push_back(fmt::format("foreign key check: {} row {} refers to a missing {} row", row[0],
                                           row[1].empty() ? "?" : row[1], row[2]));
        check_schema(db.handle(), report.schema_version, problems);
    } catch (const QueryFailed& failure) {
        problems.push_back(failure.message);
    }
    return report;
}

}  // namespace acm
