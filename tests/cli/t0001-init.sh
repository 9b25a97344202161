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

run --version
expect_status 0 "--version"
expect_out_has "acm "

finish
