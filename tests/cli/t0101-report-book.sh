#!/usr/bin/env bash
# report portfolio / feedback / escalations / health / profitability / pipeline on a
# hand-computed worked example: answers, escalations and costs outside the period are
# excluded, USD amounts converted with [fx], empty periods give null ratios, revenue is
# ARR pro-rated by day across an amendment. CSV and JSON parsed with python.
. "$(dirname "$0")/lib.sh"
run init
run account add Alpha --segment enterprise --owner ann
run account add Bravo --segment smb --owner bob
run account add Charlie --segment smb --owner bob
run account add Delta --segment smb --owner ann
FX=(-c fx.USD=0.9)

# Contracts: Alpha 365k/yr (1,000/day), amended to 730k from July (2,000/day), 5k one-time;
# Bravo USD 36.5k (USD 100/day) from April with USD 1k one-time; Charlie 73k (200/day) ending mid-August.
run contract add alpha --start 2026-01-01 --end 2026-12-31 --arr 365k --one-time 5k
run contract amend 1 --arr 730k --effective 2026-07-01
run contract add bravo --start 2026-04-01 --end 2027-03-31 --arr "USD 36.5k" --one-time "USD 1k"
run contract add charlie --start 2025-08-16 --end 2026-08-15 --arr 73k
run account cost add alpha --amount 1000 --date 2026-07-15 --category support
run account cost add alpha --amount 500 --date 2026-06-30
run account cost add bravo --amount "USD 100" --date 2026-08-01
check "setup: three contracts, three costs" [ "$(sql "SELECT count(*) FROM contracts") $(sql "SELECT count(*) FROM costs")" = "3 3" ]

# --- profitability ---------------------------------------------------------------------------
# Q3 (92 days): Alpha 92 × 2,000 = 184,000; Bravo 92 × USD 100 = USD 9,200 = 8,280 EUR; Charlie
# 46 days (Jul 1 – Aug 15) × 200 = 9,200. Costs: 1,000 (Alpha), USD 100 = 90 (Bravo); the
# June cost is outside. No contract starts in Q3: no one-time revenue.
run "${FX[@]}" --csv report profitability --period 2026-Q3 --by segment
expect_status 0 "report profitability"
check "profitability Q3 by segment, hand-computed" python3 - "$out" <<'PY'
import csv, io, sys
rows = {r["segment"]: r for r in csv.DictReader(io.StringIO(sys.argv[1]))}
assert sorted(rows) == ["enterprise", "smb"], rows
want = {"enterprise": ("184000.00", "0.00", "184000.00", "1000.00", "183000.00", 183000 / 184000),
        "smb": ("17480.00", "0.00", "17480.00", "90.00", "17390.00", 17390 / 17480)}
for segment, (recurring, one_time, revenue, cost, margin, pct) in want.items():
    r = rows[segment]
    assert r["period"] == "2026-Q3", r
    assert (r["recurring_revenue"], r["one_time_revenue"], r["revenue"], r["cost_to_serve"], r["margin"]) == \
        (recurring, one_time, revenue, cost, margin), r
    assert abs(float(r["margin_pct"]) - pct) < 5e-5, r
PY
run "${FX[@]}" --json report profitability --period 2026-Q3 --by month
check "profitability by month adds up to the quarter" python3 - "$out" <<'PY'
import json, sys
rows = json.loads(sys.argv[1])
assert [r["period"] for r in rows] == ["2026-07", "2026-08", "2026-09"], rows
# July: 62,000 + 2,790 + 6,200; August: 62,000 + 2,790 + 3,000 (Charlie ends on the 15th); September: 60,000 + 2,700.
assert [r["recurring_revenue"] for r in rows] == [70990, 67790, 62700], rows
assert [r["cost_to_serve"] for r in rows] == [1000, 90, 0], rows
assert sum(r["recurring_revenue"] for r in rows) == 184000 + 8280 + 9200
PY
run "${FX[@]}" --csv --no-header --columns one_time_revenue report profitability --period 2026-Q2
expect_out "900.00" "one-time fees count on the contract's start day, converted (USD 1k at 0.9)"
run "${FX[@]}" --csv --no-header --columns revenue,margin_pct report profitability --period 2025-Q1
expect_out "0.00," "an empty period: no revenue, margin % null"
run --csv report profitability --period 2026-Q3
expect_status 1 "a USD contract without a rate"
expect_err_has "no exchange rate for USD" "names the currency"

# --- feedback --------------------------------------------------------------------------------
fb() { run feedback add "$@"; [ "$status" -eq 0 ] || fail "feedback add $*"; }
fb alpha --nps 10 --date 2026-07-10
fb alpha --nps 9 --date 2026-08-01
fb alpha --nps 3 --category billing --date 2026-09-30
fb alpha --nps 0 --date 2026-06-30           # before Q3
fb alpha --nps 10 --date 2026-10-01          # after Q3
fb alpha --csat 5 --date 2026-07-05
fb alpha --csat 3 --date 2026-08-05
fb alpha --csat 4 --date 2026-09-01
fb alpha --ces 2 --date 2026-07-07
fb alpha --ces 5 --date 2026-08-08
fb alpha --kind complaint --text "Invoice wrong" --category billing --date 2026-08-20
fb bravo --nps 6 --category onboarding --date 2026-07-15
fb bravo --nps 8 --date 2026-07-20
fb bravo --nps 10 --date 2026-09-10
run feedback survey add alpha --type nps --sent 10 --date 2026-07-01
run feedback survey add bravo --type csat --sent 5 --date 2026-09-01
run feedback survey add bravo --type nps --sent 100 --date 2026-10-01
# Q3 NPS answers 10, 9, 3, 6, 8, 10: 3 promoters, 2 detractors of 6 → 16.67. CSAT 5, 3, 4 → 2/3.
# CES 2, 5 → 3.5. Scored answers 11 of 15 surveys sent. Negative: NPS 3, CES 5, the complaint, NPS 6.
run --csv report feedback --period 2026-Q3
expect_status 0 "report feedback"
check "feedback Q3, hand-computed" python3 - "$out" <<'PY'
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
assert len(rows) == 1, rows
r = rows[0]
want = {"period": "2026-Q3", "nps": "16.6666666666667", "nps_responses": "6", "csat_responses": "3", "ces": "3.5",
        "ces_responses": "2", "surveys_sent": "15", "negative": "4", "top_categories": "billing (2), onboarding (1)"}
for key, value in want.items():
    assert r[key] == value, (key, r[key], value)
assert abs(float(r["csat"]) - 2 / 3) < 5e-5, r
assert abs(float(r["response_rate"]) - 11 / 15) < 5e-5, r
PY
run --json report feedback --period 2026-Q3 --by segment
check "feedback by segment: 0.0 is a score, not null" python3 - "$out" <<'PY'
import json, sys
rows = {r["segment"]: r for r in json.loads(sys.argv[1])}
assert rows["enterprise"]["nps"] == 33.3333333333333 and rows["enterprise"]["nps_responses"] == 3, rows
assert rows["smb"]["nps"] == 0.0 and rows["smb"]["nps_responses"] == 3, rows
assert rows["smb"]["csat"] is None and rows["smb"]["response_rate"] == 0.6, rows
PY
run --json report feedback --period 2025-Q1
check "an empty period gives null scores and ratios" python3 - "$out" <<'PY'
import json, sys
(r,) = json.loads(sys.argv[1])
assert r["nps"] is None and r["csat"] is None and r["ces"] is None and r["response_rate"] is None, r
assert r["nps_responses"] == 0 and r["surveys_sent"] == 0 and r["top_categories"] == [], r
PY

# --- escalations (SLA defaults: critical 1d, high 3d, medium 7d, low 14d) ----------------------
esc() { run escalate open "$@"; [ "$status" -eq 0 ] || fail "escalate open $*"; }
esc alpha "E1" --severity high --at 2026-07-01T10:00
run escalate resolve 1 --root-cause "config error" --at 2026-07-02T10:00       # 24 h, within SLA
esc alpha "E2" --severity critical --at 2026-08-01T00:00
run escalate resolve 2 --root-cause "config error" --at 2026-08-03T12:00       # 60 h, breached 08-02
esc bravo "E3" --severity medium --at 2026-09-20T09:00                          # open, breached 09-27
esc bravo "E4" --severity low --at 2026-06-01T09:00
run escalate resolve 4 --root-cause "bug" --at 2026-07-10T09:00                # 936 h, breached in Q2
esc charlie "E5" --severity high --at 2026-10-05T09:00                          # after Q3
esc alpha "E6" --severity low --at 2026-05-01T09:00
run escalate resolve 6 --root-cause "bug" --at 2026-05-02T09:00                # all in Q2
esc charlie "E7" --severity low --at 2026-11-01T09:00
run --csv report escalations --period 2026 --by quarter
expect_status 0 "report escalations"
check "escalations per quarter, hand-computed" python3 - "$out" <<'PY'
import csv, io, sys
rows = {r["period"]: r for r in csv.DictReader(io.StringIO(sys.argv[1]))}
q2, q3 = rows["2026-Q2"], rows["2026-Q3"]
want3 = {"opened": "3", "resolved": "3", "open_at_end": "1", "open_critical": "0", "open_high": "0",
         "open_medium": "1", "open_low": "0", "mean_hours_to_resolve": "340.0", "median_hours_to_resolve": "60.0",
         "sla_breaches": "2", "top_root_causes": "config error (2), bug (1)"}
for key, value in want3.items():
    assert q3[key] == value, (key, q3[key], value)
want2 = {"opened": "2", "resolved": "1", "open_at_end": "1", "open_low": "1", "mean_hours_to_resolve": "24.0",
         "sla_breaches": "1", "top_root_causes": "bug (1)"}
for key, value in want2.items():
    assert q2[key] == value, (key, q2[key], value)
q1 = rows["2026-Q1"]
assert q1["opened"] == "0" and q1["mean_hours_to_resolve"] == "" and q1["top_root_causes"] == "", q1
PY

# --- health (today 2026-11-22; feedback window 180 days) -----------------------------------------
fb delta --nps 2 --date 2026-11-01
# Alpha: latest NPS 10 → 100, CSAT mean 4 → 75, no open escalation → 100: (25·100 + 15·75 + 20·100) / 60 = 93.75.
# Bravo: NPS 10 → 100, one open medium → 85: (25·100 + 20·85) / 45 = 93.3. Charlie: open high and low → 65.
# Delta: NPS 2 → 20.
run --csv report health
expect_status 0 "report health"
expect_out $'key,name,health,health_score,nps,csat,escalations,usage,engagement
alpha,Alpha,green,93.8,100.0,75.0,100.0,,
bravo,Bravo,green,93.3,100.0,,85.0,,
charlie,Charlie,yellow,65.0,,,65.0,,
delta,Delta,red,20.0,20.0,,,,' "health rows: color, score, components (null without data)"
run --csv --no-header --columns key,health_score report health --at-risk
expect_out $'delta,20.0\ncharlie,65.0' "--at-risk: red and yellow only, worst first"
run --csv --no-header --columns key report health --owner bob
expect_out $'bravo\ncharlie' "--owner"
run report health --explain alpha
expect_status 0 "--explain"
expect_out_has "score = 100.0 × 0.417 + 75.0 × 0.250 + 100.0 × 0.333 = 93.8 (green)" "the arithmetic"
run --json report health --explain alpha
check "--explain --json: the score and one object per component" python3 - "$out" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert d["key"] == "alpha" and d["health"] == "green" and d["health_score"] == 93.8, d
rows = {r["component"]: r for r in d["health_components"]}
assert rows["csat"]["value"] == 75.0 and rows["csat"]["weight"] == 15.0 and abs(rows["csat"]["share"] - 0.25) < 1e-4, rows
assert rows["usage"]["value"] is None and rows["usage"]["share"] is None, rows
PY
expect_fails 1 "no account zulu" report health --explain zulu
expect_fails 2 "--explain shows one account" report health --explain alpha --at-risk

# --- portfolio ----------------------------------------------------------------------------------
# ARR today: Alpha 730,000, Bravo USD 36,500 = 32,850; Charlie ended. MRR = ARR / 12.
# Renewals due within 90 days: Alpha's on 2026-12-31. Open escalations: E3, E5, E7.
run "${FX[@]}" --csv report portfolio
expect_status 0 "report portfolio"
expect_out $'accounts,customers,arr,mrr,green,yellow,red,no_health,renewals_due,renewals_due_arr,open_escalations
4,2,762850.00,63570.83,2,1,1,0,1,730000.00,3' "portfolio, hand-computed"
run "${FX[@]}" --csv report portfolio --by owner
expect_out $'owner,accounts,customers,arr,mrr,green,yellow,red,no_health,renewals_due,renewals_due_arr,open_escalations
ann,2,1,730000.00,60833.33,1,0,1,0,1,730000.00,0
bob,2,1,32850.00,2737.50,1,1,0,0,0,0.00,3' "portfolio by owner"
run "${FX[@]}" --csv --no-header --columns renewals_due report portfolio --within 30d
expect_out "0" "--within narrows the renewal window"
expect_fails 2 "--within soon is not a valid duration" report portfolio --within soon
expect_fails 2 "--by quarter is not valid" report portfolio --by quarter

# --- pipeline (this quarter: 2026-Q4) ------------------------------------------------------------
opp() { run account opportunity add "$@"; [ "$status" -eq 0 ] || fail "opportunity add $*"; }
opp alpha "O1" --value 100k --probability 50 --close 2027-01-15
opp bravo "O2" --value "USD 10k" --kind cross-sell --probability 25 --close 2026-12-01
opp alpha "O3" --value 20k --stage won --close 2026-11-01
opp charlie "O4" --value 5k --stage lost --close 2026-10-10
opp delta "O5" --value 7k --stage won --close 2026-06-01    # won before the quarter
opp delta "O6" --value 3k --probability 10
run "${FX[@]}" --csv report pipeline
expect_status 0 "report pipeline"
expect_out $'stage,kind,opportunities,value,weighted_value,next_close
open,upsell,2,103000.00,50300.00,2027-01-15
open,cross-sell,1,9000.00,2250.00,2026-12-01
won,upsell,1,20000.00,20000.00,
lost,upsell,1,5000.00,0.00,' "pipeline: open ones, won/lost in the quarter, weighted, in EUR"
run "${FX[@]}" --json report pipeline --by owner --period 2026
check "pipeline by owner over the year" python3 - "$out" <<'PY'
import json, sys
rows = [(r["owner"], r["stage"], r["kind"], r["opportunities"], r["weighted_value"]) for r in json.loads(sys.argv[1])]
assert rows == [("ann", "open", "upsell", 2, 50300), ("ann", "won", "upsell", 2, 27000),
                ("bob", "open", "cross-sell", 1, 2250), ("bob", "lost", "upsell", 1, 0)], rows
PY
expect_fails 2 "--period 2026-Q5 is not a valid period" report pipeline --period 2026-Q5

# --- every report's JSON and CSV parse with an independent parser ----------------------------------
for report in "portfolio" "portfolio --by tier" "feedback --period 2026 --by month" "escalations --period 2026-Q3 --by owner" \
  "health" "health --at-risk" "profitability --period 2026 --by account" "pipeline --by segment"; do
  # shellcheck disable=SC2086
  run "${FX[@]}" --json report $report
  check "report $report --json parses" python3 -c 'import json, sys; rows = json.loads(sys.argv[1]); assert isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows)' "$out"
  json_rows=$(python3 -c 'import json, sys; print(len(json.loads(sys.argv[1])))' "$out")
  # shellcheck disable=SC2086
  run "${FX[@]}" --csv report $report
  check "report $report --csv parses to the same rows as --json" python3 -c 'import csv, io, sys; rows = list(csv.DictReader(io.StringIO(sys.argv[1]))); assert len(rows) == int(sys.argv[2]), (len(rows), sys.argv[2])' "$out" "$json_rows"
done
run "${FX[@]}" --json report portfolio
check "portfolio --json: numbers are numbers" python3 - "$out" <<'PY'
import json, sys
(r,) = json.loads(sys.argv[1])
assert r["arr"] == 762850 and r["mrr"] == 63570.83 and r["accounts"] == 4 and r["open_escalations"] == 3, r
PY

finish
