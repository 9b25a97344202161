// JSON text kept in the workspace (the audit log's changes) written into JSON output as the
// object it is. The text may come from an imported file, so it is parsed, not copied: its
// strings are decoded and written again as every other string is (control and bidi characters
// escaped, invalid UTF-8 replaced), and text that is not one JSON object is not used as JSON.
#include <cstdint>

#include "detail.hpp"

namespace acm::detail {
namespace {

class Reencoder {
public:
    Reencoder(std::string_view text, fmt::memory_buffer& out) : text_(text), out_(out) {}

    bool object_only() {
        skip_space();
        if (peek() != '{' || !value(0)) return false;
        skip_space();
        return pos_ == text_.size();
    }

private:
    // Deep enough for any record; a hostile file cannot exhaust the stack.
    static constexpr int max_depth = 64;

    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    void skip_space() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
                                       text_[pos_] == '\r'))
            ++pos_;
    }
    bool literal(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        append(out_, word);
        return true;
    }

    bool value(int depth) {
        skip_space();
        switch (peek()) {
            case '{': return members(depth + 1, '}');
            case '[': return members(depth + 1, ']');
            case '"': {
                std::string decoded;
                if (!string(decoded)) return false;
                append_json_string(out_, decoded);
                return true;
            }
            case 't': return literal("true");
            case 'f': return literal("false");
            case 'n': return literal("null");
            default: return number();
        }
    }

    // An object ('}') or an array (']') from its opening bracket.
    bool members(int depth, char close) {
        if (depth > max_depth) return false;
        out_.push_back(text_[pos_++]);
        skip_space();
        if (peek() == close) {
            out_.push_back(text_[pos_++]);
            return true;
        }
        for (;;) {
            skip_space();
            if (close == '}') {
                std::string key;
                if (peek() != '"' || !string(key)) return false;
                append_json_string(out_, key);
                skip_space();
                if (peek() != ':') return false;
                out_.push_back(text_[pos_++]);
            }
            if (!value(depth)) return false;
            skip_space();
            if (peek() == ',') {
                out_.push_back(text_[pos_++]);
                continue;
            }
            if (peek() != close) return false;
            out_.push_back(text_[pos_++]);
            return true;
        }
    }

    bool number() {
        std::size_t start = pos_;
        auto digits = [&] {
            std::size_t from = pos_;
            while (peek() >= '0' && peek() <= '9') ++pos_;
            return pos_ > from;
        };
        if (peek() == '-') ++pos_;
        if (peek() == '0') ++pos_;
        else if (!digits()) return false;
        if (peek() == '.') {
            ++pos_;
            if (!digits()) return false;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++pos_;
            if (peek() == '+' || peek() == '-') ++pos_;
            if (!digits()) return false;
        }
        append(out_, text_.substr(start, pos_ - start));
        return true;
    }

    bool hex4(std::uint32_t& code) {
        if (pos_ + 4 > text_.size()) return false;
        code = 0;
        for (int k = 0; k < 4; ++k) {
            char c = text_[pos_++];
            code <<= 4;
            if (c >= '0' && c <= '9') code |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') code |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') code |= static_cast<std::uint32_t>(c - 'A' + 10);
            else return false;
        }
        return true;
    }

    static void put_utf8(std::string& out, std::uint32_t code) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xc0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3f));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xe0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (code & 0x3f));
        } else {
            out += static_cast<char>(0xf0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (code & 0x3f));
        }
    }

    // A string literal decoded; a lone surrogate becomes U+FFFD.
    bool string(std::string& decoded) {
        ++pos_;  // the opening quote
        while (pos_ < text_.size()) {
            char c = text_[pos_++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c != '\\') {
                decoded += c;
                continue;
            }
            if (pos_ >= text_.size()) return false;
            switch (char e = text_[pos_++]) {
                case '"': case '\\': case '/': decoded += e; break;
                case 'b': decoded += '\b'; break;
                case 'f': decoded += '\f'; break;
                case 'n': decoded += '\n'; break;
                case 'r': decoded += '\r'; break;
                case 't': decoded += '\t'; break;
                case 'u': {
                    std::uint32_t code;
                    if (!hex4(code)) return false;
                    if (code >= 0xd800 && code < 0xdc00 && text_.substr(pos_, 2) == "\\u") {
                        std::size_t back = pos_;
                        pos_ += 2;
                        std::uint32_t low;
                        if (!hex4(low)) return false;
                        if (low >= 0xdc00 && low < 0xe000) code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                        else pos_ = back;
                    }
                    put_utf8(decoded, code >= 0xd800 && code < 0xe000 ? 0xfffd : code);
                    break;
                }
                default: return false;
            }
        }
        return false;
    }

    std::string_view text_;
    fmt::memory_buffer& out_;
    std::size_t pos_ = 0;
};

}  // namespace

bool append_json_text(fmt::memory_buffer& out, std::string_view text) {
    fmt::memory_buffer encoded;
    if (!Reencoder(text, encoded).object_only()) return false;
    out.append(encoded.data(), encoded.data() + encoded.size());
    return true;
}

}  // namespace acm::detail
