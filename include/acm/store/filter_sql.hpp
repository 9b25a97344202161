#pragma once
// Optional filters of listings, as SQL.
#include <string>

namespace acm {

// "column = ?N" when the filter is given, else "?N IS NULL" (true: NULL is bound), so the
// caller binds ?N the same way in both cases. Not "(?N IS NULL OR column = ?N)": SQLite
// cannot use an index for that OR, so `feedback list --account K` read every entry to
// find one account's.
std::string match_if(bool given, const char* column, int parameter);

// "accounts a", every account in id order, for queries that seek per account into an index
// keyed by account: left to itself SQLite scans the smaller index accounts_owner, and its
// owner order sends those seeks all over the other index, where id order reads it front to
// back. A rowid lookup (a.id = ?) is still allowed.
inline constexpr const char* accounts_in_id_order = "accounts a NOT INDEXED";

}  // namespace acm
