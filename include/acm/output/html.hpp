#pragma once
// HTML escaping; the HTML page of a document is write_html (document.hpp).
#include <string>
#include <string_view>

namespace acm {

// Text with & < > " ' escaped, safe in HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace acm
