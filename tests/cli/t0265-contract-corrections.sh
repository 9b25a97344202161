#!/usr/bin/env bash
# Correcting contracts without inventing history: contract edit, contract rm, contract
# amend rm and renewal close --title. A duplicate contract removed leaves every KPI exactly
# as in a workspace where the mistake never happened; closed history is refused.
. "$(dirname "$0")/lib.sh"

# The same book in two workspaces; the first also gets a duplicate contract, then removes it.
book() {
  run init
  run account add "Acme" --key acme
  run account add "Globex" --key globex
  run contract add acme --start 2026-01-01 --end 2026-06-30 --arr 100k
  run contract add globex --start 2026-01-01 --end 2026-06-30 --arr 50k
}
reports() {
  for args in "report portfolio" "report retention --period 2026-H1" "report arr --period 2026 --by quarter" \
    "report renewals --period 2026"; do
    # shellcheck disable=SC2086
    "$ACM" --csv $args
  done
}
ACM_WORKSPACE=$SCRATCH/right.db book
ACM_WORKSPACE=$SCRATCH/right.db "$ACM" renewal close 1 --renewed >/dev/null
ACM_WORKSPACE=$SCRATCH/right.db "$ACM" renewal close 2 --churned --reason "budget" >/dev/null
want=$(ACM_WORKSPACE=$SCRATCH/right.db reports)

book
run contract add acme --start 2026-01-01 --end 2026-06-30 --arr 100k
duplicate=$out
run contract rm "$duplicate"
expect_status 0 "contract rm of a duplicate"
expect_out "$duplicate" "contract rm prints the id"
expect_err_has "removed contract $duplicate with its renewal" "contract rm says what went with it"
check "the duplicate's renewal went with it" [ "$(sql "SELECT count(*) FROM renewals WHERE contract_id = $duplicate")" = 0 ]
run renewal close 1 --renewed
run renewal close 2 --churned --reason "budget"
check "KPIs are those of the workspace without the mistake" [ "$(reports)" == "$want" ]

# Closed history is refused, and the workspace stays as it was.
expect_fails 1 "closed history" contract rm 1
expect_fails 1 "closed history" contract rm 2
successor=$(sql "SELECT id FROM contracts WHERE predecessor_id = 1")
expect_fails 1 "it is the renewal of contract 1" contract rm "$successor"
expect_fails 1 "can no longer be edited" contract edit 1 --end 2026-07-31
expect_fails 1 "can no longer be edited" contract edit 2 --start 2026-02-01
expect_fails 1 "no contract with id 99" contract rm 99
expect_fails 1 "no contract with id 99" contract edit 99 --title x
expect_fails 2 "nothing to change" contract edit 1
expect_fails 2 "--end" contract edit "$successor" --end 2026-06-01
expect_fails 2 "--notice" contract edit "$successor" --notice 2y

# What is not closed history can be corrected: the title of a closed contract, the term of
# an open one (its renewal follows).
run contract edit 1 --title "Platform 2026"
expect_status 0 "contract edit --title of a closed contract"
run --csv --no-header --columns title contract list --account acme
expect_out_has "Platform 2026" "the new title is listed"
run contract edit "$successor" --end 2027-06-30 --notice 60d
expect_status 0 "contract edit --end --notice"
run --csv --no-header --columns due,notice_deadline renewal list --account acme
expect_out "2027-06-30,2027-05-01" "the open renewal moved with the end and the notice"
run --json log --limit 1
check "contract edit records from and to" \
  [ "$(jq -r '.[0].changes.end.from + " " + .[0].changes.end.to' <<<"$out")" = "2026-12-31 2027-06-30" ]
run contract edit "$successor" --end 2027-06-30
expect_status 0 "an edit that changes nothing"
run --json log --limit 1
check "an edit that changes nothing records nothing" [ "$(jq -r '.[0].changes.end.from' <<<"$out")" = "2026-12-31" ]

# Amendments: removed by their id; the initial ARR is not an amendment; an edit may not
# leave an amendment outside the term.
run contract amend "$successor" --arr 120k --effective 2027-03-01 --reason "seats"
run --json contract show "$successor"
amendment=$(jq '.amendments[] | select(.reason == "seats") | .id' <<<"$out")
check "contract show lists each amendment's id" [ -n "$amendment" ]
initial=$(jq '.amendments[0].id' <<<"$out")
expect_fails 1 "not an amendment" contract amend rm "$initial"
expect_fails 2 "leaves out amendments $amendment" contract edit "$successor" --end 2027-02-28
run contract amend rm "$amendment"
expect_status 0 "contract amend rm"
expect_out "$successor" "contract amend rm prints the contract's id"
run --csv --no-header --columns arr renewal list --account acme
expect_out "100000.00" "the ARR is as before the amendment"
expect_fails 1 "no amendment with id 999" contract amend rm 999
expect_fails 2 "--effective is required" contract amend "$successor" --arr 1k

# renewal close --renewed --title names the successor; --title does not go with --churned.
run contract add globex --start 2026-07-01 --end 2026-12-31 --arr 10k --title "Pilot"
pilot=$out
renewal=$(sql "SELECT id FROM renewals WHERE contract_id = $pilot")
expect_fails 2 "do not go with --churned" renewal close "$renewal" --churned --reason x --title "Y"
run renewal close "$renewal" --renewed --title "Globex 2027"
next=$out
check "the successor has the new title" [ "$(sql "SELECT title FROM contracts WHERE id = $next")" = "Globex 2027" ]
check "the old contract keeps its title" [ "$(sql "SELECT title FROM contracts WHERE id = $pilot")" = "Pilot" ]

# Every correction undoes.
snapshot
run contract edit "$next" --title "Typo"
run undo
expect_unchanged_but_log() { if [ "$(dump | grep -avE '^INSERT INTO "?(events|commands|undo_log)"? ')" == "$(grep -avE '^INSERT INTO "?(events|commands|undo_log)"? ' "$SCRATCH/snapshot")" ]; then ok; else fail "$1"; fi; }
expect_unchanged_but_log "undo of contract edit"

# Lifecycle status follows the contracts: the last renewal churned makes the account
# churned (an event says so); it leaves report health, the briefing's health changes and
# the portfolio's customers unless --all; a new contract makes it active again.
run account add "Initech" --key initech
run contract add initech --start 2026-01-01 --end 2026-12-31 --arr 30k
first=$out
run contract add initech --start 2026-06-01 --end 2027-05-31 --arr 5k
second=$out
run renewal close "$(sql "SELECT id FROM renewals WHERE contract_id = $first")" --churned --reason "budget"
check "one contract still runs toward its renewal: the account stays active" \
  [ "$(sql "SELECT status FROM accounts WHERE key = 'initech'")" = active ]
run contract terminate "$second" --date 2026-11-30
check "no contract runs on: the account is churned" [ "$(sql "SELECT status FROM accounts WHERE key = 'initech'")" = churned ]
run --json log --limit 1
check "the status change is an event" [ "$(jq -r '.[0].changes.status.to' <<<"$out")" = churned ]
run --csv --no-header --columns key report health
expect_out_lacks "initech" "report health leaves a churned account out"
run --csv --no-header --columns key report health --all
expect_out_has "initech" "report health --all has it"
run --csv --no-header --columns accounts,customers report portfolio
without=$out
run --csv --no-header --columns accounts,customers report portfolio --all
check "the portfolio counts a churned account as a customer only with --all" [ "$without" != "$out" ]
run undo
check "undo of the termination: active again" [ "$(sql "SELECT status FROM accounts WHERE key = 'initech'")" = active ]
run contract terminate "$second" --date 2026-11-30
run contract add initech --start 2027-01-01 --end 2027-12-31 --arr 8k
check "a new contract: active again" [ "$(sql "SELECT status FROM accounts WHERE key = 'initech'")" = active ]

finish
