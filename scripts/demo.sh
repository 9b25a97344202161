#!/usr/bin/env bash
# Install what is missing, build, build the demo workspace from examples/, and show
# acm's main job on it: the portfolio, renewals, escalations and the reports.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
export PATH="$PWD/${ACM_BUILD_DIR:-build}:$PATH"
# The demo workspace is dated relative to 2026-11-22; view it as of that day too, with
# the demo's config (base currency and exchange rates).
export ACM_TODAY=${ACM_TODAY:-2026-11-22} ACM_CONFIG=$PWD/examples/config.toml
workspace=${ACM_DEMO_WORKSPACE:-$PWD/build/demo.db}
rm -f "$workspace" "$workspace"-wal "$workspace"-shm
examples/demo-workspace.sh "$workspace" >/dev/null
echo "== acm -w $workspace account list"
acm -w "$workspace" account list
echo
echo "== acm -w $workspace account show acme-corp"
acm -w "$workspace" account show acme-corp
echo
echo "== acm -w $workspace renewal list"
acm -w "$workspace" renewal list
echo
echo "== acm -w $workspace renewal forecast --period 2027-Q1"
acm -w "$workspace" renewal forecast --period 2027-Q1
echo
echo "== acm -w $workspace escalate list --open"
acm -w "$workspace" escalate list --open
echo
echo "== acm -w $workspace report portfolio --by owner"
acm -w "$workspace" report portfolio --by owner
echo
echo "== acm -w $workspace report retention --period 2026 --by quarter"
acm -w "$workspace" report retention --period 2026 --by quarter
echo
echo "== acm -w $workspace report health --at-risk"
acm -w "$workspace" report health --at-risk
