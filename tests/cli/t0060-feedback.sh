#!/usr/bin/env bash
# acm feedback …: add with score ranges, list filters, follow-ups of negative feedback,
# surveys, survey-tool imports (all-or-nothing); bad values refused with nothing written.
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp."
run account add "Globex"

run feedback add acme-corp --nps 9 --kind praise --text "Love the dashboards" --contact "Dana" --category reporting --date 2026-11-01
expect_status 0 "add"
expect_out "1" "add prints the id"
check "stored" [ "$(sql "SELECT date, type, score, kind, text, contact, category, negative, ifnull(follow_up, '-') FROM feedback WHERE id = 1")" = "2026-11-01|nps|9|praise|Love the dashboards|Dana|reporting|0|-" ]
check "add audited" [ "$(sql "SELECT json_extract(changes, '\$.nps') FROM events WHERE entity = 'feedback'")" = "9" ]
# Negative: NPS 0–6, CSAT 1–2, CES 5–7, or a complaint; each opens a follow-up.
run feedback add acme-corp --nps 6 --date 2026-11-02;        expect_out "2"
run feedback add acme-corp --csat 2 --date 2026-11-03;       expect_out "3"
run feedback add globex --ces 5 --date 2026-11-04;           expect_out "4"
run feedback add globex --kind complaint --text "Invoice wrong" --date 2026-11-05; expect_out "5"
run feedback add globex --nps 7 --date yesterday;             expect_out "6"
run feedback add globex --csat 3 --kind request --text "SSO please"; expect_out "7"
run feedback add globex --ces 4 --date 2026-10-01;            expect_out "8"
check "negative rule" [ "$(sql "SELECT group_concat(id) FROM (SELECT id FROM feedback WHERE negative = 1 ORDER BY id)")" = "2,3,4,5" ]
check "follow-ups opened for negative feedback only" [ "$(sql "SELECT group_concat(id) FROM (SELECT id FROM feedback WHERE follow_up = 'open' ORDER BY id)")" = "2,3,4,5" ]

expect_fails 2 "--nps 11 is not a valid NPS score (expected a whole number from 0 to 10)" feedback add acme-corp --nps 11
expect_fails 2 "--nps -1 is not a valid NPS score" feedback add acme-corp --nps -1
expect_fails 2 "--csat 0 is not a valid CSAT score (expected a whole number from 1 to 5)" feedback add acme-corp --csat 0
expect_fails 2 "--csat 6 is not a valid CSAT score" feedback add acme-corp --csat 6
expect_fails 2 "--ces 8 is not a valid CES score (expected a whole number from 1 to 7)" feedback add acme-corp --ces 8
expect_fails 2 "--ces 0 is not a valid CES score" feedback add acme-corp --ces 0
expect_fails 2 "--nps 7.5 is not a valid NPS score" feedback add acme-corp --nps 7.5
expect_fails 2 "--nps, --csat and --ces exclude each other" feedback add acme-corp --nps 5 --csat 3
expect_fails 2 "give a score (--nps, --csat or --ces), a --text, or both" feedback add acme-corp --kind praise
expect_fails 2 "--kind rant is not valid (expected praise, complaint, request or comment)" feedback add acme-corp --text x --kind rant
expect_fails 2 "--text must not be empty" feedback add acme-corp --text " "
expect_fails 2 "--date 2026-02-30 is not a valid date" feedback add acme-corp --nps 5 --date 2026-02-30
expect_fails 1 "no account acme (did you mean acme-corp?)" feedback add acme --nps 5

# list: newest first, filters combine.
run --csv --no-header --columns id feedback list
expect_out $'7\n6\n5\n4\n3\n2\n1\n8' "newest first"
run --csv --no-header --columns id feedback list --account globex --type ces
expect_out $'4\n8' "--account --type"
run --csv --no-header --columns id feedback list --kind complaint
expect_out "5" "--kind"
run --csv --no-header --columns id feedback list --since 2026-11-04
expect_out $'7\n6\n5\n4' "--since a date"
run --csv --no-header --columns id feedback list --since 20d
expect_out $'7\n6\n5\n4\n3\n2' "--since a window: 20 days back from 2026-11-22 is 2026-11-02, included"
run --csv --no-header --columns id feedback list --negative
expect_out $'5\n4\n3\n2' "--negative"
# --limit is the query's (the newest N); with --sort the whole list is sorted first.
run --csv --no-header --columns id feedback list --limit 2
expect_out $'7\n6' "--limit: the newest two"
run --csv --no-header --columns id --sort id --limit 2 feedback list
expect_out $'1\n2' "--sort then --limit: the lowest ids of all, not of the newest two"
expect_fails 2 "--type xyz is not valid (expected nps, csat or ces)" feedback list --type xyz
expect_fails 2 "--kind x is not valid" feedback list --kind x
expect_fails 2 "--since someday is not valid" feedback list --since someday
run --csv feedback list --account acme-corp --type nps --columns id,score,negative,follow_up
expect_out $'id,score,negative,follow_up\n2,6,true,open\n1,9,false,' "csv cells"

# Follow-ups: notes, --done closes; --open lists the open ones.
run feedback follow-up 2 --note "Called Dana"
expect_out "2"
check "note kept, still open" [ "$(sql "SELECT follow_up FROM feedback WHERE id = 2") $(sql "SELECT count(*) FROM feedback_follow_ups WHERE feedback_id = 2")" = "open 1" ]
run feedback follow-up 2 --note "Fix shipped" --done --date 2026-11-20
check "done" [ "$(sql "SELECT follow_up, follow_up_done_on FROM feedback WHERE id = 2")" = "done|2026-11-20" ]
run feedback follow-up 7 --note "Asked product about SSO"
check "a follow-up on any feedback" [ "$(sql "SELECT follow_up FROM feedback WHERE id = 7")" = "open" ]
run --csv --no-header --columns id feedback list --open
expect_out $'7\n5\n4\n3' "--open"
run --csv --no-header --columns id feedback list --open --negative
expect_out $'5\n4\n3' "--open --negative"
check "follow-up audited" [ "$(sql "SELECT count(*) FROM events WHERE entity = 'feedback' AND action = 'follow-up'")" = 3 ]
expect_fails 2 "--note must not be empty" feedback follow-up 3 --note ""
expect_fails 2 "--note" feedback follow-up 3
expect_fails 1 "no feedback with id 99" feedback follow-up 99 --note x
expect_fails 2 "ID x is not a valid id" feedback follow-up x --note x

# Surveys.
run feedback survey add acme-corp --type nps --sent 40 --date 2026-11-01
expect_out "1" "survey add"
run feedback survey add globex --type csat --sent 10
check "survey stored" [ "$(sql "SELECT type, sent, date FROM surveys WHERE id = 2")" = "csat|10|2026-11-22" ]
run --csv feedback survey list acme-corp
expect_out $'id,account,date,type,sent\n1,acme-corp,2026-11-01,nps,40'
expect_fails 2 "--sent 0 is not a valid number (expected a whole number from 1 to 1000000000)" feedback survey add globex --type nps --sent 0
expect_fails 2 "--sent many is not a valid number" feedback survey add globex --type nps --sent many
expect_fails 2 "--type email is not valid (expected nps, csat or ces)" feedback survey add globex --type email --sent 3
expect_fails 2 "--type" feedback survey add globex --sent 3

# Import: survey-tool headers, one score per row, all-or-nothing.
cat >"$SCRATCH/nps.csv" <<'CSV'
Company,Response Date,NPS,Comment,Respondent
acme-corp,2026-11-10T09:15:00,10,"Great, fast support",Raj
Globex,2026-11-11 14:02,3,Too slow,Hank
2,2026-11-12,8,,
CSV
run feedback import "$SCRATCH/nps.csv"
expect_status 0 "import"
expect_no_out "import prints nothing on stdout"
expect_err_has "imported 3 feedback entries"
check "imported rows" [ "$(sql "SELECT group_concat(x, ';') FROM (SELECT a.key || ',' || f.date || ',' || f.score || ',' || ifnull(f.text, '') || ',' || ifnull(f.follow_up, '') AS x FROM feedback f JOIN accounts a ON a.id = f.account_id WHERE f.id > 8 ORDER BY f.id)")" = "acme-corp,2026-11-10,10,Great, fast support,;globex,2026-11-11,3,Too slow,open;globex,2026-11-12,8,," ]
check "one audit event for the import" [ "$(sql "SELECT json_extract(changes, '\$.rows') FROM events WHERE action = 'import'")" = "3" ]
printf 'account,date,score,text,kind\nacme-corp,2026-11-15,2,meh,Complaint\n' >"$SCRATCH/score.csv"
run feedback import "$SCRATCH/score.csv" --type csat
expect_status 0 "import a score column with --type"
check "score column took the --type" [ "$(sql "SELECT type, score, kind, negative FROM feedback ORDER BY id DESC LIMIT 1")" = "csat|2|complaint|1" ]
printf 'account,date,csat\nglobex,2026-11-16,4\n' | { "$ACM" feedback import - >/dev/null 2>&1; }
check "import from standard input" [ "$(sql "SELECT count(*) FROM feedback WHERE date = '2026-11-16'")" = 1 ]

cat >"$SCRATCH/bad.csv" <<'CSV'
account,date,nps,csat,text
acme-corp,2026-11-10,11,,
nobody,2026-11-10,5,,
acme-corp,2026-13-01,5,,
acme-corp,2026-11-10,5,4,
acme-corp,2026-11-10,,,
acme-corp,2026-11-10,7,,fine
CSV
expect_import_fails 2 "line 2, column nps: 11 is not a valid NPS score" feedback import "$SCRATCH/bad.csv"
expect_err_has "line 3, column account: no account nobody"
expect_err_has "line 4, column date: 2026-13-01 is not a valid date"
expect_err_has "line 5, column csat: a second score in one row"
expect_err_has "line 6: no score and no text"
expect_err_has "acm: error: nothing was imported"
check "six error lines" [ "$(printf '%s\n' "$err" | wc -l)" -eq 6 ]
expect_import_fails 2 "line 1: a score column needs a type column or --type nps, csat or ces" feedback import "$SCRATCH/score.csv"
printf 'account,text\nacme-corp,x\n' >"$SCRATCH/nodate.csv"
expect_import_fails 2 "line 1: no date column" feedback import "$SCRATCH/nodate.csv"
expect_import_fails 2 "--type x is not valid" feedback import "$SCRATCH/score.csv" --type x
expect_fails 1 "cannot read $SCRATCH/missing.csv" feedback import "$SCRATCH/missing.csv"

# A large import (more rows than an eighth of the table, at least 10,000) drops the
# table's indexes and builds them again at its end: the same rows, the same indexes
# (acm check compares them with the schema), and a bad last row rolls all of it back.
awk 'BEGIN { print "account,date,csat,text"
             for (i = 1; i <= 12000; i++) printf "%s,2026-%02d-%02d,%d,bulk %d\n", (i % 2 ? "acme-corp" : "globex"), i % 12 + 1, i % 28 + 1, i % 5 + 1, i }' >"$SCRATCH/bulk.csv"
indexes() { sql "SELECT group_concat(name || ':' || sql, ';') FROM (SELECT name, sql FROM sqlite_schema WHERE tbl_name = 'feedback' AND type = 'index' ORDER BY name)"; }
indexes_before=$(indexes)
check "feedback has its four indexes" [ "$(sql "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'feedback' AND type = 'index'")" = 4 ]
{ cat "$SCRATCH/bulk.csv"; echo "acme-corp,2026-11-10,6,the last row is bad"; } >"$SCRATCH/bulk-bad.csv"
expect_import_fails 2 "line 12002, column csat: 6 is not a valid CSAT score" feedback import "$SCRATCH/bulk-bad.csv"
check "indexes unchanged after a failed large import" [ "$(indexes)" = "$indexes_before" ]
rows_before=$(sql "SELECT count(*) FROM feedback")
run feedback import "$SCRATCH/bulk.csv"
expect_status 0 "a large import"
expect_err_has "imported 12000 feedback entries"
check "large import: every row" [ "$(sql "SELECT count(*) FROM feedback")" = $((rows_before + 12000)) ]
check "large import: the rows as written" [ "$(sql "SELECT a.key || ',' || f.date || ',' || f.score || ',' || f.text FROM feedback f JOIN accounts a ON a.id = f.account_id WHERE f.text = 'bulk 12000'")" = "globex,2026-01-17,1,bulk 12000" ]
check "large import: indexes built again as the schema has them" [ "$(indexes)" = "$indexes_before" ]
run check
expect_status 0 "acm check after a large import"
check "large import: the index answers like the table" [ "$(sql "SELECT count(*) FROM feedback INDEXED BY feedback_account WHERE account_id = (SELECT id FROM accounts WHERE key = 'globex') AND type = 'csat'")" = "$(sql "SELECT count(*) FROM feedback NOT INDEXED WHERE account_id = (SELECT id FROM accounts WHERE key = 'globex') AND type = 'csat'")" ]

# History: an account with feedback is not removed without --force.
expect_fails 1 "account globex has " account rm globex
finish
