#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>

#include "acm/core/error.hpp"
#include "acm/domain/import_checks.hpp"
#include "acm/store/workspace.hpp"

using namespace acm;
namespace fs = std::filesystem;

// A migration that adds a column must add its import check too: otherwise `acm import`
// would store whatever an export holds in it.
TEST_CASE("every column of the schema has an import check") {
    fs::path dir = fs::temp_directory_path() / ("acm-import-checks-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    {
        Database db = create_workspace((dir / "ws.db").string());
        ImportChecks checks(AccountRules{});
        auto columns = db.prepare(
            "SELECT t.name, c.name FROM pragma_table_list t JOIN pragma_table_xinfo(t.name) c "
            "WHERE t.schema = 'main' AND t.type = 'table' AND t.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "AND t.name NOT IN ('account_versions', 'undo_log') AND c.hidden = 0");
        int count = 0;
        while (columns.step()) {
            ++count;
            INFO(columns.text(0) << "." << columns.text(1));
            CHECK(checks.has_rule(columns.text(0), columns.text(1)));
        }
        CHECK(count > 100);
    }
    fs::remove_all(dir);
}

TEST_CASE("a row is checked as the commands check it, and normalized as they store it") {
    ImportChecks checks(AccountRules{});
    JsonRow row{{"id", std::int64_t{3}}, {"currency", std::string("EUR")}, {"amount_minor", std::string("1200")},
                {"category", std::string("support")}, {"note", std::string("  Travel  ")}};
    checks.check_row("costs", row, "table costs, id 3");
    CHECK(std::get<std::int64_t>(row[2].second) == 1200);
    CHECK(std::get<std::string>(row[4].second) == "Travel");

    JsonRow bad{{"id", std::int64_t{3}}, {"currency", std::string("eur")}};
    CHECK_THROWS_WITH_AS(checks.check_row("costs", bad, "table costs, id 3"),
                         "table costs, id 3: currency eur is not valid (expected an ISO 4217 currency code such as EUR)",
                         UsageError);
    JsonRow unknown{{"anything", JsonBlob{"\x01"}}};
    CHECK_NOTHROW(checks.check_row("zz_future", unknown, "table zz_future, row 1"));
}
