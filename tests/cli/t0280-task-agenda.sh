#!/usr/bin/env bash
# Tasks (add, list, done, edit, rm) and the agenda: one list of every date owed, by date, from
# every source, with --owner and --within; nothing at all when nothing is due. Today is
# 2026-11-22 (lib.sh).
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp" --key acme --tier strategic --owner dana
run account add "Globex" --tier low-touch --owner sam
run account add "Initech" --owner lee

# --- An agenda with nothing due prints nothing at all (a cron job mails nothing) -------------
run agenda
expect_status 0 "empty agenda: exit 0"
expect_no_out "empty agenda: nothing on stdout, not even a header"
expect_no_err "empty agenda: nothing on stderr"

# --- Tasks ---------------------------------------------------------------------------------
run task add acme "Send the renewal quote" --due 2026-11-24 --priority high
expect_status 0 "task add"
expect_out "1" "task add prints the id"
run task add globex "Old promise" --due 2026-11-20 --owner lee
run task add initech "Someday"
run task add acme "Done already" --due 2026-11-21
run task done 4 --note "Called" --date 2026-11-21
expect_out "4" "task done prints the id"
check "task done records the day and the note" [ "$(sql "SELECT done_on || '|' || done_note FROM tasks WHERE id = 4")" = "2026-11-21|Called" ]
expect_fails 1 "task 4 was already done on 2026-11-21" task done 4
expect_fails 1 "no task with id 99" task done 99
expect_fails 1 "no account" task add nosuch "Text"
expect_fails 2 "--due 2026-13-01" task add acme "Text" --due 2026-13-01
expect_fails 2 "--priority urgent" task add acme "Text" --priority urgent
expect_fails 2 "TEXT" task add acme ""

run --csv task list
expect_status 0 "task list"
check "task list, CSV" [ "$out" = "$(printf '%s\n' "id,account,due,priority,text,owner,status,play,done_on" \
  "2,globex,2026-11-20,normal,Old promise,lee,overdue,," "1,acme,2026-11-24,high,Send the renewal quote,dana,open,," \
  "3,initech,,normal,Someday,lee,open,,")" ]
run --csv --no-header --columns id task list --all
check "task list --all: the done one last" [ "$(printf '%s' "$out" | tr '\n' ' ')" = "2 1 3 4" ]
run --csv --no-header --columns id task list --overdue
expect_out "2" "task list --overdue"
run --csv --no-header --columns id task list --due-within 2d
check "task list --due-within 2d: overdue and due by 11-24" [ "$(printf '%s' "$out" | tr '\n' ' ')" = "2 1" ]
run --csv --no-header --columns id task list --owner lee
check "task list --owner lee: the task's owner, and the account's" [ "$(printf '%s' "$out" | tr '\n' ' ')" = "2 3" ]
run --csv --no-header --columns id task list --account acme
expect_out "1" "task list --account"
expect_fails 1 "no account, task, renewal or escalation has owner nobody" task list --owner nobody

run task edit 3 --due 2026-12-01 --priority low
expect_status 0 "task edit"
check "task edit changes due and priority" [ "$(sql "SELECT due || '|' || priority FROM tasks WHERE id = 3")" = "2026-12-01|low" ]
check "task edit records an event from and to" \
  [ "$(sql "SELECT changes FROM events WHERE entity = 'task' AND action = 'edit'")" = '{"due":{"from":null,"to":"2026-12-01"},"priority":{"from":"normal","to":"low"}}' ]
run task edit 4 --not-done
check "task edit --not-done opens it again" [ "$(sql "SELECT done_on IS NULL FROM tasks WHERE id = 4")" = 1 ]
run task rm 4
expect_status 0 "task rm"
check "task rm removes it" [ "$(sql "SELECT count(*) FROM tasks WHERE id = 4")" = 0 ]
expect_fails 1 "no task with id 4" task rm 4
run undo
expect_out_has "acm task rm 4" "undo of task rm names it"
check "undo of task rm brings it back" [ "$(sql "SELECT count(*) FROM tasks WHERE id = 4")" = 1 ]
run task done 4 --date 2026-11-21

# A task belongs to the account's history: account rm names it.
expect_fails 1 "account initech has 1 task (3)" account rm initech
run account show acme
expect_out_has "Open tasks" "account show: an Open tasks section"
expect_out_has "Send the renewal quote" "account show: the open task"
expect_out_lacks "Done already" "account show: not the done task"
run --json account show acme
check "account show --json: tasks, open ones only" [ "$(jq -r '[.tasks[].id] | join(",")' <<<"$out")" = "1" ]

# --- Every other source of the agenda ---------------------------------------------------------
# cadence: acme (strategic, every 14d) last touched 11-01 → due 11-15; globex (low-touch, 90d)
# touched 11-20 → not due; initech has no tier.
run account note add acme "QBR" --date 2026-11-01
run account note add globex "Call" --date 2026-11-20
# renewal: initech's contract ended 11-15 and its renewal is still open (its notice passed).
run contract add initech --start 2025-01-01 --end 2026-11-15 --arr 10k --notice 30d
# notice: globex must give notice by 11-25 (renewal 12-25, outside the week).
run contract add globex --start 2026-01-01 --end 2026-12-25 --arr 20k --notice 30d --title "Globex 2026"
# follow-up: two negative answers of globex on 11-21 (due 11-23) and one of initech too old to count.
run feedback add globex --nps 3 --text "Too slow" --date 2026-11-21
run feedback add globex --nps 2 --date 2026-11-21
run feedback add initech --nps 1 --date 2026-01-05
# action: due 11-23, owned by pat; sla: initech's critical escalation (SLA 1d) ends 11-22 10:00.
run escalate open acme "Export broken" --severity low --at "2026-11-21 09:00"
run escalate action add 1 "Ship the fix" --due 2026-11-23 --owner pat
run escalate open initech "Outage" --severity critical --at "2026-11-21 10:00"
# milestone: due 11-26; a reached one is not owed.
run account milestone add acme "SSO live" --due 2026-11-26
run account milestone add acme "Kick-off" --due 2026-11-10
run account milestone done 2 --date 2026-11-10

run --csv agenda
expect_status 0 "agenda"
renewal_id=$(sql "SELECT r.id FROM renewals r JOIN contracts c ON c.id = r.contract_id JOIN accounts a ON a.id = c.account_id WHERE a.key = 'initech'")
notice_id=$(sql "SELECT r.id FROM renewals r JOIN contracts c ON c.id = r.contract_id JOIN accounts a ON a.id = c.account_id WHERE a.key = 'globex'")
want="due,kind,account,what,ref,owner
2026-11-15,renewal,initech,contract 1 renews (upcoming),$renewal_id,lee
2026-11-15,cadence,acme,last touch 2026-11-01; strategic accounts every 14d,acme,dana
2026-11-20,task,globex,Old promise,2,lee
2026-11-22,sla,initech,critical escalation Outage: SLA ends 2026-11-22 10:00,2,lee
2026-11-23,follow-up,globex,follow up nps 3 of 2026-11-21: Too slow (and later ones),1,sam
2026-11-23,action,acme,escalation 1: Ship the fix,1,pat
2026-11-24,task,acme,high: Send the renewal quote,1,dana
2026-11-25,notice,globex,\"last day of notice for Globex 2026 (renews 2026-12-25, upcoming)\",$notice_id,sam
2026-11-26,milestone,acme,SSO live,1,dana"
check "agenda: every kind, by date then kind, with refs and owners" [ "$out" = "$want" ]
[ "$out" = "$want" ] || diff <(printf '%s\n' "$want") <(printf '%s\n' "$out")

# On a color terminal, overdue rows (due before today) are red as a whole; others are not.
run --color always --no-header agenda
red=$(printf '\033[31m')
check "agenda in color: the overdue renewal row is red" grep -qF "${red}2026-11-15  renewal" <<<"$out"
check "agenda in color: the 3 overdue rows red (two of 11-15, one of 11-20), none of today or later" \
  [ "$(grep -cF "${red}" <<<"$out")" = 3 ]
check "agenda in color: today's SLA row is not red" grep -q "^2026-11-22  sla" <<<"$out"
run --no-header agenda
check "agenda without color: no escape codes" [ "$(grep -c $'\033' <<<"$out")" = 0 ]

# --within: a day (today and before) and a longer window.
run --csv --no-header --columns kind agenda --within 1d
check "agenda --within 1d: due by tomorrow, overdue included" \
  [ "$(printf '%s' "$out" | tr '\n' ' ')" = "renewal cadence task sla follow-up action" ]
run --csv --no-header --columns kind,account agenda --within 60d
expect_out_has "renewal,globex" "agenda --within 60d: globex's renewal of 12-25"
expect_out_has "task,initech" "agenda --within 60d: initech's task of 12-01"
# --owner: the row's owner (the task's, action's, escalation's own, else the account's).
run --csv --no-header --columns kind,ref agenda --owner pat
expect_out "action,1" "agenda --owner pat: the action pat owns"
run --csv --no-header --columns kind agenda --owner dana
check "agenda --owner dana" [ "$(printf '%s' "$out" | tr '\n' ' ')" = "cadence task milestone" ]
expect_fails 1 "no account, task, renewal or escalation has owner dnaa" agenda --owner dnaa
expect_fails 2 "--within 7x" agenda --within 7x

# [cadence] from the config: a shorter cadence for low-touch puts globex on the agenda.
run -c 'cadence.low-touch="1d"' --csv --no-header --columns kind,account agenda
expect_out_has "cadence,globex" "[cadence] low-touch = 1d: globex is due"
expect_fails 2 "cadence.low-touch" -c 'cadence.low-touch="soon"' agenda
# [feedback] follow_up_within moves the follow-up's due date.
run -c 'feedback.follow_up_within="10d"' --csv --no-header --columns kind agenda
expect_out_lacks "follow-up" "follow_up_within = 10d: the follow-up is due after the week"

# The actions across escalations (what the agenda's action rows refer to).
run --csv escalate action list --open
expect_out "id,escalation,account,action,owner,due,done_on
1,1,acme,Ship the fix,pat,2026-11-23," "escalate action list --open"
expect_fails 1 "no escalation with id 9" escalate action list 9

# Done, closed and resolved things leave the agenda.
run task done 2
run feedback follow-up 1 --note "Called back" --done
run feedback follow-up 2 --note "Called back" --done
run escalate action done 1
run --csv --no-header escalate action list --open
expect_no_out "escalate action list --open: none left"
run --csv --no-header --columns id,done_on escalate action list 1
expect_out "1,2026-11-22" "escalate action list ID: the done one, with its day"
run --csv --no-header --columns kind,ref agenda
expect_out_lacks "task,2" "a done task leaves the agenda"
expect_out_lacks "follow-up" "closed follow-ups leave the agenda"
expect_out_lacks "action" "a done action leaves the agenda"

# Reads only: the agenda never writes.
before=$(sha256sum <"$ACM_WORKSPACE")
run agenda --within 60d
check "agenda leaves the workspace file as it was" [ "$(sha256sum <"$ACM_WORKSPACE")" = "$before" ]
finish
