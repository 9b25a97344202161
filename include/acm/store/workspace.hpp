#pragma once
// The workspace file (acm-workspace(5)): location, creation, opening with its checks
// (application id, schema version, WAL, foreign keys, busy timeout), migrations.
#include <filesystem>
#include <string>

#include "acm/core/file_safety.hpp"
#include "acm/store/db.hpp"

namespace acm {

// PRAGMA application_id of every acm workspace: "ACM1".
inline constexpr int workspace_application_id = 0x41434d31;

// -w/--workspace if given, else ACM_WORKSPACE, else $XDG_DATA_HOME/acm/workspace.db
// (~/.local/share/acm/workspace.db).
std::string resolve_workspace_path(const std::string& flag_value);

// Creates a new workspace (folder 0700 when created, file 0600) at the current schema.
// RuntimeError when anything already exists at `path`.
Database create_workspace(const std::string& path);

// Opens an existing workspace, refusing (without modifying it) a missing file, a file that
// is not an acm workspace, or one newer than this binary; applies pending migrations.
Database open_workspace(const std::string& path);

// Opens an existing workspace for a command that only reads, with the same file checks:
// never writes the file, works on read-only storage and a full disk, and does not wait for
// a writer. A workspace of an older schema is migrated first (when it can be written).
Database open_workspace_for_reading(const std::string& path);
// The same file checks and read-only opening, with no look at what is inside (acm check).
Database open_workspace_file_for_reading(const std::string& path);

// `path` with its folder resolved to the real one (the file-safety rules themselves, shared
// with the cache and the config file, are in acm/core/file_safety.hpp).
std::string with_real_folder(const std::string& path);

// The schema version this binary writes (the last migration's number).
int current_schema_version();

}  // namespace acm
