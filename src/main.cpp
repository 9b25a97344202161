#include <iostream>

#include "acm/cli/context.hpp"

int main(int argc, char** argv) {
    // Results are written through std::cout in large chunks; no need to sync with stdio.
    std::ios::sync_with_stdio(false);
    return acm::run_cli(argc, argv, std::cout, std::cerr);
}
