#!/usr/bin/env bash
# acm config list|get|set|path and the precedence defaults < file < -c.
. "$(dirname "$0")/lib.sh"
config=$XDG_CONFIG_HOME/acm/config.toml

run config path
expect_out "$config" "XDG config path"
ACM_CONFIG=$SCRATCH/other.toml run config path
expect_out "$SCRATCH/other.toml" "ACM_CONFIG wins"

run config get currency
expect_out "EUR" "default currency"
run config get renewal.remind_days
expect_out "[ 90, 60, 30 ]" "default array"
run config set currency USD
expect_status 0 "config set"
check "config file written 0600" [ "$(stat -c %a "$config")" = 600 ]
run config get currency
expect_out "USD" "file wins over the default"
run -c currency=GBP config get currency
expect_out "GBP" "-c wins over the file"
run config set renewal.remind_days "[60, 14]"
run config get renewal.remind_days
expect_out "[ 60, 14 ]"
run config set fx.USD 0.92
run config get fx.USD
expect_out "0.92" "open [fx] table"

run --csv config list
expect_status 0
expect_out_has "currency,USD,$config"
expect_out_has "output.format,table,default"
run --csv -c output.format=json config list
expect_out_has "output.format,json,command line"

expect_fails 2 "-c colour=red: unknown key 'colour'" -c colour=red config list
expect_fails 2 "-c renewal.remind_days=soon: renewal.remind_days must be an array of integers" -c renewal.remind_days=soon config list
expect_fails 2 "-c currency=XYZ: currency = XYZ is not valid (expected an ISO 4217 currency code" -c currency=XYZ config list
expect_fails 2 "-c nothing is not valid (expected KEY=VALUE)" -c nothing config list
expect_fails 2 "-c fx.XYZ=2: fx.XYZ = 2 is not valid" -c fx.XYZ=2 config list
expect_fails 2 "unknown config key 'nope'" config get nope

# A wrong key or type in the file names the file and the line.
cp "$config" "$SCRATCH/good.toml"
printf 'currency = "EUR"\n\n[output]\ncolour = "red"\n' >"$config"
expect_fails 1 "config file $config, line 4: unknown key 'output.colour'" config list
printf '[health.weights]\nnps = "high"\n' >"$config"
expect_fails 1 "config file $config, line 2: health.weights.nps must be a number" config list
printf 'currency = \n' >"$config"
expect_fails 1 "config file $config, line 1:" config list
printf '[health.weights]\nnps = 30\n' >"$config"
run config get health.weights.nps
expect_out "30.0" "an integer is accepted for a number"
cp "$SCRATCH/good.toml" "$config"
expect_fails 2 "-c renewal.remind_days=x" config set renewal.remind_days x
check "a refused set leaves the file alone" cmp -s "$config" "$SCRATCH/good.toml"

finish
