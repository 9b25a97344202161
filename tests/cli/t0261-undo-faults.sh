#!/usr/bin/env bash
# acm undo under faults: an undo or a range-logged import killed with SIGKILL leaves all or
# nothing (rows, the command's undone mark and its audit event together); two undos at once
# revert two different commands; a write between `undo --dry-run` and `undo` is what the
# undo reverts, and it says so.
. "$(dirname "$0")/lib.sh"
rows=6000
python3 - "$rows" >"$SCRATCH/accounts.csv" <<'PY'
import sys
print("name,key,segment,owner")
for i in range(int(sys.argv[1])):
    print(f"Customer {i},cust-{i},enterprise,owner{i % 7}")
PY
run init
run account add "Before"
run account import "$SCRATCH/accounts.csv"
expect_status 0 "an import of $rows accounts"
cp "$ACM_WORKSPACE" "$SCRATCH/imported.db"  # acm has closed it: no -wal, everything in the file
restore() { rm -f "$ACM_WORKSPACE-wal" "$ACM_WORKSPACE-shm"; cp "$SCRATCH/$1.db" "$ACM_WORKSPACE"; }
import_id=$(sql "SELECT max(id) FROM commands")

# After a kill: SQLite's checks pass, and the import is either whole and not undone, or gone,
# marked undone and recorded as an undo event. Sets $count.
count=0
check_undo_sound() {
  local what=$1 undone events
  check "$what: integrity" [ "$(sql 'PRAGMA integrity_check')" = ok ]
  check "$what: foreign keys" [ -z "$(sql 'PRAGMA foreign_key_check')" ]
  count=$(sql "SELECT count(*) FROM accounts WHERE key LIKE 'cust-%'")
  undone=$(sql "SELECT undone_by IS NOT NULL FROM commands WHERE id = $import_id")
  events=$(sql "SELECT count(*) FROM events WHERE entity = 'command' AND action = 'undo'")
  check "$what: all or nothing ($count rows, undone $undone, $events undo events)" \
    [ "$count/$undone/$events" = "$rows/0/0" -o "$count/$undone/$events" = "0/1/1" ]
  run account show before
  expect_status 0 "$what: acm reads the workspace"
}

# 1. An undo killed at increasing delays into its run (the full run's time sets them): early
# ones while it reverts, later ones around the commit.
cp "$SCRATCH/imported.db" "$SCRATCH/timing.db"
start=$(date +%s%N)
"$ACM" -q -w "$SCRATCH/timing.db" undo >/dev/null
full_ms=$((($(date +%s%N) - start) / 1000000))
outcomes=""
for percent in 20 50 80 95 100 110 130; do
  kill_at "$percent" "$full_ms" undo
  check_undo_sound "undo killed at $percent% of ${full_ms} ms"
  outcomes+=" $percent%:$count"
  # Whatever the kill left, the next undo carries on from there.
  if [ "$count" = "$rows" ]; then
    run undo
    expect_status 0 "after the kill at $percent%: undo works"
    check_undo_sound "after the kill at $percent%, undone"
    check "after the kill at $percent%: the import is gone" [ "$count" = 0 ]
  fi
  restore imported
done
echo "timed kills of undo (full run ${full_ms} ms), rows left after each:$outcomes"

# 2. A feedback import (logged for undo as one range of rowids) killed while it reads: no rows,
# no command, nothing in the undo log.
python3 - >"$SCRATCH/feedback.csv" <<'PY'
print("account,date,nps")
for i in range(20000):
    print(f"cust-{i % 6000},2026-{i % 12 + 1:02d}-{i % 28 + 1:02d},{i % 11}")
PY
commands_before=$(sql "SELECT count(*) FROM commands")
kill_mid_import 10000 "$SCRATCH/feedback.csv" feedback import
check "killed feedback import: integrity" [ "$(sql 'PRAGMA integrity_check')" = ok ]
check "killed feedback import: no rows" [ "$(sql "SELECT count(*) FROM feedback")" = 0 ]
check "killed feedback import: no command" [ "$(sql "SELECT count(*) FROM commands")" = "$commands_before" ]
check "killed feedback import: nothing in the undo log for it" \
  [ "$(sql "SELECT count(*) FROM undo_log WHERE command_id > $import_id")" = 0 ]
# Killed at increasing delays into a run from a file: the rows and their one range come
# together or not at all.
cp "$ACM_WORKSPACE" "$SCRATCH/before-feedback.db"
start=$(date +%s%N)
cp "$SCRATCH/before-feedback.db" "$SCRATCH/timing.db"
"$ACM" -q -w "$SCRATCH/timing.db" feedback import "$SCRATCH/feedback.csv" >/dev/null
full_ms=$((($(date +%s%N) - start) / 1000000))
for percent in 50 90 100 110; do
  kill_at "$percent" "$full_ms" feedback import "$SCRATCH/feedback.csv"
  found=$(sql "SELECT count(*) FROM feedback")
  logged=$(sql "SELECT coalesce(sum(rows), 0) FROM undo_log WHERE table_name = 'feedback'")
  check "feedback import killed at $percent%: integrity" [ "$(sql 'PRAGMA integrity_check')" = ok ]
  check "feedback import killed at $percent%: rows and their range together ($found rows, $logged logged)" \
    [ "$found/$logged" = "0/0" -o "$found/$logged" = "20000/20000" ]
  if [ "$found" = 20000 ]; then
    run undo
    check "feedback import killed at $percent%: its undo removes every row" [ "$(sql "SELECT count(*) FROM feedback")" = 0 ]
  fi
  restore before-feedback
done

# 3. Two undos at once: the write lock puts them one after the other, each reverts a
# different command, and together they revert the last two.
restore imported
run account add "One"
run account add "Two"
run undo
expect_status 0 "undo before the concurrent ones"
run account add "Two"
"$ACM" -q undo >"$SCRATCH/undo-1" 2>&1 &
first=$!
"$ACM" -q undo >"$SCRATCH/undo-2" 2>&1 &
second=$!
wait "$first"; status_1=$?
wait "$second"; status_2=$?
check "two undos at once: both succeed ($(cat "$SCRATCH/undo-1" "$SCRATCH/undo-2"))" [ "$status_1/$status_2" = 0/0 ]
check "two undos at once: two different commands reverted" \
  [ "$(sql "SELECT count(DISTINCT undo_of) FROM commands WHERE undo_of IS NOT NULL AND id > $import_id")" = 3 ]
check "two undos at once: 'one' and 'two' are gone" \
  [ "$(sql "SELECT count(*) FROM accounts WHERE key IN ('one', 'two')")" = 0 ]
check "two undos at once: the import stays" [ "$(sql "SELECT count(*) FROM accounts WHERE key LIKE 'cust-%'")" = "$rows" ]

# 4. A write between `undo --dry-run` and `undo`: the undo reverts that newer write, and names
# it, not the command the dry run showed.
run account add "Three"
run undo --dry-run
expect_out_has "acm account add Three" "dry run: the newest command"
run account add "Four"  # another person, or a cron job
run undo
expect_out_has "acm account add Four" "undo: names the command it reverted, the newer one"
check "undo: 'four' is gone, 'three' stays" \
  [ "$(sql "SELECT group_concat(key) FROM accounts WHERE key IN ('three', 'four')")" = three ]
finish
