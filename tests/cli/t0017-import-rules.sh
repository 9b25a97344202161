#!/usr/bin/env bash
# Import rules: the bundled rules on files shaped like each system's export (exports/README.md
# names the sources), a user-written rules file for a German Excel file, and the options every
# import shares (--map, --rules, --dry-run, up to 50 problems).
. "$(dirname "$0")/lib.sh"
EXPORTS=$(cd "$(dirname "$0")/exports" && pwd)
run init

# ARGS… imported a second time: exit 0 and the workspace exactly as before (the import of an
# export that changed nothing records nothing either).
again_changes_nothing() {
  snapshot
  run "$@"
  expect_status 0 "acm $* a second time"
  expect_unchanged "acm $* a second time changes nothing"
}

# --- acm rules ---------------------------------------------------------------------------
run rules list
expect_status 0 "rules list"
for name in hubspot-companies salesforce-contracts surveymonkey typeform ga4-active-users; do
  expect_out_has "$name" "rules list names $name"
done
run rules show hubspot-companies
expect_out_has 'kind = "account"' "rules show prints the file"
expect_fails 2 "--rules nosuch: no such rules (expected a file, or one of delighted, ga4-active-users" rules show nosuch
run rules detect "$EXPORTS/hubspot-companies.csv"
expect_out "hubspot-companies" "rules detect names HubSpot's rules"
run rules detect "$EXPORTS/surveymonkey.csv"
expect_out "surveymonkey" "rules detect names SurveyMonkey's rules"
for file in salesforce-contracts-report salesforce-contracts-dataloader; do
  run rules detect "$EXPORTS/$file.csv"
  expect_out "salesforce-contracts" "rules detect names Salesforce's rules for $file"
done
run_stdin "$EXPORTS/typeform.csv" rules detect -
expect_out "typeform" "rules detect reads standard input once for every rules file"
run rules detect "$EXPORTS/ga4-active-users.csv"
expect_out "ga4-active-users" "rules detect reads past GA4's comment lines"
printf 'x,y\n1,2\n' >"$SCRATCH/plain.csv"
expect_fails 1 "no rules fit the header of $SCRATCH/plain.csv" rules detect "$SCRATCH/plain.csv"

# A user's rules of the same name win over the bundled ones.
mkdir -p "$XDG_CONFIG_HOME/acm/rules"
printf 'description = "mine"\nkind = "feedback"\n' >"$XDG_CONFIG_HOME/acm/rules/typeform.toml"
run rules list
expect_out_has "mine" "the user's rules override the bundled ones"
rm "$XDG_CONFIG_HOME/acm/rules/typeform.toml"

# --- HubSpot companies ---------------------------------------------------------------------
run account import "$EXPORTS/hubspot-companies.csv" --rules hubspot-companies --dry-run
expect_status 0 "HubSpot dry run"
expect_err_has "would import 3 accounts (3 added, 0 updated)"
check "the dry run writes nothing" [ "$(sql 'SELECT count(*) FROM accounts')" = 0 ]
run account import "$EXPORTS/hubspot-companies.csv" --rules hubspot-companies
expect_status 0 "HubSpot import"
check "HubSpot companies stored" [ "$(sql "SELECT group_concat(key || '|' || ifnull(owner, '') || '|' || region || '|' || domain || '|' || status, ' ') FROM (SELECT * FROM accounts ORDER BY key)")" = "acme-corp|Dana Scully|United States|acme.example|active globex-gmbh|Lee Adama|Germany|globex.example|prospect initech||United States|initech.example|active" ]
check "HubSpot: the Record ID kept as the external id" [ "$(sql "SELECT group_concat(external_source || '|' || external_id, ' ') FROM (SELECT * FROM accounts ORDER BY key)")" = "hubspot|9876543210 hubspot|9876543211 hubspot|9876543212" ]
again_changes_nothing account import "$EXPORTS/hubspot-companies.csv" --rules hubspot-companies --upsert

# --map wins over the rules, and 'Header=-' ignores a column.
run account import "$EXPORTS/hubspot-companies.csv" --rules hubspot-companies --upsert --dry-run --map 'Company owner=-' --map 'City=region'
expect_status 0 "--map with --rules"
expect_err_has "ignored column Country/Region"

# --- Salesforce contracts: a report with its footer, and a Data Loader export -------------
run contract import "$EXPORTS/salesforce-contracts-report.csv" --rules salesforce-contracts
expect_status 0 "Salesforce report import"
expect_err_has "imported 2 contracts"
check "report: dates, amounts and currency" [ "$(sql "SELECT group_concat(a.key || '|' || c.start_date || '|' || c.end_date || '|' || c.currency || '|' || c.notice, ' ') FROM contracts c JOIN accounts a ON a.id = c.account_id ORDER BY c.id")" = "acme-corp|2024-01-01|2024-12-31|USD|90d globex-gmbh|2024-03-15|2025-03-14|USD|30d" ]
check "report: the ARR in cents" [ "$(sql "SELECT group_concat(arr_minor, ' ') FROM (SELECT arr_minor FROM contract_arr ORDER BY contract_id)")" = "12000000 4550050" ]
check "report: the contract number as the external id" [ "$(sql "SELECT group_concat(external_source || '|' || external_id, ' ') FROM contracts ORDER BY id")" = "salesforce|00000101 salesforce|00000102" ]
again_changes_nothing contract import "$EXPORTS/salesforce-contracts-report.csv" --rules salesforce-contracts --upsert
run contract import "$EXPORTS/salesforce-contracts-dataloader.csv" --rules salesforce-contracts
expect_status 0 "Data Loader import"
check "Data Loader: ISO dates, the currency column, the ID" [ "$(sql "SELECT start_date || '|' || currency || '|' || notice || '|' || external_id FROM contracts WHERE title = 'Initech 2025'")" = "2025-01-01|EUR|60d|8005g00000AbCdEAAV" ]
again_changes_nothing contract import "$EXPORTS/salesforce-contracts-dataloader.csv" --rules salesforce-contracts --upsert

# --- HubSpot deals: the account by the company's Record ID ---------------------------------
before=$(sql 'SELECT max(id) FROM contracts')
run contract import "$EXPORTS/hubspot-deals.csv" --rules hubspot-deals
expect_status 0 "HubSpot deals import"
expect_err_has "imported 2 contracts"
check "HubSpot deals: closed won only, the account by the company's id, term, amount, currency, id" \
  [ "$(sql "SELECT group_concat(a.key || '|' || c.title || '|' || c.start_date || '|' || c.end_date || '|' || x.arr_minor || '|' || c.currency || '|' || c.external_source || '|' || c.external_id, ' / ') FROM contracts c JOIN accounts a ON a.id = c.account_id JOIN contract_arr x ON x.contract_id = c.id WHERE c.id > $before ORDER BY c.id")" = "acme-corp|Acme platform renewal 2025|2025-01-01|2025-12-31|9600000|USD|hubspot|18233001 / initech|Initech starter|2025-03-03|2026-03-02|1250050|EUR|hubspot|18233003" ]
again_changes_nothing contract import "$EXPORTS/hubspot-deals.csv" --rules hubspot-deals --upsert
expect_import_fails 2 "line 2, column Record ID: a contract with external id 18233001 was imported already" \
  contract import "$EXPORTS/hubspot-deals.csv" --rules hubspot-deals

# --- Salesforce opportunities: a report, closed won as contracts ----------------------------
before=$(sql 'SELECT max(id) FROM contracts')
run contract import "$EXPORTS/salesforce-opportunities-report.csv" --rules salesforce-opportunities
expect_status 0 "Salesforce opportunities import"
check "Salesforce opportunities: closed won only, US dates, amounts with their currency, the id" \
  [ "$(sql "SELECT group_concat(a.key || '|' || c.start_date || '|' || c.end_date || '|' || x.arr_minor || '|' || c.currency || '|' || c.external_id, ' / ') FROM contracts c JOIN accounts a ON a.id = c.account_id JOIN contract_arr x ON x.contract_id = c.id WHERE c.id > $before ORDER BY c.id")" = "acme-corp|2025-01-01|2025-12-31|12000000|USD|0065g00000QwErTAAV / globex-gmbh|2025-03-15|2026-03-14|4550050|EUR|0065g00000QwErVAAV" ]
again_changes_nothing contract import "$EXPORTS/salesforce-opportunities-report.csv" --rules salesforce-opportunities --upsert

# --- SurveyMonkey and Typeform --------------------------------------------------------------
run feedback import "$EXPORTS/surveymonkey.csv" --rules surveymonkey
expect_status 0 "SurveyMonkey import"
check "SurveyMonkey: second header row skipped, US dates, scores, text" [ "$(sql "SELECT group_concat(a.key || '|' || f.date || '|' || f.score || '|' || f.contact || '|' || f.text, ' / ') FROM feedback f JOIN accounts a ON a.id = f.account_id ORDER BY f.id")" = 'acme-corp|2024-06-03|9|pat@acme.example|Support answers fast / globex-gmbh|2024-06-04|4|kim@globex.example|Reports, "slow" ones, time out' ]
again_changes_nothing feedback import "$EXPORTS/surveymonkey.csv" --rules surveymonkey
run feedback import "$EXPORTS/typeform.csv" --rules typeform
expect_status 0 "Typeform import"
check "Typeform: submit dates, NPS, the response token" [ "$(sql "SELECT group_concat(date || '|' || type || '|' || score || '|' || external_source || '|' || external_id, ' ') FROM feedback WHERE id > 2")" = "2024-06-10|nps|10|typeform|a1b2c3d4e5f6 2024-06-11|nps|6|typeform|f6e5d4c3b2a1" ]
again_changes_nothing feedback import "$EXPORTS/typeform.csv" --rules typeform

# --- GA4 active users -----------------------------------------------------------------------
run account usage import "$EXPORTS/ga4-active-users.csv" --rules ga4-active-users
expect_status 0 "GA4 import"
check "GA4: comment lines skipped, 20240601 dates" [ "$(sql "SELECT group_concat(date || '|' || active_users || '|' || logins, ' ') FROM usage")" = "2024-06-01|140|310 2024-06-02|152|298 2024-06-01|12|20" ]
snapshot
run account usage import "$EXPORTS/ga4-active-users.csv" --rules ga4-active-users
expect_status 0 "GA4 imported again"
expect_err_has "imported 0 usage rows, 3 already in the workspace" "GA4 imported again: every day is there"
expect_unchanged "GA4 imported again: nothing changes"
sed 's/^acme-corp,20240602,152,298$/acme-corp,20240602,160,301/' "$EXPORTS/ga4-active-users.csv" >"$SCRATCH/ga4-changed.csv"
expect_import_fails 2 "already has usage on 2024-06-02 (id 2; use --upsert to replace it)" account usage import "$SCRATCH/ga4-changed.csv" --rules ga4-active-users

# --- Google Forms: timestamps with a zone ---------------------------------------------------
before=$(sql 'SELECT max(id) FROM feedback')
run feedback import "$EXPORTS/google-forms.csv" --rules google-forms
expect_status 0 "Google Forms import"
check "Google Forms: 2024/05/27 3:00:00 PM GMT+2 dates" [ "$(sql "SELECT group_concat(date || '|' || score || '|' || contact, ' ') FROM feedback WHERE id > $before")" = "2024-05-27|9|pat@acme.example 2024-05-28|5|kim@globex.example" ]
again_changes_nothing feedback import "$EXPORTS/google-forms.csv" --rules google-forms

# --- Zendesk CSAT and Qualtrics ------------------------------------------------------------
before=$(sql 'SELECT max(id) FROM feedback')
run feedback import "$EXPORTS/zendesk-csat.csv" --rules zendesk-csat
expect_status 0 "Zendesk import"
expect_err_has "imported 2 feedback entries"
check "Zendesk: good as CSAT 5, bad as 1, offered left out" [ "$(sql "SELECT group_concat(a.key || '|' || f.date || '|' || f.type || '|' || f.score || '|' || ifnull(f.text, ''), ' / ') FROM feedback f JOIN accounts a ON a.id = f.account_id WHERE f.id > $before ORDER BY f.id")" = "globex-gmbh|2024-06-03|csat|1|Still waiting for a fix / acme-corp|2024-06-02|csat|5|" ]
again_changes_nothing feedback import "$EXPORTS/zendesk-csat.csv" --rules zendesk-csat
before=$(sql 'SELECT max(id) FROM feedback')
run feedback import "$EXPORTS/qualtrics.csv" --rules qualtrics
expect_status 0 "Qualtrics import"
check "Qualtrics: three header rows, previews and unfinished responses left out" [ "$(sql "SELECT group_concat(a.key || '|' || f.date || '|' || f.score || '|' || f.contact || '|' || f.text, ' / ') FROM feedback f JOIN accounts a ON a.id = f.account_id WHERE f.id > $before ORDER BY f.id")" = "acme-corp|2024-06-05|8|pat@acme.example|Good, a few gaps in reporting / globex-gmbh|2024-06-06|3|kim@globex.example|Too many outages" ]
again_changes_nothing feedback import "$EXPORTS/qualtrics.csv" --rules qualtrics

# --- Delighted: the account by the respondent's e-mail domain, the type column per row ------
before=$(sql 'SELECT max(id) FROM feedback')
run feedback import "$EXPORTS/delighted.csv" --rules delighted
expect_status 0 "Delighted import"
check "Delighted: account by e-mail domain, local dates, NPS and CSAT in one file, response ids" \
  [ "$(sql "SELECT group_concat(a.key || '|' || f.date || '|' || f.type || '|' || f.score || '|' || f.contact || '|' || ifnull(f.text, '') || '|' || f.external_source || '|' || f.external_id, ' / ') FROM feedback f JOIN accounts a ON a.id = f.account_id WHERE f.id > $before ORDER BY f.id")" = "acme-corp|2024-06-12|nps|9|Pat Lee|Fast answers, clear docs|delighted|3001 / globex-gmbh|2024-06-13|nps|4|Kim Park|Reports time out|delighted|3002 / acme-corp|2024-06-13|csat|5|Sam Roe||delighted|3003" ]
again_changes_nothing feedback import "$EXPORTS/delighted.csv" --rules delighted
printf 'Response ID,Email,Survey type,Score,Comment,Response timestamp\n9,x@nowhere.example,nps,9,,2024-06-12T09:14:27Z\n' >"$SCRATCH/delighted-bad.csv"
expect_import_fails 2 "line 2, column Email: no contact has the e-mail x@nowhere.example and no account the domain nowhere.example" \
  feedback import "$SCRATCH/delighted-bad.csv" --rules delighted

# --- Salesforce accounts, Pipedrive organizations, Zoho accounts ----------------------------
run account import "$EXPORTS/salesforce-accounts-report.csv" --rules salesforce-accounts --upsert
expect_status 0 "Salesforce accounts report import"
expect_err_has "imported 2 accounts (1 added, 1 updated)"
check "Salesforce accounts: the footer left out" [ "$(sql "SELECT owner || '|' || segment || '|' || domain FROM accounts WHERE key = 'vandelay-industries'")" = "Lee Adama|Prospect|vandelay.example" ]
again_changes_nothing account import "$EXPORTS/salesforce-accounts-report.csv" --rules salesforce-accounts --upsert
run account import "$EXPORTS/pipedrive-organizations.csv" --rules pipedrive-organizations --upsert
expect_status 0 "Pipedrive import"
check "Pipedrive: prefixed headers, labels as tags" [ "$(sql "SELECT a.owner || '|' || a.region || '|' || t.tag FROM accounts a JOIN account_tags t ON t.account_id = a.id WHERE a.key = 'umbrella-ltd'")" = "Lee Adama|United Kingdom|Hot lead" ]
again_changes_nothing account import "$EXPORTS/pipedrive-organizations.csv" --rules pipedrive-organizations --upsert
run account import "$EXPORTS/zoho-accounts.csv" --rules zoho-accounts --upsert
expect_status 0 "Zoho import"
check "Zoho: account type as status, website as domain" [ "$(sql "SELECT status || '|' || domain || '|' || region FROM accounts WHERE key = 'hooli'")" = "prospect|hooli.example|USA" ]
check "Zoho: the Record Id kept" [ "$(sql "SELECT external_source || '|' || external_id FROM accounts WHERE key = 'hooli'")" = "zoho|zcrm_5000000012346" ]
again_changes_nothing account import "$EXPORTS/zoho-accounts.csv" --rules zoho-accounts --upsert
run rules detect "$EXPORTS/zoho-accounts.csv"
expect_out "zoho-accounts" "rules detect tells Zoho from the other account exports"

# --- A German Excel contract file: refused without rules, imported with the user's rules ---
run account add "Müller AG"
snapshot
run contract import "$EXPORTS/german-excel-contracts.csv"
check "without rules the German file is refused" [ "$status" -ne 0 ]
expect_unchanged "the refused German file writes nothing"
cat >"$SCRATCH/german.toml" <<'RULES'
kind = "contract"
encoding = "windows-1252"
delimiter = ";"
date_formats = ["%d.%m.%Y"]
decimal = ","
currency = "EUR"
[fields]
account = "Kunde"
start = "Vertragsbeginn"
end = "Vertragsende"
arr = "Jahreswert"
auto_renew = "Automatische Verlängerung"
notice = "Kündigungsfrist"
[values.auto_renew]
WAHR = "true"
FALSCH = "false"
[values.notice]
"1 Monat" = "1m"
"3 Monate" = "3m"
RULES
run contract import "$EXPORTS/german-excel-contracts.csv" --rules "$SCRATCH/german.toml"
expect_status 0 "German import with rules"
check "German: dates, 120.000,00 € as 120000 EUR, WAHR, 3 Monate" [ "$(sql "SELECT group_concat(a.name || '|' || c.start_date || '|' || c.currency || '|' || c.auto_renew || '|' || c.notice || '|' || x.arr_minor, ' / ') FROM contracts c JOIN accounts a ON a.id = c.account_id JOIN contract_arr x ON x.contract_id = c.id WHERE c.currency = 'EUR' AND c.start_date LIKE '2024%' ORDER BY c.id")" = "Müller AG|2024-01-01|EUR|1|3m|12000000 / Acme Corp|2024-03-15|EUR|0|1m|950050" ]

# --- What every import shares -------------------------------------------------------------
# UTF-16 with a BOM (Excel's "Unicode text") is read without rules; a cut character is an
# error naming the encoding, never a short file.
python3 -c 'import sys; sys.stdout.buffer.write("account,date,nps,text\r\nacme-corp,2024-07-01T09:30:00.250+02:00,7,Grüße\r\n".encode("utf-16"))' >"$SCRATCH/utf16.csv"
run feedback import "$SCRATCH/utf16.csv"
expect_status 0 "a UTF-16 file imports"
check "UTF-16: text and an ISO 8601 time with fraction and offset" [ "$(sql "SELECT date || '|' || text FROM feedback ORDER BY id DESC LIMIT 1")" = "2024-07-01|Grüße" ]
head -c -1 "$SCRATCH/utf16.csv" >"$SCRATCH/cut16.csv"
expect_fails 2 "line 2: the file is not valid utf-16 (set encoding in a rules file" feedback import "$SCRATCH/cut16.csv"

# --dry-run on feedback and usage: the same checks as the import, nothing written.
printf 'account,date,nps\nacme-corp,2024-07-02,9\nnobody,2024-07-02,9\n' >"$SCRATCH/dry.csv"
expect_import_fails 2 "line 3, column account: no account nobody" feedback import "$SCRATCH/dry.csv" --dry-run
expect_import_fails 2 "line 3, column account: no account nobody" feedback import "$SCRATCH/dry.csv"
printf 'account,date,active_users\nacme-corp,2024-06-01,5\n' >"$SCRATCH/dry-usage.csv"
expect_import_fails 2 "already has usage on 2024-06-01" account usage import "$SCRATCH/dry-usage.csv" --dry-run
printf 'account,date,active_users\nacme-corp,2024-07-01,5\n' >"$SCRATCH/dry-usage.csv"
snapshot
run account usage import "$SCRATCH/dry-usage.csv" --dry-run
expect_err_has "would import 1 usage rows"
expect_unchanged "a usage dry run writes nothing"

# Up to 50 problems, one line each naming line, column, value and what was expected.
{ echo "account,date,nps"; for i in $(seq 1 60); do echo "acme-corp,2024-07-03,1$i"; done; } >"$SCRATCH/many.csv"
run feedback import "$SCRATCH/many.csv"
expect_status 2 "60 bad rows"
check "50 problems reported, then how many more" [ "$(printf '%s\n' "$err" | grep -c 'column nps: 1[0-9]* is not a valid NPS score (expected')" = 50 ]
expect_err_has "… and 10 more errors; nothing was imported"

# --- Rules files that are wrong: file, line and what is valid -------------------------------
expect_fails 1 "cannot read rules file $SCRATCH" contract import "$EXPORTS/german-excel-contracts.csv" --rules "$SCRATCH"
expect_fails 1 "cannot read rules file $SCRATCH" rules show "$SCRATCH"
printf 'kind = "contract"\ndelimter = ";"\n' >"$SCRATCH/bad.toml"
expect_fails 2 "rules file $SCRATCH/bad.toml, line 2: unknown key delimter (expected description, kind, encoding, delimiter" contract import "$EXPORTS/german-excel-contracts.csv" --rules "$SCRATCH/bad.toml"
printf 'encoding = "ebcdic"\n' >"$SCRATCH/bad.toml"
expect_fails 2 "line 1: encoding = ebcdic is not valid (expected utf-8, utf-16, latin1 or windows-1252)" contract import "$EXPORTS/german-excel-contracts.csv" --rules "$SCRATCH/bad.toml"
printf 'kind = "feedback"\n' >"$SCRATCH/bad.toml"
expect_fails 2 "these rules are for feedback imports, not contract imports" contract import "$EXPORTS/german-excel-contracts.csv" --rules "$SCRATCH/bad.toml"
printf '[fields]\nrevenue = "Jahreswert"\n' >"$SCRATCH/bad.toml"
expect_fails 2 "line 2: revenue is not a field of contract imports" contract import "$EXPORTS/german-excel-contracts.csv" --rules "$SCRATCH/bad.toml"
printf 'date_formats = ["%%d.%%m.%%Y %%Z"]\n' >"$SCRATCH/bad.toml"
expect_fails 2 "uses %Z (expected only" contract import "$EXPORTS/german-excel-contracts.csv" --rules "$SCRATCH/bad.toml"
printf 'kind = "contract"\nencoding = "utf-8"\ndelimiter = ";"\n' >"$SCRATCH/utf8.toml"
expect_fails 2 "line 1: the file is not valid UTF-8 (set encoding in a rules file" contract import "$EXPORTS/german-excel-contracts.csv" --rules "$SCRATCH/utf8.toml"
expect_fails 2 "line 1: the file is not valid UTF-8" contract import "$EXPORTS/german-excel-contracts.csv"

finish
