#pragma once
// report account: the QBR review of one account — its details, ARR history, contracts
// and renewals, usage trend, feedback, escalations, health, opportunities and milestones
// — as a document that any format can print (table, json, csv/tsv as one long table, html).
#include <cstdint>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/output/document.hpp"
#include "acm/store/db.hpp"

namespace acm {

// Its parts, in order: summary (of the period), account, period, arr_history, contracts, renewals, usage,
// feedback_stats, feedback, escalation_stats, escalations (the open ones),
// health_components, opportunities, milestones.
// `period` bounds the history, usage, feedback and escalation figures; the rest is as of
// `today` (`now` for escalation breaches). Without `internal`, the page the customer may
// see: no ids or keys, no health, renewal risk or forecast, negative flags or opportunities.
Document account_review(Database& db, const Config& config, std::int64_t account_id, const Period& period,
                        Date today, Timestamp now, bool internal);

}  // namespace acm
