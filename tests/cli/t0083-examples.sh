#!/usr/bin/env bash
# examples/: the pipeline recipes (jq always, Miller when installed) give on the demo
# workspace what acm's own CSV says, and examples/config.toml lists every config key.
. "$(dirname "$0")/lib.sh"
SRC=${ACM_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
link_acm
export PATH="$SCRATCH/bin:$PATH" ACM_CONFIG=$SRC/examples/config.toml
"$SRC/examples/demo-workspace.sh" "$ACM_WORKSPACE" >/dev/null
recipes=$SRC/examples/pipelines.sh

# recipe NAME: runs it, keeping status, stdout and stderr.
recipe() {
  "$recipes" "$1" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr"
  status=$?
  out=$(cat "$SCRATCH/stdout")
  err=$(cat "$SCRATCH/stderr")
}
# What acm's CSV says, computed with awk: the reference each recipe must match.
csv() { "$ACM" --csv --no-header "$@"; }

status=0 out=$("$recipes")
check "pipelines.sh lists its recipes" [ "$(printf '%s\n' "$out" | grep -c .)" -ge 8 ]
recipe no-such-recipe
expect_status 2 "an unknown recipe"
expect_err_has "unknown recipe 'no-such-recipe'"

recipe arr-by-owner
expect_status 0 "arr-by-owner"
want=$(csv account list --columns owner,arr | awk -F, '{ arr[$1] += $2; n[$1]++ } END { for (o in arr) printf "%s\t%d\t%g\n", o, n[o], arr[o] }' | sort -t$'\t' -k3,3nr)
expect_out "$want" "arr-by-owner: ARR and count per owner, largest first"
check "arr-by-owner has the demo's three owners" [ "$(printf '%s\n' "$out" | wc -l)" -eq 3 ]

recipe red-accounts
expect_out "$(csv account list --health red --columns key)" "red-accounts: the keys of the red accounts"
check "the demo has red accounts" [ -n "$out" ]

recipe breached
expect_status 0 "breached"
want=$(csv escalate list --open --breached --columns account,title,severity | awk -F, '{ printf "%s: %s (%s, due ", $1, $2, $3 }')
check "breached: one line per breached escalation" [ "$(printf '%s\n' "$out" | grep -c .)" = "$(csv escalate list --open --breached --columns id | grep -c .)" ]
expect_out_has "$want" "breached: account, title and severity"

recipe arr-at-risk
expect_out "$(csv renewal list --risk high --columns arr | awk '{ s += $1 } END { printf "%g\n", s }')" "arr-at-risk: the sum"
check "the demo has ARR at risk" [ "$out" != 0 ]

recipe detractors
want=$(csv feedback list --negative --columns account | sort | uniq -c | awk '{ printf "%s\t%s\n", $2, $1 }' | sort -t$'\t' -k2,2nr -k1,1)
expect_out "$want" "detractors: negative feedback per account"

recipe renewals-by-month
want=$(csv renewal list --columns due,arr | awk -F, '{ m = substr($1, 1, 7); n[m]++; s[m] += $2 } END { for (k in n) printf "%s\t%d\t%g\n", k, n[k], s[k] }' | sort)
expect_out "$want" "renewals-by-month: count and ARR per month"

recipe table-sizes
want=$(for table in $(sql "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('account_versions', 'undo_log') ORDER BY name"); do
  printf '%s\t%s\n' "$table" "$(sql "SELECT count(*) FROM $table")"; done)
expect_out "$want" "table-sizes: rows per table, as sqlite3 counts them"

if command -v mlr >/dev/null; then
  recipe mlr-arr-by-segment
  expect_status 0 "mlr-arr-by-segment"
  expect_out_has "$(printf 'segment    arr_sum arr_count')" "mlr-arr-by-segment: header"
  for segment in $(csv account list --columns segment | sort -u); do
    sum=$(csv account list --columns segment,arr | awk -F, -v s="$segment" '$1 == s { t += $2 } END { printf "%g", t }')
    check "mlr-arr-by-segment: $segment sums to $sum" grep -qE "^$segment +$sum " "$SCRATCH/stdout"
  done
  recipe mlr-top-accounts
  expect_out_has "$(csv account list --columns key,arr | sort -t, -k2,2nr | head -n 1 | cut -d, -f1)" "mlr-top-accounts: the largest first"
  check "mlr-top-accounts: a header and three rows" [ "$(printf '%s\n' "$out" | wc -l)" -eq 4 ]
  recipe mlr-high-risk
  check "mlr-high-risk: JSON with the high-risk renewals' accounts" \
    [ "$(jq -r '.[].account' "$SCRATCH/stdout")" == "$(csv renewal list --risk high --columns account)" ]
  check "mlr-high-risk: only the chosen fields" [ "$(jq -c '.[0] | keys_unsorted' "$SCRATCH/stdout")" = '["account","due","arr","plan"]' ]
else
  echo "note: mlr (miller) is not installed: skipping the Miller recipes"
fi

# --- examples/config.toml: every key, set or commented with its default ----------------------
unset ACM_CONFIG
keys=$("$ACM" --csv --no-header config list --columns key)
check "config list has keys" [ "$(printf '%s\n' "$keys" | grep -c .)" -ge 20 ]
# section.key for each "key = …" or "# key = …" line, under its [section].
listed=$(awk '/^\[/ { gsub(/[][]/, ""); section = $0 "."; next }
  /^(# )?[a-z_-]+ = / { sub(/^# /, ""); print section $1 }' "$SRC/examples/config.toml" | sort -u)
for key in $keys; do
  check "examples/config.toml lists $key" grep -qFx "$key" <<<"$listed"
done
# Uncommented, every commented line is a valid setting (the first of a key's alternatives).
awk '/^# [a-z_-]+ = / { key = $2; if (!seen[FILENAME, section, key]++) sub(/^# /, "") } /^\[/ { section = $0 } { print }' \
  "$SRC/examples/config.toml" >"$SCRATCH/all.toml"
ACM_CONFIG=$SCRATCH/all.toml "$ACM" --csv --no-header config list --columns key,origin >"$SCRATCH/origins" 2>"$SCRATCH/stderr"
check "examples/config.toml with every line uncommented is valid" [ ! -s "$SCRATCH/stderr" ]
check "… and sets every key" [ -z "$(grep -v "$SCRATCH/all.toml" "$SCRATCH/origins")" ]
ACM_CONFIG=$SRC/examples/config.toml run config list --csv --no-header --columns key,origin
expect_status 0 "examples/config.toml as it is"

finish
