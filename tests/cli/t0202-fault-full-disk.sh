#!/usr/bin/env bash
# A full disk gives a clear error and leaves the workspace as it was: first under a file size
# limit (ulimit -f, which needs no privileges), then on a small tmpfs when mount is allowed.
. "$(dirname "$0")/lib.sh"
python3 - >"$SCRATCH/rows.csv" <<'PY'
print("name,key,segment,owner,industry")
for i in range(3000):
    print(f"Customer {i},cust-{i},enterprise,owner{i % 7},{'x' * 200}")
PY
python3 - >"$SCRATCH/contracts.csv" <<'PY'
print("account,start,end,arr,title")
for i in range(3000):
    print(f"acme-corp,2026-01-01,2026-12-31,{i + 1}k,Contract {i} {'y' * 180}")
PY
run init
run account add "Acme Corp." --segment enterprise
run account note add acme-corp "Kick-off" --date 2026-11-01

# acm under `ulimit -f 200` (KiB): the workspace fits, the import's writes do not. Without
# SIGXFSZ ignored acm would die by the signal (status 153) in the middle of its transaction.
cat >"$SCRATCH/acm-limited" <<EOF2
#!/usr/bin/env bash
ulimit -f 200
exec "$ACM" "\$@"
EOF2
chmod +x "$SCRATCH/acm-limited"
ACM=$SCRATCH/acm-limited expect_fails 1 "the disk is full or a file size limit is reached" account import "$SCRATCH/rows.csv"
check "file size limit: integrity" [ "$(sql 'PRAGMA integrity_check')" = ok ]
ACM=$SCRATCH/acm-limited expect_fails 1 "nothing was written" contract import "$SCRATCH/contracts.csv"
# A bulk feedback import (indexes dropped and built again, foreign keys checked an account at
# a time, its pages kept in memory until the commit): refused whole, the schema as it was.
python3 - >"$SCRATCH/answers.csv" <<'PY'
print("account,date,nps,text")
for i in range(30000):
    print(f"acme-corp,2026-{i % 12 + 1:02d}-{i % 28 + 1:02d},{i % 11},{'z' * 40}")
PY
feedback_schema() { sql "SELECT type || ' ' || name FROM sqlite_schema WHERE tbl_name = 'feedback' ORDER BY 1"; }
schema_before=$(feedback_schema)
ACM=$SCRATCH/acm-limited expect_fails 1 "the disk is full or a file size limit is reached" feedback import "$SCRATCH/answers.csv"
check "file size limit, feedback import: integrity" [ "$(sql 'PRAGMA integrity_check')" = ok ]
check "file size limit, feedback import: every index and trigger of feedback" [ "$(feedback_schema)" = "$schema_before" ]
run account add "After the limit"
expect_status 0 "without the limit, the next write works"
run --csv --no-header --columns key account list
expect_out $'acme-corp\nafter-the-limit' "the workspace has exactly what was committed"

# A real full disk: a 1 MiB tmpfs. Needs root (or CAP_SYS_ADMIN); skipped otherwise.
mnt=$SCRATCH/mnt
mkdir -p "$mnt"
if mount -t tmpfs -o size=1m,mode=0700 tmpfs "$mnt" 2>/dev/null; then
  trap 'umount "$mnt" 2>/dev/null; rm -rf "$SCRATCH"' EXIT
  export ACM_WORKSPACE=$mnt/ws.db
  run init
  expect_status 0 "init on the tmpfs"
  run account add "Acme Corp."
  expect_fails 1 "disk is full" account import "$SCRATCH/rows.csv"
  check "tmpfs: integrity" [ "$(sql 'PRAGMA integrity_check')" = ok ]
  run --csv --no-header --columns key account list
  expect_out "acme-corp" "tmpfs: the workspace has exactly what was committed"
  # Fill what is left; init then fails and leaves no half-made workspace behind.
  dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
  run init "$mnt/second.db"
  expect_status 1 "init on a full disk"
  expect_err_has "acm: error: " "init on a full disk: an error"
  expect_one_error_line "init on a full disk: one line"
  check "init on a full disk leaves no file" [ ! -e "$mnt/second.db" ]
  run account add "Globex"
  expect_status 1 "a small write on a full disk"
  expect_err_has "disk is full" "a small write on a full disk: the message"
  # Reads on a full disk: the rescue commands work and a cache that cannot be written is
  # done without; output to the full disk is an error, never a truncated file and exit 0.
  for args in "--csv account list" "account show acme-corp" "report portfolio" "check" "log --limit 1"; do
    # shellcheck disable=SC2086
    XDG_CACHE_HOME=$mnt/cache run $args
    expect_status 0 "full disk: acm $args"
    expect_no_err "full disk: acm $args says nothing on stderr"
  done
  run export
  expect_out_has '"acme-corp"' "full disk: export to a pipe has the data"
  run backup "$SCRATCH/rescue.db"
  expect_status 0 "full disk: a backup to another disk"
  check "full disk: the backup has the accounts" [ "$(sqlite3 "$SCRATCH/rescue.db" 'SELECT key FROM accounts')" = acme-corp ]
  "$ACM" export >"$mnt/export.json" 2>"$SCRATCH/stderr"
  status=$? err=$(cat "$SCRATCH/stderr")
  expect_status 1 "export > a file on the full disk: exit 1"
  expect_err_has "cannot write the output: No space left on device" "export > a file on the full disk: the reason"
  rm -f "$mnt/filler" "$mnt/export.json"
  run account add "Globex"
  expect_status 0 "space again: the write works"
  check "tmpfs: integrity at the end" [ "$(sql 'PRAGMA integrity_check')" = ok ]
else
  echo "skipped: the tmpfs part (mount not allowed here)"
fi
finish
