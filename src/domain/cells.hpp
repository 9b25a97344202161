#pragma once
// Row cells from query columns and other helpers shared by the domain modules (private
// to src/domain).
#include <optional>
#include <string>

#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

// NULL → missing; text as is.
inline Cell text_cell(const Statement& stmt, int column) {
    if (stmt.is_null(column)) return std::monostate{};
    return stmt.text(column);
}

// NULL → missing; an ISO date → Date (anything else is shown as stored).
inline Cell date_cell(const Statement& stmt, int column) {
    if (stmt.is_null(column)) return std::monostate{};
    std::string text = stmt.text(column);
    if (auto date = parse_iso_date(text)) return *date;
    return text;
}

// NULL → missing; minor units in `currency` → Money.
inline Cell money_cell(const Statement& stmt, int column, const std::string& currency) {
    if (stmt.is_null(column)) return std::monostate{};
    return Money{stmt.integer(column), currency};
}

inline std::optional<Date> optional_date(const Statement& stmt, int column) {
    if (stmt.is_null(column)) return std::nullopt;
    return parse_iso_date(stmt.text(column));
}

// The key of account `id` ("" when there is none), for event details.
inline std::string account_key_of(Database& db, std::int64_t id) {
    auto stmt = db.prepare("SELECT key FROM accounts WHERE id = ?");
    stmt.bind(1, id);
    return stmt.step() ? stmt.text(0) : std::string();
}

}  // namespace acm
