#pragma once
// Reading JSON that acm did not write (acm import FILE.json takes any file): a pull reader
// that takes a document token by token, so that a large file never sits in memory, and a
// small value type for a document or a part of one read whole. The grammar is strict
// JSON: UTF-8 text, no comments, no trailing commas, no leading zeros, no NaN.
// Writing JSON is output/'s job (json_string in acm/output/escape.hpp).
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "acm/core/error.hpp"

namespace acm {

// A JSON value. Numbers without a fraction or an exponent are integers (exact, as SQLite
// stores them); the others are doubles, where 1e999 reads as infinity, which acm's export
// writes for an infinite real. Members of an object keep their order and duplicates.
struct JsonMember;
struct JsonValue {
    using Array = std::vector<JsonValue>;
    using Object = std::vector<JsonMember>;  // not std::pair: a pair of an incomplete type
    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> data;

    // The first member named `key` of an object; null for a missing member or not an object.
    const JsonValue* find(std::string_view key) const;
    bool operator==(const JsonValue&) const;
};
struct JsonMember {
    std::string key;
    JsonValue value;
    bool operator==(const JsonMember& other) const { return key == other.key && value == other.value; }
};

// What an untrusted document may make the reader hold or do. Every limit is an error
// naming it, never a crash: nesting is read by recursion, so depth bounds the stack.
struct JsonLimits {
    std::size_t max_depth = 64;                   // arrays and objects inside one another
    std::size_t max_string_bytes = 16 << 20;      // one string, its escapes decoded
    std::size_t max_number_chars = 256;           // one number as written
    std::size_t max_document_bytes = 64 << 20;    // the whole document
};

// Malformed or too large input (exit status 2). what() is "line L, column C: REASON";
// REASON says what was found and what was expected. Lines and columns count from 1,
// columns in bytes; offset() counts bytes from 0.
class JsonError : public UsageError {
public:
    JsonError(std::string reason, std::size_t line, std::size_t column, std::size_t offset);
    const std::string& reason() const { return reason_; }
    std::size_t line() const { return line_; }
    std::size_t column() const { return column_; }
    std::size_t offset() const { return offset_; }

private:
    std::string reason_;
    std::size_t line_, column_, offset_;
};

// Reads one document from a stream, a token at a time. The caller walks the structure it
// expects with expect() and more(), and reads leaves with string(), number(), literal(),
// or a whole subtree with value(). Every method throws JsonError on bad input.
class JsonReader {
public:
    explicit JsonReader(std::streambuf& in, JsonLimits limits = {});
    explicit JsonReader(std::istream& in, JsonLimits limits = {});

    // The next byte that is not white space, not consumed; EOF (-1) at the end.
    int peek();
    // Consumes `wanted` after any white space: "expected '{', found '['".
    void expect(char wanted);
    // Between the members of an object or the elements of an array: true when one more
    // follows (consuming the ',' before it), false when `end` closes (consumed). `first` is
    // the caller's, true before the first member.
    bool more(char end, bool& first);
    // The end of the input, after white space: "expected the end of the document, found …".
    void expect_end();

    std::string string();
    JsonValue number();                   // an integer or a double, as JsonValue says
    void literal(std::string_view word);  // null, true or false
    JsonValue value();                    // any value, nested at most max_depth deep

    // Throws JsonError at the current position (the next byte not yet read), for the
    // caller's own rules ("no table 'nope'").
    [[noreturn]] void fail(const std::string& reason) const;
    // fail("expected EXPECTED, found X"), X being the next byte (peek()).
    [[noreturn]] void unexpected(std::string_view expected);
    // A byte as errors name it: 'x', byte 0xff, or the end of the file.
    static std::string describe(int c);

    std::size_t line() const { return line_; }

private:
    struct Position {
        std::size_t line, column, offset;
    };
    Position position() const { return {line_, offset_ - line_start_ + 1, offset_}; }
    [[noreturn]] void fail_at(Position where, const std::string& reason) const;
    int bump();  // consumes one byte
    unsigned hex4();
    unsigned code_point(Position escape);
    void utf8_sequence(std::string& text, int first);
    JsonValue value(std::size_t depth);

    std::streambuf& in_;
    JsonLimits limits_;
    std::size_t line_ = 1, line_start_ = 0, offset_ = 0;
};

// A whole document held in memory: the value, and nothing but white space after it.
JsonValue parse_json(std::string_view text, JsonLimits limits = {});

}  // namespace acm
