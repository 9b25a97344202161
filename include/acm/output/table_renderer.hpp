#pragma once
// The table format: aligned columns, truncated to the terminal's width, colors on a color
// terminal (acm(1), OUTPUT). Its renderer is made by make_renderer (render.hpp).
#include <cstddef>
#include <string>
#include <string_view>

#include "acm/output/table.hpp"

namespace acm {

// A cell as the table format shows it: "25,000.00 EUR", "93.5%", "yes", terminal-safe text.
std::string table_cell_text(const Cell& cell, Kind kind);

// The columns valid UTF-8 text takes on a terminal: two for each wide East Asian character or
// emoji, none for combining marks and invisible characters, one for the rest.
std::size_t display_width(std::string_view text);

}  // namespace acm
