#pragma once
// What escalations, feedback and health add to `account show`, kept
// apart from cli/account.cpp so that the account commands only call in here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "acm/cli/context.hpp"
#include "acm/domain/health.hpp"
#include "acm/output/document.hpp"

namespace acm {

// account show: the parts health_components (under the heading "Health 72.5 (green)"),
// health_history (the score 90, 60 and 30 days ago), escalations (the open ones), follow_ups (open) and feedback (the recent).
void add_account_health(Context& ctx, Database& db, std::int64_t account_id, Document& document);

}  // namespace acm
