#!/usr/bin/env bash
# report briefing: what changed since a day — new escalations, negative feedback, renewals
# entering the reminder window, health color changes, touchpoints — as chat-ready text
# and as rows for pipelines; --owner and --since narrow it.
. "$(dirname "$0")/lib.sh"
run init
run account add Alpha --owner ann
run account add Bravo --owner bob
run escalate open alpha "Old outage" --severity low --at 2026-11-01T09:00
run escalate resolve 1 --root-cause "disk" --at 2026-11-01T12:00
run escalate open alpha "Outage" --severity critical --at 2026-11-16T09:00
run escalate open alpha "Billing" --severity high --owner lee --at 2026-11-17T09:00
run feedback add bravo --nps 2 --date 2026-11-10                       # before the interval
run feedback add bravo --nps 9 --date 2026-11-17                       # not negative
run feedback add bravo --nps 3 --text "Slow" --date 2026-11-18
# Reminder window: the largest renewal.remind_days (90) before the notice deadline.
run contract add bravo --start 2026-02-21 --end 2027-02-20 --arr 12k   # enters on 2026-11-22
run contract add alpha --start 2026-04-01 --end 2027-03-31 --arr 50k   # enters on 2026-12-31
run contract add alpha --start 2026-02-02 --end 2027-02-01 --arr 5k    # entered on 2026-11-03
run account note add alpha "QBR done" --kind qbr --date 2026-11-20
run account note add alpha "Old call" --kind call --date 2026-11-01

run report briefing
expect_status 0 "report briefing"
expect_out 'Briefing since 2026-11-15

Open escalations past their SLA
- 2026-11-17 alpha: critical: Outage, SLA due 2026-11-17 09:00
- 2026-11-20 alpha: high: Billing (owner lee), SLA due 2026-11-20 09:00

New escalations
- 2026-11-16 alpha: critical: Outage
- 2026-11-17 alpha: high: Billing (owner lee)

Negative feedback
- 2026-11-18 bravo: NPS 3: "Slow"

Open follow-ups
- 2026-11-10 bravo: NPS 2

Renewals entering the reminder window
- 2026-11-22 bravo: due 2027-02-20, notice deadline 2027-02-20, 12,000.00 EUR, risk low

Health changes
- 2026-11-22 alpha: green 100.0 → yellow 54.3

Touchpoints
- 2026-11-20 alpha: qbr: QBR done' "the briefing of the last 7 days, hand-checked"
# Alpha on the 15th: no open escalation (100), last touch 2026-11-01 (100) → 100.0; today two
# open (critical 50 + high 30 → 20) and a touch on the 20th (100): (20·20 + 100·15) / 35 = 54.3.
# Bravo stays red (NPS 2, then NPS 3): no change. The NPS 2 of the 10th is before the interval,
# its follow-up still open; the two escalations are past their SLA (critical 1 day, high 3).

run --json report briefing --owner bob
check "--owner, as json rows" python3 - "$out" <<'PY'
import json, sys
rows = json.loads(sys.argv[1])
assert [(r["section"], r["account"], r["date"]) for r in rows] == \
    [("negative_feedback", "bravo", "2026-11-18"), ("follow_ups", "bravo", "2026-11-10"),
     ("renewals", "bravo", "2026-11-22")], rows
PY
run --csv report briefing --since 1d
expect_out $'section,account,date,summary
breached_escalations,alpha,2026-11-17,"critical: Outage, SLA due 2026-11-17 09:00"
breached_escalations,alpha,2026-11-20,"high: Billing (owner lee), SLA due 2026-11-20 09:00"
follow_ups,bravo,2026-11-10,NPS 2 (and 1 more)
renewals,bravo,2026-11-22,"due 2027-02-20, notice deadline 2027-02-20, 12,000.00 EUR, risk low"' \
  "--since 1d: what is still open, and the renewal entering the window today"
run report briefing --since 1d --owner nobody
expect_out $'Briefing (nobody) since 2026-11-21\nNothing changed.' "an empty briefing says so"
run report briefing --since 2026-11-01
expect_out_has "- 2026-11-01 alpha: low: Old outage, resolved since" "a date as --since; resolved escalations say so"
expect_out_has "- 2026-11-03 alpha: due 2027-02-01" "the renewal that entered on the 3rd"
expect_fails 2 "--since soon is not valid" report briefing --since soon

finish
