#pragma once
// Standard output as acm writes it: buffered writes to a file descriptor that remember the
// first failure and its errno, so that a command can tell a reader that quit early (EPIPE)
// from a full disk or an I/O error, and never reports success for output that was lost.
#include <cerrno>
#include <streambuf>
#include <string>

namespace acm {

class FdOutput : public std::streambuf {
public:
    explicit FdOutput(int fd);
    FdOutput(const FdOutput&) = delete;
    FdOutput& operator=(const FdOutput&) = delete;
    ~FdOutput() override;

    // The errno of the first write that failed; 0 while every byte went out.
    int error() const { return error_; }

protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* data, std::streamsize size) override;
    int sync() override;

private:
    bool write_all(const char* data, std::size_t size);
    bool drain();

    int fd_;
    int error_ = 0;
    std::string buffer_;
};

// The output failure of `out`, if any: its FdOutput's errno, or EIO for another stream
// that failed; 0 when nothing was lost.
int output_error(std::ostream& out);

}  // namespace acm
