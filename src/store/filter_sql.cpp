#include "acm/store/filter_sql.hpp"

#include <fmt/format.h>

namespace acm {

std::string match_if(bool given, const char* column, int parameter) {
    return given ? fmt::format("{} = ?{}", column, parameter) : fmt::format("?{} IS NULL", parameter);
}

}  // namespace acm
