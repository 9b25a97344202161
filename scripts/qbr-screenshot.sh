#!/usr/bin/env bash
# Draws docs/qbr-page.png, the README's picture of the QBR page: the review of acme-corp in
# the demo workspace as the customer gets it, drawn by headless Chromium in a 1024 px window.
# Run after scripts/build.sh (ACM_BUILD_DIR as there); needs chromium (scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/${ACM_BUILD_DIR:-build}:$PATH"
export ACM_TODAY=2026-11-22 ACM_CONFIG=$PWD/examples/config.toml
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
examples/demo-workspace.sh "$scratch/demo.db" >/dev/null
acm -w "$scratch/demo.db" --format html report account acme-corp -o "$scratch/qbr.html" >/dev/null
# Chromium's sandbox cannot run as root (containers): there, without it.
sandbox=()
[ "$(id -u)" -eq 0 ] && sandbox=(--no-sandbox)
chromium --headless "${sandbox[@]}" --disable-gpu --hide-scrollbars --user-data-dir="$scratch/chromium" \
  --window-size=1024,1500 --screenshot="$scratch/qbr.png" "file://$scratch/qbr.html" >/dev/null 2>&1
mkdir -p docs
cp "$scratch/qbr.png" docs/qbr-page.png
echo docs/qbr-page.png
