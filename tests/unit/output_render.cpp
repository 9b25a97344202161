// Renderers and RowWriter: formats, --columns, --sort, --limit, --no-header, streaming.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <sstream>

#include "acm/core/error.hpp"
#include "acm/output/render.hpp"
#include "acm/output/row_writer.hpp"

using namespace acm;
using namespace std::chrono;

namespace {

ListOptions options_for(Format format) {
    ListOptions options;
    options.format = format;
    return options;
}

std::string render(const std::vector<Column>& columns, const std::vector<Row>& rows,
                   const ListOptions& options, const Terminal& terminal = {}) {
    std::ostringstream out;
    RowWriter writer(columns, options, out, terminal);
    for (const auto& row : rows) writer.add(row);
    writer.finish();
    return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::size_t code_points(const std::string& text) {
    std::size_t count = 0;
    for (char c : text) count += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
    return count;
}

Money eur(std::int64_t minor) { return Money{minor, "EUR"}; }

const Date renewal = year{2026} / 11 / 22;
const Timestamp opened = sys_days(renewal) + hours(10);

// An account-like listing: `currency` is for machine formats only.
const std::vector<Column> accounts = {
    {"key", Kind::text},
    {"arr", Kind::money},
    {"health", Kind::text, true, true},
    {"users", Kind::integer},
    {"currency", Kind::text, false},
};
const std::vector<Row> two_accounts = {
    {std::string("acme"), eur(2500000), std::string("green"), std::int64_t{12}, std::string("EUR")},
    {std::string("globex-corp"), eur(50), std::string("red"), std::int64_t{1500}, std::string("EUR")},
};

// For sorting: users 10, missing, 2, 10.
const std::vector<Column> keyed = {{"key", Kind::text}, {"users", Kind::integer}};
const std::vector<Row> four_keyed = {
    {std::string("b"), std::int64_t{10}},
    {std::string("a"), std::monostate{}},
    {std::string("C"), std::int64_t{2}},
    {std::string("d"), std::int64_t{10}},
};

std::string keys_in_order(const ListOptions& options) {
    ListOptions csv = options;
    csv.format = Format::csv;
    csv.header = false;
    csv.columns = {"key"};
    std::string keys;
    for (const auto& line : lines_of(render(keyed, four_keyed, csv))) keys += line;
    return keys;
}

}  // namespace

TEST_CASE("parse_format accepts the four formats") {
    CHECK(parse_format("table", "--format") == Format::table);
    CHECK(parse_format("csv", "--format") == Format::csv);
    CHECK(parse_format("tsv", "--format") == Format::tsv);
    CHECK(parse_format("json", "--format") == Format::json);
    CHECK_THROWS_WITH_AS(parse_format("xml", "--format"),
                         "--format xml is not valid (expected table, csv, tsv or json)", UsageError);
}

TEST_CASE("parse_columns and parse_sort split and trim names") {
    CHECK(parse_columns("a, b ,c") == std::vector<std::string>{"a", "b", "c"});
    CHECK_THROWS_WITH_AS(parse_columns("a,,b"), "--columns: empty column name in 'a,,b'", UsageError);
    CHECK_THROWS_AS(parse_columns(""), UsageError);

    auto keys = parse_sort("key,-arr, - users");
    REQUIRE(keys.size() == 3);
    CHECK((keys[0].column == "key" && !keys[0].descending));
    CHECK((keys[1].column == "arr" && keys[1].descending));
    CHECK((keys[2].column == "users" && keys[2].descending));
    CHECK_THROWS_WITH_AS(parse_sort("key,"), "--sort: empty column name in 'key,'", UsageError);
    CHECK_THROWS_WITH_AS(parse_sort("-"), "--sort: empty column name in '-'", UsageError);
}

TEST_CASE("column_index finds a column or returns -1") {
    CHECK(column_index(accounts, "key") == 0);
    CHECK(column_index(accounts, "currency") == 4);
    CHECK(column_index(accounts, "nope") == -1);
}

TEST_CASE("table aligns columns with uppercase headers") {
    CHECK(render(accounts, two_accounts, options_for(Format::table)) ==
          "KEY                    ARR  HEALTH  USERS\n"
          "acme         25,000.00 EUR  green      12\n"
          "globex-corp       0.50 EUR  red      1500\n");
}

TEST_CASE("table formats each kind of cell") {
    std::vector<Column> columns = {{"ratio", Kind::ratio},
                                   {"score", Kind::score},
                                   {"ok", Kind::boolean},
                                   {"renewal", Kind::date},
                                   {"note", Kind::text}};
    std::vector<Row> rows = {{0.935, 72.46, true, renewal, std::string("\x1b[2Jx")},
                             {std::monostate{}, std::monostate{}, false, std::monostate{}, std::monostate{}}};
    CHECK(render(columns, rows, options_for(Format::table)) ==
          "RATIO  SCORE  OK   RENEWAL     NOTE\n"
          "93.5%   72.5  yes  2026-11-22  \\e[2Jx\n"
          "              no\n");
}

TEST_CASE("table widths count code points not bytes") {
    std::vector<Column> columns = {{"name", Kind::text}, {"n", Kind::integer}};
    std::vector<Row> rows = {{std::string("café"), std::int64_t{1}}, {std::string("abcd"), std::int64_t{2}}};
    CHECK(render(columns, rows, options_for(Format::table)) == "NAME  N\ncafé  1\nabcd  2\n");
}

TEST_CASE("a cut non-ASCII cell keeps whole code points, and cells pad by code points") {
    std::vector<Column> columns = {{"name", Kind::text}, {"n", Kind::integer}};
    std::vector<Row> rows = {{std::string("crème brûlée café au lait"), std::int64_t{1}},
                             {std::string("été"), std::int64_t{22}}};
    CHECK(render(columns, rows, options_for(Format::table), Terminal{true, false, 18}) ==
          "NAME             N\n"
          "crème brûlée…    1\n"
          "été             22\n");
}

TEST_CASE("table truncates long text with an ellipsis on a narrow tty only") {
    std::vector<Column> columns = {{"key", Kind::text}, {"note", Kind::text}, {"arr", Kind::money}};
    std::vector<Row> rows = {
        {std::string("acme"), std::string("a very long note that goes on and on"), eur(2500000)},
        {std::string("globex"), std::string("short"), eur(100)}};
    std::string narrow = render(columns, rows, options_for(Format::table), Terminal{true, false, 40});
    for (const auto& line : lines_of(narrow)) CHECK(code_points(line) <= 40);
    CHECK(narrow ==  // only the text column gives way; numbers are never cut
          "KEY     NOTE                         ARR\n"
          "acme    a very long note…  25,000.00 EUR\n"
          "globex  short                   1.00 EUR\n");

    std::string piped = render(columns, rows, options_for(Format::table), Terminal{false, false, 40});
    CHECK(piped.find("a very long note that goes on and on") != std::string::npos);
    CHECK(piped.find("…") == std::string::npos);
    std::string unknown_width = render(columns, rows, options_for(Format::table), Terminal{true, false, 0});
    CHECK(unknown_width == piped);
}

TEST_CASE("table colors only when color is on") {
    std::vector<Column> columns = {{"health", Kind::text, true, true}, {"key", Kind::text}};
    std::vector<Row> rows = {{std::string("red"), std::string("acme")},
                             {std::string("green"), std::string("globex")},
                             {std::string("yellow"), std::string("initech")},
                             {std::string("purple"), std::string("umbrella")}};
    CHECK(render(columns, rows, options_for(Format::table), Terminal{true, true, 80}) ==
          "\x1b[1mHEALTH  KEY\x1b[0m\n"
          "\x1b[31mred\x1b[0m     acme\n"
          "\x1b[32mgreen\x1b[0m   globex\n"
          "\x1b[33myellow\x1b[0m  initech\n"
          "purple  umbrella\n");
    std::string plain = render(columns, rows, options_for(Format::table), Terminal{true, false, 80});
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(render(accounts, two_accounts, options_for(Format::csv), Terminal{true, true, 80}).find('\x1b') ==
          std::string::npos);
}

// CSV and JSON keep a value's precision: the table may round for people, a pipeline may not.
TEST_CASE("csv and json never round a mean or ratio below its precision") {
    std::vector<Column> columns = {{"ces", Kind::score}, {"adoption", Kind::score}, {"rate", Kind::ratio}};
    std::vector<Row> rows = {{3020.0 / 1010, 18.25, 3.0 / 7}, {100.0 / 3, -0.0, 0.0}};
    CHECK(render(columns, rows, options_for(Format::csv)) ==
          "ces,adoption,rate\n"
          "2.99009900990099,18.25,0.428571428571429\n"
          "33.3333333333333,0.0,0\n");
    CHECK(render(columns, {rows[0]}, options_for(Format::json)) ==
          "[\n{\"ces\":2.99009900990099,\"adoption\":18.25,\"rate\":0.428571428571429}\n]\n");
    std::string table = render(columns, {rows[0]}, options_for(Format::table));  // rounded for people
    CHECK(table.find("3.0") != std::string::npos);
    CHECK(table.find("18.2 ") != std::string::npos);
    CHECK(table.find("18.25") == std::string::npos);
}

TEST_CASE("csv prints plain values and a currency column") {
    CHECK(render(accounts, two_accounts, options_for(Format::csv)) ==
          "key,arr,health,users,currency\n"
          "acme,25000.00,green,12,EUR\n"
          "globex-corp,0.50,red,1500,EUR\n");
    std::vector<Column> columns = {{"ratio", Kind::ratio},      {"score", Kind::score},
                                   {"ok", Kind::boolean},       {"renewal", Kind::date},
                                   {"opened", Kind::timestamp}, {"note", Kind::text}};
    std::vector<Row> rows = {{0.935, 72.46, true, renewal, opened, std::string("a, b")},
                             {1.0, 0.0, false, std::monostate{}, std::monostate{}, std::monostate{}},
                             {1.0 / 3, std::monostate{}, false, renewal, opened, std::string("")}};
    CHECK(render(columns, rows, options_for(Format::csv)) ==
          "ratio,score,ok,renewal,opened,note\n"
          "0.935,72.46,true,2026-11-22,2026-11-22T10:00:00Z,\"a, b\"\n"
          "1,0.0,false,,,\n"
          "0.333333333333333,,false,2026-11-22,2026-11-22T10:00:00Z,\n");
}

TEST_CASE("numeric cells are never formula escaped") {
    std::vector<Column> columns = {{"arr", Kind::money}, {"delta", Kind::integer}, {"note", Kind::text}};
    std::vector<Row> rows = {{eur(-1250), std::int64_t{-5}, std::string("-5")}};
    CHECK(render(columns, rows, options_for(Format::csv)) == "arr,delta,note\n-12.50,-5,'-5\n");
    CHECK(render(columns, rows, options_for(Format::tsv)) == "arr\tdelta\tnote\n-12.50\t-5\t'-5\n");
}

TEST_CASE("tsv separates with tabs") {
    CHECK(render(accounts, two_accounts, options_for(Format::tsv)) ==
          "key\tarr\thealth\tusers\tcurrency\n"
          "acme\t25000.00\tgreen\t12\tEUR\n"
          "globex-corp\t0.50\tred\t1500\tEUR\n");
}

TEST_CASE("json prints typed values and null for missing") {
    std::vector<Column> columns = {
        {"key", Kind::text},     {"arr", Kind::money},        {"ratio", Kind::ratio},
        {"score", Kind::score},  {"users", Kind::integer},    {"active", Kind::boolean},
        {"renewal", Kind::date}, {"opened", Kind::timestamp}, {"note", Kind::text}};
    std::vector<Row> rows = {{std::string("acme"), eur(2500000), 0.935, 72.5, std::int64_t{12}, true, renewal,
                              opened, std::monostate{}},
                             {std::string("x\"y"), eur(-1250), 1.0, std::nan(""), std::monostate{}, false,
                              std::monostate{}, std::monostate{}, std::string("=1")}};
    CHECK(render(columns, rows, options_for(Format::json)) ==
          "[\n"
          "{\"key\":\"acme\",\"arr\":25000.00,\"ratio\":0.935,\"score\":72.5,\"users\":12,\"active\":true,"
          "\"renewal\":\"2026-11-22\",\"opened\":\"2026-11-22T10:00:00Z\",\"note\":null},\n"
          "{\"key\":\"x\\\"y\",\"arr\":-12.50,\"ratio\":1,\"score\":null,\"users\":null,\"active\":false,"
          "\"renewal\":null,\"opened\":null,\"note\":\"=1\"}\n"
          "]\n");
    CHECK(json_object(accounts, two_accounts[0]) ==
          "{\"key\":\"acme\",\"arr\":25000.00,\"health\":\"green\",\"users\":12,\"currency\":\"EUR\"}");
}

TEST_CASE("columns option selects and orders columns") {
    ListOptions options = options_for(Format::csv);
    options.columns = {"users", "key", "currency"};
    CHECK(render(accounts, two_accounts, options) ==
          "users,key,currency\n12,acme,EUR\n1500,globex-corp,EUR\n");
    options.format = Format::table;  // a column hidden from tables by default may still be chosen
    CHECK(render(accounts, two_accounts, options) ==
          "USERS  KEY          CURRENCY\n"
          "   12  acme         EUR\n"
          " 1500  globex-corp  EUR\n");
    CHECK(render(accounts, two_accounts, options_for(Format::table)).find("CURRENCY") == std::string::npos);

    std::ostringstream out;
    options.columns = {"key", "foo"};
    CHECK_THROWS_WITH_AS(RowWriter(accounts, options, out, Terminal{}),
                         "--columns: unknown column 'foo' (valid: key, arr, health, users, currency)",
                         UsageError);
    options.columns = {};
    options.sort = {{"bar", false}};
    CHECK_THROWS_WITH_AS(RowWriter(accounts, options, out, Terminal{}),
                         "--sort: unknown column 'bar' (valid: key, arr, health, users, currency)",
                         UsageError);
    CHECK(out.str().empty());
}

TEST_CASE("sort orders by typed value with missing values last") {
    ListOptions options;
    options.sort = parse_sort("users");
    CHECK(keys_in_order(options) == "Cbda");  // stable: b before d
    options.sort = parse_sort("-users");
    CHECK(keys_in_order(options) == "bdCa");
    options.sort = parse_sort("key");  // case-insensitive
    CHECK(keys_in_order(options) == "abCd");
    options.sort = parse_sort("-key");
    CHECK(keys_in_order(options) == "dCba");
    options.sort = parse_sort("-users,-key");
    CHECK(keys_in_order(options) == "dbCa");
}

TEST_CASE("sort compares money dates and numbers by value") {
    std::vector<Column> columns = {{"key", Kind::text}, {"arr", Kind::money}, {"renewal", Kind::date}};
    std::vector<Row> rows = {{std::string("a"), eur(900), Date(year{2027} / 1 / 1)},
                             {std::string("b"), eur(10000), Date(year{2026} / 12 / 31)},
                             {std::string("c"), eur(-5), Date(year{2026} / 2 / 1)}};
    ListOptions options = options_for(Format::csv);
    options.header = false;
    options.columns = {"key"};
    options.sort = parse_sort("arr");
    CHECK(render(columns, rows, options) == "c\na\nb\n");
    options.sort = parse_sort("-renewal");
    CHECK(render(columns, rows, options) == "a\nb\nc\n");
}

TEST_CASE("limit stops after N rows with and without sort") {
    ListOptions options;
    options.limit = 2;
    CHECK(keys_in_order(options) == "ba");
    options.sort = parse_sort("users");
    CHECK(keys_in_order(options) == "Cb");

    std::ostringstream out;
    ListOptions zero = options_for(Format::csv);
    zero.limit = 0;
    RowWriter writer(keyed, zero, out, Terminal{});
    writer.add(four_keyed[0]);
    CHECK_FALSE(writer.finish());
    CHECK(out.str().empty());
}

TEST_CASE("no header drops the header row except in json") {
    ListOptions options = options_for(Format::csv);
    options.header = false;
    CHECK(render(keyed, {four_keyed[0]}, options) == "b,10\n");
    options.format = Format::tsv;
    CHECK(render(keyed, {four_keyed[0]}, options) == "b\t10\n");
    options.format = Format::table;
    CHECK(render(keyed, {four_keyed[0], four_keyed[2]}, options) == "b  10\nC   2\n");
    options.format = Format::json;
    CHECK(render(keyed, {four_keyed[0]}, options) == "[\n{\"key\":\"b\",\"users\":10}\n]\n");
}

TEST_CASE("an empty result prints nothing in every format") {
    for (Format format : {Format::table, Format::csv, Format::tsv, Format::json}) {
        for (bool header : {true, false}) {
            CAPTURE(static_cast<int>(format));
            std::ostringstream out;
            ListOptions options = options_for(format);
            options.header = header;
            RowWriter writer(accounts, options, out, Terminal{true, true, 80});
            CHECK_FALSE(writer.finish());
            CHECK(out.str().empty());
        }
        CHECK_FALSE(print_table(Table{accounts, {}}, options_for(format), std::cout, Terminal{}));
    }
}

TEST_CASE("csv tsv and json rows stream before finish") {
    for (Format format : {Format::csv, Format::tsv, Format::json}) {
        CAPTURE(static_cast<int>(format));
        std::ostringstream out;
        RowWriter writer(keyed, options_for(format), out, Terminal{});
        writer.add(four_keyed[0]);
        std::string after_one = out.str();
        CHECK(after_one.find("10") != std::string::npos);
        writer.add(four_keyed[2]);
        CHECK(out.str().size() > after_one.size());
        CHECK(writer.finish());
    }
    // A table must align, so it prints everything at the end.
    std::ostringstream out;
    RowWriter writer(keyed, options_for(Format::table), out, Terminal{});
    writer.add(four_keyed[0]);
    CHECK(out.str().empty());
    CHECK(writer.finish());
    CHECK(out.str() == "KEY  USERS\nb       10\n");
}

TEST_CASE("print_table feeds a Table through a RowWriter") {
    std::ostringstream out;
    ListOptions options = options_for(Format::csv);
    options.columns = {"key"};
    options.sort = parse_sort("-key");
    CHECK(print_table(Table{accounts, two_accounts}, options, out, Terminal{}));
    CHECK(out.str() == "key\nglobex-corp\nacme\n");
}

TEST_CASE("a row with the wrong number of cells is a programming error") {
    std::ostringstream out;
    RowWriter writer(keyed, options_for(Format::csv), out, Terminal{});
    CHECK_THROWS_AS(writer.add({std::string("only one")}), std::logic_error);
}
