#!/usr/bin/env bash
# Health over time: report health --at D from the records dated on or before D only, with
# escalations as they stood on D (open or not, and their severity then, from the timeline);
# the migration that gives the timeline its severity column.
. "$(dirname "$0")/lib.sh"
run init
run account add Acme
run account add Globex

# acme: NPS 8 on 10-01, NPS 4 on 11-10; a medium escalation opened 09-01, raised to
# critical on 11-01, resolved on 11-15.
run feedback add acme --nps 8 --date 2026-10-01
run feedback add acme --nps 4 --date 2026-11-10
run escalate open acme "Slow" --severity medium --at 2026-09-01
run escalate update 1 --severity critical --at 2026-11-01
run escalate resolve 1 --root-cause "Bug" --at 2026-11-15
# globex: a low escalation opened 10-01, resolved 10-05, reopened 11-20.
run escalate open globex "Billing" --severity low --at 2026-10-01
run escalate resolve 2 --root-cause "Typo" --at 2026-10-05
run escalate reopen 2 --at 2026-11-20
check "the timeline holds each severity" [ "$(sql "SELECT group_concat(kind || ':' || ifnull(severity, '-'), ' ') FROM escalation_updates")" = "opened:medium severity:critical resolved:- opened:low resolved:- reopened:-" ]

health_at() { run --csv --no-header report health --at "$1"; }
# Before anything was recorded: no data.
health_at 2026-08-31
expect_out $'acme,Acme,n/a,,,,,,\nglobex,Globex,n/a,,,,,,' "--at before any record"
# 10-15: NPS 8 (80) and the escalation open with the severity it had then, medium
# (100 − 15 = 85), though it was raised since: (25·80 + 20·85) / 45 = 82.2 green.
# globex: its escalation resolved on 10-05 (100).
health_at 2026-10-15
expect_out $'acme,Acme,green,82.2,80.0,,85.0,,\nglobex,Globex,green,100.0,,,100.0,,' "--at 2026-10-15"
# globex on 10-03: open before it was resolved, low (100 − 5 = 95).
health_at 2026-10-03
expect_out_has "globex,Globex,green,95.0,,,95.0,," "open before its resolution"
# 11-09, the day before the second answer: NPS 8 still, critical open (50):
# (25·80 + 20·50) / 45 = 66.7 yellow.
health_at 2026-11-09
expect_out_has "acme,Acme,yellow,66.7,80.0,,50.0,," "before the answer arrives"
# 11-10, the answer arrives: NPS 4 (40): (25·40 + 20·50) / 45 = 44.4 yellow. The escalation
# resolved on 11-15 was still open.
health_at 2026-11-10
expect_out_has "acme,Acme,yellow,44.4,40.0,,50.0,," "after the answer arrives"
health_at 2026-11-14
expect_out_has "acme,Acme,yellow,44.4,40.0,,50.0,," "resolved after the day: open on it"
# Today: acme's escalation resolved (100): (25·40 + 20·100) / 45 = 66.7; globex reopened (95).
run --csv --no-header report health
today=$out
expect_out $'acme,Acme,yellow,66.7,40.0,,100.0,,\nglobex,Globex,green,95.0,,,95.0,,' "today"
health_at today
check "--at today is today's health" [ "$out" = "$today" ]
health_at 2026-11-22
check "--at the day of --today is today's health" [ "$out" = "$today" ]
run account list --csv --no-header --columns key,health,health_score
expect_out $'acme,yellow,66.7\nglobex,green,95.0' "account list agrees"

# --explain with --at: the arithmetic of that day.
run report health --explain acme --at 2026-10-15
expect_out_has "1 open (1 medium): penalty 15"
expect_out_has "score = 80.0 × 0.556 + 85.0 × 0.444 = 82.2 (green)"
run --json report health --explain acme --at 2026-11-10
expect_out_has '"health_score":44.4'

expect_fails 2 "--at 2026-11-23 is after today (expected a day no later than 2026-11-22)" report health --at 2026-11-23
expect_fails 2 "--at 2026-13-01 is not a valid date" report health --at 2026-13-01
expect_fails 2 "--at soon is not a valid date" report health --explain acme --at soon

# --- trend ------------------------------------------------------------------------
# Each month's health on its last day (today for November); null before the account had
# data. acme on 09-30: only the medium escalation (85); 10-31: 82.2 as on 10-15; 11-22: 66.7.
# globex: nothing before its escalation of 10-01; 10-31: resolved (100); 11-22: reopened (95).
run --csv report health --trend --period 2026
expect_status 0 "trend"
expected="key,period,health_score,health"
for month in 01 02 03 04 05 06 07 08; do expected+=$'\n'"acme,2026-$month,,"; done
expected+=$'\nacme,2026-09,85.0,green\nacme,2026-10,82.2,green\nacme,2026-11,66.7,yellow'
for month in 01 02 03 04 05 06 07 08 09; do expected+=$'\n'"globex,2026-$month,,"; done
expected+=$'\nglobex,2026-10,100.0,green\nglobex,2026-11,95.0,green'
expect_out "$expected" "a trend whose months are null before the first data"
# Each month's row is that day's --at.
run --csv --no-header report health --at 2026-09-30
expect_out_has "acme,Acme,green,85.0,,,85.0,," "the trend's September is --at 2026-09-30"
# One account, by ISO week (Monday to Sunday), the first week cut to the period: 10-25 as
# on 10-15 (82.2); 11-01 critical from that day (66.7); 11-08 the same; 11-15 NPS 4, resolved
# (66.7); 11-22 today.
run --csv --no-header report health --trend acme --from 2026-10-20 --to 2026-11-22 --by week
expect_out $'acme,2026-W43,82.2,green\nacme,2026-W44,66.7,yellow\nacme,2026-W45,66.7,yellow\nacme,2026-W46,66.7,yellow\nacme,2026-W47,66.7,yellow' "trend by week"
# A period beyond today ends today; months after today are left out.
run --csv --no-header report health --trend globex --period 2026-Q4
expect_out $'globex,2026-10,100.0,green\nglobex,2026-11,95.0,green' "no month after today"
run --json report health --trend globex --period 2026-11
expect_out $'[\n{"key":"globex","period":"2026-11","health_score":95.0,"health":"green"}\n]'
# On a terminal: a sparkline per account on its last row, ▁ (0) to █ (100), · without data.
if command -v script >/dev/null; then
  command=$(printf '%q ' "$ACM" --color never report health --trend --period 2026)
  script -qec "stty cols 80 rows 50; $command" /dev/null >"$SCRATCH/tty-out" </dev/null
  tty_out=$(tr -d '\r' <"$SCRATCH/tty-out")
  check "sparkline header" grep -q "KEY *PERIOD *HEALTH_SCORE *HEALTH *TREND" <<<"$tty_out"
  check "acme's sparkline: 85, 82.2, 66.7" grep -q "^acme *2026-11 *66.7 *yellow *········▇▇▆$" <<<"$tty_out"
  check "globex's sparkline: 100, 95" grep -q "^globex *2026-11 *95.0 *green *·········██$" <<<"$tty_out"
  check "one sparkline per account" [ "$(grep -c '[▁▂▃▄▅▆▇█]' <<<"$tty_out")" = 2 ]
else
  fail "the script command (util-linux) is installed"
fi
run report health --trend --period 2026
expect_out_lacks "TREND" "no sparkline in a pipe"
expect_fails 2 "--trend needs the period: --period P (e.g. 2026, last-quarter) or --from D [--to D]" report health --trend
expect_fails 2 "--by quarter is not valid (expected week or month)" report health --trend --period 2026 --by quarter
expect_fails 2 "--trend shows every period's health; it does not take --at, --at-risk or --explain" report health --trend --period 2026 --at 2026-10-01
expect_fails 2 "ACCOUNT acme is for --trend (for one account's score: --explain acme)" report health acme
expect_fails 2 "--period, --from, --to and --by are for --trend (for one past day: --at D)" report health --period 2026
expect_fails 1 "no account acmee (did you mean acme?)" report health --trend acmee --period 2026

# account show: the score 90, 60 and 30 days ago (08-24: no data; 09-23: 85; 10-23: 82.2).
run --json account show acme
expect_out_has '"health_history":[{"days_ago":90,"date":"2026-08-24","health_score":null,"health":null},{"days_ago":60,"date":"2026-09-23","health_score":85.0,"health":"green"},{"days_ago":30,"date":"2026-10-23","health_score":82.2,"health":"green"}]'
run account show acme
expect_out_has "Health before"

# A workspace from before the severity column: its timeline's text gives the severity of
# each "opened" and "severity" entry; a text that does not read as one leaves it NULL.
export ACM_WORKSPACE=$SCRATCH/v9.db
{ echo 'PRAGMA application_id = 1094929713; PRAGMA journal_mode = WAL;'
  cat "$ACM_SOURCE_DIR"/src/store/migrations/00[1-9]_*.sql
  echo "PRAGMA user_version = 9;
INSERT INTO accounts (id, key, name, status, created_at, updated_at) VALUES (1, 'acme', 'Acme', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO escalations (id, account_id, title, severity, opened_at, sla_due_at) VALUES
  (1, 1, 'Slow (again)', 'high', '2026-09-01T00:00:00Z', '2026-09-02T00:00:00Z');
INSERT INTO escalation_updates (escalation_id, at, kind, text) VALUES
  (1, '2026-09-01T00:00:00Z', 'opened', 'opened (low): Slow (again)'),
  (1, '2026-10-01T00:00:00Z', 'severity', 'severity low → high'),
  (1, '2026-10-02T00:00:00Z', 'severity', 'severity was changed'),
  (1, '2026-10-03T00:00:00Z', 'note', 'opened (critical): not an opening');"
} | sqlite3 "$ACM_WORKSPACE" >/dev/null
run --csv --no-header report health --at 2026-09-15
expect_status 0 "a version-9 workspace is migrated"
expect_out "acme,Acme,green,95.0,,,95.0,," "the severity at opening read from the text (low)"
check "severities filled in" [ "$(sql "SELECT group_concat(ifnull(severity, '-'), ' ') FROM escalation_updates")" = "low high - -" ]
run --csv --no-header report health --at 2026-10-15
expect_out "acme,Acme,green,70.0,,,70.0,," "the severity raised later (high): 100 − 30"
run check
expect_status 0 "acm check after the migration"

finish
