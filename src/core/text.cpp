#include "acm/core/text.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "acm/core/error.hpp"

namespace acm {

std::string join_words(const std::vector<std::string>& items, std::string_view conjunction) {
    std::string result;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) result += (i + 1 == items.size()) ? fmt::format(" {} ", conjunction) : ", ";
        result += items[i];
    }
    return result;
}

std::string join_choices(const std::vector<std::string>& valid) { return join_words(valid, "or"); }

std::string quote_value(std::string_view text) {
    bool plain = !text.empty() && std::none_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '\'' || c == '"' || static_cast<unsigned char>(c) < 0x20;
    });
    if (plain) return std::string(text);
    std::string result = "'";
    for (char c : text) {
        if (c == '\'')
            result += "'\\''";
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            result += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        else
            result += c;
    }
    return result + "'";
}

std::string parse_choice(std::string_view text, const std::vector<std::string>& valid, std::string_view field) {
    for (const auto& choice : valid)
        if (choice == text) return choice;
    throw UsageError(fmt::format("{} {} is not valid (expected {})", field, quote_value(text), join_choices(valid)));
}

std::string choice_ignoring_case(std::string_view text, const std::vector<std::string>& valid) {
    std::string wanted = lowercase(trim_view(text));
    for (const auto& choice : valid)
        if (lowercase(choice) == wanted) return choice;
    return std::string(text);
}

std::int64_t parse_integer(std::string_view text, std::int64_t min, std::int64_t max, std::string_view field) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
        throw UsageError(fmt::format("{} {} is not a valid number (expected a whole number from {} to {})", field,
                                     quote_value(text), min, max));
    return value;
}

std::int64_t parse_id(std::string_view text, std::string_view field) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value <= 0)
        throw UsageError(fmt::format("{} {} is not a valid id (expected a positive integer)", field, quote_value(text)));
    return value;
}

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        if (length == 0 || i + length > text.size()) return false;
        std::uint32_t code = length == 1 ? c : c & (0xff >> (length + 1));
        for (std::size_t k = 1; k < length; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0) != 0x80) return false;
            code = (code << 6) | (next & 0x3f);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
        static constexpr std::uint32_t min_code[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < min_code[length] || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return false;
        i += length;
    }
    return true;
}

std::string_view trim_view(std::string_view text) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string trim(std::string_view text) { return std::string(trim_view(text)); }

std::string lowercase(std::string_view text) {
    std::string result(text);
    for (char& c : result)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return result;
}

std::string uppercase(std::string_view text) {
    std::string result(text);
    for (char& c : result)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return result;
}

std::string checked_text(std::string_view text, std::string_view field, std::size_t max_bytes) {
    if (!is_valid_utf8(text)) throw UsageError(fmt::format("{} is not valid UTF-8 text", field));
    std::string result = trim(text);
    if (result.empty()) throw UsageError(fmt::format("{} must not be empty", field));
    if (result.size() > max_bytes)
        throw UsageError(fmt::format("{} is too long ({} bytes; at most {})", field, result.size(), max_bytes));
    return result;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace acm
