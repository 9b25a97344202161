#pragma once
// What escalations, feedback and health add to `account show`, kept
// apart from cli/account.cpp so that the account commands only call in here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "acm/cli/context.hpp"
#include "acm/domain/health.hpp"

namespace acm {

// account show (table): the sections Health, Open escalations, Recent feedback.
void print_account_health(Context& ctx, Database& db, std::int64_t account_id);
// account show (json): ,"health":{…},"open_escalations":[…],"feedback":[…] to append to
// the account's object.
std::string account_health_json(Context& ctx, Database& db, std::int64_t account_id);


// "Now" for escalations: the clock, or the end of the day when --today or ACM_TODAY fixes it.
Timestamp now_for(const Context& ctx);

}  // namespace acm
