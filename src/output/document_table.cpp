// The table format of a document, for people: the title, the record as "  label  value"
// lines, then each part under its heading, tables aligned as a listing's.
#include <algorithm>
#include <ostream>

#include "acm/output/row_writer.hpp"
#include "acm/output/table_renderer.hpp"
#include "detail.hpp"

namespace acm::detail {

std::string field_label(const Field& field) {
    if (!field.label.empty()) return field.label;
    std::string label = field.column.name;
    std::replace(label.begin(), label.end(), '_', ' ');
    return label;
}

std::string field_text(const Field& field) {
    if (!field.text.empty()) return visible_text(field.text);
    return table_cell_text(field.value, field.column.kind);
}

std::string page_label(std::string_view name) {
    static const std::vector<std::string_view> capitals = {"arr", "mrr", "nps", "csat", "ces", "sla", "id"};
    std::string label;
    for (std::size_t at = 0; at <= name.size();) {
        std::size_t end = std::min(name.find_first_of("_ ", at), name.size());
        std::string word(name.substr(at, end - at));
        if (std::find(capitals.begin(), capitals.end(), word) != capitals.end())
            std::transform(word.begin(), word.end(), word.begin(), ::toupper);
        else if (label.empty() && !word.empty())
            word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
        label += (label.empty() ? "" : " ") + word;
        at = end + 1;
    }
    return label;
}

namespace {

void write_lines(std::ostream& out, const Record& record, std::size_t width) {
    for (const auto& field : record.fields) {
        if (!field.column.in_table) continue;
        std::string text = field_text(field);
        if (!text.empty()) out << fmt::format("  {:<{}} {}\n", field_label(field), width, text);
    }
}

bool has_lines(const Record& record) {
    return std::any_of(record.fields.begin(), record.fields.end(),
                       [](const Field& field) { return field.column.in_table && !field_text(field).empty(); });
}

}  // namespace

void write_document_table(std::ostream& out, const Document& document, const Terminal& terminal) {
    if (!document.title.empty()) out << visible_text(document.title) << "\n";
    write_lines(out, document.record, document.label_width);
    for (const auto& part : document.parts) {
        // An empty part prints nothing, not even its heading.
        if (part.is_record ? !has_lines(part.record) : part.table.rows.empty()) continue;
        if (!part.title.empty()) out << "\n" << visible_text(part.title) << "\n";
        if (part.is_record) {
            write_lines(out, part.record, document.label_width);
            continue;
        }
        RowWriter writer(part.table.columns, ListOptions{}, out, terminal);
        for (const auto& row : part.table.rows) writer.add(row);
        writer.finish();
    }
    if (!document.footer.empty()) out << "\n" << visible_text(document.footer) << "\n";
    out.flush();
}

}  // namespace acm::detail
