// Escaping of untrusted text for each destination: a terminal, CSV/TSV, JSON.
#include "acm/output/escape.hpp"

#include <algorithm>
#include <iterator>

#include "detail.hpp"

namespace acm {

bool needs_formula_guard(std::string_view text) {
    std::size_t first = text.find_first_not_of('\'');
    return first != std::string_view::npos && formula_starts.find(text[first]) != std::string_view::npos;
}

namespace detail {

bool is_bidi_control(std::int32_t code) {
    return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

std::int32_t next_code_point(std::string_view text, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i++);
    if (lead < 0x80) return lead;
    // The allowed range of the second byte excludes overlongs (E0, F0), surrogates (ED) and
    // code points past U+10FFFF (F4); C0, C1 and F5..FF never start a valid sequence.
    int length = 0;
    std::int32_t code = 0;
    unsigned char low = 0x80, high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2, code = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3, code = lead & 0x0f;
        if (lead == 0xe0) low = 0xa0;
        if (lead == 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4, code = lead & 0x07;
        if (lead == 0xf0) low = 0x90;
        if (lead == 0xf4) high = 0x8f;
    } else {
        return -1;
    }
    for (int k = 1; k < length; ++k) {
        if (i >= text.size() || byte(i) < low || byte(i) > high) return -1;
        code = (code << 6) | (byte(i++) & 0x3f);
        low = 0x80, high = 0xbf;
    }
    return code;
}

namespace {

constexpr std::string_view replacement_character = "\xef\xbf\xbd";  // U+FFFD

bool looks_like_formula(std::string_view text, bool is_text) { return is_text && needs_formula_guard(text); }

}  // namespace

void append_csv_field(fmt::memory_buffer& out, std::string_view text, bool is_text) {
    bool quoted = text.find_first_of(",\"\r\n") != std::string_view::npos;
    if (quoted) out.push_back('"');
    if (looks_like_formula(text, is_text)) out.push_back('\'');
    for (char c : text) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    if (quoted) out.push_back('"');
}

void append_tsv_field(fmt::memory_buffer& out, std::string_view text, bool is_text) {
    if (looks_like_formula(text, is_text)) out.push_back('\'');
    for (char c : text) {
        switch (c) {
            case '\\':
                append(out, "\\\\");
                break;
            case '\t':
                append(out, "\\t");
                break;
            case '\n':
                append(out, "\\n");
                break;
            case '\r':
                append(out, "\\r");
                break;
            default:
                out.push_back(c);
        }
    }
}

void append_json_string(fmt::memory_buffer& out, std::string_view text) {
    out.push_back('"');
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        std::int32_t code = next_code_point(text, i);
        switch (code) {
            case -1:
                append(out, replacement_character);
                break;
            case '"':
                append(out, "\\\"");
                break;
            case '\\':
                append(out, "\\\\");
                break;
            case '\n':
                append(out, "\\n");
                break;
            case '\t':
                append(out, "\\t");
                break;
            case '\r':
                append(out, "\\r");
                break;
            case '\b':
                append(out, "\\b");
                break;
            case '\f':
                append(out, "\\f");
                break;
            default:
                // DEL and the C1 controls (U+009B is a CSI to some terminals) are legal in JSON but
                // escaped too, so that no control character reaches a terminal; the value is the same.
                if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || is_bidi_control(code))
                    fmt::format_to(std::back_inserter(out), "\\u{:04x}", code);
                else
                    append(out, text.substr(start, i - start));
        }
    }
    out.push_back('"');
}

}  // namespace detail

namespace detail {

bool is_plain_text(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

std::string escape_controls(std::string_view text, bool keep_layout) {
    // Printable ASCII, the usual case, needs no decoding (a listing of 10,000 accounts has
    // 150,000 cells).
    if (is_plain_text(text)) return std::string(text);
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        std::int32_t code = detail::next_code_point(text, i);
        switch (code) {
            case -1:
                result += detail::replacement_character;
                break;
            case 0x1b:
                result += "\\e";
                break;
            case '\r':
            case '\n':
            case '\t':
                if (keep_layout)
                    result += static_cast<char>(code);
                else
                    result += code == '\r' ? "\\r" : code == '\n' ? "\\n" : "\\t";
                break;
            default:
                // C1 controls (U+0080..U+009F, e.g. U+009B CSI) drive some terminals like ESC does;
                // bidi overrides reorder what follows them on the line.
                if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
                    result += fmt::format("\\x{:02x}", code);
                else if (is_bidi_control(code))
                    result += fmt::format("\\u{:04x}", code);
                else
                    result.append(text.substr(start, i - start));
        }
    }
    return result;
}

}  // namespace detail

std::string visible_text(std::string_view text) { return detail::escape_controls(text, false); }

std::string csv_field(std::string_view text, bool is_text) {
    fmt::memory_buffer out;
    detail::append_csv_field(out, text, is_text);
    return fmt::to_string(out);
}

std::string json_string(std::string_view text) {
    fmt::memory_buffer out;
    detail::append_json_string(out, text);
    return fmt::to_string(out);
}

}  // namespace acm
