#!/usr/bin/env bash
# The bad-input matrix: every command that writes, given impossible or malformed values.
# Each case: status 2 (1 when the value is well-formed but names nothing or conflicts), one
# "acm: error:" line naming the field, nothing on stdout, and the workspace unchanged (a
# full dump compared before and after; see expect_fails in lib.sh).
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp." --key acme
run contract add acme --start 2026-01-01 --end 2026-12-31 --arr 10k --notice 90d
run escalate open acme "Outage" --severity high --at 2026-11-20T10:00
run escalate action add 1 "Roll back"
run feedback add acme --nps 3 --text "Slow"
run account contact add acme "Dana"
run account note add acme "Kick-off"
run account usage add acme --date 2026-11-20 --active-users 3
huge=$(head -c 20000 /dev/zero | tr '\0' a)
bad_utf8=$'\xff\xfe'
bad() { expect_fails "$@"; }

# init
bad 1 "already exists; nothing was changed" init

# account add / edit / rm
bad 2 "NAME must not be empty" account add ""
bad 2 "NAME must not be empty" account add "   "
bad 2 "NAME is not valid UTF-8 text" account add "$bad_utf8"
bad 2 "NAME is too long (20000 bytes; at most 200)" account add "$huge"
bad 2 "--owner is not valid UTF-8 text" account add "X" --owner $'\xc3'
bad 2 "--tier gold is not valid (expected low-touch, high-touch or strategic)" account add "X" --tier gold
bad 2 "--status zombie is not valid (expected prospect, onboarding, active, at-risk or churned)" account add "X" --status zombie
bad 2 "--key 'Bad Key!' is not a valid key" account add "X" --key 'Bad Key!'
bad 2 "--tag must not be empty" account add "X" --tag ""
bad 1 "an account with key acme already exists" account add "Acme" --key acme
bad 1 "no account nosuch" account edit nosuch --tier strategic
bad 1 "no account 0" account edit 0 --tier strategic
bad 2 "--status x is not valid" account edit acme --status x
bad 2 "--name must not be empty" account edit acme --name ""
bad 1 "no account nosuch" account rm nosuch
bad 2 "--unknown-flag" account add "X" --unknown-flag

# contacts, notes, usage
bad 2 "NAME must not be empty" account contact add acme ""
bad 2 "--role boss is not valid" account contact add acme "D" --role boss
bad 2 "--email 'not an email' is not a valid e-mail address" account contact add acme "D" --email "not an email"
bad 1 "no account nosuch" account contact add nosuch "D"
bad 2 "ID abc is not a valid id (expected a positive integer)" account contact rm abc
bad 2 "ID 0 is not a valid id" account contact rm 0
bad 2 "ID 99999999999999999999 is not a valid id" account contact rm 99999999999999999999
bad 1 "no contact with id 999" account contact rm 999
bad 2 "--date 2026-02-30 is not a valid date (expected YYYY-MM-DD" account note add acme "x" --date 2026-02-30
bad 2 "--date 2026-13-01 is not a valid date" account note add acme "x" --date 2026-13-01
bad 2 "--date 2026-1-1 is not a valid date" account note add acme "x" --date 2026-1-1
bad 2 "--date +0d is not a valid date" account note add acme "x" --date +0d
bad 2 "--date +9999y is not a valid date" account note add acme "x" --date +9999y
bad 2 "--kind party is not valid" account note add acme "x" --kind party
bad 2 "TEXT must not be empty" account note add acme ""
bad 2 "TEXT is too long" account note add acme "$huge"
bad 2 "ID x is not a valid id" account note rm x
bad 2 "--date 2026-02-29 is not a valid date" account usage add acme --date 2026-02-29 --active-users 1
bad 2 "--active-users -1 is not a valid number" account usage add acme --date today --active-users -1
bad 2 "--logins 1e3 is not a valid number" account usage add acme --date today --logins 1e3
bad 2 "--adoption 101 is not a valid percentage" account usage add acme --date today --adoption 101
bad 2 "--adoption nan is not a valid percentage" account usage add acme --date today --adoption nan
bad 2 "--date is required" account usage add acme --active-users 1
bad 2 "give at least one of --active-users, --logins and --adoption" account usage add acme --date today
bad 1 "no usage with id 999" account usage rm 999

# contracts
c=(contract add acme --start 2026-01-01 --end 2026-12-31)
bad 2 "--start 2026-02-30 is not a valid date" contract add acme --start 2026-02-30 --end 2026-12-31 --arr 1k
bad 2 "--signed 2026-00-10 is not a valid date" "${c[@]}" --arr 1k --signed 2026-00-10
bad 2 "--arr 12x is not a valid amount (expected e.g. 25000" "${c[@]}" --arr 12x
bad 2 "--arr '' is not a valid amount" "${c[@]}" --arr ""
bad 2 "--arr -5 is not a valid amount (must not be negative)" "${c[@]}" --arr -5
bad 2 "--arr --5 is not a valid amount" "${c[@]}" --arr=--5
bad 2 "--arr 1.234 has more decimals than EUR allows (2)" "${c[@]}" --arr 1.234
bad 2 "--arr 99999999999999999999 is too large (expected at most 10,000,000,000,000.00 EUR)" "${c[@]}" --arr 99999999999999999999
bad 2 "XYZ is not a known ISO 4217 currency code" "${c[@]}" --arr "XYZ 100"
bad 2 "--arr 'EUR 1k USD' is not a valid amount" "${c[@]}" --arr "EUR 1k USD"
bad 2 "--one-time 'USD 5' is not valid (expected an amount in the contract's currency, EUR)" "${c[@]}" --arr 1k --one-time "USD 5"
bad 2 "--notice 3x is not a valid duration (expected e.g. 30d, 6w, 3m, 1y)" "${c[@]}" --arr 1k --notice 3x
bad 2 "--notice 0d is not a valid duration" "${c[@]}" --arr 1k --notice 0d
bad 2 "--arr excludes --mrr" "${c[@]}" --arr 1k --mrr 1k
bad 2 "one of --arr or --mrr is required" "${c[@]}"
bad 1 "no account nosuch" contract add nosuch --start 2026-01-01 --end 2026-12-31 --arr 1k
bad 2 "--effective 2030-01-01 is not valid (expected a date within contract 1" contract amend 1 --arr 1k --effective 2030-01-01
bad 2 "--arr 'USD 1k' is not valid (expected an amount in the contract's currency, EUR)" contract amend 1 --arr "USD 1k" --effective 2026-06-01
bad 2 "ID abc is not a valid id" contract amend abc --arr 1k --effective today
bad 1 "no contract with id 999" contract amend 999 --arr 1k --effective today
bad 2 "--date bogus is not a valid date" contract terminate 1 --date bogus
bad 2 "--date 2020-01-01 is not valid (expected a date within contract 1" contract terminate 1 --date 2020-01-01
bad 1 "no contract with id 999" contract terminate 999 --date today

# renewals
bad 2 "--stage done is not valid (expected upcoming, in-progress or committed)" renewal update 1 --stage done
bad 2 "--risk extreme is not valid (expected low, medium or high)" renewal update 1 --risk extreme
bad 2 "--forecast 5x is not a valid amount" renewal update 1 --forecast 5x
bad 1 "no renewal with id 999" renewal update 999 --risk low
bad 2 "give one of --renewed or --churned" renewal close 1
bad 2 "give one of --renewed or --churned" renewal close 1 --renewed --churned
bad 2 "--churned needs --reason" renewal close 1 --churned
bad 2 "--arr x is not a valid amount" renewal close 1 --renewed --arr x
bad 2 "--end 2026-06-01 is not valid (expected a date after the renewed contract's start, 2027-01-01)" renewal close 1 --renewed --end 2026-06-01
bad 1 "no renewal with id 999" renewal close 999 --churned --reason x
bad 2 "--days abc is not valid" renewal remind --days abc
bad 2 "--days -1 is not valid" renewal remind --days -1
bad 2 "--days 99999 is not valid" renewal remind --days 99999

# escalations
bad 2 "TITLE must not be empty" escalate open acme "" --severity high
bad 2 "--severity urgent is not valid (expected critical, high, medium or low)" escalate open acme "x" --severity urgent
bad 2 "--at 2026-11-22T25:00 is not a valid time (expected YYYY-MM-DD[THH:MM[:SS]])" escalate open acme "x" --severity high --at 2026-11-22T25:00
bad 2 "--at 2026-11-22T10:61 is not a valid time" escalate open acme "x" --severity high --at 2026-11-22T10:61
bad 2 "--at 2026-11-22X10:00 is not a valid time" escalate open acme "x" --severity high --at 2026-11-22X10:00
bad 2 "--at 2026-02-29T10:00 is not a valid time" escalate open acme "x" --severity high --at 2026-02-29T10:00
bad 2 "--source alien is not valid" escalate open acme "x" --severity high --source alien
bad 1 "no account nosuch" escalate open nosuch "x" --severity high
bad 2 "--status resolved is not valid (expected open, investigating or mitigating)" escalate update 1 --status resolved
bad 2 "is before the latest entry of escalation 1's timeline" escalate update 1 --note x --at 2020-01-01
bad 2 "nothing to update" escalate update 1
bad 1 "no escalation with id 999" escalate update 999 --note x
bad 2 "TEXT must not be empty" escalate action add 1 ""
bad 2 "--due 2026-02-31 is not a valid date" escalate action add 1 "x" --due 2026-02-31
bad 1 "no escalation with id 999" escalate action add 999 "x"
bad 2 "ACTION_ID abc is not a valid id" escalate action done abc
bad 1 "no action with id 999" escalate action done 999
bad 2 "--root-cause is required" escalate resolve 1
bad 1 "no escalation with id 999" escalate resolve 999 --root-cause x
bad 1 "escalation 1 is not resolved" escalate reopen 1

# feedback
bad 2 "--nps 11 is not a valid NPS score (expected a whole number from 0 to 10)" feedback add acme --nps 11
bad 2 "--nps -1 is not a valid NPS score" feedback add acme --nps -1
bad 2 "--nps 7.5 is not a valid NPS score" feedback add acme --nps 7.5
bad 2 "--csat 0 is not a valid CSAT score (expected a whole number from 1 to 5)" feedback add acme --csat 0
bad 2 "--ces 8 is not a valid CES score (expected a whole number from 1 to 7)" feedback add acme --ces 8
bad 2 "--kind rant is not valid" feedback add acme --kind rant --text x
bad 2 "--date bogus is not a valid date" feedback add acme --nps 5 --date bogus
bad 2 "give a score (--nps, --csat or --ces), a --text, or both" feedback add acme
bad 2 "--nps, --csat and --ces exclude each other" feedback add acme --nps 5 --csat 3
bad 1 "no account nosuch" feedback add nosuch --nps 5
bad 2 "--note must not be empty" feedback follow-up 1 --note ""
bad 2 "ID abc is not a valid id" feedback follow-up abc --note x
bad 1 "no feedback with id 999" feedback follow-up 999 --note x
bad 2 "--type xyz is not valid (expected nps, csat or ces)" feedback survey add acme --type xyz --sent 10
bad 2 "--sent -3 is not a valid number" feedback survey add acme --type nps --sent -3
bad 2 "--sent 0 is not a valid number" feedback survey add acme --type nps --sent 0

# global values
bad 2 "--today 2026-02-30 is not a valid date" --today 2026-02-30 account add "X"
bad 2 "--limit -1 is not valid" --limit -1 account list
bad 2 "is not valid (expected KEY=VALUE)" -c currency account add "X"
bad 2 "health.weights.nps = nan is not valid" -c health.weights.nps=nan account add "X"

# config set: refused, and the config file is not written either.
run config set currency USD
before_config=$(cat "$XDG_CONFIG_HOME/acm/config.toml")
bad 2 "currency = XYZ is not valid (expected an ISO 4217 currency code such as EUR)" config set currency XYZ
bad 2 "unknown key 'no'" config set no.such.key 1
bad 2 "renewal.remind_days = [ 0 ] is not valid" config set renewal.remind_days '[0]'
bad 2 "health.weights.nps = nan is not valid (expected a finite number that is not negative)" config set health.weights.nps nan
bad 2 "renewal.probability.high = 1.5 is not valid (expected a probability from 0 to 1)" config set renewal.probability.high 1.5
bad 2 "output.format = xml is not valid" config set output.format xml
check "config file unchanged by refused sets" [ "$(cat "$XDG_CONFIG_HOME/acm/config.toml")" == "$before_config" ]

# CSV imports: structure errors are one line; row errors name line and column, one line
# each, then "nothing was imported".
csv() { printf "$1" >"$SCRATCH/in.csv"; }
csv 'foo,bar\n1,2\n'
bad 2 "line 1: no column gives the account name (found foo or bar" account import "$SCRATCH/in.csv"
bad 2 "line 1: no column gives the contract's account" contract import "$SCRATCH/in.csv"
bad 2 "line 1: no account column (found foo or bar)" account usage import "$SCRATCH/in.csv"
bad 2 "line 1: no account column (found foo or bar)" feedback import "$SCRATCH/in.csv"
csv ''
for import in "account import" "contract import" "account usage import" "feedback import"; do
  bad 2 "the CSV file is empty (expected a header row)" $import "$SCRATCH/in.csv"
done
csv 'name\n"Acme\n'
bad 2 "line 2: unterminated quoted field" account import "$SCRATCH/in.csv"
csv 'name\n"Acme"x\n'
bad 2 "line 2: unexpected text after a closing quote" account import "$SCRATCH/in.csv"
csv 'name,name\nA,B\n'
bad 2 "line 1: columns name and name both give the field name" account import "$SCRATCH/in.csv"
csv '\xef\xbb\xbf\xef\xbb\xbfname\nX\n'
bad 2 "line 1: no column gives the account name" account import "$SCRATCH/in.csv"
bad 1 "cannot read $SCRATCH/missing.csv" account import "$SCRATCH/missing.csv"

row_fails() {
  local message=$1; shift
  expect_import_fails 2 "$message" "$@"
  check "acm $* names the row, then says nothing was imported" \
    [ "$(printf '%s\n' "$err" | tail -n 1)" = "acm: error: nothing was imported" ]
}
csv 'name,key\nX,x,extra\n'
row_fails "line 2: 3 fields, but the header has 2" account import "$SCRATCH/in.csv"
csv 'name,key,segment\nX\n'
row_fails "line 2: 1 fields, but the header has 3" account import "$SCRATCH/in.csv"
csv 'name\n\xff\xfe\n'
row_fails "line 2, column name: is not valid UTF-8 text" account import "$SCRATCH/in.csv"
csv "name\n$huge\n"
row_fails "line 2, column name: is too long" account import "$SCRATCH/in.csv"
csv 'name,key\nGood,good\n"Multi\nline",Bad Key\n'
row_fails "line 3, column key: 'Bad Key' is not a valid key" account import "$SCRATCH/in.csv"
csv 'name,key\nAcme,acme\n'
row_fails "line 2, column key: an account with key acme already exists" account import "$SCRATCH/in.csv"
csv 'account,start,end,arr\nacme,2026-01-01,2026-12-31,12x\n'
row_fails "line 2, column arr: 12x is not a valid amount" contract import "$SCRATCH/in.csv"
csv 'account,start,end,arr\nacme,2026-02-30,2026-12-31,1k\n'
row_fails "line 2, column start: 2026-02-30 is not a valid date" contract import "$SCRATCH/in.csv"
csv 'account,date,active_users\nacme,2026-02-30,5\n'
row_fails "line 2, column date: 2026-02-30 is not a valid date" account usage import "$SCRATCH/in.csv"
csv 'account,date,active_users\nacme,2026-11-01,-5\n'
row_fails "line 2, column active_users: -5 is not a valid number" account usage import "$SCRATCH/in.csv"
csv 'account,date,nps\nacme,2026-11-01,11\n'
row_fails "line 2, column nps: 11 is not a valid NPS score" feedback import "$SCRATCH/in.csv"
csv 'account,date,nps\nnosuch,2026-11-01,5\n'
row_fails "line 2, column account: no account nosuch" feedback import "$SCRATCH/in.csv"

# The account plan: opportunities, milestones, costs.
run account opportunity add acme "Seats" --value 10k
run account milestone add acme "Kick-off" --due 2026-12-01
run account cost add acme --amount 500 --date 2026-11-01
bad 2 "TITLE must not be empty" account opportunity add acme "" --value 10k
bad 2 "--value 10x is not a valid amount" account opportunity add acme X --value 10x
bad 2 "--value -5 is not a valid amount (must not be negative)" account opportunity add acme X --value -5
bad 2 "--kind resale is not valid (expected upsell or cross-sell)" account opportunity add acme X --value 1k --kind resale
bad 2 "--stage maybe is not valid (expected open, won or lost)" account opportunity add acme X --value 1k --stage maybe
bad 2 "--probability 101 is not a valid number (expected a whole number from 0 to 100)" account opportunity add acme X --value 1k --probability 101
bad 2 "--close 2026-02-30 is not a valid date" account opportunity add acme X --value 1k --close 2026-02-30
bad 2 "--value is required" account opportunity add acme X
bad 1 "no account nosuch" account opportunity add nosuch X --value 1k
bad 1 "no opportunity with id 99" account opportunity update 99 --stage won
bad 2 "--stage maybe is not valid" account opportunity update 1 --stage maybe
bad 2 "ID abc is not a valid id" account opportunity update abc --stage won
bad 1 "no opportunity with id 99" account opportunity rm 99
bad 2 "TITLE must not be empty" account milestone add acme "" --due 2026-12-01
bad 2 "--due tomorrowish is not a valid date" account milestone add acme X --due tomorrowish
bad 2 "--due is required" account milestone add acme X
bad 1 "no milestone with id 99" account milestone done 99
bad 2 "--date 2026-13-01 is not a valid date" account milestone done 1 --date 2026-13-01
bad 2 "ID x is not a valid id" account milestone rm x
bad 2 "--amount abc is not a valid amount" account cost add acme --amount abc --date 2026-11-01
bad 2 "--amount -5 is not a valid amount (must not be negative)" account cost add acme --amount -5 --date 2026-11-01
bad 2 "--category food is not valid (expected support, infrastructure, services or other)" account cost add acme --amount 5 --date 2026-11-01 --category food
bad 2 "--date is required" account cost add acme --amount 5
bad 1 "no account nosuch" account cost add nosuch --amount 5 --date 2026-11-01
bad 1 "no cost with id 99" account cost rm 99

# Admin commands: backup, export, import.
bad 2 "file is required" backup
bad 1 "cannot create /nonexistent/dir/x.db" backup /nonexistent/dir/x.db
bad 2 "--format xml is not valid (expected table, csv, tsv or json)" export --format xml
bad 1 "cannot read $SCRATCH/missing.json" import "$SCRATCH/missing.json"
run export
printf '%s\n' "$out" >"$SCRATCH/export.json"
bad 1 "is not empty (table accounts has rows); import only into a new workspace" import "$SCRATCH/export.json"
# Into an empty workspace: a file that is not an export leaves it as empty as it was.
main_workspace=$ACM_WORKSPACE
export ACM_WORKSPACE=$SCRATCH/empty.db
run init
printf '{"format":"nope"}\n' >"$SCRATCH/bad.json"
bad 2 "bad.json, line 1: not an acm export (format is not \"acm-export\")" import "$SCRATCH/bad.json"
printf 'not json\n' >"$SCRATCH/bad.json"
bad 2 "bad.json, line 1: expected '{', found 'n'" import "$SCRATCH/bad.json"
export ACM_WORKSPACE=$main_workspace
finish
