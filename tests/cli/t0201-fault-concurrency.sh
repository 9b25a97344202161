#!/usr/bin/env bash
# Two and four writers at once (a cron job and people): every write lands, none fails, none
# reports "database is locked", and the workspace stays sound.
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp."
run contract add acme-corp --start 2026-01-01 --end 2027-01-31 --arr 120k --notice 90d
id=$(sqlite3 "$ACM_WORKSPACE" "SELECT id FROM renewals LIMIT 1")

# writer NAME N: N writes of several kinds, each acm command a transaction of its own.
writer() {
  local name=$1 n=$2 i
  for i in $(seq 1 "$n"); do
    {
      "$ACM" -q account add "$name $i" --owner "$name" &&
        "$ACM" -q account note add "$name-$i" "call $i" --date 2026-11-20 &&
        "$ACM" -q feedback add "$name-$i" --nps $((i % 11)) --text "answer $i"
    } >/dev/null 2>>"$SCRATCH/errors-$name" || echo "$name: write $i failed" >>"$SCRATCH/errors-$name"
  done
}
# The cron job: an import of many rows in one long transaction, and the daily renewal run.
cron() {
  local name=$1
  python3 -c "
print('name,key,owner')
for i in range(3000): print(f'$name {i},$name-{i},cron')" >"$SCRATCH/$name.csv"
  { "$ACM" -q account import "$SCRATCH/$name.csv" && "$ACM" -q renewal remind && "$ACM" -q renewal roll; } \
    >/dev/null 2>>"$SCRATCH/errors-$name" || echo "$name failed" >>"$SCRATCH/errors-$name"
}

for writers in 2 4; do
  names=()
  for k in $(seq 1 "$writers"); do names+=("w$writers-$k"); done
  cron "cron$writers" &
  for name in "${names[@]}"; do writer "$name" 25 & done
  wait
  for name in "${names[@]}" "cron$writers"; do
    check "$writers writers: $name had no failure: $(cat "$SCRATCH/errors-$name" 2>/dev/null)" \
      [ ! -s "$SCRATCH/errors-$name" ]
  done
  for name in "${names[@]}"; do
    check "$writers writers: every account of $name" \
      [ "$(sql "SELECT count(*) FROM accounts WHERE owner = '$name'")" = 25 ]
    check "$writers writers: every note of $name" \
      [ "$(sql "SELECT count(*) FROM notes JOIN accounts a ON a.id = account_id WHERE a.owner = '$name'")" = 25 ]
    check "$writers writers: every feedback of $name" \
      [ "$(sql "SELECT count(*) FROM feedback JOIN accounts a ON a.id = account_id WHERE a.owner = '$name'")" = 25 ]
  done
  check "$writers writers: the whole import" \
    [ "$(sql "SELECT count(*) FROM accounts WHERE key LIKE 'cron$writers-%'")" = 3000 ]
  check "$writers writers: integrity" [ "$(sql 'PRAGMA integrity_check')" = ok ]
  check "$writers writers: foreign keys" [ -z "$(sql 'PRAGMA foreign_key_check')" ]
done
# A writer holds the lock (an import in its transaction): every read and dry run answers at
# once, neither waiting for it nor saying "locked".
run contract add acme-corp --start 2026-04-01 --end 2027-03-31 --arr 10k --notice 60d
hold_write_lock "INSERT INTO notes (account_id, date, text, created_at) SELECT id, '2026-11-01', 'held', '' FROM accounts LIMIT 1"
for args in "--csv account list" "account show acme-corp" "report portfolio" "report health" "export" "check" \
  "renewal due --within 90d" "renewal remind --dry-run --days 90" "renewal roll --dry-run" "log --limit 1"; do
  # shellcheck disable=SC2086
  run $args
  expect_status 0 "beside a writer: acm $args"
  expect_no_err "beside a writer: acm $args says nothing on stderr"
done
run renewal remind --dry-run --days 90
expect_out_has "acme-corp" "beside a writer: remind --dry-run shows the reminder"
release_write_lock
check "nobody saw 'locked'" [ -z "$(cat "$SCRATCH"/errors-* 2>/dev/null | grep -i locked)" ]
# One audit event per account added (the 2×25 + 4×25 by hand and the 2×3000 imported).
check "an audit event for every account" \
  [ "$(sql "SELECT count(*) FROM events WHERE entity = 'account' AND action = 'add'")" = $((1 + 150 + 6000)) ]
finish
