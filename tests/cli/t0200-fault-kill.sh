#!/usr/bin/env bash
# A large import killed with SIGKILL at several points leaves everything or nothing, and a
# sound workspace that the next command opens and writes.
. "$(dirname "$0")/lib.sh"
rows=6000
python3 - "$rows" >"$SCRATCH/big.csv" <<'PY'
import sys
print("name,key,segment,owner")
for i in range(int(sys.argv[1])):
    print(f"Customer {i},cust-{i},enterprise,owner{i % 7}")
PY
run init
run account add "Before"
before=$(dump)
cp "$ACM_WORKSPACE" "$SCRATCH/base.db"  # acm has closed it: no -wal, everything in the file
# Each kill starts from the workspace before the import.
restore() { rm -f "$ACM_WORKSPACE-wal" "$ACM_WORKSPACE-shm"; cp "$SCRATCH/base.db" "$ACM_WORKSPACE"; }

# After each kill: the workspace passes SQLite's integrity and foreign key checks, holds
# either none or all of the imported accounts, and acm still reads it. Sets $count.
count=0
check_sound() {
  local what=$1
  check "$what: integrity" [ "$(sql 'PRAGMA integrity_check')" = ok ]
  check "$what: foreign keys" [ -z "$(sql 'PRAGMA foreign_key_check')" ]
  count=$(sql "SELECT count(*) FROM accounts WHERE key LIKE 'cust-%'")
  check "$what: all or nothing (found $count)" [ "$count" = 0 -o "$count" = "$rows" ]
  local events; events=$(sql "SELECT count(*) FROM events WHERE entity = 'account' AND entity_id LIKE 'cust-%'")
  check "$what: an audit event per imported row ($count rows, $events events)" [ "$events" = "$count" ]
  run account show before
  expect_status 0 "$what: acm reads the workspace"
}

# 1. Killed mid-transaction, deterministically: the rows come through a pipe that stays open,
# so acm has begun the import and waits for more when it is killed.
for part in header half all; do
  case $part in
    header) lines=1 ;;
    half) lines=$((rows / 2)) ;;
    all) lines=$((rows + 1)) ;;
  esac
  kill_mid_import "$lines" "$SCRATCH/big.csv" account import
  check_sound "killed after $part"
  check "killed after $part: nothing was imported" [ "$count" = 0 ]
  check "killed after $part: workspace as before" [ "$(dump)" == "$before" ]
  restore
done

# 2. Killed at increasing delays into a run from a file: early ones in the inserts, later ones
# around the commit. The full run's time sets the delays.
start=$(date +%s%N)
"$ACM" -q -w "$SCRATCH/timing.db" init >/dev/null
"$ACM" -q -w "$SCRATCH/timing.db" account import "$SCRATCH/big.csv" >/dev/null
full_ms=$((($(date +%s%N) - start) / 1000000))
outcomes=""
for percent in 20 50 80 90 95 100 105 110 130; do
  kill_at "$percent" "$full_ms" account import "$SCRATCH/big.csv"
  check_sound "killed at $percent% of ${full_ms} ms"
  outcomes+=" $percent%:$count"
  restore
done

echo "timed kills (full run ${full_ms} ms), rows found after each:$outcomes"

# 3. After all that, a complete import still works.
run account import "$SCRATCH/big.csv"
expect_status 0 "import after the kills"
check "import after the kills: every row" [ "$(sql "SELECT count(*) FROM accounts WHERE key LIKE 'cust-%'")" = "$rows" ]

# 4. A bulk feedback import, large enough that its indexes and triggers are dropped and built
# again and foreign keys are checked an account at a time, killed at increasing delays: all
# or nothing, and the schema as it was (every index and trigger back).
answers=40000
python3 - "$answers" >"$SCRATCH/answers.csv" <<'PY'
import sys
print("account,date,nps,text")
for i in range(int(sys.argv[1])):
    print(f"cust-{i % 500},2026-{i % 12 + 1:02d}-{i % 28 + 1:02d},{i % 11},{'slow' if i % 3 == 0 else ''}")
PY
cp "$ACM_WORKSPACE" "$SCRATCH/base.db"
schema() { sql "SELECT type || ' ' || name FROM sqlite_schema WHERE tbl_name = 'feedback' ORDER BY 1"; }
schema_before=$(schema)
start=$(date +%s%N)
cp "$SCRATCH/base.db" "$SCRATCH/timing.db"
"$ACM" -q -w "$SCRATCH/timing.db" feedback import "$SCRATCH/answers.csv" >/dev/null
full_ms=$((($(date +%s%N) - start) / 1000000))
# Deterministically with the indexes dropped: 30,000 answers (past the 10,000 at which they go)
# through a pipe that stays open.
kill_mid_import 30001 "$SCRATCH/answers.csv" feedback import
check "answers killed mid-import: integrity" [ "$(sql 'PRAGMA integrity_check')" = ok ]
check "answers killed mid-import: nothing was imported" [ "$(sql "SELECT count(*) FROM feedback")" = 0 ]
check "answers killed mid-import: every index and trigger of feedback" [ "$(schema)" = "$schema_before" ]
restore
outcomes=""
for percent in 30 60 80 90 100 110 130; do
  kill_at "$percent" "$full_ms" feedback import "$SCRATCH/answers.csv"
  what="feedback import killed at $percent% of ${full_ms} ms"
  check "$what: integrity" [ "$(sql 'PRAGMA integrity_check')" = ok ]
  check "$what: foreign keys" [ -z "$(sql 'PRAGMA foreign_key_check')" ]
  found=$(sql "SELECT count(*) FROM feedback")
  check "$what: all or nothing (found $found)" [ "$found" = 0 -o "$found" = "$answers" ]
  check "$what: every index and trigger of feedback" [ "$(schema)" = "$schema_before" ]
  outcomes+=" $percent%:$found"
  restore
done
echo "timed feedback import kills (full run ${full_ms} ms), answers found after each:$outcomes"
run feedback import "$SCRATCH/answers.csv"
expect_status 0 "feedback import after the kills"
check "feedback import after the kills: every answer" [ "$(sql "SELECT count(*) FROM feedback")" = "$answers" ]
check "feedback import after the kills: foreign keys" [ -z "$(sql 'PRAGMA foreign_key_check')" ]
finish
