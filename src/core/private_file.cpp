#include "acm/core/private_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/core/file_safety.hpp"

namespace acm {

static std::string exists_message(const std::string& path) {
    return fmt::format("{} already exists; give --force to replace it", path);
}

// --force replaces a regular file only: renaming over a FIFO, a device or a link would put
// customer data where a reader, a device or another file was expected.
static void check_replaceable(const std::string& path, bool overwrite) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return;
    if (!overwrite) throw RuntimeError(exists_message(path));
    if (!S_ISREG(st.st_mode))
        throw RuntimeError(fmt::format("{} is not a regular file ({}); --force replaces only a regular file", path,
                                       file_kind(st)));
}

// The temporary files of `filename` are ".FILENAME.tmp-PID-XXXXXX" (and SQLite's
// "-journal" beside one): the PID says whether the run that made it is still alive.
static std::string temp_prefix(const std::string& filename) { return "." + filename + ".tmp-"; }

// Removes what runs that were killed left beside `path`: their temporary copies of customer
// data. A file of a run still alive (its PID exists), or not ours, is left alone.
static void remove_leftovers(const std::string& folder, const std::string& filename) {
    std::string prefix = temp_prefix(filename);
    DIR* dir = ::opendir(folder.c_str());
    if (!dir) return;
    std::vector<std::string> stale;
    while (dirent* entry = ::readdir(dir)) {
        std::string_view name(entry->d_name);
        if (!name.starts_with(prefix)) continue;
        std::string_view rest = name.substr(prefix.size());
        pid_t pid = 0;
        auto dash = rest.find('-');
        if (dash != std::string_view::npos && dash > 0) {
            for (char c : rest.substr(0, dash)) {
                if (c < '0' || c > '9' || pid > 100000000) {
                    pid = -1;
                    break;
                }
                pid = pid * 10 + (c - '0');
            }
        }
        // Without a PID: made by an acm before PIDs were in the name, long finished.
        if (pid > 0 && (::kill(pid, 0) == 0 || errno != ESRCH)) continue;
        stale.emplace_back(name);
    }
    ::closedir(dir);
    for (const auto& name : stale) {
        std::string file = folder + "/" + name;
        struct stat st {};
        if (::lstat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid())
            ::unlink(file.c_str());
    }
}

PrivateFile::PrivateFile(std::string path, bool overwrite) : path_(std::move(path)), overwrite_(overwrite) {
    check_replaceable(path_, overwrite_);
    std::filesystem::path target(path_);
    std::string folder = target.parent_path().empty() ? "." : target.parent_path().string();
    std::string filename = target.filename().string();
    remove_leftovers(folder, filename);
    std::string pattern = fmt::format("{}/{}{}-XXXXXX", folder, temp_prefix(filename), ::getpid());
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    // mkstemp creates the file with mode 0600 and O_EXCL.
    int fd = ::mkstemp(name.data());
    if (fd < 0) throw RuntimeError(fmt::format("cannot create {}: {}", path_, std::strerror(errno)));
    ::close(fd);
    temp_ = name.data();
}

PrivateFile::~PrivateFile() {
    if (done_) return;
    ::unlink(temp_.c_str());
    ::unlink((temp_ + "-journal").c_str());
}

void PrivateFile::commit() {
    // On disk before it has the name: a crash after the rename never leaves an empty file.
    int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        int error = errno;
        if (fd >= 0) ::close(fd);
        throw RuntimeError(fmt::format("cannot write {}: {}", path_, std::strerror(error)));
    }
    ::close(fd);
    if (overwrite_) {
        check_replaceable(path_, overwrite_);  // again: it may have been replaced meanwhile
        if (::rename(temp_.c_str(), path_.c_str()) != 0)
            throw RuntimeError(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
    } else {
        // link() fails when `path` appeared meanwhile: never replace a file that was not ours.
        if (::link(temp_.c_str(), path_.c_str()) != 0) {
            if (errno == EEXIST) throw RuntimeError(exists_message(path_));
            throw RuntimeError(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
        }
        ::unlink(temp_.c_str());
    }
    done_ = true;
}

}  // namespace acm
