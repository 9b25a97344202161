#include <sys/stat.h>

#include <csignal>
#include <iostream>

#include "acm/cli/context.hpp"

int main(int argc, char** argv) {
    // Under a file size limit (ulimit -f) a write past it raises SIGXFSZ, which would kill acm
    // in the middle of a transaction with no message; ignored, the write fails with EFBIG and
    // acm reports it and rolls back like any other full disk.
    std::signal(SIGXFSZ, SIG_IGN);
    // Everything acm creates (the workspace, its -wal and -shm, SQLite's temporary files, the
    // config file) is private, whatever the caller's umask.
    ::umask(077);
    // Results are written through std::cout in large chunks; no need to sync with stdio.
    std::ios::sync_with_stdio(false);
    return acm::run_cli(argc, argv, std::cout, std::cerr);
}
