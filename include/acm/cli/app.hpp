#pragma once
// The whole command line, for main.
#include <iosfwd>

namespace acm {

// Parses the command line, runs the command and maps every error to one "acm: error:" line
// on `err` and an exit status (acm(1), EXIT STATUS).
int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace acm
