# fish completion for acm, the account-management command line.
# Installed as ${datadir}/fish/vendor_completions.d/acm.fish.
# Static: nouns, verbs, flags and enum values; account keys come from the workspace
# (the one given with -w/--workspace on the line, else the default).

# The positional words typed so far (noun, verb, sub-verb, arguments), without the
# options and their values.
function __acm_words
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    for token in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $token
            case -w --workspace --format --columns --sort --limit --color --today -c \
                --key --name --segment --tier --owner --industry --region --status --tag --untag \
                --map --email --phone --title --role --kind --date --account --since \
                --health --severity --source --description --at --note --due --root-cause --resolution \
                --nps --csat --ces --text --contact --category --type --sent --active-users --logins --adoption
                set skip 1
            case -
                printf '%s\n' $token
            case '-*'
                # a flag, or --option=value
            case '*'
                printf '%s\n' $token
        end
    end
end

# True when the positional words are exactly the arguments (the cursor is at the next one).
function __acm_at
    set -l words (__acm_words)
    test (count $words) -eq (count $argv); or return 1
    test (count $argv) -eq 0; and return 0
    test "$words" = "$argv"
end

# True when the positional words begin with the arguments.
function __acm_in
    set -l words (__acm_words)
    set -l n (count $argv)
    test (count $words) -ge $n; or return 1
    test "$words[1..$n]" = "$argv"
end

# The account keys of the workspace.
function __acm_accounts
    set -l tokens (commandline -opc)
    set -l workspace
    set -l i 1
    # (A -w that is the last token has no value yet.)
    while test $i -lt (count $tokens)
        switch $tokens[$i]
            case -w --workspace
                set workspace -w $tokens[(math $i + 1)]
            case '--workspace=*'
                set workspace -w (string replace -- '--workspace=' '' $tokens[$i])
        end
        set i (math $i + 1)
    end
    # ~/x.db as typed: expand the tilde.
    if set -q workspace[2]
        set workspace[2] (string replace -r '^~/' "$HOME/" -- $workspace[2])
    end
    acm $workspace account list --csv --no-header --columns key 2>/dev/null
end

complete -c acm -f

# Global options: valid anywhere.
complete -c acm -s w -l workspace -r -F -d 'Workspace file'
complete -c acm -l format -x -a 'table csv tsv json' -d 'Output format'
complete -c acm -l csv -d 'Same as --format csv'
complete -c acm -l tsv -d 'Same as --format tsv'
complete -c acm -l json -d 'Same as --format json'
complete -c acm -l columns -x -d 'Columns to show, in order: a,b,c'
complete -c acm -l sort -x -d 'Sort rows by columns: name or -name'
complete -c acm -l limit -x -d 'Show at most N rows'
complete -c acm -l no-header -d 'Print no header row'
complete -c acm -l color -x -a 'auto always never' -d 'Color output'
complete -c acm -l today -x -a 'today yesterday tomorrow' -d 'The date that counts as today'
complete -c acm -s c -x -d 'Override one config value: KEY=VALUE'
complete -c acm -s q -l quiet -d 'No notices on stderr'
complete -c acm -l version -d 'Print the version'
complete -c acm -s h -l help -d 'Print help'

# Nouns.
complete -c acm -n '__acm_at' -a init -d 'Create a new workspace'
complete -c acm -n '__acm_at' -a account -d 'Accounts, contacts and touchpoints'
complete -c acm -n '__acm_at' -a escalate -d 'Escalations tracked against their SLA'
complete -c acm -n '__acm_at' -a feedback -d 'NPS, CSAT, CES, comments, follow-ups, surveys'
complete -c acm -n '__acm_at' -a config -d 'Read and change configuration'
complete -c acm -n '__acm_at' -a log -d 'The audit log of every write'

# acm init [PATH]
complete -c acm -n '__acm_at init' -F

# acm account VERB
complete -c acm -n '__acm_at account' -a add -d 'Add an account; prints its key'
complete -c acm -n '__acm_at account' -a list -d 'List accounts'
complete -c acm -n '__acm_at account' -a show -d 'Everything about one account'
complete -c acm -n '__acm_at account' -a edit -d "Change an account's fields"
complete -c acm -n '__acm_at account' -a rm -d 'Remove an account'
complete -c acm -n '__acm_at account' -a import -d 'Import accounts from CSV'
complete -c acm -n '__acm_at account' -a contact -d 'People at an account'
complete -c acm -n '__acm_at account' -a note -d 'Touchpoints: meetings, QBRs, calls, notes'
complete -c acm -n '__acm_at account' -a usage -d 'Usage metrics per day'

# Account fields of add and edit.
for verb in add edit
    complete -c acm -n "__acm_in account $verb" -l segment -x -d 'Segment'
    complete -c acm -n "__acm_in account $verb" -l tier -x -a 'low-touch high-touch strategic' -d 'Coverage tier'
    complete -c acm -n "__acm_in account $verb" -l owner -x -d 'Account manager who owns the account'
    complete -c acm -n "__acm_in account $verb" -l industry -x -d 'Industry'
    complete -c acm -n "__acm_in account $verb" -l region -x -d 'Region or territory'
    complete -c acm -n "__acm_in account $verb" -l status -x -a 'prospect onboarding active at-risk churned' -d 'Lifecycle status'
    complete -c acm -n "__acm_in account $verb" -l tag -x -d 'Add a tag'
end
complete -c acm -n '__acm_in account add' -l key -x -d 'Unique key'
complete -c acm -n '__acm_in account edit' -l name -x -d 'New display name'
complete -c acm -n '__acm_in account edit' -l untag -x -d 'Remove a tag'

# acm account list
complete -c acm -n '__acm_in account list' -l owner -x -d 'Only accounts of this owner'
complete -c acm -n '__acm_in account list' -l segment -x -d 'Only this segment'
complete -c acm -n '__acm_in account list' -l tier -x -a 'low-touch high-touch strategic' -d 'Only this tier'
complete -c acm -n '__acm_in account list' -l status -x -a 'prospect onboarding active at-risk churned' -d 'Only this status'
complete -c acm -n '__acm_in account list' -l tag -x -d 'Only accounts with this tag'
complete -c acm -n '__acm_in account list' -l health -x -a 'red yellow green' -d 'Only accounts of this health'

# acm account show|edit|rm ACCOUNT
for verb in show edit rm
    complete -c acm -n "__acm_at account $verb" -a '(__acm_accounts)' -d 'Account'
end
complete -c acm -n '__acm_in account rm' -l force -d 'Remove it with all its contacts and notes'

# acm account import FILE|-
complete -c acm -n '__acm_at account import' -F -a '-' -d 'CSV file, or - for standard input'
complete -c acm -n '__acm_in account import' -l map -x -d "Map a header to a field: 'Header=field'"
complete -c acm -n '__acm_in account import' -l dry-run -d 'Validate and report, write nothing'
complete -c acm -n '__acm_in account import' -l upsert -d 'Update accounts whose key exists'

# acm account contact|note add|list|rm
for group in contact note
    complete -c acm -n "__acm_at account $group" -a add -d "Add a $group; prints its id"
    complete -c acm -n "__acm_at account $group" -a list -d "List "$group"s, of one account or all"
    complete -c acm -n "__acm_at account $group" -a rm -d "Remove a $group by id"
    complete -c acm -n "__acm_at account $group add" -a '(__acm_accounts)' -d 'Account'
    complete -c acm -n "__acm_at account $group list" -a '(__acm_accounts)' -d 'Account'
end
complete -c acm -n '__acm_in account contact add' -l email -x -d 'E-mail address'
complete -c acm -n '__acm_in account contact add' -l phone -x -d 'Phone number'
complete -c acm -n '__acm_in account contact add' -l title -x -d 'Job title'
complete -c acm -n '__acm_in account contact add' -l role -x -a 'decision-maker champion billing technical user' -d 'Role'
complete -c acm -n '__acm_in account note add' -l kind -x -a 'meeting qbr call email note' -d 'Kind of touchpoint'
complete -c acm -n '__acm_in account note add' -l date -x -a 'today yesterday tomorrow som eom' -d 'When (default today)'

# acm account usage add|list|rm|import
complete -c acm -n '__acm_at account usage' -a add -d "Record a day's usage"
complete -c acm -n '__acm_at account usage' -a list -d 'List usage, newest first'
complete -c acm -n '__acm_at account usage' -a rm -d 'Remove a usage row by id'
complete -c acm -n '__acm_at account usage' -a import -d 'Import usage from CSV'
complete -c acm -n '__acm_at account usage add' -a '(__acm_accounts)' -d 'Account'
complete -c acm -n '__acm_at account usage list' -a '(__acm_accounts)' -d 'Account'
complete -c acm -n '__acm_at account usage import' -F -a '-' -d 'CSV file, or - for standard input'
complete -c acm -n '__acm_in account usage add' -l date -x -a 'today yesterday' -d 'The day'
complete -c acm -n '__acm_in account usage add' -l active-users -x -d 'Active users that day'
complete -c acm -n '__acm_in account usage add' -l logins -x -d 'Logins that day'
complete -c acm -n '__acm_in account usage add' -l adoption -x -d 'Adoption in percent'

# acm escalate VERB
complete -c acm -n '__acm_at escalate' -a open -d 'Open an escalation'
complete -c acm -n '__acm_at escalate' -a list -d 'List escalations'
complete -c acm -n '__acm_at escalate' -a show -d 'One escalation with its timeline'
complete -c acm -n '__acm_at escalate' -a update -d 'Change status, owner, severity, or add a note'
complete -c acm -n '__acm_at escalate' -a action -d 'The corrective action plan'
complete -c acm -n '__acm_at escalate' -a resolve -d 'Resolve (root cause required)'
complete -c acm -n '__acm_at escalate' -a reopen -d 'Reopen a resolved escalation'
complete -c acm -n '__acm_at escalate action' -a add -d 'Add a corrective action'
complete -c acm -n '__acm_at escalate action' -a done -d 'Mark an action done'
complete -c acm -n '__acm_at escalate open' -a '(__acm_accounts)' -d 'Account'
complete -c acm -n '__acm_in escalate open' -l severity -x -a 'critical high medium low' -d 'Severity'
complete -c acm -n '__acm_in escalate open' -l source -x -a 'customer support sales billing internal' -d 'Source'
complete -c acm -n '__acm_in escalate open' -l owner -x -d 'Owner'
complete -c acm -n '__acm_in escalate open' -l description -x -d 'The details'
complete -c acm -n '__acm_in escalate list' -l open -d 'Only open ones'
complete -c acm -n '__acm_in escalate list' -l account -x -a '(__acm_accounts)' -d 'Only this account'
complete -c acm -n '__acm_in escalate list' -l severity -x -a 'critical high medium low' -d 'Only this severity'
complete -c acm -n '__acm_in escalate list' -l owner -x -d 'Only this owner'
complete -c acm -n '__acm_in escalate list' -l breached -d 'Only breached ones'
complete -c acm -n '__acm_in escalate update' -l status -x -a 'open investigating mitigating' -d 'Status'
complete -c acm -n '__acm_in escalate update' -l note -x -d 'A note for the timeline'
complete -c acm -n '__acm_in escalate update' -l owner -x -d 'The new owner'
complete -c acm -n '__acm_in escalate update' -l severity -x -a 'critical high medium low' -d 'The new severity'
complete -c acm -n '__acm_in escalate action add' -l owner -x -d 'Who does it'
complete -c acm -n '__acm_in escalate action add' -l due -x -a 'tomorrow eom' -d 'By when'
complete -c acm -n '__acm_in escalate resolve' -l root-cause -x -d 'Why it happened'
complete -c acm -n '__acm_in escalate resolve' -l resolution -x -d 'How it was resolved'
for verb in open update action resolve reopen
    complete -c acm -n "__acm_in escalate $verb" -l at -x -d 'When: YYYY-MM-DD[THH:MM[:SS]]'
end

# acm feedback VERB
complete -c acm -n '__acm_at feedback' -a add -d 'Record feedback'
complete -c acm -n '__acm_at feedback' -a list -d 'List feedback, newest first'
complete -c acm -n '__acm_at feedback' -a follow-up -d 'Add a note to a follow-up; --done closes it'
complete -c acm -n '__acm_at feedback' -a survey -d 'Surveys sent'
complete -c acm -n '__acm_at feedback' -a import -d 'Import survey-tool CSV'
complete -c acm -n '__acm_at feedback survey' -a add -d 'Record surveys sent'
complete -c acm -n '__acm_at feedback survey' -a list -d 'List surveys sent'
complete -c acm -n '__acm_at feedback add' -a '(__acm_accounts)' -d 'Account'
complete -c acm -n '__acm_at feedback survey add' -a '(__acm_accounts)' -d 'Account'
complete -c acm -n '__acm_at feedback survey list' -a '(__acm_accounts)' -d 'Account'
complete -c acm -n '__acm_at feedback import' -F -a '-' -d 'CSV file, or - for standard input'
complete -c acm -n '__acm_in feedback add' -l nps -x -a '0 1 2 3 4 5 6 7 8 9 10' -d 'NPS answer'
complete -c acm -n '__acm_in feedback add' -l csat -x -a '1 2 3 4 5' -d 'CSAT answer'
complete -c acm -n '__acm_in feedback add' -l ces -x -a '1 2 3 4 5 6 7' -d 'CES answer'
complete -c acm -n '__acm_in feedback add' -l kind -x -a 'praise complaint request comment' -d 'Kind'
complete -c acm -n '__acm_in feedback add' -l text -x -d 'What the customer said'
complete -c acm -n '__acm_in feedback add' -l contact -x -d 'Who said it'
complete -c acm -n '__acm_in feedback add' -l category -x -d 'Category'
complete -c acm -n '__acm_in feedback list' -l account -x -a '(__acm_accounts)' -d 'Only this account'
complete -c acm -n '__acm_in feedback list' -l kind -x -a 'praise complaint request comment' -d 'Only this kind'
complete -c acm -n '__acm_in feedback list' -l type -x -a 'nps csat ces' -d 'Only this score type'
complete -c acm -n '__acm_in feedback list' -l since -x -d 'Only since a date or window'
complete -c acm -n '__acm_in feedback list' -l negative -d 'Only negative feedback'
complete -c acm -n '__acm_in feedback list' -l open -d 'Only open follow-ups'
complete -c acm -n '__acm_in feedback follow-up' -l note -x -d 'What was done'
complete -c acm -n '__acm_in feedback follow-up' -l done -d 'Close the follow-up'
complete -c acm -n '__acm_in feedback survey add' -l type -x -a 'nps csat ces' -d 'Survey type'
complete -c acm -n '__acm_in feedback survey add' -l sent -x -d 'How many were sent'
complete -c acm -n '__acm_in feedback import' -l type -x -a 'nps csat ces' -d "Type of a 'score' column"
for verb in add follow-up survey
    complete -c acm -n "__acm_in feedback $verb" -l date -x -a 'today yesterday' -d 'When (default today)'
end

# acm config VERB
complete -c acm -n '__acm_at config' -a list -d 'Every setting with its value and origin'
complete -c acm -n '__acm_at config' -a get -d "One setting's value"
complete -c acm -n '__acm_at config' -a set -d 'Change a setting in the user config file'
complete -c acm -n '__acm_at config' -a path -d "Print the user config file's path"
set -l __acm_config_keys currency output.format fx. renewal.remind_days \
    renewal.probability.low renewal.probability.medium renewal.probability.high \
    escalation.sla.critical escalation.sla.high escalation.sla.medium escalation.sla.low \
    health.weights.nps health.weights.csat health.weights.escalations health.weights.usage \
    health.weights.engagement health.thresholds.green health.thresholds.yellow \
    health.penalties.critical health.penalties.high health.penalties.medium health.penalties.low \
    health.windows.feedback health.windows.usage health.windows.engagement_full \
    health.windows.engagement_zero segments.allowed tiers.allowed
complete -c acm -n '__acm_at config get' -a "$__acm_config_keys" -d 'Config key'
complete -c acm -n '__acm_at config set' -a "$__acm_config_keys" -d 'Config key'

# acm log
complete -c acm -n '__acm_in log' -l account -x -a '(__acm_accounts)' -d 'Only events of this account'
complete -c acm -n '__acm_in log' -l since -x -d 'Only events since a date (2026-11-01, -2w) or a window (7d)'
