#pragma once
// A new private file (mode 0600) for backups and exports: written under a temporary
// name in the same folder and moved into place only when complete, so that `path`
// never holds a half-written file and an existing file is replaced only on request, and
// only when it is a regular file. Temporary files that killed runs left beside `path` are
// removed by the next one.
#include <string>

namespace acm {

class PrivateFile {
public:
    // RuntimeError when `path` exists and not `overwrite`, or is not a regular file (checked
    // again by commit).
    PrivateFile(std::string path, bool overwrite);
    PrivateFile(const PrivateFile&) = delete;
    PrivateFile& operator=(const PrivateFile&) = delete;
    // Removes the temporary file (and a journal SQLite left beside it) unless committed.
    ~PrivateFile();

    // Where to write: an empty file, mode 0600.
    const std::string& temp_path() const { return temp_; }
    // Moves the temporary file to `path`.
    void commit();

private:
    std::string path_, temp_;
    bool overwrite_;
    bool done_ = false;
};

}  // namespace acm
