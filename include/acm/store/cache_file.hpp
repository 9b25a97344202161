#pragma once
// A cache of derived data, kept outside the workspace so that reading never writes it:
// $XDG_CACHE_HOME/acm/NAME-HASH.db (~/.cache/acm), HASH naming the workspace's real path.
// A cache is only ever a shortcut: every failure to find, open, read or write it is silent
// and the caller computes from the workspace instead.
#include <optional>
#include <string>
#include <string_view>

#include "acm/store/db.hpp"

namespace acm {

// Where the cache `name` of the workspace at `workspace_path` lives; empty when neither
// XDG_CACHE_HOME nor HOME names an absolute folder (then there is no cache).
std::string cache_file_path(const std::string& workspace_path, std::string_view name);

// Opens the cache at `path` for writing, creating it (folder 0700, file 0600) with `schema`
// (CREATE statements) when it is missing, holds another `version`, or fails `probe` (SQL that
// reads each of its columns); the connection's path() is the cache's real path. Nothing when
// it cannot be had: no cache folder, a folder or file that the workspace's file-safety rules
// refuse (not a regular file, a link, not ours, writable by others), a full disk, another
// process busy with it. Its writes never wait for another process: they fail at once (and
// are skipped) when it is busy. An empty `path` is no cache.
std::optional<Database> open_cache_file(const std::string& path, int version, const char* schema,
                                        const char* probe);

}  // namespace acm
