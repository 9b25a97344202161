#!/usr/bin/env bash
# Cells that an import converts before it checks them (notice periods, amounts, dates in a
# rules file's formats, values a rules file maps): an error quotes the cell as the file wrote
# it, naming its line and column, never the form it was converted to.
. "$(dirname "$0")/lib.sh"
run init
run account add Acme

contract_row() { printf 'account,start,end,arr,notice,one_time,auto_renew\n%s\n' "$1" >"$SCRATCH/row.csv"; }

contract_row 'acme,2026-01-01,2026-12-31,1200,0,,'
expect_import_fails 2 "acm: error: line 2, column notice: 0 is not a valid duration" contract import "$SCRATCH/row.csv"
expect_err_has "nothing was imported"
check "the converted notice is not quoted" [ "${err//: 0d /}" = "$err" ]
contract_row 'acme,2026-01-01,2026-12-31,1200,0 days,,'
expect_import_fails 2 "line 2, column notice: '0 days' is not a valid duration" contract import "$SCRATCH/row.csv"
contract_row 'acme,2026-01-01,2026-01-31,1200,90 days,,'
expect_import_fails 2 "line 2, column notice: '90 days' is not valid (longer than the contract's term, 2026-01-01 to 2026-01-31)" \
  contract import "$SCRATCH/row.csv"
contract_row 'acme,2026-01-01,2026-12-31,"$-1,200",,,'
expect_import_fails 2 "line 2, column arr: \$-1,200 is not a valid amount (must not be negative)" contract import "$SCRATCH/row.csv"
contract_row 'acme,2026-01-01,2026-12-31,1200,,"€-5",'
expect_import_fails 2 "line 2, column one_time: €-5 is not a valid amount" contract import "$SCRATCH/row.csv"
# A dry run says the same.
expect_import_fails 2 "line 2, column one_time: €-5 is not a valid amount" contract import "$SCRATCH/row.csv" --dry-run
# Dates with a time, as exports write them: read as dates, quoted as the file wrote them.
contract_row 'acme,2026-01-01T09:00:00Z,2025-12-31T10:00:00Z,1200,,,'
expect_import_fails 2 "acm: error: line 2, column end: 2025-12-31T10:00:00Z is not valid (expected a date after the start, 2026-01-01)" \
  contract import "$SCRATCH/row.csv"
check "the date it was read as is not quoted" [ "${err//: 2025-12-31 /}" = "$err" ]
expect_import_fails 2 "line 2, column end: 2025-12-31T10:00:00Z is not valid (expected a date after the start" \
  contract import "$SCRATCH/row.csv" --dry-run
# An offset that puts the instant on the day before the start (UTC in the tests), with a fraction.
printf 'account,Start Date,End Date,arr\nacme,2026-01-01,2026-01-01T01:30:00.250+02:00,1200\n' >"$SCRATCH/row.csv"
expect_import_fails 2 "line 2, column End Date: 2026-01-01T01:30:00.250+02:00 is not valid (expected a date after the start, 2026-01-01)" \
  contract import "$SCRATCH/row.csv"
# The same dates the right way round import, as their dates.
printf 'account,start,end,arr,signed\nacme,2025-01-01T09:00:00Z,2025-12-31T10:00:00Z,1200,2024-12-20 16:05\n' >"$SCRATCH/row.csv"
run contract import "$SCRATCH/row.csv"
expect_status 0 "timestamps in the date columns"
check "stored as their dates" [ "$(sql "SELECT start_date || '|' || end_date || '|' || signed_date FROM contracts WHERE start_date = '2025-01-01'")" = "2025-01-01|2025-12-31|2024-12-20" ]
run undo
expect_status 0 "undo of that import"
# Booleans are checked as written.
contract_row 'acme,2026-01-01,2026-12-31,1200,,,maybe'
expect_import_fails 2 "line 2, column auto_renew: maybe is not valid (expected true or false" contract import "$SCRATCH/row.csv"
# Several bad rows: each quoted as written, on its own line.
printf 'account,start,end,arr,notice\nacme,2026-01-01,2026-12-31,1200,0\nacme,2026-01-01,2026-12-31,1200,2 weeks\nacme,2026-01-01,2026-02-01,1200,1 year\n' >"$SCRATCH/rows.csv"
expect_import_fails 2 "line 2, column notice: 0 is not a valid duration" contract import "$SCRATCH/rows.csv"
expect_err_has "line 4, column notice: '1 year' is not valid (longer than the contract's term"
check "the good row between them is not reported" [ "${err//line 3/}" = "$err" ]

# Enum values are matched in any case, and an error quotes the one the file wrote.
printf 'Name,Email,Role,Account\nDana,dana@acme.example,Decision-Maker,acme\nKim,kim@acme.example,BOSS,acme\n' >"$SCRATCH/contacts.csv"
expect_import_fails 2 "line 3, column Role: BOSS is not valid (expected" account contact import "$SCRATCH/contacts.csv"
check "the lowercased role is not quoted" [ "${err//: boss /}" = "$err" ]
check "only line 3 is refused" [ "${err//line 2/}" = "$err" ]
# With a rules file: dates in its formats, values it maps, amounts with its separators.
cat >"$SCRATCH/de.toml" <<'TOML'
kind = "contract"
delimiter = ";"
date_formats = ["%d.%m.%Y"]
decimal = ","
[fields]
notice = "Kündigungsfrist"
[values.notice]
"Quartal" = "3 months"
TOML
printf 'account;start;end;arr;Kündigungsfrist\nacme;01.01.2026;31.12.2025;1.200,00 €;\n' >"$SCRATCH/de.csv"
expect_import_fails 2 "line 2, column end: 31.12.2025 is not valid (expected a date after the start, 2026-01-01)" \
  contract import "$SCRATCH/de.csv" --rules "$SCRATCH/de.toml"
printf 'account;start;end;arr;Kündigungsfrist\nacme;01.01.2026;31.12.2026;-1.200,00 €;\n' >"$SCRATCH/de.csv"
expect_import_fails 2 "line 2, column arr: '-1.200,00 €' is not a valid amount (must not be negative)" \
  contract import "$SCRATCH/de.csv" --rules "$SCRATCH/de.toml"
printf 'account;start;end;arr;Kündigungsfrist\nacme;01.01.2026;31.01.2026;1.200,00 €;Quartal\n' >"$SCRATCH/de.csv"
expect_import_fails 2 "line 2, column Kündigungsfrist: Quartal is not valid (longer than the contract's term" \
  contract import "$SCRATCH/de.csv" --rules "$SCRATCH/de.toml"
# …and the good file imports.
printf 'account;start;end;arr;Kündigungsfrist\nacme;01.01.2026;31.12.2026;1.200,50 €;Quartal\n' >"$SCRATCH/de.csv"
run contract import "$SCRATCH/de.csv" --rules "$SCRATCH/de.toml"
expect_status 0 "the German file with its rules"
check "stored as acm reads it" [ "$(sql "SELECT c.notice || '|' || r.arr_minor || '|' || c.currency FROM contracts c JOIN contract_arr r ON r.contract_id = c.id")" = "3m|120050|EUR" ]

# --- amounts: rules that set neither decimal nor thousands read them as no rules do -----------
printf 'kind = "contract"\n' >"$SCRATCH/plain.toml"
printf 'kind = "contract"\ndate_formats = ["%%d.%%m.%%Y"]\n' >"$SCRATCH/dates-only.toml"
amount_row() { printf 'account,start,end,arr\nacme,2027-01-01,2027-12-31,"%s"\n' "$1" >"$SCRATCH/amount.csv"; }
for rules in "" "$SCRATCH/plain.toml" "$SCRATCH/dates-only.toml"; do
  with=${rules:+--rules $rules}
  amount_row '$1,200'
  run contract import "$SCRATCH/amount.csv" --dry-run $with
  expect_status 0 "\$1,200 ${with:-without rules}"
  # Refused alike, naming decimal and thousands, never read as 1.2 or 120.
  amount_row '120.000'
  expect_import_fails 2 "line 2, column arr: 120.000 is ambiguous: \".\" may be the decimal mark or a thousands separator (set decimal and thousands in a rules file" \
    contract import "$SCRATCH/amount.csv" $with
  amount_row '1,20'
  expect_import_fails 2 "line 2, column arr: 1,20 uses \",\" as its decimal mark (set decimal = \",\" and thousands in a rules file" \
    contract import "$SCRATCH/amount.csv" $with
  amount_row '1.234 KWD'
  expect_import_fails 2 "line 2, column arr: '1.234 KWD' is ambiguous" contract import "$SCRATCH/amount.csv" $with
done
amount_row '$1,200'
run contract import "$SCRATCH/amount.csv" --rules "$SCRATCH/plain.toml"
expect_status 0 "\$1,200 with rules that say nothing of separators"
check "\$1,200 stored as 1200 USD" [ "$(sql "SELECT r.arr_minor || '|' || c.currency FROM contracts c JOIN contract_arr r ON r.contract_id = c.id WHERE c.start_date = '2027-01-01'")" = "120000|USD" ]
# Rules that set decimal (or thousands) read amounts with their separators.
printf 'kind = "contract"\ndecimal = "."\n' >"$SCRATCH/point.toml"
amount_row '1.234 KWD'
run contract import "$SCRATCH/amount.csv" --rules "$SCRATCH/point.toml" --dry-run
expect_status 0 "1.234 KWD with decimal = \".\""
amount_row '120.000'
expect_import_fails 2 "line 2, column arr: 120.000 has more decimals than EUR allows (2)" contract import "$SCRATCH/amount.csv" --rules "$SCRATCH/point.toml"
printf 'kind = "contract"\nthousands = " "\n' >"$SCRATCH/space.toml"
amount_row '120 000'
run contract import "$SCRATCH/amount.csv" --rules "$SCRATCH/space.toml" --dry-run
expect_status 0 "120 000 with thousands = \" \""
# A feedback type is read whatever its case, and a bad one quoted as written.
printf 'account,date,type,score\nacme,2026-10-01,NPS,9\nacme,2026-10-02,SURVEYX,3\n' >"$SCRATCH/types.csv"
expect_import_fails 2 "line 3, column type: SURVEYX is not valid" feedback import "$SCRATCH/types.csv"
printf 'account,date,type,score\nacme,2026-10-01,NPS,9\nacme,2026-10-02,Csat,4\n' >"$SCRATCH/types.csv"
run feedback import "$SCRATCH/types.csv"
expect_status 0 "NPS and Csat as types"
check "stored as nps and csat" [ "$(sql "SELECT group_concat(type || score, ' ') FROM (SELECT type, score FROM feedback WHERE date >= '2026-10-01' ORDER BY date)")" = "nps9 csat4" ]

finish
