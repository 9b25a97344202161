#pragma once
// Workspace maintenance (acm backup and acm check in acm(1)): an online backup and an
// integrity check.
#include <string>
#include <vector>

#include "acm/store/db.hpp"

namespace acm {

// Copies the open workspace to `path` with SQLite's online backup API, in one step
// under a read lock: in WAL mode other processes keep writing meanwhile. The copy is
// written to a private temporary file (0600) and moved to `path` when complete.
// RuntimeError when `path` exists (unless `overwrite`) or is the workspace itself.
void backup_workspace(Database& source, const std::string& path, bool overwrite);

struct CheckReport {
    int schema_version = 0;
    // One line per problem; empty when the workspace is sound.
    std::vector<std::string> problems;
};

// Checks the workspace at `path` without changing it (no migration): an acm workspace,
// not from a newer acm, PRAGMA integrity_check, PRAGMA foreign_key_check, and every
// table and index of its schema version present as the migrations define it. Tables
// and indexes of the user's own are allowed. RuntimeError when there is no file or the
// file-safety rules refuse it (open_workspace_file_for_reading).
CheckReport check_workspace(const std::string& path);

}  // namespace acm
