#include "acm/core/csv.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"

namespace acm {

// "both , and ;": the candidate delimiters a header line has.
static std::string join_words_of(std::size_t commas, std::size_t semicolons, std::size_t tabs) {
    std::vector<std::string> found;
    if (commas) found.emplace_back("\",\"");
    if (semicolons) found.emplace_back("\";\"");
    if (tabs) found.emplace_back("tabs");
    return "both " + join_words(found, "and");
}

CsvReader::CsvReader(std::istream& in, char delimiter) : CsvReader(in, CsvFormat{delimiter}) {}

CsvReader::CsvReader(std::istream& in, const CsvFormat& format) : in_(in), format_(format), buffer_(1 << 16) {}

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

char CsvReader::detect_delimiter() {
    // The header line, whole in the buffer: what is left moves to the front, more is read.
    std::copy(buffer_.begin() + static_cast<long>(position_), buffer_.begin() + static_cast<long>(size_),
              buffer_.begin());
    size_ -= position_;
    position_ = 0;
    auto has_newline = [&] { return std::find(buffer_.begin(), buffer_.begin() + static_cast<long>(size_), '\n') !=
                                    buffer_.begin() + static_cast<long>(size_); };
    while (size_ < buffer_.size() && !has_newline()) {
        in_.read(buffer_.data() + size_, static_cast<std::streamsize>(buffer_.size() - size_));
        if (in_.gcount() == 0) break;
        size_ += static_cast<std::size_t>(in_.gcount());
    }
    std::size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < size_ && (quoted || (buffer_[i] != '\n' && buffer_[i] != '\r')); ++i) {
        char c = buffer_[i];
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        commas += c == ',';
        semicolons += c == ';';
        tabs += c == '\t';
    }
    int kinds = (commas > 0) + (semicolons > 0) + (tabs > 0);
    if (kinds > 1)
        throw UsageError(fmt::format("line {}: the header has {} (set delimiter in a rules file, --rules)", line_,
                                     join_words_of(commas, semicolons, tabs)));
    return semicolons ? ';' : tabs ? '\t' : ',';
}

void CsvReader::start() {
    started_ = true;
    for (int skipped = 0; skipped < format_.skip_lines && peek() >= 0; ++skipped)
        while (true) {
            int c = get();
            if (c < 0 || c == '\n' || (c == '\r' && peek() != '\n')) break;
        }
    if (format_.delimiter == 0) format_.delimiter = detect_delimiter();
}

bool CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    if (ended_) return false;
    if (!started_) {
        // A UTF-8 byte order mark, as spreadsheet exports write it.
        // Only bytes that match the BOM are taken: anything else (a delimiter, a quote, a
        // newline) is left for the record's own parsing.
        static constexpr unsigned char bom[] = {0xef, 0xbb, 0xbf};
        std::string taken;
        while (taken.size() < 3 && peek() == bom[taken.size()]) taken += static_cast<char>(get());
        if (!taken.empty() && taken.size() < 3) {
            // Not a BOM: keep the bytes as the start of the first field.
            started_ = true;
            fields.push_back(taken);
        } else {
            start();
        }
    }
    // Skip blank lines between records; with end_at_blank_line, one after the header ends the
    // data (a report's footer follows).
    bool blank = false;
    while (fields.empty() && (peek() == '\n' || peek() == '\r')) {
        get();
        blank = true;
    }
    if (blank && format_.end_at_blank_line && record_line_ > 0) {
        ended_ = true;
        return false;
    }
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
                    if (after >= 0 && after != format_.delimiter && after != '\n' && after != '\r')
                        throw UsageError(fmt::format("line {}: unexpected text after a closing quote", line_));
                }
            } else {
                field += static_cast<char>(c);
            }
        } else if (c == '"' && field.empty()) {
            quoted = true;
        } else if (c == format_.delimiter) {
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
