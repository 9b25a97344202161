#!/usr/bin/env bash
# Output that cannot be written is an error, never a silent success: a full device
# (/dev/full), a closed standard output, a pipe whose reader is gone. A reader that quit early
# (`| head`) ends a pipeline quietly; `renewal remind`, whose output is its effect, records no
# reminder it could not deliver.
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp." --owner dana
run contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr 120k --notice 30d
run account add "Globex" --owner erin
run task add acme-corp "Send the quote" --due +2d
run escalate open acme-corp "Outage" --severity high
run escalate action add 1 "Patch" --due +1d

# closed_pipe ARGS…: acm with standard output a pipe whose reading end is already closed, so
# that its first write fails with EPIPE, whatever the scheduling.
closed_pipe() {
  python3 - "$ACM" "$@" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr" <<'PY'
import os, subprocess, sys
read_end, write_end = os.pipe()
os.close(read_end)
result = subprocess.run(sys.argv[1:], stdout=write_end, stdin=subprocess.DEVNULL)
print(result.returncode)
PY
  status=$(cat "$SCRATCH/stdout")
  out=""
  err=$(cat "$SCRATCH/stderr")
}

# --- a full device: every command that prints fails ----------------------------------------
for args in "account list" "--csv account list" "--json contract list" "report portfolio" "export" \
  "account show acme-corp" "renewal calendar" "config path" "--version" "agenda --within 1y" \
  "task list --all" "escalate action list"; do
  # shellcheck disable=SC2086
  "$ACM" $args >/dev/full 2>"$SCRATCH/stderr"
  status=$? out="" err=$(cat "$SCRATCH/stderr")
  expect_status 1 "acm $args >/dev/full exit status"
  expect_err_has "cannot write the output: No space left on device" "acm $args >/dev/full names the failure"
  expect_one_error_line "acm $args >/dev/full: one error line"
done

# A write whose printed id is lost still did its work, and says that the output failed.
"$ACM" account add "Initech" >/dev/full 2>"$SCRATCH/stderr"
status=$? err=$(cat "$SCRATCH/stderr")
expect_status 1 "account add >/dev/full"
expect_err_has "cannot write the output" "account add >/dev/full: the error"
check "account add >/dev/full: the account was added" [ "$(sql "SELECT count(*) FROM accounts WHERE key = 'initech'")" = 1 ]

# A closed standard output (EBADF) is an error too.
"$ACM" account list >&- 2>"$SCRATCH/stderr"
status=$? err=$(cat "$SCRATCH/stderr")
expect_status 1 "account list with stdout closed"
expect_err_has "cannot write the output: Bad file descriptor" "stdout closed: the error"

# --- a reader that quit early: quiet and successful ------------------------------------------
closed_pipe account list
expect_status 0 "account list into a closed pipe: exit 0"
expect_no_err "account list into a closed pipe: nothing on stderr"
closed_pipe --csv feedback list
expect_status 0 "an empty listing into a closed pipe"
# A long listing into `head -1`: acm exits 0 with nothing on stderr (no SIGPIPE death, 141).
python3 - >"$SCRATCH/many.csv" <<'PY'
print("name,key")
for i in range(5000):
    print(f"Customer {i},cust-{i}")
PY
run account import "$SCRATCH/many.csv"
"$ACM" --csv account list 2>"$SCRATCH/stderr" | head -1 >/dev/null
check "account list | head -1: exit 0" [ "${PIPESTATUS[0]}" = 0 ]
check "account list | head -1: nothing on stderr" [ ! -s "$SCRATCH/stderr" ]

# --- renewal remind records only what it delivered -------------------------------------------
reminders() { sql "SELECT count(*) FROM renewal_reminders"; }
"$ACM" renewal remind --days 60 >/dev/full 2>"$SCRATCH/stderr"
status=$? err=$(cat "$SCRATCH/stderr")
expect_status 1 "remind >/dev/full: exit 1"
expect_err_has "no reminder was recorded as sent" "remind >/dev/full: says nothing was recorded"
check "remind >/dev/full: nothing recorded" [ "$(reminders)" = 0 ]
closed_pipe renewal remind --days 60
expect_status 1 "remind into a closed pipe: exit 1"
expect_err_has "cannot write the output: Broken pipe; no reminder was recorded as sent" "remind into a closed pipe: the error"
check "remind into a closed pipe: nothing recorded" [ "$(reminders)" = 0 ]
expect_fails 2 "renewal remind does not take --limit" --limit 1 renewal remind --days 60
run --csv --no-header --columns id,threshold_days renewal remind --days 60
expect_out "1,60" "the undelivered reminder comes on the next run"
check "delivered: recorded" [ "$(reminders)" = 1 ]
run renewal remind --days 60
expect_no_out "and only once"
# --- play run keeps the tasks only once their list is out ----------------------------------------
printf '[[play]]\nname = "all"\nwhen = { escalation = "high" }\ntask = "Call {name}"\n' >"$SCRATCH/plays.toml"
chmod 600 "$SCRATCH/plays.toml"
tasks() { sql "SELECT count(*) FROM tasks WHERE play = 'all'"; }
ACM_CONFIG=$SCRATCH/plays.toml "$ACM" play run >/dev/full 2>"$SCRATCH/stderr"
status=$? err=$(cat "$SCRATCH/stderr")
expect_status 1 "play run >/dev/full: exit 1"
expect_err_has "No space left on device; no task was added" "play run >/dev/full: says nothing was added"
check "play run >/dev/full: no task added" [ "$(tasks)" = 0 ]
ACM_CONFIG=$SCRATCH/plays.toml closed_pipe play run
expect_status 1 "play run into a closed pipe: exit 1"
check "play run into a closed pipe: no task added" [ "$(tasks)" = 0 ]
ACM_CONFIG=$SCRATCH/plays.toml run --csv --no-header --columns play play run
check "the next play run adds it (acme-corp has a high escalation)" [ "$(tasks)" = 1 ]

# --- a non-blocking pipe with a slow reader: acm waits for room, as with a blocking one -------
{ echo "name,industry"; for i in $(seq 1 600); do echo "Customer $i,$(printf 'x%.0s' $(seq 1 150))"; done; } >"$SCRATCH/many.csv"
run account import "$SCRATCH/many.csv"
run --csv account list
want_bytes=$(printf '%s\n' "$out" | wc -c)
got=$(python3 - "$ACM" <<'PY'
import fcntl, os, subprocess, sys, time
read_end, write_end = os.pipe()
fcntl.fcntl(write_end, fcntl.F_SETFL, fcntl.fcntl(write_end, fcntl.F_GETFL) | os.O_NONBLOCK)
proc = subprocess.Popen([sys.argv[1], "--csv", "account", "list"], stdout=write_end, stdin=subprocess.DEVNULL)
os.close(write_end)
time.sleep(0.5)  # the pipe's 64 KiB fill up first
data = b""
while chunk := os.read(read_end, 4096):
    data += chunk
    time.sleep(0.001)
print(proc.wait(), len(data))
PY
)
check "a non-blocking pipe with a slow reader: exit 0 and every byte ($got, want 0 $want_bytes)" [ "$got" = "0 $want_bytes" ]
finish
