#!/usr/bin/env bash
# acm completion bash|zsh|fish prints the very scripts of completions/ (embedded at
# build time), and those scripts complete the admin commands and the account keys of
# the workspace in real bash, zsh (syntax) and fish.
. "$(dirname "$0")/lib.sh"
SRC=${ACM_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}

# --- acm completion SHELL is the file, byte for byte -------------------------------------
for pair in bash:acm.bash zsh:_acm fish:acm.fish; do
  shell=${pair%%:*} file=${pair#*:}
  "$ACM" completion "$shell" >"$SCRATCH/$shell.out" 2>"$SCRATCH/stderr"
  check "acm completion $shell exits 0" [ $? -eq 0 ]
  check "acm completion $shell is completions/$file byte for byte" cmp -s "$SCRATCH/$shell.out" "$SRC/completions/$file"
done
check "no workspace is needed for acm completion" [ ! -e "$ACM_WORKSPACE" ]
run completion tcsh
expect_status 2 "acm completion tcsh"
expect_err_has "SHELL tcsh is not valid (expected bash, zsh or fish)"
expect_one_error_line
expect_no_out
run completion
expect_status 2 "acm completion without a shell"
expect_err_has "shell is required"

# A workspace with accounts, and another one for -w.
run init
run account add "Acme Corp."
run account add "Globex"
run -w "$SCRATCH/other.db" init
run -w "$SCRATCH/other.db" account add "Initech"
# Completion runs `acm`: put the binary under test on PATH by that name.
link_acm
export PATH="$SCRATCH/bin:$PATH"
sorted() { printf '%s\n' "$@" | sort; }

# --- bash: the script as acm prints it, sourced in a fresh bash ------------------------------
# complete_bash WORD…: what _acm offers for the command line WORD… (the last word is the
# one being completed), sorted, one per line.
complete_bash() {
  bash --norc --noprofile -c '
    source <(acm completion bash) || exit 1
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _acm acm "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}" | sort' bash "$@"
}
run --help
commands=$(printf '%s\n' "$out" | awk '/^Subcommands:/ { inside = 1; next } inside && NF == 0 { exit } inside { print $1 }')
out=$(complete_bash acm "")
expect_out "$(sorted $commands)" "bash: 'acm ' offers every command of 'acm --help'"
expect_out_has "backup" "bash: the admin commands are offered"
out=$(complete_bash acm completion "")
expect_out "$(sorted bash zsh fish)" "bash: 'acm completion ' offers the shells"
out=$(complete_bash acm export -)
expect_out "$(sorted -o --output --force -w --workspace --format --columns --sort --limit --color --today -c \
  --csv --tsv --json --no-header --wide -q --quiet --no-hooks --version -h --help)" "bash: export options"
out=$(complete_bash acm backup --)
expect_out_has "--force" "bash: backup --force"
touch "$SCRATCH/dump-1.json" "$SCRATCH/dump-2.json"
out=$(complete_bash acm import "$SCRATCH/dump-")
expect_out "$(sorted "$SCRATCH/dump-1.json" "$SCRATCH/dump-2.json")" "bash: import completes file names"
out=$(complete_bash acm export -o "$SCRATCH/dump-")
expect_out "$(sorted "$SCRATCH/dump-1.json" "$SCRATCH/dump-2.json")" "bash: export -o completes file names"
out=$(complete_bash acm export -o x.json --)
expect_out_has "--force" "bash: the value of -o is skipped when finding the command"
out=$(complete_bash acm account show "")
expect_out "$(sorted acme-corp globex)" "bash: 'acm account show ' offers the account keys"
out=$(complete_bash acm account edit g)
expect_out "globex" "bash: 'acm account edit g' completes the key"
out=$(complete_bash acm contract add "")
expect_out "$(sorted acme-corp globex)" "bash: 'acm contract add ' offers the account keys"
out=$(complete_bash acm -w "$SCRATCH/other.db" account rm "")
expect_out "initech" "bash: the keys of the -w workspace"
out=$(complete_bash acm rules "")
expect_out "$(sorted list show detect)" "bash: 'acm rules ' offers its verbs"
out=$(complete_bash acm feedback import x.csv --rules su)
expect_out "surveymonkey" "bash: --rules offers the rules by name"
out=$(complete_bash acm account usage import x.csv --)
expect_out_has "--rules" "bash: every import offers --rules"
expect_out_has "--dry-run" "bash: every import offers --dry-run"
out=$(complete_bash acm -w "$SCRATCH/none.db" account show "")
expect_out "" "bash: no keys and no error output for a missing workspace"

# --- zsh: the script parses ---------------------------------------------------------------
if command -v zsh >/dev/null; then
  check "zsh -n on acm completion zsh" zsh -n "$SCRATCH/zsh.out"
  check "acm completion zsh starts with #compdef acm" [ "$(head -n 1 "$SCRATCH/zsh.out")" = "#compdef acm" ]
else
  echo "note: zsh is not installed: skipping the zsh check"
fi

# --- fish: complete -C, with the script as acm prints it ------------------------------------
if command -v fish >/dev/null; then
  # complete_fish LINE: the candidates fish offers for LINE, without descriptions, sorted.
  complete_fish() {
    fish --no-config -c 'acm completion fish | source; complete -C $argv[1]' "$1" | cut -f1 | sort
  }
  check "fish -n on acm completion fish" fish -n "$SCRATCH/fish.out"
  out=$(complete_fish 'acm account show ')
  expect_out "$(sorted acme-corp globex)" "fish: 'acm account show ' offers the account keys"
  out=$(complete_fish 'acm contract add ')
  expect_out "$(sorted acme-corp globex)" "fish: 'acm contract add ' offers the account keys"
  out=$(complete_fish "acm -w $SCRATCH/other.db account edit ")
  expect_out "initech" "fish: the keys of the -w workspace"
  out=$(complete_fish 'acm ')
  for command in $commands; do
    expect_out_has "$command" "fish: 'acm ' offers $command"
  done
  out=$(complete_fish 'acm feedback import x.csv --rules surv')
  expect_out_has "surveymonkey" "fish: --rules offers the rules by name"
  out=$(complete_fish 'acm rules show hub')
  expect_out "$(printf 'hubspot-companies\nhubspot-deals')" "fish: 'acm rules show ' offers the rules"
  out=$(complete_fish 'acm completion ')
  expect_out "$(sorted bash zsh fish)" "fish: 'acm completion ' offers the shells"
  out=$(complete_fish 'acm export --')
  expect_out_has "--output" "fish: export --output"
  expect_out_has "--force" "fish: export --force"
  out=$(complete_fish "acm import $SCRATCH/dump-")
  expect_out "$(sorted "$SCRATCH/dump-1.json" "$SCRATCH/dump-2.json")" "fish: import completes file names"
else
  echo "note: fish is not installed: skipping the fish checks"
fi

finish
