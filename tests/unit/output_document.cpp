// Documents: one value printed by the table, csv, json, markdown and html renderers.
#include <doctest/doctest.h>

#include <sstream>

#include "acm/output/document.hpp"

using namespace acm;

namespace {

Document sample() {
    Document document;
    document.title = "Acme (acme)";
    document.record.add({"key", Kind::text, false}, std::string("acme"));
    document.record.add({"arr", Kind::money}, Money{2500000, "EUR"});
    document.record.add({"tags", Kind::list}, text_list({"a|b", "c"}));
    document.record.add({"last_touch", Kind::date}, Cell{}).text = "never";
    document.label_width = 10;
    document.add_table("notes", "Notes", {{"id", Kind::integer}, {"account", Kind::text}, {"text", Kind::text}},
                       {{std::int64_t{1}, std::string("acme"), std::string("line\nbreak | <b>")}}, {"account"});
    document.add_table("renewal", "Renewal", {{"id", Kind::integer}}, {}).single = true;
    Record period;
    period.add({"from", Kind::date, false}, Date{std::chrono::year{2026} / 1 / 1});
    document.add_record("period", "", std::move(period));
    return document;
}

std::string render(const Document& document, Format format) {
    std::ostringstream out;
    ListOptions options;
    options.format = format;
    write_document(out, document, options, Terminal{});
    return out.str();
}

}  // namespace

TEST_CASE("document json: record fields, then parts; lists as arrays; a single part an object or null") {
    CHECK(render(sample(), Format::json) ==
          "{\"key\":\"acme\",\"arr\":25000.00,\"tags\":[\"a|b\",\"c\"],\"last_touch\":null,"
          "\"notes\":[{\"id\":1,\"account\":\"acme\",\"text\":\"line\\nbreak | <b>\"}],\"renewal\":null,"
          "\"period\":{\"from\":\"2026-01-01\"}}\n");
}

TEST_CASE("document table: title, record lines, titled tables without hidden columns") {
    CHECK(render(sample(), Format::table) ==
          "Acme (acme)\n"
          "  arr        25,000.00 EUR\n"
          "  tags       a|b, c\n"
          "  last touch never\n"
          "\nNotes\n"
          "ID  TEXT\n"
          " 1  line\\nbreak | <b>\n");
}

TEST_CASE("document csv: the record as one row, or the part named by flat") {
    Document document = sample();
    CHECK(render(document, Format::csv) == "key,arr,tags,last_touch\nacme,25000.00,\"a|b,c\",\n");
    document.flat = "notes";
    CHECK(render(document, Format::csv) == "id,account,text\n1,acme,\"line\nbreak | <b>\"\n");
    document.flat = "*";
    std::string long_form = render(document, Format::csv);
    CHECK(long_form.find("section,row,column,value\n,1,key,acme\n") == 0);
    CHECK(long_form.find("notes,1,text,") != std::string::npos);
    CHECK(long_form.find("period,1,from,2026-01-01\n") != std::string::npos);
}

TEST_CASE("markdown escapes what would break a cell or become markup; headings for people") {
    std::ostringstream out;
    write_markdown(out, sample());
    std::string text = out.str();
    CHECK(text.find("# Acme (acme)\n") == 0);
    CHECK(text.find("- **Tags**: a\\|b, c\n") != std::string::npos);
    CHECK(text.find("| ID | Text |\n| ---: | --- |\n") != std::string::npos);
    CHECK(text.find("| 1 | line\\\\nbreak \\| \\<b\\> |\n") != std::string::npos);
    CHECK(text.find("## Renewal\n\nNone.\n") != std::string::npos);
}

TEST_CASE("html escapes every value, leaves hidden fields out and heads columns for people") {
    std::ostringstream out;
    write_html(out, sample());
    std::string page = out.str();
    CHECK(page.find("<!DOCTYPE html>") == 0);
    CHECK(page.find("<tr><th>Tags</th><td>a|b, c</td></tr>") != std::string::npos);
    CHECK(page.find("&lt;b&gt;") != std::string::npos);
    CHECK(page.find("<b>") == std::string::npos);
    CHECK(page.find(">acme<") == std::string::npos);  // the hidden account column and key field
    CHECK(page.find("<th>Last touch</th><td>never</td>") != std::string::npos);
    CHECK(page.find("<th class=\"n\">ID</th><th>Text</th>") != std::string::npos);
}
