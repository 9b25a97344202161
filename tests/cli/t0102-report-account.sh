#!/usr/bin/env bash
# report account: the QBR review of one account on a hand-computed example — ARR at each
# month end across an amendment, usage per month, feedback of the period only, health,
# opportunities, milestones and time to value — in json, the long csv, and html.
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme <script>alert(1)</script>" --key acme --owner ann
run account add Other
run contract add acme --start 2026-01-01 --end 2026-12-31 --arr 120k
run contract amend 1 --arr 180k --effective 2026-07-01
run account usage add acme --date 2026-07-10 --active-users 100 --logins 10
run account usage add acme --date 2026-07-20 --active-users 50 --logins 20
run feedback add acme --nps 10 --date 2026-03-01
run feedback add acme --nps 9 --date 2026-04-01
run feedback add acme --nps 2 --date 2026-05-01
run feedback add acme --nps 0 --date 2025-12-31      # before the period
run feedback add other --nps 0 --date 2026-03-01     # another account
run feedback add acme --csat 4 --date 2026-11-01
run account milestone add acme "Kick-off" --due 2026-01-15
run account milestone add acme "Live" --due 2026-02-01
run account milestone done 1 --date 2026-01-20
run account milestone done 2 --date 2026-02-10
run account opportunity add acme "More seats" --value 10k --probability 50
run escalate open acme "Slow reports" --severity low --at 2026-06-01T09:00
run escalate resolve 1 --root-cause "index missing" --at 2026-06-02T09:00

run --json report account acme --period 2026
expect_status 0 "report account --json"
check "the review, hand-computed" python3 - "$out" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
assert r["period"] == {"from": "2026-01-01", "to": "2026-12-31"}, r["period"]
a = r["account"]
assert a["key"] == "acme" and a["name"] == "Acme <script>alert(1)</script>" and a["arr"] == 180000, a
assert a["time_to_value_days"] == 40, a   # 2026-01-01 (contract start) to 2026-02-10 (last milestone)
assert a["health"] == "green" and a["health_score"] == 89.3, a   # CSAT 4 → 75 (15), no open escalation → 100 (20): 3125 / 35
history = [(m["month"], m["arr"]) for m in r["arr_history"]]
assert history == [("2026-%02d" % m, 120000 if m < 7 else 180000) for m in range(1, 13)], history
usage = {m["month"]: m for m in r["usage"]}
assert usage["2026-07"]["mean_active_users"] == 75.0 and usage["2026-07"]["logins"] == 30 and usage["2026-07"]["days"] == 2, usage
assert usage["2026-08"]["mean_active_users"] is None and usage["2026-08"]["days"] == 0, usage
fb = r["feedback_stats"]
assert fb["nps"] == 33.3333333333333 and fb["nps_responses"] == 3 and fb["csat_responses"] == 1, fb   # (2 − 1) / 3
esc = r["escalation_stats"]
assert esc["opened"] == 1 and esc["resolved"] == 1 and esc["mean_hours_to_resolve"] == 24.0, esc
assert r["escalations"] == [], r["escalations"]
health = {c["component"]: c for c in r["health_components"]}
assert health["csat"]["value"] == 75.0 and health["nps"]["value"] is None, health
(opp,) = r["opportunities"]
assert opp["title"] == "More seats" and opp["weighted_value"] == 5000, opp
assert [(m["title"], m["status"]) for m in r["milestones"]] == [("Kick-off", "late"), ("Live", "late")], r["milestones"]
assert len(r["contracts"]) == 1 and len(r["renewals"]) == 1, r
PY

run --csv report account acme --period 2026
expect_status 0 "report account --csv"
check "the long csv: one row per cell, read by a csv parser" python3 - "$out" <<'PY'
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
assert list(rows[0]) == ["section", "row", "column", "value"], rows[0]
cell = {(r["section"], r["row"], r["column"]): r["value"] for r in rows}
assert cell[("account", "1", "name")] == "Acme <script>alert(1)</script>"
assert cell[("arr_history", "7", "month")] == "2026-07" and cell[("arr_history", "7", "arr")] == "180000.00"
assert abs(float(cell[("feedback_stats", "1", "nps")]) - 100 / 3) < 1e-4 and cell[("usage", "7", "mean_active_users")] == "75"
assert cell[("health_components", "2", "share")] == "0.428571428571429", cell[("health_components", "2", "share")]   # csat 15 / (15 + 20)
PY

run report account acme --period 2026
expect_status 0 "report account (table)"
expect_out_has "Acme <script>alert(1)</script> — review 2026-01-01 to 2026-12-31" "title line"
expect_out_has "ARR history" "sections"
expect_out_has "Milestones"

run --format html report account acme --period 2026
expect_status 0 "report account --format html"
check "one self-contained page" python3 - "$out" <<'PY'
import sys
page = sys.argv[1]
assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
assert "<svg" in page and "<rect" in page
assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
for external in ("http://", "https://", " src=", " href=", "@import", "url("):
    assert external not in page, external
PY

run --json report account acme
check "default period: the twelve months up to the end of this one" python3 -c '
import json, sys; r = json.loads(sys.argv[1])
assert r["period"] == {"from": "2025-12-01", "to": "2026-11-30"}, r["period"]
assert len(r["arr_history"]) == 12' "$out"

expect_fails 2 "--to needs --from" report account acme --to 2026-06-30
expect_fails 1 "no account acmee" report account acmee
expect_fails 2 "--period 2026-13 is not a valid period" report account acme --period 2026-13
expect_fails 2 "--format html is not valid (expected table, csv, tsv or json)" --format html account list
expect_fails 2 "--format html is not valid" --format html report portfolio

finish
