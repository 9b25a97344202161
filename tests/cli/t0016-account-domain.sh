#!/usr/bin/env bash
# An account's web domain: one optional text field among segment, tier, owner, industry and
# region, described once (account_text_fields) and so the same everywhere: the flag on add
# and edit, the column, JSON, the audit log, CSV imports (Website from a CRM) and acm import.
. "$(dirname "$0")/lib.sh"
export ACM_TODAY=2026-11-22
run init

run account add "Acme Corp." --domain "https://www.Acme.com/about?x=1"
expect_status 0 "add --domain"
check "a web address is kept as its domain" [ "$(sql "SELECT domain FROM accounts WHERE key = 'acme-corp'")" = acme.com ]
run --csv --columns key,domain account list
expect_out "key,domain
acme-corp,acme.com" "account list --columns key,domain"
run --format json account show acme-corp
check "account show: domain in JSON" [ "$(printf '%s' "$out" | jq -r '.account.domain // .domain')" = acme.com ]
run account show acme-corp
expect_out_has "domain       acme.com" "account show: domain among the details"
run account list
expect_out_lacks "acme.com" "a table shows the domain only with --columns"

run account edit acme-corp --domain acme.co.uk
expect_status 0 "edit --domain"
run --csv log
expect_out_has "acme.com" "the audit log: the old domain"
expect_out_has "acme.co.uk" "the audit log: the new domain"
run account edit acme-corp --domain ""
check "edit --domain '' clears it" [ -z "$(sql "SELECT domain FROM accounts WHERE key = 'acme-corp'")" ]

expect_fails 2 "--domain 'not a domain' is not a web domain (expected e.g. acme.com or https://www.acme.com)" \
  account add Globex --domain "not a domain"
expect_fails 2 "--domain localhost is not a web domain" account edit acme-corp --domain localhost
expect_fails 2 "--domain acme..com is not a web domain" account edit acme-corp --domain acme..com

# A CRM export's Website column is the domain.
printf 'Account Name,Website\nGlobex,http://globex.example/\nInitech,www.initech.io\n' >"$SCRATCH/crm.csv"
run account import "$SCRATCH/crm.csv"
expect_status 0 "account import with a Website column"
run --csv --columns key,domain account list
expect_out "key,domain
acme-corp,
globex,globex.example
initech,initech.io" "Website imported as the domain"
printf 'Account Name,Website\nHooli,hooli\n' >"$SCRATCH/bad.csv"
expect_import_fails 2 "line 2, column Website: hooli is not a web domain" account import "$SCRATCH/bad.csv"

# acm import checks the domain of every account as account add does.
run export -o "$SCRATCH/export.json"
expect_status 0 "export"
check "export carries the domain" [ "$(jq -r '.tables.accounts[] | select(.key == "globex") | .domain' "$SCRATCH/export.json")" = globex.example ]
python3 - "$SCRATCH/export.json" "$SCRATCH/bad.json" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
open(sys.argv[2], "w").write(text.replace('"globex.example"', '"globex example"'))
PY
ACM_WORKSPACE=$SCRATCH/other.db run init
ACM_WORKSPACE=$SCRATCH/other.db run import "$SCRATCH/export.json"
expect_status 0 "import of the export"
check "import: the domain comes along" [ "$(sqlite3 "$SCRATCH/other.db" "SELECT domain FROM accounts WHERE key = 'globex'")" = globex.example ]
ACM_WORKSPACE=$SCRATCH/other2.db run init
ACM_WORKSPACE=$SCRATCH/other2.db run import "$SCRATCH/bad.json"
expect_status 2 "import of a bad domain"
expect_err_has "'globex example' is not a web domain" "import names the bad domain"
finish
