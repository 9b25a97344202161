#!/usr/bin/env bash
# Values are trusted (SPEC §1 Values, Output): amounts are bounded and every sum, product and
# conversion is checked; a fraction longer than the currency's is refused; dates stay within
# 0001-01-01..9999-12-31; config numbers are validated where they are read; a currency without
# a rate warns at the write and does not break listings; CSV/JSON keep a value's precision.
. "$(dirname "$0")/lib.sh"
export ACM_TODAY=2026-11-22
run init
run account add "Acme" --key acme
run account add "Globex" --key globex

# Amounts: at most 10^13 major units each, refused beyond with the bound in the message.
expect_fails 2 "--arr 10000000000000.01 is too large (expected at most 10,000,000,000,000.00 EUR)" \
  contract add acme --start 2026-01-01 --end 2026-12-31 --arr 10000000000000.01
expect_fails 2 "--arr 50000000000000000 is too large (expected at most 10,000,000,000,000.00 EUR)" \
  contract add acme --start 2026-01-01 --end 2026-12-31 --arr 50000000000000000
expect_fails 2 "--mrr 1000000000000 is too large (expected an ARR, 12 × MRR, of at most 10,000,000,000,000.00 EUR)" \
  contract add acme --start 2026-01-01 --end 2026-12-31 --mrr 1000000000000
expect_fails 2 "--value 20000000000000 is too large (expected at most 10,000,000,000,000.00 EUR)" \
  account opportunity add acme "Big" --value 20000000000000
expect_fails 2 "--amount 10000001m is too large" account cost add acme --amount 10000001m --date 2026-11-01 --category support
run contract add acme --start 2026-01-01 --end 2026-12-31 --arr "USD 10000000000000"
expect_status 0 "the largest amount is taken"

# Sums and conversions are checked: two of the largest USD contracts at 5,000 EUR per USD are
# 10^17 EUR, beyond what 64 bits hold; the report names the figure instead of a negative total.
run contract add globex --start 2026-01-01 --end 2026-12-31 --arr "USD 10000000000000"
run config set fx.USD 5000
expect_fails 1 "acm: error: arr is too large to compute (beyond 9223372036854775807 minor units)" report portfolio
expect_fails 1 "arr is too large to compute" report retention --period 2026
expect_fails 1 "recurring_revenue is too large to compute" report profitability --period 2026
expect_fails 1 "arr is too large to compute" report arr --period 2026
expect_fails 1 "up_for_renewal is too large to compute" renewal forecast --period 2026-Q4
run config set fx.USD 1000000
expect_fails 1 "arr is too large to compute" account show acme
run config set fx.USD 0.5
run --csv report portfolio
expect_status 0 "within range: the portfolio is computed"
expect_out_has "2,2,10000000000000.00,833333333333.33," "two halves of 10^13 USD: 10^13 EUR"

# A fraction longer than the currency's is refused with how to write it, never read as 120.00.
expect_fails 2 "--arr 120.000 has more decimals than EUR allows (2): write 120000 or 120.00" \
  contract add acme --start 2027-01-01 --end 2027-12-31 --arr 120.000
expect_fails 2 "--value 'EUR 1.500' has more decimals than EUR allows (2): write 1500 or 1.50" \
  account opportunity add acme "Upsell" --value "EUR 1.500"
expect_fails 2 "--amount '1.5 JPY' has more decimals than JPY allows (0): write a whole number" \
  account cost add acme --amount "1.5 JPY" --date 2026-11-01 --category support

finish
