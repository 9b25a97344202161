#!/usr/bin/env bash
# acm account import: CRM headers, --map, --dry-run, --upsert, all-or-nothing errors.
. "$(dirname "$0")/lib.sh"
run init

# A CRM export: BOM, CRLF, aliases, a quoted field with a comma and an embedded newline,
# an unknown column that is ignored with a notice.
printf '\xef\xbb\xbfAccount Name,Account Owner,Customer Segment,Service Tier,Lifecycle Status,Tags,Phone\r\n' >"$SCRATCH/crm.csv"
printf 'Acme Corp.,dana,enterprise,strategic,active,"a;b",555\r\n' >>"$SCRATCH/crm.csv"
printf '"Globex, Inc.",lee,,,prospect,,\r\n' >>"$SCRATCH/crm.csv"
printf '"Multi\nLine Ltd",lee,smb,low-touch,,,\r\n' >>"$SCRATCH/crm.csv"
run account import "$SCRATCH/crm.csv" --dry-run
expect_status 0 "dry run"
expect_err_has "would import 3 accounts (3 added, 0 updated)"
expect_err_has "ignored column Phone"
check "dry run writes nothing" [ "$(sql 'SELECT count(*) FROM accounts')" = 0 ]

run account import "$SCRATCH/crm.csv"
expect_status 0 "import"
expect_err_has "imported 3 accounts (3 added, 0 updated)"
check "rows imported" [ "$(sql "SELECT group_concat(key || '=' || ifnull(owner, '') || '/' || status, ' ') FROM (SELECT * FROM accounts ORDER BY key)")" = "acme-corp=dana/active globex-inc=lee/prospect multi-line-ltd=lee/active" ]
check "tags split" [ "$(sql "SELECT count(*) FROM account_tags")" = 2 ]
check "one audit event per account" [ "$(sql "SELECT count(*) FROM events WHERE entity = 'account' AND action = 'add'")" = 3 ]
run -q account import "$SCRATCH/crm.csv" --dry-run --upsert
expect_no_err "--quiet silences notices"

# Re-import without --upsert: every row conflicts, nothing written.
expect_import_fails 2 "an account with key acme-corp already exists" account import "$SCRATCH/crm.csv"
run account import "$SCRATCH/crm.csv"
expect_err_has "line 2, column Account Name: an account with key acme-corp already exists (use --upsert to update it)"

# --upsert updates existing accounts; empty cells leave fields alone.
printf 'key,tier,owner\nacme-corp,high-touch,\nglobex-inc,low-touch,sam\n' >"$SCRATCH/up.csv"
run account import "$SCRATCH/up.csv" --upsert
expect_status 0 "upsert"
expect_err_has "imported 2 accounts (0 added, 2 updated)"
check "upsert updated" [ "$(sql "SELECT tier || '/' || owner FROM accounts WHERE key = 'acme-corp'")" = "high-touch/dana" ]
check "upsert updated owner" [ "$(sql "SELECT tier || '/' || owner FROM accounts WHERE key = 'globex-inc'")" = "low-touch/sam" ]

# All-or-nothing: one bad row among good ones writes nothing; every bad row is reported.
printf 'Client,Tier\nGood One,strategic\nBad Tier,gold\nAlso Good,low-touch\n,strategic\n' >"$SCRATCH/bad.csv"
snapshot
run account import "$SCRATCH/bad.csv" --map 'Client=name'
expect_status 2 "bad rows"
expect_err_has "acm: error: line 3, column Tier: gold is not valid (expected low-touch, high-touch or strategic)"
expect_err_has "acm: error: line 5, column Client: must not be empty"
expect_err_has "nothing was imported"
expect_unchanged "a failed import writes nothing"

# Ragged rows, duplicates in the file, no name column, unterminated quotes, unknown --map field.
printf 'name,tier\nOne,strategic\nTwo\n' >"$SCRATCH/ragged.csv"
expect_import_fails 2 "line 3: 1 fields, but the header has 2" account import "$SCRATCH/ragged.csv"
printf 'name\nSame Name\nSame Name\n' >"$SCRATCH/dup.csv"
expect_import_fails 2 "line 3, column name: the key same-name appears twice in the file" account import "$SCRATCH/dup.csv"
printf 'Client\nOne\n' >"$SCRATCH/noname.csv"
expect_fails 2 "no column gives the account name" account import "$SCRATCH/noname.csv"
printf 'name\n"Open quote\n' >"$SCRATCH/quote.csv"
expect_fails 2 "line 2: unterminated quoted field" account import "$SCRATCH/quote.csv"
expect_fails 2 "--map Client=nom: field nom is not valid" account import "$SCRATCH/noname.csv" --map 'Client=nom'
printf '' >"$SCRATCH/empty.csv"
expect_fails 2 "the CSV file is empty" account import "$SCRATCH/empty.csv"
expect_fails 1 "cannot read $SCRATCH/missing.csv" account import "$SCRATCH/missing.csv"

# Standard input.
printf 'Company\nFrom Stdin\n' >"$SCRATCH/stdin.csv"
run_stdin "$SCRATCH/stdin.csv" account import -
expect_status 0 "import from stdin"
check "stdin row imported" [ "$(sql "SELECT name FROM accounts WHERE key = 'from-stdin'")" = "From Stdin" ]

finish
