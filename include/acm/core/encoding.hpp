#pragma once
// Text in another encoding than UTF-8, read as UTF-8 through glibc's iconv: imports convert
// before the CSV reader, which reads UTF-8 only.
#include <istream>
#include <memory>
#include <string>

namespace acm {

// The encoding a file's first byte shows: "utf-16" for a UTF-16 byte order mark (0xFF or
// 0xFE, which never start UTF-8 text), else "utf-8". Consumes nothing.
std::string detect_encoding(std::istream& in);

// `in` read as `encoding` (utf-16, latin1, windows-1252), streamed in chunks, as UTF-8.
// UTF-16 takes its byte order from the BOM, little-endian without one (as Windows writes
// it). Bytes that are not valid in the encoding throw UsageError from the read: "line N:
// the file is not valid windows-1252 (set encoding in a rules file …)".
std::unique_ptr<std::istream> utf8_input(std::istream& in, const std::string& encoding);

}  // namespace acm
