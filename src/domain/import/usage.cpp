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
        s.fields = {"account", "date", "active_users", "logins", "adoption"};
        s.alias("account", {"account key", "account name", "company", "customer", "associated company",
                            "organization name"});
        s.alias("date", {"day"});
        s.alias("active_users", {"active users", "activeusers", "users", "dau", "mau"});
        s.alias("logins", {"sessions"});
        s.alias("adoption", {"adoption rate", "adoption %", "adoption pct"});
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

std::size_t import_usage(Database& db, const Actor& actor, std::istream& in, Date today,
                         const CsvImportOptions& options, const ImportProgress& progress) {
    ImportReader reader(in, usage_schema(), options);
    reader.require({"account", "date"});
    AccountIndex accounts(db);
    use_import_page_cache(db);
    // The days that have usage, loaded once: rows are parsed on the reading thread, which
    // checks them against these and against the rows before it in the file.
    std::unordered_map<Day, std::int64_t, DayHash> recorded;  // → the usage id
    auto days = db.prepare("SELECT id, account_id, date FROM usage");
    while (days.step())
        if (auto date = parse_iso_date(days.text(2)))
            recorded.emplace(day_of(days.integer(1), *date), days.integer(0));
    std::unordered_map<Day, int, DayHash> in_file;  // → the line that gave it

    struct Record {
        std::int64_t account_id;
        UsageFields fields;
    };
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
        Day day = day_of(account_id, fields.date);
        auto repeated = [&](const std::string& where) {
            return UsageError(fmt::format("{} {} already has usage on {} ({})", row.label("account"),
                                          quote_value(trim(*row["account"])), format_date(fields.date),
                                          where));
        };
        if (auto it = recorded.find(day); it != recorded.end())
            throw repeated(fmt::format("id {}", it->second));
        if (auto [it, first] = in_file.emplace(day, row.line); !first)
            throw repeated(fmt::format("line {}", it->second));
        return Record{account_id, fields};
    };
    if (options.dry_run) return reader.read<Record>(parse, nullptr, progress);

    TableLoad load(db, "usage");
    UsageInsert insert(db);
    std::size_t added = reader.read<Record>(
        parse,
        [&](std::vector<Record>& records) {
            for (const auto& record : records) {
                insert.insert(record.account_id, record.fields);
                load.touched(record.account_id);
            }
        },
        progress);
    load.finish(actor, added);
    return added;
}

}  // namespace acm
