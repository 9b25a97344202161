#!/usr/bin/env bash
# What a file gets without a rules file: CRM header aliases and enum values in any case,
# notice periods and booleans as exports write them, and plain amounts and ISO 8601 times.
# What could be read two ways (a ';' file read as ',', 120.000, 03/04/2024, a relative date,
# bytes of another encoding) is refused naming the rules setting that settles it, and
# nothing is written. acm's own CSV listings import back unchanged.
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp"

# --- Enum values in any case, stored in acm's form ------------------------------------------
printf 'name,segment,tier,status\nInitech,Enterprise,HIGH-TOUCH,Active\nHooli,smb,Strategic,AT-RISK\n' >"$SCRATCH/enums.csv"
run -c 'segments.allowed=["enterprise","smb"]' account import "$SCRATCH/enums.csv"
expect_status 0 "enum values in any case import"
check "segment, tier and status stored in acm's form" [ "$(sql "SELECT group_concat(key || '|' || segment || '|' || tier || '|' || status, ' ') FROM (SELECT * FROM accounts WHERE key IN ('initech', 'hooli') ORDER BY key)")" = "hooli|smb|strategic|at-risk initech|enterprise|high-touch|active" ]
printf 'name,tier\nUmbrella,Gold\n' >"$SCRATCH/bad-enum.csv"
expect_import_fails 2 "line 2, column tier: Gold is not valid (expected low-touch, high-touch or strategic)" account import "$SCRATCH/bad-enum.csv"
printf 'account,date,kind,text\nacme-corp,2024-06-01,PRAISE,Great\n' >"$SCRATCH/kind.csv"
run feedback import "$SCRATCH/kind.csv"
expect_status 0 "a feedback kind in capitals imports"
check "the kind stored in lowercase" [ "$(sql "SELECT kind FROM feedback ORDER BY id DESC LIMIT 1")" = praise ]

# --- CRM header aliases, any case -----------------------------------------------------------
# HubSpot companies: "Company owner", "Country/Region", "Company Domain Name".
printf 'Company name,Company owner,Country/Region,Company Domain Name\nGlobex GmbH,Lee Adama,Germany,globex.example\n' >"$SCRATCH/hubspot.csv"
run account import "$SCRATCH/hubspot.csv"
expect_status 0 "HubSpot headers without rules"
check "HubSpot: owner, region and domain" [ "$(sql "SELECT owner || '|' || region || '|' || domain FROM accounts WHERE key = 'globex-gmbh'")" = "Lee Adama|Germany|globex.example" ]
# Salesforce Data Loader: API names in capitals.
printf 'NAME,BILLINGCOUNTRY,WEBSITE\nVandelay,United States,vandelay.example\n' >"$SCRATCH/sf-accounts.csv"
run account import "$SCRATCH/sf-accounts.csv"
expect_status 0 "Salesforce account API names"
check "BILLINGCOUNTRY as the region" [ "$(sql "SELECT region FROM accounts WHERE key = 'vandelay'")" = "United States" ]
printf 'ACCOUNT.NAME,STARTDATE,ENDDATE,CUSTOMERSIGNEDDATE,CURRENCYISOCODE,ANNUAL VALUE\nVandelay,2025-01-01,2025-12-31,2024-12-15,USD,36000.00\n' >"$SCRATCH/sf-contracts.csv"
run contract import "$SCRATCH/sf-contracts.csv"
expect_status 0 "Salesforce contract API names"
check "STARTDATE, ENDDATE, CUSTOMERSIGNEDDATE, CURRENCYISOCODE" [ "$(sql "SELECT start_date || '|' || end_date || '|' || signed_date || '|' || currency FROM contracts c JOIN accounts a ON a.id = c.account_id WHERE a.key = 'vandelay'")" = "2025-01-01|2025-12-31|2024-12-15|USD" ]
# Pipedrive: "Organization - Name", "Organization - Owner", "Organization - Labels".
printf 'Organization - Name,Organization - Owner,Organization - Labels\nUmbrella Ltd,Dana Scully,Hot lead\n' >"$SCRATCH/pipedrive.csv"
run account import "$SCRATCH/pipedrive.csv"
expect_status 0 "Pipedrive headers"
check "Pipedrive: name, owner and labels as tags" [ "$(sql "SELECT a.owner || '|' || t.tag FROM accounts a JOIN account_tags t ON t.account_id = a.id WHERE a.key = 'umbrella-ltd'")" = "Dana Scully|Hot lead" ]
# Typeform's "Submit Date (UTC)", HubSpot's "Associated Company".
printf 'Associated Company,Submit Date (UTC),NPS\nAcme Corp,2024-06-10 08:03:40,10\n' >"$SCRATCH/typeform.csv"
run feedback import "$SCRATCH/typeform.csv"
expect_status 0 "Typeform date and HubSpot company headers"
check "the submit date and the company" [ "$(sql "SELECT a.key || '|' || f.date || '|' || f.score FROM feedback f JOIN accounts a ON a.id = f.account_id ORDER BY f.id DESC LIMIT 1")" = "acme-corp|2024-06-10|10" ]
# GA4's API name activeUsers.
printf 'account,date,activeUsers,sessions\nacme-corp,2024-06-01,140,310\n' >"$SCRATCH/ga4.csv"
run account usage import "$SCRATCH/ga4.csv"
expect_status 0 "GA4 activeUsers"
check "activeUsers and sessions" [ "$(sql "SELECT active_users || '|' || logins FROM usage")" = "140|310" ]

# --- Notice periods and booleans as exports write them -------------------------------------
printf 'account,start,end,arr,notice,auto_renew\nacme-corp,2024-01-01,2025-12-31,1000,90 days,x\nacme-corp,2024-01-01,2025-12-31,1000,3 Months,YES\nacme-corp,2024-01-01,2025-12-31,1000,1 year,False\nacme-corp,2024-01-01,2025-12-31,1000,60,0\nacme-corp,2024-01-01,2025-12-31,1000,2 weeks,TRUE\n' >"$SCRATCH/notice.csv"
run contract import "$SCRATCH/notice.csv"
expect_status 0 "notice periods in words and booleans import"
check "notices in acm's form, booleans read" [ "$(sql "SELECT group_concat(notice || '|' || auto_renew, ' ') FROM (SELECT * FROM contracts c JOIN accounts a ON a.id = c.account_id WHERE a.key = 'acme-corp' ORDER BY c.id)")" = "90d|1 3m|1 1y|0 60d|0 2w|1" ]
printf 'account,start,end,arr,notice\nacme-corp,2024-01-01,2025-12-31,1000,3 Monate\n' >"$SCRATCH/monate.csv"
expect_import_fails 2 "line 2, column notice: '3 Monate' is not a valid duration" contract import "$SCRATCH/monate.csv"
printf 'account,start,end,arr,auto_renew\nacme-corp,2024-01-01,2025-12-31,1000,WAHR\n' >"$SCRATCH/wahr.csv"
expect_import_fails 2 "line 2, column auto_renew: WAHR is not valid (expected true or false, yes or no, y or n, 1 or 0, or x for true)" contract import "$SCRATCH/wahr.csv"

# --- Amounts: the plain separators come in, an ambiguous one is refused ---------------------
printf 'account,start,end,arr,currency\nacme-corp,2026-01-01,2026-12-31,"1,200.50",\nacme-corp,2026-01-01,2026-12-31,"$1,200",\nacme-corp,2026-01-01,2026-12-31,"120,000",EUR\nacme-corp,2026-01-01,2026-12-31,USD 25k,\n' >"$SCRATCH/amounts.csv"
run contract import "$SCRATCH/amounts.csv"
expect_status 0 "plain amounts import"
check "1,200.50, \$1,200 in USD, 120,000 and USD 25k" [ "$(sql "SELECT group_concat(x.arr_minor || '|' || c.currency, ' ') FROM (SELECT * FROM contracts WHERE start_date = '2026-01-01' ORDER BY id) c JOIN contract_arr x ON x.contract_id = c.id")" = "120050|EUR 120000|USD 12000000|EUR 2500000|USD" ]
for amount in 120.000 "1.200,50" "120,50" "1.200.000" "120.000 EUR" "€9.500,50"; do
  printf 'account,start,end,arr\nacme-corp,2027-01-01,2027-12-31,"%s"\n' "$amount" >"$SCRATCH/ambiguous.csv"
  expect_import_fails 2 "line 2, column arr:" contract import "$SCRATCH/ambiguous.csv"
  expect_err_has "in a rules file, --rules)" "$amount names the rules setting"
done
printf 'account,start,end,arr\nacme-corp,2027-01-01,2027-12-31,120.000\n' >"$SCRATCH/ambiguous.csv"
expect_import_fails 2 "line 2, column arr: 120.000 is ambiguous: \".\" may be the decimal mark or a thousands separator (set decimal and thousands in a rules file" contract import "$SCRATCH/ambiguous.csv"
printf 'account,start,end,arr\nacme-corp,2027-01-01,2027-12-31,"1.200,50"\n' >"$SCRATCH/ambiguous.csv"
expect_import_fails 2 "line 2, column arr: 1.200,50 uses \",\" as its decimal mark (set decimal = \",\"" contract import "$SCRATCH/ambiguous.csv"
# With rules that say how, the same value comes in.
printf 'kind = "contract"\ndecimal = ","\nthousands = "."\n' >"$SCRATCH/german.toml"
printf 'account,start,end,arr\nacme-corp,2027-01-01,2027-12-31,120.000\n' >"$SCRATCH/ambiguous.csv"
run contract import "$SCRATCH/ambiguous.csv" --rules "$SCRATCH/german.toml"
expect_status 0 "120.000 with decimal and thousands set"
check "120.000 read as 120000" [ "$(sql "SELECT x.arr_minor FROM contracts c JOIN contract_arr x ON x.contract_id = c.id WHERE c.start_date = '2027-01-01'")" = 12000000 ]

# --- Dates: ISO 8601 comes in, anything else names date_formats -----------------------------
printf 'account,date,nps\nacme-corp,2024-07-01T23:30:00Z,9\nacme-corp,2024-07-02T01:30:00.250+02:00,8\nacme-corp,2024-07-03 10:00,7\n' >"$SCRATCH/iso.csv"
before=$(sql 'SELECT max(id) FROM feedback')
run feedback import "$SCRATCH/iso.csv"
expect_status 0 "ISO 8601 times with Z, an offset and a fraction"
check "their local dates (TZ=UTC)" [ "$(sql "SELECT group_concat(date, ' ') FROM (SELECT date FROM feedback WHERE id > $before ORDER BY id)")" = "2024-07-01 2024-07-01 2024-07-03" ]
date_fails() {
  printf 'account,date,nps\nacme-corp,%s,9\n' "$1" >"$SCRATCH/date.csv"
  expect_import_fails 2 "line 2, column date: $2" feedback import "$SCRATCH/date.csv"
}
date_fails 03/04/2024 '03/04/2024 is ambiguous: day or month first? (set date_formats in a rules file, --rules: ["%d/%m/%Y"] or ["%m/%d/%Y"])'
date_fails 13/04/2024 '13/04/2024 is not an ISO 8601 date (set date_formats in a rules file, --rules: ["%d/%m/%Y"])'
date_fails 04.13.2024 '04.13.2024 is not an ISO 8601 date (set date_formats in a rules file, --rules: ["%m.%d.%Y"])'
date_fails "06/03/2024 09:58:02 AM" '06/03/2024 is ambiguous: day or month first? (set date_formats'
# Hostile: numbers too long for any date, a huge cell.
date_fails 99999999999999999999/1/2024 "99999999999999999999/1/2024 is not a valid date (expected YYYY-MM-DD"
python3 -c "print('account,date,nps'); print('acme-corp,' + '1' * 100000 + ',9')" >"$SCRATCH/huge.csv"
expect_import_fails 2 "is not a valid date (expected YYYY-MM-DD" feedback import "$SCRATCH/huge.csv"
printf 'account,start,end,arr,notice\nacme-corp,2024-01-01,2025-12-31,1000,99999999999999999999999 days\n' >"$SCRATCH/huge.csv"
expect_import_fails 2 "line 2, column notice: '99999999999999999999999 days' is not a valid duration" contract import "$SCRATCH/huge.csv"
# A time whose zone moves its date out of 0001-9999 (TZ=UTC here).
date_fails 9999-12-31T23:00:00-12:00 "9999-12-31T23:00:00-12:00 falls on 10000-01-01 here, outside 0001-01-01 to 9999-12-31"
date_fails 0001-01-01T00:30:00+14:00 "0001-01-01T00:30:00+14:00 falls on 0000-12-31 here, outside"
date_fails 2024-02-30 "2024-02-30 is not a valid date (expected YYYY-MM-DD or an ISO 8601 time; set date_formats"
for relative in today +30d yesterday eom; do
  date_fails "$relative" "$relative is a relative date (expected a date such as 2024-06-01 in a file"
done
# A contract's dates too, which the command line takes relative.
printf 'account,start,end,arr\nacme-corp,today,+1y,1000\n' >"$SCRATCH/relative.csv"
expect_import_fails 2 "line 2, column start: today is a relative date" contract import "$SCRATCH/relative.csv"
printf 'account,start,end,arr\nacme-corp,2028-01-01,+1y,1000\n' >"$SCRATCH/relative.csv"
expect_import_fails 2 "line 2, column end: +1y is a relative date" contract import "$SCRATCH/relative.csv"
printf 'account,start,end,arr,signed\nacme-corp,2028-01-01,2028-12-31,1000,01/12/2027\n' >"$SCRATCH/signed.csv"
expect_import_fails 2 "line 2, column signed: 01/12/2027 is ambiguous" contract import "$SCRATCH/signed.csv"
run contract add acme-corp --start today --end +1y --arr 1000
expect_status 0 "relative dates stay fine on the command line"

# --- A ';' file read as ',' ------------------------------------------------------------------
printf '"name;owner"\n"Stark Industries;dana"\n' >"$SCRATCH/semicolon.csv"
expect_import_fails 2 "line 1: the header name;owner is one column with \";\" inside: is that the delimiter? (set delimiter in a rules file" account import "$SCRATCH/semicolon.csv"
expect_import_fails 2 "line 1: the header name;owner is one column" account import "$SCRATCH/semicolon.csv" --map 'name;owner=name'
printf 'name\nStark Industries;dana\n' >"$SCRATCH/semicolon.csv"
expect_import_fails 2 "line 2: 'Stark Industries;dana' has a \";\" in a file of one column: is that the delimiter? (set delimiter" account import "$SCRATCH/semicolon.csv"
check "no account named with a ';'" [ "$(sql "SELECT count(*) FROM accounts WHERE name LIKE '%;%'")" = 0 ]
printf 'delimiter = ","\n' >"$SCRATCH/comma.toml"
run account import "$SCRATCH/semicolon.csv" --rules "$SCRATCH/comma.toml"
expect_status 0 "delimiter set: the ';' is part of the name"
printf 'name;owner\nWayne Enterprises;Lee\n' >"$SCRATCH/semicolon.csv"
run account import "$SCRATCH/semicolon.csv"
expect_status 0 "a header with ';' between columns is read by ';'"
check "the owner from the second column" [ "$(sql "SELECT owner FROM accounts WHERE key = 'wayne-enterprises'")" = Lee ]

# --- Encodings -----------------------------------------------------------------------------
printf 'account,date,nps,text\nacme-corp,2024-08-01,9,Gr\xfc\xdfe\n' >"$SCRATCH/latin1.csv"
expect_import_fails 2 "line 2, column text: is not valid UTF-8 text (the file's encoding: set encoding in a rules file, --rules: windows-1252, latin1 or utf-16)" feedback import "$SCRATCH/latin1.csv"
printf 'account,date,nps,text\nacme-corp,2024-08-0\xff,9,x\n' >"$SCRATCH/latin1.csv"
expect_import_fails 2 "line 2, column date: is not valid UTF-8 text (the file's encoding: set encoding" feedback import "$SCRATCH/latin1.csv"
printf 'name,owner\n\xc9clair SA,Dana\n' >"$SCRATCH/latin1.csv"
expect_import_fails 2 "line 2, column name: is not valid UTF-8 text (the file's encoding" account import "$SCRATCH/latin1.csv"
printf 'encoding = "latin1"\n' >"$SCRATCH/latin1.toml"
run account import "$SCRATCH/latin1.csv" --rules "$SCRATCH/latin1.toml"
expect_status 0 "latin1 set: the file comes in"
check "Éclair SA converted, not replaced" [ "$(sql "SELECT name FROM accounts WHERE key = 'eclair-sa'")" = "Éclair SA" ]
check "no U+FFFD stored" [ "$(sql "SELECT count(*) FROM accounts WHERE name LIKE '%'||char(65533)||'%'")" = 0 ]
python3 -c 'import sys; sys.stdout.buffer.write("account,date,nps\nacme-corp,2024-08-02,9\n".encode("utf-16-le"))' >"$SCRATCH/utf16le.csv"
expect_import_fails 2 "line 1: the file is UTF-16 without a byte order mark (set encoding = \"utf-16\" in a rules file" feedback import "$SCRATCH/utf16le.csv"
printf 'encoding = "utf-16"\n' >"$SCRATCH/utf16.toml"
run feedback import "$SCRATCH/utf16le.csv" --rules "$SCRATCH/utf16.toml"
expect_status 0 "UTF-16 without a BOM, encoding set"

# --- acm's own CSV listings import back unchanged ---------------------------------------------
OTHER=$SCRATCH/other.db
run init "$OTHER"
for name in "=SUM(A1)" "+1 Corp" "@y" "'quoted" "Plain, Inc." "'=guarded" "''+twice"; do run account add "$name"; done
run account add -- "-x"
"$ACM" account list --csv >"$SCRATCH/accounts.csv"
check "the listing guards formula cells" grep -q "^[0-9]*,sum-a1,'=SUM(A1)," "$SCRATCH/accounts.csv"
check "… and a text of ' and a formula: '=guarded is written ''=guarded" grep -q ",''=guarded," "$SCRATCH/accounts.csv"
run -w "$OTHER" account import "$SCRATCH/accounts.csv"
expect_status 0 "acm account list --csv imports"
check "names back unchanged, the guard taken off" [ "$(sqlite3 "$OTHER" "SELECT group_concat(key || '=' || name, ' ') FROM (SELECT * FROM accounts ORDER BY key)")" = "$(sql "SELECT group_concat(key || '=' || name, ' ') FROM (SELECT * FROM accounts ORDER BY key)")" ]
check "the guarded names are there" [ "$(sqlite3 "$OTHER" "SELECT count(*) FROM accounts WHERE name IN ('=SUM(A1)', '+1 Corp', '-x', '@y', '''quoted', '''=guarded', '''''+twice')")" = 7 ]
FEEDBACK=$SCRATCH/feedback.db
run init "$FEEDBACK"
run -w "$FEEDBACK" account add "Acme Corp"
for text in '=HYPERLINK("x")' "+1 works" "-fine" "@mention"; do run -w "$FEEDBACK" feedback add acme-corp --nps 5 --text "$text" --date 2024-09-01; done
"$ACM" -w "$FEEDBACK" feedback list --csv --columns account,date,score,text >"$SCRATCH/feedback.csv"
check "the feedback listing guards formula cells" grep -q "'=HYPERLINK" "$SCRATCH/feedback.csv"
run -w "$OTHER" feedback import "$SCRATCH/feedback.csv" --type nps
expect_status 0 "acm feedback list --csv imports"
check "texts back unchanged" [ "$(sqlite3 "$OTHER" "SELECT group_concat(text, '|') FROM (SELECT text FROM feedback ORDER BY text)")" = '+1 works|-fine|=HYPERLINK("x")|@mention' ]

finish
