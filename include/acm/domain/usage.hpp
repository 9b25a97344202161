#pragma once
// Usage metrics per account and day: active users, logins, adoption (acm-account(1)). The
// CSV import: import/usage.hpp.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
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

// The INSERT of a day's metrics, prepared once for many: the metrics as they are, without
// the checks and the audit event of add_usage (an import checks its whole file first and
// records one event). The caller owns the transaction.
class UsageInsert {
public:
    explicit UsageInsert(Database& db);
    // The id another system gave the row, and its name (both or neither).
    struct ExternalId {
        std::optional<std::string> source, id;
    };
    void insert(std::int64_t account_id, const UsageFields& fields, const ExternalId& external = {});

private:
    Statement stmt_;
};

void remove_usage(Database& db, const Actor& actor, std::int64_t id);

std::vector<Column> usage_columns();
// Newest first.
void for_each_usage(Database& db, std::optional<std::int64_t> account_id,
                    const std::function<void(Row&&)>& emit);

}  // namespace acm
