#!/usr/bin/env bash
# Output formats and list options on a real listing: csv, tsv, json, --columns, --sort,
# --limit, --no-header, formula escaping, color and control characters.
. "$(dirname "$0")/lib.sh"
run init
run account add "=cmd|' /C calc'!A0" --key formula --owner "+danger" --segment "-minus" --industry "@at"
run account add "Tab	Name" --key tabbed --owner "line
break"
run account add "Quote \"Co\", Ltd" --key quoted --owner zed
run account add $'Esc \e[31mRed' --key escape --owner amy

run --csv --columns key,name,owner,segment,industry account list
expect_status 0
check "csv parses and escapes formulas" python3 - "$out" <<'PY'
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
by_key = {r["key"]: r for r in rows}
assert by_key["formula"]["name"] == "'=cmd|' /C calc'!A0", by_key["formula"]
assert by_key["formula"]["owner"] == "'+danger"
assert by_key["formula"]["segment"] == "'-minus"
assert by_key["formula"]["industry"] == "'@at"
assert by_key["quoted"]["name"] == 'Quote "Co", Ltd'
assert by_key["tabbed"]["name"] == "Tab\tName"
assert by_key["tabbed"]["owner"] == "line\nbreak"
assert by_key["escape"]["name"] == "Esc \x1b[31mRed"
PY

run --tsv --columns key,name,owner account list --owner "line
break"
expect_out $'key\tname\towner\ntabbed\tTab\\tName\tline\\nbreak' "tsv escapes tabs and newlines"

run --json account list
check "json parses with the raw values" python3 - "$out" <<'PY'
import json, sys
rows = json.loads(sys.argv[1])
by_key = {r["key"]: r for r in rows}
assert by_key["formula"]["name"] == "=cmd|' /C calc'!A0"
assert by_key["escape"]["name"] == "Esc \x1b[31mRed"
assert by_key["quoted"]["segment"] is None
assert isinstance(by_key["quoted"]["id"], int)
assert set(rows[0]) >= {"id", "key", "name", "segment", "tier", "owner", "status", "last_touch"}
PY

run account list
check "table shows no raw ESC" python3 -c 'import sys; assert "\x1b" not in sys.argv[1] and "\\e[31m" in sys.argv[1]' "$out"

run --csv --columns key --sort -key account list
expect_out $'key\ntabbed\nquoted\nformula\nescape' "--sort descending"
run --csv --columns key,owner --sort owner --limit 2 --no-header account list
expect_out $'formula,\'+danger\nescape,amy' "--sort ascending with --limit and --no-header"
run --format csv --columns name account list --limit 0
expect_no_out "--limit 0 prints nothing"
# Without --sort the listing stops at --limit rows (the query is not read to its end): the
# first rows in the listing's own order, and a JSON array still closed.
run --csv --columns key --limit 2 --no-header account list
expect_out $'escape\nformula' "--limit without --sort: the first two by key"
run --json --columns key --limit 1 account list
expect_out $'[\n{"key":"escape"}\n]' "--limit 1 --json: a closed array of one"
run --json --columns key --limit 0 account list
expect_no_out "--limit 0 --json prints nothing"
expect_fails 2 "--columns: unknown column 'nope' (valid: id, key, name" --csv --columns key,nope account list
expect_fails 2 "--sort: unknown column 'nope'" --csv --sort nope account list
expect_fails 2 "--format xml is not valid (expected table, csv, tsv or json)" --format xml account list
expect_fails 2 "exclude each other" --csv --json account list
expect_fails 2 "--color sometimes is not valid" --color sometimes account list

# Color only when asked for or forced; never in a pipe by default.
run account list
check "no color codes in a pipe" python3 -c 'import sys; assert "\x1b[" not in sys.argv[1]' "$out"
run --color always account list
check "--color always colors" python3 -c 'import sys; assert "\x1b[1m" in sys.argv[1]' "$out"
CLICOLOR_FORCE=1 run account list
check "CLICOLOR_FORCE colors" python3 -c 'import sys; assert "\x1b[" in sys.argv[1]' "$out"
NO_COLOR=1 CLICOLOR_FORCE=1 run account list
check "NO_COLOR wins over CLICOLOR_FORCE" python3 -c 'import sys; assert "\x1b[" not in sys.argv[1]' "$out"
NO_COLOR=1 run --color always account list
check "--color always wins over NO_COLOR" python3 -c 'import sys; assert "\x1b[1m" in sys.argv[1]' "$out"

# The config's output.format is the default format; a flag wins.
run -c output.format=csv --columns key --no-header account list --owner amy
expect_out "escape" "output.format from config"
run -c output.format=csv --json --columns key account list --owner amy
check "flag wins over config" python3 -c 'import json,sys; assert json.loads(sys.argv[1]) == [{"key": "escape"}]' "$out"

finish
