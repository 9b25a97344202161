#!/usr/bin/env bash
# edit and rm of the records of an account: notes, contacts, opportunities, milestones,
# costs, feedback and surveys, escalations and their actions. Each edit changes the fields
# given, checked as add checks them, in one transaction with one audit event of its changes;
# each rm records what it removed; refusals change nothing; acm undo gives the data back.
. "$(dirname "$0")/lib.sh"

# The workspace's data: the dump without the audit log, the undo log and account versions.
data() { dump | grep -avE '^INSERT INTO "?(events|commands|undo_log)"? '; }
keep() { data >"$SCRATCH/data.$1"; }
expect_data() { if [ "$(data)" == "$(cat "$SCRATCH/data.$1")" ]; then ok; else fail "$2"; fi; }
# The newest audit event, as JSON, and one field of it.
last_event() { "$ACM" --json log --limit 1 | jq -c '.[0]'; }
event_field() { last_event | jq -c "$1"; }
# column NOUN… -- COLUMNS: the CSV rows of a listing without header.
listing() { run --csv --no-header "$@"; }

run init
run account add "Acme Corp." --key acme
run account add "Beta"

# --- notes -------------------------------------------------------------------------------
run account note add acme "Kickoff" --kind meeting --date 2026-11-01
note=$out
run account note edit "$note" --kind call --date 2026-11-20 --text "Kick-off call"
expect_status 0 "note edit"
expect_out "$note" "note edit prints the id"
expect_no_err "note edit: nothing on stderr"
listing --columns id,date,kind,text account note list acme
expect_out "$note,2026-11-20,call,Kick-off call" "note edit: the listing shows the new values"
check "note edit: an edit event" [ "$(event_field '.action + " " + .entity + " " + .entity_id')" = "\"edit note $note\"" ]
check "note edit: the event records each change from and to" \
  [ "$(event_field '.changes')" = '{"kind":{"from":"meeting","to":"call"},"date":{"from":"2026-11-01","to":"2026-11-20"},"text":{"from":"Kickoff","to":"Kick-off call"}}' ]
listing --columns last_touch account list
expect_out_has "2026-11-20" "note edit: the account's last touch follows the new date"

# Refusals: nothing changes.
expect_fails 1 "acm: error: no note with id 99" account note edit 99 --kind call
expect_fails 2 "nothing to change: give --kind, --date or --text" account note edit "$note"
expect_fails 2 "--kind chat is not valid (expected meeting, qbr, call, email or note)" account note edit "$note" --kind chat
expect_fails 2 "--date 2026-02-30 is not a valid date" account note edit "$note" --date 2026-02-30
expect_fails 2 "--text" account note edit "$note" --text ""
expect_fails 2 "ID x is not a valid id" account note edit x --kind call
expect_fails 2 "--owner" account note edit "$note" --owner dana

# The same values: nothing changes, nothing is recorded, the id is printed, as account edit does.
snapshot
run account note edit "$note" --kind call --text "Kick-off call"
expect_status 0 "note edit with the same values"
expect_out "$note" "note edit with the same values prints the id"
expect_no_err "note edit with the same values: nothing on stderr"
expect_unchanged "note edit with the same values changes nothing, not even the log"

run account note add acme "To remove" --date 2026-11-02
gone=$out
run account note rm "$gone"
expect_status 0 "note rm"
expect_out "$gone" "note rm prints the id"
listing --columns id account note list
expect_out "$note" "note rm: the note is gone"
check "note rm: an rm event" [ "$(event_field '.action + " " + .entity')" = '"rm note"' ]
check "note rm: the event records what was removed" \
  [ "$(event_field '.changes')" = '{"account":"acme","kind":"note","date":"2026-11-02","text":"To remove"}' ]
expect_fails 1 "acm: error: no note with id $gone" account note rm "$gone"

# --- contacts -------------------------------------------------------------------------------
run account contact add acme "Dana Smith" --email dana@acme.com --phone 123 --role champion
contact=$out
run account contact edit "$contact" --name "Dana Smith-Jones" --title CFO --role decision-maker --phone ""
expect_status 0 "contact edit"
listing --columns name,title,role,email,phone account contact list acme
expect_out "Dana Smith-Jones,CFO,decision-maker,dana@acme.com," "contact edit: new values, the phone cleared"
check "contact edit: the cleared phone is recorded as null" [ "$(event_field '.changes.phone')" = '{"from":"123","to":null}' ]
expect_fails 2 "--email dana is not a valid e-mail address" account contact edit "$contact" --email dana
expect_fails 2 "--role boss is not valid" account contact edit "$contact" --role boss
expect_fails 2 "--name" account contact edit "$contact" --name ""
expect_fails 2 "nothing to change: give --name, --title, --role, --email or --phone" account contact edit "$contact"
expect_fails 1 "no contact with id 42" account contact edit 42 --title CEO
run account contact rm "$contact"
expect_status 0 "contact rm"
check "contact rm: the event records the contact's fields" \
  [ "$(event_field '.changes')" = '{"account":"acme","name":"Dana Smith-Jones","title":"CFO","role":"decision-maker","email":"dana@acme.com"}' ]
expect_fails 1 "no contact with id $contact" account contact rm "$contact"

# --- opportunities --------------------------------------------------------------------------
run account opportunity add acme "50 seats" --value "USD 30k" --close 2027-03-31
opportunity=$out
run -c fx.USD=0.9 account opportunity edit "$opportunity" --title "60 seats" --value 36k --kind cross-sell \
  --stage won --probability 80 --close ""
expect_status 0 "opportunity edit"
listing --columns title,kind,stage,value,probability,close,currency account opportunity list
expect_out "60 seats,cross-sell,won,36000.00,80,,USD" "opportunity edit: new values; an amount without a code stays in USD"
check "opportunity edit: the value change with its currency" \
  [ "$(event_field '.changes.value')" = '{"from":"30000.00 USD","to":"36000.00 USD"}' ]
run account opportunity edit "$opportunity" --value "GBP 1k"
expect_status 0 "opportunity edit to a currency without a rate"
expect_err_has "no exchange rate for GBP" "opportunity edit: a currency without a rate warns"
expect_fails 2 "--probability 101" account opportunity edit "$opportunity" --probability 101
expect_fails 2 "--value 12x is not a valid amount" account opportunity edit "$opportunity" --value 12x
expect_fails 2 "--stage closed is not valid (expected open, won or lost)" account opportunity edit "$opportunity" --stage closed
run account opportunity update "$opportunity" --stage open
expect_status 0 "opportunity update stays"
run account opportunity rm "$opportunity"
expect_status 0 "opportunity rm"
check "opportunity rm: the event records its value" [ "$(event_field '.changes.value')" = '"1000.00 GBP"' ]

# --- milestones -----------------------------------------------------------------------------
run account milestone add acme "SSO live" --due 2026-12-01
milestone=$out
run account milestone done "$milestone" --date 2026-11-20
run account milestone edit "$milestone" --not-done --due 2026-12-15
expect_status 0 "milestone edit --not-done"
listing --columns title,due,done_on,status account milestone list
expect_out "SSO live,2026-12-15,,open" "milestone edit --not-done: not reached, new due date"
check "milestone edit: done_on cleared in the event" [ "$(event_field '.changes.done_on')" = '{"from":"2026-11-20","to":null}' ]
run account milestone edit "$milestone" --done-on 2026-11-21 --title "SSO in production"
listing --columns title,done_on,status account milestone list
expect_out "SSO in production,2026-11-21,done" "milestone edit --done-on: reached on that day"
expect_fails 2 "--done-on and --not-done exclude each other" account milestone edit "$milestone" --done-on today --not-done
expect_fails 2 "nothing to change: give --title, --due, --done-on or --not-done" account milestone edit "$milestone"
expect_fails 1 "no milestone with id 9" account milestone edit 9 --not-done
run account milestone rm "$milestone"
expect_status 0 "milestone rm"

# --- costs --------------------------------------------------------------------------------
run account cost add acme --amount 1200 --date 2026-11-01 --note "onsite"
cost=$out
run account cost edit "$cost" --amount 1,500.50 --category services --note ""
expect_status 0 "cost edit"
listing --columns date,category,amount,note,currency account cost list
expect_out "2026-11-01,services,1500.50,,EUR" "cost edit: new amount and category, note cleared"
expect_fails 2 "--amount 120.000 has more decimals than EUR allows" account cost edit "$cost" --amount 120.000
expect_fails 2 "--category travel is not valid" account cost edit "$cost" --category travel
run account cost rm "$cost"
expect_status 0 "cost rm"
check "cost rm: the event records its amount" [ "$(event_field '.changes.amount')" = '"1500.50 EUR"' ]

# --- feedback -------------------------------------------------------------------------------
run feedback add acme --nps 3 --text "Reports are slow" --date 2026-11-10
entry=$out
listing --columns negative,follow_up feedback list
expect_out "true,open" "a detractor opens a follow-up"
# A mistyped score: corrected, the entry is no longer negative and its untouched follow-up goes.
run feedback edit "$entry" --nps 9
expect_status 0 "feedback edit --nps"
listing --columns type,score,negative,follow_up feedback list
expect_out "nps,9,false," "feedback edit to a promoter: not negative, no follow-up"
check "feedback edit: the event records the score, negative and follow-up" \
  [ "$(event_field '.changes')" = '{"nps":{"from":"3","to":"9"},"negative":{"from":"true","to":"false"},"follow_up":{"from":"open","to":null}}' ]
# A new kind makes it negative again: a follow-up opens, as add would open it.
run feedback edit "$entry" --kind complaint
listing --columns kind,negative,follow_up feedback list
expect_out "complaint,true,open" "feedback edit --kind complaint opens a follow-up"
# Worked on, the follow-up stays when the entry is no longer negative.
run feedback follow-up "$entry" --note "Called Dana"
run feedback edit "$entry" --kind "" --csat 5 --category reporting --contact Dana --date 2026-11-11
listing --columns date,type,score,kind,category,contact,negative,follow_up feedback list
expect_out "2026-11-11,csat,5,,reporting,Dana,false,open" "feedback edit: a follow-up with notes stays"
expect_fails 2 "--nps and --csat exclude each other" feedback edit "$entry" --nps 1 --csat 1
expect_fails 2 "--nps 11 is not a valid NPS score (expected a whole number from 0 to 10)" feedback edit "$entry" --nps 11
expect_fails 2 "--kind rant is not valid" feedback edit "$entry" --kind rant
expect_fails 2 "nothing to change: give --date, --nps, --csat, --ces, --kind, --text, --contact or --category" feedback edit "$entry"
expect_fails 1 "acm: error: no feedback with id 77" feedback edit 77 --nps 1
run feedback add beta --text "Only words"
words=$out
expect_fails 2 "give a score (--nps, --csat or --ces), a --text, or both" feedback edit "$words" --text ""
run feedback rm "$entry"
expect_status 0 "feedback rm"
listing --columns id feedback list
expect_out "$words" "feedback rm: the entry is gone"
check "feedback rm: its follow-up notes went with it" [ "$(sql "SELECT count(*) FROM feedback_follow_ups")" = 0 ]
check "feedback rm: the event counts them" [ "$(event_field '.changes.follow_up_notes')" = '"1"' ]
expect_fails 1 "no feedback with id $entry" feedback rm "$entry"

run feedback survey add acme --type nps --sent 40 --date 2026-11-01
survey=$out
run feedback survey rm "$survey"
expect_status 0 "feedback survey rm"
expect_out "$survey" "feedback survey rm prints the id"
listing feedback survey list
expect_no_out "feedback survey rm: no survey left"
check "survey rm: the event records the survey" [ "$(event_field '.changes')" = '{"account":"acme","type":"nps","sent":"40","date":"2026-11-01"}' ]
expect_fails 1 "no survey with id $survey" feedback survey rm "$survey"

# --- escalations and their actions ------------------------------------------------------------
run escalate open acme "Outage" --severity high --at 2026-11-20T09:00
escalation=$out
run escalate edit "$escalation" --title "Reporting outage" --description "EU only" --source support
expect_status 0 "escalate edit"
listing --columns title,description,source escalate list
expect_out "Reporting outage,EU only,support" "escalate edit: the new values"
run escalate edit "$escalation" --source ""
listing --columns source escalate list
expect_out "" "escalate edit --source '': cleared"
expect_fails 2 "--source partner is not valid" escalate edit "$escalation" --source partner
expect_fails 2 "nothing to change: give --title, --description or --source" escalate edit "$escalation"
expect_fails 1 "no escalation with id 5" escalate edit 5 --title x
run escalate action add "$escalation" "Roll back" --owner lee --at 2026-11-20T10:00
action=$out
run escalate action done "$action" --at 2026-11-20T11:00
run escalate action add "$escalation" "Add monitoring" --at 2026-11-20T12:00
other=$out
run escalate action rm "$action"
expect_status 0 "escalate action rm"
expect_out "$action" "escalate action rm prints the id"
run --csv --no-header escalate show "$escalation"
expect_out_lacks "Roll back" "escalate action rm: its timeline entries are gone"
expect_out_has "action $other: Add monitoring" "escalate action rm: the other action's entry stays"
check "action rm: the event records the action and its timeline entries" \
  [ "$(event_field '.changes')" = '{"account":"acme","escalation":"1","text":"Roll back","owner":"lee","done_on":"2026-11-20","timeline_entries":"2"}' ]
expect_fails 1 "acm: error: no action with id $action" escalate action rm "$action"
expect_fails 2 "ACTION_ID x is not a valid id" escalate action rm x

# --- acm undo gives back the data as before one edit and one rm ------------------------------
run account note add beta "Before" --kind email --date 2026-11-05
undo_note=$out
keep before-edit
run account note edit "$undo_note" --text "After" --kind call
run undo
expect_status 0 "undo of a note edit"
expect_out_has "acm account note edit $undo_note" "undo names the edit"
expect_data before-edit "undo of a note edit: the data is as before"
run account contact add beta "Lee" --email lee@beta.example
keep before-contact-rm
run account contact rm "$out"
run undo
expect_status 0 "undo of a contact rm"
expect_data before-contact-rm "undo of a contact rm: the contact is back"
run feedback add beta --nps 2 --text "Bad" --date 2026-11-06
run feedback follow-up "$out" --note "Looked into it"
keep before-rm
run feedback rm "$(sql "SELECT max(id) FROM feedback")"
run undo
expect_status 0 "undo of a feedback rm"
expect_data before-rm "undo of a feedback rm: the entry and its follow-up are back"
run check
expect_out "ok" "after the undos the workspace passes acm check"

finish
