#!/usr/bin/env bash
# Health profiles: [health.profile.NAME] overrides the weights, thresholds and penalties of
# the accounts whose segment and status it matches, the first in the file's order winning;
# every command that shows health scores an account with its profile. Worked by hand below.
. "$(dirname "$0")/lib.sh"
config=$XDG_CONFIG_HOME/acm/config.toml
mkdir -p "$(dirname "$config")"
chmod 700 "$(dirname "$config")"
# "small" comes first in the file, though "new" sorts first by name.
cat >"$config" <<'EOF'
[segments]
allowed = ["smb", "enterprise"]

[health.profile.small]
segments = ["smb"]
weights.nps = 5
thresholds.green = 60

[health.profile.new]
statuses = ["onboarding"]

[health.profile.new.penalties]
high = 0

[[play]]
name = "yellow-health"
when = { health = "yellow" }
task = "Call {name}: health is {health_score}"
EOF
chmod 600 "$config"
run init
run account add Alpha --segment enterprise
run account add Bravo --segment smb
run account add Charlie --segment enterprise --status onboarding
run account add Delta --segment smb --status onboarding
# The same data for all four: NPS 5 (50) on 11-01, a high escalation open since 11-05.
for key in alpha bravo charlie delta; do
  run feedback add $key --nps 5 --date 2026-11-01
  run escalate open $key "Slow" --severity high --at 2026-11-05
done

# alpha, no profile: nps 50 (25), escalations 100 − 30 = 70 (20): (25·50 + 20·70) / 45 = 58.9 yellow.
# bravo, small: (5·50 + 20·70) / 25 = 66.0, green from 60 on.
# charlie, new: escalations 100 − 0 = 100: (25·50 + 20·100) / 45 = 72.2 green.
# delta, smb and onboarding: small, the first in the file: 66.0 green (new would give 72.2).
run --csv --no-header --columns key,health,health_score,escalations report health
expect_out $'alpha,yellow,58.9,70.0\nbravo,green,66.0,70.0\ncharlie,green,72.2,100.0\ndelta,green,66.0,70.0' "report health: each account's profile"
run --csv --no-header --columns key,health,health_score account list
expect_out $'alpha,yellow,58.9\nbravo,green,66.0\ncharlie,green,72.2\ndelta,green,66.0' "account list: the same"
run --csv --no-header --columns key account list --health yellow
expect_out alpha "account list --health yellow"
run --csv --no-header --columns key account list --health green
expect_out $'bravo\ncharlie\ndelta' "account list --health green"
run --csv --no-header --columns key,health,health_score account list
expect_out $'alpha,yellow,58.9\nbravo,green,66.0\ncharlie,green,72.2\ndelta,green,66.0' "account list from the cache"

# --explain names the profile in every format.
run report health --explain bravo
expect_out_has $'Profile small\nCOMPONENT' "table: the profile above the components"
expect_out_has "score = 50.0 × 0.200 + 70.0 × 0.800 = 66.0 (green)" "table: the profile's weights"
run --json report health --explain bravo
check "json: profile small, the profile's weights" python3 - "$out" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert d["profile"] == "small" and d["health"] == "green" and d["health_score"] == 66.0, d
weights = {c["component"]: c["weight"] for c in d["health_components"]}
assert weights["nps"] == 5.0 and weights["escalations"] == 20.0, weights
assert {c["profile"] for c in d["health_components"]} == {"small"}, d
PY
run --json report health --explain alpha
check "json: no profile is default" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["profile"] == "default" and d["health"] == "yellow", d' "$out"
run --csv report health --explain charlie
check "csv: a profile column" python3 - "$out" <<'PY'
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
assert [r["profile"] for r in rows] == ["new"] * 5, rows
assert [r["value"] for r in rows if r["component"] == "escalations"] == ["100.0"], rows
PY
run --csv report health --explain delta
expect_out_has ",small" "the first profile in the file's order wins"
run account show bravo
expect_out_has "Health 66.0 (green, profile small)" "account show names the profile"

# --at: 11-03, before the escalations, NPS only: 50.0, yellow under [health] and small alike.
# 11-06: as today, bravo green by its profile.
run --csv --no-header --columns key,health,health_score report health --at 2026-11-03
expect_out $'alpha,yellow,50.0\nbravo,yellow,50.0\ncharlie,yellow,50.0\ndelta,yellow,50.0' "--at before the escalations"
run --csv --no-header --columns key,health,health_score report health --at 2026-11-06
expect_out $'alpha,yellow,58.9\nbravo,green,66.0\ncharlie,green,72.2\ndelta,green,66.0' "--at with the profiles"
run --json report health --explain bravo --at 2026-11-03
check "--explain --at names the profile" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["profile"] == "small" and d["health_score"] == 50.0, d' "$out"
run --csv --no-header report health --trend bravo --from 2026-10-01 --to 2026-11-22 --by month
expect_out $'bravo,2026-10,,\nbravo,2026-11,66.0,green' "--trend with the profile"

# Plays: only alpha is yellow.
run play run --dry-run
expect_out_has "alpha" "the play meets alpha"
expect_out_lacks "bravo" "bravo is green by its profile"

# -c overrides a profile's key: small green from 70 makes bravo and delta yellow, and the
# figures kept for account list are not used for other settings.
run -c health.profile.small.thresholds.green=70 --csv --no-header --columns key,health account list
expect_out $'alpha,yellow\nbravo,yellow\ncharlie,green\ndelta,yellow' "-c health.profile.small.thresholds.green"
run --csv --no-header --columns key,health account list
expect_out $'alpha,yellow\nbravo,green\ncharlie,green\ndelta,green' "back to the file's settings"
# A profile given by -c alone comes after the file's.
run -c 'health.profile.late.segments=["smb"]' -c health.profile.late.weights.nps=100 --csv --no-header --columns key,health_score account list
expect_out $'alpha,58.9\nbravo,66.0\ncharlie,72.2\ndelta,66.0' "a -c profile after the file's: small still wins"

# A new segment or status scores the account with another profile, also in account list's
# kept figures: bravo moves to enterprise (no profile, 58.9), delta to active (still small).
run account edit bravo --segment enterprise
run account edit delta --status active
run --csv --no-header --columns key,health,health_score account list
expect_out $'alpha,yellow,58.9\nbravo,yellow,58.9\ncharlie,green,72.2\ndelta,green,66.0' "account list after a segment change"
run --csv --no-header --columns key,health_score report health
expect_out $'alpha,58.9\nbravo,58.9\ncharlie,72.2\ndelta,66.0' "report health agrees"
run account edit bravo --segment smb

# The backtest: alpha and bravo renew on 11-30; health is taken on 11-30 − 20d = 11-10.
# alpha yellow churns (true positive with --at-risk yellow), bravo green by its profile
# renews (true negative): precision and recall 1. Without the profile's threshold (green
# from 70) bravo would be yellow: a false positive.
run contract add alpha --start 2025-12-01 --end 2026-11-30 --arr 10k
run contract add bravo --start 2025-12-01 --end 2026-11-30 --arr 10k
run renewal close 1 --churned --reason "Left"
run renewal close 2 --renewed
run --csv --no-header --columns renewals,true_positives,false_positives,false_negatives,true_negatives,precision,recall \
  report health-backtest --period 2026 --lead 20d --at-risk yellow
expect_out "2,1,0,0,1,1,1" "backtest with the profile"
run -c health.profile.small.thresholds.green=70 --csv --no-header \
  --columns renewals,true_positives,false_positives,false_negatives,true_negatives,precision,recall \
  report health-backtest --period 2026 --lead 20d --at-risk yellow
expect_out "2,1,1,0,0,0.5,1" "backtest with another threshold for the profile"

# config set keeps the profiles in the file's order: small still wins for delta.
run config set health.profile.new.weights.csat 10
expect_status 0 "config set a profile's key"
check "the file keeps small before new" [ "$(grep -n 'health.profile' "$config" | head -1 | grep -c small)" = 1 ]
run --csv --no-header --columns key,health_score report health
expect_out_has "delta,66.0" "small still first after config set"
run config get health.profile.new.weights.csat
expect_out "10.0" "config get a profile's key"

# Bad profiles: the file and line, and what is valid; nothing changes.
bad_config() {
  cp "$config" "$SCRATCH/good.toml"
  printf '%s\n' "$@" >>"$config"
}
restore_config() { cp "$SCRATCH/good.toml" "$config"; }
lines=$(wc -l <"$config")
bad_config '[health.profile.big]' 'segments = ["huge"]'
expect_fails 1 "config file $config, line $((lines + 2)): health.profile.big.segments = [ 'huge' ] is not valid ('huge' is not in segments.allowed: smb, enterprise)" report health
restore_config
bad_config '[health.profile.big]' 'statuses = ["sleeping"]'
expect_fails 1 "config file $config, line $((lines + 2)): health.profile.big.statuses = [ 'sleeping' ] is not valid (expected an array of account statuses: prospect, onboarding, active, at-risk, churned)" account list
restore_config
bad_config '[health.profile.big]' 'statuses = ["active"]' 'colour = "red"'
expect_fails 1 "config file $config, line $((lines + 3)): unknown key 'health.profile.big.colour' (valid: penalties, segments, statuses, thresholds, weights)" report health
restore_config
bad_config '[health.profile.big]' 'statuses = ["active"]' 'windows.usage = "60d"'
expect_fails 1 "unknown key 'health.profile.big.windows' (valid: penalties, segments, statuses, thresholds, weights)" report health
restore_config
bad_config '[health.profile.big]' 'statuses = ["active"]' 'weights.nps = 1001'
expect_fails 1 "config file $config, line $((lines + 3)): health.profile.big.weights.nps = 1001 is not valid (expected a weight from 0 to 1000)" report health
restore_config
bad_config '[health.profile.big]' 'statuses = ["active"]' 'weights.nps = "a lot"'
expect_fails 1 "health.profile.big.weights.nps must be a number" report health
restore_config
bad_config '[health.profile.big]' 'statuses = ["active"]' 'thresholds.yellow = 80'
expect_fails 1 "config file $config, line $((lines + 3)): health.profile.big.thresholds.yellow = 80.0 is not valid (expected at most health.thresholds.green, 70.0)" report health
restore_config
bad_config '[health.profile.big]' 'weights.nps = 10'
expect_fails 1 "config file $config, line $((lines + 1)): health.profile.big needs the accounts it scores (expected segments = [...] and/or statuses = [...])" report health
restore_config
bad_config '[health.profile.Big]' 'statuses = ["active"]'
expect_fails 1 "profile name 'Big' is not valid (expected lowercase letters, digits and -)" report health
restore_config
bad_config '[health.profile.big]' 'segments = "smb"'
expect_fails 1 "health.profile.big.segments must be an array of strings" report health
restore_config
bad_config '[health.profile.big]' 'segments = [""]'
expect_fails 1 "health.profile.big.segments = [ '' ] is not valid (expected an array of segment names that are not empty)" report health
restore_config
# -c: usage errors naming the -c.
expect_fails 2 "-c health.profile.small.weights.nps=-1: health.profile.small.weights.nps = -1 is not valid (expected a finite number that is not negative)" -c health.profile.small.weights.nps=-1 report health
expect_fails 2 "-c health.profile=3: health.profile must be a table" -c health.profile=3 report health
expect_fails 2 "-c health.profile.x.weights.nps=3: health.profile.x needs the accounts it scores" -c health.profile.x.weights.nps=3 report health
expect_fails 2 "-c segments.allowed=[\"enterprise\"]: health.profile.small.segments = [ 'smb' ] is not valid ('smb' is not in segments.allowed: enterprise)" -c 'segments.allowed=["enterprise"]' report health
expect_fails 2 "-c health.thresholds.green=55: health.thresholds.green = 55.0 is not valid (expected at least health.profile.new.thresholds.yellow, 56.0)" -c health.profile.new.thresholds.yellow=56 -c health.thresholds.green=55 report health
expect_fails 2 "-c health.profile.new.thresholds.yellow=75: health.profile.new.thresholds.yellow = 75.0 is not valid (expected at most health.thresholds.green, 70.0)" -c health.profile.new.thresholds.yellow=75 report health
run config list
check "config is still good" [ "$status" -eq 0 ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
