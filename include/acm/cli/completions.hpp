#pragma once
// The shell completion scripts of completions/, embedded at build time
// (cmake/embed_completions.cmake): one source for the installed files and
// `acm completion SHELL`.
#include <string_view>

namespace acm {

// The script for "bash", "zsh" or "fish"; empty for any other shell.
std::string_view completion_script(std::string_view shell);

}  // namespace acm
