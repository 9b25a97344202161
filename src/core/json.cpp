#include "acm/core/json.hpp"

#include <charconv>
#include <cstdlib>
#include <istream>
#include <streambuf>

#include <fmt/format.h>

namespace acm {

namespace {

constexpr int end_of_input = std::char_traits<char>::eof();

bool is_digit(int c) { return c >= '0' && c <= '9'; }

// The characters a number is read up to, so that "1.2.3" or "01" is named whole in the
// error rather than cut where the grammar first fails.
bool is_number_char(int c) { return is_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; }

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view text) {
    std::size_t i = 0, n = text.size();
    auto digits = [&] {
        std::size_t start = i;
        while (i < n && is_digit(text[i])) ++i;
        return i > start;
    };
    if (i < n && text[i] == '-') ++i;
    if (i < n && text[i] == '0') ++i;
    else if (!digits()) return false;
    if (i < n && text[i] == '.' && (++i, !digits())) return false;
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == n;
}

void append_utf8(std::string& text, unsigned code) {
    auto byte = [&](unsigned value) { text += static_cast<char>(value); };
    if (code < 0x80) {
        byte(code);
    } else if (code < 0x800) {
        byte(0xc0 | (code >> 6)), byte(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
        byte(0xe0 | (code >> 12)), byte(0x80 | ((code >> 6) & 0x3f)), byte(0x80 | (code & 0x3f));
    } else {
        byte(0xf0 | (code >> 18)), byte(0x80 | ((code >> 12) & 0x3f)), byte(0x80 | ((code >> 6) & 0x3f));
        byte(0x80 | (code & 0x3f));
    }
}

// A read-only stream over text in memory, without a copy of it.
class ViewBuffer : public std::streambuf {
public:
    explicit ViewBuffer(std::string_view text) {
        char* begin = const_cast<char*>(text.data());  // never written: no putback, no output
        setg(begin, begin, begin + text.size());
    }
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const {
    if (auto* object = std::get_if<Object>(&data))
        for (const auto& member : *object)
            if (member.key == key) return &member.value;
    return nullptr;
}

// Written out: clang 14 crashes on a defaulted == of a type that holds itself.
bool JsonValue::operator==(const JsonValue& other) const { return data == other.data; }

JsonError::JsonError(std::string reason, std::size_t line, std::size_t column, std::size_t offset)
    : UsageError(fmt::format("line {}, column {}: {}", line, column, reason)),
      reason_(std::move(reason)),
      line_(line),
      column_(column),
      offset_(offset) {}

JsonReader::JsonReader(std::streambuf& in, JsonLimits limits) : in_(in), limits_(limits) {}
JsonReader::JsonReader(std::istream& in, JsonLimits limits) : in_(*in.rdbuf()), limits_(limits) {}

void JsonReader::fail_at(Position where, const std::string& reason) const {
    throw JsonError(reason, where.line, where.column, where.offset);
}
void JsonReader::fail(const std::string& reason) const { fail_at(position(), reason); }
void JsonReader::unexpected(std::string_view expected) {
    int c = peek();
    fail(fmt::format("expected {}, found {}", expected, describe(c)));
}

std::string JsonReader::describe(int c) {
    if (c == end_of_input) return "the end of the file";
    if (c >= 0x20 && c < 0x7f) return fmt::format("'{}'", static_cast<char>(c));
    return fmt::format("byte {:#04x}", c & 0xff);
}

int JsonReader::bump() {
    int c = in_.sbumpc();
    if (c == end_of_input) return c;
    if (offset_ == limits_.max_document_bytes)
        fail(fmt::format("the document is longer than {} bytes (expected at most that)", limits_.max_document_bytes));
    ++offset_;
    return c;
}

int JsonReader::peek() {
    for (;;) {
        int c = in_.sgetc();
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return c;
        bump();
        if (c == '\n') ++line_, line_start_ = offset_;
    }
}

void JsonReader::expect(char wanted) {
    int c = peek();
    if (c != static_cast<unsigned char>(wanted)) fail(fmt::format("expected '{}', found {}", wanted, describe(c)));
    bump();
}

bool JsonReader::more(char end, bool& first) {
    if (peek() == end) {
        bump();
        return false;
    }
    if (!first) expect(',');
    first = false;
    return true;
}

void JsonReader::expect_end() {
    if (peek() != end_of_input) unexpected("the end of the document");
}

std::string JsonReader::string() {
    expect('"');
    std::string text;
    for (;;) {
        if (text.size() > limits_.max_string_bytes)
            fail(fmt::format("a string longer than {} bytes (expected at most that)", limits_.max_string_bytes));
        Position at = position();
        int c = bump();
        if (c == end_of_input) fail("the file ends inside a string");
        if (c == '"') return text;
        if (c < 0x20) fail_at(at, "a control character inside a string (expected it escaped)");
        if (c >= 0x80) {
            utf8_sequence(text, c);
        } else if (c != '\\') {
            text += static_cast<char>(c);
        } else {
            switch (c = bump()) {
                case '"': case '\\': case '/': text += static_cast<char>(c); break;
                case 'b': text += '\b'; break;
                case 'f': text += '\f'; break;
                case 'n': text += '\n'; break;
                case 'r': text += '\r'; break;
                case 't': text += '\t'; break;
                case 'u': append_utf8(text, code_point(at)); break;
                case end_of_input: fail("the file ends inside a string");
                default:
                    fail_at(at, fmt::format("an invalid escape in a string: {} after '\\' (expected one of "
                                            "\" \\ / b f n r t u)",
                                            describe(c)));
            }
        }
    }
}

// The rest of a UTF-8 sequence that begins with `first` (0x80 or more), checked as
// is_valid_utf8 checks text: no overlong forms, no surrogates, nothing past U+10FFFF.
void JsonReader::utf8_sequence(std::string& text, int first) {
    Position at{line_, offset_ - line_start_, offset_ - 1};  // the first byte, already read
    // The range of the second byte depends on the first; the others are 0x80-0xbf.
    int length = 0, low = 0x80, high = 0xbf;
    if (first >= 0xc2 && first <= 0xdf) length = 2;
    else if (first >= 0xe0 && first <= 0xef) length = 3, low = first == 0xe0 ? 0xa0 : 0x80, high = first == 0xed ? 0x9f : 0xbf;
    else if (first >= 0xf0 && first <= 0xf4) length = 4, low = first == 0xf0 ? 0x90 : 0x80, high = first == 0xf4 ? 0x8f : 0xbf;
    text += static_cast<char>(first);
    for (int i = 1; i < length; ++i) {
        int c = in_.sgetc();
        if (c < (i == 1 ? low : 0x80) || c > (i == 1 ? high : 0xbf)) {
            length = 0;
            break;
        }
        text += static_cast<char>(bump());
    }
    if (length == 0)
        fail_at(at, fmt::format("a string that is not valid UTF-8 (byte {:#04x} begins no UTF-8 character "
                                "here; expected UTF-8 text)",
                                first));
}

unsigned JsonReader::hex4() {
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
        int c = bump();
        int digit = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
        if (digit < 0) fail("an invalid \\u escape (expected 4 hex digits)");
        value = value * 16 + static_cast<unsigned>(digit);
    }
    return value;
}

// A \u escape after its "\u"; a UTF-16 surrogate pair is two escapes, one code point.
unsigned JsonReader::code_point(Position escape) {
    const char* lone = "a lone surrogate in a \\u escape (expected \\uD800-\\uDBFF followed by \\uDC00-\\uDFFF)";
    unsigned code = hex4();
    if (code >= 0xd800 && code < 0xdc00) {
        if (bump() != '\\' || bump() != 'u') fail_at(escape, lone);
        unsigned low = hex4();
        if (low < 0xdc00 || low > 0xdfff) fail_at(escape, lone);
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
    } else if (code >= 0xdc00 && code <= 0xdfff) {
        fail_at(escape, lone);
    }
    return code;
}

JsonValue JsonReader::number() {
    peek();
    Position at = position();
    std::string text;
    for (int c = in_.sgetc(); is_number_char(c); c = in_.sgetc()) {
        if (text.size() == limits_.max_number_chars)
            fail_at(at, fmt::format("a number longer than {} characters (expected at most that)",
                                    limits_.max_number_chars));
        text += static_cast<char>(bump());
    }
    if (!is_json_number(text))
        fail_at(at, fmt::format("{} is not a valid number (expected digits with an optional '-', fraction and "
                                "exponent, e.g. -12, 0.5 or 1e-7)",
                                text.empty() ? describe(in_.sgetc()) : text));
    if (text.find_first_of(".eE") == std::string::npos) {
        std::int64_t value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc() && end == text.data() + text.size()) return {value};
        fail_at(at, fmt::format("{} is out of range (expected an integer from {} to {})", text,
                                std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()));
    }
    // The grammar is checked, so strtod takes the whole text; acm never changes the C
    // locale, whose '.' it reads. Out of range: infinity or zero, as the export expects.
    return {std::strtod(text.c_str(), nullptr)};
}

void JsonReader::literal(std::string_view word) {
    peek();
    Position at = position();
    for (char wanted : word)
        if (bump() != wanted) fail_at(at, fmt::format("expected {}", word));
}

JsonValue JsonReader::value() { return value(0); }

JsonValue JsonReader::value(std::size_t depth) {
    int c = peek();
    if (c == '"') return {string()};
    if (c == '-' || is_digit(c)) return number();
    if (c == 'n' || c == 't' || c == 'f') {
        std::string_view word = c == 'n' ? "null" : c == 't' ? "true" : "false";
        literal(word);
        return c == 'n' ? JsonValue{nullptr} : JsonValue{c == 't'};
    }
    if (c == '[' || c == '{') {
        if (depth == limits_.max_depth)
            fail(fmt::format("arrays and objects nested more than {} deep (expected at most that)", limits_.max_depth));
        bump();
        bool first = true;
        if (c == '[') {
            JsonValue::Array array;
            while (more(']', first)) array.push_back(value(depth + 1));
            return {std::move(array)};
        }
        JsonValue::Object object;
        while (more('}', first)) {
            std::string key = string();
            expect(':');
            object.push_back({std::move(key), value(depth + 1)});
        }
        return {std::move(object)};
    }
    unexpected("a value (an object, an array, a string, a number, true, false or null)");
}

JsonValue parse_json(std::string_view text, JsonLimits limits) {
    ViewBuffer buffer(text);
    JsonReader reader(buffer, limits);
    JsonValue value = reader.value();
    reader.expect_end();
    return value;
}

}  // namespace acm
