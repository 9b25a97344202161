#!/usr/bin/env bash
# Hostile text — SQL, shell metacharacters, terminal escapes, spreadsheet formulas — is stored
# and printed as plain text in every format; CSV injection escaping holds in every CSV acm
# writes; ESC never reaches a terminal raw.
. "$(dirname "$0")/lib.sh"
run init
sql_text="Robert'); DROP TABLE accounts;--"
shell_text='$(touch pwned) `id` ; rm -rf / | & > x'
esc_text=$'Evil \e]0;owned\a\e[31mred\e[0m \xc2\x9b2J'
formula_text='=HYPERLINK("http://x","click")'
plus_text='+1+cmd|" /C calc"!A0'
at_text='@SUM(1+1)'
minus_text='-2+3'
names=("$sql_text" "$shell_text" "$esc_text" "$formula_text" "$plus_text" "$at_text" "$minus_text")
keys=()
for i in "${!names[@]}"; do
  run account add "${names[$i]}" --key "hostile-$i" --owner "${names[$i]}"
  expect_status 0 "add account $i"
  keys+=("hostile-$i")
  run account note add "hostile-$i" "${names[$i]}" --date 2026-11-20
  run feedback add "hostile-$i" --nps 3 --text "${names[$i]}"
  run escalate open "hostile-$i" "${names[$i]}" --severity low --at 2026-11-20T10:00
done
check "SQL text did nothing: tables intact" [ "$(sql "SELECT count(*) FROM accounts")" = 7 ]
check "shell text ran nothing" [ ! -e pwned -a ! -e "$SCRATCH/pwned" ]
check "stored exactly" [ "$(sql "SELECT name FROM accounts WHERE key = 'hostile-2'")" == "$esc_text" ]

# JSON round-trips every name exactly (control characters escaped, the value unchanged).
run --json account list --columns key,name,owner
check "json round trip" python3 - "$out" "${names[@]}" <<'PY'
import json, sys
rows = {row["key"]: row for row in json.loads(sys.argv[1])}
for i, name in enumerate(sys.argv[2:]):
    assert rows[f"hostile-{i}"]["name"] == name and rows[f"hostile-{i}"]["owner"] == name, (i, rows[f"hostile-{i}"])
PY
expect_out_lacks $'\e' "json: no raw ESC"
expect_out_lacks $'\xc2\x9b' "json: no raw C1 CSI"

# CSV: a real CSV parser reads back each name, a formula prefixed with ' and nothing else changed.
check_csv() {
  local what=$1 column=$2; shift 2
  run "$@"
  expect_status 0 "$what runs"
  check "$what: injection escaped, text intact" python3 - "$out" "$column" "${names[@]}" <<'PY'
import csv, io, sys
text, column, names = sys.argv[1], sys.argv[2], sys.argv[3:]
values = [row[column] for row in csv.DictReader(io.StringIO(text))]
for name in names:
    want = "'" + name if name[0] in "=+-@\t\r\n" else name
    assert want in values, (want, values)
for value in values:
    assert value == "" or value[0] not in "=+-@\t\r\n", value
PY
}
check_csv "account list --csv" name --csv account list
check_csv "account list --csv (owner)" owner --csv account list
check_csv "note list --csv" text --csv account note list
check_csv "feedback list --csv" text --csv feedback list
check_csv "escalate list --csv" title --csv escalate list
# TSV: the same escaping, tabs and newlines shown as \t, \n.
run --tsv --no-header --columns name account list
check "tsv: formulas escaped" [ "$(printf '%s\n' "$out" | grep -c "^'")" = 4 ]

# Re-import what acm exported: the names come back exactly (the ' prefix stays visible text,
# as in a spreadsheet; nothing is evaluated).
run --csv --columns name,key account list
printf '%s\n' "$out" | sed 's/hostile-/again-/' >"$SCRATCH/export.csv"
run account import "$SCRATCH/export.csv"
expect_status 0 "re-import of acm's own CSV"
check "re-imported SQL text intact" [ "$(sql "SELECT name FROM accounts WHERE key = 'again-0'")" == "$sql_text" ]
check "re-imported escape text intact" [ "$(sql "SELECT name FROM accounts WHERE key = 'again-2'")" == "$esc_text" ]

# Piped, table and CSV keep the exact bytes for programs; on a terminal no format lets ESC or
# a C1 CSI through. `script` gives acm a pseudo-terminal.
if command -v script >/dev/null; then
  for format in table csv tsv json; do
    script -qec "$ACM --format $format account list; $ACM account show hostile-2; $ACM escalate show 3" /dev/null \
      >"$SCRATCH/tty-$format" 2>&1 </dev/null
    # acm's own colors are escape sequences too: look for the data's.
    check "on a terminal ($format): no raw ESC from the data" \
      [ "$(grep -c -e $'\e]0;owned' -e $'\e\\[31mred' "$SCRATCH/tty-$format")" = 0 ]
    check "on a terminal ($format): no raw C1 CSI" [ "$(grep -c $'\xc2\x9b' "$SCRATCH/tty-$format")" = 0 ]
    check "on a terminal ($format): the escape is visible" grep -q 'Evil \\e' "$SCRATCH/tty-$format"
  done
  # The HTML page (piped to the terminal: acm refuses to write it to one) and the account key
  # (a key can hold anything when written with SQL or brought by an import): escaped there too.
  sqlite3 "$ACM_WORKSPACE" "UPDATE accounts SET key = 'k' || char(27) || ']8;;http://x' || char(7) || 'ey' WHERE key = 'hostile-3'"
  run contract add hostile-2 --start 2026-01-01 --end 2026-12-31 --arr 1k
  sqlite3 "$ACM_WORKSPACE" "UPDATE contracts SET account_id = (SELECT id FROM accounts WHERE name = '$(printf '%s' "$formula_text" | sed "s/'/''/g")')"
  key_id=$(sql "SELECT id FROM accounts WHERE name LIKE '=HYPERLINK%'")
  script -qec "$ACM report account hostile-2 --format html | cat; $ACM account show $key_id; $ACM contract show 1; $ACM account list" \
    /dev/null >"$SCRATCH/tty-more" 2>&1 </dev/null
  check "html, show and key on a terminal: no raw ESC or OSC 8 from the data" \
    [ "$(grep -c -e $'\e]0;owned' -e $'\e]8;;' "$SCRATCH/tty-more")" = 0 ]
  check "html on a terminal: the escape is a character reference" grep -q 'Evil &#x1b;' "$SCRATCH/tty-more"
  check "a key with an escape is shown escaped" grep -q 'k\\e\]8;;http://x\\x07ey' "$SCRATCH/tty-more"
  sqlite3 "$ACM_WORKSPACE" "UPDATE accounts SET key = 'hostile-3' WHERE id = $key_id"
else
  echo "skipped: the terminal part (no script command)"
fi
# A bidi override reorders the rest of a terminal line: shown as \u202e, kept exact in JSON's value.
bidi_text=$'Invoice \u202egnp.exe'
run account add "$bidi_text" --key bidi
run --columns key,name account list
expect_out_has 'Invoice \u202egnp.exe' "a bidi override in a table is shown escaped"
expect_out_lacks $'\u202e' "a bidi override never reaches the output raw"
run account show bidi
expect_out_lacks $'\u202e' "account show: no raw bidi override"
run --json --columns name account list
check "json keeps the bidi text's value" python3 -c 'import json,sys; assert "Invoice \u202egnp.exe" in [r["name"] for r in json.loads(sys.argv[1])]' "$out"
expect_out_lacks $'\u202e' "json: the bidi override escaped"
run report account bidi --format html
expect_out_has 'Invoice &#x202e;gnp.exe' "html: the bidi override as a character reference"
run --csv account list --columns name
expect_out_has "$esc_text" "csv to a pipe keeps the exact text"

# Errors quote hostile values without raw control characters (stderr is usually a terminal).
printf 'name,\e[31mcolumn\n' >"$SCRATCH/evil-header.csv"
run account import "$SCRATCH/evil-header.csv"
check "error with a hostile header: no raw ESC" [ "$(printf '%s' "$err" | grep -c $'\e')" = 0 ]
expect_fails 1 "no account" account show $'\e[2Jnobody'
check "the reference is shown escaped" [ "$(printf '%s' "$err" | grep -c -F '\x1b[2Jnobody')" = 1 ]
check "error naming a hostile reference: no raw ESC" [ "$(printf '%s' "$err" | grep -c $'\e')" = 0 ]
finish
