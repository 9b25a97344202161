#!/usr/bin/env bash
# acm import FILE.json reads strict JSON: a number with a leading zero or a bare
# '.', a string that is not UTF-8, or a value past a 64-bit integer is refused, never read
# as something close; every syntax error names the file, the line, what was found and what
# was expected, and leaves the new workspace as it was.
. "$(dirname "$0")/lib.sh"

# A small workspace with a row of usage (a real) and of notes, exported.
export ACM_WORKSPACE=$SCRATCH/source.db
run init
run account add "Acme Corp." --key acme
run account note add acme "Kick-off" --date 2026-10-01
run account usage add acme --date 2026-11-03 --active-users 5 --adoption 40.5
"$ACM" export >"$SCRATCH/good.json"
check "the export has one usage row" grep -q '"adoption": 40.5' "$SCRATCH/good.json"
version=$(sql 'PRAGMA user_version')

export ACM_WORKSPACE=$SCRATCH/target.db
run init
bytes() { cat "$ACM_WORKSPACE"* | sha256sum; }
differs() { ! cmp -s "$1" "$2"; }
# bad_syntax NAME MESSAGE SED-EDIT: the export edited by SED-EDIT is refused with exit 2 and
# exactly "acm: error: FILE, MESSAGE", the workspace byte-identical.
bad_syntax() {
  local file=$SCRATCH/$1.json before
  LC_ALL=C sed "$3" "$SCRATCH/good.json" >"$file"
  check "$1: the edit changed the export" differs "$file" "$SCRATCH/good.json"
  before=$(bytes)
  expect_fails 2 "$file, $2" import "$file"
  check "$1: the whole error line" [ "$err" == "acm: error: $file, $2" ]
  check "$1: the workspace file is byte-identical" [ "$(bytes)" = "$before" ]
}
line_of() { grep -n "$1" "$SCRATCH/good.json" | cut -d: -f1; }
number="is not a valid number (expected digits with an optional '-', fraction and exponent, e.g. -12, 0.5 or 1e-7)"

# Numbers that JSON does not have: read before as 7, 1 and 40.0.
bad_syntax leading-zero "line 3: 0$version $number" "s/\"schema_version\": $version/\"schema_version\": 0$version/"
bad_syntax leading-zero-id "line $(line_of '"kind": "note"'): 01 $number" 's/{"id": 1, "account_id": 1, "kind"/{"id": 01, "account_id": 1, "kind"/'
bad_syntax bare-dot "line $(line_of '"adoption"'): 40. $number" 's/"adoption": 40.5/"adoption": 40./'
# Past a 64-bit integer: said so, with the range.
bad_syntax huge-integer \
  "line $(line_of '"adoption"'): 99999999999999999999 is out of range (expected an integer from -9223372036854775808 to 9223372036854775807)" \
  's/"active_users": 5/"active_users": 99999999999999999999/'
# A string of bytes that are not UTF-8 (the audit log takes any text: read before as it was).
bad_syntax not-utf8 \
  "line $(line_of '"action": "add"' | head -1): a string that is not valid UTF-8 (byte 0xff begins no UTF-8 character here; expected UTF-8 text)" \
  '0,/"action": "add"/s/"action": "add"/"action": "a\xffdd"/'
# Escapes name what they found and what they expect.
bad_syntax bad-escape \
  "line $(line_of '"text": "Kick-off"'): an invalid escape in a string: 'q' after '\\' (expected one of \" \\ / b f n r t u)" \
  's/"text": "Kick-off"/"text": "Kick\\qoff"/'
bad_syntax lone-surrogate \
  "line $(line_of '"text": "Kick-off"'): a lone surrogate in a \\u escape (expected \\uD800-\\uDBFF followed by \\uDC00-\\uDFFF)" \
  's/"text": "Kick-off"/"text": "Kick\\ud83doff"/'
check "the refused imports left the new workspace empty" [ "$(sql "SELECT count(*) FROM events")" = 1 ]

# The same values written as JSON has them import, and export to the same bytes again.
LC_ALL=C sed 's/"text": "Kick-off"/"text": "Kick\\ud83d\\ude00off \\u00e9"/' "$SCRATCH/good.json" >"$SCRATCH/escaped.json"
run import "$SCRATCH/escaped.json"
expect_status 0 "escapes and a surrogate pair import"
check "a surrogate pair is one character" [ "$(sql "SELECT text FROM notes")" = "Kick😀off é" ]
"$ACM" export >"$SCRATCH/again.json"
run init "$SCRATCH/third.db"
run -w "$SCRATCH/third.db" import "$SCRATCH/again.json"
expect_status 0 "the re-export imports"
check "export → import → export gives the same bytes" cmp -s "$SCRATCH/again.json" <("$ACM" -w "$SCRATCH/third.db" export)

finish
