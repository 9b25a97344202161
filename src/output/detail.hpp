#pragma once
// Private helpers of the output module, shared by its source files (not part of the interface).
#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "acm/output/document.hpp"
#include "acm/output/render.hpp"
#include "acm/output/table_renderer.hpp"

namespace acm::detail {

// Decodes the code point at text[i] and advances i past it. An invalid sequence (overlong,
// surrogate, truncated, > U+10FFFF, stray continuation byte) returns -1 and advances past its
// longest valid-looking prefix (at least one byte), as Unicode recommends for U+FFFD
// substitution: one replacement per broken sequence, and no valid character after it is eaten.
std::int32_t next_code_point(std::string_view text, std::size_t& i);
// The bidirectional overrides and isolates (U+202A..U+202E, U+2066..U+2069): they reorder
// the rest of a terminal line, so that text can be made to read as something else.
bool is_bidi_control(std::int32_t code);
// The columns a code point takes on a terminal: 2 for wide East Asian characters and emoji,
// 0 for combining marks, invisible format characters and controls, else 1 (display_width.cpp).
int code_point_width(std::int32_t code);
// The longest start of `text` that takes at most `width` columns, in bytes and columns; the
// zero-width marks after its last character belong to it.
struct Prefix {
    std::size_t bytes, width;
};
Prefix prefix_within(std::string_view text, std::size_t width);

inline void append(fmt::memory_buffer& out, std::string_view text) {
    out.append(text.data(), text.data() + text.size());
}
void append_csv_field(fmt::memory_buffer& out, std::string_view text, bool is_text);
void append_tsv_field(fmt::memory_buffer& out, std::string_view text, bool is_text);
// Text with every control character shown as \e or \xNN, bidi controls as \uNNNN and invalid
// UTF-8 as U+FFFD, so that
// nothing in it can drive a terminal (visible_text). With `keep_layout`, tab, CR and LF stay as
// they are, for formats that escape those themselves.
std::string escape_controls(std::string_view text, bool keep_layout);
// Printable ASCII only: text that escape_controls returns unchanged.
bool is_plain_text(std::string_view text);
void append_json_string(fmt::memory_buffer& out, std::string_view text);

// No value: std::monostate, and a non-finite ratio or score (NaN would be invalid JSON and
// would break sorting), printed empty/null and sorted last.
bool is_missing(const Cell& cell);

// A present, non-text cell as csv and tsv print it (and json, quoted where a string): plain
// numbers and decimals, ISO dates, UTC timestamps, true/false, a list as its text.
void append_value(fmt::memory_buffer& out, const Cell& cell, Kind kind);
// A cell, a list or a row as JSON: the one place that writes nested data as JSON.
void append_json_value(fmt::memory_buffer& out, const Cell& cell, Kind kind);
void append_json_object(fmt::memory_buffer& out, const std::vector<Column>& columns, const Row& row);
// Text that is one JSON object, re-encoded as JSON (its strings escaped as append_json_string
// escapes them); false, with nothing appended, when the text is not one.
bool append_json_text(fmt::memory_buffer& out, std::string_view text);
// The text of a list cell: its items' values from `text`, joined by `separator`.
std::string list_text(const List& list, const std::function<std::string(const Cell&, Kind)>& text,
                      std::string_view separator);

// A record's line as people read it (table, markdown, html): its label, and its text (empty:
// no line).
std::string field_label(const Field& field);
std::string field_text(const Field& field);
// A heading for a page (html, markdown): "mean_active_users" or "next renewal" as "Mean active
// users", "Next renewal"; abbreviations in capitals ("arr" → "ARR").
std::string page_label(std::string_view name);
void write_document_table(std::ostream& out, const Document& document, const Terminal& terminal);

// `may_hide`: a table too wide for the terminal may hide columns (not when --columns chose them).
std::unique_ptr<Renderer> make_table_renderer(std::ostream& out, const Terminal& terminal, bool header,
                                              bool may_hide);

}  // namespace acm::detail
