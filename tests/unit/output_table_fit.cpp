// The table format on a terminal: display widths of wide and combining characters, and
// fitting a table to the terminal's width.
#include <doctest/doctest.h>

#include <sstream>

#include "acm/output/render.hpp"
#include "acm/output/row_writer.hpp"
#include "acm/output/table_renderer.hpp"

using namespace acm;

namespace {

std::string render(const std::vector<Column>& columns, const std::vector<Row>& rows, const Terminal& terminal,
                   const ListOptions& options = {}) {
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

}  // namespace

TEST_CASE("display_width counts wide characters as two and combining marks as none") {
    CHECK(display_width("acme") == 4);
    CHECK(display_width("café") == 4);
    CHECK(display_width("cafe\xcc\x81") == 4);      // e + U+0301 COMBINING ACUTE ACCENT
    CHECK(display_width("株式会社") == 8);          // CJK ideographs
    CHECK(display_width("ｱｲ") == 2);                // halfwidth katakana
    CHECK(display_width("ＡＢ") == 4);              // fullwidth Latin
    CHECK(display_width("한국") == 4);              // Hangul syllables
    CHECK(display_width("\xf0\x9f\x98\x80") == 2);  // U+1F600 an emoji
    CHECK(display_width("a\xe2\x80\x8b"
                        "b") == 2);  // U+200B ZERO WIDTH SPACE
    CHECK(display_width("…") == 1);
    CHECK(display_width("") == 0);
}

TEST_CASE("wide characters align by their display width") {
    std::vector<Column> columns = {{"name", Kind::text}, {"n", Kind::integer}};
    std::vector<Row> rows = {{std::string("株式会社"), std::int64_t{1}},
                             {std::string("Ab"), std::int64_t{2}},
                             {std::string("cafe\xcc\x81"), std::int64_t{3}}};
    CHECK(render(columns, rows, Terminal{}) ==
          "NAME      N\n"
          "株式会社  1\n"
          "Ab        2\n"
          "cafe\xcc\x81      3\n");
}

TEST_CASE("a cut wide text keeps whole characters and pads what a wide character left over") {
    std::vector<Column> columns = {{"name", Kind::text}, {"n", Kind::integer}};
    std::vector<Row> rows = {{std::string("株式会社サンプル商事グループ"), std::int64_t{1}},
                             {std::string("Acme"), std::int64_t{2}}};
    // 13 columns for the name: six wide characters and the ellipsis.
    CHECK(render(columns, rows, Terminal{true, false, 16}) ==
          "NAME           N\n"
          "株式会社サン…  1\n"
          "Acme           2\n");
    // 12 columns: five wide characters, the ellipsis and one blank.
    CHECK(render(columns, rows, Terminal{true, false, 15}) ==
          "NAME          N\n"
          "株式会社サ…   1\n"
          "Acme          2\n");
    for (const auto& line : lines_of(render(columns, rows, Terminal{true, false, 15})))
        CHECK(display_width(line) <= 15);
}

namespace {

// An account-like listing: a key, free text, a choice, an amount and dates, each with the
// fitting a listing would declare.
const std::vector<Column> portfolio = {
    {.name = "key", .kind = Kind::text},                      // automatic: a key
    {.name = "name", .kind = Kind::text, .priority = 2},      // automatic: free text
    {.name = "tier", .kind = Kind::text, .fit = Fit::fixed},  // a choice: never cut
    {.name = "arr", .kind = Kind::money, .priority = 2},
    {.name = "renewal", .kind = Kind::date, .priority = 1},
    {.name = "last_touch", .kind = Kind::date},
};
const std::vector<Row> two_accounts = {
    {std::string("globex-corporation-international"),
     std::string("Globex Corporation International Holdings"), std::string("high-touch"),
     Money{18000000, "EUR"}, Date{std::chrono::year{2027} / 1 / 31}, Date{std::chrono::year{2026} / 10 / 2}},
    {std::string("acme"), std::string("Acme"), std::string("strategic"), Money{12000000, "EUR"},
     Date{std::chrono::year{2026} / 12 / 31}, Date{std::chrono::year{2026} / 11 / 17}},
};

// `width` columns on a tty; the notices it was told go to `notices`.
Terminal tty(int width, std::vector<std::string>& notices) {
    Terminal terminal{true, false, width};
    terminal.notice = [&notices](const std::string& message) { notices.push_back(message); };
    return terminal;
}

std::size_t widest_line(const std::string& text) {
    std::size_t widest = 0;
    for (const auto& line : lines_of(text)) widest = std::max(widest, display_width(line));
    return widest;
}

}  // namespace

TEST_CASE("free text gives way first and keys are never cut") {
    std::vector<std::string> notices;
    // Every column fits once the name is cut: 32 + 2 + 18 + 2 + 10 + 2 + 14 + 2 + 10 + 2 + 10.
    std::string table = render(portfolio, two_accounts, tty(104, notices));
    CHECK(table ==
          "KEY                               NAME                TIER                   ARR  RENEWAL     "
          "LAST_TOUCH\n"
          "globex-corporation-international  Globex Corporatio…  high-touch  180,000.00 EUR  2027-01-31  "
          "2026-10-02\n"
          "acme                              Acme                strategic   120,000.00 EUR  2026-12-31  "
          "2026-11-17\n");
    CHECK(widest_line(table) == 104);
    CHECK(notices.empty());
}

TEST_CASE("free text is cut down to 12 columns and then the lowest-priority columns are hidden") {
    std::vector<std::string> notices;
    // 32 + 12 + 10 + 14 + 10 + 10 and five separators: 98 columns at the least with all of them.
    std::string table = render(portfolio, two_accounts, tty(97, notices));
    CHECK(widest_line(table) <= 97);
    // last_touch and tier have the lowest priority; last_touch, the rightmost, goes first,
    // and the name gets back the room it left.
    CHECK(
        table ==
        "KEY                               NAME                     TIER                   ARR  RENEWAL\n"
        "globex-corporation-international  Globex Corporation Int…  high-touch  180,000.00 EUR  2027-01-31\n"
        "acme                              Acme                     strategic   120,000.00 EUR  "
        "2026-12-31\n");
    REQUIRE(notices.size() == 1);
    CHECK(notices[0] == "hidden to fit 97 columns: last_touch (--wide shows every column)");

    notices.clear();
    table = render(portfolio, two_accounts, tty(80, notices));
    CHECK(widest_line(table) <= 80);
    CHECK(table ==
          "KEY                               NAME                           ARR  RENEWAL\n"
          "globex-corporation-international  Globex Corporatio…  180,000.00 EUR  2027-01-31\n"
          "acme                              Acme                120,000.00 EUR  2026-12-31\n");
    REQUIRE(notices.size() == 1);
    CHECK(notices[0] == "hidden to fit 80 columns: tier and last_touch (--wide shows every column)");
}

TEST_CASE("a key column stays whole even when nothing else is left to give way") {
    std::vector<std::string> notices;
    std::string table = render(portfolio, two_accounts, tty(20, notices));
    CHECK(table ==
          "KEY\n"
          "globex-corporation-international\n"
          "acme\n");
    REQUIRE(notices.size() == 1);
    CHECK(notices[0] ==
          "hidden to fit 20 columns: name, tier, arr, renewal and last_touch (--wide shows every column)");
}

TEST_CASE("a table without a key keeps at least its first column") {
    std::vector<Column> columns = {{.name = "note", .kind = Kind::text, .fit = Fit::fixed},
                                   {.name = "n", .kind = Kind::integer}};
    std::vector<Row> rows = {{std::string("a note of some length"), std::int64_t{1}}};
    std::vector<std::string> notices;
    CHECK(render(columns, rows, tty(10, notices)) == "NOTE\na note of some length\n");
    CHECK(notices.size() == 1);
}

TEST_CASE("choices numbers and dates are never cut") {
    std::vector<Column> columns = {{.name = "title", .kind = Kind::text, .fit = Fit::fixed},
                                   {.name = "id", .kind = Kind::integer}};
    std::vector<Row> rows = {{std::string("a long value of a choice"), std::int64_t{123456}}};
    std::vector<std::string> notices;
    std::string table = render(columns, rows, tty(28, notices));
    CHECK(table.find("…") == std::string::npos);
    // The id is a key: the other column goes.
    CHECK(table == "    ID\n123456\n");
}

TEST_CASE("--columns cuts text but hides nothing") {
    ListOptions chosen;
    chosen.columns = {"key", "name", "tier", "arr", "renewal", "last_touch"};
    std::vector<std::string> notices;
    std::string table = render(portfolio, two_accounts, tty(80, notices), chosen);
    CHECK(notices.empty());
    CHECK(table.find("LAST_TOUCH") != std::string::npos);
    CHECK(table.find("Globex Corp… ") != std::string::npos);  // the name at its 12-column floor
    CHECK(table.find("globex-corporation-international") != std::string::npos);
}

TEST_CASE("--wide and a pipe show every column uncut") {
    std::vector<std::string> notices;
    Terminal wide = tty(80, notices);
    wide.wide = true;
    std::string piped = render(portfolio, two_accounts, Terminal{});
    CHECK(render(portfolio, two_accounts, wide) == piped);
    CHECK(piped.find("Globex Corporation International Holdings") != std::string::npos);
    CHECK(piped.find("LAST_TOUCH") != std::string::npos);
    CHECK(notices.empty());
}

TEST_CASE("a cut wide name keeps the table within the terminal") {
    std::vector<Column> columns = {{.name = "key", .kind = Kind::text},
                                   {.name = "name", .kind = Kind::text},
                                   {.name = "arr", .kind = Kind::money}};
    std::vector<Row> rows = {
        {std::string("kabushiki"), std::string("株式会社サンプル商事グループ本社"), Money{100, "JPY"}},
        {std::string("acme"), std::string("Acme"), Money{100, "EUR"}}};
    std::vector<std::string> notices;
    for (int width : {30, 35, 40, 45, 50}) {
        std::string table = render(columns, rows, tty(width, notices));
        CHECK(widest_line(table) <= static_cast<std::size_t>(width));
        CHECK(table.find("kabushiki") != std::string::npos);
    }
}
