#!/usr/bin/env bash
# acm contract …: add, list, show, amend, terminate, import; ARR of an account across an
# amendment; every bad value refused with status 2 and nothing written.
. "$(dirname "$0")/lib.sh"
export ACM_TODAY=2026-11-23
run init
run account add "Acme Corp." --owner dana
run account add "Globex" --segment smb --owner lee
run account add "Initech"

# add prints the id; MRR is ARR / 12; one-time fees are in the ARR's currency.
run contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr 120k --notice 90d --title "Platform 2026" \
  --auto-renew --sla "99.9% uptime" --signed 2025-12-15 --one-time 5k
expect_status 0 "contract add"
expect_out "1" "contract add prints the id"
run contract add globex --start 2026-03-01 --end 2027-02-28 --mrr "USD 1,000"
expect_out "2"
check "MRR stored as ARR x 12 in minor units" [ "$(sql "SELECT arr_minor FROM contract_arr WHERE contract_id = 2")" = 1200000 ]
check "currency from the amount" [ "$(sql "SELECT currency FROM contracts WHERE id = 2")" = USD ]
run contract add initech --start 2027-01-01 --end 2027-12-31 --arr 10000
expect_out "3" "an upcoming contract"
check "each contract opens its renewal" [ "$(sql "SELECT count(*) FROM renewals")" = 3 ]
check "due is the end, notice deadline end - 90d" \
  [ "$(sql "SELECT due || ' ' || notice_deadline FROM renewals WHERE contract_id = 1")" = "2026-12-31 2026-10-02" ]
check "add recorded in the log" [ "$(sql "SELECT count(*) FROM events WHERE entity = 'contract' AND action = 'add'")" = 3 ]

# Bad values: status 2, one line, nothing written.
expect_fails 2 "--end 2026-02-30 is not a valid date" contract add acme-corp --start 2026-01-01 --end 2026-02-30 --arr 1k
expect_fails 2 "--end 2025-12-31 is not valid (expected a date after the start, 2026-01-01)" \
  contract add acme-corp --start 2026-01-01 --end 2025-12-31 --arr 1k
expect_fails 2 "--end 2026-01-01 is not valid (expected a date after the start" \
  contract add acme-corp --start 2026-01-01 --end 2026-01-01 --arr 1k
expect_fails 2 "--arr -5 is not a valid amount (must not be negative)" \
  contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr -5
expect_fails 2 "--arr 12x is not a valid amount" contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr 12x
expect_fails 2 "XYZ is not a known ISO 4217 currency code" \
  contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr "XYZ 100"
expect_fails 2 "--arr 99999999999999999999 is too large (expected at most 10,000,000,000,000.00 EUR)" \
  contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr 99999999999999999999
expect_fails 2 "--notice 3x is not a valid duration" \
  contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr 1k --notice 3x
expect_fails 2 "--one-time 'USD 5' is not valid (expected an amount in the contract's currency, EUR)" \
  contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr 1k --one-time "USD 5"
expect_fails 2 "one of --arr or --mrr is required" contract add acme-corp --start 2026-01-01 --end 2026-12-31
expect_fails 2 "--arr excludes --mrr" contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr 1k --mrr 1k
expect_fails 2 "--start is required" contract add acme-corp --end 2026-12-31 --arr 1k
expect_fails 1 "no account nope" contract add nope --start 2026-01-01 --end 2026-12-31 --arr 1k

# list: status relative to --today, ARR today, filters.
run --csv --columns id,account,status,arr,currency,auto_renew,notice contract list
expect_out $'id,account,status,arr,currency,auto_renew,notice\n1,acme-corp,active,120000.00,EUR,true,90d\n2,globex,active,12000.00,USD,false,\n3,initech,upcoming,10000.00,EUR,false,'
run --csv --no-header --columns id contract list --status upcoming
expect_out "3" "--status upcoming"
run --csv --no-header --columns id contract list --ending-within 60d
expect_out "1" "--ending-within 60d"
run --csv --no-header --columns id contract list --account globex
expect_out "2" "--account"
expect_fails 2 "--status done is not valid (expected active, upcoming, expired or terminated)" contract list --status done
expect_fails 2 "--ending-within soon is not a valid duration" contract list --ending-within soon
ACM_TODAY=2027-03-15 run --csv --no-header --columns id,status contract list --account acme-corp
expect_out "1,expired" "expired after its end"

# amend: the ARR changes from the effective date; the history is kept.
run contract amend 1 --arr 150k --effective 2026-07-01 --reason "50 more seats"
expect_status 0 "amend"
expect_out "1"
run --csv --no-header --columns arr contract list --account acme-corp
expect_out "150000.00" "ARR today after the amendment"
ACM_TODAY=2026-06-30 run --csv --no-header --columns arr account list --owner dana
expect_out "120000.00" "account ARR the day before the amendment"
ACM_TODAY=2026-07-01 run --csv --no-header --columns arr account list --owner dana
expect_out "150000.00" "account ARR on the effective date"
ACM_TODAY=2027-01-01 run --csv --no-header --columns arr account list --owner dana
expect_out "0.00" "no ARR after the contract ended"
run contract amend 2 --mrr 2000 --effective 2026-12-01
check "MRR amendment in the contract's currency" \
  [ "$(sql "SELECT arr_minor FROM contract_arr WHERE contract_id = 2 ORDER BY id DESC LIMIT 1")" = 2400000 ]
expect_fails 2 "--effective 2027-03-01 is not valid (expected a date within contract 1: 2026-01-01 to 2026-12-31)" \
  contract amend 1 --arr 1k --effective 2027-03-01
expect_fails 2 "--arr 'GBP 5' is not valid (expected an amount in the contract's currency, EUR)" \
  contract amend 1 --arr "GBP 5" --effective 2026-08-01
expect_fails 2 "--effective is required" contract amend 1 --arr 1k
expect_fails 2 "one of --arr or --mrr is required" contract amend 1 --effective 2026-08-01
expect_fails 2 "ID x is not a valid id" contract amend x --arr 1k --effective 2026-08-01
expect_fails 1 "no contract with id 99" contract amend 99 --arr 1k --effective 2026-08-01

# show: terms, ARR history and renewal.
run contract show 1
expect_status 0 "show"
expect_out_has "Contract 1 of acme-corp: Platform 2026"
expect_out_has "150,000.00 EUR"
expect_out_has "ARR history"
expect_out_has "50 more seats"
expect_out_has "Renewal"
run --json contract show 1
check "show --json nests amendments and the renewal" python3 - "$out" <<'PY'
import json, sys
c = json.loads(sys.argv[1])
assert c["id"] == 1 and c["arr"] == 150000.0 and c["one_time"] == 5000.0, c
assert [a["effective"] for a in c["amendments"]] == ["2026-01-01", "2026-07-01"], c["amendments"]
assert c["amendments"][0]["reason"] == "initial"
assert c["renewal"]["due"] == "2026-12-31" and c["renewal"]["notice_deadline"] == "2026-10-02", c["renewal"]
PY
expect_fails 1 "no contract with id 42" contract show 42

# terminate: the contract runs to the given day; its renewal closes as churned.
run contract terminate 2 --date 2026-12-15 --reason "insolvent"
expect_status 0 "terminate"
check "terminated_on set" [ "$(sql "SELECT terminated_on FROM contracts WHERE id = 2")" = 2026-12-15 ]
check "renewal closed as churned" [ "$(sql "SELECT outcome || ' ' || reason FROM renewals WHERE contract_id = 2")" = "churned terminated: insolvent" ]
run --csv --no-header --columns id contract list --status terminated
expect_out "2"
ACM_TODAY=2026-12-16 run -c fx.USD=0.9 --csv --no-header --columns key,arr account list --segment smb
expect_out "globex,0.00" "no ARR after the termination day"
expect_fails 1 "contract 2 is already terminated (on 2026-12-15)" contract terminate 2 --date 2026-12-20
expect_fails 2 "--date 2028-01-01 is not valid (expected a date within contract 1" contract terminate 1 --date 2028-01-01

# Multi-currency: a sum needs a rate; the error names the currency. A listing shows an ARR all
# in a currency without a rate unconverted, with its code (t0240 tests more).
expect_fails 1 "no exchange rate for USD in config [fx] (base currency EUR)" report portfolio
run --csv --no-header --columns key,arr,arr_currency account list --segment smb
expect_out "globex,12000.00,USD" "USD ARR without a rate: shown unconverted"
run -c fx.USD=0.9 --csv --no-header --columns key,arr account list --segment smb
expect_out "globex,10800.00" "USD ARR converted with [fx] (12,000 USD before the December amendment)"

# import: all-or-nothing with line/column errors, aliases, dry run.
printf 'Account Name,Start Date,End Date,ARR,Currency,Auto Renew,Notice Period,Contract Name\n' >"$SCRATCH/c.csv"
printf 'Acme Corp.,2027-01-01,2027-12-31,"130,000",,yes,60d,Platform 2027\n' >>"$SCRATCH/c.csv"
printf 'globex,2027-03-01,2028-02-29,15k,USD,no,,\n' >>"$SCRATCH/c.csv"
snapshot
run contract import "$SCRATCH/c.csv" --dry-run
expect_status 0 "import --dry-run"
expect_err_has "would import 2 contracts"
expect_unchanged "a dry run writes nothing"
run contract import "$SCRATCH/c.csv"
expect_status 0 "import"
expect_err_has "imported 2 contracts"
check "imported with aliases and currency" \
  [ "$(sql "SELECT a.key || ' ' || c.currency || ' ' || c.auto_renew || ' ' || coalesce(c.notice, '-') FROM contracts c JOIN accounts a ON a.id = c.account_id WHERE c.id > 3 ORDER BY c.id" | tr '\n' ';')" = "acme-corp EUR 1 60d;globex USD 0 -;" ]
printf 'account,start,end,arr\nacme-corp,2027-01-01,2026-12-31,1k\nnobody,2027-01-01,2027-12-31,1k\ninitech,2027-01-01,2027-12-31,-3\ninitech,2027-01-01,2027-12-31,5k\n' >"$SCRATCH/bad.csv"
expect_import_fails 2 "line 2, column end: 2026-12-31 is not valid (expected a date after the start, 2027-01-01)" \
  contract import "$SCRATCH/bad.csv"
expect_err_has "line 3, column account: no account nobody"
expect_err_has "line 4, column arr: -3 is not a valid amount (must not be negative)"
expect_err_has "nothing was imported"
printf 'account,start,end\nacme-corp,2027-01-01,2027-12-31\n' >"$SCRATCH/noarr.csv"
expect_fails 2 "line 1: no column gives the contract's arr or mrr" contract import "$SCRATCH/noarr.csv"
printf 'account,start,end,arr,auto_renew\nacme-corp,2027-01-01,2027-12-31,1k,maybe\n' >"$SCRATCH/flag.csv"
expect_import_fails 2 "line 2, column auto_renew: maybe is not valid (expected true or false, yes or no, y or n, 1 or 0, or x for true)" contract import "$SCRATCH/flag.csv"

finish
