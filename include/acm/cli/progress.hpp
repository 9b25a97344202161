#pragma once
// Import progress on standard error: only on a terminal (never in a pipe or a cron mail)
// and never with --quiet.
#include <string>

#include "acm/cli/context.hpp"
#include "acm/domain/import/pipeline.hpp"

namespace acm {

// A progress report for an import of `what` (e.g. "feedback"), or an empty function.
ImportProgress import_progress(Context& ctx, const std::string& what);

}  // namespace acm
