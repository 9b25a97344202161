#!/usr/bin/env bash
# Customer data is never lost or misread silently: an account with contracts is not removed
# without --force (its past ARR would vanish from every report), and a reference that could
# mean two accounts is refused rather than guessed.
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp."
run account add "Globex"
run contract add acme-corp --start 2025-01-01 --end 2025-12-31 --arr 100k
run contract add globex --start 2025-01-01 --end 2025-12-31 --arr 50k
run contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr 120k
run account note add acme-corp "QBR" --date 2026-10-01
run account note add acme-corp "Call" --date 2026-10-02
run escalate open acme-corp "Outage" --severity high --at 2026-10-03

# --- account rm with contracts -----------------------------------------------------------------
run report arr --period 2025 --csv
arr_before=$out
snapshot
expect_fails 1 "account acme-corp has 2 contracts (1, 3), 2 renewals, 2 notes and 1 escalation; use --force to remove it with all of them" \
  account rm acme-corp
expect_unchanged "account rm refused: the workspace is unchanged"
run report arr --period 2025 --csv
expect_out "$arr_before" "account rm refused: past ARR as it was"
run account rm acme-corp --force
expect_status 0 "account rm --force"
expect_out "acme-corp" "account rm --force prints the key"
expect_err_has "removed account acme-corp with 2 contracts (1, 3), 2 renewals, 2 notes and 1 escalation" "account rm --force says what went"
check "account rm --force: its contracts and renewals are gone" \
  [ "$(sql "SELECT count(*) FROM contracts WHERE id IN (1, 3)")$(sql "SELECT count(*) FROM renewals WHERE contract_id IN (1, 3)")" = 00 ]
check "account rm --force: the audit event names what went" \
  [ "$(sql "SELECT json_extract(changes, '\$.removed_history') FROM events WHERE action = 'rm' AND entity = 'account'")" = "2 contracts (1, 3), 2 renewals, 2 notes and 1 escalation" ]
run -q account rm globex --force
expect_no_err "account rm --force -q: no notice"
# Every kind of record attached is named, not only the account's own rows.
run account add "Hooli"
run contract add hooli --start 2026-01-01 --end 2026-12-31 --arr 10k
hooli_contract=$out
run contract amend "$hooli_contract" --arr 12k --effective 2026-06-01
run renewal remind --days 60
run escalate open hooli "Slow" --severity low --at 2026-11-01T09:00
run escalate action add "$out" "Add an index"
run feedback add hooli --nps 2 --date 2026-11-02
run feedback follow-up "$out" --note "Called"
expect_fails 1 "account hooli has 1 contract ($hooli_contract), 1 amendment, 1 renewal, 1 renewal reminder, 1 escalation, 1 escalation action, 1 feedback entry and 1 feedback follow-up; use --force" \
  account rm hooli
run account rm hooli --force
expect_status 0 "account rm --force: an account with every kind of record"
check "account rm --force: nothing of hooli is left" \
  [ "$(sql "SELECT (SELECT count(*) FROM contract_arr) + (SELECT count(*) FROM renewal_reminders) + (SELECT count(*) FROM escalation_actions) + (SELECT count(*) FROM feedback_follow_ups)")" = 0 ]
# --- a reference that is one account's id and another's name or key ------------------------------
run account add "Initech"
initech=$(sql "SELECT id FROM accounts WHERE key = 'initech'")
run account add "$initech" --key number-name
snapshot
expect_fails 1 "account $initech is ambiguous: it is the id of initech and the name of number-name; write id:$initech or key:number-name" \
  account note add "$initech" "Call"
expect_unchanged "an ambiguous reference changes nothing"
run account note add "id:$initech" "Call"
expect_status 0 "id: names the account by its id"
run account note add key:number-name "Call"
expect_status 0 "key: names the account by its key"
check "each note went to the account meant" \
  [ "$(sql "SELECT group_concat(a.key, ' ') FROM notes n JOIN accounts a ON a.id = n.account_id WHERE n.text = 'Call' ORDER BY n.id")" = "initech number-name" ]
expect_fails 1 "no account id:999" account show id:999
expect_fails 1 "no account key:nosuch" account show key:nosuch
# CSV imports resolve references as every command does: the same ambiguity, id: and key:.
printf 'account,date,nps\n%s,2026-11-01,9\n' "$initech" >"$SCRATCH/ambiguous.csv"
expect_import_fails 2 "line 2, column account: account $initech is ambiguous: it is the id of initech and the name of number-name; write id:$initech or key:number-name" \
  feedback import "$SCRATCH/ambiguous.csv"
printf 'account,date,nps\nid:%s,2026-11-01,9\nkey:number-name,2026-11-01,3\n' "$initech" >"$SCRATCH/prefixed.csv"
run feedback import "$SCRATCH/prefixed.csv"
expect_status 0 "feedback import: id: and key: references"
check "feedback import: each entry went to the account meant" \
  [ "$(sql "SELECT group_concat(a.key || '=' || f.score, ' ') FROM feedback f JOIN accounts a ON a.id = f.account_id WHERE f.date = '2026-11-01' ORDER BY f.id")" = "initech=9 number-name=3" ]
# --- acm import FILE.json checks every value as the commands do -------------------------------
# One record of every kind, exported; each case changes one value of the export and imports it
# into a new workspace, which must refuse the whole file naming the table, the record, the
# field and what was expected, and stay as it was (dump and file bytes).
export ACM_WORKSPACE=$SCRATCH/source.db
run init
run account add "Acme Corp." --key acme
run account contact add acme "Dana" --email dana@acme.com
run account note add acme "Kick-off" --date 2026-10-01
run contract add acme --start 2026-01-01 --end 2026-12-31 --arr 10k --notice 90d
run escalate open acme "Outage" --severity high --at 2026-11-01T10:00
run feedback add acme --nps 8 --date 2026-11-02
run account usage add acme --date 2026-11-03 --active-users 5 --adoption 40
run account opportunity add acme "More seats" --value 5k
run account cost add acme --amount 1k --date 2026-11-04 --category support
"$ACM" export >"$SCRATCH/good.json"
export ACM_WORKSPACE=$SCRATCH/target.db
run init
bytes() { cat "$ACM_WORKSPACE"* | sha256sum; }
# bad_import STATUS MESSAGE JQ-EDIT: the export edited by JQ-EDIT is refused.
bad_import() {
  jq "$3" "$SCRATCH/good.json" >"$SCRATCH/bad.json"
  local before; before=$(bytes)
  expect_fails "$1" "acm: error: $SCRATCH/bad.json, line " import "$SCRATCH/bad.json"
  expect_err_has "$2" "import refuses: $2"
  check "import refused ($3): the workspace file is byte-identical" [ "$(bytes)" = "$before" ]
}
bad_import 2 "table contracts, id 1: currency eur is not valid (expected an ISO 4217 currency code such as EUR)" '.tables.contracts[0].currency = "eur"'
bad_import 2 "table contracts, id 1: start_date garbage is not a valid date (expected YYYY-MM-DD or today, +30d, eom, …)" '.tables.contracts[0].start_date = "garbage"'
bad_import 2 "table contracts, id 1: notice banana is not a valid duration (expected e.g. 30d, 6w, 3m, 1y)" '.tables.contracts[0].notice = "banana"'
bad_import 2 "table contracts, id 1: auto_renew 2 is not a valid number (expected a whole number from 0 to 1)" '.tables.contracts[0].auto_renew = 2'
bad_import 2 "table contract_arr, id 1: arr_minor -100 is not a valid number (expected a whole number from 0 to" '.tables.contract_arr[0].arr_minor = -100'
bad_import 2 "table renewals, id 1: stage maybe is not valid (expected upcoming, in-progress or committed)" '.tables.renewals[0].stage = "maybe"'
bad_import 2 "table escalations, id 1: severity urgent is not valid (expected critical, high, medium or low)" '.tables.escalations[0].severity = "urgent"'
bad_import 2 "table escalations, id 1: opened_at yesterday is not a valid timestamp (expected YYYY-MM-DDTHH:MM:SSZ, in UTC)" '.tables.escalations[0].opened_at = "yesterday"'
bad_import 2 "table feedback, id 1: score 11 is not a valid NPS score (expected a whole number from 0 to 10)" '.tables.feedback[0].score = 11'
bad_import 2 "table opportunities, id 1: value_minor -5.00 is not a valid amount (must not be negative)" '.tables.opportunities[0].value_minor = -500'
bad_import 2 "table costs, id 1: currency XYZ is not valid (expected an ISO 4217 currency code such as EUR)" '.tables.costs[0].currency = "XYZ"'
bad_import 2 "table costs, id 1: category travel is not valid (expected support, infrastructure, services or other)" '.tables.costs[0].category = "travel"'
bad_import 2 "table accounts, id 1: key 'Bad Key' is not a valid key" '.tables.accounts[0].key = "Bad Key"'
bad_import 2 "table accounts, id 1: name must not be empty" '.tables.accounts[0].name = "  "'
bad_import 2 "table accounts, id 1: industry is binary data (expected text)" '.tables.accounts[0].industry = {"blob_hex": "00ff"}'
bad_import 2 "table accounts, id 1: owner is not valid UTF-8 text" '.tables.accounts[0].owner = {"text_hex": "c328"}'
bad_import 2 "table contacts, id 1: email nope is not a valid e-mail address (expected name@example.com)" '.tables.contacts[0].email = "nope"'
bad_import 2 "table notes, id 1: date today is not valid (expected a date as YYYY-MM-DD)" '.tables.notes[0].date = "today"'
bad_import 2 "table usage, id 1: adoption 101 is not a valid percentage (expected 0 to 100, e.g. 42.5)" '.tables.usage[0].adoption = 101'
bad_import 2 "table usage, id 1: active_users -1 is not a valid number" '.tables.usage[0].active_users = -1'
bad_import 2 "table account_tags, row 1: tag must not be empty" '.tables.account_tags = [{"account_id": 1, "tag": ""}]'
run import "$SCRATCH/good.json"
expect_status 0 "after every refusal, the valid export imports"
run --csv report arr --period 2026
expect_status 0 "and its reports work"
finish
