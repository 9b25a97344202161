#!/usr/bin/env bash
# The documentation: every man page renders without a warning and keeps up with the
# binary's commands and options; the shell completions load and complete nouns, verbs
# and account keys.
. "$(dirname "$0")/lib.sh"
SRC=${ACM_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
MAN=$SRC/man

# note TEXT: a line in the test's output that is neither a pass nor a failure.
note() { echo "note: $*"; }

# help_list SECTION HELP-TEXT: the first word of each line of a CLI11 help section
# ("Subcommands:" or "Options:"), one per line.
help_list() {
  printf '%s\n' "$2" | awk -v section="$1" '
    tolower($0) == tolower(section) ":" { inside = 1; next }
    inside && /^[^ ]/ { inside = 0 }
    inside && NF == 0 { inside = 0 }
    inside { print $1 }'
}
# long_options HELP-TEXT: the long options of a CLI11 help text, without dashes.
long_options() {
  help_list Options "$1" | tr ',' '\n' | sed -n 's/^--\([a-z][a-z-]*\).*/\1/p' | grep -vx help
}
# in_page PAGE STRING: the page's roff source contains STRING.
in_page() { grep -qF -- "$2" "$1"; }
# documents_option PAGE NAME: the page mentions --NAME, written in roff as \-\-NAME
# with every dash escaped.
documents_option() { in_page "$1" "$(printf '%s' "--$2" | sed 's/-/\\-/g')"; }

# --- Every man page renders with no warning (groff -ww: all warnings) -------------------
check "groff is installed" [ -n "$(command -v groff)" ]
for page in acm.1 acm-account.1 acm-contract.1 acm-renewal.1 acm-escalate.1 acm-feedback.1 acm-report.1 \
  acm-task.1 acm-workspace.5 acm-config.5 acm-import-rules.5; do
  if [ ! -f "$MAN/$page" ]; then fail "man/$page exists"; continue; fi
  for device in "" -Tutf8; do
    status=0 out=""
    err=$(groff -man -ww -z $device "$MAN/$page" 2>&1 >/dev/null)
    check "man/$page renders ${device:-(ps)} without warnings" [ -z "$err" ]
  done
done

# --- The man pages keep up with the binary --------------------------------------------
run --help
expect_status 0 "acm --help"
commands=$(help_list Subcommands "$out")
check "acm --help lists commands" [ "$(printf '%s\n' "$commands" | grep -c .)" -ge 4 ]
for command in $commands; do
  check "acm.1 documents 'acm $command'" in_page "$MAN/acm.1" "acm $command"
done
for option in $(long_options "$out"); do
  check "acm.1 documents --$option" documents_option "$MAN/acm.1" "$option"
done

# Each command group has its page, acm-GROUP.1: a section for every subcommand (and for
# every verb of a nested group such as 'account contact'), and every long option of each.
declare -A group_commands
for group in account contract renewal report; do
  page=$MAN/acm-$group.1
  run "$group" --help
  expect_status 0 "acm $group --help"
  group_commands[$group]=$(help_list Subcommands "$out")
  check "acm $group --help lists its subcommands" \
    [ "$(printf '%s\n' "${group_commands[$group]}" | grep -c .)" -ge 6 ]
  check "acm.1 refers to acm-$group(1)" in_page "$MAN/acm.1" "acm\\-$group (1)"
  for sub in ${group_commands[$group]}; do
    check "acm-$group.1 has a section for 'acm $group $sub'" \
      grep -qE "^\.SS \"acm $group $sub( |\"|\$)" "$page"
    run "$group" "$sub" --help
    for option in $(long_options "$out"); do
      check "acm-$group.1 documents '$group $sub --$option'" documents_option "$page" "$option"
    done
    # Nested groups (account contact, account note): each of their verbs has its own section too.
    for verb in $(help_list Subcommands "$out"); do
      check "acm-$group.1 has a section for 'acm $group $sub $verb'" \
        grep -qE "^\.SS \"acm $group $sub $verb( |\"|\$)" "$page"
      run "$group" "$sub" "$verb" --help
      for option in $(long_options "$out"); do
        check "acm-$group.1 documents '$group $sub $verb --$option'" documents_option "$page" "$option"
      done
    done
  done
done
account_commands=${group_commands[account]}

# Every man page is installed.
for page in "$MAN"/*.[15]; do
  check "CMakeLists.txt installs man/${page##*/}" grep -qE "^install\(FILES .*man/${page##*/}( |\))" "$SRC/CMakeLists.txt"
done

# escalate and feedback: a section per verb (and per verb of their groups: escalate
# action, feedback survey) in their own pages, and every option documented there.
for noun in escalate feedback; do
  page=$MAN/acm-$noun.1
  run "$noun" --help
  expect_status 0 "acm $noun --help"
  for sub in $(help_list Subcommands "$out"); do
    run "$noun" "$sub" --help
    verbs=$(help_list Subcommands "$out")
    if [ -z "$verbs" ]; then
      check "acm-$noun.1 has a section for 'acm $noun $sub'" grep -qE "^\.SS \"acm $noun $(printf '%s' "$sub" | sed 's/-/\\\\-/g')( |\"|\$)" "$page"
      for option in $(long_options "$out"); do
        check "acm-$noun.1 documents '$noun $sub --$option'" documents_option "$page" "$option"
      done
    fi
    for verb in $verbs; do
      check "acm-$noun.1 has a section for 'acm $noun $sub $verb'" grep -qE "^\.SS \"acm $noun $sub $verb( |\"|\$)" "$page"
      run "$noun" "$sub" "$verb" --help
      for option in $(long_options "$out"); do
        check "acm-$noun.1 documents '$noun $sub $verb --$option'" documents_option "$page" "$option"
      done
    done
  done
done

# task and play: a section per verb in acm-task.1, with every option; agenda's options there too.
for noun in task play; do
  run $noun --help
  expect_status 0 "acm $noun --help"
  for verb in $(help_list Subcommands "$out"); do
    check "acm-task.1 has a section for 'acm $noun $verb'" grep -qE "^\.SS \"acm $noun $verb( |\"|\$)" "$MAN/acm-task.1"
    run $noun "$verb" --help
    for option in $(long_options "$out"); do
      check "acm-task.1 documents '$noun $verb --$option'" documents_option "$MAN/acm-task.1" "$option"
    done
  done
done
run agenda --help
check "acm-task.1 has a section for 'acm agenda'" grep -qE '^\.SS "acm agenda"' "$MAN/acm-task.1"
for option in $(long_options "$out"); do
  check "acm-task.1 documents 'agenda --$option'" documents_option "$MAN/acm-task.1" "$option"
done

run config --help
for verb in $(help_list Subcommands "$out"); do
  check "acm.1 documents 'acm config $verb'" in_page "$MAN/acm.1" "acm config $verb"
done

# The admin commands, documented in acm.1 itself: an entry and every long option of each.
for command in init log backup check export import completion; do
  run "$command" --help
  expect_status 0 "acm $command --help"
  check "acm.1 has an entry for 'acm $command'" grep -qE "^\.(B|BI|BR) \"?acm $command( |\"|\$)" "$MAN/acm.1"
  for option in $(long_options "$out"); do
    check "acm.1 documents '$command --$option'" documents_option "$MAN/acm.1" "$option"
  done
done

# --- bash completion ----------------------------------------------------------------------
# A scratch workspace with two accounts, and another one for -w.
run init
run account add "Acme Corp."
run account add "Globex"
run -w "$SCRATCH/other.db" init
run -w "$SCRATCH/other.db" account add "Initech"
# Completion runs `acm`: put the binary under test on PATH by that name.
link_acm

# complete_bash WORD…: what _acm offers for the command line WORD… (the last word is the
# one being completed), sorted, one per line; in a fresh non-interactive bash.
complete_bash() {
  PATH="$SCRATCH/bin:$PATH" bash --norc --noprofile -c '
    source "$1" || exit 1
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _acm acm "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}" | sort' bash "$SRC/completions/acm.bash" "$@"
}
sorted() { printf '%s\n' "$@" | sort; }

check "completions/acm.bash is valid bash" bash -n "$SRC/completions/acm.bash"
out=$(bash --norc --noprofile -c 'source "$1" && complete -p acm' bash "$SRC/completions/acm.bash" 2>&1)
check "acm.bash registers _acm for acm" [ "$out" = "complete -F _acm acm" ]

out=$(complete_bash acm acc)
expect_out "account" "bash: 'acm acc' completes to account"
out=$(complete_bash acm "")
expect_out "$(sorted $commands)" "bash: 'acm ' offers the commands of 'acm --help'"
out=$(complete_bash acm account "")
expect_out "$(sorted $account_commands)" "bash: 'acm account ' offers the verbs of 'acm account --help'"
expect_out_has "import" "bash: 'acm account ' offers import"
out=$(complete_bash acm account show "")
expect_out "$(sorted acme-corp globex)" "bash: 'acm account show ' offers the account keys"
out=$(complete_bash acm account show g)
expect_out "globex" "bash: 'acm account show g' completes a key"
out=$(complete_bash acm -w "$SCRATCH/other.db" account edit "")
expect_out "initech" "bash: account keys come from the -w workspace"
out=$(complete_bash acm --workspace "$SCRATCH/other.db" log --account "")
expect_out "initech" "bash: --account offers the keys of the --workspace workspace"
out=$(complete_bash acm account note add "")
expect_out "$(sorted acme-corp globex)" "bash: 'acm account note add ' offers the account keys"
out=$(complete_bash acm account contact add acme-corp "Dana" --role "")
expect_out "$(sorted decision-maker champion billing technical user)" "bash: --role values"
out=$(complete_bash acm account add X --tier "")
expect_out "$(sorted low-touch high-touch strategic)" "bash: --tier values"
out=$(complete_bash acm account list --status "")
expect_out "$(sorted prospect onboarding active at-risk churned)" "bash: --status values"
out=$(complete_bash acm account note add acme-corp x --kind "")
expect_out "$(sorted meeting qbr call email note)" "bash: --kind values"
out=$(complete_bash acm --format "")
expect_out "$(sorted table csv tsv json)" "bash: --format values"
out=$(complete_bash acm --color "")
expect_out "$(sorted auto always never)" "bash: --color values"
out=$(complete_bash acm account import --)
expect_out_has "--dry-run" "bash: import flags"
expect_out_has "--upsert" "bash: import flags include --upsert"
out=$(complete_bash acm account contact "")
expect_out "$(sorted add list edit rm import)" "bash: contact verbs"
out=$(complete_bash acm account usage "")
expect_out "$(sorted add list rm import)" "bash: usage verbs"
out=$(complete_bash acm account usage add "")
expect_out "$(sorted acme-corp globex)" "bash: 'acm account usage add ' offers the account keys"
out=$(complete_bash acm account list --health "")
expect_out "$(sorted red yellow green)" "bash: --health values"
out=$(complete_bash acm escalate "")
expect_out "$(sorted open list show update edit action resolve reopen)" "bash: escalate verbs"
out=$(complete_bash acm escalate action "")
expect_out "$(sorted add done rm list)" "bash: escalate action verbs"
out=$(complete_bash acm escalate open "")
expect_out "$(sorted acme-corp globex)" "bash: 'acm escalate open ' offers the account keys"
out=$(complete_bash acm escalate open acme-corp x --severity "")
expect_out "$(sorted critical high medium low)" "bash: --severity values"
out=$(complete_bash acm escalate open acme-corp x --source "")
expect_out "$(sorted customer support sales billing internal)" "bash: --source values"
out=$(complete_bash acm escalate update 1 --status "")
expect_out "$(sorted open investigating mitigating)" "bash: escalate --status values"
out=$(complete_bash acm escalate resolve 1 --)
expect_out_has "--root-cause" "bash: resolve flags"
out=$(complete_bash acm escalate list --)
expect_out_has "--breached" "bash: escalate list flags"
out=$(complete_bash acm feedback "")
expect_out "$(sorted add list edit rm follow-up survey import)" "bash: feedback verbs"
out=$(complete_bash acm feedback add acme-corp --kind "")
expect_out "$(sorted praise complaint request comment)" "bash: feedback --kind values"
out=$(complete_bash acm feedback list --type "")
expect_out "$(sorted nps csat ces)" "bash: --type values"
out=$(complete_bash acm feedback list --)
expect_out_has "--negative" "bash: feedback list flags"
out=$(complete_bash acm feedback survey add "")
expect_out "$(sorted acme-corp globex)" "bash: 'acm feedback survey add ' offers the account keys"
# edit and rm offer the ids of their listing.
run account note add acme-corp "Kick-off" --date 2026-11-01
run account note add globex "Call" --date 2026-11-02
run feedback add globex --nps 9
out=$(complete_bash acm account note edit "")
expect_out "$(sorted 1 2)" "bash: 'acm account note edit ' offers the note ids"
out=$(complete_bash acm account note rm 1 "")
expect_out "" "bash: 'acm account note rm 1 ' offers no second id"
out=$(complete_bash acm account note edit 1 --kind call --text "")
expect_out "" "bash: 'acm account note edit 1 --text ' offers no value"
out=$(complete_bash acm account note edit 1 --)
expect_out_has "--text" "bash: note edit flags"
out=$(complete_bash acm feedback rm "")
expect_out "1" "bash: 'acm feedback rm ' offers the feedback ids"
out=$(complete_bash acm -w "$SCRATCH/other.db" account note edit "")
expect_out "" "bash: ids come from the -w workspace"
out=$(complete_bash acm account milestone edit 1 --)
expect_out_has "--not-done" "bash: milestone edit flags"
# Every long option of every edit is offered by bash.
for verbs in "account contact edit" "account note edit" "account opportunity edit" "account milestone edit" \
  "account cost edit" "feedback edit" "escalate edit"; do
  run $verbs --help
  options=$(long_options "$out")
  out=$(complete_bash acm $verbs 1 --)
  for option in $options; do
    expect_out_has "--$option" "bash: 'acm $verbs 1 --' offers --$option"
  done
done
out=$(complete_bash acm config "")
expect_out "$(sorted list get set path)" "bash: config verbs"
# Contracts and renewals.
run contract add acme-corp --start 2026-01-01 --end 2026-12-31 --arr 120k --notice 90d
run contract add globex --start 2026-03-01 --end 2027-02-28 --mrr 4k
run renewal close 2 --churned --reason "moved to a competitor"
out=$(complete_bash acm contract "")
expect_out "$(sorted ${group_commands[contract]})" "bash: 'acm contract ' offers the verbs of 'acm contract --help'"
out=$(complete_bash acm renewal "")
expect_out "$(sorted ${group_commands[renewal]})" "bash: 'acm renewal ' offers the verbs of 'acm renewal --help'"
out=$(complete_bash acm contract add "")
expect_out "$(sorted acme-corp globex)" "bash: 'acm contract add ' offers the account keys"
out=$(complete_bash acm contract show "")
expect_out "$(sorted 1 2)" "bash: 'acm contract show ' offers the contract ids"
out=$(complete_bash acm renewal close "")
expect_out "1" "bash: 'acm renewal close ' offers the open renewals' ids"
out=$(complete_bash acm contract list --status "")
expect_out "$(sorted active upcoming expired terminated)" "bash: contract list --status values"
out=$(complete_bash acm account list --status "")
expect_out "$(sorted prospect onboarding active at-risk churned)" "bash: account list --status values stay the account's"
out=$(complete_bash acm renewal update 1 --stage "")
expect_out "$(sorted upcoming in-progress committed)" "bash: --stage values"
out=$(complete_bash acm renewal list --risk "")
expect_out "$(sorted low medium high)" "bash: --risk values"
out=$(complete_bash acm renewal forecast --by "")
expect_out "$(sorted owner segment)" "bash: forecast --by values"
out=$(complete_bash acm renewal update 1 --risk high --stage "")
expect_out "$(sorted upcoming in-progress committed)" "bash: option values are skipped when finding the verb"
out=$(complete_bash acm renewal close 1 --)
expect_out_has "--renewed" "bash: renewal close flags"
expect_out_has "--churned" "bash: renewal close flags include --churned"
out=$(complete_bash acm contract add acme-corp --)
expect_out_has "--auto-renew" "bash: contract add flags"
out=$(complete_bash acm account list --)
expect_out_has "--renewing-within" "bash: account list flags include --renewing-within"
# Every long option of every contract and renewal subcommand is offered by bash.
for group in contract renewal; do
  for sub in ${group_commands[$group]}; do
    run "$group" "$sub" --help
    options=$(long_options "$out")
    out=$(complete_bash acm "$group" "$sub" --)
    for option in $options; do
      expect_out_has "--$option" "bash: 'acm $group $sub --' offers --$option"
    done
  done
done

# --- zsh and fish: syntax only, and only where the shells are installed -------------------
check "completions/_acm starts with #compdef acm" [ "$(head -n 1 "$SRC/completions/_acm")" = "#compdef acm" ]
if command -v zsh >/dev/null; then
  check "zsh -n completions/_acm" zsh -n "$SRC/completions/_acm"
else
  note "zsh is not installed: skipping the zsh completion check"
fi
if command -v fish >/dev/null; then
  check "fish -n completions/acm.fish" fish -n "$SRC/completions/acm.fish"
else
  note "fish is not installed: skipping the fish completion check"
fi

finish
