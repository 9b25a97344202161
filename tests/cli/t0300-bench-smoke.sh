#!/usr/bin/env bash
# The benchmark's generator at a tiny scale: its files import with acm's own imports,
# its SQL applies to the workspace under the schema's constraints, and every table holds
# the rows the generator says it wrote. No timing: that is bench/run.sh's job.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")/../.." && pwd)
export ACM_CONFIG=$here/bench/config.toml
gen=$SCRATCH/gen

run_py() { /usr/bin/python3 "$here/bench/generate.py" "$@" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr"; status=$?; out=""; err=$(cat "$SCRATCH/stderr"); }
run_py --scale 0.001 --out "$gen"
expect_status 0 "generate.py --scale 0.001"
check "the generator writes every file" test -s "$gen/accounts.csv" -a -s "$gen/contracts.csv" -a -s "$gen/feedback.csv" \
  -a -s "$gen/usage.csv" -a -s "$gen/history.sql" -a -s "$gen/counts.txt"
count() { awk -v t="$1" '$0 ~ "^"t" [0-9]+$" {print $NF}' "$gen/counts.txt"; }
check "0.001 x the spec's 10,000 accounts" test "$(count accounts)" -eq 10
check "0.001 x the spec's 1,000,000 feedback entries" test "$(count feedback)" -eq 1000

# Deterministic: the same seed and scale write the same files.
run_py --scale 0.001 --out "$SCRATCH/again"
check "the same seed writes the same files" diff -r "$gen" "$SCRATCH/again"

run init; expect_status 0 "init"
run account import "$gen/accounts.csv"; expect_status 0 "account import"
run contract import "$gen/contracts.csv"; expect_status 0 "contract import"
run account usage import "$gen/usage.csv"; expect_status 0 "usage import"
run feedback import "$gen/feedback.csv"; expect_status 0 "feedback import"
sqlite3 -bail "$ACM_WORKSPACE" <"$gen/history.sql" 2>"$SCRATCH/sql-err"
check "history.sql applies under the schema's constraints: $(cat "$SCRATCH/sql-err")" test ! -s "$SCRATCH/sql-err"
# (acm check is not there yet: the same checks through sqlite3.)
check "no foreign key violation" test -z "$(sql "PRAGMA foreign_key_check")"
check "integrity" test "$(sql "PRAGMA integrity_check")" = ok

for table in accounts contracts contract_arr renewals feedback usage escalations escalation_updates contacts notes \
  surveys opportunities milestones costs; do
  check "$table holds $(count "$table") rows" test "$(sql "SELECT count(*) FROM $table")" -eq "$(count "$table")"
done
# The feedback import inserts in batches: every row kept, in file order, with its score.
from_csv() { /usr/bin/python3 -c "import csv, sys; rows = list(csv.DictReader(open(sys.argv[1]))); print($1)" "$gen/feedback.csv"; }
check "every NPS answer imported" test "$(sql "SELECT count(*) FROM feedback WHERE type = 'nps'")" -eq "$(from_csv "sum(1 for r in rows if r['nps'])")"
check "the last row imported last" test "$(sql "SELECT a.key || ' ' || f.date FROM feedback f JOIN accounts a ON a.id = f.account_id ORDER BY f.id DESC LIMIT 1")" = "$(from_csv "rows[-1]['account'] + ' ' + rows[-1]['date']")"
check "negative entries open follow-ups" test "$(sql "SELECT count(*) FROM feedback WHERE negative = 1 AND follow_up = 'open'")" -eq "$(sql "SELECT count(*) FROM feedback WHERE negative = 1")"
check "closed renewals" test "$(sql "SELECT count(*) FROM renewals WHERE outcome IS NOT NULL")" -eq "$(count "renewals closed")"
check "each renewed contract names its successor, which names it back" \
  test "$(sql "SELECT count(*) FROM renewals r JOIN contracts s ON s.id = r.successor_id AND s.predecessor_id = r.contract_id")" \
  -eq "$(sql "SELECT count(*) FROM renewals WHERE outcome = 'renewed'")"

# The reports and listings that the benchmark times work on it.
for args in "report portfolio" "report retention --period 2026 --by quarter" "report health" "account list" \
  "account show acct-000001" "report escalations --period 2026"; do
  run $args; expect_status 0 "acm $args"
  check "acm $args prints rows" test -n "$out"
done
run feedback list --csv
check "feedback list --csv prints every entry" test "$(printf '%s\n' "$out" | wc -l)" -eq $(($(count feedback) + 1))
finish
