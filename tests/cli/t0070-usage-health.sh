#!/usr/bin/env bash
# acm account usage add/list/rm/import, and the health score in account list and show:
# components, renormalized weights, colors, --health, n/a without data, config.
. "$(dirname "$0")/lib.sh"
run init
for name in Acme Globex Initech Hooli; do run account add "$name"; done

# --- usage ------------------------------------------------------------------------
run account usage add globex --date 2026-10-10 --active-users 100 --logins 900 --adoption 62.5
expect_status 0 "usage add"
expect_out "1" "usage add prints the id"
check "stored" [ "$(sql "SELECT date, active_users, logins, adoption FROM usage WHERE id = 1")" = "2026-10-10|100|900|62.5" ]
check "audited" [ "$(sql "SELECT json_extract(changes, '\$.adoption') FROM events WHERE entity = 'usage'")" = "62.50" ]
run account usage add globex --date -12d --active-users 50 --adoption 40%
expect_out "2"
run account usage add acme --date 2026-11-01 --logins 5
expect_out "3"
expect_fails 1 "globex already has usage on 2026-10-10 (id 1)" account usage add globex --date 2026-10-10 --logins 1
expect_fails 2 "give at least one of --active-users, --logins and --adoption" account usage add globex --date 2026-10-11
expect_fails 2 "--date" account usage add globex --active-users 3
expect_fails 2 "--date 2026-10-32 is not a valid date" account usage add globex --date 2026-10-32 --logins 1
expect_fails 2 "--active-users -5 is not a valid number" account usage add globex --date 2026-10-11 --active-users -5
expect_fails 2 "--logins lots is not a valid number" account usage add globex --date 2026-10-11 --logins lots
expect_fails 2 "--adoption 101 is not a valid percentage (expected 0 to 100, e.g. 42.5)" account usage add globex --date 2026-10-11 --adoption 101
expect_fails 2 "--adoption 4.567 is not a valid percentage" account usage add globex --date 2026-10-11 --adoption 4.567
expect_fails 1 "no account globx (did you mean globex?)" account usage add globx --date 2026-10-11 --logins 1

run --csv account usage list globex
expect_out $'id,account,date,active_users,logins,adoption\n2,globex,2026-11-10,50,,40.0\n1,globex,2026-10-10,100,900,62.5' "list newest first"
run --csv --no-header --columns id account usage list
expect_out $'2\n3\n1' "list of all accounts, newest first"
run account usage rm 3
expect_out "3" "usage rm"
expect_fails 1 "no usage with id 3" account usage rm 3
expect_fails 2 "ID x is not a valid id" account usage rm x

cat >"$SCRATCH/usage.csv" <<'CSV'
Account,Day,Active Users,Logins,Adoption
initech,2026-10-15,40,100,20
initech,2026-11-15,40,90,21.5%
Hooli,2026-11-16T08:00,,12,
CSV
run account usage import "$SCRATCH/usage.csv"
expect_status 0 "usage import"
expect_no_out
expect_err_has "imported 3 usage rows"
check "imported" [ "$(sql "SELECT count(*) FROM usage")" = 5 ]
cat >"$SCRATCH/bad-usage.csv" <<'CSV'
account,date,active_users,adoption
initech,2026-10-15,1,
initech,2026-10-16,-1,
initech,2026-10-17,,200
initech,2026-10-18,,
initech,2026-10-19,5,5
initech,2026-10-19,6,6
CSV
expect_import_fails 2 "line 2, column account: initech already has usage on 2026-10-15 (id 3; use --upsert to replace it)" account usage import "$SCRATCH/bad-usage.csv"
expect_err_has "line 3, column active_users: -1 is not a valid number"
expect_err_has "line 4, column adoption: 200 is not a valid percentage"
expect_err_has "line 5: no active_users, logins or adoption"
# Every row is checked against the rows before it, also after a bad row.
expect_err_has "line 7, column account: initech already has usage on 2026-10-19 (line 6)"
expect_err_has "nothing was imported"
printf 'date,logins\n2026-10-01,3\n' >"$SCRATCH/no-account.csv"
expect_import_fails 2 "line 1: no account column" account usage import "$SCRATCH/no-account.csv"
printf 'account,date,logins\ninitech,2026-10-30,3\ninitech,2026-10-30,4\n' >"$SCRATCH/twice.csv"
expect_import_fails 2 "line 3, column account: initech already has usage on 2026-10-30 (line 2)" account usage import "$SCRATCH/twice.csv"

# --- health -----------------------------------------------------------------------
# acme: NPS 9 (90) and a touch 2 days ago (100): (25·90 + 15·100) / 40 = 93.75 → 93.8 green.
run feedback add acme --nps 9 --date 2026-11-01
run account note add acme "Call" --date 2026-11-20
# globex: NPS 5 (50) and usage fell from 100 to 50 (50): (25·50 + 25·50) / 50 = 50 yellow.
run feedback add globex --nps 5 --date 2026-11-02
# initech: critical + high open (100 − 80 = 20), CSAT 1 (0), usage held (100):
# (20·20 + 15·0 + 25·100) / 60 = 48.3 yellow; with the high one resolved: (20·50 + 2500) / 60 = 58.3.
run escalate open initech "Outage" --severity critical --at 2026-11-20
run escalate open initech "Slow" --severity high --at 2026-11-20
run feedback add initech --csat 1 --date 2026-11-10
# hooli: logins only, no active users; nothing else → n/a.
run --csv --columns key,health,health_score,open_escalations account list
expect_out $'key,health,health_score,open_escalations\nacme,green,93.8,0\nglobex,yellow,50.0,0\nhooli,n/a,,0\ninitech,yellow,48.3,2'
run --csv --no-header --columns key account list --health yellow
expect_out $'globex\ninitech' "--health yellow"
run --csv --no-header --columns key account list --health green
expect_out "acme" "--health green"
run account list --health red
expect_status 0; expect_no_out "--health red: none"
expect_fails 2 "--health blue is not valid (expected red, yellow or green)" account list --health blue
# Every number is config: heavier escalations make initech red.
run -c health.weights.escalations=200 --csv --no-header --columns key,health_score account list --health red
expect_out "initech,27.1" "custom weight: (200·20 + 15·0 + 25·100) / 240"
run -c health.thresholds.green=95 --csv --no-header --columns key,health account list --health yellow
expect_out $'acme,yellow\nglobex,yellow\ninitech,yellow' "custom threshold"
run -c health.penalties.critical=0 -c health.penalties.high=0 --csv --no-header --columns key,health_score account list --health green
expect_out $'acme,93.8\ninitech,75.0' "custom penalties: (20·100 + 15·0 + 25·100) / 60"
# --today moves the windows: a year later nothing but the open escalations counts.
run --today 2027-11-22 --csv --no-header --columns key,health_score account list
expect_out $'acme,0.0\nglobex,\nhooli,\ninitech,20.0' "a year later"
# On a color terminal the health cell is colored (CLICOLOR_FORCE, table format).
out=$(CLICOLOR_FORCE=1 "$ACM" --columns key,health account list --health green)
check "health is colored" [ "$out" = $'\e[1mKEY   HEALTH\e[0m\nacme  \e[32mgreen\e[0m' ]

run account show initech
expect_status 0 "show"
expect_out_has "Health 48.3 (yellow)"
expect_out_has "escalations   20.0    20.0"
expect_out_has "2 open (1 critical, 1 high): penalty 80"
expect_out_has "mean CSAT 1.00 of 1 answers"
expect_out_has "engagement            15.0"
expect_out_has "Open escalations"
expect_out_has "Outage"
expect_out_has "Open follow-ups"
expect_out_has "Recent feedback"
run account show hooli
expect_out_has "Health n/a (no data)"
expect_out_lacks "Open escalations"
run --json account show initech
check "show --json has health with components" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); h=d["health_components"]; assert d["health_score"]==48.3 and d["health"]=="yellow" and [c["component"] for c in h]==["nps","csat","escalations","usage","engagement"] and h[0]["value"] is None and abs(h[2]["share"]-1/3)<1e-3 and d["open_escalations"]==2 and len(d["escalations"])==2 and d["feedback"][0]["type"]=="csat"' "$out"
run --csv --columns key,health,open_escalations account show initech
expect_out $'key,health,open_escalations\ninitech,yellow,2' "show --csv has the health columns"
run escalate resolve 2 --root-cause x --at 2026-11-21
run --csv --no-header --columns health_score,open_escalations account show initech
expect_out "58.3,1" "a resolved escalation no longer costs points"

expect_fails 1 "account hooli has 1 usage row;" account rm hooli
finish
