#pragma once
// The workspace file: location, creation, opening with the checks of SPEC §2
// (application id, schema version, WAL, foreign keys, busy timeout), migrations.
#include <string>

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

// The schema version this binary writes (the last migration's number).
int current_schema_version();

}  // namespace acm
