#include "acm/output/table.hpp"

namespace acm {

int column_index(const std::vector<Column>& columns, const std::string& name) {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == name) return static_cast<int>(i);
    return -1;
}

}  // namespace acm
