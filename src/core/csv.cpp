#include "acm/core/csv.hpp"

#include <fmt/format.h>

#include "acm/core/error.hpp"

namespace acm {

CsvReader::CsvReader(std::istream& in, char delimiter) : in_(in), delimiter_(delimiter), buffer_(1 << 16) {}

int CsvReader::peek() {
    if (position_ == size_) {
        in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        size_ = static_cast<std::size_t>(in_.gcount());
        position_ = 0;
        if (size_ == 0) return -1;
    }
    return static_cast<unsigned char>(buffer_[position_]);
}

int CsvReader::get() {
    int c = peek();
    if (c >= 0) ++position_;
    // A line ends with LF, CRLF or a lone CR (old Mac exports): count each once.
    if (c == '\n' || (c == '\r' && peek() != '\n')) ++line_;
    return c;
}

bool CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    if (!started_) {
        started_ = true;
        // A UTF-8 byte order mark, as spreadsheet exports write it.
        // Only bytes that match the BOM are taken: anything else (a delimiter, a quote, a
        // newline) is left for the record's own parsing.
        static constexpr unsigned char bom[] = {0xef, 0xbb, 0xbf};
        std::string taken;
        while (taken.size() < 3 && peek() == bom[taken.size()]) taken += static_cast<char>(get());
        if (!taken.empty() && taken.size() < 3) {
            // Not a BOM: keep the bytes as the start of the first field.
            fields.push_back(taken);
        }
    }
    // Skip blank lines between records.
    while (fields.empty() && (peek() == '\n' || peek() == '\r')) get();
    if (peek() < 0 && fields.empty()) return false;
    record_line_ = line_;

    std::string field = fields.empty() ? std::string() : std::move(fields.back());
    fields.clear();
    bool quoted = false;
    while (true) {
        int c = get();
        if (c < 0) {
            if (quoted) throw UsageError(fmt::format("line {}: unterminated quoted field", record_line_));
            fields.push_back(std::move(field));
            return true;
        }
        if (quoted) {
            if (c == '"') {
                if (peek() == '"') {
                    field += static_cast<char>(get());
                } else {
                    quoted = false;
                    int after = peek();
                    if (after >= 0 && after != delimiter_ && after != '\n' && after != '\r')
                        throw UsageError(fmt::format("line {}: unexpected text after a closing quote", line_));
                }
            } else {
                field += static_cast<char>(c);
            }
        } else if (c == '"' && field.empty()) {
            quoted = true;
        } else if (c == delimiter_) {
            fields.push_back(std::move(field));
            field.clear();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && peek() == '\n') get();
            fields.push_back(std::move(field));
            return true;
        } else {
            field += static_cast<char>(c);
        }
    }
}

}  // namespace acm
