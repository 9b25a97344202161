#!/usr/bin/env bash
# acm init, the workspace location, file modes, and refusals of files acm must not touch.
. "$(dirname "$0")/lib.sh"

run account list
expect_status 1 "a command on a missing workspace fails"
expect_err_has "no workspace at $ACM_WORKSPACE; run 'acm init'"
expect_one_error_line

run init
expect_status 0 "init"
expect_out "$ACM_WORKSPACE" "init prints the path"
check "workspace mode 0600" [ "$(stat -c %a "$ACM_WORKSPACE")" = 600 ]
check "WAL mode" [ "$(sql 'PRAGMA journal_mode')" = wal ]
check "application id ACM1" [ "$(sql 'PRAGMA application_id')" = 1094929713 ]
check "schema version set" [ "$(sql 'PRAGMA user_version')" -ge 1 ]
check "init is in the audit log" [ "$(sql "SELECT action FROM events WHERE entity = 'workspace'")" = init ]

expect_fails 1 "already exists; nothing was changed" init

# The folder is created 0700 when acm creates it; the XDG default location is used.
unset ACM_WORKSPACE
run init
expect_status 0 "init at the XDG default"
expect_out "$XDG_DATA_HOME/acm/workspace.db"
check "created folder is 0700" [ "$(stat -c %a "$XDG_DATA_HOME/acm")" = 700 ]
check "XDG workspace is 0600" [ "$(stat -c %a "$XDG_DATA_HOME/acm/workspace.db")" = 600 ]
run account list
expect_status 0 "commands find the XDG workspace"

# -w wins over ACM_WORKSPACE, and init PATH wins over both.
export ACM_WORKSPACE=$SCRATCH/env.db
run -w "$SCRATCH/flag.db" init
check "-w wins over ACM_WORKSPACE" [ -f "$SCRATCH/flag.db" ] && check "env workspace not created" [ ! -e "$SCRATCH/env.db" ]
run init "$SCRATCH/nested/dir/arg.db"
expect_out "$SCRATCH/nested/dir/arg.db" "init PATH"
run account add "Global Options After" -w "$SCRATCH/flag.db"
expect_status 0 "global options may follow the subcommand"
check "written to the -w workspace" [ "$(sqlite3 "$SCRATCH/flag.db" 'SELECT count(*) FROM accounts')" = 1 ]

# A file that is not an SQLite database is refused and left byte for byte as it was.
export ACM_WORKSPACE=$SCRATCH/notes.txt
printf 'just some text, not a database\n%.0s' {1..100} >"$ACM_WORKSPACE"
cp "$ACM_WORKSPACE" "$SCRATCH/notes.orig"
run account list
expect_status 1 "not a database"
expect_err_has "is not an acm workspace"
check "non-database file untouched" cmp -s "$ACM_WORKSPACE" "$SCRATCH/notes.orig"

# Another application's SQLite file is refused.
export ACM_WORKSPACE=$SCRATCH/other.db
sqlite3 "$ACM_WORKSPACE" 'CREATE TABLE t (x); INSERT INTO t VALUES (1);'
cp "$ACM_WORKSPACE" "$SCRATCH/other.orig"
run account add Foo
expect_status 1 "foreign SQLite database"
expect_err_has "is not an acm workspace"
check "foreign database untouched" cmp -s "$ACM_WORKSPACE" "$SCRATCH/other.orig"

# A workspace from a newer acm is refused, not modified.
export ACM_WORKSPACE=$SCRATCH/newer.db
run init
sqlite3 "$ACM_WORKSPACE" 'PRAGMA user_version = 999'
cp "$ACM_WORKSPACE" "$SCRATCH/newer.orig"
run account add Foo
expect_status 1 "newer schema"
expect_err_has "schema version 999, newer than this acm supports"
check "newer workspace untouched" cmp -s "$ACM_WORKSPACE" "$SCRATCH/newer.orig"

# A workspace at an older schema version (here: version 0, no tables) is migrated on open.
export ACM_WORKSPACE=$SCRATCH/older.db
sqlite3 "$ACM_WORKSPACE" 'PRAGMA application_id = 1094929713; PRAGMA journal_mode = WAL;' >/dev/null
run account add "Old Workspace"
expect_status 0 "an older workspace is migrated"
check "migrated to the current version" [ "$(sql 'PRAGMA user_version')" -ge 1 ]
check "migrated workspace holds the account" [ "$(sql 'SELECT key FROM accounts')" = old-workspace ]

# Schema version 5 copies the feedback table (new CHECKs, two indexes): a version-4
# workspace keeps its entries and their follow-ups, and acm check finds the schema whole.
export ACM_WORKSPACE=$SCRATCH/v4.db
{ echo 'PRAGMA application_id = 1094929713; PRAGMA journal_mode = WAL;'
  cat "$ACM_SOURCE_DIR"/src/store/migrations/00[1-4]_*.sql
  echo "PRAGMA user_version = 4;
INSERT INTO accounts (id, key, name, status, created_at, updated_at) VALUES (1, 'acme', 'Acme', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO feedback (id, account_id, date, type, score, kind, text, negative, follow_up) VALUES
  (1, 1, '2026-10-01', 'nps', 3, 'complaint', 'slow', 1, 'open'), (2, 1, '2026-10-02', NULL, NULL, 'praise', 'great', 0, NULL);
INSERT INTO feedback_follow_ups (feedback_id, date, note, done) VALUES (1, '2026-10-03', 'called them', 0);"
} | sqlite3 "$ACM_WORKSPACE" >/dev/null
run feedback list --csv
expect_status 0 "a version-4 workspace is migrated"
check "migrated to version 5 or later" [ "$(sql 'PRAGMA user_version')" -ge 5 ]
check "feedback kept" [ "$(sql "SELECT group_concat(id || ':' || ifnull(score, '') || ':' || text || ':' || ifnull(follow_up, ''), ';') FROM feedback")" = "1:3:slow:open;2::great:" ]
check "follow-ups kept" [ "$(sql "SELECT feedback_id || ':' || note FROM feedback_follow_ups")" = "1:called them" ]
check "no table left over" [ "$(sql "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_005'")" = 0 ]
run check
expect_status 0 "acm check after the migration"
run account rm acme --force
expect_status 0 "account rm --force after the migration"
check "the follow-ups still belong to their entry (ON DELETE CASCADE)" [ "$(sql "SELECT count(*) FROM feedback_follow_ups")" = 0 ]

run --version
expect_status 0 "--version"
expect_out_has "acm "

finish
