#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <iostream>

#include "acm/cli/app.hpp"
#include "acm/core/fd_output.hpp"

int main(int argc, char** argv) {
    // Under a file size limit (ulimit -f) a write past it raises SIGXFSZ, which would kill acm
    // in the middle of a transaction with no message; ignored, the write fails with EFBIG and
    // acm reports it and rolls back like any other full disk.
    std::signal(SIGXFSZ, SIG_IGN);
    // Everything acm creates (the workspace, its -wal and -shm, SQLite's temporary files, the
    // config file) is private, whatever the caller's umask.
    ::umask(077);
    // A reader that quit early (`acm account list | head`) is seen as EPIPE on the next write,
    // not as a signal that kills acm: acm then stops quietly, and a command whose output is
    // its effect (renewal remind) knows what was not delivered.
    std::signal(SIGPIPE, SIG_IGN);
    std::ios::sync_with_stdio(false);
    // Results go through FdOutput, which keeps the errno of a failed write (std::cout does not).
    acm::FdOutput stdout_buffer(STDOUT_FILENO);
    std::ostream out(&stdout_buffer);
    return acm::run_cli(argc, argv, out, std::cerr);
}
