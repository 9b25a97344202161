#!/usr/bin/env bash
# Hooks: on-EVENT in the hooks folder beside the config runs after the change is committed,
# with the audit event as one JSON object on stdin and ACM_EVENT set; its output goes to
# stderr; a failing or hanging hook is reported and the change stays; --no-hooks; a hook
# that others may change is not run.
. "$(dirname "$0")/lib.sh"
hooks=$XDG_CONFIG_HOME/acm/hooks
mkdir -p "$hooks"
chmod 700 "$XDG_CONFIG_HOME" "$XDG_CONFIG_HOME/acm" "$hooks"
# hook EVENT BODY: an executable on-EVENT running BODY (sh).
hook() { printf '#!/bin/sh\n%s\n' "$2" >"$hooks/on-$1"; chmod 700 "$hooks/on-$1"; }
for event in task-add escalation-open escalation-resolve feedback-negative renewal-close; do
  hook "$event" "{ printf '%s ' \"\$ACM_EVENT\"; cat; } >>\"$SCRATCH/got\"; echo \"said by $event\""
done
run init
run account add "Acme Corp" --key acme --owner dana

run task add acme "Call back" --due 2026-11-24
expect_status 0 "task add with a hook"
expect_out "1" "the hook's output is not on stdout"
expect_err_has "said by task-add" "the hook's output goes to stderr"
check "task-add: ACM_EVENT and the event as JSON on stdin" \
  [ "$(sed -n 1p "$SCRATCH/got" | cut -d' ' -f1)" = task-add ]
json=$(sed -n 1p "$SCRATCH/got" | cut -d' ' -f2-)
check "task-add: the task's fields" [ "$(jq -r '.entity + " " + .entity_id + " " + .account + " " + .changes.text + " " + .changes.due' <<<"$json")" = "task 1 acme Call back 2026-11-24" ]

: >"$SCRATCH/got"
run feedback add acme --nps 9
check "positive feedback runs no hook" [ ! -s "$SCRATCH/got" ]
run feedback add acme --nps 2 --text "Too slow"
check "feedback-negative for a detractor" [ "$(cut -d' ' -f1 "$SCRATCH/got")" = feedback-negative ]
check "feedback-negative: its score" [ "$(cut -d' ' -f2- "$SCRATCH/got" | jq -r '.changes.nps')" = 2 ]

: >"$SCRATCH/got"
run escalate open acme "Outage" --severity high --at "2026-11-21 09:00"
run escalate resolve 1 --root-cause "bug" --at "2026-11-22 09:00"
check "escalation-open then escalation-resolve" [ "$(cut -d' ' -f1 "$SCRATCH/got" | tr '\n' ' ')" = "escalation-open escalation-resolve " ]

: >"$SCRATCH/got"
run contract add acme --start 2025-01-01 --end 2025-12-31 --arr 10k
run renewal close 1 --churned --reason "budget"
check "renewal-close" [ "$(cut -d' ' -f1 "$SCRATCH/got")" = renewal-close ]
check "renewal-close: the outcome" [ "$(cut -d' ' -f2- "$SCRATCH/got" | jq -r '.changes.outcome')" = churned ]

# --no-hooks.
: >"$SCRATCH/got"
run --no-hooks task add acme "Quietly"
expect_status 0 "--no-hooks"
check "--no-hooks runs no hook" [ ! -s "$SCRATCH/got" ]

# A failing hook: reported, exit 0, and the change is made.
hook task-add 'exit 3'
run task add acme "Despite the hook"
expect_status 0 "a failing hook does not fail the command"
expect_err_has "hook $hooks/on-task-add failed (exit status 3); the change stays made" "a failing hook is reported"
check "the change stays made" [ "$(sql "SELECT count(*) FROM tasks WHERE text = 'Despite the hook'")" = 1 ]

# A hook others may change is not run.
hook task-add "echo ran >>\"$SCRATCH/unsafe\""
chmod 722 "$hooks/on-task-add"
run task add acme "Unsafe hook"
expect_status 0 "an unsafe hook does not fail the command"
expect_err_has "not run: others may change it (mode 0722)" "an unsafe hook is named"
check "an unsafe hook does not run" [ ! -e "$SCRATCH/unsafe" ]
chmod 700 "$hooks/on-task-add"
chmod 777 "$hooks"
run task add acme "Unsafe folder"
expect_err_has "may be changed by others" "a hook in a folder others may change is not run"
check "… and does not run" [ ! -e "$SCRATCH/unsafe" ]
chmod 700 "$hooks"

# A hook that hangs is stopped after 10 s, with what it started.
# (What it started is known by its process ids: another run of this suite may be sleeping too.)
hook task-add "sleep 60 & echo \$! >\"$SCRATCH/started\"; echo \$\$ >>\"$SCRATCH/started\"; exec sleep 60"
start=$(date +%s)
run task add acme "Slow hook"
elapsed=$(($(date +%s) - start))
expect_status 0 "a hanging hook does not fail the command"
expect_err_has "failed (stopped after 10 s)" "a hanging hook is reported"
check "stopped after about 10 s (took ${elapsed} s)" [ "$elapsed" -ge 9 -a "$elapsed" -le 20 ]
check "the change stays made" [ "$(sql "SELECT count(*) FROM tasks WHERE text = 'Slow hook'")" = 1 ]
# Alive: a process that is neither gone nor a zombie (which its new parent may not reap at once).
still_running() {
  alive=""
  for pid in $(cat "$SCRATCH/started"); do
    case "$(ps -o stat= -p "$pid" 2>/dev/null)" in "" | Z*) ;; *) alive="$alive $pid" ;; esac
  done
  [ -n "$alive" ]
}
for _ in 1 2 3 4 5 6 7 8 9 10; do still_running || break; sleep 0.2; done
check "the hook's two processes were known" [ "$(wc -l <"$SCRATCH/started")" -eq 2 ]
check "what the hook started was stopped too (alive:${alive:- none})" [ -z "$alive" ]

# health-red: once for each account whose health the command turned red, with what it was.
hook health-red "{ printf '%s ' \"\$ACM_EVENT\"; cat; } >>\"$SCRATCH/red\""
run account add "Beta" --key beta
run account add "Gamma" --key gamma
run feedback add beta --nps 9 --date 2026-11-01
check "an account turning green runs no health-red" [ ! -e "$SCRATCH/red" ]
run feedback add beta --nps 0 --date 2026-11-20
expect_status 0 "feedback that turns beta red"
check "health-red: ACM_EVENT and beta, red now, green before" \
  [ "$(jq -r '.key + " " + .health + " " + (.health_score | tostring) + " " + .health_before' <<<"$(cut -d' ' -f2- "$SCRATCH/red")")" = "beta red 0 green" ]
check "health-red: the event's name" [ "$(cut -d' ' -f1 "$SCRATCH/red")" = health-red ]
: >"$SCRATCH/red"
run feedback add beta --nps 1 --date 2026-11-21
check "an account that stays red runs no health-red" [ ! -s "$SCRATCH/red" ]
# An import that turns an account red runs it too: once per account, not per row.
printf 'account,date,nps\ngamma,2026-11-18,1\ngamma,2026-11-19,2\n' >"$SCRATCH/red.csv"
run feedback import "$SCRATCH/red.csv"
expect_status 0 "feedback import turning gamma red"
check "health-red once for gamma (n/a before: no data)" \
  [ "$(cut -d' ' -f2- "$SCRATCH/red" | jq -r '.key + " " + .health_before')" = "gamma n/a" ]
: >"$SCRATCH/red"
run account add "Delta" --key delta
run --no-hooks feedback add delta --nps 0
check "--no-hooks: no health-red either" [ ! -s "$SCRATCH/red" ]
# Health profiles count: an account scored by a stricter profile after a change of status
# turned red (its data unchanged); one that a lenient profile keeps green is not red.
config=$XDG_CONFIG_HOME/acm/config.toml
printf '[health.profile.strict]\nstatuses = ["onboarding"]\nthresholds.green = 99\nthresholds.yellow = 95\n[health.profile.lenient]\nstatuses = ["at-risk"]\nthresholds.green = 10\nthresholds.yellow = 5\n' >"$config"
chmod 600 "$config"
run account add "Epsilon" --key epsilon
run feedback add epsilon --nps 9 --date 2026-11-20
: >"$SCRATCH/red"
run account edit epsilon --status onboarding
expect_status 0 "a change of status to a stricter profile"
check "health-red: epsilon, red by its profile" \
  [ "$(cut -d' ' -f2- "$SCRATCH/red" | jq -r '.key + " " + .health + " " + .health_before')" = "epsilon red green" ]
run account add "Zeta" --key zeta --status at-risk
: >"$SCRATCH/red"
run feedback add zeta --nps 2 --date 2026-11-20
check "a score of 20 that the lenient profile keeps green runs no health-red" [ ! -s "$SCRATCH/red" ]
finish
