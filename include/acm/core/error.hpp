#pragma once
// Errors carry the exit status (acm(1), EXIT STATUS) and the one-line message that main prints
// as "acm: error: <message>".
#include <stdexcept>
#include <string>

namespace acm {

enum ExitStatus : int { exit_ok = 0, exit_runtime = 1, exit_usage = 2 };

class Error : public std::runtime_error {
public:
    Error(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }

private:
    int status_;
};

// An invalid flag, argument or value: exit status 2.
struct UsageError : Error {
    explicit UsageError(const std::string& message) : Error(exit_usage, message) {}
};

// The command could not be carried out (not found, conflict, workspace problem): exit status 1.
struct RuntimeError : Error {
    explicit RuntimeError(const std::string& message) : Error(exit_runtime, message) {}
};

// Standard output could not be written; `error` is the errno (EPIPE: the reader quit early).
class OutputFailed : public RuntimeError {
public:
    explicit OutputFailed(int error);
    int error() const { return error_; }

private:
    int error_;
};

}  // namespace acm
