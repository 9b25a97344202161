#!/usr/bin/env bash
# Files acm writes or reads beside the workspace: --force replaces only a regular file, a
# killed or failed backup leaves no copy of the data behind (and the next run removes what an
# earlier one left), and a config file is held to the workspace's rules before it is opened.
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp."
mode() { stat -c %a "$1"; }

# --- --force replaces only a regular file ------------------------------------------------------
mkfifo "$SCRATCH/fifo"
for command in "backup $SCRATCH/fifo --force" "export -o $SCRATCH/fifo --force"; do
  # shellcheck disable=SC2086
  expect_fails 1 "$SCRATCH/fifo is not a regular file (a FIFO); --force replaces only a regular file" $command
  check "$command: still a FIFO" [ -p "$SCRATCH/fifo" ]
done
mkdir "$SCRATCH/folder"
expect_fails 1 "is not a regular file (a folder)" backup "$SCRATCH/folder" --force
ln -s "$SCRATCH/elsewhere" "$SCRATCH/link.json"
expect_fails 1 "is not a regular file (a symbolic link)" export -o "$SCRATCH/link.json" --force
check "a link is left as it was" [ -L "$SCRATCH/link.json" ]
check "a link is left as it was" [ ! -e "$SCRATCH/elsewhere" ]
if [ "$(id -u)" -eq 0 ]; then
  mknod "$SCRATCH/null" c 1 3
  expect_fails 1 "is not a regular file (a device)" backup "$SCRATCH/null" --force
  check "a device node is left as it was" [ -c "$SCRATCH/null" ]
fi
echo "old" >"$SCRATCH/old.db"
run backup "$SCRATCH/old.db" --force
expect_status 0 "--force replaces a regular file"
check "the replaced file is the backup, private" [ "$(sqlite3 "$SCRATCH/old.db" 'SELECT key FROM accounts')" = acme-corp ]
check "the replaced file is the backup, private" [ "$(mode "$SCRATCH/old.db")" = 600 ]
check "nothing left beside it" [ -z "$(ls -A "$SCRATCH" | grep '\.tmp-')" ]

# --- nothing left behind by a failed or killed backup ----------------------------------------
python3 - >"$SCRATCH/rows.csv" <<'PY'
print("name,industry")
for i in range(3000):
    print(f"Customer {i},{'x' * 190}")
PY
run account import "$SCRATCH/rows.csv"
expect_status 0 "3,000 accounts to copy"
mkdir "$SCRATCH/out"
cat >"$SCRATCH/acm-limited" <<EOF2
#!/usr/bin/env bash
ulimit -f 100
exec "$ACM" "\$@"
EOF2
chmod +x "$SCRATCH/acm-limited"
ACM=$SCRATCH/acm-limited expect_fails 1 "" backup "$SCRATCH/out/b.db"
check "a failed backup leaves no file and no journal" [ -z "$(ls -A "$SCRATCH/out")" ]
ACM=$SCRATCH/acm-limited expect_fails 1 "" export -o "$SCRATCH/out/e.json"
check "a failed export -o leaves no file" [ -z "$(ls -A "$SCRATCH/out")" ]
# What killed runs left: a copy of the data and its journal, from a process that is gone, and
# one from an acm before the PID was in the name. A live run's file is left alone.
sqlite3 "$ACM_WORKSPACE" ".backup '$SCRATCH/out/.b.db.tmp-999999999-AbCdEf'"
echo journal >"$SCRATCH/out/.b.db.tmp-999999999-AbCdEf-journal"
echo old >"$SCRATCH/out/.b.db.tmp-XyZ123"
sleep 300 &
sleeper=$!
echo live >"$SCRATCH/out/.b.db.tmp-$sleeper-Live12"
run backup "$SCRATCH/out/b.db"
expect_status 0 "a backup beside leftovers"
check "the next run removes the leftovers of killed runs and keeps a live run's file" \
  [ "$(ls -A "$SCRATCH/out" | sort | tr '\n' ' ')" = ".b.db.tmp-$sleeper-Live12 b.db " ]
kill "$sleeper"
rm "$SCRATCH/out/.b.db.tmp-$sleeper-Live12"
# A backup killed midway (SIGKILL while it copies): the next run leaves only the backup.
for i in 1 2 3 4 5; do
  "$ACM" backup "$SCRATCH/out/k.db" --force & pid=$!
  sleep "0.0$i"; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
done
run backup "$SCRATCH/out/k.db" --force
check "after killed backups and one more run: no temporary file or journal" [ -z "$(ls -A "$SCRATCH/out" | grep -e '\.tmp-' -e '-journal')" ]

# export -o cleans up the same way: what a killed export left beside its file goes with the next run.
echo '{"partial":' >"$SCRATCH/out/.e.json.tmp-999999999-AbCdEf"
run export -o "$SCRATCH/out/e.json"
expect_status 0 "an export beside a killed export's leftover"
check "export -o removes a killed export's temporary file" [ ! -e "$SCRATCH/out/.e.json.tmp-999999999-AbCdEf" ]
check "export -o removes a killed export's temporary file" [ -s "$SCRATCH/out/e.json" ]

# --- config files are held to the workspace's rules --------------------------------------------
config=$XDG_CONFIG_HOME/acm/config.toml
mkdir -p "$(dirname "$config")"
mkfifo "$config"
timeout 10 "$ACM" account list >"$SCRATCH/stdout" 2>"$SCRATCH/stderr"
status=$? out=$(cat "$SCRATCH/stdout") err=$(cat "$SCRATCH/stderr")
expect_status 1 "a config that is a FIFO: refused at once, not waited on"
expect_err_has "config file $config is not a regular file" "a config that is a FIFO: the message"
rm "$config"
printf '[fx]\nUSD = 0.5\n' >"$config"
chmod 0666 "$config"
expect_fails 1 "config file $config is writable by other users (mode 0666); make it private: chmod 600 $config" report portfolio
chmod 0620 "$config"
expect_fails 1 "is writable by other users (mode 0620)" account list
chmod 0644 "$config"
run account list
expect_status 0 "a config readable by others is the owner's choice"
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$config"
  expect_fails 1 "config file $config is owned by uid $(id -u nobody), not by you (uid 0) or root; acm opens only your own config file or root's" account list
  chown root "$config"
fi
ln -s "$config" "$SCRATCH/linked.toml"
ACM_CONFIG=$SCRATCH/linked.toml run account list
expect_status 0 "a config reached through a link (dotfile managers) is read"

# The same rules, from the one place the workspace's are kept: a device is refused by name, and
# so is a link to a FIFO, before anything is opened.
ACM_CONFIG=/dev/null expect_fails 1 "config file /dev/null is not a regular file (a device); acm opens only a regular file" account list
mkfifo "$SCRATCH/fifo.toml"
ln -s "$SCRATCH/fifo.toml" "$SCRATCH/fifo-link.toml"
ACM_CONFIG=$SCRATCH/fifo-link.toml timeout 10 "$ACM" account list >"$SCRATCH/stdout" 2>"$SCRATCH/stderr"
status=$? out=$(cat "$SCRATCH/stdout") err=$(cat "$SCRATCH/stderr")
expect_status 1 "a link to a FIFO as config: refused at once"
expect_err_has "config file $SCRATCH/fifo-link.toml is not a regular file (a FIFO)" "a link to a FIFO as config: the message"
# config set reads the file with the same checks: a FIFO does not hang it, and a config others
# may write is refused, not rewritten.
ACM_CONFIG=$SCRATCH/fifo.toml timeout 10 "$ACM" config set currency USD >"$SCRATCH/stdout" 2>"$SCRATCH/stderr"
status=$? out=$(cat "$SCRATCH/stdout") err=$(cat "$SCRATCH/stderr")
expect_status 1 "config set on a FIFO: refused at once"
check "config set on a FIFO: still a FIFO" [ -p "$SCRATCH/fifo.toml" ]
chmod 0666 "$config"
sum=$(sha256sum <"$config")
expect_fails 1 "config file $config is writable by other users (mode 0666)" config set currency USD
check "config set: a config others may write is left as it was" [ "$(sha256sum <"$config")" = "$sum" ]
check "config set: a config others may write is left as it was" [ "$(mode "$config")" = 666 ]
chmod 0644 "$config"
# config set through a dotfile manager's link writes the file the link points to; the link stays.
mkdir "$SCRATCH/dotfiles"
mv "$config" "$SCRATCH/dotfiles/config.toml"
ln -s "$SCRATCH/dotfiles/config.toml" "$config"
run config set currency CHF
expect_status 0 "config set through a link"
check "config set through a link: the link stays a link" [ -L "$config" ]
check "config set through a link: the file it points to has the new value" grep -q "currency = 'CHF'" "$SCRATCH/dotfiles/config.toml"
check "config set through a link: the old value is kept" grep -q 'USD = 0.5' "$SCRATCH/dotfiles/config.toml"
finish
