// acm account usage import: usage metrics from CSV, all-or-nothing.
#include "acm/domain/import/usage.hpp"

#include <fmt/format.h>

#include <optional>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account_figures.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/domain/usage.hpp"

namespace acm {

namespace {

const CsvSchema& usage_schema() {
    static const CsvSchema schema = [] {
        CsvSchema s;
        s.fields = {"account", "date", "active_users", "logins", "adoption"};
        s.alias("account", {"account key", "account name", "company", "customer"});
        s.alias("date", {"day"});
        s.alias("active_users", {"active users", "users", "dau", "mau"});
        s.alias("logins", {"sessions"});
        s.alias("adoption", {"adoption rate", "adoption %", "adoption pct"});
        return s;
    }();
    return schema;
}

}  // namespace

std::size_t import_usage(Database& db, const Actor& actor, std::istream& in, Date today,
                         const ImportProgress& progress) {
    ImportReader reader(in, usage_schema(), {});
    reader.require({"account", "date"});

    AccountIndex accounts(db);
    use_import_page_cache(db);
    UsageInsert insert(db);
    auto existing = db.prepare("SELECT id FROM usage WHERE account_id = ? AND date = ?");
    FiguresDeferred figures(db, {"usage"});
    std::size_t added = 0;
    reader.for_each_row(
        [&](const ImportReader::Row& row) {
            auto label = [&](std::string_view field) { return row.label(field); };
            auto account_text = row.trimmed("account");
            if (!account_text) throw UsageError(fmt::format("{} must not be empty", label("account")));
            std::int64_t account_id = accounts.resolve(*account_text, label("account"));
            auto date_text = row.trimmed("date");
            if (!date_text) throw UsageError(fmt::format("{} must not be empty", label("date")));
            UsageFields fields;
            fields.date = parse_import_date(*date_text, today, label("date"));
            constexpr std::int64_t max_count = 1'000'000'000;
            if (auto value = row.trimmed("active_users"))
                fields.active_users = parse_integer(*value, 0, max_count, label("active_users"));
            if (auto value = row.trimmed("logins")) fields.logins = parse_integer(*value, 0, max_count, label("logins"));
            if (auto value = row.trimmed("adoption")) fields.adoption = parse_percentage(*value, label("adoption"));
            if (!fields.active_users && !fields.logins && !fields.adoption)
                throw UsageError(fmt::format("line {}: no active_users, logins or adoption", row.line));
            std::string date = format_date(fields.date);
            // Rows already inserted by this import are seen too: the same transaction.
            existing.reset();
            existing.bind_all(account_id, date);
            std::optional<std::int64_t> id;
            if (existing.step()) id = existing.integer(0);
            existing.reset();
            if (id)
                throw UsageError(fmt::format("{} {} already has usage on {} (id {})", label("account"),
                                             quote_value(*account_text), date, *id));
            if (!reader.has_errors()) {
                insert.insert(account_id, fields);
                figures.touched(account_id);
                ++added;
            }
        },
        progress);
    figures.finish();
    record_event(db, actor, {"usage", "import", std::nullopt, "import"},
                 Changes().set("rows", std::to_string(added)));
    return added;
}

}  // namespace acm
