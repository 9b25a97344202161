#!/usr/bin/env bash
# report retention / arr / renewals on a hand-computed worked example (acm-report(1)):
# one quarter with an expansion, two contractions (an amendment and a downgrade at
# renewal), a churn and a new logo in another currency; the same data by month chains
# to the quarter; an empty period gives null ratios. CSV and JSON parsed independently.
. "$(dirname "$0")/lib.sh"
export ACM_TODAY=2026-11-23
run init
for name in Alpha Bravo Charlie Foxtrot Delta; do run account add "$name" --segment smb; done
run account edit alpha --segment enterprise
run contract add alpha --start 2025-01-01 --end 2025-12-31 --arr 100k      # 1: renewed at 120k
run contract add bravo --start 2025-07-01 --end 2026-06-30 --arr 50k       # 2: amended to 40k
run contract add charlie --start 2025-04-01 --end 2026-03-15 --arr 30k     # 3: churns
run contract add foxtrot --start 2025-03-01 --end 2026-02-28 --arr 40k     # 4: renewed down to 30k
run contract add delta --start 2026-02-01 --end 2027-01-31 --arr "USD 10k" # 5: a new logo, 9k EUR
run renewal close 1 --renewed --arr 120k
run contract amend 2 --arr 40k --effective 2026-02-15
run renewal close 3 --churned --reason "budget"
run renewal close 4 --renewed --arr 30k
check "setup: seven contracts" [ "$(sql "SELECT count(*) FROM contracts")" = 7 ]
FX=(-c fx.USD=0.9)

# Q1: cohort Alpha, Bravo, Charlie, Foxtrot = 220k at the close of 2025-12-31.
# expansion 20k (Alpha); contraction 10k (Bravo) + 10k (Foxtrot); churned 30k (Charlie);
# end 190k; new 9k (Delta); total 199k; GRR 170/220; NRR 190/220; logo churn 1/4.
# Renewals due in Q1: Foxtrot (40k → 30k) and Charlie (30k → churned): 1/2 by logos,
# (30k + 0) / (40k + 30k) by ARR.
run "${FX[@]}" --csv report retention --period 2026-Q1
expect_status 0 "report retention"
check "retention Q1, hand-computed" python3 - "$out" <<'PY'
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
assert len(rows) == 1, rows
r = rows[0]
want = {"period": "2026-Q1", "start_arr": "220000.00", "expansion": "20000.00", "contraction": "20000.00",
        "churned_arr": "30000.00", "end_arr": "190000.00", "new_arr": "9000.00", "total_end_arr": "199000.00",
        "cohort_logos": "4", "churned_logos": "1"}
for key, value in want.items():
    assert r[key] == value, (key, r[key], value)
close = lambda key, value: abs(float(r[key]) - value) < 5e-5  # ratios print with 4 decimals
assert close("grr", 170 / 220), r["grr"]
assert close("nrr", 190 / 220), r["nrr"]
assert close("logo_churn", 0.25), r["logo_churn"]
assert close("renewal_rate_logos", 0.5), r["renewal_rate_logos"]
assert close("renewal_rate_arr", 30 / 70), r["renewal_rate_arr"]
PY

# By month: the movements chain (each total_end_arr is the next start_arr) and add up to the quarter.
run "${FX[@]}" --json report arr --period 2026-Q1 --by month
check "report arr by month chains to the quarter" python3 - "$out" <<'PY'
import json, sys
rows = json.loads(sys.argv[1])
assert [r["period"] for r in rows] == ["2026-01", "2026-02", "2026-03"], rows
want = [(220000, 0, 20000, 0, 0, 240000), (240000, 9000, 0, 10000, 0, 239000), (239000, 0, 0, 10000, 30000, 199000)]
keys = ["start_arr", "new_arr", "expansion", "contraction", "churned_arr", "total_end_arr"]
for row, expected in zip(rows, want):
    assert tuple(row[k] for k in keys) == expected, (row, expected)
for before, after in zip(rows, rows[1:]):
    assert before["total_end_arr"] == after["start_arr"]
PY
run "${FX[@]}" --csv --no-header report arr --period 2026-Q1
expect_out "2026-Q1,220000.00,9000.00,20000.00,20000.00,30000.00,199000.00" "the quarter in one row"
run "${FX[@]}" --csv --no-header --columns period,total_end_arr report arr --from 2026-01-01 --to 2026-02-14 --by month
expect_out $'2026-01,240000.00\n2026-02,249000.00' "--from/--to clips the last month (the day before Bravo's amendment)"

# --by segment groups the cohort; --segment/--owner narrow it.
run "${FX[@]}" --csv --columns period,segment,start_arr,expansion,end_arr,new_arr report retention --period 2026-Q1 --by segment
expect_out $'period,segment,start_arr,expansion,end_arr,new_arr\n2026-Q1,enterprise,100000.00,20000.00,120000.00,0.00\n2026-Q1,smb,120000.00,0.00,70000.00,9000.00'
run "${FX[@]}" --csv --no-header --columns start_arr report retention --period 2026-Q1 --segment enterprise
expect_out "100000.00" "--segment"

# Renewals report: the downgrade counts at the old ARR capped (gross: expansion excluded).
run "${FX[@]}" --csv report renewals --period 2026-Q1
expect_out $'period,due,renewed,churned,open,renewal_rate_logos,renewal_rate_arr,up_for_renewal,renewed_arr,churned_arr\n2026-Q1,2,1,1,0,0.5,0.428571428571429,70000.00,30000.00,30000.00' "renewals Q1"
run "${FX[@]}" --csv --no-header --columns renewal_rate_logos,renewal_rate_arr,renewed_arr report renewals --period 2025-Q4
expect_out "1,1,120000.00" "an expansion at renewal: the ARR rate stays 100% (gross)"

# An empty period: zeros and null ratios, never 0%.
run "${FX[@]}" --json report retention --period 2024-Q1
check "empty period gives null ratios" python3 - "$out" <<'PY'
import json, sys
r = json.loads(sys.argv[1])[0]
assert r["start_arr"] == 0 and r["cohort_logos"] == 0, r
for key in ("grr", "nrr", "logo_churn", "renewal_rate_logos", "renewal_rate_arr"):
    assert r[key] is None, (key, r[key])
PY
run "${FX[@]}" report retention --period 2024-Q1
check "a null ratio is empty in the table, not 0%" bash -c '! grep -q "0.0%" <<<"$1"' _ "$out"

# Multi-currency needs a rate; errors and bad values.
expect_fails 1 "no exchange rate for USD in config [fx]" report retention --period 2026-Q1
expect_fails 2 "--period 2026-Q7 is not a valid period" report retention --period 2026-Q7
expect_fails 2 "--by week is not valid (expected month, quarter, year, segment, owner or tier)" report retention --by week
expect_fails 2 "--by segment is not valid (expected month, quarter or year)" report arr --by segment
expect_fails 2 "--to 2026-01-01 is before --from 2026-02-01" report arr --from 2026-02-01 --to 2026-01-01
expect_fails 2 "--period excludes --from" report arr --period 2026 --from 2026-01-01

finish
