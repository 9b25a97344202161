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

static const CsvSchema& account_schema() {
    static const CsvSchema schema = [] {
        CsvSchema s;
        s.fields = {"name", "key", "segment", "tier", "owner", "industry", "region", "status", "tags"};
        auto alias = [&](const std::string& field, std::initializer_list<const char*> headers) {
            for (const char* header : headers) s.aliases[header] = field;
        };
        alias("name", {"account name", "account", "company", "company name", "organization", "organisation",
                       "customer", "customer name"});
        alias("key", {"account key", "slug"});
        alias("segment", {"customer segment", "market segment", "account type", "type"});
        alias("tier", {"service tier", "coverage", "coverage model"});
        alias("owner", {"account owner", "owner name", "csm", "customer success manager", "account manager",
                        "key account manager"});
        alias("industry", {"vertical", "sector"});
        alias("region", {"territory", "country", "billing country", "geo"});
        alias("status", {"account status", "lifecycle status", "lifecycle stage"});
        alias("tags", {"tag", "labels"});
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

ImportSummary import_accounts(Database& db, const Actor& actor, std::istream& in, const AccountRules& rules,
                              const AccountImportOptions& options) {
    const CsvSchema& schema = account_schema();
    auto explicit_map = parse_header_map(options.maps, schema);
    CsvReader reader(in);
    std::vector<std::string> header;
    if (!reader.next(header)) throw UsageError("the CSV file is empty (expected a header row)");
    MappedHeader mapped = map_header(header, schema, explicit_map);
    bool has_name = std::find(mapped.field_of_column.begin(), mapped.field_of_column.end(), 0) !=
                    mapped.field_of_column.end();
    bool has_key = std::find(mapped.field_of_column.begin(), mapped.field_of_column.end(), 1) !=
                   mapped.field_of_column.end();
    if (!has_name && !(options.upsert && has_key))
        throw UsageError(fmt::format("line 1: no column gives the account name (found {}; use --map 'Header=name')",
                                     join_choices(header)));

    struct Pending {
        AccountFields fields;
        std::optional<std::int64_t> existing;
    };
    std::vector<Pending> pending;
    std::vector<std::string> errors;
    std::set<std::string> keys_in_file;
    std::vector<std::string> cells;
    while (reader.next(cells)) {
        int line = reader.line();
        try {
            if (cells.size() != header.size())
                throw UsageError(fmt::format("line {}: {} fields, but the header has {}", line, cells.size(),
                                             header.size()));
            AccountFields fields;
            std::string column_of[9];
            for (std::size_t i = 0; i < cells.size(); ++i) {
                int field = mapped.field_of_column[i];
                if (field < 0) continue;
                column_of[field] = header[i];
                // An empty cell gives no value: it neither sets nor clears a field.
                if (trim(cells[i]).empty()) continue;
                std::optional<std::string>* targets[] = {&fields.name,     &fields.key,    &fields.segment,
                                                         &fields.tier,     &fields.owner,  &fields.industry,
                                                         &fields.region,   &fields.status, nullptr};
                if (targets[field])
                    *targets[field] = cells[i];
                else
                    fields.add_tags = split_tags(cells[i]);
            }
            auto label = [&](std::string_view field) {
                auto index = std::find(schema.fields.begin(), schema.fields.end(), field) - schema.fields.begin();
                return fmt::format("line {}, column {}:", line, column_of[index].empty() ? field : column_of[index]);
            };
            fields = validate_account_fields(fields, rules, label);
            if (!fields.name && !fields.key) throw UsageError(fmt::format("{} must not be empty", label("name")));
            auto key_label = label(fields.key ? "key" : "name");
            std::string key = fields.key ? *fields.key : slugify(fields.name.value_or(""));
            if (!keys_in_file.insert(key).second)
                throw UsageError(fmt::format("{} the key {} appears twice in the file", key_label, key));
            Pending row{fields, find_account_by_key(db, key)};
            if (row.existing && !options.upsert)
                throw UsageError(fmt::format("{} an account with key {} already exists (use --upsert to update it)",
                                             key_label, key));
            if (!row.existing && !fields.name)
                throw UsageError(fmt::format("{} no account {} to update and no name to add it with",
                                             key_label, key));
            if (!row.existing) row.fields.key = key;
            pending.push_back(std::move(row));
        } catch (const UsageError& e) {
            errors.push_back(e.what());
        }
    }
    if (!errors.empty()) {
        std::string message;
        for (std::size_t i = 0; i < errors.size() && i < 20; ++i) message += errors[i] + "\n";
        if (errors.size() > 20) message += fmt::format("… and {} more errors; nothing was imported\n", errors.size() - 20);
        else message += "nothing was imported\n";
        throw UsageError(message);
    }

    ImportSummary summary;
    summary.ignored_columns = mapped.ignored;
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
