#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/store/migrations.hpp"
#include "acm/store/workspace.hpp"

using namespace acm;
namespace fs = std::filesystem;

namespace {
struct TempDir {
    fs::path path = fs::temp_directory_path() / ("acm-store-" + std::to_string(::getpid()));
    TempDir() { fs::remove_all(path); }
    ~TempDir() { fs::remove_all(path); }
};
int pragma(Database& db, const char* sql) {
    auto stmt = db.prepare(sql);
    REQUIRE(stmt.step());
    return static_cast<int>(stmt.integer(0));
}
}  // namespace

// Numbered 1, 2, 3, … without gaps, each file named after its number.
TEST_CASE("migrations are numbered from 1 without gaps") {
    const auto& all = migrations();
    REQUIRE(!all.empty());
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].version == static_cast<int>(i + 1));
    for (const auto& migration : all) CHECK(migration.name.starts_with(fmt::format("{:03}_", migration.version)));
    CHECK(current_schema_version() == all.back().version);
}

TEST_CASE("create_workspace makes a private WAL database at the current version") {
    TempDir dir;
    std::string path = (dir.path / "a" / "ws.db").string();
    {
        Database db = create_workspace(path);
        CHECK(pragma(db, "PRAGMA user_version") == current_schema_version());
        CHECK(pragma(db, "PRAGMA application_id") == workspace_application_id);
        CHECK(pragma(db, "PRAGMA foreign_keys") == 1);
    }
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat((dir.path / "a").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    CHECK_THROWS_AS(create_workspace(path), RuntimeError);
    Database reopened = open_workspace(path);
    auto mode = reopened.prepare("PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.text(0) == "wal");
}

TEST_CASE("open_workspace refusals") {
    TempDir dir;
    fs::create_directories(dir.path);
    std::string missing = (dir.path / "missing.db").string();
    CHECK_THROWS_WITH_AS(open_workspace(missing), ("no workspace at " + missing + "; run 'acm init'").c_str(),
                         RuntimeError);
    std::string text = (dir.path / "text.db").string();
    std::ofstream(text) << std::string(4096, 'x');
    CHECK_THROWS_WITH_AS(open_workspace(text), (text + " is not an acm workspace (not an SQLite database)").c_str(),
                         RuntimeError);
    CHECK(fs::file_size(text) == 4096);
}

TEST_CASE("transactions roll back unless committed") {
    TempDir dir;
    Database db = create_workspace((dir.path / "ws.db").string());
    db.exec("CREATE TABLE t (x)");
    {
        Transaction tx(db);
        db.prepare("INSERT INTO t VALUES (?)").bind(1, std::int64_t{1}).run();
    }
    CHECK(pragma(db, "SELECT count(*) FROM t") == 0);
    {
        Transaction tx(db);
        db.prepare("INSERT INTO t VALUES (?)").bind(1, "text").run();
        tx.commit();
    }
    CHECK(pragma(db, "SELECT count(*) FROM t") == 1);
}

TEST_CASE("statements bind optional values as NULL") {
    TempDir dir;
    Database db = create_workspace((dir.path / "ws.db").string());
    auto stmt = db.prepare("SELECT ? IS NULL, ?");
    stmt.bind_all(std::optional<std::string>{}, std::optional<std::string>{"x"});
    REQUIRE(stmt.step());
    CHECK(stmt.integer(0) == 1);
    CHECK(stmt.optional_text(1) == std::optional<std::string>{"x"});
}

TEST_CASE("optional_text tells NULL from an empty text, and reads numbers as text") {
    TempDir dir;
    Database db = create_workspace((dir.path / "ws.db").string());
    auto stmt = db.prepare("SELECT NULL, '', 'caf\xc3\xa9', 42");
    REQUIRE(stmt.step());
    CHECK(stmt.optional_text(0) == std::nullopt);
    CHECK(stmt.optional_text(1) == std::optional<std::string>{""});
    CHECK(stmt.optional_text(2) == std::optional<std::string>{"caf\xc3\xa9"});
    CHECK(stmt.optional_text(3) == std::optional<std::string>{"42"});
}

TEST_CASE("a statement prepared again is reused from a clean state") {
    TempDir dir;
    Database db = create_workspace((dir.path / "ws.db").string());
    db.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)");
    const char* sql = "SELECT x, ?1 FROM t ORDER BY x";
    {
        auto first = db.prepare(sql);
        first.bind(1, std::string("bound"));
        REQUIRE(first.step());  // left in the middle of its rows
        CHECK(first.integer(0) == 1);
        // The same text while the first is in use: a statement of its own.
        auto nested = db.prepare(sql);
        int rows = 0;
        while (nested.step()) ++rows;
        CHECK(rows == 3);
        REQUIRE(first.step());
        CHECK(first.integer(0) == 2);
    }
    // Taken from the idle ones: from the first row, with no binding left over.
    auto again = db.prepare(sql);
    REQUIRE(again.step());
    CHECK(again.integer(0) == 1);
    CHECK(again.is_null(1));
    // A schema change in between: SQLite prepares it again by itself.
    { auto stmt = db.prepare("SELECT count(*) FROM t"); }
    db.exec("CREATE INDEX t_x ON t (x); ALTER TABLE t ADD COLUMN y TEXT");
    CHECK(pragma(db, "SELECT count(*) FROM t") == 3);
}
