#pragma once
// The file-safety rules of acm's own files, in one place: the workspace and the files kept
// beside it (its cache), the config file, and the files backup and export -o replace.
#include <filesystem>
#include <string>

#include <sys/stat.h>

namespace acm {

// Who besides the user may own a file acm trusts. The workspace and its cache: the user only
// (files acm would create beside someone else's workspace lock its owner out). A file acm only
// reads, such as the config: root too, since root can change every file of the user anyway and
// so gains nothing, and system-managed configs (a dotfile manager's link into a root-owned
// store, a config an administrator provides) are root's.
enum class Owner { user, user_or_root };

// Creates the missing folders of `dir` with mode 0700.
void create_private_dirs(const std::filesystem::path& dir);
// What a file that is not a regular one is, for messages: "a FIFO", "a folder", "a device"…
const char* file_kind(const struct stat& st);
// RuntimeError unless `st` (of `path`) is a regular file, not a link, owned by the user (or by
// root, with Owner::user_or_root) and writable by nobody else; `what` names the file in the message.
void check_owned_file(const std::string& path, const struct stat& st, const std::string& what,
                      Owner owner = Owner::user);

}  // namespace acm
