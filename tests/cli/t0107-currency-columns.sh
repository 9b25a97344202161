#!/usr/bin/env bash
# Every amount in CSV and JSON has its currency beside it: a `currency` key for the amounts of
# a contract, renewal, opportunity or cost (all in the row's currency), `arr_currency` beside
# an account's ARR — in the listings, `show` and report account alike. The reports of the
# whole book are in the base currency, and their man pages say so.
. "$(dirname "$0")/lib.sh"
run init
run config set fx.USD 0.9
run account add Acme --key acme
run contract add acme --start 2026-01-01 --end 2026-12-31 --arr "USD 100k"
run account opportunity add acme "More seats" --value "USD 10k" --probability 50
run account cost add acme --amount "USD 500" --date 2026-06-01 --category support

# check_json WHAT SECTION AMOUNTS CURRENCY-KEY CURRENCY ARGS…: in the JSON of acm ARGS, every row
# of SECTION ("." the whole) has the AMOUNTS keys, and CURRENCY-KEY holds CURRENCY.
check_json() {
  local what=$1 section=$2 amounts=$3 currency_key=$4 currency=$5; shift 5
  run --json "$@"
  check "$what: $amounts with $currency_key = $currency" python3 - "$out" "$section" "$amounts" "$currency_key" "$currency" <<'PY'
import json, sys
data, section, amounts, key, currency = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3].split(","), sys.argv[4], sys.argv[5]
rows = data if section == "." else data[section]
rows = rows if isinstance(rows, list) else [rows]
assert rows, "no rows"
for row in rows:
    for amount in amounts:
        assert amount in row, (amount, row)
    assert row.get(key) == currency, (key, row)
PY
}
check_json "account list" . arr arr_currency EUR account list
check_json "account show" . arr arr_currency EUR account show acme
check_json "account show: contracts" contracts arr currency USD account show acme
check_json "contract list" . arr currency USD contract list
check_json "contract show: renewal" renewal arr,forecast currency USD contract show 1
check_json "renewal list" . arr,forecast currency USD renewal list
check_json "opportunity list" . value,weighted_value currency USD account opportunity list acme
check_json "cost list" . amount currency USD account cost list acme
check_json "report account: summary" summary arr,arr_change arr_currency EUR report account acme
check_json "report account: account" account arr arr_currency EUR report account acme
check_json "report account: arr history" arr_history arr arr_currency EUR report account acme
check_json "report account: contracts" contracts arr currency USD report account acme
check_json "report account: renewals" renewals arr,forecast currency USD report account acme
check_json "report account: opportunities" opportunities value,weighted_value currency USD report account acme

run --csv report account acme
check "report account, long csv: the currency beside the contract's ARR" python3 - "$out" <<'PY'
import csv, io, sys
cell = {(r["section"], r["row"], r["column"]): r["value"] for r in csv.DictReader(io.StringIO(sys.argv[1]))}
assert cell[("contracts", "1", "arr")] == "100000.00" and cell[("contracts", "1", "currency")] == "USD", cell
assert cell[("summary", "1", "arr")] == "90000.00" and cell[("summary", "1", "arr_currency")] == "EUR", cell
PY
run --csv contract list
check "contract list csv: arr then its currency" python3 -c '
import csv, io, sys
(row,) = csv.DictReader(io.StringIO(sys.argv[1]))
assert row["arr"] == "100000.00" and row["currency"] == "USD", row' "$out"

# The book's reports: in the base currency, said in their man pages.
man=${ACM_SOURCE_DIR:-$(dirname "$0")/../..}/man
check "acm-report(1): reports in the base currency" grep -q '^Amounts are in the base currency (config' "$man/acm-report.1"
check "acm-renewal(1): renewal forecast in the base currency" grep -q '^Every amount is converted to the base currency' "$man/acm-renewal.1"
finish
