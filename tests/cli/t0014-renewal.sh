#!/usr/bin/env bash
# acm renewal …: the pipeline, update, close (renewed/churned), due, remind, roll, forecast,
# calendar; ARR of an account across a renewal. A fixed --today throughout.
. "$(dirname "$0")/lib.sh"
export ACM_TODAY=2026-11-23
run init
run account add "Acme Corp." --owner dana --segment enterprise
run account add "Globex" --owner lee --segment smb
run account add "Initech" --owner lee --segment smb
run account add "Hooli" --owner dana --segment enterprise

# 1: ends in 38 days, no notice. 2: ends in a year, but its 400-day notice deadline is in 2 weeks.
# 3: auto-renew, ended last month. 4: ends in 100 days, 90-day notice (deadline in 10 days).
run contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr 120k --title "Platform"
run contract add globex --start 2026-12-01 --end 2027-11-30 --arr 50k --notice 350d
run contract add initech --start 2025-11-01 --end 2026-10-31 --arr 24k --auto-renew
run contract add hooli --start 2026-03-03 --end 2027-03-02 --arr 60k --notice 90d
check "four renewals" [ "$(sql "SELECT count(*) FROM renewals")" = 4 ]

# list: open pipeline by due date; filters.
run --csv --columns id,contract,account,due,notice_deadline,arr,stage,risk,forecast,owner renewal list
expect_out $'id,contract,account,due,notice_deadline,arr,stage,risk,forecast,owner
3,3,initech,2026-10-31,2026-10-31,24000.00,upcoming,low,24000.00,lee
1,1,acme-corp,2026-12-31,2026-12-31,120000.00,upcoming,low,120000.00,dana
4,4,hooli,2027-03-02,2026-12-02,60000.00,upcoming,low,60000.00,dana
2,2,globex,2027-11-30,2026-12-15,50000.00,upcoming,low,50000.00,lee' "renewal list"
run --csv --no-header --columns id renewal list --within 60d
expect_out $'3\n1' "--within: due by today + 60d, the overdue one included"
run --csv --no-header --columns id renewal list --owner lee
expect_out $'3\n2' "--owner"
run --csv --no-header --columns id renewal list --account hooli
expect_out "4" "--account"
expect_fails 2 "--within '2 weeks' is not a valid duration" renewal list --within "2 weeks"
expect_fails 2 "--stage won is not valid (expected upcoming, in-progress or committed)" renewal list --stage won

# update.
run renewal update 4 --stage in-progress --risk high --forecast 45k --reason "budget cut" --plan "exec call" --owner sam
expect_status 0 "update"
expect_out "4"
run --csv --no-header --columns stage,risk,forecast,owner,reason,plan renewal list --account hooli
expect_out "in-progress,high,45000.00,sam,budget cut,exec call"
run --csv --no-header --columns id renewal list --risk high
expect_out "4" "--risk"
run --csv --no-header --columns id renewal list --stage in-progress --owner sam
expect_out "4" "--stage and --owner (the renewal's own owner)"
run renewal update 4 --plan ""
check "an empty value clears" [ "$(sql "SELECT plan IS NULL FROM renewals WHERE id = 4")" = 1 ]
check "update recorded" [ "$(sql "SELECT count(*) FROM events WHERE entity = 'renewal' AND action = 'update'")" = 2 ]
expect_fails 2 "--risk extreme is not valid (expected low, medium or high)" renewal update 4 --risk extreme
expect_fails 2 "--forecast 'USD 5' is not valid (expected an amount in the contract's currency, EUR)" renewal update 4 --forecast "USD 5"
expect_fails 2 "--forecast -1 is not a valid amount" renewal update 4 --forecast -1
expect_fails 1 "no renewal with id 9" renewal update 9 --risk low

# due: the cron job. Renewal 2's end is a year away, but its notice deadline is in the window.
run --csv --columns id,deadline,date,days_left renewal due --within 30d
expect_out $'id,deadline,date,days_left\n4,notice,2026-12-02,9\n2,notice,2026-12-15,22' "due --within 30d"
run --csv --no-header --columns id,deadline renewal due --within 40d
expect_out $'4,notice\n2,notice\n1,due' "due --within 40d"
run renewal due --within 1d
expect_status 0 "nothing due"
expect_no_out "nothing due prints nothing"
check "nothing due: nothing on stderr either" [ -z "$err" ]
expect_fails 2 "--within 3x is not a valid duration" renewal due --within 3x

# remind: each reminder once over repeated daily runs.
run --csv --columns id,threshold_days,days_left renewal remind --days 30,14 --dry-run
expect_out $'id,threshold_days,days_left\n4,14,9\n2,30,22' "remind --dry-run"
check "dry run remembers nothing" [ "$(sql "SELECT count(*) FROM renewal_reminders")" = 0 ]
run --csv --columns id,threshold_days renewal remind --days 30,14
expect_out $'id,threshold_days\n4,14\n2,30' "first run reminds"
check "the reminders given are remembered" [ "$(sql "SELECT group_concat(renewal_id || ':' || threshold_days, ' ') FROM (SELECT * FROM renewal_reminders ORDER BY 1, 2)")" = "2:30 4:14" ]
run renewal remind --days 30,14
expect_status 0 "second run"
expect_no_out "second run the same day is silent"
run --csv --no-header --columns id,threshold_days renewal remind
expect_out "1,60" "default thresholds from config renewal.remind_days (90, 60, 30): only renewal 1 has news"
run -c "renewal.remind_days=[60]" renewal remind
expect_no_out "a reminder given is not repeated"
run -c "renewal.remind_days=[90]" renewal remind
expect_no_out "no looser reminder after a tighter one"
ACM_TODAY=2026-11-24 run renewal remind --days 30,14
expect_no_out "next day: still nothing new"
ACM_TODAY=2026-12-01 run --csv --no-header --columns id,threshold_days,days_left renewal remind --days 30,14
expect_out $'2,14,14\n1,30,30' "the 14-day reminder of renewal 2 comes once its deadline is 14 days away"
ACM_TODAY=2026-12-01 run renewal remind --days 30,14
expect_no_out "and only once"
expect_fails 2 "--days soon is not valid (expected days before the notice deadline, e.g. 90,60,30)" renewal remind --days soon

# roll: auto-renews ended contracts once.
run --csv --columns id,contract,successor,start,end,arr renewal roll --dry-run
expect_out $'id,contract,successor,start,end,arr\n3,3,5,2026-11-01,2027-10-31,24000.00' "roll --dry-run"
check "dry run changed nothing" [ "$(sql "SELECT count(*) FROM contracts")" = 4 ]
run --csv --no-header --columns id,contract,successor renewal roll
expect_out "3,3,5" "roll renews the ended auto-renew contract"
check "renewal 3 closed as renewed" [ "$(sql "SELECT outcome || ' ' || closed_on || ' ' || successor_id FROM renewals WHERE id = 3")" = "renewed 2026-11-01 5" ]
run renewal roll
expect_status 0 "second roll"
expect_no_out "roll twice renews once"
check "still five contracts" [ "$(sql "SELECT count(*) FROM contracts")" = 5 ]
check "the successor auto-renews too" [ "$(sql "SELECT auto_renew || ' ' || predecessor_id FROM contracts WHERE id = 5")" = "1 3" ]

# close --renewed: successor from the day after the end, same term, new ARR; expansion recorded.
run renewal close 1 --renewed --arr 150k
expect_status 0 "close --renewed"
expect_out "6" "prints the successor contract's id"
check "successor term" [ "$(sql "SELECT start_date || ' ' || end_date || ' ' || title FROM contracts WHERE id = 6")" = "2027-01-01 2027-12-31 Platform" ]
check "old and new ARR recorded" [ "$(sql "SELECT old_arr_minor || ' ' || new_arr_minor || ' ' || outcome FROM renewals WHERE id = 1")" = "12000000 15000000 renewed" ]
check "expansion in the log" [ "$(sql "SELECT json_extract(changes, '\$.movement') FROM events WHERE entity = 'renewal' AND entity_id = '1' AND action = 'close'")" = expansion ]
check "the successor has its own renewal" [ "$(sql "SELECT due FROM renewals WHERE contract_id = 6")" = 2027-12-31 ]
ACM_TODAY=2026-12-31 run --csv --no-header --columns arr account list --owner dana --segment enterprise --sort key
expect_out $'120000.00\n60000.00' "ARR on the old contract's last day"
ACM_TODAY=2027-01-01 run --csv --no-header --columns key,arr account list --segment enterprise
expect_out $'acme-corp,150000.00\nhooli,60000.00' "ARR across the renewal"
expect_fails 1 "renewal 1 is already closed (renewed on 2026-11-23)" renewal close 1 --churned --reason x
run renewal close 4 --renewed --end 2027-09-30
expect_out "7"
check "explicit end; ARR kept" [ "$(sql "SELECT start_date || ' ' || end_date || ' ' || (SELECT arr_minor FROM contract_arr WHERE contract_id = 7) FROM contracts WHERE id = 7")" = "2027-03-03 2027-09-30 6000000" ]
check "flat renewal" [ "$(sql "SELECT json_extract(changes, '\$.movement') FROM events WHERE entity = 'renewal' AND entity_id = '4' AND action = 'close'")" = flat ]

# close --churned needs a reason.
expect_fails 2 "--churned needs --reason" renewal close 2 --churned
expect_fails 2 "give one of --renewed or --churned" renewal close 2
expect_fails 2 "give one of --renewed or --churned" renewal close 2 --renewed --churned --reason x
expect_fails 2 "--end 2027-11-30 is not valid (expected a date after the renewed contract's start, 2027-12-01)" renewal close 2 --renewed --end 2027-11-30
expect_fails 2 "--end 2027-02-30 is not a valid date" renewal close 2 --renewed --end 2027-02-30
expect_fails 2 "--arr 1.234 has more decimals than EUR allows" renewal close 2 --renewed --arr 1.234
run renewal close 2 --churned --reason "moved to a competitor"
expect_out "2" "close --churned prints the renewal id"
check "churned with its reason" [ "$(sql "SELECT outcome || ' ' || new_arr_minor || ' ' || reason FROM renewals WHERE id = 2")" = "churned 0 moved to a competitor" ]
run --csv --no-header --columns id,outcome renewal list --all --account globex
expect_out "2,churned" "--all shows closed renewals"

# forecast over 2027-Q1..Q4: hand-computed. Due in 2027: renewal 2 (churned, 50k), renewal 4
# (renewed flat, 60k), and the open ones 5 (24k, low), 6 (150k, low), 7 (60k, low).
run renewal update 6 --risk high --forecast 100k
run renewal update 5 --stage committed
run --csv --columns period,renewals,up_for_renewal,renewed,churned,open,committed,weighted,at_risk renewal forecast --period 2027
expect_out $'period,renewals,up_for_renewal,renewed,churned,open,committed,weighted,at_risk
2027,5,344000.00,60000.00,50000.00,234000.00,84000.00,165600.00,150000.00' "forecast 2027"
# weighted = 60,000 renewed + 24,000 × 0.9 + 100,000 × 0.3 + 60,000 × 0.9 = 165,600
run --csv --columns period,owner,renewals,weighted renewal forecast --period 2027 --by owner
expect_out $'period,owner,renewals,weighted\n2027,dana,2,84000.00\n2027,lee,2,21600.00\n2027,sam,1,60000.00' "forecast --by owner"
run --csv --no-header --columns renewals,up_for_renewal renewal forecast --period 2030
expect_out "0,0.00" "an empty period gives zeros"
expect_fails 2 "--period 2027-Q5 is not a valid period" renewal forecast --period 2027-Q5
expect_fails 2 "--by tier is not valid (expected owner or segment)" renewal forecast --by tier

# calendar: RFC 5545, parsed by a real iCalendar parser; UIDs stable across runs.
run contract add hooli --start 2027-01-01 --end 2027-06-30 --arr 10k --notice 30d --title "Pilot; phase 2, EMEA"
run renewal calendar --within 1y
expect_status 0 "calendar"
printf '%s' "$out" >"$SCRATCH/a.ics"
check "calendar parses with python3-icalendar" /usr/bin/python3 - "$SCRATCH/a.ics" <<'PY'
import sys, datetime, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = [c for c in cal.walk("VEVENT")]
got = sorted((str(e["SUMMARY"]), e["DTSTART"].dt.isoformat()) for e in events)
want = sorted([
    ("Renewal due: Initech", "2027-10-31"),
    ("Notice deadline: Hooli", "2027-07-02"),
    ("Renewal due: Hooli", "2027-09-30"),
    ("Notice deadline: Hooli — Pilot; phase 2, EMEA", "2027-05-31"),
    ("Renewal due: Hooli — Pilot; phase 2, EMEA", "2027-06-30"),
])
assert got == want, got
for e in events:
    assert isinstance(e["DTSTART"].dt, datetime.date) and not isinstance(e["DTSTART"].dt, datetime.datetime)
    assert e["DTEND"].dt - e["DTSTART"].dt == datetime.timedelta(days=1)
    assert str(e["UID"]).startswith("renewal-")
assert len({str(e["UID"]) for e in events}) == len(events)
PY
check "CRLF line ends" grep -q $'\r$' "$SCRATCH/a.ics"
check "no line longer than 75 octets" awk '{ if (length($0) > 76) exit 1 }' "$SCRATCH/a.ics"
ACM_TODAY=2026-11-24 run renewal calendar --within 1y
printf '%s' "$out" >"$SCRATCH/b.ics"
check "UIDs stable across runs" [ "$(grep ^UID "$SCRATCH/a.ics")" = "$(grep ^UID "$SCRATCH/b.ics")" ]
run renewal calendar --within 1d
check "an empty calendar is still a calendar" grep -q "END:VCALENDAR" <<<"$out"

# The cron example: quiet when there is nothing new, the reminders once otherwise.
cron_job() { PATH="$(dirname "$ACM"):$PATH" sh "$ACM_SOURCE_DIR/examples/cron/renewal-reminders.sh"; }
run contract add globex --start 2026-01-01 --end 2027-01-10 --arr 5k --auto-renew --title "Cron check"
out=$(ACM_TODAY=2026-12-20 cron_job)
check "cron job prints the new reminder" grep -q "Notice deadlines coming up" <<<"$out"
out=$(ACM_TODAY=2026-12-20 cron_job)
check "cron job is silent on the second run" [ -z "$out" ]
out=$(ACM_TODAY=2027-01-11 cron_job)
check "cron job reports the auto-renewal" grep -q "Renewed automatically" <<<"$out"

finish
