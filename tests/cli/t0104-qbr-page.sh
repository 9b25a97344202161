#!/usr/bin/env bash
# The QBR page as a customer gets it: `report account --format html` parsed with an HTML
# parser — a summary first, headings for people, SVG charts with axes and text labels, months
# without data as gaps, nothing loaded from anywhere, no script, and none of the team's
# figures unless --internal; its Markdown twin has the same sections; -o writes a private
# file; a terminal gets a hint instead of markup.
. "$(dirname "$0")/lib.sh"
run init
run account add "Acme Corp" --key acme --owner ann --segment enterprise --tier strategic
run contract add acme --start 2026-01-01 --end 2026-12-31 --arr 120k
run contract amend 1 --arr 150k --effective 2026-07-01
run renewal update 1 --risk high --forecast 90k --reason "budget freeze"
run account usage add acme --date 2026-03-10 --active-users 80 --logins 400
run account usage add acme --date 2026-09-10 --active-users 120 --logins 700
run feedback add acme --nps 9 --text "Great dashboards" --date 2026-05-01
run feedback add acme --nps 2 --text "Exports break" --date 2026-10-01
run feedback add acme --csat 4 --date 2026-10-15
run escalate open acme "Export failures" --severity high --at 2026-10-02T09:00
run escalate resolve 1 --root-cause "timeout" --at 2026-10-03T09:00
run escalate open acme "Slow search" --severity low --at 2026-11-01T09:00
run account milestone add acme "Go-live" --due 2026-02-01
run account milestone done 1 --date 2026-02-10
run account opportunity add acme "Secret upsell" --value 40k --probability 50
run account note add acme "Champion is leaving" --kind call --date 2026-11-02

# What the parser collects: headings, table headers and cells, SVG text, tag names and
# attributes, the record rows.
cat >"$SCRATCH/page.py" <<'PY'
import json, sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.h1, self.h2, self.th, self.td, self.svg_text = [], [], [], [], [], []
        self.tags, self.attrs, self.svgs, self.rects, self.lines, self.style = [], [], 0, 0, 0, ""
        self.tables = []  # each a list of rows, each the texts of its cells
    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.tags.append(tag)
        self.attrs += attrs
        self.svgs += tag == "svg"
        self.rects += tag == "rect"
        self.lines += tag == "line"
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self.tables[-1][-1].append("")
    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass
    def handle_data(self, data):
        if not self.stack or not data.strip():
            return
        where = self.stack[-1]
        if where == "style":
            self.style += data
        elif where == "text":
            self.svg_text.append(data)
        elif where in ("h1", "h2", "th", "td"):
            getattr(self, where).append(data)
        if where in ("th", "td"):
            self.tables[-1][-1][-1] += data

page = Page()
page.feed(open(sys.argv[1], encoding="utf-8").read())
json.dump({k: v for k, v in vars(page).items() if k in ("h1", "h2", "th", "td", "svg_text", "tags", "attrs", "svgs",
                                                        "rects", "lines", "style", "tables")}, sys.stdout)
PY

"$ACM" --format html report account acme --period 2026 >"$SCRATCH/page.html" 2>"$SCRATCH/stderr"
status=$?
expect_status 0 "report account --format html"
python3 "$SCRATCH/page.py" "$SCRATCH/page.html" >"$SCRATCH/page.json"
check "the customer's page" python3 - "$SCRATCH/page.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
assert p["h1"] == ["Acme Corp — review 2026-01-01 to 2026-12-31"], p["h1"]
assert p["h2"][0] == "Summary of the period", p["h2"]
# The summary: ARR and its change, renewal date, adoption and trend, NPS/CSAT, escalations, milestones.
summary = dict(p["tables"][0])
assert summary["ARR"] == "150,000.00 EUR (+150,000.00 EUR since 2025-12-31)", summary
assert summary["Renewal date"] == "2026-12-31", summary
assert summary["Adoption"] == "120 active users a day in 2026-09 (up from 80 in 2026-03)", summary
assert summary["NPS"] == "0.0" and summary["CSAT"] == "100.0%", summary
assert summary["Escalations"] == "2 opened, 1 resolved" and summary["Milestones reached"] == "1", summary
# (CSAT: the share of answers of 4 or 5.) Headings for people, never snake_case.
assert all("_" not in h for h in p["th"] + p["h2"]), [h for h in p["th"] if "_" in h]
for heading in ("Mean active users", "Notice deadline", "CSAT responses", "Open at end"):
    assert heading in p["th"], heading
# None of the team's figures: health, risk, forecast, pipeline, negative flags, ids, keys, notes.
text = " ".join(p["h2"] + p["th"] + p["td"] + p["svg_text"])
for internal in ("Health", "health", "Risk", "risk", "Forecast", "90,000", "Weighted", "Opportunit", "Secret upsell",
                 "Negative", "Follow up", "ID", "strategic", "enterprise", "Champion is leaving", "budget freeze"):
    assert internal not in text, internal
assert "acme" not in p["td"], "the account key"
# Charts: inline SVG bars on axes, labelled with text (the months and the values).
assert p["svgs"] == 2 and p["lines"] >= 2 * 7, (p["svgs"], p["lines"])   # two axes and five gridlines each
for label in ("ARR (EUR)", "2026-01", "2026-12", "120k", "150k", "Mean active users", "80", "120"):
    assert label in p["svg_text"], (label, p["svg_text"])
# Months without usage are gaps: twelve bars of ARR, two of usage.
assert p["rects"] == 12 + 2, p["rects"]
# One self-contained file: nothing to load, nothing to run.
assert "script" not in p["tags"] and "iframe" not in p["tags"] and "link" not in p["tags"], p["tags"]
for name, value in p["attrs"]:
    assert name not in ("src", "href") and not name.startswith("on"), (name, value)
    assert "http:" not in (value or "") and "https:" not in (value or ""), value
assert "url(" not in p["style"] and "@import" not in p["style"], p["style"]
assert "@media print" in p["style"] and "@page" in p["style"], "print CSS"
PY

"$ACM" --format html report account acme --period 2026 --internal >"$SCRATCH/internal.html" 2>/dev/null
python3 "$SCRATCH/page.py" "$SCRATCH/internal.html" >"$SCRATCH/internal.json"
check "--internal: the team's figures too" python3 - "$SCRATCH/internal.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
assert "Health" in p["h2"] and "Open opportunities" in p["h2"], p["h2"]
for header in ("Health score", "Risk", "Forecast", "Weighted value", "Negative", "ID", "Key", "Tier"):
    assert header in p["th"], header
assert "Secret upsell" in p["td"] and "high" in p["td"] and "90,000.00 EUR" in p["td"], p["td"]
PY

# The Markdown twin: the same sections in the same order, the same summary.
run --format md report account acme --period 2026
expect_status 0 "report account --format md"
printf '%s\n' "$out" >"$SCRATCH/page.md"
check "markdown: the html page's sections" python3 - "$SCRATCH/page.json" "$SCRATCH/page.md" <<'PY'
import json, re, sys
html = json.load(open(sys.argv[1]))
md = open(sys.argv[2], encoding="utf-8").read()
assert md.startswith("# Acme Corp — review 2026-01-01 to 2026-12-31\n"), md[:80]
sections = re.findall(r"^## (.*)$", md, re.M)
assert sections == html["h2"], (sections, html["h2"])
assert "- **ARR**: 150,000.00 EUR (+150,000.00 EUR since 2025-12-31)" in md
assert "| Month | Mean active users | Logins | Days |" in md
for internal in ("Health", "Risk", "Secret upsell", "Negative", "| ID |"):
    assert internal not in md, internal
PY
run --format md report account acme --period 2026 --internal
expect_out_has "## Health" "markdown --internal: the health section"
expect_out_has "Secret upsell"

# -o FILE: a new private file, written whole; an existing one only with --force.
run --format html report account acme --period 2026 -o "$SCRATCH/qbr.html"
expect_status 0 "-o FILE"
expect_out "$SCRATCH/qbr.html" "-o prints the path"
check "-o: the page" cmp -s "$SCRATCH/qbr.html" "$SCRATCH/page.html"
check "-o: mode 0600" [ "$(stat -c %a "$SCRATCH/qbr.html")" = 600 ]
expect_fails 1 "exists" --format html report account acme --period 2026 -o "$SCRATCH/qbr.html"
run --format md report account acme --period 2026 -o "$SCRATCH/qbr.html" --force
expect_status 0 "-o FILE --force replaces it"
check "--force: the markdown now" grep -q '^## Summary of the period' "$SCRATCH/qbr.html"
expect_fails 1 "cannot" --format html report account acme -o "$SCRATCH/no/such/folder/qbr.html"
check "no file left behind" [ -z "$(ls "$SCRATCH" | grep -v -e '^qbr.html$' -e '^ws.db' -e '^page' -e '^internal' \
  -e '^std' -e '^home$' -e '^snapshot$')" ]
expect_fails 2 "--format md is not valid" --format md account list
expect_fails 2 "--format html is not valid" --format html report briefing

# A terminal gets a hint, not markup: exit 2, nothing written.
if command -v script >/dev/null; then
  script -qec "$ACM --format html report account acme; echo status=\$?" /dev/null >"$SCRATCH/tty" 2>&1 </dev/null
  check "html on a terminal: refused with exit 2" grep -q 'status=2' "$SCRATCH/tty"
  check "html on a terminal: the hint" grep -q 'redirect it (> page.html) or use -o FILE' "$SCRATCH/tty"
  check "html on a terminal: no markup" [ "$(grep -c '<html' "$SCRATCH/tty")" = 0 ]
  script -qec "$ACM --format html report account acme -o $SCRATCH/tty.html; echo status=\$?" /dev/null \
    >"$SCRATCH/tty" 2>&1 </dev/null
  check "html -o FILE from a terminal: written" grep -q '<svg' "$SCRATCH/tty.html"
  rm -f "$SCRATCH/tty.html"
else
  echo "skipped: the terminal part (no script command)"
fi

finish
