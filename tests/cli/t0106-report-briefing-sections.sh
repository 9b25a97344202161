#!/usr/bin/env bash
# report briefing on a week with every kind of change: each section holds exactly its items,
# the sections come most urgent first, in text, Markdown and JSON.
. "$(dirname "$0")/lib.sh"
run init
for key in acme beta gamma delta echo; do run account add "${key^}" --key $key --owner ann; done
# Escalations: one open for weeks (past its SLA), one opened this week, one resolved this week.
run escalate open acme "Data loss" --severity critical --at 2026-10-01T09:00
run escalate open beta "Login slow" --severity low --at 2026-11-18T09:00
run escalate open gamma "Export broken" --severity high --at 2026-11-10T09:00
run escalate resolve 3 --root-cause "bad index" --at 2026-11-19T09:00
# Renewals closed this week: an expansion, a contraction, a churn.
run contract add acme --start 2025-11-20 --end 2026-11-19 --arr 100k          # contract 1
run contract add beta --start 2025-11-20 --end 2026-11-19 --arr 50k           # contract 2
run contract add gamma --start 2025-11-20 --end 2026-11-19 --arr 30k          # contract 3
run --today 2026-11-18 renewal close 1 --renewed --arr 120k
run --today 2026-11-19 renewal close 2 --renewed --arr 40k
run --today 2026-11-20 renewal close 3 --churned --reason "went in-house"
# Feedback: negative this week, and an older one whose follow-up is still open.
run feedback add delta --nps 1 --text "Too slow" --date 2026-11-19
run feedback add echo --csat 1 --date 2026-10-05
# A renewal entering the reminder window (90 days before its notice deadline) this week.
run contract add echo --start 2026-02-19 --end 2027-02-18 --arr 12k
# New and terminated contracts this week.
run contract add delta --start 2026-12-01 --end 2027-11-30 --arr 24k --signed 2026-11-17 --title "Delta 2027"
run contract add delta --start 2026-01-01 --end 2026-12-31 --arr 6k --title "Pilot"
run contract terminate "$out" --date 2026-11-21 --reason "pilot ended"
# A touchpoint.
run account note add beta "QBR held" --kind qbr --date 2026-11-16
# Tasks added today: an open one, and one done already (not listed).
run task add echo "Call about the renewal" --due 2026-11-25 --priority high
run task add echo "Send the deck"
run task done "$out"

run report briefing
expect_status 0 "report briefing"
expect_out 'Briefing since 2026-11-15

Open escalations past their SLA
- 2026-10-02 acme: critical: Data loss, SLA due 2026-10-02 09:00

New escalations
- 2026-11-18 beta: low: Login slow

Renewals closed
- 2026-11-20 gamma: churned, 30,000.00 EUR lost: went in-house
- 2026-11-21 delta: churned, 6,000.00 EUR lost: terminated: pilot ended
- 2026-11-18 acme: renewed, 100,000.00 EUR → 120,000.00 EUR (expansion +20,000.00 EUR)
- 2026-11-19 beta: renewed, 50,000.00 EUR → 40,000.00 EUR (contraction -10,000.00 EUR)

Negative feedback
- 2026-11-19 delta: NPS 1: "Too slow"

Open follow-ups
- 2026-10-05 echo: CSAT 1

Renewals entering the reminder window
- 2026-11-20 echo: due 2027-02-18, notice deadline 2027-02-18, 12,000.00 EUR, risk low

Health changes
- 2026-11-22 beta: n/a → green 97.1
- 2026-11-22 delta: n/a → red 10.0

Terminated contracts
- 2026-11-21 delta: Pilot, terminated: pilot ended

Tasks added
- 2026-11-22 echo: high: Call about the renewal (due 2026-11-25, owner ann)

Resolved escalations
- 2026-11-19 gamma: high: Export broken, root cause: bad index

New contracts
- 2026-11-17 delta: Delta 2027, 2026-12-01 to 2027-11-30, 24,000.00 EUR

Touchpoints
- 2026-11-16 beta: qbr: QBR held' "every section, most urgent first"

run --format md report briefing
expect_status 0 "report briefing --format md"
check "markdown: the same sections as headings, items as list lines" python3 - "$out" <<'PY'
import re, sys
md = sys.argv[1]
assert md.startswith("# Briefing since 2026-11-15\n"), md[:40]
assert re.findall(r"^## (.*)$", md, re.M) == [
    "Open escalations past their SLA", "New escalations", "Renewals closed", "Negative feedback", "Open follow-ups",
    "Renewals entering the reminder window", "Health changes", "Terminated contracts", "Tasks added", "Resolved escalations",
    "New contracts", "Touchpoints"], md
assert '- **2026-11-19 delta**: NPS 1: "Too slow"' in md, md
assert "- **2026-11-18 beta**: low: Login slow" in md, md
PY
run --json report briefing
check "json: one row per item, by section" python3 - "$out" <<'PY'
import json, sys
rows = json.loads(sys.argv[1])
sections = [r["section"] for r in rows]
assert sections == ["breached_escalations", "escalations", "renewals_closed", "renewals_closed", "renewals_closed",
                    "renewals_closed", "negative_feedback", "follow_ups", "renewals", "health", "health",
                    "contracts_terminated", "tasks", "escalations_resolved", "contracts_new", "notes"], sections
PY
# Markup in the data stays text in Markdown.
run account note add beta "[click](http://x) *now*" --kind call --date 2026-11-21
run --format md report briefing --since 1d
expect_out_has '- **2026-11-21 beta**: call: \[click\](http://x) \*now\*' "markdown: the data's markup escaped"
expect_fails 2 "--format html is not valid" --format html report briefing

finish
