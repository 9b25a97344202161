// Documents: building them, and the machine renderers (json, and csv/tsv through a RowWriter).
// The table format is in document_table.cpp, markdown in markdown.cpp, html in html.cpp.
#include "acm/output/document.hpp"

#include <algorithm>
#include <ostream>

#include "acm/output/row_writer.hpp"
#include "detail.hpp"

namespace acm {

Field& Record::add(Column column, Cell value) {
    fields.push_back({std::move(column), std::move(value), {}, {}});
    return fields.back();
}

Record record_of(const std::vector<Column>& columns, Row row) {
    Record record;
    for (std::size_t i = 0; i < columns.size() && i < row.size(); ++i) record.add(columns[i], std::move(row[i]));
    return record;
}

Part& Document::add_table(std::string name, std::string title, std::vector<Column> columns, std::vector<Row> rows,
                          const std::vector<std::string>& hidden) {
    for (auto& column : columns)
        if (std::find(hidden.begin(), hidden.end(), column.name) != hidden.end()) column.in_table = false;
    Part part;
    part.name = std::move(name);
    part.title = std::move(title);
    part.table = {std::move(columns), std::move(rows)};
    parts.push_back(std::move(part));
    return parts.back();
}

Part& Document::add_record(std::string name, std::string title, Record record) {
    Part part;
    part.name = std::move(name);
    part.title = std::move(title);
    part.is_record = true;
    part.record = std::move(record);
    parts.push_back(std::move(part));
    return parts.back();
}

namespace {

void append_record(fmt::memory_buffer& out, const Record& record, bool open) {
    if (open) out.push_back('{');
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        const Field& field = record.fields[i];
        if (i > 0) out.push_back(',');
        detail::append_json_string(out, field.column.name);
        out.push_back(':');
        detail::append_json_value(out, field.value, field.column.kind);
    }
    if (open) out.push_back('}');
}

// One object: the record's fields, then every part under its name.
void write_json(std::ostream& out, const Document& document) {
    fmt::memory_buffer buffer;
    buffer.push_back('{');
    append_record(buffer, document.record, false);
    bool first = document.record.fields.empty();
    for (const auto& part : document.parts) {
        if (!first) buffer.push_back(',');
        first = false;
        detail::append_json_string(buffer, part.name);
        buffer.push_back(':');
        if (part.is_record) {
            append_record(buffer, part.record, true);
        } else if (part.single) {
            if (part.table.rows.empty()) detail::append(buffer, "null");
            else detail::append_json_object(buffer, part.table.columns, part.table.rows.front());
        } else {
            buffer.push_back('[');
            for (std::size_t r = 0; r < part.table.rows.size(); ++r) {
                if (r > 0) buffer.push_back(',');
                detail::append_json_object(buffer, part.table.columns, part.table.rows[r]);
            }
            buffer.push_back(']');
        }
    }
    detail::append(buffer, "}\n");
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    out.flush();
}

// csv and tsv: the one table that `document.flat` names.
void write_flat(std::ostream& out, const Document& document, const ListOptions& options, const Terminal& terminal) {
    auto print = [&](const std::vector<Column>& columns, const std::vector<Row>& rows) {
        RowWriter writer(columns, options, out, terminal);
        for (const auto& row : rows) writer.add(row);
        writer.finish();
    };
    if (document.flat.empty()) {
        std::vector<Column> columns;
        Row row;
        for (const auto& field : document.record.fields) {
            columns.push_back(field.column);
            row.push_back(field.value);
        }
        print(columns, {row});
        return;
    }
    if (document.flat != "*") {
        for (const auto& part : document.parts)
            if (part.name == document.flat) print(part.table.columns, part.table.rows);
        return;
    }
    // The value column is a ratio column so that scores and ratios keep their decimals
    // (0.9355, -25); text cells get the usual formula escaping.
    std::vector<Column> columns = {
        {"section", Kind::text}, {"row", Kind::integer}, {"column", Kind::text}, {"value", Kind::ratio}};
    std::vector<Row> rows;
    auto add_record = [&](const std::string& section, const Record& record) {
        for (const auto& field : record.fields)
            rows.push_back(Row{section, std::int64_t{1}, field.column.name, field.value});
    };
    add_record("", document.record);
    for (const auto& part : document.parts) {
        if (part.is_record) {
            add_record(part.name, part.record);
            continue;
        }
        const Table& table = part.table;
        for (std::size_t r = 0; r < table.rows.size(); ++r)
            for (std::size_t c = 0; c < table.columns.size(); ++c)
                rows.push_back(Row{part.name, static_cast<std::int64_t>(r + 1), table.columns[c].name, table.rows[r][c]});
    }
    print(columns, rows);
}

}  // namespace

void write_document(std::ostream& out, const Document& document, const ListOptions& options,
                    const Terminal& terminal) {
    switch (options.format) {
        case Format::table:
            detail::write_document_table(out, document, terminal);
            return;
        case Format::json:
            write_json(out, document);
            return;
        case Format::csv:
        case Format::tsv:
            write_flat(out, document, options, terminal);
            return;
    }
}

}  // namespace acm
