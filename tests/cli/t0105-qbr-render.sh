#!/usr/bin/env bash
# The QBR page as a browser draws it: headless Chromium lays it out in a 1024 px window and in
# the width of a printed A4 page, and nothing may stick out (no horizontal scrolling) even with
# long unbroken text and three years of monthly bars; it renders a PNG 1024 px wide and a PDF.
# The measuring script is added to a copy of the page only: acm's page has none.
# Skipped (exit 77) where Chromium is not installed: scripts/install-deps.sh installs it.
. "$(dirname "$0")/lib.sh"
browser=$(command -v chromium || command -v chromium-browser) || { echo "skipped: no chromium"; exit 77; }
# Chromium's sandbox cannot run as root (CI containers): there, without it.
sandbox=(); [ "$(id -u)" -eq 0 ] && sandbox=(--no-sandbox)
chromium() {
  timeout 60 "$browser" --headless "${sandbox[@]}" --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$SCRATCH/chromium" "$@" 2>>"$SCRATCH/chromium.log"
}

run init
long=$(printf 'Unbroken%.0s' {1..40})
run account add "Worldwide Logistics and Transport Holdings International" --key wlth
run contract add wlth --start 2024-01-01 --end 2024-12-31 --arr 1.2m --title "Platform $long"
run contract add wlth --start 2025-01-01 --end 2026-12-31 --arr 1.5m
for month in 01 04 07 10; do
  run account usage add wlth --date "2025-$month-15" --active-users 1200 --logins 98000
done
run feedback add wlth --nps 9 --text "$long $long" --category "reporting-$long" --date 2026-05-01
run escalate open wlth "Outage $long" --severity high --at 2026-11-01T09:00
run account milestone add wlth "Milestone $long" --due 2026-02-01

"$ACM" --format html report account wlth --from 2024-01-01 --to 2026-12-31 >"$SCRATCH/page.html" 2>"$SCRATCH/stderr"
status=$?
expect_status 0 "report account --format html"

# The measuring script: the page's width, how wide its content scrolls, and every element whose
# right edge is beyond the window's.
cat >"$SCRATCH/measure.js" <<'JS'
const width = document.documentElement.clientWidth;
const over = [...document.body.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > width + 0.5)
  .map(e => e.tagName + ": " + (e.textContent || "").slice(0, 40));
document.getElementById("measured").textContent =
  JSON.stringify({width: width, scroll: document.documentElement.scrollWidth, over: over});
JS
python3 - "$SCRATCH/page.html" "$SCRATCH/measure.js" >"$SCRATCH/measure.html" <<'PY'
import sys
page, script = open(sys.argv[1], encoding="utf-8").read(), open(sys.argv[2]).read()
assert page.count("</body>") == 1
sys.stdout.write(page.replace("</body>", '<pre id="measured"></pre><script>' + script + "</script></body>"))
PY
# width WIDTH: the copy laid out in a window WIDTH px wide, as the script measured it.
width() {
  chromium --window-size="$1,900" --dump-dom "file://$SCRATCH/measure.html" |
    python3 -c 'import html, re, sys; m = re.search(r"<pre id=\"measured\">(.*?)</pre>", sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else "")'
}
for window in 1024 690; do   # 690 px: A4 less the print margins (210 mm − 2 × 14 mm at 96 px an inch)
  measured=$(width $window)
  check "at $window px: measured ($measured)" [ -n "$measured" ]
  check "at $window px: no horizontal scrolling, nothing sticks out ($measured)" python3 - "$measured" "$window" <<'PY'
import json, sys
m = json.loads(sys.argv[1])
assert m["width"] == int(sys.argv[2]) and m["scroll"] <= m["width"], m
assert m["over"] == [], m["over"]
PY
done

chromium --window-size=1024,3000 --screenshot="$SCRATCH/page.png" "file://$SCRATCH/page.html" >/dev/null
check "a PNG 1024 px wide" python3 - "$SCRATCH/page.png" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
assert struct.unpack(">I", data[16:20])[0] == 1024, struct.unpack(">II", data[16:24])
PY
chromium --no-pdf-header-footer --print-to-pdf="$SCRATCH/page.pdf" "file://$SCRATCH/page.html" >/dev/null
check "a PDF of whole pages" python3 - "$SCRATCH/page.pdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
assert data.startswith(b"%PDF-"), data[:8]
pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
assert 1 <= pages <= 6, pages
PY
[ "$failed" -eq 0 ] || grep -v -e dbus -e 'unexpected operator' "$SCRATCH/chromium.log" | tail -n 20 >&2
finish
