#include "acm/core/fd_output.hpp"

#include <poll.h>
#include <unistd.h>

#include <ostream>

namespace acm {

namespace {
constexpr std::size_t buffer_size = 64 * 1024;
}

FdOutput::FdOutput(int fd) : fd_(fd) {
    buffer_.resize(buffer_size);
    setp(buffer_.data(), buffer_.data() + buffer_.size());
}

FdOutput::~FdOutput() { drain(); }

bool FdOutput::write_all(const char* data, std::size_t size) {
    while (size > 0 && error_ == 0) {
        ssize_t written = ::write(fd_, data, size);
        if (written < 0) {
            if (errno == EINTR) continue;
            // A non-blocking pipe whose reader is slow: wait for room, as a blocking one would.
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                pollfd ready{fd_, POLLOUT, 0};
                if (::poll(&ready, 1, -1) >= 0 || errno == EINTR) continue;
            }
            error_ = errno;
        } else {
            data += written;
            size -= static_cast<std::size_t>(written);
        }
    }
    return error_ == 0;
}

// Writes what is buffered. After a failure everything is dropped: the stream reports the
// failure and the rest of the output has nowhere to go.
bool FdOutput::drain() {
    bool ok = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return ok;
}

FdOutput::int_type FdOutput::overflow(int_type ch) {
    if (!drain()) return traits_type::eof();
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
    return ch;
}

std::streamsize FdOutput::xsputn(const char* data, std::streamsize size) {
    if (error_ != 0) return 0;
    auto room = epptr() - pptr();
    if (size <= room) {
        traits_type::copy(pptr(), data, static_cast<std::size_t>(size));
        pbump(static_cast<int>(size));
        return size;
    }
    // Larger than what is left: out with the buffer, then the data itself.
    if (!drain() || !write_all(data, static_cast<std::size_t>(size))) return 0;
    return size;
}

int FdOutput::sync() { return drain() ? 0 : -1; }

int output_error(std::ostream& out) {
    out.flush();
    if (auto* fd_output = dynamic_cast<FdOutput*>(out.rdbuf()); fd_output && fd_output->error() != 0)
        return fd_output->error();
    return out ? 0 : EIO;
}

}  // namespace acm
