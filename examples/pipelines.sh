#!/usr/bin/env bash
# Pipeline recipes: acm's CSV and JSON output into jq and Miller (mlr).
# Usage: pipelines.sh RECIPE      (pipelines.sh alone lists them)
# The workspace is the usual one (-w is not needed: set ACM_WORKSPACE), e.g.
#   ACM_WORKSPACE=build/demo.db ACM_TODAY=2026-11-22 ACM_CONFIG=examples/config.toml \
#     examples/pipelines.sh arr-by-owner
# Each recipe is one pipeline (after its name and comment): copy it into your shell.
set -euo pipefail

case ${1:-} in
# --- jq ----------------------------------------------------------------------------------
arr-by-owner) # ARR and accounts per owner, largest book first (TSV).
  acm --json account list | jq -r 'group_by(.owner) | map({owner: .[0].owner, accounts: length, arr: (map(.arr) | add)})
    | sort_by(-.arr)[] | [.owner, .accounts, .arr] | @tsv' ;;
red-accounts) # The keys of the red accounts, one per line: feed them to other commands.
  acm --json account list --health red | jq -r '.[].key' ;;
breached) # Open escalations past their SLA, one line each, for a chat message.
  acm --json escalate list --open --breached | jq -r '.[] | "\(.account): \(.title) (\(.severity), due \(.sla_due_at))"' ;;
arr-at-risk) # ARR of the open renewals at high risk, in the base currency.
  acm --json renewal list --risk high | jq '[.[].arr] | add // 0' ;;
detractors) # Negative feedback per account, most first.
  acm --json feedback list --negative | jq -r 'group_by(.account) | map([.[0].account, length])
    | sort_by(-.[1])[] | @tsv' ;;
renewals-by-month) # Open renewals per month of their due date: count and ARR.
  acm --json renewal list | jq -r 'group_by(.due[0:7])[] | [.[0].due[0:7], length, (map(.arr) | add)] | @tsv' ;;
table-sizes) # Rows per table of the whole workspace, from acm export.
  acm export | jq -r '.tables | to_entries[] | [.key, (.value | length)] | @tsv' ;;
# --- Miller (mlr) ---------------------------------------------------------------------------
mlr-arr-by-segment) # ARR sum and account count per segment, as an aligned table.
  acm --csv account list --columns segment,arr | mlr --icsv --opprint stats1 -a sum,count -f arr -g segment ;;
mlr-top-accounts) # The three largest accounts by ARR.
  acm --csv account list --columns key,owner,arr | mlr --icsv --opprint sort -nr arr then head -n 3 ;;
mlr-high-risk) # High-risk renewals as JSON with only the fields a manager needs.
  acm --csv renewal list | mlr --icsv --ojson filter '$risk == "high"' then cut -o -f account,due,arr,plan ;;
"")
  # The list of recipes: the comment after each name above.
  sed -n 's/^\([a-z-]*\)) # \(.*\)/  \1\t\2/p' "$0" ;;
*)
  echo "pipelines.sh: unknown recipe '$1' (run it without arguments for the list)" >&2
  exit 2 ;;
esac
