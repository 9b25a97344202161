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
