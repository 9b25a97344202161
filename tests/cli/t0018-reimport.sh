#!/usr/bin/env bash
# External ids and re-imports: the id another system gives a row is kept with the system's
# name, --upsert finds the rows an earlier import made (by external id, then by key), a
# contract names its account by the account's external id, and importing the same export
# twice changes nothing.
. "$(dirname "$0")/lib.sh"
run init

# --- accounts: external ids, keys from them ------------------------------------------------
cat >"$SCRATCH/accounts.csv" <<'CSV'
External ID,Name,Owner
A-1,Acme Corp,sam
A-2,株式会社テスト,kim
CSV
run account import "$SCRATCH/accounts.csv"
expect_status 0 "accounts with external ids"
check "external ids kept, source csv for a file without rules" \
  [ "$(sql "SELECT group_concat(key || '|' || external_source || '|' || external_id, ' ') FROM accounts ORDER BY id")" = "acme-corp|csv|A-1 csv-a-2|csv|A-2" ]
expect_import_fails 2 "line 2, column External ID: an account with external id A-1 already exists (use --upsert to update it)" \
  account import "$SCRATCH/accounts.csv"
# Each error names the column of what found the account: a new external id with the name of an
# account there is the key's (from the Name column); without key and name, the external id's.
printf 'External ID,Name\nA-9,Acme Corp\n' >"$SCRATCH/newid.csv"
expect_import_fails 2 "line 2, column Name: an account with key acme-corp already exists (use --upsert to update it)" \
  account import "$SCRATCH/newid.csv"
printf 'External ID,Owner\nA-77,sam\n' >"$SCRATCH/noname-id.csv"
expect_import_fails 2 "line 2, column External ID: no account with external id A-77 to update and no name to add it with" \
  account import "$SCRATCH/noname-id.csv" --upsert
snapshot
sleep 1  # a second later: an update that rewrote updated_at would show
run account import "$SCRATCH/accounts.csv" --upsert
expect_status 0 "the same accounts again with --upsert"
expect_err_has "imported 0 accounts (0 added, 0 updated), 2 already in the workspace"
expect_unchanged "the same accounts again with --upsert: nothing changes"
# Matched by external id, the account keeps its key even when its name changed in the CRM.
printf 'External ID,Name,Owner\nA-1,Acme Corporation,lee\n' >"$SCRATCH/renamed.csv"
run account import "$SCRATCH/renamed.csv" --upsert
expect_status 0 "a renamed account by external id"
check "renamed by external id: same key, new name and owner" \
  [ "$(sql "SELECT key || '|' || name || '|' || owner FROM accounts WHERE external_id = 'A-1'")" = "acme-corp|Acme Corporation|lee" ]
# A name that gives no key and no external id: refused, naming the line and the way out.
printf 'Name,Owner\n?????,sam\n' >"$SCRATCH/nokey.csv"
expect_import_fails 2 "line 2, column Name: the name ????? gives no key (use --map 'KEYCOLUMN=key' to take keys from a column)" \
  account import "$SCRATCH/nokey.csv"
printf 'Name,Code\n?????,qm\n' >"$SCRATCH/nokey.csv"
run account import "$SCRATCH/nokey.csv" --map Code=key
expect_status 0 "--map KEYCOLUMN=key gives the key"
# Hostile: an external id twice in one file, and one too long.
printf 'External ID,Name\nB-1,Beta\nB-1,Gamma\n' >"$SCRATCH/twice.csv"
expect_import_fails 2 "line 3, column External ID: the external id B-1 appears twice in the file (line 2)" \
  account import "$SCRATCH/twice.csv"
{ printf 'External ID,Name\n'; printf '%0300d,Delta\n' 7; } >"$SCRATCH/long.csv"
expect_import_fails 2 "line 2, column External ID:" account import "$SCRATCH/long.csv"

# --- contracts: the account by its external id; upsert by external id, then by term ---------
cat >"$SCRATCH/contracts.csv" <<'CSV'
Contract ID,Account,Start,End,ARR,Currency
C-1,A-1,2026-01-01,2026-12-31,12000,EUR
C-2,csv-a-2,2026-03-01,2027-02-28,5000,EUR
CSV
run contract import "$SCRATCH/contracts.csv" --map 'Contract ID=external_id'
expect_status 0 "contracts naming their account by external id"
check "contracts stored with their external ids and accounts" \
  [ "$(sql "SELECT group_concat(a.key || '|' || c.external_id, ' ') FROM contracts c JOIN accounts a ON a.id = c.account_id ORDER BY c.id")" = "acme-corp|C-1 csv-a-2|C-2" ]
expect_import_fails 2 "line 2, column Contract ID: a contract with external id C-1 was imported already (id 1; use --upsert to update it)" \
  contract import "$SCRATCH/contracts.csv" --map 'Contract ID=external_id'
snapshot
run contract import "$SCRATCH/contracts.csv" --map 'Contract ID=external_id' --upsert
expect_status 0 "the same contracts again with --upsert"
expect_err_has "imported 0 contracts, 2 already in the workspace"
expect_unchanged "the same contracts again with --upsert: nothing changes"
# The CRM's amount changed: an amendment from today; a new end moves the term.
sed -e 's/^C-1,A-1,2026-01-01,2026-12-31,12000/C-1,A-1,2026-01-01,2027-03-31,15000/' "$SCRATCH/contracts.csv" >"$SCRATCH/contracts2.csv"
run contract import "$SCRATCH/contracts2.csv" --map 'Contract ID=external_id' --upsert
expect_status 0 "changed contracts with --upsert"
check "the end moved, the ARR amended from today" \
  [ "$(sql "SELECT c.end_date || '|' || group_concat(r.effective || '=' || r.arr_minor, ',') FROM contracts c JOIN contract_arr r ON r.contract_id = c.id WHERE c.external_id = 'C-1'")" = "2027-03-31|2026-01-01=1200000,2026-11-22=1500000" ]
check "still two contracts" [ "$(sql "SELECT count(*) FROM contracts")" = 2 ]
run undo
expect_status 0 "undo of the contract upsert"
check "undo puts the end and the ARR back" \
  [ "$(sql "SELECT c.end_date || '|' || count(r.id) FROM contracts c JOIN contract_arr r ON r.contract_id = c.id WHERE c.external_id = 'C-1'")" = "2026-12-31|1" ]
# Without external ids, --upsert finds the account's contract with the same start and end.
printf 'account,start,end,arr\nacme-corp,2026-01-01,2026-12-31,12000\n' >"$SCRATCH/noid.csv"
snapshot
run contract import "$SCRATCH/noid.csv" --upsert
expect_status 0 "a contract without external id, matched by its term"
expect_unchanged "matched by its term: nothing changes"

# --- contacts: a CRM contact export, matched by external id, else by e-mail ------------------
cat >"$SCRATCH/contacts.csv" <<'CSV'
Record ID,First Name,Last Name,Email,Phone Number,Job Title,Contact Role,Associated Company
P-1,Dana,Smith,dana@acme.example,+1 555 0100,CFO,Decision-Maker,acme-corp
P-2,Kenji,Sato,kenji@test.example,,CTO,technical,A-2
CSV
run account contact import "$SCRATCH/contacts.csv" --map 'Record ID=external_id'
expect_status 0 "a CRM contact export"
expect_err_has "imported 2 contacts"
check "contacts stored: names joined, role in any case, the account by key or external id, ids kept" \
  [ "$(sql "SELECT group_concat(a.key || '|' || c.name || '|' || c.email || '|' || ifnull(c.phone, '') || '|' || c.title || '|' || c.role || '|' || c.external_id, ' / ') FROM contacts c JOIN accounts a ON a.id = c.account_id ORDER BY c.id")" = "acme-corp|Dana Smith|dana@acme.example|+1 555 0100|CFO|decision-maker|P-1 / csv-a-2|Kenji Sato|kenji@test.example||CTO|technical|P-2" ]
again() {
  snapshot
  run "$@"
  expect_status 0 "acm $* again"
  expect_unchanged "acm $* again changes nothing"
}
again account contact import "$SCRATCH/contacts.csv" --map 'Record ID=external_id'
sed 's/,CFO,/,CEO,/' "$SCRATCH/contacts.csv" >"$SCRATCH/contacts2.csv"
expect_import_fails 2 "line 2, column Record ID: the contact 'Dana Smith' exists already (id 1; use --upsert to update it)" \
  account contact import "$SCRATCH/contacts2.csv" --map 'Record ID=external_id'
run account contact import "$SCRATCH/contacts2.csv" --map 'Record ID=external_id' --upsert
expect_err_has "imported 0 contacts, 1 updated, 1 already in the workspace"
check "the title updated in place" [ "$(sql "SELECT id || '|' || title FROM contacts WHERE external_id = 'P-1'")" = "1|CEO" ]
# Without an external id, the account's contact with the same e-mail (in any case).
printf 'Name,Email,Title,Account\nDana Smith,DANA@acme.example,CEO,acme-corp\n' >"$SCRATCH/noid-contacts.csv"
again account contact import "$SCRATCH/noid-contacts.csv"
printf 'Name,Email,Role,Account\nX,not-an-email,,acme-corp\nY,y@acme.example,boss,acme-corp\n' >"$SCRATCH/bad-contacts.csv"
expect_import_fails 2 "line 2, column Email: not-an-email is not a valid e-mail address" account contact import "$SCRATCH/bad-contacts.csv"
expect_err_has "line 3, column Role: boss is not valid"
printf 'Email,Account\nx@acme.example,acme-corp\n' >"$SCRATCH/noname.csv"
expect_import_fails 2 "line 1: no column gives the contact's name" account contact import "$SCRATCH/noname.csv"
# A survey export naming the account by the e-mail of a contact (rules: account_by = "email").
printf 'account_by = "email"\nkind = "feedback"\n[fields]\naccount = "Email"\n' >"$SCRATCH/by-email.toml"
printf 'Email,date,nps\nkenji@test.example,2026-10-03,8\n' >"$SCRATCH/by-email.csv"
run feedback import "$SCRATCH/by-email.csv" --rules "$SCRATCH/by-email.toml"
expect_status 0 "feedback naming the account by a contact's e-mail"
check "the contact's account" [ "$(sql "SELECT a.key FROM feedback f JOIN accounts a ON a.id = f.account_id WHERE f.date = '2026-10-03'")" = "csv-a-2" ]
run undo
expect_status 0 "undo of that import"
printf 'account_by = "phone"\n' >"$SCRATCH/by-phone.toml"
expect_import_fails 2 "line 1: account_by = phone is not valid (expected email)" feedback import "$SCRATCH/by-email.csv" --rules "$SCRATCH/by-phone.toml"

# --- feedback: the same export twice adds nothing -----------------------------------------
cat >"$SCRATCH/survey.csv" <<'CSV'
account,date,nps,text
acme-corp,2026-10-01,9,Great
acme-corp,2026-10-01,9,Great
csv-a-2,2026-10-02,3,Slow
CSV
run feedback import "$SCRATCH/survey.csv"
expect_status 0 "a survey export"
snapshot
run feedback import "$SCRATCH/survey.csv"
expect_status 0 "the same survey export again"
expect_err_has "imported 0 feedback entries, 3 already in the workspace"
expect_unchanged "the same survey export again: nothing changes"
# One more response in the next export: only it is added (the two equal rows stay two).
{ cat "$SCRATCH/survey.csv"; echo "acme-corp,2026-10-05,10,More"; } >"$SCRATCH/survey2.csv"
run feedback import "$SCRATCH/survey2.csv"
expect_err_has "imported 1 feedback entries, 3 already in the workspace"
check "four responses" [ "$(sql "SELECT count(*) FROM feedback")" = 4 ]
# A response the file has three times and the workspace twice: the third is new.
printf 'account,date,nps,text\nacme-corp,2026-10-01,9,Great\nacme-corp,2026-10-01,9,Great\nacme-corp,2026-10-01,9,Great\n' >"$SCRATCH/thrice.csv"
run feedback import "$SCRATCH/thrice.csv"
expect_err_has "imported 1 feedback entries, 2 already in the workspace"
check "three of that response now" [ "$(sql "SELECT count(*) FROM feedback WHERE text = 'Great'")" = 3 ]
# With a response id: matched by it, whatever else changed; a type column wins over --type.
cat >"$SCRATCH/ids.csv" <<'CSV'
Response ID,account,date,score,type,text
R-1,acme-corp,2026-11-01,4,csat,ok
R-2,acme-corp,2026-11-01,8,,fine
CSV
run feedback import "$SCRATCH/ids.csv" --type nps
expect_status 0 "responses with ids and a type column"
check "ids kept; the type column wins over --type, --type fills the blank" \
  [ "$(sql "SELECT group_concat(external_id || '|' || type || '|' || score, ' ') FROM feedback WHERE external_id IS NOT NULL ORDER BY id")" = "R-1|csat|4 R-2|nps|8" ]
snapshot
sed 's/,ok$/,ok (edited)/' "$SCRATCH/ids.csv" >"$SCRATCH/ids2.csv"
run feedback import "$SCRATCH/ids2.csv" --type nps
expect_err_has "imported 0 feedback entries, 2 already in the workspace"
expect_unchanged "responses matched by id: nothing added"
# With --upsert a response matched by its id takes the file's values (one edit event each, the
# follow-up decided again), and undo puts it back.
snapshot
sed 's/^R-1,acme-corp,2026-11-01,4,csat,ok$/R-1,acme-corp,2026-11-02,1,csat,ok (edited)/' "$SCRATCH/ids.csv" >"$SCRATCH/ids3.csv"
run feedback import "$SCRATCH/ids3.csv" --type nps --upsert
expect_status 0 "--upsert of responses with ids"
expect_err_has "imported 0 feedback entries, 1 updated, 1 already in the workspace"
check "R-1 takes the file's date, score and text; a CSAT of 1 is negative and opens its follow-up" \
  [ "$(sql "SELECT date || '|' || score || '|' || text || '|' || negative || '|' || follow_up FROM feedback WHERE external_id = 'R-1'")" = "2026-11-02|1|ok (edited)|1|open" ]
check "R-2 unchanged" [ "$(sql "SELECT score || '|' || text FROM feedback WHERE external_id = 'R-2'")" = "8|fine" ]
check "one edit event, for R-1" [ "$(sql "SELECT count(*) FROM events WHERE entity = 'feedback' AND action = 'edit'")" = 1 ]
run feedback import "$SCRATCH/ids3.csv" --type nps --upsert
expect_err_has "imported 0 feedback entries, 2 already in the workspace"
run undo
expect_out_has "ids3.csv --type nps --upsert" "undo: the import that changed nothing is not a command; the --upsert one is undone"
check "undo of the --upsert: R-1 as it was, its follow-up gone" \
  [ "$(sql "SELECT date || '|' || score || '|' || text || '|' || negative || '|' || coalesce(follow_up, '-') FROM feedback WHERE external_id = 'R-1'")" = "2026-11-01|4|ok|0|-" ]
printf 'account,date,score\nacme-corp,2026-11-01,4\n' >"$SCRATCH/notype.csv"
expect_import_fails 2 "line 1: a score column needs a type column or --type nps, csat or ces" feedback import "$SCRATCH/notype.csv"
printf 'account,date,score,type\nacme-corp,2026-11-01,4,\n' >"$SCRATCH/blanktype.csv"
expect_import_fails 2 "line 2, column score: needs a type (nps, csat or ces) in the type column or --type" feedback import "$SCRATCH/blanktype.csv"
printf 'account,date,score,type\nacme-corp,2026-11-01,4,stars\n' >"$SCRATCH/badtype.csv"
expect_import_fails 2 "line 2, column type: stars is not valid" feedback import "$SCRATCH/badtype.csv"

# --- usage: an overlapping export replaces the days it covers with --upsert -----------------
printf 'account,date,active_users\nacme-corp,2026-11-01,10\nacme-corp,2026-11-02,11\n' >"$SCRATCH/week1.csv"
printf 'account,date,active_users\nacme-corp,2026-11-02,12\nacme-corp,2026-11-03,13\n' >"$SCRATCH/week2.csv"
run account usage import "$SCRATCH/week1.csv"
expect_status 0 "usage, first export"
expect_import_fails 2 "line 2, column account: acme-corp already has usage on 2026-11-02 (id 2; use --upsert to replace it)" \
  account usage import "$SCRATCH/week2.csv"
run account usage import "$SCRATCH/week2.csv" --upsert
expect_status 0 "the overlapping export with --upsert"
expect_err_has "imported 1 usage rows, 1 updated"
check "the day it covers replaced, the new day added, the ids kept" \
  [ "$(sql "SELECT group_concat(id || '|' || date || '|' || active_users, ' ') FROM usage ORDER BY date")" = "1|2026-11-01|10 2|2026-11-02|12 3|2026-11-03|13" ]
run undo
expect_status 0 "undo of the usage upsert"
check "undo: the replaced day is back, the added one gone" \
  [ "$(sql "SELECT group_concat(id || '|' || date || '|' || active_users, ' ') FROM usage ORDER BY date")" = "1|2026-11-01|10 2|2026-11-02|11" ]
run account usage import "$SCRATCH/week2.csv" --upsert --dry-run
expect_status 0 "dry run of the upsert"
expect_err_has "would import 1 usage rows, 1 would be updated"

# Hostile: an external id the workspace gives another day's usage row.
printf 'account,date,active_users,external_id\nacme-corp,2026-11-10,10,U-1\n' >"$SCRATCH/u1.csv"
run account usage import "$SCRATCH/u1.csv" --upsert
expect_status 0 "a usage row takes an external id"
printf 'account,date,active_users,external_id\nacme-corp,2026-11-05,10,U-1\n' >"$SCRATCH/u2.csv"
expect_import_fails 2 "line 2, column external_id: the external id U-1 is usage row 3, of another day" \
  account usage import "$SCRATCH/u2.csv" --upsert
# A contract without an external id takes the id of the row that matches its term; one
# with another id is another record.
run contract add csv-a-2 --start 2027-03-01 --end 2028-02-29 --arr 5000
printf 'account,start,end,arr,external id\ncsv-a-2,2027-03-01,2028-02-29,5000,C-8\nacme-corp,2026-01-01,2026-12-31,12000,C-9\n' >"$SCRATCH/c9.csv"
run contract import "$SCRATCH/c9.csv" --upsert
expect_status 0 "contracts matched by their term"
check "the contract without an id took C-8; C-1 kept its id, so C-9 is a new contract" \
  [ "$(sql "SELECT (SELECT count(*) FROM contracts) || '|' || (SELECT id FROM contracts WHERE external_id = 'C-8') || '|' || (SELECT id FROM contracts WHERE external_id = 'C-9')")" = "4|3|4" ]

# --- contracts: --upsert pairs stored contracts and rows one to one -------------------------
# The current ARR of each contract of an account, in id order.
arrs() {
  sql "SELECT group_concat(arr, ' ') FROM (SELECT (SELECT arr_minor FROM contract_arr r WHERE r.contract_id = c.id ORDER BY effective DESC, r.id DESC LIMIT 1) AS arr FROM contracts c JOIN accounts a ON a.id = c.account_id WHERE a.key = '$1' ORDER BY c.id)"
}
run account add Zeta
printf 'account,start,end,arr\nzeta,2026-01-01,2026-12-31,1000\nzeta,2026-01-01,2026-12-31,2000\n' >"$SCRATCH/same-term.csv"
run contract import "$SCRATCH/same-term.csv"
expect_status 0 "two contracts of one account on one term"
check "both added" [ "$(arrs zeta)" = "100000 200000" ]
snapshot
run contract import "$SCRATCH/same-term.csv" --upsert
expect_status 0 "the two same-term rows again with --upsert"
expect_err_has "imported 0 contracts, 2 already in the workspace"
expect_unchanged "the two same-term rows again with --upsert: nothing changes, nothing added"
run contract import "$SCRATCH/same-term.csv" --upsert --dry-run
expect_status 0 "a dry run pairs them the same"
expect_err_has "would import 0 contracts, 2 already in the workspace"
# One stored contract, two rows of its term: the first row updates it, the second is added.
run account add Delta
run contract add delta --start 2026-01-01 --end 2026-12-31 --arr 500
printf 'account,start,end,arr\ndelta,2026-01-01,2026-12-31,1000\ndelta,2026-01-01,2026-12-31,2000\n' >"$SCRATCH/one-stored.csv"
run contract import "$SCRATCH/one-stored.csv" --upsert
expect_status 0 "one stored contract, two rows of its term"
expect_err_has "imported 1 contracts, 1 updated"
check "the stored contract took the first row's ARR (from today), the second row is a contract of its own" \
  [ "$(arrs delta)" = "100000 200000" ]
check "the first row's ARR as an amendment from today" \
  [ "$(sql "SELECT group_concat(effective || '=' || arr_minor, ',') FROM contract_arr WHERE contract_id = (SELECT min(c.id) FROM contracts c JOIN accounts a ON a.id = c.account_id WHERE a.key = 'delta')")" = "2026-01-01=50000,2026-11-22=100000" ]
snapshot
run contract import "$SCRATCH/one-stored.csv" --upsert
expect_err_has "imported 0 contracts, 2 already in the workspace"
expect_unchanged "the same file again with --upsert changes nothing"
# Three rows for two stored contracts: the third is added.
{ cat "$SCRATCH/one-stored.csv"; echo "delta,2026-01-01,2026-12-31,3000"; } >"$SCRATCH/three.csv"
run contract import "$SCRATCH/three.csv" --upsert
expect_err_has "imported 1 contracts, 2 already in the workspace"
check "three contracts, in file order" [ "$(arrs delta)" = "100000 200000 300000" ]
# Hostile: a row without an external id took by its term the contract that a later row's
# external id names: refused, naming both lines, rather than one contract updated twice.
run account add Eta
printf 'external id,account,start,end,arr\nE-1,eta,2026-01-01,2026-12-31,100\n' >"$SCRATCH/e1.csv"
run contract import "$SCRATCH/e1.csv"
expect_status 0 "a contract with an external id"
e1=$(sql "SELECT id FROM contracts WHERE external_id = 'E-1'")
printf 'external id,account,start,end,arr\n,eta,2026-01-01,2026-12-31,200\nE-1,eta,2026-01-01,2026-12-31,100\n' >"$SCRATCH/e1-late.csv"
expect_import_fails 2 "line 3, column external id: the contract with external id E-1 (id $e1) was matched already by line 2, which has the same account and term (give line 2 its external id)" \
  contract import "$SCRATCH/e1-late.csv" --upsert
# The other way round, the external id comes first: it takes its contract, the row without one is added.
printf 'external id,account,start,end,arr\nE-1,eta,2026-01-01,2026-12-31,100\n,eta,2026-01-01,2026-12-31,200\n' >"$SCRATCH/e1-first.csv"
run contract import "$SCRATCH/e1-first.csv" --upsert
expect_status 0 "the external id first"
expect_err_has "imported 1 contracts, 1 already in the workspace"
check "E-1 unchanged, the other row a new contract" [ "$(arrs eta)" = "10000 20000" ]

# --- an external id that is another account's id, key or name is ambiguous -------------------
printf 'External ID,Name\n2,Epsilon\nzeta,Theta\nDelta,Iota\nkappa,Kappa\n' >"$SCRATCH/clash.csv"
run account import "$SCRATCH/clash.csv"
expect_status 0 "accounts whose external ids are other accounts' id, key and name"
check "account 2 is csv-a-2" [ "$(sql "SELECT key FROM accounts WHERE id = 2")" = csv-a-2 ]
printf 'account,start,end,arr\n2,2026-01-01,2026-12-31,1\nzeta,2026-01-01,2026-12-31,1\nDelta,2026-01-01,2026-12-31,1\n' >"$SCRATCH/clash-contracts.csv"
expect_import_fails 2 "line 2, column account: account 2 is ambiguous: it is the external id of epsilon (csv) and the id of csv-a-2; write key:epsilon or id:2" \
  contract import "$SCRATCH/clash-contracts.csv"
expect_err_has "line 3, column account: account zeta is ambiguous: it is the external id of theta (csv) and the key of zeta; write key:theta or key:zeta"
expect_err_has "line 4, column account: account Delta is ambiguous: it is the external id of iota (csv) and the name of delta; write key:iota or key:delta"
# The written choices resolve; an external id that is its own account's key is no ambiguity.
printf 'account,start,end,arr\nid:2,2030-01-01,2030-12-31,1\nkey:epsilon,2030-01-01,2030-12-31,2\nkappa,2030-01-01,2030-12-31,3\n' >"$SCRATCH/chosen.csv"
run contract import "$SCRATCH/chosen.csv"
expect_status 0 "id:, key: and an external id that is its account's own key"
check "each contract with the account meant" \
  [ "$(sql "SELECT group_concat(a.key, ' ') FROM contracts c JOIN accounts a ON a.id = c.account_id WHERE c.start_date = '2030-01-01' ORDER BY c.id")" = "csv-a-2 epsilon kappa" ]
# The same holds for every import that names accounts: feedback.
printf 'account,date,nps\n2,2026-10-09,9\n' >"$SCRATCH/clash-feedback.csv"
expect_import_fails 2 "line 2, column account: account 2 is ambiguous: it is the external id of epsilon (csv)" \
  feedback import "$SCRATCH/clash-feedback.csv"

# --- contacts: one e-mail twice for one account; an external id for a matched contact --------
printf 'Name,Email,Account\nAnn,ann@delta.io,delta\nAnn B,ANN@Delta.io,delta\n' >"$SCRATCH/ann-twice.csv"
expect_import_fails 2 "line 3, column Email: the e-mail ANN@Delta.io appears twice for account delta (line 2)" \
  account contact import "$SCRATCH/ann-twice.csv"
check "only the second line is refused" \
  [ "$err" = $'acm: error: line 3, column Email: the e-mail ANN@Delta.io appears twice for account delta (line 2)\nacm: error: nothing was imported' ]
printf 'Name,Email,Account\nAnn,ann@delta.io,delta\nAnn,ann@delta.io,eta\n' >"$SCRATCH/ann.csv"
run account contact import "$SCRATCH/ann.csv"
expect_status 0 "one e-mail at two accounts"
expect_err_has "imported 2 contacts"
check "no external id yet" [ "$(sql "SELECT count(*) FROM contacts WHERE email = 'ann@delta.io' AND external_id IS NULL")" = 2 ]
printf 'Record ID,Name,Email,Account\nP-7,Ann,ANN@delta.io,delta\n' >"$SCRATCH/ann-id.csv"
run account contact import "$SCRATCH/ann-id.csv" --map 'Record ID=external_id'
expect_status 0 "the contact again, now with its CRM id"
expect_err_has "imported 0 contacts, 1 updated"
check "the matched contact took the file's external id" \
  [ "$(sql "SELECT group_concat(a.key || '|' || ifnull(c.external_source, '') || '|' || ifnull(c.external_id, ''), ' ') FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE c.email = 'ann@delta.io' ORDER BY c.id")" = "delta|csv|P-7 eta||" ]
run undo
expect_status 0 "undo of taking the external id"
check "undo: no external id again" [ "$(sql "SELECT count(*) FROM contacts WHERE email = 'ann@delta.io' AND external_id IS NULL")" = 2 ]
run account contact import "$SCRATCH/ann-id.csv" --map 'Record ID=external_id'
again account contact import "$SCRATCH/ann-id.csv" --map 'Record ID=external_id'

finish
