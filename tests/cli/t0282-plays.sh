#!/usr/bin/env bash
# Plays: each condition of the vocabulary on a worked example, the task text filled in, one
# task per account per span (a second run adds nothing), --dry-run changing nothing, and
# config errors naming file, line and the valid values. Today is 2026-11-22 (lib.sh).
. "$(dirname "$0")/lib.sh"
mkdir -p "$XDG_CONFIG_HOME/acm"
config=$XDG_CONFIG_HOME/acm/config.toml
play() { printf '[[play]]\nname = "%s"\nwhen = { %s }\ntask = "%s"\n%s\n' "$1" "$2" "$3" "${4:-}"; }
{
  play red-health 'health = "red"' 'Call {name}: health is {health_score}' 'due = "+2d"
priority = "high"'
  play health-drop 'health_drop = 20' 'Health of {key} fell'
  play quiet-strategic 'tier = "strategic", no_touch = "45d"' 'Check in with {name}'
  play renewal-not-started 'renewal_within = "120d", stage = "upcoming"' 'Start the renewal of {key}'
  play detractor 'nps_max = 6' 'Close the loop at {key}'
  play escalated 'escalation = "high"' 'Escalation at {key}'
  play usage-drop 'usage_drop = 30' 'Usage fell at {key}'
  play champion-left 'champion_left = true' 'New champion at {key}'
} >"$config"
chmod 600 "$config"

run init
for name in Red Drop Quiet Fresh Renewing Committed Escal Usage Champ Champ2; do
  run account add "$name" --owner ann
done
run account edit quiet --tier strategic
run account edit fresh --tier strategic
# red: NPS 0 and a critical escalation: (25·0 + 20·50) / 45 = 22.2, red.
run feedback add red --nps 0 --date 2026-11-20
run escalate open red "Down" --severity critical --at 2026-11-20T09:00
# drop: NPS 10 on 10-01 (health 100 on 10-23, 30 days ago), NPS 2 on 11-10 (health 20 now).
run feedback add drop --nps 10 --date 2026-10-01
run feedback add drop --nps 2 --date 2026-11-10
# quiet: last touched 09-01: engagement (120 − 82) / 90 = 42.2 now, (120 − 52) / 90 = 75.6 on
# 10-23: its health fell 33.3 points too. fresh: touched 11-20.
run account note add quiet "QBR" --date 2026-09-01
run account note add fresh "Call" --date 2026-11-20
# renewing: renewal due 2027-02-01, upcoming; committed: as near, but committed.
run contract add renewing --start 2026-02-02 --end 2027-02-01 --arr 10k
run contract add committed --start 2026-02-02 --end 2027-02-01 --arr 10k
run renewal update 2 --stage committed
# escal: a high escalation open.
run escalate open escal "Slow" --severity high --at 2026-11-21T09:00
# usage: 100 active users in the window before the last 30 days, 50 in it (a 50% fall).
run account usage add usage --date 2026-10-10 --active-users 100
run account usage add usage --date 2026-11-10 --active-users 50
# champ: its champion removed; champ2: one removed, another still there.
run account contact add champ "Ann Smith" --role champion
run account contact rm "$out"
run account contact add champ2 "Bo Li" --role champion
run account contact rm "$out"
run account contact add champ2 "Cy Ng" --role champion

run --csv --no-header --columns play,accounts,new_tasks play list
expect_status 0 "play list"
expect_out "red-health,2,2
health-drop,2,2
quiet-strategic,1,1
renewal-not-started,1,1
detractor,2,2
escalated,2,2
usage-drop,1,1
champion-left,1,1" "play list: how many accounts meet each play now"

snapshot
run --csv --no-header play run --dry-run
expect_status 0 "play run --dry-run"
expect_unchanged "play run --dry-run changes nothing"
dry=$out
run --csv --no-header --columns play,account,due,text play run
expect_status 0 "play run"
want="red-health,drop,2026-11-24,Call Drop: health is 20.0
red-health,red,2026-11-24,Call Red: health is 22.2
health-drop,drop,2026-11-29,Health of drop fell
health-drop,quiet,2026-11-29,Health of quiet fell
quiet-strategic,quiet,2026-11-29,Check in with Quiet
renewal-not-started,renewing,2026-11-29,Start the renewal of renewing
detractor,drop,2026-11-29,Close the loop at drop
detractor,red,2026-11-29,Close the loop at red
escalated,escal,2026-11-29,Escalation at escal
escalated,red,2026-11-29,Escalation at red
usage-drop,usage,2026-11-29,Usage fell at usage
champion-left,champ,2026-11-29,New champion at champ"
check "play run: a task per account meeting each play, text filled in, due from today" [ "$out" = "$want" ]
[ "$out" = "$want" ] || diff <(printf '%s\n' "$want") <(printf '%s\n' "$out")
check "the dry run showed the same tasks" [ "$(cut -d, -f1,2,4,5 <<<"$dry")" = "$want" ]
check "12 tasks, each with its play" [ "$(sql "SELECT count(*) FROM tasks WHERE play IS NOT NULL")" = 12 ]
check "red-health's tasks are high priority" [ "$(sql "SELECT group_concat(DISTINCT priority) FROM tasks WHERE play = 'red-health'")" = high ]

# Idempotent: a second run the same day adds nothing and prints nothing.
snapshot
run play run
expect_status 0 "second play run"
expect_no_out "second play run: nothing added, nothing printed"
expect_unchanged "second play run: workspace unchanged"
run --csv --no-header --columns play,new_tasks play list
expect_out_has "red-health,0" "play list: no new tasks while within the span"

# After the span (every = 30d by default), a play that still holds adds a task again.
run --today 2026-12-23 --csv --no-header --columns play,account play run
expect_out_has "quiet-strategic,quiet" "31 days later: quiet is still quiet, a new task"

# Tasks made by plays show on the agenda.
run --csv --no-header --columns kind,account,what agenda --within 7d
expect_out_has "task,red,high: Call Red: health is 22.2" "the play's task is on the agenda"

# Config errors name the file, the line and what is valid; every command refuses to run.
printf '[[play]]\nname = "x"\nwhen = { helth = "red" }\ntask = "t"\n' >"$config"
expect_fails 1 "config file $config, line 3: unknown condition 'helth' in play.when (valid: health, health_drop," play list
printf '[[play]]\nname = "x"\nwhen = { health = "purple" }\ntask = "t"\n' >"$config"
expect_fails 1 "play.when.health = purple is not valid (expected red, yellow or green)" play run
printf '[[play]]\nname = "x"\nwhen = { nps_max = 11 }\ntask = "t"\n' >"$config"
expect_fails 1 "play.when.nps_max = 11 is not valid" play run
printf '[[play]]\nname = "x"\nwhen = { health = "red" }\ntask = "Call {nam}"\n' >"$config"
expect_fails 1 "line 4: play.task: {nam} is not a field (valid: {key}, {name}," play run
printf '[[play]]\nname = "x"\nwhen = { stage = "upcoming" }\ntask = "t"\n' >"$config"
expect_fails 1 "play.when.stage needs renewal_within" play run
printf '[[play]]\nname = "x"\nwhen = { health = "red" }\ntask = "t"\ndue = "tomorrow"\n' >"$config"
expect_fails 1 'play.due = "tomorrow" is not valid' play run
printf '[[play]]\nname = "x"\nwhen = { health = "red" }\ntask = "t"\n[[play]]\nname = "x"\nwhen = { health = "red" }\ntask = "u"\n' >"$config"
expect_fails 1 "play 'x' is named twice" play list
printf '[[play]]\nname = "x"\nwhen = { health = "red" }\ntask = "t"\ncolour = "red"\n' >"$config"
expect_fails 1 "unknown key 'play.colour'" agenda
finish
