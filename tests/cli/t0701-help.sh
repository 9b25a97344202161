#!/usr/bin/env bash
# Help and "did you mean": `acm` alone and `acm help [NOUN [VERB]]` print the overview or a
# command's help (exit 0); an unknown command or flag is one acm error line naming the
# closest names (exit 2), never the parser library's own text.
. "$(dirname "$0")/lib.sh"

# --- The overview and a command's help ----------------------------------------------------
run --help
overview=$out
check "acm --help lists the commands" grep -q '^Subcommands:' <<<"$overview"
check "acm --help lists help among them" grep -qE '^  help +' <<<"$overview"

run
expect_status 0 "acm alone"
expect_out "$overview" "acm alone prints the overview"
expect_no_err "acm alone: nothing on stderr"
check "acm alone needs no workspace" [ ! -e "$ACM_WORKSPACE" ]

run help
expect_status 0 "acm help"
expect_out "$overview" "acm help prints the overview"
expect_no_err "acm help: nothing on stderr"

for command in "contract" "contract add" "contract amend" "contract amend rm" "account contact add" "report" "escalate action done" "completion"; do
  # shellcheck disable=SC2086 # the words of the command
  run $command --help
  want=$out
  # shellcheck disable=SC2086
  run help $command
  expect_status 0 "acm help $command"
  expect_out "$want" "acm help $command prints what acm $command --help prints"
  expect_no_err "acm help $command: nothing on stderr"
done
run help contract add
expect_out_has "Usage: acm contract add" "acm help contract add: the usage line names the command"
# Global options around help change nothing, and a broken config does not stand in the way.
run -q help contract
expect_status 0 "acm -q help contract"
expect_out_has "Usage: acm contract" "acm -q help contract"
ACM_CONFIG=$SCRATCH/missing.toml run help
expect_status 0 "acm help with a config file that does not exist"
check "acm help created no workspace" [ ! -e "$ACM_WORKSPACE" ]

# --- Unknown commands and flags: one line, did you mean, nothing changed -------------------
run init
expect_status 0 "acm init"
run account add "Acme Corp."

# no_parser_text: stderr has none of CLI11's own phrases.
no_parser_text() {
  if [[ $err == *"subcommand is required"* || $err == *"not expected"* || $err == *"required"*"missing"* ||
    $err == *"Could not convert"* ]]; then
    fail "${1:-no CLI11 text}"
  else
    ok
  fi
}

expect_fails 2 "unknown command 'contrct' for 'acm' (did you mean 'contract'?)" contrct list
no_parser_text "a mistyped noun"
expect_fails 2 "unknown command 'lst' for 'acm contract' (did you mean 'list'?)" contract lst
expect_fails 2 "unknown command 'lsit' for 'acm contract' (did you mean 'list'" contract lsit
expect_fails 2 "unknown command 'ad' for 'acm account contact' (did you mean 'add'?)" account contact ad acme-corp x
expect_fails 2 "unknown command 'acc' for 'acm' (did you mean 'account'?)" acc list
expect_fails 2 "unknown command 'xyzzy' for 'acm' (see 'acm help')" xyzzy
expect_fails 2 "unknown command 'contrct' for 'acm' (did you mean 'contract'?)" help contrct
expect_fails 2 "unknown command 'ad' for 'acm contract' (did you mean 'add'?)" help contract ad
# Global options before the typo are skipped with their values.
expect_fails 2 "unknown command 'contrct' for 'acm'" -w "$ACM_WORKSPACE" --today 2026-11-22 -c currency=EUR contrct list

expect_fails 2 "unknown flag '--sortt' for 'acm contract list' (did you mean '--sort'?)" contract list --sortt key
no_parser_text "a mistyped flag"
expect_fails 2 "unknown flag '--jsn' for 'acm' (did you mean '--json'?)" --jsn account list
expect_fails 2 "unknown flag '--ownr' for 'acm account list' (did you mean '--owner'?)" account list --ownr dana
expect_fails 2 "unknown flag '--title' for 'acm account list' (see 'acm help account list')" account list --title x
expect_fails 2 "unknown flag '-x' for 'acm'" -qx account list
expect_fails 2 "unknown flag '--forse' for 'acm account rm' (did you mean '--force'?)" account rm acme-corp --forse
check "the account is still there" [ "$(sql "SELECT count(*) FROM accounts")" = 1 ]

# A verb with verbs of its own takes an argument where no verb of it is named.
expect_fails 2 "unknown flag '--arrr' for 'acm contract amend' (did you mean '--arr'?)" contract amend 1 --arrr 5k
expect_fails 2 "unknown flag '--forse' for 'acm contract amend rm'" contract amend rm 1 --forse

# A noun without a verb, and no command at all.
expect_fails 2 "'acm contract' needs a command: add, list, show, amend, " contract
expect_err_has "(see 'acm help contract')" "a noun without its verb: where to look"
no_parser_text "a noun without its verb"
expect_fails 2 "'acm account contact' needs a command: add, list, edit, rm or import" account contact
expect_fails 2 "no command given (see 'acm help')" -q

# What the parser finds itself, in acm's words.
expect_fails 2 "unexpected argument 'extra' for 'acm account list' (see 'acm help account list')" account list extra
no_parser_text "an extra argument"
expect_fails 2 "unexpected arguments 'a' and 'b' for 'acm account list'" account list a b
expect_fails 2 "--limit needs a value" account list --limit
no_parser_text "a missing value"
expect_fails 2 "--limit abc is not a valid number" account list --limit abc
no_parser_text "a value that is not a number"

# Values that look like options are values: the walk skips them as the parser does.
run account add "Minus" --segment -minus --owner -dash
expect_status 0 "a value that begins with a dash is a value"
run --format=table --no-header --columns segment account list --segment=-minus
expect_out "-minus" "--opt=value forms and a dash value"
run -ccurrency=EUR account list
expect_status 0 "-cKEY=VALUE: a short option with its value in the same word"
run -q -c currency=EUR account list --renewing-within 30d
expect_status 0 "-c KEY=VALUE before the command"
run account list -- --not-a-flag
expect_status 2 "after --, words are arguments, not flags"
expect_err_has "unexpected argument '--not-a-flag'"

finish
