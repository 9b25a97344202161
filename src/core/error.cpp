#include "acm/core/error.hpp"

#include <cstring>

#include <fmt/format.h>

namespace acm {

OutputFailed::OutputFailed(int error)
    : RuntimeError(fmt::format("cannot write the output: {}", std::strerror(error))), error_(error) {}

}  // namespace acm
