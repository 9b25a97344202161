#include <sstream>

#include "acm/output/render.hpp"

namespace acm {

std::string json_object(const std::vector<Column>& columns, const Row& row) {
    // The json renderer is the one place that formats cells as JSON; take its one object.
    std::ostringstream out;
    auto renderer = make_renderer(Format::json, out, Terminal{}, true);
    renderer->begin(columns);
    Row copy = row;
    renderer->row(copy);
    renderer->end();
    std::string text = out.str();
    auto first = text.find('{');
    auto last = text.rfind('}');
    return first == std::string::npos ? "{}" : text.substr(first, last - first + 1);
}

}  // namespace acm
