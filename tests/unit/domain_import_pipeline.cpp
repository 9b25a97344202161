#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"
#include "acm/domain/feedback.hpp"
#include "acm/domain/import/accounts.hpp"
#include "acm/domain/import/feedback.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/domain/import/usage.hpp"
#include "acm/store/workspace.hpp"

using namespace acm;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace {

// A schema of two fields, `name` (also "Account Name") and `count`.
const CsvSchema& schema() {
    static const CsvSchema s = [] {
        CsvSchema s;
        s.fields = {"name", "count"};
        s.alias("name", {"account name"});
        return s;
    }();
    return s;
}

// "name,count" and one row per count: "n<i>,<count>".
std::string csv(const std::vector<std::string>& counts) {
    std::string text = "name,count\n";
    for (std::size_t i = 0; i < counts.size(); ++i) text += "n" + std::to_string(i) + "," + counts[i] + "\n";
    return text;
}

// The count as a record; UsageError "line N, column count: x is not a valid number …".
int parse_count(const ImportReader::Row& row) {
    const std::string& count = row.required("count");
    return static_cast<int>(
        row.parse("count", [&](auto label) { return parse_integer(count, 0, 1000, label); }));
}

// What read() did: the records written, in order, and the error it threw ("" for none).
struct Outcome {
    std::vector<int> written;
    std::size_t records = 0;
    std::string error;
};
Outcome read_counts(const std::string& text, bool dry_run = false, CsvImportOptions options = {}) {
    std::istringstream in(text);
    Outcome outcome;
    std::function<void(std::vector<int>&)> write;
    if (!dry_run)
        write = [&](std::vector<int>& records) {
            outcome.written.insert(outcome.written.end(), records.begin(), records.end());
        };
    try {
        ImportReader reader(in, schema(), options);
        outcome.records = reader.read<int>(parse_count, write);
    } catch (const UsageError& e) {
        outcome.error = e.what();
    }
    return outcome;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// A fresh workspace with the accounts acme and globex, removed at the end of the test.
struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("acm-import-pipeline-" + std::to_string(::getpid()));
    Database db;
    Actor actor{"test", "acm test", sys_days{2026y / 11 / 1}};
    Date today = 2026y / 11 / 22;
    Scratch() : db((fs::remove_all(dir), create_workspace((dir / "ws.db").string()))) {
        for (const char* name : {"Acme", "Globex"}) {
            AccountFields fields;
            fields.name = name;
            add_account(db, actor, fields);
        }
    }
    ~Scratch() { fs::remove_all(dir); }
    std::int64_t count(const char* table) {
        auto stmt = db.prepare(std::string("SELECT count(*) FROM ") + table);
        stmt.step();
        return stmt.integer(0);
    }
    // The account import of `text`, in a transaction that commits only when it succeeds.
    ImportSummary import_accounts(const std::string& text, bool dry_run) {
        std::istringstream in(text);
        AccountImportOptions options;
        options.dry_run = dry_run;
        Transaction tx(db);
        ImportSummary summary = acm::import_accounts(db, actor, in, AccountRules{}, options);
        tx.commit();
        return summary;
    }
};

std::string error_of(const std::function<void()>& run) {
    try {
        run();
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("every row is parsed and written in file order, a batch at a time") {
    std::vector<std::string> counts;
    for (int i = 0; i < 2500; ++i) counts.push_back(std::to_string(i % 1000));
    Outcome outcome = read_counts(csv(counts));
    CHECK(outcome.error.empty());
    CHECK(outcome.records == 2500);
    REQUIRE(outcome.written.size() == 2500);
    for (int i = 0; i < 2500; ++i) CHECK(outcome.written[i] == i % 1000);
}

TEST_CASE("the errors of several rows are collected and reported together") {
    Outcome outcome = read_counts(csv({"1", "x", "3", "", "5", "-1"}));
    CHECK(lines_of(outcome.error) ==
          std::vector<std::string>{
              "line 3, column count: x is not a valid number (expected a whole number from 0 to 1000)",
              "line 5, column count: must not be empty",
              "line 7, column count: -1 is not a valid number (expected a whole number from 0 to 1000)",
              "nothing was imported"});
}

TEST_CASE("the first 50 errors are kept and all are counted") {
    std::vector<std::string> counts(55, "x");
    counts.insert(counts.begin() + 10, "7");
    std::vector<std::string> lines = lines_of(read_counts(csv(counts)).error);
    REQUIRE(lines.size() == 51);
    CHECK(lines.front().starts_with("line 2, column count: x "));
    CHECK(lines[49].starts_with("line 52, column count: x "));  // the good row, line 12, is not among them
    CHECK(lines.back() == "… and 5 more errors; nothing was imported");
}

TEST_CASE("records stop coming once a row was bad") {
    std::vector<std::string> counts(3000, "1");
    counts[1500] = "x";
    Outcome outcome = read_counts(csv(counts));
    CHECK(outcome.error.starts_with("line 1502, column count: x "));
    // Only batches before the bad row were written; the caller's transaction rolls them back.
    CHECK(outcome.written.size() <= 1500);

    counts.assign(3000, "1");
    counts[0] = "x";
    CHECK(read_counts(csv(counts)).written.empty());
}

TEST_CASE("a dry run parses and checks the same rows and writes nothing") {
    std::vector<std::string> good(2500, "4"), bad = good;
    bad[2000] = "1001";
    Outcome real = read_counts(csv(good)), dry = read_counts(csv(good), true);
    CHECK(dry.error.empty());
    CHECK(dry.records == real.records);
    CHECK(dry.written.empty());
    CHECK(read_counts(csv(bad), true).error == read_counts(csv(bad)).error);
}

TEST_CASE("a failing write stops the reading and is what read() throws") {
    std::istringstream in(csv(std::vector<std::string>(50'000, "1")));
    ImportReader reader(in, schema(), {});
    int batches = 0;
    auto write = [&](std::vector<int>&) {
        if (++batches == 2) throw RuntimeError("the disk is full");
    };
    CHECK_THROWS_WITH_AS(reader.read<int>(parse_count, write), "the disk is full", RuntimeError);
    CHECK(batches == 2);
}

TEST_CASE("a header mapped twice is refused, and --map chooses") {
    CHECK(read_counts("name,Account Name,count\na,b,1\n").error ==
          "line 1: columns name and 'Account Name' both give the field name; use --map to choose");
    CHECK(read_counts("Name,Count,count\na,1,2\n").error ==
          "line 1: columns Count and count both give the field count; use --map to choose");
    CsvImportOptions options;
    options.maps = {"Account Name=count"};
    CHECK(read_counts("Account Name,name\n5,a\n", false, options).written == std::vector<int>{5});
    options.maps = {"Account Name=nosuch"};
    CHECK(read_counts("Account Name,name\n5,a\n", false, options)
              .error.starts_with("--map 'Account Name=nosuch': field nosuch is not valid"));
}

TEST_CASE("an import is all or nothing in the caller's transaction") {
    Scratch s;
    std::string feedback = "account,date,nps\n";
    for (int i = 0; i < 2500; ++i) feedback += "acme,2026-11-01,9\n";
    feedback += "nosuch,2026-11-01,9\n";
    std::string error = error_of([&] {
        std::istringstream in(feedback);
        Transaction tx(s.db);
        import_feedback(s.db, s.actor, in, s.today, {}, {});
        tx.commit();
    });
    CHECK(error ==
          "line 2502, column account: no account nosuch (see 'acm account list')\nnothing was imported\n");
    CHECK(s.count("feedback") == 0);
    CHECK(s.count("events WHERE action = 'import'") == 0);
}

TEST_CASE("a table load with foreign keys off checks each account its rows name, once") {
    Scratch s;
    FeedbackFields fields;
    fields.date = s.today;
    fields.text = "fine";
    auto load_into = [&](std::int64_t account_id) {
        Transaction tx(s.db);
        TableLoad load(s.db, "feedback");
        FeedbackInsert insert(s.db);
        std::vector<FeedbackEntry> entries(3, FeedbackEntry(account_id, fields));
        insert.insert(entries);
        load.touched(account_id);
        load.finish(s.actor, entries.size());
        tx.commit();
    };
    // With the connection's foreign keys on, SQLite refuses the row itself.
    CHECK_THROWS_AS(load_into(99), RuntimeError);
    {
        ForeignKeysOff off(s.db);
        CHECK_THROWS_AS(load_into(99), std::logic_error);
        CHECK(s.count("feedback") == 0);
        load_into(1);
    }
    CHECK(s.count("feedback") == 3);
    CHECK(s.count("pragma_foreign_key_check") == 0);
    auto foreign_keys = s.db.prepare("PRAGMA foreign_keys");
    CHECK((foreign_keys.step() && foreign_keys.integer(0) == 1));
}

TEST_CASE("account import: a dry run checks what the import checks") {
    Scratch s;
    std::string bad = "name,key\nInitech,\nAcme Again,acme\nX,Bad Key\nHooli,\n";
    std::int64_t events = s.count("events");
    std::string dry = error_of([&] { s.import_accounts(bad, true); });
    CHECK(dry == error_of([&] { s.import_accounts(bad, false); }));
    CHECK(lines_of(dry).size() == 3);  // acme exists; Bad Key; and "nothing was imported"
    CHECK(dry.find("line 3, column key: an account with key acme already exists") != std::string::npos);

    std::string good = "Account Name,Tier\nInitech,strategic\nHooli,\n";
    ImportSummary would = s.import_accounts(good, true);
    CHECK(s.count("accounts") == 2);
    CHECK(s.count("events") == events);
    ImportSummary did = s.import_accounts(good, false);
    CHECK(would.added == 2);
    CHECK(did.added == would.added);
    CHECK(did.updated == would.updated);
    CHECK(s.count("accounts") == 4);
}

TEST_CASE("usage import: a day repeated in the file or in the workspace is refused, also in a dry run") {
    Scratch s;
    auto import_usage_text = [&](const std::string& text, bool dry_run) {
        std::istringstream in(text);
        CsvImportOptions options;
        options.dry_run = dry_run;
        Transaction tx(s.db);
        std::size_t added = import_usage(s.db, s.actor, in, s.today, options, {}).added;
        tx.commit();
        return added;
    };
    CHECK(import_usage_text("account,date,logins\nacme,2026-11-01,3\n", false) == 1);
    std::string text =
        "account,date,logins\nacme,2026-11-01,4\nglobex,2026-11-01,x\nGlobex,2026-11-02,5\n"
        "globex,2026-11-02T10:00,6\n";
    std::string expected =
        "line 2, column account: acme already has usage on 2026-11-01 (id 1; use --upsert to replace it)\n"
        "line 3, column logins: x is not a valid number (expected a whole number from 0 to 1000000000)\n"
        "line 5, column account: globex already has usage on 2026-11-02 (line 4)\n"
        "nothing was imported\n";
    CHECK(error_of([&] { import_usage_text(text, true); }) == expected);
    CHECK(error_of([&] { import_usage_text(text, false); }) == expected);
    CHECK(s.count("usage") == 1);
    CHECK(import_usage_text("account,date,logins\nglobex,2026-11-01,4\nglobex,2026-11-02,5\n", true) == 2);
    CHECK(s.count("usage") == 1);
}
