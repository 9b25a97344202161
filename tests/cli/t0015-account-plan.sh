#!/usr/bin/env bash
# acm account opportunity|milestone|cost: add/list/rm, opportunity update with the
# weighted value, milestone done with late/overdue status, costs; bad input changes nothing.
. "$(dirname "$0")/lib.sh"
run init
run account add Acme
run account add Globex

# --- opportunities --------------------------------------------------------------------
run account opportunity add acme "50 more seats" --value 30k --close 2027-03-31
expect_status 0 "opportunity add"
expect_out "1" "opportunity add prints the id"
check "stored in minor units of the base currency" \
  [ "$(sql "SELECT kind, stage, value_minor, currency, probability, close_date FROM opportunities WHERE id = 1")" = "upsell|open|3000000|EUR|50|2027-03-31" ]
run account opportunity add globex "Analytics" --value "USD 10,000.50" --kind cross-sell --probability 33
expect_out "2"
run account opportunity add acme "Old deal" --value 1000 --stage lost --probability 90
expect_out "3"
run --csv account opportunity list
expect_out $'id,account,title,kind,stage,value,probability,weighted_value,close,currency
1,acme,50 more seats,upsell,open,30000.00,50,15000.00,2027-03-31,EUR
3,acme,Old deal,upsell,lost,1000.00,90,0.00,,EUR
2,globex,Analytics,cross-sell,open,10000.50,33,3300.17,,USD' "list: weighted value = value x probability (half up), lost counts 0"
run --csv --no-header --columns id account opportunity list acme --stage open
expect_out "1" "list of one account and stage"

run account opportunity update 1 --stage won --close 2026-11-20 --probability 80
expect_out "1" "update prints the id"
check "won" [ "$(sql "SELECT stage, close_date, probability, value_minor FROM opportunities WHERE id = 1")" = "won|2026-11-20|80|3000000" ]
check "update audited with from and to" \
  [ "$(sql "SELECT json_extract(changes, '\$.stage.from') || '>' || json_extract(changes, '\$.stage.to') FROM events WHERE entity = 'opportunity' AND action = 'edit'")" = "open>won" ]
run --csv --no-header --columns weighted_value account opportunity list acme --stage won
expect_out "30000.00" "won counts whole"
run account opportunity update 2 --value 12k
check "value changed in its currency" [ "$(sql "SELECT value_minor, currency FROM opportunities WHERE id = 2")" = "1200000|USD" ]

expect_fails 2 "--value is required" account opportunity add acme "x"
expect_fails 2 "--value -5 is not a valid amount" account opportunity add acme "x" --value -5
expect_fails 2 "--value" account opportunity add acme "x" --value 12x
expect_fails 2 "--kind resale is not valid" account opportunity add acme "x" --value 5 --kind resale
expect_fails 2 "--stage pending is not valid" account opportunity add acme "x" --value 5 --stage pending
expect_fails 2 "--probability 101 is not a valid number" account opportunity add acme "x" --value 5 --probability 101
expect_fails 2 "--close 2027-02-30 is not a valid date" account opportunity add acme "x" --value 5 --close 2027-02-30
expect_fails 1 "no account acmee (did you mean acme?)" account opportunity add acmee "x" --value 5
expect_fails 2 "TITLE" account opportunity add acme "" --value 5
expect_fails 2 "nothing to change" account opportunity update 1
expect_fails 2 "expected an amount in the opportunity's currency, USD" account opportunity update 2 --value "EUR 5"
expect_fails 1 "no opportunity with id 99" account opportunity update 99 --stage won
expect_fails 2 "ID x is not a valid id" account opportunity rm x
run account opportunity rm 3
expect_out "3" "opportunity rm"
expect_fails 1 "no opportunity with id 3" account opportunity rm 3

# --- milestones ------------------------------------------------------------------------
run account milestone add acme "Kickoff" --due 2026-11-01
expect_out "1"
run account milestone add acme "SSO live" --due 2026-11-15
expect_out "2"
run account milestone add acme "First report" --due 2026-12-15
expect_out "3"
run account milestone done 1 --date 2026-11-04
expect_out "1" "done prints the id"
check "done stored" [ "$(sql "SELECT done_on FROM milestones WHERE id = 1")" = "2026-11-04" ]
run --csv account milestone list acme
expect_out $'id,account,title,due,done_on,status,days_late
1,acme,Kickoff,2026-11-01,2026-11-04,late,3
2,acme,SSO live,2026-11-15,,overdue,7
3,acme,First report,2026-12-15,,open,0' "status: late, overdue (today 2026-11-22), open"
expect_fails 1 "milestone 1 was already reached on 2026-11-04" account milestone done 1
expect_fails 1 "no milestone with id 42" account milestone done 42
expect_fails 2 "--due is required" account milestone add acme "x"
expect_fails 2 "--due someday is not a valid date" account milestone add acme "x" --due someday
expect_fails 2 "--date 2026-13-01 is not a valid date" account milestone done 2 --date 2026-13-01
run account milestone done 2
check "done defaults to today" [ "$(sql "SELECT done_on FROM milestones WHERE id = 2")" = "2026-11-22" ]
run account milestone rm 3
expect_out "3"

# --- costs -------------------------------------------------------------------------------
run account cost add acme --amount 1200 --date 2026-11-01 --category support --note "ticket surge"
expect_out "1"
run account cost add acme --amount "USD 300" --date 2026-10-01
expect_out "2"
check "stored" [ "$(sql "SELECT group_concat(amount_minor || ' ' || currency || ' ' || category, ';') FROM costs")" = "120000 EUR support;30000 USD other" ]
run --csv account cost list
expect_out $'id,account,date,category,amount,note,currency
1,acme,2026-11-01,support,1200.00,ticket surge,EUR
2,acme,2026-10-01,other,300.00,,USD' "cost list newest first"
expect_fails 2 "--amount is required" account cost add acme --date 2026-11-01
expect_fails 2 "--date is required" account cost add acme --amount 5
expect_fails 2 "--category travel is not valid" account cost add acme --amount 5 --date 2026-11-01 --category travel
expect_fails 2 "--amount 1.234 has more decimals than EUR allows (2)" account cost add acme --amount 1.234 --date 2026-11-01
expect_fails 1 "no cost with id 9" account cost rm 9
run account cost rm 2
expect_out "2"

# --- account show and rm see them ----------------------------------------------------------
run account opportunity add acme "Premium support" --value 5k --probability 40
run account show acme
expect_out_has "Open opportunities" "show has a section of open opportunities"
expect_out_has "Premium support"
expect_out_lacks "50 more seats" "won opportunities are not open"
run --json account show acme
check "show --json nests the open opportunities" \
  [ "$(printf '%s' "$out" | jq -r '.opportunities | map(.title) | join(",")')" = "Premium support" ]
expect_fails 1 "account acme has 2 opportunities, 2 milestones and 1 cost;" account rm acme
run account rm acme --force
expect_status 0 "rm --force removes the history"
check "cascade" [ "$(sql "SELECT (SELECT count(*) FROM opportunities WHERE account_id = 1) + (SELECT count(*) FROM milestones) + (SELECT count(*) FROM costs)")" = "0" ]

finish
