#pragma once
// Escaping of untrusted text for each destination: a terminal, CSV/TSV, JSON, Markdown.
#include <string>
#include <string_view>

namespace acm {

// Text as it may reach a terminal: control characters (ESC, CR, …) shown as \e, \r, \xNN,
// so that data never drives the terminal. Used by the table renderer.
std::string visible_text(std::string_view text);
// CWE-1236: a spreadsheet evaluates a text cell beginning with one of these as a formula.
inline constexpr std::string_view formula_starts = "=+-@\t\r\n";
// Whether CSV/TSV write `text` behind a guarding ': it begins with one of formula_starts,
// after any number of ' (so that a text that itself begins with ' and a formula character
// is guarded too, and an import, which takes off one ' where this holds for the rest, gives
// back every text as it was).
bool needs_formula_guard(std::string_view text);
// CSV field per RFC 4180 with CWE-1236 formula escaping: a text cell beginning with
// = + - @ tab CR or LF (needs_formula_guard) gets a leading '. `is_text` false leaves numeric cells unaltered.
std::string csv_field(std::string_view text, bool is_text);
// A JSON string literal with quotes; control characters as \uXXXX (or \n, \t, …);
// invalid UTF-8 replaced with U+FFFD.
std::string json_string(std::string_view text);
// Markdown text that stays text (markdown.cpp): its punctuation backslash-escaped, so that no
// link, emphasis or raw HTML comes from the data, `|` too (a cell stays one cell), line ends
// as <br> (a row stays one line), control characters as visible_text shows them.
std::string markdown_text(std::string_view text);

}  // namespace acm
