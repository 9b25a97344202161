#include "acm/output/table.hpp"

namespace acm {

int column_index(const std::vector<Column>& columns, const std::string& name) {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == name) return static_cast<int>(i);
    return -1;
}

Cell text_list(const std::vector<std::string>& values) {
    auto list = std::make_shared<List>();
    list->columns = {{"", Kind::text}};
    for (const auto& value : values) list->rows.push_back(Row{value});
    return ListCell(std::move(list));
}

Cell object_list(std::vector<Column> columns, std::vector<Row> rows) {
    return ListCell(std::make_shared<const List>(List{std::move(columns), std::move(rows), false}));
}

}  // namespace acm

namespace acm {

Cell record_cell(std::vector<Column> columns, Row row) {
    return ListCell(std::make_shared<const List>(List{std::move(columns), {std::move(row)}, true}));
}

}  // namespace acm
