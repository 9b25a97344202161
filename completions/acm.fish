# fish completion for acm, the account-management command line.
# Installed as ${datadir}/fish/vendor_completions.d/acm.fish.
# Static: nouns, verbs, flags and enum values; account keys and the ids of contracts,
# renewals and the records an edit or rm names
# come from the workspace (the one given with -w/--workspace on the line, else the default).

# The positional words typed so far (noun, verb, sub-verb, arguments), without the
# options and their values; `acm help NOUN VERB` counts as `acm NOUN VERB`.
function __acm_words
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    set -l first 1
    for token in $tokens
        if test $first -eq 1; and test $skip -eq 0; and test "$token" = help
            set first 0
            continue
        end
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $token
            case -w --workspace --format --columns --sort --limit --color --today -c \
                --key --name --segment --tier --owner --industry --region --domain --status --tag --untag \
                --map --rules --email --phone --title --role --kind --date --account --since --renewing-within \
                --start --end --arr --mrr --one-time --notice --sla --signed --ending-within --effective \
                --reason --within --stage --risk --forecast --plan --days --period --by --from --to \
                --health --severity --source --description --at --note --due --root-cause --resolution \
                --nps --csat --ces --text --contact --category --type --sent --active-users --logins --adoption \
                --value --probability --close --amount --done-on -o --output
                set skip 1
            case -
                printf '%s\n' $token
            case '-*'
                # a flag, or --option=value
            case '*'
                set first 0
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

# A listing of the workspace: acm NOUN… list --columns COLUMN (the last argument).
function __acm_list_column
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
    acm $workspace $argv[1..-2] list --csv --no-header --columns $argv[-1] 2>/dev/null
end

# The account keys of the workspace, its contract ids and the ids of its open renewals.
function __acm_accounts
    __acm_list_column account key
end
function __acm_contracts
    __acm_list_column contract id
end
function __acm_renewals
    __acm_list_column renewal id
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
complete -c acm -l wide -d 'Tables show every column, uncut'
complete -c acm -l color -x -a 'auto always never' -d 'Color output'
complete -c acm -l today -x -a 'today yesterday tomorrow' -d 'The date that counts as today'
complete -c acm -s c -x -d 'Override one config value: KEY=VALUE'
complete -c acm -s q -l quiet -d 'No notices on stderr'
complete -c acm -l no-hooks -d 'Run no hooks after this command'
complete -c acm -l version -d 'Print the version'
complete -c acm -s h -l help -d 'Print help'

# Nouns.
complete -c acm -n '__acm_at' -a init -d 'Create a new workspace'
complete -c acm -n '__acm_at' -a account -d 'Accounts, contacts and touchpoints'
complete -c acm -n '__acm_at' -a contract -d 'Contracts: terms, ARR, amendments, termination'
complete -c acm -n '__acm_at' -a renewal -d 'Renewals: the pipeline, closing, reminders, forecast'
complete -c acm -n '__acm_at' -a report -d 'Reports: portfolio, retention, ARR, renewals, feedback, escalations, …'
complete -c acm -n '__acm_at' -a escalate -d 'Escalations tracked against their SLA'
complete -c acm -n '__acm_at' -a feedback -d 'NPS, CSAT, CES, comments, follow-ups, surveys'
complete -c acm -n '__acm_at' -a task -d 'Tasks: what is to be done for an account, by whom and when'
complete -c acm -n '__acm_at' -a agenda -d 'Everything due or overdue by the end of the window, by date'
complete -c acm -n '__acm_at' -a rules -d "Import rules: how to read other systems' CSV exports"
complete -c acm -n '__acm_at' -a config -d 'Read and change configuration'
complete -c acm -n '__acm_at' -a log -d 'The audit log of every write'
complete -c acm -n '__acm_at' -a undo -d 'Revert the most recent command that changed the workspace'
complete -c acm -n '__acm_at' -a backup -d 'Copy the workspace to a new file while others may write'
complete -c acm -n '__acm_at' -a check -d 'Check integrity, foreign keys and schema'
complete -c acm -n '__acm_at' -a export -d 'The whole workspace as JSON'
complete -c acm -n '__acm_at' -a import -d 'Load an export into an empty workspace'
complete -c acm -n '__acm_at' -a completion -d 'Print the shell completion script'
complete -c acm -n '__acm_at' -a help -d 'Print the overview, or the help of a command'

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
complete -c acm -n '__acm_at account' -a opportunity -d 'Expansion opportunities: upsell and cross-sell'
complete -c acm -n '__acm_at account' -a milestone -d 'The onboarding plan: milestones and time to value'
complete -c acm -n '__acm_at account' -a cost -d 'Cost to serve'

# Account fields of add and edit.
for verb in add edit
    complete -c acm -n "__acm_in account $verb" -l segment -x -d 'Segment'
    complete -c acm -n "__acm_in account $verb" -l tier -x -a 'low-touch high-touch strategic' -d 'Coverage tier'
    complete -c acm -n "__acm_in account $verb" -l owner -x -d 'Account manager who owns the account'
    complete -c acm -n "__acm_in account $verb" -l industry -x -d 'Industry'
    complete -c acm -n "__acm_in account $verb" -l region -x -d 'Region or territory'
    complete -c acm -n "__acm_in account $verb" -l domain -x -d 'Web domain, e.g. acme.com'
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
complete -c acm -n '__acm_in account list' -l renewing-within -x -d 'Only accounts with an open renewal due within this window: 90d'
complete -c acm -n '__acm_in account list' -l tag -x -d 'Only accounts with this tag'
complete -c acm -n '__acm_in account list' -l health -x -a 'red yellow green' -d 'Only accounts of this health'

# acm account show|edit|rm ACCOUNT
for verb in show edit rm
    complete -c acm -n "__acm_at account $verb" -a '(__acm_accounts)' -d 'Account'
end
complete -c acm -n '__acm_in account rm' -l force -d 'Remove it with all its contacts and notes'

# acm account import FILE|-
complete -c acm -n '__acm_at account import' -F -a '-' -d 'CSV file, or - for standard input'

# acm account contact|note add|list|rm
for group in contact note
    complete -c acm -n "__acm_at account $group" -a add -d "Add a $group; prints its id"
    complete -c acm -n "__acm_at account $group" -a list -d "List "$group"s, of one account or all"
    complete -c acm -n "__acm_at account $group" -a rm -d "Remove a $group by id"
    complete -c acm -n "__acm_at account $group add" -a '(__acm_accounts)' -d 'Account'
    complete -c acm -n "__acm_at account $group list" -a '(__acm_accounts)' -d 'Account'
end
complete -c acm -n '__acm_at account contact' -a import -d 'Import contacts from CSV'
complete -c acm -n '__acm_at account contact import' -F -a '-' -d 'CSV file, or - for standard input'
complete -c acm -n '__acm_in account contact add' -l email -x -d 'E-mail address'
complete -c acm -n '__acm_in account contact add' -l phone -x -d 'Phone number'
complete -c acm -n '__acm_in account contact add' -l title -x -d 'Job title'
complete -c acm -n '__acm_in account contact add' -l role -x -a 'decision-maker champion billing technical user' -d 'Role'
complete -c acm -n '__acm_in account note add' -l kind -x -a 'meeting qbr call email note' -d 'Kind of touchpoint'
complete -c acm -n '__acm_in account note add' -l date -x -a 'today yesterday tomorrow som eom' -d 'When (default today)'

# acm account contact|note|opportunity|milestone|cost edit|rm ID: the ids of their listing.
for group in contact note opportunity milestone cost
    complete -c acm -n "__acm_at account $group" -a edit -d "Correct a $group's fields"
    for verb in edit rm
        complete -c acm -n "__acm_at account $group $verb" -a "(__acm_list_column account $group id)" -d "The $group's id"
    end
end
complete -c acm -n '__acm_in account contact edit' -l name -x -d 'Full name'
complete -c acm -n '__acm_in account contact edit' -l title -x -d 'Job title'
complete -c acm -n '__acm_in account contact edit' -l role -x -a 'decision-maker champion billing technical user' -d 'Role'
complete -c acm -n '__acm_in account contact edit' -l email -x -d 'E-mail address'
complete -c acm -n '__acm_in account contact edit' -l phone -x -d 'Phone number'
complete -c acm -n '__acm_in account note edit' -l kind -x -a 'meeting qbr call email note' -d 'Kind of touchpoint'
complete -c acm -n '__acm_in account note edit' -l date -x -a 'today yesterday tomorrow som eom' -d 'When'
complete -c acm -n '__acm_in account note edit' -l text -x -d 'What happened'
complete -c acm -n '__acm_in account opportunity edit' -l title -x -d 'What is offered'
complete -c acm -n '__acm_in account opportunity edit' -l value -x -d 'ARR it adds if won'
complete -c acm -n '__acm_in account opportunity edit' -l kind -x -a 'upsell cross-sell' -d 'Kind'
complete -c acm -n '__acm_in account opportunity edit' -l stage -x -a 'open won lost' -d 'Stage'
complete -c acm -n '__acm_in account opportunity edit' -l probability -x -d 'Chance to win in percent'
complete -c acm -n '__acm_in account opportunity edit' -l close -x -a 'today eom eoq eoy' -d 'Expected or actual close date'
complete -c acm -n '__acm_in account milestone edit' -l title -x -d 'What is reached'
complete -c acm -n '__acm_in account milestone edit' -l due -x -a 'today eom eoq' -d 'When it is planned'
complete -c acm -n '__acm_in account milestone edit' -l done-on -x -a 'today yesterday' -d 'When it was reached'
complete -c acm -n '__acm_in account milestone edit' -l not-done -d 'It is not reached after all'
complete -c acm -n '__acm_in account cost edit' -l date -x -a 'today yesterday som eom' -d 'When it was incurred'
complete -c acm -n '__acm_in account cost edit' -l amount -x -d 'The cost'
complete -c acm -n '__acm_in account cost edit' -l category -x -a 'support infrastructure services other' -d 'Category'
complete -c acm -n '__acm_in account cost edit' -l note -x -d 'What it was'

# acm contract VERB
complete -c acm -n '__acm_at contract' -a add -d 'Add a contract (and its renewal); prints its id'
complete -c acm -n '__acm_at contract' -a list -d 'List contracts, by end date'
complete -c acm -n '__acm_at contract' -a show -d "A contract's terms, ARR history and renewal"
complete -c acm -n '__acm_at contract' -a edit -d "Correct a contract's terms (ARR: see amend)"
complete -c acm -n '__acm_at contract' -a rm -d 'Remove a contract entered by mistake, with its renewal'
complete -c acm -n '__acm_at contract' -a amend -d 'Change the ARR from a date on (history kept)'
complete -c acm -n '__acm_at contract' -a terminate -d 'End a contract early (its renewal closes as churned)'
complete -c acm -n '__acm_at contract' -a import -d 'Import contracts from CSV'
set -l __acm_dates today yesterday tomorrow som eom soq eoq soy eoy
complete -c acm -n '__acm_at contract add' -a '(__acm_accounts)' -d 'Account'
complete -c acm -n '__acm_in contract add' -l start -x -a "$__acm_dates" -d 'First day'
complete -c acm -n '__acm_in contract add' -l end -x -a "$__acm_dates" -d 'Last day (inclusive)'
complete -c acm -n '__acm_in contract add' -l one-time -x -d 'One-time fees, same currency'
complete -c acm -n '__acm_in contract add' -l title -x -d 'Title'
complete -c acm -n '__acm_in contract add' -l auto-renew -d 'Renews automatically at its end'
complete -c acm -n '__acm_in contract add' -l notice -x -d 'Notice period before the end: 90d, 3m'
complete -c acm -n '__acm_in contract add' -l sla -x -d 'Service level terms'
complete -c acm -n '__acm_in contract add' -l signed -x -a "$__acm_dates" -d 'Date signed'
for verb in add amend
    complete -c acm -n "__acm_in contract $verb" -l arr -x -d 'Annual recurring revenue: 120k, USD 120k'
    complete -c acm -n "__acm_in contract $verb" -l mrr -x -d 'Monthly recurring revenue (ARR = 12 × MRR)'
end
complete -c acm -n '__acm_in contract list' -l account -x -a '(__acm_accounts)' -d "Only this account's contracts"
complete -c acm -n '__acm_in contract list' -l status -x -a 'active upcoming expired terminated' -d 'Only this status'
complete -c acm -n '__acm_in contract list' -l ending-within -x -d 'Only contracts ending within this window: 90d'
for verb in show edit rm amend terminate
    complete -c acm -n "__acm_at contract $verb" -a '(__acm_contracts)' -d 'Contract'
end
complete -c acm -n '__acm_at contract amend' -a rm -d 'Remove an amendment (its id in contract show)'
complete -c acm -n '__acm_in contract edit' -l title -x -d 'Title ("" clears it)'
complete -c acm -n '__acm_in contract edit' -l start -x -a "$__acm_dates" -d 'First day'
complete -c acm -n '__acm_in contract edit' -l end -x -a "$__acm_dates" -d 'Last day; the open renewal moves with it'
complete -c acm -n '__acm_in contract edit' -l notice -x -d 'Notice period: 90d, 3m ("" for none)'
complete -c acm -n '__acm_in contract edit' -l auto-renew -d 'Renews automatically at its end'
complete -c acm -n '__acm_in contract edit' -l no-auto-renew -d 'Does not renew automatically'
complete -c acm -n '__acm_in contract edit' -l sla -x -d 'Service level terms ("" clears them)'
complete -c acm -n '__acm_in contract edit' -l signed -x -a "$__acm_dates" -d 'Date signed ("" clears it)'
complete -c acm -n '__acm_in contract edit' -l one-time -x -d "One-time fees, in the contract's currency"
complete -c acm -n '__acm_in contract amend' -l effective -x -a "$__acm_dates" -d 'First day of the new ARR'
complete -c acm -n '__acm_in contract amend' -l reason -x -d 'Why'
complete -c acm -n '__acm_in contract terminate' -l date -x -a "$__acm_dates" -d 'Last day the contract runs'
complete -c acm -n '__acm_in contract terminate' -l reason -x -d 'Why it ends'
complete -c acm -n '__acm_at contract import' -F -a '-' -d 'CSV file, or - for standard input'

# acm renewal VERB
complete -c acm -n '__acm_at renewal' -a list -d 'The open renewal pipeline, by due date'
complete -c acm -n '__acm_at renewal' -a update -d 'Change stage, risk, forecast, reason, plan, owner'
complete -c acm -n '__acm_at renewal' -a close -d 'Close as renewed or churned'
complete -c acm -n '__acm_at renewal' -a due -d 'Renewals whose due date or notice deadline falls in a window'
complete -c acm -n '__acm_at renewal' -a remind -d 'Each reminder once over repeated runs'
complete -c acm -n '__acm_at renewal' -a roll -d 'Renew auto-renew contracts that have ended'
complete -c acm -n '__acm_at renewal' -a forecast -d 'ARR up for renewal in a period'
complete -c acm -n '__acm_at renewal' -a calendar -d 'Due dates and notice deadlines as iCalendar'
for verb in list update
    complete -c acm -n "__acm_in renewal $verb" -l stage -x -a 'upcoming in-progress committed' -d 'Stage'
    complete -c acm -n "__acm_in renewal $verb" -l risk -x -a 'low medium high' -d 'Risk'
    complete -c acm -n "__acm_in renewal $verb" -l owner -x -d 'Owner'
end
complete -c acm -n '__acm_in renewal list' -l account -x -a '(__acm_accounts)' -d "Only this account's renewals"
complete -c acm -n '__acm_in renewal list' -l within -x -d 'Only renewals due by today + this window: 90d'
complete -c acm -n '__acm_in renewal list' -l all -d 'Closed renewals too'
for verb in update close
    complete -c acm -n "__acm_at renewal $verb" -a '(__acm_renewals)' -d 'Renewal'
end
complete -c acm -n '__acm_in renewal update' -l forecast -x -d 'Expected ARR after renewal'
complete -c acm -n '__acm_in renewal update' -l reason -x -d 'Why the risk or forecast (empty clears)'
complete -c acm -n '__acm_in renewal update' -l plan -x -d 'Mitigation plan (empty clears)'
complete -c acm -n '__acm_in renewal close' -l renewed -d 'Renewed: a successor contract from the day after the end'
complete -c acm -n '__acm_in renewal close' -l churned -d 'Churned: the customer leaves at the end'
complete -c acm -n '__acm_in renewal close' -l arr -x -d 'ARR of the renewed contract'
complete -c acm -n '__acm_in renewal close' -l end -x -a 'eom eoq eoy' -d 'End of the renewed contract'
complete -c acm -n '__acm_in renewal close' -l title -x -d 'Title of the renewed contract (default: the old title)'
complete -c acm -n '__acm_in renewal close' -l reason -x -d 'Why the customer churned'
complete -c acm -n '__acm_in renewal due' -l within -x -d 'The window from today (default 30d)'
complete -c acm -n '__acm_in renewal remind' -l days -x -d 'Days before the notice deadline: 90,60,30'
complete -c acm -n '__acm_in renewal remind' -l dry-run -d 'Show what is due, remember nothing'
complete -c acm -n '__acm_in renewal roll' -l dry-run -d 'Show what would be renewed, change nothing'
complete -c acm -n '__acm_in renewal forecast' -l period -x -a 'this-month last-month this-quarter last-quarter this-year last-year ytd' -d 'Period of due dates'
complete -c acm -n '__acm_in renewal forecast' -l by -x -a 'owner segment' -d 'One row per owner or segment'
complete -c acm -n '__acm_in renewal calendar' -l within -x -d 'The window from today (default 1y)'

# acm report VERB
complete -c acm -n '__acm_at report' -a portfolio -d 'Book of business: accounts, ARR, MRR, health mix'
complete -c acm -n '__acm_at report' -a retention -d 'GRR, NRR, logo churn and ARR movements of the starting cohort'
complete -c acm -n '__acm_at report' -a arr -d 'ARR movements per period'
complete -c acm -n '__acm_at report' -a renewals -d 'Renewals due in the period and renewal rates'
complete -c acm -n '__acm_at report' -a feedback -d 'NPS, CSAT, CES, response rate, top categories'
complete -c acm -n '__acm_at report' -a escalations -d 'Opened, resolved, time to resolve, SLA breaches'
complete -c acm -n '__acm_at report' -a health -d "Every account's health score and components"
complete -c acm -n '__acm_at report' -a profitability -d 'Recognized revenue, cost to serve, margin'
complete -c acm -n '__acm_at report' -a pipeline -d 'Opportunities by stage and kind, weighted value'
complete -c acm -n '__acm_at report' -a account -d 'The QBR review of one account'
complete -c acm -n '__acm_at report' -a briefing -d 'What changed: escalations, feedback, renewals, health, notes'
complete -c acm -n '__acm_at report' -a health-backtest -d 'How well health predicted the renewals that closed'
complete -c acm -n '__acm_in report health-backtest' -l period -x -a 'this-month last-month this-quarter last-quarter this-year last-year ytd' -d 'Renewals closed in this period'
complete -c acm -n '__acm_in report health-backtest' -l from -x -a "$__acm_dates" -d 'First day of the period'
complete -c acm -n '__acm_in report health-backtest' -l to -x -a "$__acm_dates" -d 'Last day of the period'
complete -c acm -n '__acm_in report health-backtest' -l lead -x -a '90d 60d 6m' -d 'Health this long before the due date'
complete -c acm -n '__acm_in report health-backtest' -l at-risk -x -a 'red yellow' -d 'Which colors count as at risk'
complete -c acm -n '__acm_at report account' -a '(__acm_accounts)' -d 'Account'
complete -c acm -n '__acm_in report account' -l period -x -a 'this-month last-month this-quarter last-quarter this-year last-year ytd' -d 'The period'
complete -c acm -n '__acm_in report account' -l from -x -d 'First day of the period'
complete -c acm -n '__acm_in report account' -l to -x -d 'Last day of the period'
complete -c acm -n '__acm_in report account' -l internal -d "html and md: the team's figures too"
complete -c acm -n '__acm_in report account' -s o -l output -r -F -d 'Write to this new file'
complete -c acm -n '__acm_in report account' -l force -d 'Replace the --output file when it exists'
complete -c acm -n '__acm_in report account' -l format -x -a 'table csv tsv json html md' -d 'Output format'
complete -c acm -n '__acm_in report briefing' -l since -x -a '7d 2w 30d' -d 'From this day or window back'
complete -c acm -n '__acm_in report briefing' -l owner -x -d 'Only accounts of this owner'
complete -c acm -n '__acm_in report briefing' -l all -d 'Health changes of churned accounts too'
complete -c acm -n '__acm_in report briefing' -l format -x -a 'table csv tsv json md' -d 'Output format'
for verb in portfolio health
    complete -c acm -n "__acm_in report $verb" -l owner -x -d 'Only accounts of this owner'
    complete -c acm -n "__acm_in report $verb" -l segment -x -d 'Only accounts of this segment'
end
complete -c acm -n '__acm_in report portfolio' -l by -x -a 'owner segment tier' -d 'Group the rows'
complete -c acm -n '__acm_in report portfolio' -l within -x -d 'Renewals due within this window (90d)'
complete -c acm -n '__acm_in report portfolio' -l all -d 'Count churned accounts as customers too'
complete -c acm -n '__acm_in report health' -l all -d 'Churned accounts too'
complete -c acm -n '__acm_in report health' -l at-risk -d 'Only red and yellow accounts, worst first'
complete -c acm -n '__acm_in report health' -l explain -x -a '(__acm_accounts)' -d "The arithmetic of one account's score"
complete -c acm -n '__acm_in report health' -l at -x -a "$__acm_dates" -d 'Health as it was on this day'
complete -c acm -n '__acm_in report health' -l trend -d "Each account's health at the end of each period"
complete -c acm -n '__acm_in report health' -l period -x -a 'this-month last-month this-quarter last-quarter this-year last-year ytd' -d 'The period of --trend'
complete -c acm -n '__acm_in report health' -l from -x -a "$__acm_dates" -d 'First day of the period of --trend'
complete -c acm -n '__acm_in report health' -l to -x -a "$__acm_dates" -d 'Last day of the period of --trend'
complete -c acm -n '__acm_in report health' -l by -x -a 'week month' -d 'The parts of the period of --trend'
for verb in retention arr renewals feedback escalations profitability pipeline
    complete -c acm -n "__acm_in report $verb" -l period -x -a 'this-month last-month this-quarter last-quarter this-year last-year ytd' -d 'The period'
    complete -c acm -n "__acm_in report $verb" -l from -x -a "$__acm_dates" -d 'First day of the period'
    complete -c acm -n "__acm_in report $verb" -l to -x -a "$__acm_dates" -d 'Last day of the period'
    complete -c acm -n "__acm_in report $verb" -l owner -x -d 'Only accounts of this owner'
    complete -c acm -n "__acm_in report $verb" -l segment -x -d 'Only accounts of this segment'
end
complete -c acm -n '__acm_in report arr' -l by -x -a 'month quarter year' -d 'Split the rows'
complete -c acm -n '__acm_in report retention; or __acm_in report renewals; or __acm_in report feedback; or __acm_in report escalations' -l by -x -a 'month quarter year segment owner tier' -d 'Split or group the rows'
complete -c acm -n '__acm_in report profitability' -l by -x -a 'month quarter year segment owner tier account' -d 'Split or group the rows'
complete -c acm -n '__acm_in report pipeline' -l by -x -a 'segment owner tier account' -d 'Group the rows'

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

# acm account opportunity|milestone|cost
complete -c acm -n '__acm_at account opportunity' -a add -d 'Add an opportunity'
complete -c acm -n '__acm_at account opportunity' -a update -d 'Change stage, value, probability, close date'
complete -c acm -n '__acm_at account opportunity' -a list -d 'List opportunities'
complete -c acm -n '__acm_at account opportunity' -a rm -d 'Remove an opportunity by id'
complete -c acm -n '__acm_at account milestone' -a add -d 'Add a milestone'
complete -c acm -n '__acm_at account milestone' -a done -d 'Mark a milestone reached'
complete -c acm -n '__acm_at account milestone' -a list -d 'List milestones with their status'
complete -c acm -n '__acm_at account milestone' -a rm -d 'Remove a milestone by id'
complete -c acm -n '__acm_at account cost' -a add -d 'Record a cost'
complete -c acm -n '__acm_at account cost' -a list -d 'List costs, newest first'
complete -c acm -n '__acm_at account cost' -a rm -d 'Remove a cost by id'
for group in opportunity milestone cost
    complete -c acm -n "__acm_at account $group add" -a '(__acm_accounts)' -d 'Account'
    complete -c acm -n "__acm_at account $group list" -a '(__acm_accounts)' -d 'Account'
end
complete -c acm -n '__acm_in account opportunity add; or __acm_in account opportunity update' -l value -x -d 'ARR it adds if won'
complete -c acm -n '__acm_in account opportunity add' -l kind -x -a 'upsell cross-sell' -d 'Kind'
complete -c acm -n '__acm_in account opportunity add; or __acm_in account opportunity update; or __acm_in account opportunity list' -l stage -x -a 'open won lost' -d 'Stage'
complete -c acm -n '__acm_in account opportunity add; or __acm_in account opportunity update' -l probability -x -d 'Chance to win in percent'
complete -c acm -n '__acm_in account opportunity add; or __acm_in account opportunity update' -l close -x -a "$__acm_dates" -d 'Expected or actual close date'
complete -c acm -n '__acm_in account opportunity update' -l title -x -d 'New title'
complete -c acm -n '__acm_in account milestone add' -l due -x -a "$__acm_dates" -d 'When it is planned'
complete -c acm -n '__acm_in account milestone done' -l date -x -a "$__acm_dates" -d 'When it was reached'
complete -c acm -n '__acm_in account cost add' -l amount -x -d 'The cost'
complete -c acm -n '__acm_in account cost add' -l date -x -a "$__acm_dates" -d 'When it was incurred'
complete -c acm -n '__acm_in account cost add' -l category -x -a 'support infrastructure services other' -d 'Category'
complete -c acm -n '__acm_in account cost add' -l note -x -d 'What it was'

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
complete -c acm -n '__acm_at escalate action' -a rm -d 'Remove a corrective action'
complete -c acm -n '__acm_at escalate action' -a list -d 'List corrective actions'
complete -c acm -n '__acm_in escalate action list' -l open -d 'Only actions not done'
for verb in done rm
    complete -c acm -n "__acm_at escalate action $verb" -a '(__acm_list_column escalate action id)' -d 'Action'
end
complete -c acm -n '__acm_at escalate' -a edit -d 'Correct the title, description or source'
complete -c acm -n '__acm_at escalate edit' -a '(__acm_list_column escalate id)' -d 'Escalation id'
complete -c acm -n '__acm_in escalate edit' -l title -x -d 'What is wrong, in a line'
complete -c acm -n '__acm_in escalate edit' -l description -x -d 'The details'
complete -c acm -n '__acm_in escalate edit' -l source -x -a 'customer support sales billing internal' -d 'Source'
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
complete -c acm -n '__acm_at feedback survey' -a rm -d 'Remove a record of surveys sent'
complete -c acm -n '__acm_at feedback survey rm' -a '(__acm_list_column feedback survey id)' -d 'Survey id'
complete -c acm -n '__acm_at feedback' -a edit -d 'Correct a feedback entry'
complete -c acm -n '__acm_at feedback' -a rm -d 'Remove a feedback entry with its follow-up'
for verb in edit rm
    complete -c acm -n "__acm_at feedback $verb" -a '(__acm_list_column feedback id)' -d 'Feedback id'
end
complete -c acm -n '__acm_in feedback edit' -l nps -x -a '0 1 2 3 4 5 6 7 8 9 10' -d 'NPS answer'
complete -c acm -n '__acm_in feedback edit' -l csat -x -a '1 2 3 4 5' -d 'CSAT answer'
complete -c acm -n '__acm_in feedback edit' -l ces -x -a '1 2 3 4 5 6 7' -d 'CES answer'
complete -c acm -n '__acm_in feedback edit' -l kind -x -a 'praise complaint request comment' -d 'Kind'
complete -c acm -n '__acm_in feedback edit' -l text -x -d 'What the customer said'
complete -c acm -n '__acm_in feedback edit' -l contact -x -d 'Who said it'
complete -c acm -n '__acm_in feedback edit' -l category -x -d 'Category'
complete -c acm -n '__acm_in feedback edit' -l date -x -a 'today yesterday' -d 'When'
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

# The flags every CSV import takes.
for command in 'account import' 'contract import' 'feedback import' 'account usage import' 'account contact import'
    complete -c acm -n "__acm_in $command" -l map -x -d "Map a header to a field: 'Header=field', 'Header=-' ignores it"
    complete -c acm -n "__acm_in $command" -l rules -r -F -a '(acm rules list --csv --no-header --columns name 2>/dev/null)' -d 'Rules name or file'
    complete -c acm -n "__acm_in $command" -l dry-run -d 'Check every row as the import would; write nothing'
    complete -c acm -n "__acm_in $command" -l upsert -d 'Update what an earlier import stored'
end

# acm rules VERB
complete -c acm -n '__acm_at rules' -a list -d 'List the rules files'
complete -c acm -n '__acm_at rules' -a show -d 'Print a rules file'
complete -c acm -n '__acm_at rules' -a detect -d 'Name the rules whose headers match a CSV file'
complete -c acm -n '__acm_at rules show' -a '(acm rules list --csv --no-header --columns name 2>/dev/null)' -d 'Rules'
complete -c acm -n '__acm_at rules detect' -F -a '-' -d 'CSV file, or - for standard input'
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
    health.windows.engagement_zero feedback.follow_up_within cadence.strategic cadence.high-touch \
    cadence.low-touch segments.allowed tiers.allowed
complete -c acm -n '__acm_at config get' -a "$__acm_config_keys" -d 'Config key'
complete -c acm -n '__acm_at config set' -a "$__acm_config_keys" -d 'Config key'

# acm task VERB
complete -c acm -n '__acm_at task' -a add -d 'Add a task; prints its id'
complete -c acm -n '__acm_at task' -a list -d 'List open tasks by due date'
complete -c acm -n '__acm_at task' -a done -d 'Mark a task done'
complete -c acm -n '__acm_at task' -a edit -d 'Correct a task'
complete -c acm -n '__acm_at task' -a rm -d 'Remove a task by id'
complete -c acm -n '__acm_at task add' -a '(__acm_accounts)' -d 'Account'
for verb in done edit rm
    complete -c acm -n "__acm_at task $verb" -a '(__acm_list_column task id)' -d 'Task'
end
complete -c acm -n '__acm_in task add' -l due -x -a 'today tomorrow eow eom' -d 'When it is due'
complete -c acm -n '__acm_in task add' -l owner -x -d 'Who does it (default: the account owner)'
complete -c acm -n '__acm_in task add' -l priority -x -a 'high normal low' -d 'Priority'
complete -c acm -n '__acm_in task list' -l account -x -a '(__acm_accounts)' -d 'Only the tasks of this account'
complete -c acm -n '__acm_in task list' -l owner -x -d 'Only the tasks of this owner'
complete -c acm -n '__acm_in task list' -l overdue -d 'Only open tasks due before today'
complete -c acm -n '__acm_in task list' -l due-within -x -d 'Only open tasks due by today + this window: 7d'
complete -c acm -n '__acm_in task list' -l all -d 'Done tasks too'
complete -c acm -n '__acm_in task done' -l note -x -d 'What came of it'
complete -c acm -n '__acm_in task done' -l date -x -a 'today yesterday' -d 'When it was done'
complete -c acm -n '__acm_in task edit' -l text -x -d 'What is to be done'
complete -c acm -n '__acm_in task edit' -l due -x -a 'today tomorrow eow eom' -d 'When it is due'
complete -c acm -n '__acm_in task edit' -l owner -x -d 'Who does it'
complete -c acm -n '__acm_in task edit' -l priority -x -a 'high normal low' -d 'Priority'
complete -c acm -n '__acm_in task edit' -l done-on -x -a 'today yesterday' -d 'When it was done'
complete -c acm -n '__acm_in task edit' -l note -x -d 'What came of it'
complete -c acm -n '__acm_in task edit' -l not-done -d 'Mark it not done'

# acm play VERB
complete -c acm -n '__acm_at' -a play -d 'Plays: rules of the config that turn conditions into tasks'
complete -c acm -n '__acm_at play' -a run -d 'Add the tasks of the plays'
complete -c acm -n '__acm_at play' -a list -d 'Each play and how many accounts meet it now'
complete -c acm -n '__acm_in play run' -l dry-run -d 'Print the tasks it would add; add none'

# acm agenda
complete -c acm -n '__acm_in agenda' -l owner -x -d 'Only what this owner owes'
complete -c acm -n '__acm_in agenda' -l within -x -a '1d 7d 2w 1m' -d 'The window from today'

# acm undo
complete -c acm -n '__acm_in undo' -l dry-run -d 'Print what would be undone; change nothing'

# acm log
complete -c acm -n '__acm_in log' -l account -x -a '(__acm_accounts)' -d 'Only events of this account'
complete -c acm -n '__acm_in log' -l since -x -d 'Only events since a date (2026-11-01, -2w) or a window (7d)'

# acm backup FILE, check, export [-o FILE], import FILE, completion SHELL
complete -c acm -n '__acm_at backup' -F -d 'New backup file'
complete -c acm -n '__acm_in backup' -l force -d 'Replace the file when it exists'
complete -c acm -n '__acm_in export' -s o -l output -r -F -d 'Write to this new file'
complete -c acm -n '__acm_in export' -l force -d 'Replace the --output file when it exists'
complete -c acm -n '__acm_at import' -F -a '-' -d 'JSON of acm export, or - for standard input'
complete -c acm -n '__acm_at completion' -a 'bash zsh fish' -d 'Shell'
