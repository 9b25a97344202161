// acm account usage import: usage metrics from CSV, all-or-nothing.
#include "acm/domain/import/usage.hpp"

#include <fmt/format.h>

#include <chrono>
#include <optional>
#include <unordered_map>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/domain/usage.hpp"

namespace acm {

namespace {

const CsvSchema& usage_schema() {
    static const CsvSchema schema = [] {
        CsvSchema s;
        s.kind = "usage";
        s.dates = {"date"};
        s.fields = {"account", "date", "active_users", "logins", "adoption", "external_id"};
        s.alias("account", {"account key", "account name", "company", "customer", "associated company",
                            "organization name"});
        s.alias("date", {"day"});
        s.alias("active_users", {"active users", "activeusers", "users", "dau", "mau"});
        s.alias("logins", {"sessions"});
        s.alias("adoption", {"adoption rate", "adoption %", "adoption pct"});
        s.alias("external_id", {"external id"});
        return s;
    }();
    return schema;
}

// An account's day, the unit of usage: one row per account and day.
struct Day {
    std::int64_t account_id;
    int days;  // since 1970-01-01
    bool operator==(const Day&) const = default;
};
struct DayHash {
    std::size_t operator()(const Day& day) const {
        return std::hash<std::int64_t>{}(day.account_id * 100'003 + day.days);
    }
};
Day day_of(std::int64_t account_id, Date date) {
    return {account_id, static_cast<int>(std::chrono::sys_days(date).time_since_epoch().count())};
}

}  // namespace

ImportCounts import_usage(Database& db, const Actor& actor, std::istream& in, Date today,
                          const CsvImportOptions& options, const ImportProgress& progress) {
    ImportReader reader(in, usage_schema(), options);
    reader.require({"account", "date"});
    const std::string source = reader.source();
    AccountIndex accounts(db, reader);
    ExternalIds external_ids(db, "usage", source);
    use_import_page_cache(db);
    // The days that have usage, loaded once: rows are parsed on the reading thread, which
    // checks them against these and against the rows before it in the file.
    struct Recorded {
        std::int64_t id;
        UsageFields fields;
    };
    std::unordered_map<Day, Recorded, DayHash> recorded;
    auto days = db.prepare("SELECT id, account_id, date, active_users, logins, adoption FROM usage");
    while (days.step())
        if (auto date = parse_iso_date(days.text(2))) {
            std::optional<double> adoption;
            if (!days.is_null(5)) adoption = days.real(5);
            recorded.emplace(day_of(days.integer(1), *date),
                             Recorded{days.integer(0),
                                      {*date, days.optional_integer(3), days.optional_integer(4), adoption}});
        }
    std::unordered_map<Day, int, DayHash> in_file;  // → the line that gave it

    struct Record {
        std::int64_t account_id;
        UsageFields fields;
        std::optional<std::string> external_id;
        std::optional<std::int64_t> replaces;  // with --upsert: the row of that day, which takes these values
        bool unchanged = false;                // the day has these values already
    };
    ImportCounts counts;
    auto parse = [&](const ImportReader::Row& row) {
        std::int64_t account_id = accounts.resolve(row, "account");
        UsageFields fields;
        fields.date = row.date("date", today);
        constexpr std::int64_t max_count = 1'000'000'000;
        auto count = [&](const char* field) -> std::optional<std::int64_t> {
            auto value = row.trimmed(field);
            if (!value) return std::nullopt;
            return row.parse(field, [&](auto label) { return parse_integer(*value, 0, max_count, label); });
        };
        fields.active_users = count("active_users");
        fields.logins = count("logins");
        if (auto value = row.trimmed("adoption"))
            fields.adoption =
                row.parse("adoption", [&](auto label) { return parse_percentage(*value, label); });
        if (!fields.active_users && !fields.logins && !fields.adoption)
            throw UsageError(fmt::format("line {}: no active_users, logins or adoption", row.line));
        Record record{account_id, fields, external_ids.of(row), std::nullopt};
        Day day = day_of(account_id, fields.date);
        auto repeated = [&](const std::string& where) {
            return UsageError(fmt::format("{} {} already has usage on {} ({})", row.label("account"),
                                          quote_value(trim(*row["account"])), format_date(fields.date),
                                          where));
        };
        if (auto [it, first] = in_file.emplace(day, row.line); !first)
            throw repeated(fmt::format("line {}", it->second));
        auto stored = recorded.find(day);
        // An id the source gave another day's row: the file and the workspace disagree.
        if (record.external_id)
            if (auto other = external_ids.find(*record.external_id);
                other && (stored == recorded.end() || stored->second.id != *other))
                throw UsageError(fmt::format("{} the external id {} is usage row {}, of another day",
                                             row.label("external_id"), quote_value(*record.external_id), *other));
        // A day the workspace has: the same values again change nothing; other values
        // replace them with --upsert (an export that overlaps the last one), else refused.
        if (auto it = stored; it != recorded.end()) {
            const UsageFields& before = it->second.fields;
            record.unchanged = before.active_users == fields.active_users && before.logins == fields.logins &&
                               before.adoption == fields.adoption;
            if (!record.unchanged && !options.upsert)
                throw repeated(fmt::format("id {}; use --upsert to replace it", it->second.id));
            if (!record.unchanged) record.replaces = it->second.id;
        }
        counts.count(record.unchanged || record.replaces.has_value(), record.replaces.has_value());
        return record;
    };
    if (options.dry_run) {
        reader.read<Record>(parse, nullptr, progress);
        return counts;
    }

    std::vector<Record> replacements;  // few: the days an export shares with the one before
    {
        TableLoad load(db, "usage");
        UsageInsert insert(db);
        reader.read<Record>(
            parse,
            [&](std::vector<Record>& records) {
                for (auto& record : records) {
                    if (record.unchanged) continue;
                    if (record.replaces) {
                        replacements.push_back(std::move(record));
                        continue;
                    }
                    UsageInsert::ExternalId external;
                    if (record.external_id) external = {source, record.external_id};
                    insert.insert(record.account_id, record.fields, external);
                    load.touched(record.account_id);
                }
            },
            progress);
        load.finish(actor, counts.added);
    }
    // After the bulk load, whose inserts undo removes by rowid: these changes of existing
    // rows are logged one by one, so that undo puts the values back.
    if (!replacements.empty()) {
        // A row without an external id keeps the one the day has.
        auto update = db.prepare(
            "UPDATE usage SET active_users = ?1, logins = ?2, adoption = ?3, "
            "external_source = CASE WHEN ?5 IS NULL THEN external_source ELSE ?4 END, "
            "external_id = coalesce(?5, external_id) WHERE id = ?6");
        for (const auto& record : replacements) {
            update.reset();
            const UsageFields& fields = record.fields;
            update.bind_all(fields.active_users, fields.logins, fields.adoption, source, record.external_id,
                            *record.replaces)
                .run();
        }
        record_event(db, actor, {"usage", "import", std::nullopt, "replace"},
                     Changes().set("rows", std::to_string(replacements.size())));
    }
    return counts;
}

}  // namespace acm
