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
        s.fields.insert(s.fields.end(), {"status", "tags", "external_id"});
        s.alias("name", {"account name", "account", "company", "company name", "organization", "organisation",
                         "organization name", "customer", "customer name"});
        s.alias("key", {"account key", "slug"});
        s.alias("status", {"account status", "lifecycle status", "lifecycle stage"});
        s.alias("tags", {"tag", "labels", "organization labels"});
        s.alias("external_id", {"external id"});
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
    if (!reader.has("name") && !(options.upsert && (reader.has("key") || reader.has("external_id"))))
        throw UsageError(
            fmt::format("line 1: no column gives the account name (found {}; use --map 'Header=name')",
                        join_choices(reader.header())));
    AccountIndex accounts(db, reader);
    ExternalIds external_ids(db, "accounts", reader.source());
    use_import_page_cache(db);

    struct Record {
        AccountFields fields;
        std::optional<std::int64_t> existing;
        std::optional<std::string> external_id;
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
        auto external_id = external_ids.of(row);
        if (!fields.name && !fields.key && !external_id)
            throw UsageError(fmt::format("{} must not be empty", label("name")));
        // The account an earlier import from this source stored, else the one with the key.
        std::optional<std::int64_t> existing = external_id ? external_ids.find(*external_id) : std::nullopt;
        bool found_by_external_id = existing.has_value();
        std::string key, key_label = label(fields.key ? "key" : "name");
        if (fields.key) {
            key = *fields.key;
        } else if (fields.name) {
            key = slugify(*fields.name);
            // A name in a script that has no Latin letters (株式会社…) gives no key: the
            // source system's id does, or the user names a column of keys.
            if (key.empty() && external_id) key = slugify(external_ids.source() + "-" + *external_id);
            if (key.empty() && !existing)
                throw UsageError(fmt::format("{} the name {} gives no key (use --map 'KEYCOLUMN=key' to take "
                                             "keys from a column)",
                                             key_label, quote_value(*fields.name)));
        }
        if (!key.empty() && !keys_in_file.insert(key).second)
            throw UsageError(fmt::format("{} the key {} appears twice in the file", key_label, key));
        if (!existing && !key.empty()) existing = accounts.find_key(key);
        Record record{fields, existing, external_id};
        // What named the account the row would update, and the column that gave it: the
        // external id that found it, else the key (given or from the name), else, with neither
        // key nor name, the external id.
        bool by_external_id = found_by_external_id || key.empty();
        std::string what = by_external_id ? "external id " + *external_id : "key " + key;
        std::string what_label = by_external_id ? label("external_id") : key_label;
        if (record.existing && !options.upsert)
            throw UsageError(fmt::format("{} an account with {} already exists (use --upsert to update it)",
                                         what_label, what));
        if (!record.existing && !fields.name)
            throw UsageError(fmt::format("{} no account with {} to update and no name to add it with",
                                         what_label, what));
        // A match by external id keeps its key: keys never change under an import.
        record.fields.key = record.existing ? std::nullopt : std::optional(key);
        return record;
    };
    // A matched account is updated when the row changes it and left as it is otherwise; a
    // dry run decides the same for the same rows, so that it counts what the import does.
    reader.read<Record>(parse, [&](std::vector<Record>& records) {
        for (const auto& record : records) {
            std::int64_t id = record.existing.value_or(0);
            bool changes = record.existing && (edit_changes_account(db, id, record.fields) ||
                                               takes_external_id(db, "accounts", id, record.external_id));
            if (!summary.count(record.existing.has_value(), changes) || options.dry_run) continue;
            if (record.existing)
                edit_account(db, actor, id, record.fields);
            else
                id = *find_account_by_key(db, add_account(db, actor, record.fields));
            set_external_id(db, "accounts", id, external_ids.source(), record.external_id);
        }
    });
    return summary;
}

}  // namespace acm
