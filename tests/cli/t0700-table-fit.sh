#!/usr/bin/env bash
# A table on a terminal fits the terminal's width: free text is cut with "…" down to 12
# columns, keys and ids never; then the least important columns are hidden, named in one
# notice on stderr. --wide shows everything, --columns hides nothing, and piped output is
# never cut. Run on a real pseudo-terminal (util-linux `script`) 80 and 120 columns wide.
. "$(dirname "$0")/lib.sh"

if ! command -v script >/dev/null; then
  fail "the script command (util-linux) is installed"
  finish
  exit
fi
# Colors would put escape sequences among the columns being measured.
export NO_COLOR=1

# on_tty COLUMNS ARGS…: acm ARGS with a pseudo-terminal COLUMNS wide as its stdout; stdout (without
# the terminal's carriage returns) in $out, stderr (a file) in $err, the exit status in $status.
on_tty() {
  local columns=$1; shift
  local command
  command=$(printf '%q ' "$ACM" "$@")
  rm -f "$SCRATCH/tty-status"
  script -qec "stty cols $columns rows 50; $command 2>$(printf %q "$SCRATCH/tty-err"); echo \$? >$(printf %q "$SCRATCH/tty-status")" \
    /dev/null >"$SCRATCH/tty-out" </dev/null
  out=$(tr -d '\r' <"$SCRATCH/tty-out")
  err=$(cat "$SCRATCH/tty-err")
  status=$(cat "$SCRATCH/tty-status" 2>/dev/null || echo "none")
}

# widest TEXT: the display width of its widest line, measured independently of acm: East Asian
# wide and fullwidth characters two columns, combining and format characters none.
widest() {
  python3 - "$1" <<'PY'
import sys, unicodedata
def width(line):
    total = 0
    for c in line:
        if unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return total
print(max((width(line) for line in sys.argv[1].split("\n")), default=0))
PY
}
fits() { [ "$(widest "$out")" -le "$1" ]; }
# header_has NAME: the first line of $out has the column NAME (in uppercase).
header_has() { printf '%s\n' "$out" | head -n 1 | grep -qw "$1"; }
lacks_header() { ! header_has "$1"; }
# has_word WORD: $out has WORD whole, uncut.
has_word() { printf '%s\n' "$out" | grep -qF -- "$1"; }
one_line() { [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]; }

run init
run account add "Globex Corporation International Holdings" --key globex-corporation-international \
  --segment enterprise --tier strategic --owner "Dana Whitfield-Montgomery"
run account add "Acme Corp." --segment mid-market --tier high-touch --owner dana
# A Japanese name: every character two columns wide.
run account add "株式会社サンプル商事ホールディングス" --key sample-shoji --segment enterprise --tier strategic \
  --owner 山田太郎
run account add "Initech" --segment smb --tier low-touch --owner lee --status at-risk
run contract add globex-corporation-international --title "Analytics platform, all plants" --start 2026-01-01 \
  --end 2026-12-31 --arr 180k --notice 90d
run contract add acme-corp --title "Platform" --start 2026-03-01 --end 2027-02-28 --arr 120k
run contract add sample-shoji --title "データ分析プラットフォーム年間契約" --start 2026-04-01 --end 2027-03-31 --arr 90k
keys="globex-corporation-international acme-corp sample-shoji initech"

run account list
piped=$out
check "piped: every column" [ "$(printf '%s\n' "$out" | head -n 1 | wc -w)" -ge 12 ]
check "piped: names whole" has_word "Globex Corporation International Holdings"
check "piped: the Japanese name whole" has_word "株式会社サンプル商事ホールディングス"
check "piped: nothing cut" [ -z "$(printf '%s\n' "$out" | grep -F '…')" ]
expect_no_err "piped: no notice"

# --- 80 columns ---------------------------------------------------------------------------
on_tty 80 account list
expect_status 0 "account list on an 80-column terminal"
check "80: every line within 80 columns (widest $(widest "$out"))" fits 80
for key in $keys; do check "80: key $key whole" has_word "$key"; done
check "80: the name column stays" header_has NAME
check "80: the ARR stays" header_has ARR
check "80: the health stays" header_has HEALTH
check "80: the Japanese account is listed" has_word "株式会社"
check "80: health_score hidden" lacks_header HEALTH_SCORE
check "80: open_escalations hidden" lacks_header OPEN_ESCALATIONS
expect_err_has "acm: hidden to fit 80 columns: " "80: a notice names the hidden columns"
expect_err_has "health_score" "80: the notice names health_score"
expect_err_has "open_escalations" "80: the notice names open_escalations"
expect_err_has "(--wide shows every column)" "80: the notice says how to see them"
check "80: the notice is one line" one_line
check "80: the notice names only hidden columns" [ -z "$(printf '%s\n' "$err" | grep -w 'arr\|health,\|name')" ]

# --- 120 columns --------------------------------------------------------------------------
on_tty 120 account list
expect_status 0 "account list on a 120-column terminal"
check "120: every line within 120 columns (widest $(widest "$out"))" fits 120
for key in $keys; do check "120: key $key whole" has_word "$key"; done
check "120: more columns than at 80" [ "$(printf '%s\n' "$out" | head -n 1 | wc -w)" -ge 7 ]
check "120: names cut with an ellipsis" has_word "…"
check "120: a cut name keeps 11 characters and the ellipsis" has_word "Globex Corp"
expect_err_has "acm: hidden to fit 120 columns: " "120: a notice names the hidden columns"
check "120: the notice is one line" one_line

# --- --wide, --columns, -q, other formats -------------------------------------------------
on_tty 80 account list --wide
expect_status 0 "--wide on a terminal"
expect_out "$piped" "--wide on a terminal prints what a pipe gets"
expect_no_err "--wide: no notice"

on_tty 80 --columns key,name,owner,arr account list
check "--columns: every chosen column stays" [ "$(printf '%s\n' "$out" | head -n 1 | wc -w)" -eq 4 ]
check "--columns: within 80 columns once text is cut" fits 80
check "--columns: the name is cut" has_word "Globex Corpor…"
for key in $keys; do check "--columns: key $key whole" has_word "$key"; done
expect_no_err "--columns: no notice"
# Chosen columns are never hidden, even when the lines stay too wide.
on_tty 80 --columns key,name,owner,arr,health_score,last_touch account list
check "--columns: six chosen columns stay" [ "$(printf '%s\n' "$out" | head -n 1 | wc -w)" -eq 6 ]
check "--columns: the name is cut, not hidden" has_word "Globex Corp…"
expect_no_err "--columns: nothing hidden, no notice"

on_tty 80 -q account list
check "-q: still fitted" fits 80
expect_no_err "-q: no notice"

on_tty 80 --csv account list
run --csv account list
csv=$out
on_tty 80 --csv account list
expect_out "$csv" "csv on a terminal is never cut"
on_tty 40 --json account list
run --json account list
expect_out "$(tr -d '\r' <"$SCRATCH/tty-out")" "json on a terminal is never cut"

# --- other listings: ids and account keys whole -------------------------------------------
for columns in 80 120; do
  on_tty "$columns" contract list
  check "contract list at $columns: within the width" fits "$columns"
  for key in globex-corporation-international acme-corp sample-shoji; do
    check "contract list at $columns: account $key whole" has_word "$key"
  done
  check "contract list at $columns: ids" header_has ID
  check "contract list at $columns: the title stays" header_has TITLE
  on_tty "$columns" renewal list
  check "renewal list at $columns: within the width" fits "$columns"
  check "renewal list at $columns: account keys whole" has_word "globex-corporation-international"
done

# A terminal too narrow even for the keys: they stay whole and the lines too wide.
on_tty 30 account list
check "30: the key column is never cut" has_word "globex-corporation-international"
check "30: only the key is left" [ "$(printf '%s\n' "$out" | head -n 1)" = "KEY" ]

finish
