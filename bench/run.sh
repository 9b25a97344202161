#!/usr/bin/env bash
# Runs the benchmark of SPEC §7 against a Release build and prints its table.
# Usage: bench/run.sh [--scale 0.1,1,3] [--runs 5] [--import-runs 3] [--instructions] [--work DIR] [--json FILE]
# Builds build-release/ first when it has no acm (ACM_BENCH_ACM names another binary).
# Not part of the test suite: timings depend on the machine and its load.
set -euo pipefail
cd "$(dirname "$0")/.."
acm=${ACM_BENCH_ACM:-build-release/acm}
if [ ! -x "$acm" ]; then
  ACM_BUILD_DIR=build-release ACM_BUILD_TYPE=Release scripts/build.sh
fi
exec /usr/bin/python3 bench/bench.py --acm "$acm" "$@"
