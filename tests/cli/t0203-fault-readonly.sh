#!/usr/bin/env bash
# A read-only workspace (file, folder or file system): a write gives a clear error and the
# workspace stays as it was; every read works, and leaves the file byte for byte as it was.
. "$(dirname "$0")/lib.sh"

# reads_work WHAT: the reads of a person rescuing their data, each exit 0 with its output, and
# the workspace file unchanged to the byte.
reads_work() {
  local what=$1 before; before=$(sha256sum <"$ACM_WORKSPACE")
  for args in "--csv account list" "account show acme-corp" "report portfolio" "export" "check" \
    "renewal remind --dry-run" "renewal roll --dry-run" "log" "undo --dry-run" "agenda --within 1y" \
    "task list --all" "play list" "play run --dry-run" "report health --trend --period 2026 --by month" \
    "report health-backtest"; do
    # shellcheck disable=SC2086
    run $args
    expect_status 0 "$what: acm $args"
    expect_no_err "$what: acm $args prints no error"
  done
  run --csv --no-header --columns key account list
  expect_out_has "acme-corp" "$what: the listing shows the accounts"
  check "$what: the workspace file is unchanged to the byte" [ "$(sha256sum <"$ACM_WORKSPACE")" = "$before" ]
}
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
expect_fails 1 "the workspace $ACM_WORKSPACE is read-only" undo
reads_work "read-only file"
chmod 0600 "$ACM_WORKSPACE"

# The folder is read-only: SQLite cannot create the -wal and -shm files beside the workspace.
chmod 0500 "$owner_dir"
expect_fails 1 "acm needs to write to it and to its folder" account note add acme-corp "Call"
expect_fails 1 "acm needs to write to it and to its folder" undo
reads_work "read-only folder"
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
  expect_fails 1 "is read-only" undo
  check "read-only file system: no -wal or -shm beside the workspace" [ ! -e "$ACM_WORKSPACE-wal" ]
  check "read-only file system: no -wal or -shm beside the workspace" [ ! -e "$ACM_WORKSPACE-shm" ]
  reads_work "read-only file system"
  umount "$ro"
  run account add "Globex"
  expect_status 0 "remounted read-write: the write works"
else
  umount "$ro" 2>/dev/null
  echo "skipped: the read-only file system part (mount not allowed here)"
fi
finish
