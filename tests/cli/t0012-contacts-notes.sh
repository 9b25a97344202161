#!/usr/bin/env bash
# acm account contact … and acm account note …: add, list, rm; last_touch.
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp."
run account add "Globex"

run account contact add acme "Dana Smith" --title CFO --role decision-maker --email dana@acme.example
expect_fails 1 "no account acme" account contact add acme "Dana Smith"
run account contact add acme-corp "Dana Smith" --title CFO --role decision-maker --email dana@acme.example --phone "+1 555 0100"
expect_status 0 "contact add"
expect_out "1" "contact add prints the id"
run account contact add globex "Hank" --role champion
expect_out "2"
expect_fails 2 "--role boss is not valid (expected decision-maker, champion, billing, technical or user)" account contact add acme-corp X --role boss
expect_fails 2 "--email nope is not a valid e-mail address" account contact add acme-corp X --email nope
expect_fails 2 "NAME must not be empty" account contact add acme-corp ""

run --csv account contact list acme-corp
expect_out $'id,account,name,title,role,email,phone\n1,acme-corp,Dana Smith,CFO,decision-maker,dana@acme.example,'"'"'+1 555 0100'
# A leading + could start a spreadsheet formula: CSV cells are escaped with a quote (CWE-1236).
run --csv --no-header --columns name account contact list
expect_out $'Dana Smith\nHank' "contact list of all accounts"

run account note add acme-corp "QBR went well" --kind qbr --date 2026-11-03
expect_out "1" "note add prints the id"
run account note add acme-corp "Follow-up call" --kind call --date yesterday
run account note add globex "=HYPERLINK(\"http://evil\")" --date -30d
expect_fails 2 "--kind lunch is not valid (expected meeting, qbr, call, email or note)" account note add acme-corp x --kind lunch
expect_fails 2 "--date 2026-02-30 is not a valid date" account note add acme-corp x --date 2026-02-30
expect_fails 2 "TEXT must not be empty" account note add acme-corp ""

run --csv account note list
expect_out $'id,account,date,kind,text\n2,acme-corp,2026-11-21,call,Follow-up call\n1,acme-corp,2026-11-03,qbr,QBR went well\n3,globex,2026-10-23,note,"\'=HYPERLINK(""http://evil"")"'
run --csv --columns key,last_touch account list
expect_out $'key,last_touch\nacme-corp,2026-11-21\nglobex,2026-10-23' "last_touch is the newest note"

run account show acme-corp
expect_out_has "last touch   2026-11-21 (1 day ago)"
expect_out_has "Dana Smith"
expect_out_has "Follow-up call"

run account note rm 1
expect_status 0 "note rm"
expect_out "1"
expect_fails 1 "no note with id 1" account note rm 1
expect_fails 2 "ID abc is not a valid id (expected a positive integer)" account note rm abc
run account contact rm 2
expect_out "2"
expect_fails 1 "no contact with id 2" account contact rm 2
check "rm recorded" [ "$(sql "SELECT count(*) FROM events WHERE action = 'rm'")" = 2 ]

finish
