#!/usr/bin/env bash
# A read-only workspace (file, folder or file system) gives a clear error and stays as it was.
. "$(dirname "$0")/lib.sh"
# Permissions do not bind root: as root, the file and folder cases run acm as nobody.
owner_dir=$SCRATCH/owned
mkdir -p "$owner_dir"
if [ "$(id -u)" -eq 0 ]; then
  if ! command -v setpriv >/dev/null; then echo "skipped: root without setpriv"; finish; exit; fi
  chmod 0711 "$SCRATCH"
  chown nobody "$owner_dir"
  cat >"$SCRATCH/acm-as-owner" <<EOF2
#!/usr/bin/env bash
exec setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=$owner_dir XDG_CONFIG_HOME=$owner_dir "$ACM" "\$@"
EOF2
else
  printf '#!/usr/bin/env bash\nexec "%s" "$@"\n' "$ACM" >"$SCRATCH/acm-as-owner"
fi
chmod 0755 "$SCRATCH/acm-as-owner"
export ACM_WORKSPACE=$owner_dir/ws.db
ORIGINAL_ACM=$ACM
ACM=$SCRATCH/acm-as-owner
run init
expect_status 0 "init by the owner"
run account add "Acme Corp."

# The file is read-only.
chmod 0400 "$ACM_WORKSPACE"
expect_fails 1 "the workspace $ACM_WORKSPACE is read-only" account add "Globex"
expect_fails 1 "is read-only" account list
chmod 0600 "$ACM_WORKSPACE"

# The folder is read-only: SQLite cannot create the -wal and -shm files beside the workspace.
chmod 0500 "$owner_dir"
expect_fails 1 "acm needs to write to it and to its folder" account note add acme-corp "Call"
chmod 0700 "$owner_dir"
run account add "Globex"
expect_status 0 "writable again: the write works"

# A read-only file system (a read-only bind mount; needs root, skipped otherwise).
ro=$SCRATCH/ro
mkdir -p "$ro"
ACM=$ORIGINAL_ACM
export ACM_WORKSPACE=$ro/ws.db
run init
run account add "Acme Corp."
if mount --bind "$ro" "$ro" 2>/dev/null && mount -o remount,bind,ro "$ro" 2>/dev/null; then
  trap 'umount "$ro" 2>/dev/null; rm -rf "$SCRATCH"' EXIT
  expect_fails 1 "is read-only ($ACM_WORKSPACE: Read-only file system)" account add "Globex"
  expect_fails 1 "is read-only" renewal remind
  umount "$ro"
  run account add "Globex"
  expect_status 0 "remounted read-write: the write works"
else
  umount "$ro" 2>/dev/null
  echo "skipped: the read-only file system part (mount not allowed here)"
fi
finish
