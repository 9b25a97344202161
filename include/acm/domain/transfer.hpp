#pragma once
// The whole workspace as JSON (acm export / acm import, man acm(1)), generic over the
// schema: every table of sqlite_master but SQLite's own, so that the tables of future
// migrations travel without a change here.
//
//   {
//     "format": "acm-export",
//     "schema_version": 3,
//     "tables": {
//       "account_tags": [
//         {"account_id": 1, "tag": "emea"}
//       ],
//       "accounts": [ … ]
//     }
//   }
//
// Tables by name, rows by rowid (by primary key for WITHOUT ROWID tables), one row per
// line, so that the same workspace always exports to the same bytes. Values keep their
// SQLite type: integer, real (always with a '.' or exponent), text, null; a blob is
// {"blob_hex": "…"}, and text that is not valid UTF-8 {"text_hex": "…"}.
#include <cstddef>
#include <iosfwd>
#include <string>

#include "acm/domain/account.hpp"
#include "acm/store/db.hpp"

namespace acm {

// Writes the workspace to `out` from one consistent snapshot (other processes may write).
void export_workspace(Database& db, std::ostream& out);

// Reads an export into `db`, in one transaction, when `db` is empty: no rows but the
// `meta` row and the `init` event that `acm init` writes. `meta` and `events` are
// replaced by the imported ones: the workspace keeps its exported identity
// (meta.workspace_id, so iCalendar UIDs stay the same) and its audit log; the import
// records no event of its own, so that export → import → export gives the same bytes.
// `name` names the input in errors. Returns the number of rows imported.
// Every value is checked as the commands check it (import_checks.hpp; `rules`: the allowed
// segments and tiers), and the first invalid one refuses the whole file.
// RuntimeError: the workspace is not empty, or the export has another schema version.
// UsageError: malformed JSON (read strictly, by core/json.hpp), an unknown table or
// column, an invalid value, rows that break a constraint.
std::size_t import_workspace(Database& db, std::istream& in, const std::string& name, const AccountRules& rules);

}  // namespace acm
