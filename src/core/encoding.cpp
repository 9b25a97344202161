#include "acm/core/encoding.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <cerrno>
#include <streambuf>
#include <vector>

#include "acm/core/error.hpp"

namespace acm {

std::string detect_encoding(std::istream& in) {
    int first = in.peek();
    return first == 0xff || first == 0xfe ? "utf-16" : "utf-8";
}

namespace {

class Utf8Buffer : public std::streambuf {
public:
    Utf8Buffer(std::istream& in, std::string encoding) : in_(in), encoding_(std::move(encoding)) {}
    ~Utf8Buffer() override {
        if (cd_ != reinterpret_cast<iconv_t>(-1)) iconv_close(cd_);
    }

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        if (cd_ == reinterpret_cast<iconv_t>(-1)) open();
        while (true) {
            if (pending_ == 0 && !fill()) return traits_type::eof();
            char* from = in_buffer_.data() + start_;
            char* to = out_buffer_.data();
            std::size_t from_left = pending_, to_left = out_buffer_.size();
            std::size_t result = iconv(cd_, &from, &from_left, &to, &to_left);
            int error = errno;
            start_ += pending_ - from_left;
            pending_ = from_left;
            std::size_t produced = out_buffer_.size() - to_left;
            for (std::size_t i = 0; i < produced; ++i) lines_ += out_buffer_[i] == '\n';
            if (result == static_cast<std::size_t>(-1) && error == EILSEQ) invalid();
            // EINVAL: a character cut by the end of the chunk; it is completed by the next one.
            if (result == static_cast<std::size_t>(-1) && error == EINVAL && !more()) invalid();
            if (produced > 0) {
                setg(out_buffer_.data(), out_buffer_.data(), out_buffer_.data() + produced);
                return traits_type::to_int_type(*gptr());
            }
            if (result == static_cast<std::size_t>(-1) && error == EINVAL && !fill()) invalid();
        }
    }

private:
    void open() {
        std::string from = encoding_ == "utf-16"         ? "UTF-16LE"
                           : encoding_ == "latin1"       ? "ISO-8859-1"
                           : encoding_ == "windows-1252" ? "WINDOWS-1252"
                                                         : encoding_;
        if (encoding_ == "utf-16" && fill() && pending_ >= 2) {
            // The BOM decides the byte order and is not part of the text.
            auto first = static_cast<unsigned char>(in_buffer_[0]),
                 second = static_cast<unsigned char>(in_buffer_[1]);
            if (first == 0xfe && second == 0xff) from = "UTF-16BE";
            if ((first == 0xfe && second == 0xff) || (first == 0xff && second == 0xfe))
                start_ = 2, pending_ -= 2;
        }
        cd_ = iconv_open("UTF-8", from.c_str());
        if (cd_ == reinterpret_cast<iconv_t>(-1))
            throw RuntimeError(fmt::format("cannot convert from {}: iconv has no such encoding", encoding_));
    }
    // Appends the next chunk of the input after what is pending; false at its end.
    bool fill() {
        std::copy(in_buffer_.begin() + static_cast<long>(start_),
                  in_buffer_.begin() + static_cast<long>(start_ + pending_), in_buffer_.begin());
        start_ = 0;
        in_.read(in_buffer_.data() + pending_, static_cast<std::streamsize>(in_buffer_.size() - pending_));
        std::size_t got = static_cast<std::size_t>(in_.gcount());
        pending_ += got;
        return got > 0;
    }
    bool more() { return in_.peek() != EOF; }
    [[noreturn]] void invalid() const {
        throw UsageError(
            fmt::format("line {}: the file is not valid {} (set encoding in a rules file: utf-8, utf-16, "
                        "latin1 or windows-1252)",
                        lines_ + 1, encoding_));
    }

    std::istream& in_;
    std::string encoding_;
    iconv_t cd_ = reinterpret_cast<iconv_t>(-1);
    std::vector<char> in_buffer_ = std::vector<char>(1 << 16), out_buffer_ = std::vector<char>(1 << 18);
    std::size_t start_ = 0, pending_ = 0;
    std::size_t lines_ = 0;
};

// An istream that owns its buffer; a conversion error leaves it by exception (badbit), so
// that the reader of the stream sees the error rather than a short file.
class Utf8Stream : public std::istream {
public:
    Utf8Stream(std::istream& in, const std::string& encoding) : std::istream(nullptr), buffer_(in, encoding) {
        rdbuf(&buffer_);
        exceptions(std::ios::badbit);
    }

private:
    Utf8Buffer buffer_;
};

}  // namespace

std::unique_ptr<std::istream> utf8_input(std::istream& in, const std::string& encoding) {
    return std::make_unique<Utf8Stream>(in, encoding);
}

}  // namespace acm
