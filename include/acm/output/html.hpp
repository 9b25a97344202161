#pragma once
// One self-contained HTML page (inline CSS and SVG, no external resource) for the sections
// of a report: each section a table, and a bar chart of the sections that have one.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "acm/output/table.hpp"

namespace acm {

// Text with & < > " ' escaped, safe in HTML text and attribute values.
std::string html_escape(std::string_view text);

void write_html_page(std::ostream& out, const std::string& title, const std::vector<Section>& sections);

}  // namespace acm
