// acm account import: accounts from CSV, all-or-nothing.
#include "acm/domain/import/accounts.hpp"

#include <fmt/format.h>

#include <set>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/import/pipeline.hpp"

namespace acm {

static const CsvSchema& account_schema() {
    static const CsvSchema schema = [] {
        CsvSchema s;
        s.kind = "account";
        s.fields = {"name", "key"};
        for (const auto& field : account_text_fields) s.fields.emplace_back(field.name);
        s.fields.insert(s.fields.end(), {"status", "tags"});
        s.alias("name", {"account name", "account", "company", "company name", "organization", "organisation",
                         "organization name", "customer", "customer name"});
        s.alias("key", {"account key", "slug"});
        s.alias("status", {"account status", "lifecycle status", "lifecycle stage"});
        s.alias("tags", {"tag", "labels", "organization labels"});
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

ImportSummary import_accounts(Database& db, const Actor& actor, std::istream& in, const AccountRules& rules,
                              const AccountImportOptions& options) {
    ImportReader reader(in, account_schema(), options);
    if (!reader.has("name") && !(options.upsert && reader.has("key")))
        throw UsageError(
            fmt::format("line 1: no column gives the account name (found {}; use --map 'Header=name')",
                        join_choices(reader.header())));
    AccountIndex accounts(db);
    use_import_page_cache(db);

    struct Record {
        AccountFields fields;
        std::optional<std::int64_t> existing;
    };
    ImportSummary summary;
    summary.ignored_columns = reader.ignored_columns();
    std::set<std::string> keys_in_file;
    auto parse = [&](const ImportReader::Row& row) {
        AccountFields fields;
        fields.name = row["name"];
        fields.key = row["key"];
        // Enum values as other systems write them ("Active", "HIGH-TOUCH") are acm's own
        // values in another case: stored in acm's form.
        if (const auto& status = row["status"])
            fields.status = choice_ignoring_case(*status, account_statuses());
        for (std::size_t i = 0; i < account_text_fields.size(); ++i) {
            const auto& cell = row[account_text_fields[i].name];
            const auto& allowed = rules.allowed(account_text_fields[i].name);
            if (cell) fields.texts[i] = allowed.empty() ? *cell : choice_ignoring_case(*cell, allowed);
        }
        if (row["tags"]) fields.add_tags = split_tags(*row["tags"]);
        auto label = [&](std::string_view field) { return row.label(field); };
        fields = validate_account_fields(fields, rules, label);
        if (!fields.name && !fields.key) throw UsageError(fmt::format("{} must not be empty", label("name")));
        auto key_label = label(fields.key ? "key" : "name");
        std::string key = fields.key ? *fields.key : slugify(fields.name.value_or(""));
        if (!keys_in_file.insert(key).second)
            throw UsageError(fmt::format("{} the key {} appears twice in the file", key_label, key));
        Record record{fields, accounts.find_key(key)};
        if (record.existing && !options.upsert)
            throw UsageError(fmt::format(
                "{} an account with key {} already exists (use --upsert to update it)", key_label, key));
        if (!record.existing && !fields.name)
            throw UsageError(
                fmt::format("{} no account {} to update and no name to add it with", key_label, key));
        if (!record.existing) record.fields.key = key;
        ++(record.existing ? summary.updated : summary.added);
        return record;
    };
    if (options.dry_run) {
        reader.read<Record>(parse, nullptr);
        return summary;
    }
    reader.read<Record>(parse, [&](std::vector<Record>& records) {
        for (const auto& record : records)
            if (record.existing)
                edit_account(db, actor, *record.existing, record.fields);
            else
                add_account(db, actor, record.fields);
    });
    return summary;
}

}  // namespace acm
