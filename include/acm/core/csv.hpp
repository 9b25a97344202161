#pragma once
// An RFC 4180 CSV reader for imports: quoted fields with doubled quotes, embedded
// newlines, CRLF or LF, a leading UTF-8 BOM, blank lines skipped. Reads through a
// buffer, one record at a time, so that a million-row file streams.
#include <istream>
#include <string>
#include <vector>

namespace acm {

class CsvReader {
public:
    explicit CsvReader(std::istream& in, char delimiter = ',');
    // The next record into `fields`; false at the end of the input. UsageError
    // "line N: unterminated quoted field" / "line N: unexpected text after a closing quote".
    bool next(std::vector<std::string>& fields);
    // The line on which the record last returned by next() began (1-based).
    int line() const { return record_line_; }

private:
    int get();  // next byte or -1
    int peek();
    std::istream& in_;
    char delimiter_;
    std::vector<char> buffer_;
    std::size_t position_ = 0, size_ = 0;
    int line_ = 1, record_line_ = 0;
    bool started_ = false;
};

}  // namespace acm
