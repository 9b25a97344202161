#include "acm/core/file_safety.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "acm/core/error.hpp"

namespace acm {

namespace fs = std::filesystem;

void create_private_dirs(const fs::path& dir) {
    if (dir.empty() || fs::exists(dir)) return;
    create_private_dirs(dir.parent_path());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        throw RuntimeError(fmt::format("cannot create folder {}: {}", dir.string(), std::strerror(errno)));
}

const char* file_kind(const struct stat& st) {
    if (S_ISREG(st.st_mode)) return "a regular file";
    if (S_ISLNK(st.st_mode)) return "a symbolic link";
    if (S_ISDIR(st.st_mode)) return "a folder";
    if (S_ISFIFO(st.st_mode)) return "a FIFO";
    if (S_ISSOCK(st.st_mode)) return "a socket";
    return "a device";
}

// The file-safety policy (README "Guarantees", man acm-workspace): a workspace is a regular file
// that is not a symbolic link, is owned by the user running acm and is writable by nobody else,
// and so are its -wal and -shm files when they exist. Why:
// - a link in a shared or synced folder can be swapped to point acm's writes at another file,
//   and SQLite would keep PATH-wal beside the link, not the target, so that copying or moving
//   the target loses committed writes; the real path avoids both;
// - opening someone else's workspace would create -wal/-shm files owned by us that lock its
//   owner out, and a -wal planted by another user would be replayed into our data as if we had
//   written it;
// - a workspace that others may write can be changed behind every audit record.
// Root gets no exception there: the files it would create would still lock the owner out.
// The config file is held to the same rules, checked on its open descriptor (see Owner).
void check_owned_file(const std::string& path, const struct stat& st, const std::string& what, Owner owner) {
    if (S_ISLNK(st.st_mode))
        throw RuntimeError(fmt::format("{} {} is a symbolic link; acm opens a workspace only by its real path",
                                       what, path));
    if (!S_ISREG(st.st_mode))
        throw RuntimeError(fmt::format("{} {} is not a regular file ({}); acm opens only a regular file", what, path,
                                       file_kind(st)));
    bool root_allowed = owner == Owner::user_or_root && st.st_uid == 0;
    if (st.st_uid != ::geteuid() && !root_allowed)
        throw RuntimeError(fmt::format("{} {} is owned by uid {}, not by you (uid {}){}; acm opens only your own {}{}",
                                       what, path, st.st_uid, ::geteuid(),
                                       owner == Owner::user_or_root ? " or root" : "", what,
                                       owner == Owner::user_or_root ? " or root's" : ""));
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        throw RuntimeError(fmt::format("{} {} is writable by other users (mode {:04o}); make it private: chmod 600 {}",
                                       what, path, st.st_mode & 07777, path));
}

}  // namespace acm
