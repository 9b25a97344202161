#include "acm/cli/progress.hpp"

#include <fmt/format.h>

#include <ostream>

namespace acm {

ImportProgress import_progress(Context& ctx, const std::string& what) {
    if (!ctx.stderr_is_tty() || ctx.global.quiet) return {};
    return [&ctx, what](std::size_t rows, bool done) {
        // \r redraws one line; the final report ends it.
        ctx.err << fmt::format("\racm: importing {}: {} rows read", what, rows) << (done ? "\n" : "")
                << std::flush;
    };
}

}  // namespace acm
