#!/usr/bin/env bash
# One concept, one JSON shape in every command: the same account in account list, account
# show, report health and report account has the same keys with the same types and values;
# health is the color and health_score the number; open_escalations is a count; tags,
# top_categories and top_root_causes are arrays; the audit log's changes are an object.
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp." --key acme --segment enterprise --tag flagship --tag reference
run account add "Globex" --segment smb
run contract add acme --start 2026-01-01 --end 2026-12-31 --arr 120k --title "Platform"
run escalate open acme "Outage" --severity high --at 2026-11-20T10:00
run escalate open acme "Slow" --severity low --at 2026-11-21T10:00
run escalate open globex "Billing" --severity low --at 2026-10-01T10:00
run escalate resolve 3 --root-cause "config error" --at 2026-10-02T10:00
run feedback add acme --nps 3 --category billing --text "Slow" --date 2026-11-10
run feedback add acme --nps 9 --category billing --date 2026-11-11
run feedback add acme --csat 2 --category onboarding --date 2026-11-12
run account note add acme "QBR" --kind qbr --date 2026-11-15
run account edit acme --tier strategic

run --json account list
list=$out
run --json account show acme
show=$out
expect_status 0 "account show --json"
run --json report health
health=$out
run --json report account acme --period 2026
review=$out

check "account list, account show, report health and report account agree on every key they share" \
  python3 - "$list" "$show" "$health" "$review" <<'PY'
import json, sys
listed = {a["key"]: a for a in json.loads(sys.argv[1])}["acme"]
show = json.loads(sys.argv[2])
health = {a["key"]: a for a in json.loads(sys.argv[3])}["acme"]
review = json.loads(sys.argv[4])["account"]
# The account show record carries every key of the listing.
assert set(listed) <= set(show), set(listed) - set(show)
for name, other in (("account show", show), ("report health", health), ("report account", review)):
    for key in set(listed) & set(other):
        a, b = listed[key], other[key]
        assert type(a) is type(b) and a == b, (name, key, a, b)
for key in ("health", "health_score"):
    assert key in health and key in review, key
PY

check "account show: health, health_score, health_components, open_escalations, escalations, tags" \
  python3 - "$show" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert d["health"] in ("red", "yellow", "green"), d["health"]
assert isinstance(d["health_score"], float), d["health_score"]
comps = d["health_components"]
assert isinstance(comps, list) and [c["component"] for c in comps] == ["nps", "csat", "escalations", "usage", "engagement"], comps
assert set(comps[0]) == {"component", "value", "weight", "share", "input", "profile"}, comps[0]
assert all(c["profile"] == "default" for c in comps), comps
assert d["open_escalations"] == 2 and isinstance(d["open_escalations"], int), d["open_escalations"]
assert [e["title"] for e in d["escalations"]] == ["Outage", "Slow"], d["escalations"]
assert d["tags"] == ["flagship", "reference"], d["tags"]
assert isinstance(d["follow_ups"], list) and len(d["follow_ups"]) == 2, d["follow_ups"]
assert isinstance(d["contracts"], list) and d["contracts"][0]["title"] == "Platform", d["contracts"]
PY

check "account list: tags is an array of strings, [] without tags" python3 - "$list" <<'PY'
import json, sys
rows = {a["key"]: a for a in json.loads(sys.argv[1])}
assert rows["acme"]["tags"] == ["flagship", "reference"] and rows["globex"]["tags"] == [], rows
assert rows["acme"]["open_escalations"] == 2 and rows["globex"]["open_escalations"] == 0, rows
PY

check "report health: health is the color, health_score the number" python3 - "$health" <<'PY'
import json, sys
for row in json.loads(sys.argv[1]):
    assert "score" not in row and "color" not in row, row
    assert isinstance(row["health"], str), row
PY

run --json report feedback --period 2026
check "report feedback: top_categories is [{category, count}]" python3 - "$out" <<'PY'
import json, sys
(r,) = json.loads(sys.argv[1])
assert r["top_categories"] == [{"category": "billing", "count": 2}, {"category": "onboarding", "count": 1}], r
PY
run --json report escalations --period 2026
check "report escalations: top_root_causes is [{root_cause, count}]" python3 - "$out" <<'PY'
import json, sys
(r,) = json.loads(sys.argv[1])
assert r["top_root_causes"] == [{"root_cause": "config error", "count": 1}], r
PY

check "report account: health_components, escalations, and figures of the period as objects" \
  python3 - "$review" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
assert r["account"]["health"] in ("red", "yellow", "green"), r["account"]
assert [c["component"] for c in r["health_components"]][0] == "nps", r["health_components"]
assert [e["title"] for e in r["escalations"]] == ["Outage", "Slow"], r["escalations"]
assert r["feedback_stats"]["top_categories"][0] == {"category": "billing", "count": 2}, r["feedback_stats"]
assert isinstance(r["escalation_stats"]["opened"], int), r["escalation_stats"]
PY

run --json report health --explain acme
check "report health --explain: the score as in report health, components as in account show" \
  python3 - "$out" "$show" <<'PY'
import json, sys
d, show = json.loads(sys.argv[1]), json.loads(sys.argv[2])
assert d["key"] == "acme" and d["health"] == show["health"] and d["health_score"] == show["health_score"], d
assert d["health_components"] == show["health_components"], d
PY

run --json log --limit 1
check "log: changes is an object, an edit's change {from, to}" python3 - "$out" <<'PY'
import json, sys
(event,) = json.loads(sys.argv[1])
assert event["changes"] == {"tier": {"from": None, "to": "strategic"}}, event
PY

# Changes kept as text may come from an imported file: only a JSON object is written as one,
# its strings escaped as every string is; anything else stays a string.
sql "UPDATE events SET changes = '{\"text\": \"a\\u202eb\", \"n\": [1, -2.5e3, true, null]}' WHERE id = 1"
sql "UPDATE events SET changes = '{\"text\": broken' WHERE id = 2"
run --json log
expect_out_lacks $'\u202e' "a bidi override in changes is escaped"
check "log: changes re-encoded when an object, a string otherwise" python3 - "$out" <<'PY'
import json, sys
events = {e["id"]: e for e in json.loads(sys.argv[1])}
assert events[1]["changes"] == {"text": "a\u202eb", "n": [1, -2500.0, True, None]}, events[1]
assert events[2]["changes"] == '{"text": broken', events[2]
PY

# Unchanged, as guards (these pass before the change too): csv keeps lists as one text cell,
# and a show's table look stays: the record's lines, then titled tables.
run --csv --columns key,tags account list
expect_out $'key,tags\nacme,"flagship,reference"\nglobex,' "csv: tags as one cell, as account import reads them"
run --csv --columns top_categories report feedback --period 2026
expect_out $'top_categories\n"billing (2), onboarding (1)"' "csv: top categories as text"
run account show acme
expect_out_has "Acme Corp. (acme)" "show: title"
expect_out_has "  tags         flagship, reference" "show: tags joined for people"
expect_out_has "  last touch   2026-11-15 (7 days ago)" "show: last touch with its age"
expect_out_has "Open escalations" "show: escalations section"
expect_out_lacks "open escalations  2" "show: the count is not a line of its own"

finish
