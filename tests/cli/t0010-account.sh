#!/usr/bin/env bash
# acm account add/list/show/edit/rm and account references.
. "$(dirname "$0")/lib.sh"
run init

run account add "Acme Corp." --segment enterprise --tier strategic --owner dana --industry Manufacturing \
  --region EMEA --tag flagship --tag reference
expect_status 0 "add"
expect_out "acme-corp" "add prints the derived key"
check "stored" [ "$(sql "SELECT name, segment, tier, owner, status FROM accounts WHERE key = 'acme-corp'")" = "Acme Corp.|enterprise|strategic|dana|active" ]
check "tags stored" [ "$(sql "SELECT group_concat(tag) FROM (SELECT tag FROM account_tags ORDER BY tag)")" = "flagship,reference" ]
check "add recorded in the audit log" [ "$(sql "SELECT entity || ' ' || entity_id || ' ' || action FROM events WHERE entity = 'account'")" = "account acme-corp add" ]
check "audit records the command line" [ "$(sql "SELECT command FROM events WHERE entity = 'account'")" = "acm account add 'Acme Corp.' --segment enterprise --tier strategic --owner dana --industry Manufacturing --region EMEA --tag flagship --tag reference" ]
check "audit records the OS user" [ -n "$(sql "SELECT os_user FROM events WHERE entity = 'account'")" ]

run account add "Globex" --key globex --owner lee --status prospect
expect_out "globex" "add with --key"
run account add "Müller & Söhne GmbH" --owner lee
expect_out "muller-sohne-gmbh" "accented letters are transliterated in keys"

expect_fails 1 "an account with key acme-corp already exists" account add "ACME corp"
expect_fails 2 "--tier gold is not valid (expected low-touch, high-touch or strategic)" account add Foo --tier gold
expect_fails 2 "--status dormant is not valid (expected prospect, onboarding, active, at-risk or churned)" account add Foo --status dormant
expect_fails 2 "--key 'Bad Key' is not a valid key" account add Foo --key "Bad Key"
expect_fails 2 "--key 123 is not a valid key" account add Foo --key 123
expect_fails 2 "NAME must not be empty" account add "   "
expect_fails 2 "cannot derive a key from the name" account add "株式会社"
expect_fails 2 "--tag a,b is not a valid tag" account add Foo --tag a,b
expect_fails 2 "NAME is not valid UTF-8" account add $'\xff\xfe'
expect_fails 2 "" account add Foo --no-such-flag
expect_fails 2 "" account add

# Listing: default order by key; csv has every column.
run --csv --columns key,name,owner,status,tags account list
expect_status 0 "list csv"
expect_out $'key,name,owner,status,tags\nacme-corp,Acme Corp.,dana,active,"flagship,reference"\nglobex,Globex,lee,prospect,\nmuller-sohne-gmbh,Müller & Söhne GmbH,lee,active,'
run --csv --no-header --columns key account list --owner LEE
expect_out $'globex\nmuller-sohne-gmbh' "--owner filter is case-insensitive"
run --csv --no-header --columns key account list --status prospect
expect_out "globex" "--status filter"
run --csv --no-header --columns key account list --tag flagship
expect_out "acme-corp" "--tag filter"
run --csv --no-header --columns key account list --segment enterprise --tier strategic
expect_out "acme-corp" "--segment and --tier filters"
run account list --owner nobody
expect_status 0 "an empty result exits 0"
expect_no_out "an empty result prints nothing"
expect_no_err "piped, an empty result prints no notice"
expect_fails 2 "--status nope is not valid" account list --status nope
run account list
expect_status 0 "table list"
expect_out_has "KEY" "table has uppercase headers"
expect_out_has "acme-corp"

# References: key, exact name (any case), numeric id; suggestions for near misses.
run --json account show "acme corp."
expect_status 0 "show by name, case-insensitive"
check "show json is valid JSON with nested arrays" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["key"]=="acme-corp" and d["contacts"]==[] and d["notes"]==[]' "$out"
run --json account show 2
check "show by id" python3 -c 'import json,sys; assert json.loads(sys.argv[1])["key"]=="globex"' "$out"
expect_fails 1 "no account acme-crop (did you mean acme-corp?)" account show acme-crop
expect_fails 1 "no account zzzzzzzz (see 'acm account list')" account show zzzzzzzz
run account add "Acme Corp." --key acme-2
expect_fails 1 "account 'Acme Corp.' is ambiguous: it names acme-2 or acme-corp" account show "Acme Corp."

run account show acme-corp
expect_status 0 "show table"
expect_out_has "Acme Corp. (acme-corp)"
expect_out_has "strategic"
expect_out_has "last touch   never"
run --csv account show acme-corp
expect_out_has "acme-corp,Acme Corp.,enterprise,strategic,dana,active" "show csv is the account's row"

# Edit: changed fields recorded as from/to; empty value clears; tags added and removed.
run account edit acme-corp --tier high-touch --region "" --tag renewal-2027 --untag flagship
expect_status 0 "edit"
expect_out "acme-corp"
check "edit stored" [ "$(sql "SELECT tier, ifnull(region, 'NULL') FROM accounts WHERE key = 'acme-corp'")" = "high-touch|NULL" ]
check "tags edited" [ "$(sql "SELECT group_concat(tag) FROM (SELECT tag FROM account_tags a JOIN accounts b ON b.id = a.account_id WHERE b.key = 'acme-corp' ORDER BY tag)")" = "reference,renewal-2027" ]
check "edit audit has from and to" [ "$(sql "SELECT json_extract(changes, '\$.tier.from') || '>' || json_extract(changes, '\$.tier.to') FROM events WHERE action = 'edit'")" = "strategic>high-touch" ]
run account edit globex --name "Globex Corporation"
check "rename keeps the key" [ "$(sql "SELECT key FROM accounts WHERE name = 'Globex Corporation'")" = globex ]
expect_fails 2 "--tier gold is not valid" account edit acme-corp --tier gold
expect_fails 1 "no account nope" account edit nope --tier strategic
expect_fails 2 "--name must not be empty" account edit acme-corp --name ""

# rm refuses an account with history unless --force.
run account note add acme-corp "Kick-off" --date 2026-11-01
expect_fails 1 "account acme-corp has 1 note; use --force to remove it with all of them" account rm acme-corp
run account contact add acme-corp "Dana Smith"
expect_fails 1 "account acme-corp has 1 contact and 1 note; use --force" account rm acme-corp
run account rm acme-corp --force
expect_status 0 "rm --force"
expect_out "acme-corp"
expect_err_has "removed account acme-corp with 1 contact and 1 note" "rm --force: says what went with it"
check "account gone" [ "$(sql "SELECT count(*) FROM accounts WHERE key = 'acme-corp'")" = 0 ]
check "its notes gone" [ "$(sql "SELECT count(*) FROM notes")" = 0 ]
check "its contacts gone" [ "$(sql "SELECT count(*) FROM contacts")" = 0 ]
check "rm recorded with the removed history" [ "$(sql "SELECT json_extract(changes, '\$.removed_history') FROM events WHERE action = 'rm'")" = "1 contact and 1 note" ]
run account rm globex
expect_status 0 "rm without history needs no --force"

finish
