# Shared by the end-to-end tests: each tests/cli/tNNNN-*.sh sources this file, runs the
# real acm binary ($ACM) in a scratch folder with a fixed --today, and checks stdout,
# stderr, the exit status and what is in the workspace afterwards.
set -u
: "${ACM:?set ACM to the acm binary}"
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/acm-test.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
export HOME=$SCRATCH/home XDG_CONFIG_HOME=$SCRATCH/config XDG_DATA_HOME=$SCRATCH/data XDG_CACHE_HOME=$SCRATCH/cache
export ACM_WORKSPACE=$SCRATCH/ws.db ACM_TODAY=2026-11-22 TZ=UTC LC_ALL=C.UTF-8
unset ACM_CONFIG NO_COLOR CLICOLOR_FORCE COLUMNS
mkdir -p "$HOME"
passed=0 failed=0
status=0 out="" err=""

# run ARGS…: runs acm, keeping its exit status, stdout and stderr in $status $out $err.
run() {
  "$ACM" "$@" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr" </dev/null
  status=$?
  out=$(cat "$SCRATCH/stdout")
  err=$(cat "$SCRATCH/stderr")
}
# run_stdin FILE ARGS…: the same with FILE on standard input.
run_stdin() {
  local input=$1; shift
  "$ACM" "$@" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr" <"$input"
  status=$?
  out=$(cat "$SCRATCH/stdout")
  err=$(cat "$SCRATCH/stderr")
}

# link_acm: $SCRATCH/bin/acm is the binary under test, for scripts that run `acm` by name
# (completions, examples): put "$SCRATCH/bin" on their PATH.
link_acm() {
  local binary
  binary=$(command -v "$ACM")
  case $binary in /*) ;; *) binary=$PWD/$binary ;; esac
  mkdir -p "$SCRATCH/bin"
  ln -sf "$binary" "$SCRATCH/bin/acm"
}

# hold_write_lock [SQL]: another process takes the workspace's write lock and runs SQL in its
# transaction, as an import in progress would, until release_write_lock rolls it back.
hold_write_lock() {
  python3 - "$ACM_WORKSPACE" "$SCRATCH/locked" "${1:-}" <<'PY' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
if sys.argv[3]: db.execute(sys.argv[3])
open(sys.argv[2], "w").close()
while os.path.exists(sys.argv[2]): time.sleep(0.05)
db.execute("ROLLBACK")
PY
  lock_holder=$!
  while [ ! -e "$SCRATCH/locked" ] && kill -0 "$lock_holder" 2>/dev/null; do sleep 0.05; done
}
release_write_lock() { rm -f "$SCRATCH/locked"; wait "$lock_holder"; }

# kill_mid_import LINES FILE ARGS…: acm ARGS… reads a named pipe (its last argument) that
# gets the first LINES lines of FILE and stays open, so that acm has begun and waits for more;
# it is then killed with SIGKILL (checked to be still running first).
kill_mid_import() {
  local lines=$1 file=$2 fifo pid; shift 2
  fifo=$(mktemp -u "$SCRATCH/fifo.XXXXXX")
  mkfifo "$fifo"
  "$ACM" -q "$@" "$fifo" >/dev/null 2>&1 &
  pid=$!
  exec 3>"$fifo"
  head -n "$lines" "$file" >&3
  sleep 1
  check "acm $* was still running after $lines lines" kill -0 "$pid"
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
  exec 3>&-
}

# kill_at PERCENT MS ARGS…: acm ARGS… killed with SIGKILL once PERCENT % of MS milliseconds
# (a full run's time) have passed, or left to end if it ends first.
kill_at() {
  local percent=$1 ms=$2 pid; shift 2
  "$ACM" -q "$@" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v ms="$ms" -v p="$percent" 'BEGIN { printf "%.3f", ms * p / 100 / 1000 }')"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

ok() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  printf 'FAIL: %s\n  command status %s\n  stdout: %s\n  stderr: %s\n' "$1" "$status" "$out" "$err" >&2
}
# check DESCRIPTION TEST-COMMAND…: passes when the command succeeds.
check() { local what=$1; shift; if "$@"; then ok; else fail "$what"; fi; }

expect_status() { if [ "$status" -eq "$1" ]; then ok; else fail "${2:-exit status} (want $1)"; fi; }
expect_out() { if [ "$out" == "$1" ]; then ok; else fail "${2:-stdout} (want: $1)"; fi; }
expect_out_has() { if [[ "$out" == *"$1"* ]]; then ok; else fail "${2:-stdout contains} '$1'"; fi; }
expect_out_lacks() { if [[ "$out" != *"$1"* ]]; then ok; else fail "${2:-stdout lacks} '$1'"; fi; }
expect_err_has() { if [[ "$err" == *"$1"* ]]; then ok; else fail "${2:-stderr contains} '$1'"; fi; }
expect_no_out() { if [ -z "$out" ]; then ok; else fail "${1:-stdout is empty}"; fi; }
expect_no_err() { if [ -z "$err" ]; then ok; else fail "${1:-stderr is empty}"; fi; }
# One "acm: error: …" line on stderr.
expect_one_error_line() {
  if [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && [[ "$err" == "acm: error: "* ]]; then ok; else fail "${1:-one error line}"; fi
}
# expect_fails STATUS MESSAGE-PART ARGS…: acm ARGS fails with STATUS, one error line
# containing MESSAGE-PART, nothing on stdout, and the workspace unchanged.
expect_fails() {
  local want=$1 message=$2; shift 2
  snapshot
  run "$@"
  expect_status "$want" "acm $* exit status"
  expect_err_has "$message" "acm $* error message"
  expect_one_error_line "acm $* prints one error line"
  expect_no_out "acm $* prints nothing on stdout"
  expect_unchanged "acm $* leaves the workspace unchanged"
}

# As expect_fails, for imports: every bad row is reported on a line of its own.
expect_import_fails() {
  local want=$1 message=$2; shift 2
  snapshot
  run "$@"
  expect_status "$want" "acm $* exit status"
  expect_err_has "$message" "acm $* error message"
  expect_no_out "acm $* prints nothing on stdout"
  expect_unchanged "acm $* leaves the workspace unchanged"
}

# The workspace's content as SQL text, to compare before and after a command. Without the
# rows of account_versions: random versions the triggers give accounts, which differ between
# two workspaces holding the same data (t0071 tests them).
dump() { sqlite3 "${1:-$ACM_WORKSPACE}" .dump | grep -av '^INSERT INTO account_versions'; }
snapshot() { if [ -f "$ACM_WORKSPACE" ]; then dump >"$SCRATCH/snapshot"; else : >"$SCRATCH/snapshot"; fi; }
expect_unchanged() {
  local now; if [ -f "$ACM_WORKSPACE" ]; then now=$(dump); else now=""; fi
  if [ "$now" == "$(cat "$SCRATCH/snapshot")" ]; then ok; else fail "${1:-workspace unchanged}"; fi
}
sql() { sqlite3 "$ACM_WORKSPACE" "$1"; }

# Prints the summary line and exits non-zero when anything failed.
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
