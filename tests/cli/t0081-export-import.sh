#!/usr/bin/env bash
# acm export and acm import: the whole workspace as JSON, round-tripped without loss
# (export → import into a new workspace → export gives the same bytes), types kept,
# hostile text intact, and an import that refuses anything but an empty workspace.
. "$(dirname "$0")/lib.sh"
SRC=${ACM_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# examples/demo-workspace.sh runs `acm`: put the binary under test on PATH by that name.
link_acm

# roundtrip NAME [SQL]: exports $ACM_WORKSPACE, imports it into a new workspace
# NAME-copy.db (after running SQL there: the tables of a future migration) and exports
# that; the two exports must be the same bytes.
roundtrip() {
  local name=$1 target=$SCRATCH/$1-copy.db
  run export
  expect_status 0 "$name: export"
  "$ACM" export >"$SCRATCH/$name.json"
  run init "$target"
  [ -z "${2-}" ] || sqlite3 "$target" "$2"
  run -w "$target" import "$SCRATCH/$name.json"
  expect_status 0 "$name: import"
  expect_no_out "$name: import prints nothing on stdout"
  expect_err_has "imported" "$name: import says how many rows"
  "$ACM" -w "$target" export >"$SCRATCH/$name.again.json"
  check "$name: export → import → export gives the same bytes" cmp -s "$SCRATCH/$name.json" "$SCRATCH/$name.again.json"
  # Sorted: the import drops the schema's triggers and creates them again at its end,
  # which moves them to the end of sqlite_schema and of the dump. The undo log stays behind.
  check "$name: the imported workspace holds the same data as sqlite3 sees it" \
    [ "$(dump "$target" | sort)" == "$(dump | grep -av '^INSERT INTO undo_log' | sort)" ]
}

# --- The demo workspace ---------------------------------------------------------------
PATH="$SCRATCH/bin:$PATH" ACM_CONFIG="$SRC/examples/config.toml" "$SRC/examples/demo-workspace.sh" "$ACM_WORKSPACE" >/dev/null
check "the demo workspace was built" [ "$(sql "SELECT count(*) FROM accounts")" -ge 8 ]
roundtrip demo
json=$SCRATCH/demo.json
check "the export is JSON (jq parses it)" jq -e . "$json" >/dev/null
check "format and schema_version" [ "$(jq -r '"\(.format) \(.schema_version)"' "$json")" = "acm-export $(sql 'PRAGMA user_version')" ]
tables=$(sql "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('account_versions', 'undo_log') ORDER BY name")
check "every table of the workspace is exported, by name" [ "$(jq -r '.tables | keys_unsorted[]' "$json")" == "$tables" ]
for table in $tables; do
  check "$table: every row exported" [ "$(jq ".tables.$table | length" "$json")" = "$(sql "SELECT count(*) FROM $table")" ]
done
check "rows come by id" [ "$(jq -c '[.tables.notes[].id]' "$json")" = "$(jq -c '[.tables.notes[].id] | sort' "$json")" ]
check "integers are JSON integers" [ "$(jq -r '.tables.accounts[0].id | type' "$json")" = number ]
check "text is a JSON string" [ "$(jq -r '.tables.accounts[0].key' "$json")" = acme-corp ]
check "NULL is null" [ "$(jq -r '[.tables.accounts[] | select(.segment == null)] | length' "$json")" = \
  "$(sql "SELECT count(*) FROM accounts WHERE segment IS NULL")" ]
check "the audit log is exported" [ "$(jq '.tables.events | length' "$json")" = "$(sql "SELECT count(*) FROM events")" ]
target=$SCRATCH/demo-copy.db
check "the import keeps meta.workspace_id" \
  [ "$(sqlite3 "$target" "SELECT value FROM meta WHERE key = 'workspace_id'")" = "$(sql "SELECT value FROM meta WHERE key = 'workspace_id'")" ]
check "the import records no event of its own: the log is the exported one" \
  [ "$(sqlite3 "$target" "SELECT count(*) FROM events")" = "$(sql "SELECT count(*) FROM events")" ]
check "the imported workspace passes acm check" [ "$("$ACM" -w "$target" check)" = ok ]
run -w "$target" -c fx.USD=1.1 account list --csv
imported_list=$out
run -c fx.USD=1.1 account list --csv
check "account list reads the same in the imported workspace" [ "$imported_list" == "$out" ]
check "the imported workspace is mode 0600" [ "$(stat -c %a "$target")" = 600 ]

# --- export -o FILE ---------------------------------------------------------------------------
run export -o "$SCRATCH/out.json"
expect_status 0 "export -o"
expect_out "$SCRATCH/out.json" "export -o prints the file's path"
check "export -o writes what stdout gets" cmp -s "$SCRATCH/out.json" "$json"
check "export -o creates the file mode 0600" [ "$(stat -c %a "$SCRATCH/out.json")" = 600 ]
expect_fails 1 "$SCRATCH/out.json already exists; give --force to replace it" export -o "$SCRATCH/out.json"
echo '{}' >"$SCRATCH/old.json"
run export --output "$SCRATCH/old.json" --force
expect_status 0 "export --force"
check "export --force replaced the file" cmp -s "$SCRATCH/old.json" "$json"

# --- Hostile text, every SQLite type, and a table of a future migration --------------------
export ACM_WORKSPACE=$SCRATCH/hostile.db
run init
nasty=$'Quote " \' back\\slash\nnew line\ttab \r\x01 Ünïcødé ✓ 😀 \u2028'
run account add "$nasty" --key nasty --owner '=cmd|/c calc' --segment '+1' --industry '-2' --region '@SUM(A1)'
expect_status 0 "an account with hostile text"
run account note add nasty $'=HYPERLINK("http://x")\n"line 2"' --kind call
run account usage add nasty --date 2026-11-20 --active-users 7 --adoption 62.5
# A whole real, and what acm never writes in its own tables (which import refuses, as the
# commands refuse it: t0241) but a table it does not know (WITHOUT ROWID, added by a future
# migration) may hold: a blob, text that is not UTF-8, an integer beyond 2^53.
sql "UPDATE usage SET adoption = 100.0"
future="CREATE TABLE zz_future (code TEXT PRIMARY KEY, n REAL, x) WITHOUT ROWID"
sql "$future; INSERT INTO zz_future VALUES ('b', 1e300, NULL), ('a', -0.000001, 'z'),
  ('c', NULL, X'00FF7B22'), ('d', NULL, CAST(X'C328FF' AS TEXT)), ('e', NULL, 9007199254740993);"
roundtrip hostile "$future"
json=$SCRATCH/hostile.json
check "hostile: jq parses the export" jq -e . "$json" >/dev/null
check "hostile: the name round-trips through jq" [ "$(jq -j '.tables.accounts[0].name' "$json")" == "$nasty" ]
check "hostile: formulas are exported as they are (JSON is not CSV)" \
  [ "$(jq -r '.tables.accounts[0].owner' "$json")" = '=cmd|/c calc' ]
check "hostile: a blob has its marker" [ "$(jq -c '.tables.zz_future[2].x' "$json")" = '{"blob_hex":"00ff7b22"}' ]
check "hostile: text that is not UTF-8 has its marker" [ "$(jq -c '.tables.zz_future[3].x' "$json")" = '{"text_hex":"c328ff"}' ]
check "hostile: the blob is a blob again" [ "$(sqlite3 "$SCRATCH/hostile-copy.db" "SELECT typeof(x), hex(x) FROM zz_future WHERE code = 'c'")" = "blob|00FF7B22" ]
check "hostile: the text is text again" [ "$(sqlite3 "$SCRATCH/hostile-copy.db" "SELECT typeof(x), hex(x) FROM zz_future WHERE code = 'd'")" = "text|C328FF" ]
check "hostile: a whole real stays a real" grep -q '"adoption": 100.0' "$json"
check "hostile: a large integer is exact" grep -q '"x": 9007199254740993' "$json"
check "hostile: types are the same after import" \
  [ "$(sqlite3 "$SCRATCH/hostile-copy.db" "SELECT typeof(adoption) FROM usage")|$(sqlite3 "$SCRATCH/hostile-copy.db" "SELECT typeof(x), x FROM zz_future WHERE code = 'e'")" = "real|integer|9007199254740993" ]
check "hostile: the future table is exported" [ "$(jq -c '.tables.zz_future[0:2]' "$json")" = '[{"code":"a","n":-1e-06,"x":"z"},{"code":"b","n":1e+300,"x":null}]' ]

# --- import refuses anything but an empty workspace, and changes nothing -------------------
export ACM_WORKSPACE=$SCRATCH/full.db
run init
run account add "Initech"
expect_fails 1 "workspace $SCRATCH/full.db is not empty (table accounts has rows); import only into a new workspace" \
  import "$SCRATCH/demo.json"
# No rows left, but a history: still not empty (its audit log would be lost).
run account rm initech
expect_fails 1 "workspace $SCRATCH/full.db is not empty (its audit log has events)" import "$SCRATCH/demo.json"
expect_fails 1 "no workspace at $SCRATCH/none.db; run 'acm init'" -w "$SCRATCH/none.db" import "$SCRATCH/demo.json"

export ACM_WORKSPACE=$SCRATCH/empty.db
run init
expect_fails 1 "cannot read $SCRATCH/missing.json" import "$SCRATCH/missing.json"
expect_fails 2 "file is required" import
jq '.schema_version = 2' "$SCRATCH/demo.json" >"$SCRATCH/v2.json"
expect_fails 1 "$SCRATCH/v2.json has schema version 2, this workspace $(sql 'PRAGMA user_version')" import "$SCRATCH/v2.json"
printf '{"format": "acm-export", "schema_version": %s, "tables": {"accounts": [{"id": 1, "key": "a",' \
  "$(sql 'PRAGMA user_version')" >"$SCRATCH/cut.json"
expect_fails 2 "$SCRATCH/cut.json, line 1: expected '\"', found the end of the file" import "$SCRATCH/cut.json"
echo '[1, 2]' >"$SCRATCH/array.json"
expect_fails 2 "$SCRATCH/array.json, line 1: expected '{', found '['" import "$SCRATCH/array.json"
jq '.format = "other"' "$SCRATCH/demo.json" >"$SCRATCH/format.json"
expect_fails 2 "not an acm export" import "$SCRATCH/format.json"
jq '.tables.nope = []' "$SCRATCH/demo.json" >"$SCRATCH/table.json"
expect_fails 2 "no table 'nope' in this workspace" import "$SCRATCH/table.json"
jq '.tables.accounts[1].colour = "red"' "$SCRATCH/demo.json" >"$SCRATCH/column.json"
expect_fails 2 "table accounts has no column 'colour'" import "$SCRATCH/column.json"
jq '.tables.notes[0].account_id = 999' "$SCRATCH/demo.json" >"$SCRATCH/fk.json"
expect_fails 2 "$SCRATCH/fk.json: table notes row $(jq '.tables.notes[0].id' "$SCRATCH/demo.json") refers to a missing accounts row" \
  import "$SCRATCH/fk.json"
jq '.tables.accounts[1].key = "acme-corp"' "$SCRATCH/demo.json" >"$SCRATCH/unique.json"
expect_fails 2 "table accounts: UNIQUE constraint failed: accounts.key" import "$SCRATCH/unique.json"
jq '.tables.accounts[0].status = "gone"' "$SCRATCH/demo.json" >"$SCRATCH/checkc.json"
expect_fails 2 "table accounts, id $(jq '.tables.accounts[0].id' "$SCRATCH/demo.json"): status gone is not valid (expected prospect, onboarding, active, at-risk or churned)" import "$SCRATCH/checkc.json"
sed 's/"tag": "flagship"/"tag": flagship/' "$SCRATCH/demo.json" >"$SCRATCH/bare.json"
expect_fails 2 "$SCRATCH/bare.json, line 6: expected a value" import "$SCRATCH/bare.json"
check "the failed imports left the fresh workspace importable" [ "$(sql "SELECT count(*) FROM events")" = 1 ]

# From standard input, after all those failures.
run_stdin "$SCRATCH/demo.json" import -
expect_status 0 "import from standard input"
"$ACM" export >"$SCRATCH/stdin.json"
check "import - gives the same workspace" cmp -s "$SCRATCH/stdin.json" "$SCRATCH/demo.json"

finish
