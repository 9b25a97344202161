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

# Escalations, feedback and usage, so that the health column shows every color:
# acme-corp, umbrella-health and stark-logistics green, globex-corporation yellow,
# initech and wayne-retail red; hooli and muller-sohne-gmbh have no data (n/a).
acm escalate open initech "Reporting outage" --severity critical --source customer --owner lee \
  --description "Scheduled reports fail since the upgrade" --at 2026-11-19T08:30
acm escalate update 1 --status investigating --note "Reproduced on staging" --at 2026-11-19T11:00
acm escalate action add 1 "Roll back the report scheduler" --owner lee --due 2026-11-24 --at 2026-11-19T12:00
acm escalate open initech "Invoices sent twice" --severity high --source billing --owner sam --at 2026-11-20T09:00
acm escalate open stark-logistics "Slow onboarding import" --severity medium --source support --owner sam \
  --at 2026-11-02T10:00
acm escalate action add 3 "Raise the import batch size" --owner sam --at 2026-11-03T09:00
acm escalate action done 2 --at 2026-11-05T16:00
acm escalate resolve 3 --root-cause "Batch size too small for their data" --resolution "Batch size raised" \
  --at 2026-11-05T17:00

acm feedback add acme-corp --nps 9 --kind praise --text "The new dashboards save us hours" --contact "Raj Patel" \
  --category reporting --date 2026-11-05
acm feedback add acme-corp --csat 5 --date 2026-11-12
acm feedback add globex-corporation --nps 6 --kind request --text "Needs an energy-tariff report" \
  --category reporting --date 2026-10-20
acm feedback add initech --nps 3 --kind complaint --text "Reports keep failing" --contact "Bill Lumbergh" \
  --category reliability --date 2026-11-19
acm feedback follow-up 4 --note "Called Bill; escalation 1 opened" --date 2026-11-19
acm feedback add umbrella-health --csat 4 --date 2026-11-18
acm feedback add stark-logistics --nps 7 --date 2026-11-10
acm feedback add wayne-retail --nps 5 --text "Fine, but pricey" --date 2026-09-15
acm feedback survey add acme-corp --type nps --sent 12 --date 2026-11-01
acm feedback survey add initech --type nps --sent 8 --date 2026-11-01

# Daily active users: two readings in each of the last two 30-day windows.
usage() { acm account usage add "$1" --date "$2" --active-users "$3" --logins "$4"; }
usage acme-corp 2026-10-10 120 800;          usage acme-corp 2026-11-10 140 950
usage globex-corporation 2026-10-10 100 500; usage globex-corporation 2026-11-10 70 310
usage initech 2026-10-10 80 400;             usage initech 2026-11-10 40 150

# Expansion opportunities, the onboarding plan of the newest customer, and cost to serve.
acm account opportunity add acme-corp "SSO add-on" --value 18k --kind cross-sell --probability 60 --close 2027-01-31
acm account opportunity add globex-corporation "Energy analytics roll-out" --value 40k --probability 30 \
  --close 2027-03-31
acm account opportunity add umbrella-health "200 more seats" --value 25k --stage won --close 2026-10-15
acm account milestone add stark-logistics "Kick-off workshop" --due 2026-11-05
acm account milestone add stark-logistics "Data imported" --due 2026-11-15
acm account milestone add stark-logistics "First live shipment report" --due 2026-12-15
acm account milestone done 1 --date 2026-11-05
acm account milestone done 2 --date 2026-11-18
acm account cost add initech --amount 4500 --date 2026-08-20 --category support --note "Outage investigation"
acm account cost add acme-corp --amount 6000 --date 2026-06-30 --category infrastructure
acm account cost add stark-logistics --amount 3000 --date 2026-11-12 --category services --note "Onboarding workshops"
