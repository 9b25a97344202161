#pragma once
// An RFC 4180 CSV reader for imports: quoted fields with doubled quotes, embedded
// newlines, CRLF or LF, a leading UTF-8 BOM, blank lines skipped. Reads through a
// buffer, one record at a time, so that a million-row file streams.
#include <istream>
#include <string>
#include <vector>

namespace acm {

// How a file is laid out around its records (an import's rules file says so).
struct CsvFormat {
    char delimiter = ',';            // 0: detected from the header line among , ; and TAB
    int skip_lines = 0;              // lines before the header (a report's title), skipped as they are
    bool end_at_blank_line = false;  // a blank line after the first record ends the data
};

class CsvReader {
public:
    explicit CsvReader(std::istream& in, char delimiter = ',');
    // UsageError, at the first next(), when the delimiter is to be detected and the header
    // line has more than one of the candidates.
    CsvReader(std::istream& in, const CsvFormat& format);
    // The next record into `fields`; false at the end of the input. UsageError
    // "line N: unterminated quoted field" / "line N: unexpected text after a closing quote".
    bool next(std::vector<std::string>& fields);
    // The line on which the record last returned by next() began (1-based).
    int line() const { return record_line_; }

    char delimiter() const { return format_.delimiter; }

private:
    void start();  // the BOM, the lines to skip, the delimiter
    char detect_delimiter();
    int get();  // next byte or -1
    int peek();
    std::istream& in_;
    CsvFormat format_;
    bool ended_ = false;
    std::vector<char> buffer_;
    std::size_t position_ = 0, size_ = 0;
    int line_ = 1, record_line_ = 0;
    bool started_ = false;
};

}  // namespace acm
