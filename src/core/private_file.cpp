#include "acm/core/private_file.hpp"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "acm/core/error.hpp"

namespace acm {

static std::string exists_message(const std::string& path) {
    return fmt::format("{} already exists; give --force to replace it", path);
}

PrivateFile::PrivateFile(std::string path, bool overwrite) : path_(std::move(path)), overwrite_(overwrite) {
    struct stat st {};
    if (!overwrite_ && ::lstat(path_.c_str(), &st) == 0) throw RuntimeError(exists_message(path_));
    std::filesystem::path target(path_);
    std::string folder = target.parent_path().empty() ? "." : target.parent_path().string();
    std::string pattern = folder + "/." + target.filename().string() + ".tmp-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    // mkstemp creates the file with mode 0600 and O_EXCL.
    int fd = ::mkstemp(name.data());
    if (fd < 0) throw RuntimeError(fmt::format("cannot create {}: {}", path_, std::strerror(errno)));
    ::close(fd);
    temp_ = name.data();
}

PrivateFile::~PrivateFile() {
    if (!done_) ::unlink(temp_.c_str());
}

void PrivateFile::commit() {
    if (overwrite_) {
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
