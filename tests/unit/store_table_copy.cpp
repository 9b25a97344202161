#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "acm/core/error.hpp"
#include "acm/store/table_copy.hpp"

using namespace acm;
namespace fs = std::filesystem;

namespace {
struct Scratch {
    fs::path path = fs::temp_directory_path() / ("acm-table-copy-" + std::to_string(::getpid()));
    Scratch() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Scratch() { fs::remove_all(path); }
};

void create_tables(Database& db) {
    db.exec(
        "CREATE TABLE b_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n REAL, "
        "  twice INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL);"
        "CREATE TABLE a_keys (code TEXT, part INTEGER, x, PRIMARY KEY (part, code)) WITHOUT ROWID;"
        "CREATE TABLE c_derived (v INTEGER);"
        "CREATE TABLE d_strict (v INTEGER) STRICT;"
        "CREATE TABLE e_auto (id INTEGER PRIMARY KEY AUTOINCREMENT);");
}
}  // namespace

TEST_CASE("list_tables: by name, without SQLite's own, the excluded or generated columns") {
    Scratch scratch;
    Database db((scratch.path / "t.db").string(), true);
    create_tables(db);
    auto tables = list_tables(db, {"c_derived"});
    REQUIRE(tables.size() == 4);  // not sqlite_sequence (AUTOINCREMENT), not c_derived
    CHECK(tables[0].name == "a_keys");
    CHECK(tables[0].columns == std::vector<std::string>{"code", "part", "x"});
    CHECK(tables[0].order_by == "\"part\", \"code\"");  // the key's order, not the columns'
    CHECK(tables[1].name == "b_items");
    CHECK(tables[1].columns == std::vector<std::string>{"id", "name", "n"});
    CHECK(tables[1].order_by == "rowid");
    CHECK(tables[2].name == "d_strict");
    CHECK(tables[3].name == "e_auto");
}

TEST_CASE("TableScan and TableInserter copy every type, in order") {
    Scratch scratch;
    Database db((scratch.path / "t.db").string(), true);
    create_tables(db);
    auto tables = list_tables(db, {});
    const TableInfo& keys = tables[0];
    TableInserter insert(db, keys);
    insert.insert({{"code", std::string("b")}, {"part", std::int64_t{1}}, {"x", Blob{std::string("\0\xff", 2)}}});
    insert.insert({{"code", std::string("a")}, {"part", std::int64_t{1}}, {"x", 2.5}});
    insert.insert({{"part", std::int64_t{0}}, {"code", std::string("z")}});  // other columns, other order
    TableScan scan(db, keys);
    REQUIRE(scan.step());
    CHECK(scan.value(0) == SqlValue{std::string("z")});
    CHECK(scan.value(2) == SqlValue{nullptr});
    REQUIRE(scan.step());
    CHECK(scan.value(0) == SqlValue{std::string("a")});
    CHECK(scan.value(1) == SqlValue{std::int64_t{1}});
    CHECK(scan.value(2) == SqlValue{2.5});
    REQUIRE(scan.step());
    CHECK(std::get<Blob>(scan.value(2)).bytes == std::string("\0\xff", 2));
    CHECK_FALSE(scan.step());
}

TEST_CASE("TableInserter: a row the table refuses is a usage error naming the table") {
    Scratch scratch;
    Database db((scratch.path / "t.db").string(), true);
    create_tables(db);
    auto tables = list_tables(db, {});
    TableInserter items(db, tables[1]);
    items.insert({{"id", std::int64_t{1}}, {"name", std::string("one")}});
    CHECK_THROWS_WITH_AS(items.insert({{"id", std::int64_t{2}}, {"colour", std::string("red")}}),
                         "table b_items has no column 'colour'", UsageError);
    CHECK_THROWS_WITH_AS(items.insert({{"twice", std::int64_t{2}}}), "table b_items has no column 'twice'", UsageError);
    CHECK_THROWS_WITH_AS(items.insert({}), "an empty row in table b_items", UsageError);
    CHECK_THROWS_WITH_AS(items.insert({{"id", std::int64_t{2}}, {"name", std::string("one")}}),
                         "table b_items: UNIQUE constraint failed: b_items.name", UsageError);
    CHECK_THROWS_WITH_AS(items.insert({{"id", std::int64_t{3}}, {"name", nullptr}}),
                         "table b_items: NOT NULL constraint failed: b_items.name", UsageError);
    TableInserter strict(db, tables[3]);  // d_strict
    CHECK_THROWS_WITH_AS(strict.insert({{"v", std::string("x")}}),
                         "table d_strict: cannot store TEXT value in INTEGER column d_strict.v", UsageError);
    // After refusals, the statement still inserts.
    items.insert({{"id", std::int64_t{4}}, {"name", std::string("four")}});
    auto count = db.prepare("SELECT count(*) FROM b_items");
    REQUIRE(count.step());
    CHECK(count.integer(0) == 2);
}
