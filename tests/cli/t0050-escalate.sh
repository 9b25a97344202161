#!/usr/bin/env bash
# acm escalate …: open, list and its filters, show with the timeline, update, actions,
# resolve, reopen; SLA breaches; every bad value refused with nothing written.
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp." --owner dana
run account add "Globex"

# open prints the id; --at is local time (TZ=UTC here), stored as UTC.
run escalate open acme-corp "Reporting outage" --severity high --source customer --owner dana \
  --description "Dashboards time out" --at 2026-11-18T09:00
expect_status 0 "open"
expect_out "1" "open prints the id"
check "stored" [ "$(sql "SELECT severity, source, owner, status, opened_at, sla_due_at FROM escalations WHERE id = 1")" = "high|customer|dana|open|2026-11-18T09:00:00Z|2026-11-21T09:00:00Z" ]
check "open recorded in the audit log" [ "$(sql "SELECT entity || ' ' || entity_id || ' ' || action FROM events WHERE entity = 'escalation'")" = "escalation 1 open" ]
run escalate open globex "Invoice wrong" --severity low --source billing --at 2026-11-21
expect_out "2"
run escalate open acme-corp "Data loss" --severity critical --owner lee --at "2026-11-22 08:00"
expect_out "3"
# Without --at: now, which with a fixed --today is the end of that day.
run escalate open globex "Slow search" --severity medium
expect_out "4"
check "default --at is the end of --today" [ "$(sql "SELECT opened_at FROM escalations WHERE id = 4")" = "2026-11-22T23:59:59Z" ]
# SLA targets from config.
run -c escalation.sla.medium=2w escalate open globex "Custom SLA" --severity medium --at 2026-11-01
check "SLA target from config" [ "$(sql "SELECT sla_due_at FROM escalations WHERE id = 5")" = "2026-11-15T00:00:00Z" ]

expect_fails 2 "--severity urgent is not valid (expected critical, high, medium or low)" escalate open acme-corp X --severity urgent
expect_fails 2 "--severity" escalate open acme-corp X
expect_fails 2 "--source web is not valid (expected customer, support, sales, billing or internal)" escalate open acme-corp X --severity low --source web
expect_fails 2 "--at 2026-11-18T25:00 is not a valid time" escalate open acme-corp X --severity low --at 2026-11-18T25:00
expect_fails 2 "--at 2026-11-23 is in the future" escalate open acme-corp X --severity low --at 2026-11-23
expect_fails 2 "TITLE must not be empty" escalate open acme-corp " " --severity low
expect_fails 1 "no account acme (did you mean acme-corp?)" escalate open acme X --severity low
expect_fails 2 "" escalate open acme-corp

# list: every escalation in id order; breached = open past its target (today's end).
run --csv --columns id,account,severity,status,breached escalate list
expect_out $'id,account,severity,status,breached\n1,acme-corp,high,open,true\n2,globex,low,open,false\n3,acme-corp,critical,open,false\n4,globex,medium,open,false\n5,globex,medium,open,true'
run --csv --no-header --columns id escalate list --breached
expect_out $'1\n5' "--breached"
run --csv --no-header --columns id escalate list --account acme-corp
expect_out $'1\n3' "--account"
run --csv --no-header --columns id escalate list --severity medium
expect_out $'4\n5' "--severity"
run --csv --no-header --columns id escalate list --owner DANA
expect_out "1" "--owner, case-insensitive"
# A later --today: the critical one (due 2026-11-23 08:00) is breached on the 23rd's end.
run --today 2026-11-23 --csv --no-header --columns id escalate list --breached --severity critical
expect_out "3" "breached as of a later --today"
expect_fails 2 "--severity x is not valid" escalate list --severity x
expect_fails 1 "no account nope" escalate list --account nope
run escalate list --owner nobody
expect_status 0; expect_no_out "empty list prints nothing"

# update: each change is a timeline entry; severity moves the SLA target.
run escalate update 1 --status investigating --note "Looking at the query planner" --owner sam --at 2026-11-18T10:00
expect_status 0 "update"
expect_out "1"
check "update stored" [ "$(sql "SELECT status, owner FROM escalations WHERE id = 1")" = "investigating|sam" ]
run escalate update 2 --severity critical --at 2026-11-21T01:00
check "severity change recomputes the SLA target" [ "$(sql "SELECT sla_due_at FROM escalations WHERE id = 2")" = "2026-11-22T00:00:00Z" ]
check "update audited with from/to" [ "$(sql "SELECT json_extract(changes, '\$.severity.from') || '>' || json_extract(changes, '\$.severity.to') FROM events WHERE entity = 'escalation' AND action = 'update' AND entity_id = '2'")" = "low>critical" ]
expect_fails 2 "nothing to update" escalate update 1
expect_fails 2 "--status resolved is not valid (expected open, investigating or mitigating)" escalate update 1 --status resolved
expect_fails 2 "--severity huge is not valid" escalate update 1 --severity huge
expect_fails 2 "--note must not be empty" escalate update 1 --note ""
expect_fails 2 "ID x is not a valid id" escalate update x --note hi
expect_fails 1 "no escalation with id 99" escalate update 99 --note hi
expect_fails 2 "--at 2026-11-24 is in the future" escalate update 1 --note hi --at 2026-11-24
# The timeline only moves forward.
expect_fails 2 "--at 2026-11-18 09:30 is before the latest entry of escalation 1's timeline (2026-11-18 10:00)" escalate update 1 --note late --at 2026-11-18T09:30

# Corrective actions.
run escalate action add 1 "Add a query timeout" --owner lee --due +2w --at 2026-11-18T11:00
expect_out "1" "action add prints the action id"
run escalate action add 1 "Post-mortem" --at 2026-11-19
expect_out "2"
check "action stored" [ "$(sql "SELECT text, owner, due, done_on IS NULL FROM escalation_actions WHERE id = 1")" = "Add a query timeout|lee|2026-12-06|1" ]
expect_fails 2 "--due 2026-13-01 is not a valid date" escalate action add 1 X --due 2026-13-01
expect_fails 2 "TEXT must not be empty" escalate action add 1 ""
expect_fails 1 "no escalation with id 42" escalate action add 42 X
run escalate action done 1 --at 2026-11-19T12:00
expect_out "1" "action done"
check "action done stored" [ "$(sql "SELECT done_on FROM escalation_actions WHERE id = 1")" = "2026-11-19" ]
expect_fails 1 "action 1 is already done (on 2026-11-19)" escalate action done 1
expect_fails 2 "--at x is not a valid time" escalate action done 2 --at x
expect_fails 1 "no action with id 9" escalate action done 9
expect_fails 2 "ACTION_ID 0 is not a valid id" escalate action done 0
run --csv --no-header --columns id,open_actions escalate list --account acme-corp
expect_out $'1,1\n3,0' "open_actions counts undone actions"

# resolve: root cause required; time to resolve recorded; resolved after the target = breached.
expect_fails 2 "--root-cause" escalate resolve 1
expect_fails 2 "--root-cause must not be empty" escalate resolve 1 --root-cause " "
expect_fails 2 "--at 2026-11-17 00:00 is before the latest entry of escalation 1's timeline (2026-11-19 12:00)" escalate resolve 1 --root-cause x --at 2026-11-17
run escalate resolve 1 --root-cause "Missing index" --resolution "Index added" --at 2026-11-20T15:30
expect_status 0 "resolve"
expect_out "1"
check "resolved row" [ "$(sql "SELECT status, resolved_at, resolve_seconds, root_cause, resolution FROM escalations WHERE id = 1")" = "resolved|2026-11-20T15:30:00Z|196200|Missing index|Index added" ]
run escalate resolve 3 --root-cause "Bad deploy" --at 2026-11-22T09:00
run escalate resolve 5 --root-cause "Config" --at 2026-11-20
expect_fails 1 "escalation 1 is already resolved" escalate resolve 1 --root-cause x
expect_fails 1 "escalation 1 is resolved; reopen it first" escalate update 1 --status mitigating
# 1: high, due 11-21 09:00, resolved 11-20 15:30 (54.5 h) → within; 3: within; 5: after its target.
run --csv --columns id,status,breached,resolve_hours escalate list
expect_out $'id,status,breached,resolve_hours\n1,resolved,false,54.5\n2,open,true,\n3,resolved,false,1.0\n4,open,false,\n5,resolved,true,456.0'
run --csv --no-header --columns id escalate list --open
expect_out $'2\n4' "--open"
run --csv --no-header --columns id escalate list --breached --open
expect_out "2" "--breached --open"

# show: details, actions and the timeline in order.
run escalate show 1
expect_status 0 "show"
expect_out_has "Escalation 1: Reporting outage"
expect_out_has "root_cause     Missing index"
expect_out_has "Add a query timeout"
expect_out_has "2026-11-18 09:00  opened"
expect_out_has "status open → investigating"
expect_out_has "owner dana → sam"
expect_out_has "Looking at the query planner"
expect_out_has "action 1 done: Add a query timeout"
expect_out_has "resolved; root cause: Missing index; resolution: Index added"
run --json escalate show 1
check "show --json: details, actions, timeline" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["id"]==1 and d["root_cause"]=="Missing index" and d["breached"] is False and len(d["actions"])==2 and d["timeline"][0]["kind"]=="opened" and d["timeline"][-1]["kind"]=="resolved" and d["timeline"][0]["at"]=="2026-11-18T09:00:00Z"' "$out"
run --csv escalate show 1
expect_out_has $'at,kind,text\n2026-11-18T09:00:00Z,opened,opened (high): Reporting outage' "show --csv is the timeline"
expect_fails 1 "no escalation with id 77" escalate show 77
expect_fails 2 "ID abc is not a valid id" escalate show abc

# reopen: open again, resolution cleared from the row but kept in the timeline.
run escalate reopen 1 --at 2026-11-22T12:00
expect_out "1" "reopen"
check "reopened row" [ "$(sql "SELECT status, resolved_at IS NULL, root_cause IS NULL FROM escalations WHERE id = 1")" = "open|1|1" ]
check "timeline keeps the resolution" [ "$(sql "SELECT count(*) FROM escalation_updates WHERE escalation_id = 1 AND kind IN ('resolved', 'reopened')")" = 2 ]
expect_fails 1 "escalation 2 is not resolved" escalate reopen 2
run --csv --no-header --columns id,breached escalate list --account acme-corp --open
expect_out "1,true" "reopened past its target: breached"

# History: an account with escalations is not removed without --force.
expect_fails 1 "has 2 escalations and 2 escalation actions;" account rm acme-corp
run --csv --no-header --columns key,open_escalations account list
expect_out $'acme-corp,1\nglobex,2' "open_escalations in account list"
finish
