#!/usr/bin/env bash
# report health-backtest: each renewal closed in the period against the account's health on
# due − lead, computed by hand: one true positive, one false positive, one false negative and
# one true negative (precision and recall 0.5), then a second weighting (-c) that does better.
. "$(dirname "$0")/lib.sh"
run init
# Four accounts, each with a contract of 10k ending 2026-09-30: health is taken on
# 2026-09-30 − 90d = 2026-07-02.
for name in Lost-Red Kept-Red Lost-Yellow Kept-Green; do
  run account add "$name"
  run contract add "$name" --start 2025-10-01 --end 2026-09-30 --arr 10k
done
check "renewals due 2026-09-30" [ "$(sql "SELECT group_concat(DISTINCT due) FROM renewals")" = 2026-09-30 ]
# lost-red: NPS 0 (0) and a critical escalation open (100 − 50 = 50): (25·0 + 20·50) / 45 = 22.2 red; churns.
run feedback add lost-red --nps 0 --date 2026-06-01
run escalate open lost-red "Down" --severity critical --at 2026-06-01
# kept-red: NPS 0 only: 0 red; renews flat.
run feedback add kept-red --nps 0 --date 2026-06-01
# lost-yellow: NPS 9 (90), critical and high open (100 − 80 = 20): (25·90 + 20·20) / 45 = 58.9
# yellow; renews for less (contraction: lost).
run feedback add lost-yellow --nps 9 --date 2026-06-01
run escalate open lost-yellow "Slow" --severity critical --at 2026-06-01
run escalate open lost-yellow "Wrong" --severity high --at 2026-06-01
# The high one resolved after the day of the backtest still counts, as on that day.
run escalate resolve 3 --root-cause "Config" --at 2026-08-01
# kept-green: NPS 10: 100 green; renews for more.
run feedback add kept-green --nps 10 --date 2026-06-01
# An answer after the day of the backtest does not count.
run feedback add lost-red --nps 10 --date 2026-08-01
run renewal close 1 --churned --reason "Outages"
run renewal close 2 --renewed
run renewal close 3 --renewed --arr 8k
run renewal close 4 --renewed --arr 12k
check "four renewals closed" [ "$(sql "SELECT count(*) FROM renewals WHERE outcome IS NOT NULL")" = 4 ]

# lost-red has churned since: --all shows it.
run report health --at 2026-07-02 --all --csv --no-header --columns key,health_score,health
expect_out $'kept-green,100.0,green\nkept-red,0.0,red\nlost-red,22.2,red\nlost-yellow,58.9,yellow' "health on the day"

header="renewals,true_positives,false_positives,false_negatives,true_negatives,precision,recall,accuracy,nps_lost,nps_kept,csat_lost,csat_kept,escalations_lost,escalations_kept,usage_lost,usage_kept,engagement_lost,engagement_kept"
# At risk = red: lost-red a true positive, kept-red a false positive, lost-yellow a false
# negative, kept-green a true negative. Means: NPS lost (0 + 90) / 2 = 45, kept (0 + 100) / 2
# = 50; escalations lost (50 + 20) / 2 = 35, kept: no data.
run --csv report health-backtest --period 2026
expect_status 0
expect_out "$header"$'\n'"4,1,1,1,1,0.5,0.5,0.5,45.0,50.0,,,35.0,,,,,"
# At risk = red or yellow: lost-yellow becomes a true positive.
run --csv --no-header report health-backtest --period 2026 --at-risk yellow
expect_out "4,2,1,0,1,0.666666666666667,1,0.75,45.0,50.0,,,35.0,,,,,"
# A second weighting: escalations only (NPS weight 0), green from 90, yellow from 60:
# lost-red 50 red, lost-yellow 20 red, the kept ones n/a (not at risk): precision and recall 1.
run --csv --no-header -c health.weights.nps=0 -c health.thresholds.green=90 -c health.thresholds.yellow=60 \
  report health-backtest --period 2026
expect_out "4,2,0,0,2,1,1,1,45.0,50.0,,,35.0,,,,,"
# A longer lead: 2026-09-30 − 6m = 2026-03-30, before any record: nothing at risk.
run --csv --no-header report health-backtest --period 2026 --lead 6m
expect_out "4,0,0,2,2,,0,0.5,,,,,,,,,,"
# No renewal closed in the period: zero renewals, ratios null.
run --csv --no-header report health-backtest --period 2025
expect_out "0,0,0,0,0,,,,,,,,,,,,,"
run --json report health-backtest --period 2026
expect_out_has '"renewals":4,"true_positives":1,"false_positives":1,"false_negatives":1,"true_negatives":1,"precision":0.5,"recall":0.5,"accuracy":0.5,"nps_lost":45.0'

expect_fails 2 "--lead soon is not a valid duration" report health-backtest --lead soon
expect_fails 2 "--at-risk green is not valid (expected red or yellow)" report health-backtest --at-risk green
expect_fails 2 "--period 2026-13 is not a valid period" report health-backtest --period 2026-13

finish
