#pragma once
// report briefing: what changed in the book since a day — escalations opened, resolved and
// past their SLA, renewals closed and entering the reminder window, negative feedback and
// open follow-ups, new and terminated contracts, health color changes and notes — as rows
// (section, account, date, summary) that the CLI prints as chat-ready text or Markdown.
#include <optional>
#include <string>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

// The sections in order, with the heading the text format gives them.
struct BriefingSection {
    const char* name;
    const char* heading;
};
const std::vector<BriefingSection>& briefing_sections();

// section, account, date, summary.
std::vector<Column> briefing_columns();
// The rows from `since` to `today` (both included), by section in the order above, then by
// date (closed renewals: churned first); `now` decides which open escalations are past their
// SLA, and open follow-ups are listed whenever their feedback came. `owner` limits them to
// that owner's accounts. Health changes leave churned accounts out unless `with_churned`.
std::vector<Row> briefing(Database& db, const Config& config, Date since, Date today, Timestamp now,
                          const std::optional<std::string>& owner, bool with_churned = false);

}  // namespace acm
