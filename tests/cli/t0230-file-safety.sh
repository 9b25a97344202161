#!/usr/bin/env bash
# File safety: the workspace, its -wal/-shm and the config are private (0600, folders 0700)
# whatever the umask; a symlinked, foreign or group-writable workspace is refused; init never
# takes over files left beside a path.
. "$(dirname "$0")/lib.sh"
mode() { stat -c %a "$1"; }
umask 000
run init "$SCRATCH/new/sub/ws.db"
expect_status 0 "init with umask 000"
check "workspace 0600" [ "$(mode "$SCRATCH/new/sub/ws.db")" = 600 ]
check "created folders 0700" [ "$(mode "$SCRATCH/new")" = 700 -a "$(mode "$SCRATCH/new/sub")" = 700 ]
# While a connection is open the -wal and -shm exist: look at them from a second process.
export ACM_WORKSPACE=$SCRATCH/new/sub/ws.db
run account add "Acme Corp."
python3 - "$ACM_WORKSPACE" "$ACM" <<'PY' >"$SCRATCH/modes"
import os, sqlite3, stat, subprocess, sys
db = sqlite3.connect(sys.argv[1])
db.execute("BEGIN IMMEDIATE")  # holds the write lock; acm waits and keeps -wal and -shm open
proc = subprocess.Popen([sys.argv[2], "-q", "account", "add", "Globex"], stdout=subprocess.DEVNULL)
import time; time.sleep(1)
for suffix in ("-wal", "-shm"):
    print(suffix, oct(stat.S_IMODE(os.stat(sys.argv[1] + suffix).st_mode)))
db.rollback(); proc.wait()
PY
check "-wal and -shm 0600" [ "$(cat "$SCRATCH/modes")" = $'-wal 0o600\n-shm 0o600' ]
run config set currency USD
check "config file 0600" [ "$(mode "$XDG_CONFIG_HOME/acm/config.toml")" = 600 ]
umask 022

# A symbolic link as the workspace is refused (open and init), naming the link.
ln -s "$ACM_WORKSPACE" "$SCRATCH/link.db"
expect_fails 1 "workspace $SCRATCH/link.db is a symbolic link; acm opens a workspace only by its real path" \
  -w "$SCRATCH/link.db" account list
expect_fails 1 "$SCRATCH/link.db already exists" init "$SCRATCH/link.db"
ln -s "$SCRATCH/nowhere.db" "$SCRATCH/dangling.db"
expect_fails 1 "is a symbolic link" -w "$SCRATCH/dangling.db" account add "X"
check "init does not create a dangling link's target" [ ! -e "$SCRATCH/nowhere.db" ]
# A folder on the path may be a link (e.g. ~/.local/share into a synced folder).
ln -s "$SCRATCH/new/sub" "$SCRATCH/linked-folder"
run -w "$SCRATCH/linked-folder/ws.db" --csv --no-header --columns key account list
expect_out $'acme-corp\nglobex' "a linked folder is followed"

# Writable by group or others: refused with the fix.
chmod 0660 "$ACM_WORKSPACE"
expect_fails 1 "is writable by other users (mode 0660); make it private: chmod 600" account add "Initech"
chmod 0644 "$ACM_WORKSPACE"
run account list
expect_status 0 "readable by others is the owner's choice"
chmod 0600 "$ACM_WORKSPACE"

# Owned by another user: refused, even for root (its -wal/-shm would lock the owner out).
if [ "$(id -u)" -eq 0 ]; then
  cp "$ACM_WORKSPACE" "$SCRATCH/theirs.db"
  chown nobody "$SCRATCH/theirs.db"
  expect_fails 1 "$SCRATCH/theirs.db is owned by uid $(id -u nobody), not by you (uid 0)" -w "$SCRATCH/theirs.db" account list
  check "nothing created beside another user's workspace" [ ! -e "$SCRATCH/theirs.db-wal" -a ! -e "$SCRATCH/theirs.db-shm" ]
else
  echo "skipped: the other-owner case (needs root to chown)"
fi

# A -wal planted as a link, or left from a deleted workspace.
ln -s "$SCRATCH/elsewhere" "$ACM_WORKSPACE-wal"
expect_fails 1 "workspace file $ACM_WORKSPACE-wal is a symbolic link" account add "Initech"
rm "$ACM_WORKSPACE-wal"
: >"$SCRATCH/old.db-wal"
expect_fails 1 "$SCRATCH/old.db-wal already exists (left from an earlier workspace?)" init "$SCRATCH/old.db"
check "init refused: no workspace made" [ ! -e "$SCRATCH/old.db" ]
finish
