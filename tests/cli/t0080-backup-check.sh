#!/usr/bin/env bash
# acm backup (online backup, 0600, no overwrite without --force, while another process
# writes) and acm check (integrity, foreign keys, schema) on sound and damaged workspaces.
. "$(dirname "$0")/lib.sh"

run init
run account add "Acme Corp." --owner dana
run account add "Globex" --owner lee
run account note add acme-corp "QBR" --kind qbr --date 2026-11-01
run contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr 120k

# --- backup -----------------------------------------------------------------------------
snapshot
run backup "$SCRATCH/b1.db"
expect_status 0 "backup"
expect_out "$SCRATCH/b1.db" "backup prints the path"
expect_no_err
expect_unchanged "backup leaves the workspace unchanged"
check "the backup is mode 0600" [ "$(stat -c %a "$SCRATCH/b1.db")" = 600 ]
check "no temporary file is left next to the backup" [ -z "$(ls -A "$SCRATCH" | grep '\.tmp-')" ]
check "the backup holds the same data" [ "$(dump "$SCRATCH/b1.db")" == "$(dump)" ]
run -w "$SCRATCH/b1.db" account list --csv --columns key --no-header
expect_out "$(printf 'acme-corp\nglobex')" "the backup is a workspace acm opens"
run -w "$SCRATCH/b1.db" check
expect_out "ok" "the backup passes acm check"

# An existing file is refused and left as it was, unless --force.
echo "precious" >"$SCRATCH/existing"
expect_fails 1 "$SCRATCH/existing already exists; give --force to replace it" backup "$SCRATCH/existing"
check "the existing file is untouched" [ "$(cat "$SCRATCH/existing")" = precious ]
run backup "$SCRATCH/existing" --force
expect_status 0 "backup --force"
check "backup --force replaced the file" [ "$(dump "$SCRATCH/existing")" == "$(dump)" ]
check "the replaced file is mode 0600" [ "$(stat -c %a "$SCRATCH/existing")" = 600 ]
expect_fails 1 "is the workspace itself" backup "$ACM_WORKSPACE" --force
expect_fails 1 "cannot create $SCRATCH/missing/b.db" backup "$SCRATCH/missing/b.db"
expect_fails 2 "file is required" backup
run -w "$SCRATCH/nothing.db" backup "$SCRATCH/b2.db"
expect_status 1 "backup of a missing workspace"
expect_err_has "no workspace at $SCRATCH/nothing.db; run 'acm init'"
check "no backup of a missing workspace" [ ! -e "$SCRATCH/b2.db" ]

# While another process writes: a writer adds notes in a loop; every backup taken
# meanwhile is a consistent workspace (check ok) with some prefix of the notes.
(for i in $(seq 1 40); do "$ACM" -q account note add globex "note $i" >/dev/null || echo "writer failed at $i"; done) \
  >"$SCRATCH/writer.log" 2>&1 &
writer=$!
for i in 1 2 3 4 5; do
  run backup "$SCRATCH/live$i.db"
  expect_status 0 "backup $i while another process writes"
  run -w "$SCRATCH/live$i.db" check
  expect_out "ok" "backup $i taken while writing passes check"
done
wait "$writer"
check "the writer never failed" [ ! -s "$SCRATCH/writer.log" ]
check "the notes are all in the workspace" [ "$(sql "SELECT count(*) FROM notes")" = 41 ]
run backup "$SCRATCH/after.db"
check "a backup after the writer holds every note" [ "$(sqlite3 "$SCRATCH/after.db" "SELECT count(*) FROM notes")" = 41 ]

# --- check --------------------------------------------------------------------------------
run check
expect_status 0 "check"
expect_out "ok" "check prints ok"
expect_no_err
expect_fails 1 "no workspace at $SCRATCH/none.db; run 'acm init'" -w "$SCRATCH/none.db" check

# A dangling foreign key, written by sqlite3 with foreign keys off.
cp "$SCRATCH/after.db" "$SCRATCH/fk.db"
sqlite3 "$SCRATCH/fk.db" "PRAGMA foreign_keys = OFF; INSERT INTO notes (account_id, kind, date, text, created_at)
  VALUES (99, 'note', '2026-11-01', 'orphan', '2026-11-01T00:00:00Z')"
orphan=$(sqlite3 "$SCRATCH/fk.db" "SELECT max(id) FROM notes")
export ACM_WORKSPACE=$SCRATCH/fk.db
expect_fails 1 "$SCRATCH/fk.db: foreign key check: notes row $orphan refers to a missing accounts row" check

# A table dropped behind acm's back: the schema no longer matches its version.
cp "$SCRATCH/after.db" "$SCRATCH/schema.db"
sqlite3 "$SCRATCH/schema.db" "DROP INDEX notes_account_date"
export ACM_WORKSPACE=$SCRATCH/schema.db
expect_fails 1 "$SCRATCH/schema.db: index notes_account_date is missing (schema version" check

# Bytes overwritten in the middle of the file (a page of the notes table): the integrity
# check names the damage; the file is not touched by check.
cp "$SCRATCH/after.db" "$SCRATCH/bad.db"
page_size=$(sqlite3 "$SCRATCH/bad.db" "PRAGMA page_size")
root=$(sqlite3 "$SCRATCH/bad.db" "SELECT rootpage FROM sqlite_master WHERE name = 'notes'")
printf '\xff%.0s' $(seq 1 200) | dd of="$SCRATCH/bad.db" bs=1 seek=$(((root - 1) * page_size + 8)) conv=notrunc status=none
export ACM_WORKSPACE=$SCRATCH/bad.db
before=$(sha256sum <"$SCRATCH/bad.db")
run check
expect_status 1 "check on a damaged file"
expect_one_error_line "check on a damaged file prints one error line"
expect_err_has "acm: error: $SCRATCH/bad.db: "
check "the error names the damage" grep -qiE 'malformed|corrupt|integrity check' "$SCRATCH/stderr"
expect_no_out "check on a damaged file prints nothing on stdout"
check "check leaves the damaged file as it was" [ "$(sha256sum <"$SCRATCH/bad.db")" = "$before" ]

# The header overwritten: not an SQLite file at all.
cp "$SCRATCH/after.db" "$SCRATCH/header.db"
printf 'this is not sqlite' | dd of="$SCRATCH/header.db" bs=1 conv=notrunc status=none
export ACM_WORKSPACE=$SCRATCH/header.db
expect_fails 1 "$SCRATCH/header.db: file is not a database" check

# Not an acm workspace: an SQLite file without acm's application id.
sqlite3 "$SCRATCH/other.db" "CREATE TABLE t (x)"
export ACM_WORKSPACE=$SCRATCH/other.db
expect_fails 1 "$SCRATCH/other.db: not an acm workspace (application_id 0x0)" check

# From a newer acm: refused by check too, and not modified.
cp "$SCRATCH/after.db" "$SCRATCH/newer.db"
sqlite3 "$SCRATCH/newer.db" "PRAGMA user_version = 999"
export ACM_WORKSPACE=$SCRATCH/newer.db
expect_fails 1 "schema version 999 is newer than this acm supports" check

finish
