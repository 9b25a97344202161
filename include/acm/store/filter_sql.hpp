#pragma once
// Optional filters of listings, as SQL.
#include <fmt/format.h>

#include <string>

namespace acm {

// "column = ?N" when the filter is given, else "?N IS NULL" (true: NULL is bound), so the
// caller binds ?N the same way in both cases. Not "(?N IS NULL OR column = ?N)": SQLite
// cannot use an index for that OR, so `feedback list --account K` read all 1,000,000
// entries to find one account's.
inline std::string match_if(bool given, const char* column, int parameter) {
    return given ? fmt::format("{} = ?{}", column, parameter) : fmt::format("?{} IS NULL", parameter);
}

}  // namespace acm
