#pragma once
// Small text helpers shared by every command: enum values, ids, required text.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace acm {

// `text` when it is one of `valid`, else UsageError listing them:
//   "--tier gold is not valid (expected low-touch, high-touch or strategic)"
std::string parse_choice(std::string_view text, const std::vector<std::string>& valid, std::string_view field);
// The entry of `valid` that `text` names in any case and with blanks around it ("Enterprise"
// → "enterprise"), as other systems' exports write enum values; `text` unchanged when none
// does, for parse_choice to refuse with the list.
std::string choice_ignoring_case(std::string_view text, const std::vector<std::string>& valid);
// "a, b or c"
std::string join_choices(const std::vector<std::string>& valid);
// "a, b and c" with join_words(items, "and")
std::string join_words(const std::vector<std::string>& items, std::string_view conjunction);

// A positive integer id: "ID abc is not a valid id (expected a positive integer)".
std::int64_t parse_id(std::string_view text, std::string_view field);
// A non-negative integer within [min, max]: "--active-users x is not a valid number (expected …)".
std::int64_t parse_integer(std::string_view text, std::int64_t min, std::int64_t max, std::string_view field);

// Valid UTF-8, not empty after trimming, at most `max_bytes`; returns the trimmed text.
// UsageError naming the field otherwise. Control characters are kept as data: the
// renderers show them escaped, so text round-trips exactly.
std::string checked_text(std::string_view text, std::string_view field, std::size_t max_bytes = 10000);
bool is_valid_utf8(std::string_view text);

std::string trim(std::string_view text);
std::string_view trim_view(std::string_view text);  // the same, without a copy
std::string lowercase(std::string_view text);  // ASCII only
std::string uppercase(std::string_view text);  // ASCII only
// Shell-style quoting for error messages: '' for empty text, the text itself when plain.
std::string quote_value(std::string_view text);

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace acm
