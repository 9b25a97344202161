#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "acm/domain/listing.hpp"

using namespace acm;
namespace fs = std::filesystem;

namespace {

// One result row from literal values: no workspace needed.
constexpr const char* from_values =
    " FROM (SELECT 7 AS id, 'Acme' AS name, 125000 AS amount, 'EUR' AS currency, '2026-03-01' AS day, "
    "NULL AS missing, 'not a date' AS odd)";

struct Scratch {
    fs::path path = fs::temp_directory_path() / ("acm-listing-" + std::to_string(::getpid()) + ".db");
    Database db{path.string(), true};
    ~Scratch() { fs::remove(path); }
};

}  // namespace

TEST_CASE("a listing's select list, columns and row come from one table of fields") {
    Scratch scratch;
    Date today{std::chrono::year{2026} / 2 / 1};
    Listing listing({
        {{"id", Kind::integer}, "id"},
        {{"name", Kind::text}, "name"},
        {{"amount", Kind::money}, "amount"},
        {{"currency", Kind::text, false}, "currency"},
        {{"days_left", Kind::integer}, "",
         [today](const ListingRow& r) { return Cell{std::int64_t{days_between(today, *r.date("day"))}}; }},
        {{"day", Kind::date}, "day"},
        {{"missing", Kind::date}, "missing"},
        {{"odd", Kind::date}, "odd"},
        {{"shout", Kind::text}, "", [](const ListingRow& r) { return Cell{std::get<std::string>(r.cell("name")) + "!"}; }},
    });
    CHECK(listing.select_list() == "id, name, amount, currency, day, missing, odd");
    CHECK(listing.selected() == 7);
    auto columns = listing.columns();
    REQUIRE(columns.size() == 9);
    CHECK(columns[3].name == "currency");
    CHECK_FALSE(columns[3].in_table);
    CHECK(listing.index("days_left") == 4);
    CHECK_THROWS_AS(listing.index("nope"), std::logic_error);

    auto stmt = scratch.db.prepare("SELECT " + listing.select_list() + ", 42" + from_values);
    REQUIRE(stmt.step());
    Row row = listing.row(stmt);
    CHECK(std::get<std::int64_t>(row[0]) == 7);
    CHECK(std::get<Money>(row[2]).minor == 125000);
    CHECK(std::get<Money>(row[2]).currency == "EUR");  // from the listing's currency field
    CHECK(std::get<std::int64_t>(row[4]) == 28);       // computed from a field selected after it
    CHECK(std::get<Date>(row[5]) == Date{std::chrono::year{2026} / 3 / 1});
    CHECK(std::holds_alternative<std::monostate>(row[6]));  // NULL: missing
    CHECK(std::get<std::string>(row[7]) == "not a date");   // shown as stored
    CHECK(std::get<std::string>(row[8]) == "Acme!");         // from a cell made before it
    CHECK(stmt.integer(listing.selected()) == 42);           // the query's own columns come after

    auto values = listing.values(stmt);
    CHECK(values.text("name") == "Acme");
    CHECK(values.is_null("missing"));
    CHECK_THROWS_AS(values.cell("name"), std::logic_error);       // no row is being made
    CHECK_THROWS_AS(values.text("days_left"), std::logic_error);  // computed, not selected
}
