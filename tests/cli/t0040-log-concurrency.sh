#!/usr/bin/env bash
# acm log, and two writers at the same time (a cron job and a person).
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp."
run account add "Globex"
run account edit acme-corp --tier strategic
run account note add globex "Call" --date 2026-11-20

run --csv --columns action,entity,entity_id,account log
expect_out $'action,entity,entity_id,account\nadd,note,1,globex\nedit,account,acme-corp,acme-corp\nadd,account,globex,globex\nadd,account,acme-corp,acme-corp\ninit,workspace,'"$ACM_WORKSPACE"',' "log, newest first"
run --csv --no-header --columns action log --account globex
expect_out $'add\nadd' "log --account"
run --json log --limit 1
check "log json has a UTC timestamp and the command" python3 - "$out" <<'PY'
import json, re, sys
event = json.loads(sys.argv[1])[0]
assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", event["at"]), event
assert event["command"] == "acm account note add globex Call --date 2026-11-20", event
assert event["changes"]["text"] == "Call", event  # an object, not JSON in a string
PY
run --csv --no-header --columns action log --since 2999-01-01
expect_no_out "log --since in the future is empty"
run --csv --no-header --columns action log --since 7d --limit 1
expect_out "add" "log --since accepts a window"
expect_fails 2 "--since someday is not valid" log --since someday

# Two writers at once: every write lands, none fails with "database is locked".
for writer in a b; do
  (for i in $(seq 1 25); do "$ACM" -q account add "Writer $writer $i" >/dev/null 2>>"$SCRATCH/errors-$writer" || echo "fail $i" >>"$SCRATCH/errors-$writer"; done) &
done
wait
check "no writer failed" [ ! -s "$SCRATCH/errors-a" ] && check "no writer b failure" [ ! -s "$SCRATCH/errors-b" ]
check "all 50 concurrent writes landed" [ "$(sql "SELECT count(*) FROM accounts WHERE key LIKE 'writer-%'")" = 50 ]
check "integrity ok" [ "$(sql 'PRAGMA integrity_check')" = ok ]

finish
