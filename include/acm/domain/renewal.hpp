#pragma once
// Renewals: one per contract (due = the contract's end, notice_deadline = end − notice).
// The open pipeline, closing as renewed (a successor contract) or churned, the cron
// jobs (due, remind, roll), the forecast and the calendar. Rules and queries, no printing.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/core/money.hpp"
#include "acm/domain/audit.hpp"
#include "acm/output/ical.hpp"
#include "acm/output/table.hpp"
#include "acm/store/db.hpp"

namespace acm {

const std::vector<std::string>& renewal_stages();  // upcoming, in-progress, committed
const std::vector<std::string>& renewal_risks();   // low, medium, high

// The notice deadline of a term start..end: end − notice (the end without a notice); nullopt
// when the notice is longer than the term, which is refused (it would also leave the dates
// acm can hold: 9999y before 2026).
std::optional<Date> notice_deadline(Date start, Date end, const std::optional<Duration>& notice);
// Called by add_contract / terminate_contract, with terms checked by notice_deadline.
void open_renewal(Database& db, std::int64_t contract_id, Date start, Date end, const std::optional<Duration>& notice);
// Closes the contract's renewal, when still open, as churned on `last_day`.
void close_renewal_on_termination(Database& db, const Actor& actor, std::int64_t contract_id, Date last_day,
                                  const std::optional<std::string>& reason);

// Unset fields stay as they are. `forecast` is an amount in the contract's currency.
struct RenewalUpdate {
    std::optional<std::string> stage, risk, forecast, reason, plan, owner;
};
void update_renewal(Database& db, const Actor& actor, std::int64_t id, const RenewalUpdate& update);

// What a renewal changes for the successor contract; unset: as the contract it renews.
struct SuccessorTerms {
    std::optional<std::string> arr;    // in the contract's currency
    std::optional<Date> end;           // default: the same term
    std::optional<std::string> title;  // default: the old title
};
// Closes the renewal as renewed: a successor contract from the day after the old end.
// Returns the successor's id. A successor that would start or end after 9999-12-31 is a
// RuntimeError naming `given`, what the user asked for ("--renewed", "renewal roll").
std::int64_t renew(Database& db, const Actor& actor, std::int64_t id, const SuccessorTerms& successor,
                   Date closed_on, std::string_view given);
// Closes the renewal as churned.
void churn(Database& db, const Actor& actor, std::int64_t id, const std::string& reason, Date closed_on);

// The end of a successor starting `next_start` for the term start..end: whole months when
// the term is whole months (2026-01-01..2026-12-31 → one year), else the same number of days.
Date same_term_end(Date start, Date end, Date next_start);

struct RenewalFilter {
    std::optional<std::int64_t> account_id, contract_id;
    std::optional<Date> due_by;  // due on or before (overdue open renewals included)
    std::optional<std::string> owner, stage, risk;
    bool all = false;  // closed ones too
};
std::vector<Column> renewal_columns(bool all);
void for_each_renewal(Database& db, const RenewalFilter& filter, const std::function<void(Row&&)>& emit);

// Open renewals whose due date or notice deadline falls in [today, until].
std::vector<Column> due_columns();
void for_each_due_renewal(Database& db, Date today, Date until, const std::function<void(Row&&)>& emit);

// Reminders not yet given: for each open renewal whose notice deadline is `t` days away
// or less for some threshold t, one for the tightest threshold passed, unless a reminder
// as tight was given before. Given reminders are remembered (record_reminders), so that
// repeated daily runs give each (renewal, threshold) once, never after a tighter one.
struct Reminder {
    std::int64_t renewal_id = 0, account_id = 0, threshold_days = 0;
    std::string account;  // its key
    Date notice_deadline;
    Row row;  // as reminder_columns() describes it
};
std::vector<Column> reminder_columns();
std::vector<Reminder> due_reminders(Database& db, Date today, std::vector<std::int64_t> thresholds);
// Remembers reminders as given on `today`, each with an audit event.
void record_reminders(Database& db, const Actor& actor, Date today, const std::vector<Reminder>& given);

// Renews every auto-renew contract whose end has passed and whose renewal is open, as
// `renew` would (closed the day after the end); successors that have ended too are
// renewed in turn. Returns one row per renewal closed.
std::vector<Column> roll_columns();
std::vector<Row> roll(Database& db, const Actor& actor, Date today);

// ARR up for renewal in `period`, committed, weighted by risk, at risk; per owner or
// segment when `by` is given. Amounts in the base currency.
std::vector<Column> forecast_columns(const std::optional<std::string>& by);
std::vector<Row> forecast(Database& db, const Config& config, const Period& period, const std::optional<std::string>& by);

// SQL over renewals `r` joined with their contract `c`: the ARR up for renewal (the
// contract's ARR on its due date while open, the ARR recorded at closing once closed).
std::string renewal_arr_sql();

// Calendar events for due dates and notice deadlines of open renewals in [today, until].
std::vector<CalendarEvent> renewal_events(Database& db, Date today, Date until);

}  // namespace acm
