#pragma once
// Usage metrics per account and day: active users, logins, adoption (acm-account(1)).
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string_view>

#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/import_rows.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

struct UsageFields {
    Date date;
    std::optional<std::int64_t> active_users, logins;
    std::optional<double> adoption;  // percent, 0–100
};

// 42, 42.5 or 42.5%: a percentage from 0 to 100, at most two decimals.
// UsageError: "--adoption 120 is not a valid percentage (expected 0 to 100, e.g. 42.5)".
double parse_percentage(std::string_view text, std::string_view field);

// Adds the day's metrics (at least one: UsageError otherwise). RuntimeError when the
// account already has usage on that day. The caller owns the transaction.
std::int64_t add_usage(Database& db, const Actor& actor, std::int64_t account_id, const UsageFields& fields);
void remove_usage(Database& db, const Actor& actor, std::int64_t id);

std::vector<Column> usage_columns();
// Newest first.
void for_each_usage(Database& db, std::optional<std::int64_t> account_id,
                    const std::function<void(Row&&)>& emit);

// Columns account, date, active_users, logins, adoption. All-or-nothing as feedback import;
// a day already recorded (in the workspace or earlier in the file) is a row error.
std::size_t import_usage(Database& db, const Actor& actor, std::istream& in, Date today,
                         const ImportProgress& progress);

}  // namespace acm
