#!/usr/bin/env bash
# Builds the demo workspace used by the README: accounts imported from a CRM export,
# their decision makers and recent touchpoints, contracts and the renewal pipeline.
# Usage: demo-workspace.sh PATH
# Dates are fixed relative to --today so that the demo reads the same every day.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
workspace=${1:?usage: demo-workspace.sh PATH}
export ACM_TODAY=${ACM_TODAY:-2026-11-22}
export ACM_CONFIG=${ACM_CONFIG:-$here/config.toml}  # the base currency and the USD rate
acm() { command acm -q -w "$workspace" "$@"; }

acm init "$workspace"
acm account import "$here/accounts.csv"

acm account contact add acme-corp "Dana Whitfield" --title CFO --role decision-maker --email dana.w@acme.example
acm account contact add acme-corp "Raj Patel" --title "Head of Operations" --role champion
acm account contact add globex-corporation "Hank Scorpio" --title CEO --role decision-maker
acm account contact add initech "Bill Lumbergh" --title "VP Engineering" --role decision-maker
acm account contact add umbrella-health "Alice Abernathy" --title CIO --role decision-maker
acm account contact add stark-logistics "Pepper Potts" --title COO --role champion

acm account note add acme-corp "QBR: adoption up 20%, asked about SSO add-on" --kind qbr --date 2026-11-03
acm account note add acme-corp "Call with CFO about multi-year renewal" --kind call --date 2026-11-17
acm account note add globex-corporation "Kick-off for the energy analytics pilot" --kind meeting --date 2026-10-02
acm account note add initech "Escalation call: reporting outages" --kind call --date 2026-08-14
acm account note add umbrella-health "Security review passed" --kind email --date 2026-11-20
acm account note add stark-logistics "Onboarding workshop 1 of 3" --kind meeting --date 2026-11-12
acm account note add wayne-retail "Newsletter reply: happy with the product" --kind email --date 2026-06-30

# Contracts from a billing export; then the year's history: an upsell, a renewal with
# expansion, a churn, the auto-renewals that came due, and the open pipeline's state.
acm contract import "$here/contracts.csv"
acm contract amend 2 --arr "USD 180k" --effective 2026-08-01 --reason "second plant onboarded"
acm renewal close 1 --renewed --arr 120k >/dev/null             # acme-corp: Platform 2026, expansion
acm renewal close 5 --churned --reason "budget cut after the merger" >/dev/null  # muller-sohne-gmbh
acm renewal roll >/dev/null                                     # wayne-retail renews automatically
acm renewal update 3 --stage in-progress --risk high --forecast 30k \
  --reason "reporting outages this summer" --plan "exec sponsor call; credit for the outage"
acm renewal update 2 --stage committed --risk low
acm renewal update 4 --stage upcoming --risk medium --owner dana

