#include "acm/domain/import.hpp"

#include <set>

#include <fmt/format.h>

#include "acm/core/csv.hpp"
#include "acm/core/error.hpp"
#include "acm/core/text.hpp"

namespace acm {

std::string normalize_header(std::string_view header) {
    std::string result;
    for (char c : trim(header)) {
        char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower == '_' || lower == '-' || lower == ' ') {
            if (!result.empty() && result.back() != ' ') result += ' ';
        } else {
            result += lower;
        }
    }
    return trim(result);
}

std::map<std::string, std::string> parse_header_map(const std::vector<std::string>& maps, const CsvSchema& schema) {
    std::map<std::string, std::string> result;
    for (const auto& map : maps) {
        auto equals = map.rfind('=');
        if (equals == std::string::npos || equals == 0)
            throw UsageError(fmt::format("--map {} is not valid (expected 'Header=field')", quote_value(map)));
        std::string field = trim(map.substr(equals + 1));
        parse_choice(field, schema.fields, fmt::format("--map {}: field", quote_value(map)));
        result[normalize_header(map.substr(0, equals))] = field;
    }
    return result;
}

MappedHeader map_header(const std::vector<std::string>& header, const CsvSchema& schema,
                        const std::map<std::string, std::string>& explicit_map) {
    MappedHeader mapped;
    std::map<std::string, std::string> used;  // field → header that took it
    for (const auto& name : header) {
        std::string normalized = normalize_header(name);
        std::string field;
        if (auto it = explicit_map.find(normalized); it != explicit_map.end())
            field = it->second;
        else if (auto alias = schema.aliases.find(normalized); alias != schema.aliases.end())
            field = alias->second;
        else
            for (const auto& candidate : schema.fields)
                if (candidate == normalized) field = candidate;
        if (field.empty()) {
            mapped.field_of_column.push_back(-1);
            mapped.ignored.push_back(name);
            continue;
        }
        if (auto taken = used.find(field); taken != used.end())
            throw UsageError(fmt::format("line 1: columns {} and {} both give the field {}; use --map to choose",
                                         quote_value(taken->second), quote_value(name), field));
        used[field] = name;
        auto index = std::find(schema.fields.begin(), schema.fields.end(), field) - schema.fields.begin();
        mapped.field_of_column.push_back(static_cast<int>(index));
    }
    return mapped;
}

void CsvSchema::alias(std::string_view field, std::initializer_list<std::string_view> headers) {
    for (std::string_view header : headers) aliases[std::string(header)] = field;
}

void CsvSchema::alias(std::string_view field, std::string_view headers_separated_by_bar) {
    for (std::string_view rest = headers_separated_by_bar; !rest.empty();) {
        auto bar = rest.find('|');
        aliases[std::string(rest.substr(0, bar))] = field;
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
}

static const CsvSchema& account_schema() {
    static const CsvSchema schema = [] {
        CsvSchema s;
        s.fields = {"name", "key"};
        for (const auto& field : account_text_fields) s.fields.emplace_back(field.name);
        s.fields.insert(s.fields.end(), {"status", "tags"});
        s.alias("name", {"account name", "account", "company", "company name", "organization", "organisation",
                       "customer", "customer name"});
        s.alias("key", {"account key", "slug"});
        s.alias("status", {"account status", "lifecycle status", "lifecycle stage"});
        s.alias("tags", {"tag", "labels"});
        for (const auto& field : account_text_fields) s.alias(field.name, field.aliases);
        return s;
    }();
    return schema;
}

static std::vector<std::string> split_tags(const std::string& cell) {
    std::vector<std::string> tags;
    std::string current;
    for (char c : cell + ",") {
        if (c == ',' || c == ';') {
            if (!trim(current).empty()) tags.push_back(trim(current));
            current.clear();
        } else {
            current += c;
        }
    }
    return tags;
}

ImportReader::ImportReader(std::istream& in, const CsvSchema& schema, const std::vector<std::string>& maps)
    : schema_(schema), reader_(in) {
    auto explicit_map = parse_header_map(maps, schema);
    if (!reader_.next(header_)) throw UsageError("the CSV file is empty (expected a header row)");
    mapped_ = map_header(header_, schema, explicit_map);
    column_of_field_.resize(schema.fields.size());
    for (std::size_t i = 0; i < header_.size(); ++i)
        if (mapped_.field_of_column[i] >= 0) column_of_field_[mapped_.field_of_column[i]] = header_[i];
}

std::size_t ImportReader::index_of(std::string_view field) const {
    return std::find(schema_.fields.begin(), schema_.fields.end(), field) - schema_.fields.begin();
}

const std::string& ImportReader::column(std::string_view field) const { return column_of_field_.at(index_of(field)); }

bool ImportReader::has(std::string_view field) const {
    std::size_t index = index_of(field);
    return index < column_of_field_.size() && !column_of_field_[index].empty();
}

const std::optional<std::string>& ImportReader::Row::operator[](std::string_view field) const {
    return cells.at(reader->index_of(field));
}

std::optional<std::string> ImportReader::Row::trimmed(std::string_view field) const {
    const auto& cell = (*this)[field];
    if (!cell) return std::nullopt;
    return trim(*cell);
}

std::string ImportReader::Row::label(std::string_view field) const {
    std::size_t index = reader->index_of(field);
    const std::string& column = index < reader->column_of_field_.size() ? reader->column_of_field_[index] : "";
    return fmt::format("line {}, column {}:", line, column.empty() ? std::string(field) : column);
}

void ImportReader::for_each_row(const std::function<void(const Row&)>& handle, const ImportProgress& progress) {
    std::vector<std::string> cells;
    std::size_t rows = 0;
    Row row;
    row.reader = this;
    while (reader_.next(cells)) {
        row.line = reader_.line();
        try {
            if (cells.size() != header_.size())
                throw UsageError(fmt::format("line {}: {} fields, but the header has {}", row.line, cells.size(),
                                             header_.size()));
            row.cells.assign(schema_.fields.size(), std::nullopt);
            for (std::size_t i = 0; i < cells.size(); ++i)
                if (int field = mapped_.field_of_column[i]; field >= 0 && !trim_view(cells[i]).empty())
                    row.cells[field] = std::move(cells[i]);
            handle(row);
        } catch (const UsageError& e) {
            errors_.add(e.what());
        }
        ++rows;
        if (progress && rows % import_progress_every == 0) progress(rows, false);
    }
    if (progress) progress(rows, true);
    if (has_errors()) errors_.raise();
}

ImportSummary import_accounts(Database& db, const Actor& actor, std::istream& in, const AccountRules& rules,
                              const AccountImportOptions& options) {
    ImportReader reader(in, account_schema(), options.maps);
    use_import_page_cache(db);
    if (!reader.has("name") && !(options.upsert && reader.has("key")))
        throw UsageError(fmt::format("line 1: no column gives the account name (found {}; use --map 'Header=name')",
                                     join_choices(reader.header())));

    struct Pending {
        AccountFields fields;
        std::optional<std::int64_t> existing;
    };
    std::vector<Pending> pending;
    std::set<std::string> keys_in_file;
    reader.for_each_row([&](const ImportReader::Row& row) {
        AccountFields fields;
        fields.name = row["name"];
        fields.key = row["key"];
        fields.status = row["status"];
        for (std::size_t i = 0; i < account_text_fields.size(); ++i) fields.texts[i] = row[account_text_fields[i].name];
        if (row["tags"]) fields.add_tags = split_tags(*row["tags"]);
        auto label = [&](std::string_view field) { return row.label(field); };
        fields = validate_account_fields(fields, rules, label);
        if (!fields.name && !fields.key) throw UsageError(fmt::format("{} must not be empty", label("name")));
        auto key_label = label(fields.key ? "key" : "name");
        std::string key = fields.key ? *fields.key : slugify(fields.name.value_or(""));
        if (!keys_in_file.insert(key).second)
            throw UsageError(fmt::format("{} the key {} appears twice in the file", key_label, key));
        Pending entry{fields, find_account_by_key(db, key)};
        if (entry.existing && !options.upsert)
            throw UsageError(fmt::format("{} an account with key {} already exists (use --upsert to update it)",
                                         key_label, key));
        if (!entry.existing && !fields.name)
            throw UsageError(fmt::format("{} no account {} to update and no name to add it with", key_label, key));
        if (!entry.existing) entry.fields.key = key;
        pending.push_back(std::move(entry));
    });

    ImportSummary summary;
    summary.ignored_columns = reader.ignored_columns();
    for (auto& row : pending) {
        if (row.existing) {
            if (!options.dry_run) edit_account(db, actor, *row.existing, row.fields);
            ++summary.updated;
        } else {
            if (!options.dry_run) add_account(db, actor, row.fields);
            ++summary.added;
        }
    }
    return summary;
}

}  // namespace acm
