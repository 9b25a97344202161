#!/usr/bin/env bash
# Values are trusted (acm(1), VALUES and OUTPUT): amounts are bounded and every sum, product and
# conversion is checked; a fraction longer than the currency's is refused; dates stay within
# 0001-01-01..9999-12-31; config numbers are validated where they are read; a currency without
# a rate warns at the write and does not break listings; CSV/JSON keep a value's precision.
. "$(dirname "$0")/lib.sh"
# refused STATUS MESSAGE ARGS…: expect_fails, and the workspace file is unchanged to the byte.
files_sha() { cat "$ACM_WORKSPACE" "$ACM_WORKSPACE-wal" 2>/dev/null | sha256sum; }
refused() {
  local before; before=$(files_sha)
  expect_fails "$@"
  check "acm ${*:3}: the workspace file is unchanged to the byte" [ "$(files_sha)" = "$before" ]
}
export ACM_TODAY=2026-11-22
run init
run account add "Acme" --key acme
run account add "Globex" --key globex

# Amounts: at most 10^13 major units each, refused beyond with the bound in the message.
refused 2 "--arr 10000000000000.01 is too large (expected at most 10,000,000,000,000.00 EUR)" \
  contract add acme --start 2026-01-01 --end 2026-12-31 --arr 10000000000000.01
refused 2 "--arr 50000000000000000 is too large (expected at most 10,000,000,000,000.00 EUR)" \
  contract add acme --start 2026-01-01 --end 2026-12-31 --arr 50000000000000000
refused 2 "--mrr 1000000000000 is too large (expected an ARR, 12 × MRR, of at most 10,000,000,000,000.00 EUR)" \
  contract add acme --start 2026-01-01 --end 2026-12-31 --mrr 1000000000000
refused 2 "--value 20000000000000 is too large (expected at most 10,000,000,000,000.00 EUR)" \
  account opportunity add acme "Big" --value 20000000000000
refused 2 "--amount 10000001m is too large" account cost add acme --amount 10000001m --date 2026-11-01 --category support
run contract add acme --start 2026-01-01 --end 2026-12-31 --arr "USD 10000000000000"
expect_status 0 "the largest amount is taken"

# Sums and conversions are checked: two of the largest USD contracts at 5,000 EUR per USD are
# 10^17 EUR, beyond what 64 bits hold; the report names the figure instead of a negative total.
run contract add globex --start 2026-01-01 --end 2026-12-31 --arr "USD 10000000000000"
run config set fx.USD 5000
refused 1 "acm: error: arr is too large to compute (beyond 9223372036854775807 minor units)" report portfolio
refused 1 "arr is too large to compute" report retention --period 2026
refused 1 "recurring_revenue is too large to compute" report profitability --period 2026
refused 1 "arr is too large to compute" report arr --period 2026
refused 1 "up_for_renewal is too large to compute" renewal forecast --period 2026-Q4
run config set fx.USD 1000000
refused 1 "arr is too large to compute" account show acme
run config set fx.USD 0.5
run --csv report portfolio
expect_status 0 "within range: the portfolio is computed"
expect_out_has "2,2,10000000000000.00,833333333333.33," "two halves of 10^13 USD: 10^13 EUR"

# A fraction longer than the currency's is refused with how to write it, never read as 120.00.
refused 2 "--arr 120.000 has more decimals than EUR allows (2): write 120000 or 120.00" \
  contract add acme --start 2027-01-01 --end 2027-12-31 --arr 120.000
refused 2 "--value 'EUR 1.500' has more decimals than EUR allows (2): write 1500 or 1.50" \
  account opportunity add acme "Upsell" --value "EUR 1.500"
refused 2 "--amount '1.5 JPY' has more decimals than JPY allows (0): write a whole number" \
  account cost add acme --amount "1.5 JPY" --date 2026-11-01 --category support

# Dates stay within 0001-01-01..9999-12-31: errors name the flag the user gave.
run config set fx.USD 1
refused 2 "--notice 9999y is not valid (longer than the contract's term, 2026-01-01 to 2026-12-31)" \
  contract add acme --start 2026-01-01 --end 2026-12-31 --arr 10k --notice 9999y
refused 2 "--notice 13m is not valid (longer than the contract's term, 2026-01-01 to 2026-12-31)" \
  contract add acme --start 2026-01-01 --end 2026-12-31 --arr 10k --notice 13m
run contract add acme --start 2026-01-01 --end 2026-12-31 --arr 10k --notice 12m
expect_status 0 "a notice as long as the term is taken"
check "its deadline is the day before the start" [ "$(sql "SELECT notice_deadline FROM renewals r JOIN contracts c ON c.id = r.contract_id WHERE c.notice = '12m'")" = 2025-12-31 ]
refused 2 "--within 7975y reaches past 9999-12-31 from 2026-11-22 (dates run from 0001-01-01 to 9999-12-31)" \
  renewal due --within 7975y
refused 2 "--within 7975y reaches past 9999-12-31" renewal list --within 7975y
refused 2 "--within 7975y reaches past 9999-12-31" report portfolio --within 7975y
refused 2 "--ending-within 9999y reaches past 9999-12-31" contract list --ending-within 9999y
refused 2 "--renewing-within 9999y reaches past 9999-12-31" account list --renewing-within 9999y
refused 2 "--since 2026y reaches before 0001-01-01" log --since 2026y
run renewal due --within 7973y
expect_status 0 "a window up to 9999 is taken"
expect_out_has "acme" "and lists what is due, not nothing"
refused 2 "--end 0000-01-01 is not a valid date" contract add acme --start 2026-01-01 --end 0000-01-01 --arr 1k
renewal_of() { sql "SELECT id FROM renewals WHERE contract_id = $1"; }
last=$(run contract add globex --start 9999-01-01 --end 9999-12-31 --arr 1k; echo "$out")
refused 1 "--renewed: contract $last ends 9999-12-31, the last date acm can hold; its successor cannot start after it" \
  renewal close "$(renewal_of "$last")" --renewed
rolled=$(run contract add globex --start 9998-07-01 --end 9999-06-30 --arr 1k --auto-renew; echo "$out")
roll=$(renewal_of "$rolled")
refused 1 "--renewed: a successor of contract $rolled for the same term would end after 9999-12-31 (renew it with 'acm renewal close $roll --renewed --end DATE')" \
  renewal close "$roll" --renewed
refused 1 "renewal roll: a successor of contract $rolled for the same term would end after 9999-12-31" \
  --today 9999-07-01 renewal roll
run renewal close "$roll" --renewed --end 9999-12-31
expect_status 0 "renewed to a given end within range"
noticed=$(sql "SELECT id FROM contracts WHERE notice = '12m'")
refused 2 "--end 2027-01-31 is not valid (the term 2027-01-01 to 2027-01-31 is shorter than the contract's notice period, 12m)" \
  renewal close "$(renewal_of "$noticed")" --renewed --end 2027-01-31

# Config numbers: ranges checked where they are read, naming the file and line or the -c.
export ACM_CONFIG=$SCRATCH/values.toml
printf '[health.weights]\nnps = 1e308\n' >"$ACM_CONFIG"
refused 1 "acm: error: config file $ACM_CONFIG, line 2: health.weights.nps = 1e+308 is not valid (expected a weight from 0 to 1000)" \
  report health
printf '[health.thresholds]\ngreen = 30\n' >"$ACM_CONFIG"
refused 1 "config file $ACM_CONFIG, line 2: health.thresholds.green = 30.0 is not valid (expected at least health.thresholds.yellow, 40.0)" \
  account list
printf '[health.windows]\nusage = "9999y"\n' >"$ACM_CONFIG"
refused 1 "line 2: health.windows.usage = 9999y is not valid (expected a duration from 1d to 10y" report health
rm "$ACM_CONFIG"
refused 2 "acm: error: -c health.weights.usage=1e308: health.weights.usage = 1e+308 is not valid (expected a weight from 0 to 1000)" \
  -c health.weights.usage=1e308 report health
refused 2 "-c health.penalties.high=1000: health.penalties.high = 1000 is not valid (expected a penalty from 0 to 100)" \
  -c health.penalties.high=1000 report health
# config set writes the shortest text that reads back the same value.
run config set fx.USD 0.92
expect_status 0 "config set fx.USD 0.92"
check "written as 0.92" grep -qx 'USD = 0.92' "$ACM_CONFIG"
run config get fx.USD
expect_out "0.92" "read back as 0.92"

# A currency without an [fx] rate: warned at the write, shown unconverted in listings, and
# reports fail naming it.
unset ACM_CONFIG
export ACM_WORKSPACE=$SCRATCH/fx.db
run init
for name in Acme Globex Initech; do run account add "$name"; done
run contract add acme --start 2026-01-01 --end 2026-12-31 --arr "GBP 10k"
expect_status 0 "a contract in a currency without a rate is added"
expect_out "1" "and its id printed"
expect_err_has "acm: warning: no exchange rate for GBP in config [fx] (base currency EUR): reports in EUR fail until one is set with 'acm config set fx.GBP RATE'" \
  "the write warns with the fix"
run -q contract add globex --start 2026-01-01 --end 2026-12-31 --arr 20k
expect_no_err "no warning for the base currency"
run contract add initech --start 2026-01-01 --end 2026-12-31 --arr 5k
run contract add initech --start 2026-01-01 --end 2026-12-31 --arr "GBP 1k"
run account opportunity add globex "Upsell" --value "CHF 5k"
expect_err_has "no exchange rate for CHF in config [fx]" "an opportunity's value warns too"
run account cost add globex --amount "JPY 1000" --date 2026-11-01 --category support
expect_err_has "'acm config set fx.JPY RATE'" "a cost warns too"
run --csv --columns key,arr,arr_currency account list
expect_status 0 "account list does not fail for every account"
expect_out "key,arr,arr_currency
acme,10000.00,GBP
globex,20000.00,EUR
initech,," "unconverted with its code; mixed without a rate: empty"
expect_err_has "acm: account initech: ARR not shown: no exchange rate for GBP in config [fx]" "and a notice says why"
run --json --columns key,arr,arr_currency account list
expect_out_has '{"key":"acme","arr":10000.00,"arr_currency":"GBP"}' "JSON: the amount with its code"
run account list
expect_out_has "10,000.00 GBP" "table: the amount with its code"
refused 1 "no exchange rate for GBP in config [fx] (base currency EUR)" report portfolio
run -c fx.GBP=1.2 --csv --columns key,arr,arr_currency account list
expect_out "key,arr,arr_currency
acme,12000.00,EUR
globex,20000.00,EUR
initech,6200.00,EUR" "with a rate, converted to the base currency"

# CSV/JSON never round a mean or ratio below its precision; tables may, for people.
{
  echo "account,date,ces"
  for i in $(seq 1 1000); do echo "acme,2026-10-01,3"; done
  for i in $(seq 1 10); do echo "acme,2026-10-02,2"; done
} >"$SCRATCH/ces.csv"
run feedback import "$SCRATCH/ces.csv"
expect_status 0 "1010 CES answers imported"
run --csv --columns ces,ces_responses report feedback --period 2026-Q4
expect_out "ces,ces_responses
2.99009900990099,1010" "CES mean 3020/1010 is 2.99…, not 3.0"
run --json --columns ces report feedback --period 2026-Q4
expect_out '[
{"ces":2.99009900990099}
]' "JSON too"
run account usage add acme --date 2026-11-01 --adoption 18.25
run --csv --columns adoption account usage list acme
expect_out "adoption
18.25" "adoption 18.25 is not 18.2"
run account usage list acme
expect_out_has "18.2" "the table rounds for people"

# A contract import warns as contract add does: once per currency without a rate.
unset ACM_CONFIG
export ACM_WORKSPACE=$SCRATCH/fx-import.db
run init
run account add "Acme"
printf 'account,start,end,arr\nacme,2026-01-01,2026-12-31,SEK 10k\nacme,2027-01-01,2027-12-31,SEK 12k\nacme,2026-01-01,2026-12-31,5k\n' >"$SCRATCH/fx-contracts.csv"
run contract import "$SCRATCH/fx-contracts.csv"
expect_status 0 "a contract import in a currency without a rate"
expect_err_has "acm: warning: no exchange rate for SEK in config [fx] (base currency EUR)" "a contract import warns with the fix"
check "a contract import warns once per currency" [ "$(printf '%s\n' "$err" | grep -c 'no exchange rate')" = 1 ]
finish
