#!/usr/bin/env bash
# acm undo: the most recent command not undone is reverted as a whole, in one transaction;
# repeated, it walks back; the workspace's data is then exactly what it was before the
# command. The audit log keeps everything and marks what was undone.
. "$(dirname "$0")/lib.sh"

# The workspace's data: the dump without the audit log, the undo log and account versions,
# sorted (a bulk import drops the table's triggers and makes them again, at the end of the
# schema).
data() { dump | grep -avE '^INSERT INTO "?(events|commands|undo_log)"? ' | sort; }
keep() { data >"$SCRATCH/data.$1"; }
expect_data() { if [ "$(data)" == "$(cat "$SCRATCH/data.$1")" ]; then ok; else fail "$2"; fi; }

run init
run undo
expect_status 0 "nothing to undo: exit 0"
expect_no_out "nothing to undo: nothing on stdout"
expect_err_has "nothing to undo" "nothing to undo: a notice"

keep empty
run account add "Acme Corp." --segment enterprise --tier strategic
keep account
run contract add acme-corp --start 2025-01-01 --end 2025-12-31 --arr 120k --auto-renew --title "Platform"
keep contract
run account edit acme-corp --tier high-touch --owner dana
keep edited

# A dry run says what would go and changes nothing.
snapshot
run undo --dry-run
expect_status 0 "undo --dry-run"
expect_out_has "would undo command" "undo --dry-run: what it would undo"
expect_out_has "acm account edit acme-corp --tier high-touch --owner dana" "undo --dry-run: the command line"
expect_out_has "account acme-corp edit" "undo --dry-run: the events of that command"
expect_unchanged "undo --dry-run changes nothing"

# One write undone.
run undo
expect_status 0 "undo of an edit"
expect_out_has "undid command" "undo: says what it undid"
expect_out_has "acm account edit acme-corp" "undo: names the command"
expect_data contract "undo of an edit: the data is as before the edit"
run --csv --no-header --columns tier,owner account list
expect_out "strategic," "undo of an edit: the old tier, no owner"

# Two undos in a row walk back.
run undo
expect_out_has "acm contract add acme-corp" "second undo: the contract add"
expect_data account "second undo: the contract, its ARR and renewal are gone"
run undo
expect_out_has "acm account add" "third undo: the account add"
expect_data empty "third undo: the workspace's data is empty again"
run undo
expect_status 0 "nothing left: exit 0"
expect_err_has "nothing to undo" "nothing left: a notice"

# The log keeps every event, marks the commands undone and records each undo.
run --json log
check "log: the three commands are marked undone" [ "$(jq '[.[] | select(.undone)] | length' <<<"$out")" = 3 ]
check "log: each undo is an event" [ "$(jq '[.[] | select(.action == "undo" and .entity == "command")] | length' <<<"$out")" = 3 ]
check "log: an undo names the command it reverted" \
  [ "$(jq -r '[.[] | select(.action == "undo")][0].changes.command' <<<"$out")" = "acm account add 'Acme Corp.' --segment enterprise --tier strategic" ]
check "log: events of one command share its id" \
  [ "$(jq '[.[] | select(.entity == "contract") | .command_id] | length' <<<"$out")" = 1 ]

# A removal with --force comes back whole: contracts, renewals, notes, feedback, tags.
run account add "Beta" --tag vip
run contract add beta --start 2025-01-01 --end 2025-12-31 --arr 10k --auto-renew
run account note add beta "Kick-off" --date 2025-01-10
run feedback add beta --nps 3 --text "slow" --date 2025-02-01
run renewal roll
expect_out_has "beta" "roll renews beta's contract"
keep before-rm
run account rm beta --force
expect_status 0 "account rm --force"
run undo
expect_status 0 "undo of account rm --force"
expect_data before-rm "undo of account rm --force: everything is back"
run check
expect_out "ok" "after the undo of a removal the workspace passes acm check"

# renewal roll undoes as a whole: its successors and closed renewals.
run undo
expect_out_has "acm renewal roll" "undo: the roll"
run --csv --no-header --columns status contract list
expect_out "expired" "undo of roll: one contract, not renewed"
run --csv --no-header --columns outcome renewal list --all
expect_out "" "undo of roll: its renewal is open again"

# An import undoes as a whole.
python3 - >"$SCRATCH/accounts.csv" <<'PY'
print("name,segment")
for i in range(1000):
    print(f"Customer {i},smb")
PY
keep before-import
run account import "$SCRATCH/accounts.csv"
expect_status 0 "an import of 1,000 accounts"
run undo
expect_out_has "1000 rows" "undo of the import: every row"
expect_data before-import "undo of the import: the data is as before"

# A feedback import of 100,000 rows is logged as one range and undone as a whole.
python3 - >"$SCRATCH/feedback.csv" <<'PY'
print("account,date,nps,text")
for i in range(100000):
    print(f"beta,2026-{i % 12 + 1:02d}-{i % 28 + 1:02d},{i % 11},answer {i}")
PY
keep before-feedback
run --csv account list
listing_before=$out
run feedback import "$SCRATCH/feedback.csv"
expect_status 0 "a feedback import of 100,000 rows"
run --csv account list
check "the import changes beta's figures" [ "$out" != "$listing_before" ]
check "100,000 rows in" [ "$(sql "SELECT count(*) FROM feedback")" = 100001 ]
check "logged as one range, not row by row" \
  [ "$(sql "SELECT count(*) || ' ' || sum(rows) FROM undo_log WHERE command_id = (SELECT max(id) FROM commands)")" = "1 100000" ]
run undo
expect_out_has "100000 rows" "undo of the feedback import: every row"
expect_data before-feedback "undo of the feedback import: the data is as before"
run --csv account list
check "undo of the feedback import: the kept figures follow (the listing as before)" [ "$out" == "$listing_before" ]
check "undo of the feedback import: the indexes and triggers are back" \
  [ "$(sql "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'feedback' AND type IN ('index', 'trigger')")" = 7 ]

# A row changed outside acm since: refused, nothing changes.
run account add "Gamma"
sql "UPDATE accounts SET id = 900 WHERE key = 'gamma'"
expect_fails 1 "changed outside acm" undo
check "the refused undo leaves the command to undo" [ "$(sql "SELECT count(*) FROM commands WHERE undone_by IS NULL AND command LIKE '%Gamma%'")" = 1 ]

# An undo whose report cannot be written is not made.
run account add "Delta"
"$ACM" undo >/dev/full 2>"$SCRATCH/stderr"
status=$?
expect_status 1 "undo >/dev/full: exit 1"
run --csv --no-header --columns key account list
expect_out_has "delta" "undo >/dev/full: nothing was undone"

finish
