#!/usr/bin/env bash
# What an import says it did is what it did: a row matched with --upsert whose values are all
# stored already counts as "already in the workspace" and writes nothing (no event, no new
# account version, nothing to undo); a dry run counts exactly what the import then does.
. "$(dirname "$0")/lib.sh"
run init

versions() { sql "SELECT group_concat(account_id || '=' || version, ' ') FROM account_versions ORDER BY account_id"; }
events() { sql "SELECT count(*) FROM events"; }

# --- accounts --------------------------------------------------------------------------------
cat >"$SCRATCH/accounts.csv" <<'CSV'
External ID,Name,Owner,Tier,Tags
A-1,Acme Corp,sam,strategic,"emea, top"
A-2,Globex,kim,low-touch,
CSV
run account import "$SCRATCH/accounts.csv"
expect_status 0 "accounts added"
snapshot
before_versions=$(versions) before_events=$(events)
run account import "$SCRATCH/accounts.csv" --upsert --dry-run
expect_status 0 "the same accounts, dry run"
expect_err_has "would import 0 accounts (0 added, 0 updated), 2 already in the workspace"
run account import "$SCRATCH/accounts.csv" --upsert
expect_status 0 "the same accounts again with --upsert"
expect_err_has "imported 0 accounts (0 added, 0 updated), 2 already in the workspace"
expect_unchanged "the same accounts again: the workspace as it was"
check "the same accounts again: no new account version" [ "$(versions)" = "$before_versions" ]
check "the same accounts again: no event" [ "$(events)" = "$before_events" ]
# One changed (a tag it lacks), one the same, one new: each counted as what happened to it.
cat >"$SCRATCH/accounts2.csv" <<'CSV'
External ID,Name,Owner,Tier,Tags
A-1,Acme Corp,sam,strategic,"top, renewal-watch"
A-2,Globex,kim,low-touch,
A-3,Initech,lee,high-touch,
CSV
run account import "$SCRATCH/accounts2.csv" --upsert --dry-run
expect_err_has "would import 2 accounts (1 added, 1 updated), 1 already in the workspace"
run account import "$SCRATCH/accounts2.csv" --upsert
expect_err_has "imported 2 accounts (1 added, 1 updated), 1 already in the workspace"
check "the new tag added to the old ones" [ "$(sql "SELECT group_concat(tag, ',') FROM (SELECT tag FROM account_tags t JOIN accounts a ON a.id = t.account_id WHERE a.key = 'acme-corp' ORDER BY tag)")" = "emea,renewal-watch,top" ]
# Matched by key, the same values, but an external id the account did not have: updated.
run account add Hooli --owner sam
printf 'Name,Owner,External ID\nHooli,sam,H-1\n' >"$SCRATCH/hooli.csv"
run account import "$SCRATCH/hooli.csv" --upsert
expect_err_has "imported 1 accounts (0 added, 1 updated)"
check "the external id taken" [ "$(sql "SELECT external_id FROM accounts WHERE key = 'hooli'")" = "H-1" ]
snapshot
run account import "$SCRATCH/hooli.csv" --upsert
expect_err_has "imported 0 accounts (0 added, 0 updated), 1 already in the workspace"
expect_unchanged "hooli again: nothing changes"

# --- contracts -------------------------------------------------------------------------------
cat >"$SCRATCH/contracts.csv" <<'CSV'
Contract ID,Account,Start,End,ARR,Notice,Auto Renew,Title
C-1,acme-corp,2026-01-01,2026-12-31,12000,90 days,yes,Platform
C-2,globex,2026-03-01,2027-02-28,5000,,no,
CSV
run contract import "$SCRATCH/contracts.csv" --map 'Contract ID=external_id'
expect_status 0 "contracts added"
snapshot
before_versions=$(versions) before_events=$(events)
run undo --dry-run
before_undo="$status|$out|$err"
run contract import "$SCRATCH/contracts.csv" --map 'Contract ID=external_id' --upsert --dry-run
expect_err_has "would import 0 contracts, 2 already in the workspace"
run contract import "$SCRATCH/contracts.csv" --map 'Contract ID=external_id' --upsert
expect_status 0 "the same contracts again with --upsert"
expect_err_has "imported 0 contracts, 2 already in the workspace"
expect_unchanged "the same contracts again: the workspace as it was"
check "the same contracts again: no new account version" [ "$(versions)" = "$before_versions" ]
check "the same contracts again: no event" [ "$(events)" = "$before_events" ]
run undo --dry-run
check "the same contracts again: nothing of it to undo (undo reverts the import before it)" [ "$status|$out|$err" = "$before_undo" ]
# One with a new ARR, one the same, one new.
cat >"$SCRATCH/contracts2.csv" <<'CSV'
Contract ID,Account,Start,End,ARR,Notice,Auto Renew,Title
C-1,acme-corp,2026-01-01,2026-12-31,15000,90 days,yes,Platform
C-2,globex,2026-03-01,2027-02-28,5000,,no,
C-3,initech,2026-06-01,2027-05-31,7000,,,
CSV
run contract import "$SCRATCH/contracts2.csv" --map 'Contract ID=external_id' --upsert --dry-run
expect_err_has "would import 1 contracts, 1 would be updated, 1 already in the workspace"
run contract import "$SCRATCH/contracts2.csv" --map 'Contract ID=external_id' --upsert
expect_err_has "imported 1 contracts, 1 updated, 1 already in the workspace"
check "C-1 amended from today" [ "$(sql "SELECT group_concat(r.effective || '=' || r.arr_minor, ',') FROM contract_arr r JOIN contracts c ON c.id = r.contract_id WHERE c.external_id = 'C-1'")" = "2026-01-01=1200000,2026-11-22=1500000" ]
# Hostile: a dry run beside another writer that holds the write lock still reads and counts.
hold_write_lock
run contract import "$SCRATCH/contracts.csv" --map 'Contract ID=external_id' --upsert --dry-run
release_write_lock
expect_status 0 "a dry run beside a writer"
expect_err_has "would import 0 contracts, 1 would be updated, 1 already in the workspace"

# --- contracts: a dry run refuses what the import refuses, with its message -------------------
# refused_alike STATUS MESSAGE FILE: the dry run and the import both fail so, and say the same.
refused_alike() {
  local want=$1 message=$2 file=$3
  expect_import_fails "$want" "$message" contract import "$file" --map 'Contract ID=external_id' --upsert --dry-run
  local dry=$err
  expect_import_fails "$want" "$message" contract import "$file" --map 'Contract ID=external_id' --upsert
  check "$file: the dry run's error is the import's" [ "$dry" = "$err" ]
}
# C-2's renewal is decided: its term is closed history, which a row may not move.
run renewal close "$(sql "SELECT r.id FROM renewals r JOIN contracts c ON c.id = r.contract_id WHERE c.external_id = 'C-2'")" --churned --reason budget
expect_status 0 "C-2's renewal closed"
sed 's/^C-2,globex,2026-03-01,2027-02-28,/C-2,globex,2026-03-01,2027-03-31,/' "$SCRATCH/contracts2.csv" >"$SCRATCH/closed.csv"
refused_alike 1 "line $(grep -n '^C-2,' "$SCRATCH/closed.csv" | cut -d: -f1): contract" "$SCRATCH/closed.csv"
expect_err_has "its start and end are closed history (its renewal" "the refusal says why"
expect_err_has "nothing was imported" "… and that nothing was imported"
# C-1's amendment from today would fall outside a term that ends before it.
sed 's/^C-1,acme-corp,2026-01-01,2026-12-31,15000,/C-1,acme-corp,2026-01-01,2026-10-31,15000,/' "$SCRATCH/contracts2.csv" >"$SCRATCH/short.csv"
refused_alike 2 "line $(grep -n '^C-1,' "$SCRATCH/short.csv" | cut -d: -f1): the term 2026-01-01 to 2026-10-31 leaves out amendments" "$SCRATCH/short.csv"
# An ARR in another currency than the contract's cannot become its amendment.
printf 'Contract ID,Account,Start,End,ARR,Currency\nC-3,initech,2026-06-01,2027-05-31,7000,USD\n' >"$SCRATCH/usd.csv"
refused_alike 2 "line 2: --arr" "$SCRATCH/usd.csv"
expect_err_has "is not valid (expected an amount in the contract's currency, EUR)" "the refusal says why"
# What does not move the term of closed history still passes both: C-2's title.
sed 's/^C-2,globex,2026-03-01,2027-02-28,5000,,no,$/C-2,globex,2026-03-01,2027-02-28,5000,,no,Suite/' "$SCRATCH/contracts2.csv" >"$SCRATCH/title.csv"
run contract import "$SCRATCH/title.csv" --map 'Contract ID=external_id' --upsert --dry-run
expect_err_has "would import 0 contracts, 1 would be updated, 2 already in the workspace"
run contract import "$SCRATCH/title.csv" --map 'Contract ID=external_id' --upsert
expect_err_has "imported 0 contracts, 1 updated, 2 already in the workspace"

# --- contacts: a matched contact that takes the file's external id is updated ---------------
cat >"$SCRATCH/contacts.csv" <<'CSV'
Name,Email,Title,Account
Dana Smith,dana@acme.example,CFO,acme-corp
Kim Lee,kim@globex.example,CTO,globex
CSV
run account contact import "$SCRATCH/contacts.csv"
expect_status 0 "contacts added"
# Dana again with the CRM's id and nothing else new (her e-mail in another case), Kim as she
# is, and one new: Dana is updated (the id is written), in the dry run as in the import.
cat >"$SCRATCH/contacts2.csv" <<'CSV'
Record ID,Name,Email,Title,Account
P-1,Dana Smith,DANA@acme.example,CFO,acme-corp
,Kim Lee,kim@globex.example,CTO,globex
P-3,Lee Park,lee@initech.example,,initech
CSV
snapshot
run account contact import "$SCRATCH/contacts2.csv" --map 'Record ID=external_id' --upsert --dry-run
expect_status 0 "contacts with their CRM ids, dry run"
dry=$err
expect_err_has "would import 1 contacts, 1 would be updated, 1 already in the workspace"
expect_unchanged "a dry run of contacts writes nothing"
run account contact import "$SCRATCH/contacts2.csv" --map 'Record ID=external_id' --upsert
expect_status 0 "contacts with their CRM ids"
expect_err_has "imported 1 contacts, 1 updated, 1 already in the workspace"
said=${dry/would import/imported}
check "the contacts' dry run counts what the import did" [ "${said/would be updated/updated}" = "$err" ]
check "Dana took her external id" [ "$(sql "SELECT ifnull(external_id, '') FROM contacts WHERE email = 'dana@acme.example'")" = P-1 ]
check "Kim has none" [ "$(sql "SELECT count(*) FROM contacts WHERE email = 'kim@globex.example' AND external_id IS NULL")" = 1 ]
# Again: every contact has what the file says, its id included.
snapshot
run account contact import "$SCRATCH/contacts2.csv" --map 'Record ID=external_id' --upsert --dry-run
expect_err_has "would import 0 contacts, 3 already in the workspace"
run account contact import "$SCRATCH/contacts2.csv" --map 'Record ID=external_id' --upsert
expect_err_has "imported 0 contacts, 3 already in the workspace"
expect_unchanged "the same contacts again: nothing changes"
# Hostile: the dry run beside another writer that holds the write lock still reads and counts.
hold_write_lock
run account contact import "$SCRATCH/contacts2.csv" --map 'Record ID=external_id' --upsert --dry-run
release_write_lock
expect_status 0 "a contacts dry run beside a writer"
expect_err_has "would import 0 contacts, 3 already in the workspace"
# A title changed and an id taken on one row: one update, counted once.
printf 'Record ID,Name,Email,Title,Account\nP-2,Kim Lee,kim@globex.example,CEO,globex\n' >"$SCRATCH/kim.csv"
run account contact import "$SCRATCH/kim.csv" --map 'Record ID=external_id' --upsert --dry-run
expect_err_has "would import 0 contacts, 1 would be updated"
run account contact import "$SCRATCH/kim.csv" --map 'Record ID=external_id' --upsert
expect_err_has "imported 0 contacts, 1 updated"
check "Kim's title and id" [ "$(sql "SELECT title || '|' || external_id FROM contacts WHERE email = 'kim@globex.example'")" = "CEO|P-2" ]

# --- feedback: a dry run counts what the import then does -----------------------------------
cat >"$SCRATCH/responses.csv" <<'CSV'
Response ID,Account,Date,NPS,Comment
R-1,acme-corp,2026-11-01,9,Great support
R-2,globex,2026-11-02,6,Slow reports
CSV
run feedback import "$SCRATCH/responses.csv"
expect_status 0 "responses added"
# R-1 changed, R-2 the same, R-3 new.
cat >"$SCRATCH/responses2.csv" <<'CSV'
Response ID,Account,Date,NPS,Comment
R-1,acme-corp,2026-11-01,10,Great support
R-2,globex,2026-11-02,6,Slow reports
R-3,initech,2026-11-03,8,
CSV
snapshot
run feedback import "$SCRATCH/responses2.csv" --upsert --dry-run
expect_status 0 "dry run of responses with ids"
dry=$err
expect_err_has "would import 1 feedback entries, 1 would be updated, 1 already in the workspace"
expect_unchanged "a dry run writes nothing"
run feedback import "$SCRATCH/responses2.csv" --upsert
expect_status 0 "the responses with --upsert"
expect_err_has "imported 1 feedback entries, 1 updated, 1 already in the workspace"
said=${dry/would import/imported}
check "the dry run's counts are the import's" [ "${said/would be updated/updated}" = "$err" ]
check "R-1 updated" [ "$(sql "SELECT score FROM feedback WHERE external_id = 'R-1'")" = 10 ]
# Again: nothing would change, and nothing does.
run feedback import "$SCRATCH/responses2.csv" --upsert --dry-run
expect_err_has "would import 0 feedback entries, 3 already in the workspace"
snapshot
run feedback import "$SCRATCH/responses2.csv" --upsert
expect_err_has "imported 0 feedback entries, 3 already in the workspace"
expect_unchanged "the same responses again: nothing changes"
# Without --upsert a changed response is left as it is, and counted so, in both runs.
sed 's/,10,/,3,/' "$SCRATCH/responses2.csv" >"$SCRATCH/responses3.csv"
run feedback import "$SCRATCH/responses3.csv" --dry-run
expect_err_has "would import 0 feedback entries, 3 already in the workspace"
run feedback import "$SCRATCH/responses3.csv"
expect_err_has "imported 0 feedback entries, 3 already in the workspace"

finish
