# bash completion for acm, the account-management command line.
# Installed as ${datadir}/bash-completion/completions/acm, or source it from ~/.bashrc.
# Static: nouns, verbs, flags and enum values; account keys and the ids of contracts,
# renewals and the records an edit or rm names
# come from the workspace (the one given with -w/--workspace earlier on the line, else
# the default).

# Global options that take a value, and those that do not.
_acm_global_valued='-w --workspace --format --columns --sort --limit --color --today -c'
_acm_global_flags='--csv --tsv --json --no-header --wide -q --quiet --no-hooks --version -h --help'
# Options of any command that take a value (to skip their values when counting arguments).
_acm_valued="$_acm_global_valued --key --name --segment --tier --owner --industry --region --domain --status --tag --untag --map --email --phone --title --role --kind --date --account --since --renewing-within"
_acm_valued+=" --start --end --arr --mrr --one-time --notice --sla --signed --ending-within --effective --reason"
_acm_valued+=" --within --stage --risk --forecast --plan --days --period --by --from --to"
_acm_valued+=" -o --output --rules"
_acm_valued+=" --lead --health --severity --source --description --at --note --due --root-cause --resolution --nps --csat --ces --text --contact --category --type --sent --active-users --logins --adoption"
_acm_valued+=" --value --probability --close --amount --done-on --priority --due-within"

# One column of a listing of the workspace, one value per line ($1: the -w value, may be
# empty; $2: the listing's noun, one word or two: contract, "account note"; $3: the column).
_acm_list_column() {
    local acm=acm
    # A path typed as the command (./build/acm) is used as it is.
    [[ ${COMP_WORDS[0]} == */* ]] && acm=${COMP_WORDS[0]/#\~\//$HOME/}
    if [[ -n $1 ]]; then
        # shellcheck disable=SC2086 # $2 is split into its words
        "$acm" -w "$1" $2 list --csv --no-header --columns "$3" 2>/dev/null
    else
        # shellcheck disable=SC2086
        "$acm" $2 list --csv --no-header --columns "$3" 2>/dev/null
    fi
}

# The account keys of the workspace, one per line ($1: the -w value, may be empty).
_acm_account_keys() { _acm_list_column "$1" account key; }

_acm() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # --opt=value: bash splits the line at '=' (COMP_WORDBREAKS) into "--opt" "=" "value".
    if [[ $cur == = ]]; then
        cur=""
    elif [[ $prev == = ]] && ((COMP_CWORD >= 2)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi

    # Walk the words before the cursor: the workspace, and the positional words
    # (noun, verb, sub-verb, arguments) without options and their values.
    local workspace="" word i
    local -a words=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
            -w | --workspace)
                if ((i + 1 < COMP_CWORD)); then
                    ((i++))
                    [[ ${COMP_WORDS[i]} == = ]] && ((i + 1 < COMP_CWORD)) && ((i++))
                    workspace=${COMP_WORDS[i]}
                fi
                ;;
            =) ((i++)) ;; # the rest of KEY=VALUE or --opt=value
            -) words+=("$word") ;; # standard input, as an argument
            -*)
                if [[ " $_acm_valued " == *" $word "* ]] && ((i + 1 < COMP_CWORD)); then
                    ((i++))
                    [[ ${COMP_WORDS[i]} == = ]] && ((i + 1 < COMP_CWORD)) && ((i++))
                fi
                ;;
            *) words+=("$word") ;;
        esac
    done
    workspace=${workspace/#\~\//$HOME/}

    # acm help NOUN [VERB]: the nouns and verbs, as for the command itself, and no arguments.
    local helping=0
    if [[ ${words[0]-} == help ]]; then
        helping=1
        words=("${words[@]:1}")
    fi
    local noun=${words[0]-} verb=${words[1]-} sub=${words[2]-}
    # The group of the command line: "", "account", "account add", "account contact add", …
    local group="" nargs=0
    case $noun in
        "") group="" ;;
        init | log | undo | backup | check | export | import | completion | agenda) group=$noun nargs=$((${#words[@]} - 1)) ;;
        account)
            case $verb in
                "") group=account ;;
                contact | note | usage | opportunity | milestone | cost)
                    if [[ -z $sub ]]; then group="account $verb"; else group="account $verb $sub" nargs=$((${#words[@]} - 3)); fi
                    ;;
                *) group="account $verb" nargs=$((${#words[@]} - 2)) ;;
            esac
            ;;
        contract | renewal | report | task | rules | play)
            if [[ -z $verb ]]; then group=$noun; else group="$noun $verb" nargs=$((${#words[@]} - 2)); fi
            ;;
        escalate | feedback)
            case $verb in
                "") group=$noun ;;
                action | survey)
                    if [[ -z $sub ]]; then group="$noun $verb"; else group="$noun $verb $sub" nargs=$((${#words[@]} - 3)); fi
                    ;;
                *) group="$noun $verb" nargs=$((${#words[@]} - 2)) ;;
            esac
            ;;
        config)
            if [[ -z $verb ]]; then group=config; else group="config $verb" nargs=$((${#words[@]} - 2)); fi
            ;;
        *) group=unknown ;;
    esac

    # The value of an option.
    case $prev in
        -w | --workspace | -o | --output)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return 0
            ;;
        --format)
            local formats='table csv tsv json'
            [[ $group == "report account" ]] && formats+=' html md'
            [[ $group == "report briefing" ]] && formats+=' md'
            mapfile -t COMPREPLY < <(compgen -W "$formats" -- "$cur")
            return 0
            ;;
        --color) mapfile -t COMPREPLY < <(compgen -W 'auto always never' -- "$cur"); return 0 ;;
        --tier) mapfile -t COMPREPLY < <(compgen -W 'low-touch high-touch strategic' -- "$cur"); return 0 ;;
        --status)
            if [[ $noun == contract ]]; then
                mapfile -t COMPREPLY < <(compgen -W 'active upcoming expired terminated' -- "$cur")
            elif [[ $noun == escalate ]]; then
                mapfile -t COMPREPLY < <(compgen -W 'open investigating mitigating' -- "$cur")
            else
                mapfile -t COMPREPLY < <(compgen -W 'prospect onboarding active at-risk churned' -- "$cur")
            fi
            return 0
            ;;
        --stage)
            if [[ $verb == opportunity ]]; then
                mapfile -t COMPREPLY < <(compgen -W 'open won lost' -- "$cur")
            else
                mapfile -t COMPREPLY < <(compgen -W 'upcoming in-progress committed' -- "$cur")
            fi
            return 0
            ;;
        --risk) mapfile -t COMPREPLY < <(compgen -W 'low medium high' -- "$cur"); return 0 ;;
        --priority) mapfile -t COMPREPLY < <(compgen -W 'high normal low' -- "$cur"); return 0 ;;
        --by)
            case $group in
                "renewal forecast") mapfile -t COMPREPLY < <(compgen -W 'owner segment' -- "$cur") ;;
                "report arr") mapfile -t COMPREPLY < <(compgen -W 'month quarter year' -- "$cur") ;;
                "report health") mapfile -t COMPREPLY < <(compgen -W 'week month' -- "$cur") ;;
                "report portfolio") mapfile -t COMPREPLY < <(compgen -W 'owner segment tier' -- "$cur") ;;
                "report pipeline") mapfile -t COMPREPLY < <(compgen -W 'segment owner tier account' -- "$cur") ;;
                "report profitability")
                    mapfile -t COMPREPLY < <(compgen -W 'month quarter year segment owner tier account' -- "$cur")
                    ;;
                *) mapfile -t COMPREPLY < <(compgen -W 'month quarter year segment owner tier' -- "$cur") ;;
            esac
            return 0
            ;;
        --period)
            mapfile -t COMPREPLY < <(compgen -W 'this-month last-month this-quarter last-quarter this-year last-year ytd' -- "$cur")
            return 0
            ;;
        --health) mapfile -t COMPREPLY < <(compgen -W 'red yellow green' -- "$cur"); return 0 ;;
        --severity) mapfile -t COMPREPLY < <(compgen -W 'critical high medium low' -- "$cur"); return 0 ;;
        --source) mapfile -t COMPREPLY < <(compgen -W 'customer support sales billing internal' -- "$cur"); return 0 ;;
        --type) mapfile -t COMPREPLY < <(compgen -W 'nps csat ces' -- "$cur"); return 0 ;;
        --role) mapfile -t COMPREPLY < <(compgen -W 'decision-maker champion billing technical user' -- "$cur"); return 0 ;;
        --kind)
            if [[ $noun == feedback ]]; then
                mapfile -t COMPREPLY < <(compgen -W 'praise complaint request comment' -- "$cur")
            elif [[ $verb == opportunity ]]; then
                mapfile -t COMPREPLY < <(compgen -W 'upsell cross-sell' -- "$cur")
            else
                mapfile -t COMPREPLY < <(compgen -W 'meeting qbr call email note' -- "$cur")
            fi
            return 0
            ;;
        --category)
            [[ $verb == cost ]] && mapfile -t COMPREPLY < <(compgen -W 'support infrastructure services other' -- "$cur")
            return 0
            ;;
        --date | --today | --since | --start | --end | --effective | --signed | --from | --to | --due | --at | --close | --done-on)
            mapfile -t COMPREPLY < <(compgen -W 'today yesterday tomorrow eom eoq eoy som soq soy' -- "$cur")
            return 0
            ;;
        --rules)
            # The rules by name, or a rules file.
            local acm=acm
            [[ ${COMP_WORDS[0]} == */* ]] && acm=${COMP_WORDS[0]/#\~\//$HOME/}
            mapfile -t COMPREPLY < <(compgen -W "$("$acm" rules list --csv --no-header --columns name 2>/dev/null)" -- "$cur")
            [[ $cur == */* || $cur == *.toml ]] && mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return 0
            ;;
        --account | --explain)
            mapfile -t COMPREPLY < <(compgen -W "$(_acm_account_keys "$workspace")" -- "$cur")
            return 0
            ;;
        -c | --columns | --sort | --limit | --key | --name | --segment | --owner | --industry | --region | --domain | \
            --tag | --untag | --map | --email | --phone | --title | --renewing-within | --arr | --mrr | \
            --one-time | --notice | --sla | --ending-within | --reason | --within | --forecast | --plan | --days | \
            --description | --note | --root-cause | --resolution | --nps | --csat | --ces | --text | --contact | \
            --sent | --active-users | --logins | --adoption | --value | --probability | --amount | --due-within | --lead)
            COMPREPLY=()
            return 0
            ;;
    esac

    # Options.
    if [[ $cur == -* ]]; then
        local flags=""
        case $group in
            "account add") flags='--key --segment --tier --owner --industry --region --domain --status --tag' ;;
            "account list") flags='--owner --segment --tier --status --renewing-within --tag --health' ;;
            "account edit") flags='--name --segment --tier --owner --industry --region --domain --status --tag --untag' ;;
            "account rm") flags='--force' ;;
            "account import") flags='--map --rules --dry-run --upsert' ;;
            "account contact add") flags='--email --phone --title --role' ;;
            "account contact edit") flags='--name --title --role --email --phone' ;;
            "account note add") flags='--kind --date' ;;
            "account note edit") flags='--kind --date --text' ;;
            "account opportunity add") flags='--value --kind --stage --probability --close' ;;
            "account opportunity update") flags='--stage --value --probability --close --title' ;;
            "account opportunity edit") flags='--title --value --kind --stage --probability --close' ;;
            "account opportunity list") flags='--stage' ;;
            "account milestone add") flags='--due' ;;
            "account milestone done") flags='--date' ;;
            "account milestone edit") flags='--title --due --done-on --not-done' ;;
            "account cost add" | "account cost edit") flags='--amount --date --category --note' ;;
            "contract add") flags='--start --end --arr --mrr --one-time --title --auto-renew --notice --sla --signed' ;;
            "contract list") flags='--account --status --ending-within' ;;
            "contract amend") flags='--arr --mrr --effective --reason' ;;
            "contract edit") flags='--title --start --end --notice --auto-renew --no-auto-renew --sla --signed --one-time' ;;
            "contract terminate") flags='--date --reason' ;;
            "contract import" | "account usage import" | "account contact import") flags='--map --rules --dry-run --upsert' ;;
            "renewal list") flags='--account --within --owner --stage --risk --all' ;;
            "renewal update") flags='--stage --risk --forecast --reason --plan --owner' ;;
            "renewal close") flags='--renewed --churned --arr --end --title --reason' ;;
            "renewal due" | "renewal calendar") flags='--within' ;;
            "renewal remind") flags='--days --dry-run' ;;
            "renewal roll") flags='--dry-run' ;;
            "renewal forecast") flags='--period --by' ;;
            "report retention" | "report arr" | "report renewals" | "report feedback" | "report escalations" | \
                "report profitability" | "report pipeline")
                flags='--period --from --to --by --owner --segment'
                ;;
            "report portfolio") flags='--by --within --owner --segment --all' ;;
            "report health") flags='--at-risk --all --explain --at --trend --period --from --to --by --owner --segment' ;;
            "report account") flags='--period --from --to --internal -o --output --force' ;;
            "report briefing") flags='--since --owner --all' ;;
            "report health-backtest") flags='--period --from --to --lead --at-risk' ;;
            "account usage add") flags='--date --active-users --logins --adoption' ;;
            "escalate open") flags='--severity --source --owner --description --at' ;;
            "escalate list") flags='--open --account --severity --owner --breached' ;;
            "escalate update") flags='--status --note --owner --severity --at' ;;
            "escalate edit") flags='--title --description --source' ;;
            "escalate action add") flags='--owner --due --at' ;;
            "escalate action done" | "escalate reopen") flags='--at' ;;
            "escalate action list") flags='--open' ;;
            "escalate resolve") flags='--root-cause --resolution --at' ;;
            "feedback add" | "feedback edit") flags='--nps --csat --ces --kind --text --contact --category --date' ;;
            "feedback list") flags='--account --kind --type --since --negative --open' ;;
            "feedback follow-up") flags='--note --done --date' ;;
            "feedback survey add") flags='--type --sent --date' ;;
            "feedback import") flags='--type --map --rules --dry-run --upsert' ;;
            "task add") flags='--due --owner --priority' ;;
            "task list") flags='--account --owner --overdue --due-within --all' ;;
            "task done") flags='--note --date' ;;
            "task edit") flags='--text --due --owner --priority --done-on --note --not-done' ;;
            agenda) flags='--owner --within' ;;
            "play run") flags='--dry-run' ;;
            log) flags='--account --since' ;;
            undo) flags='--dry-run' ;;
            backup) flags='--force' ;;
            export) flags='-o --output --force' ;;
        esac
        mapfile -t COMPREPLY < <(compgen -W "$flags $_acm_global_valued $_acm_global_flags" -- "$cur")
        return 0
    fi

    # Nouns, verbs and arguments.
    local candidates="" accounts=0 files=0 ids=""
    case $group in
        "")
            candidates='init account contract renewal report escalate feedback task agenda play rules config log undo backup check export import completion'
            ((helping)) || candidates+=' help'
            ;;
        account) candidates='add list show edit rm import contact note usage opportunity milestone cost' ;;
        "account contact") candidates='add list edit rm import' ;;
        "account note") candidates='add list edit rm' ;;
        "account usage") candidates='add list rm import' ;;
        "account opportunity") candidates='add update list edit rm' ;;
        "account milestone") candidates='add done list edit rm' ;;
        "account cost") candidates='add list edit rm' ;;
        escalate) candidates='open list show update edit action resolve reopen' ;;
        "escalate action") candidates='add done rm list' ;;
        "escalate action done" | "escalate action rm") ((nargs == 0)) && ids="escalate action" ;;
        feedback) candidates='add list edit rm follow-up survey import' ;;
        "feedback survey") candidates='add list rm' ;;
        # The ids of the records an edit or rm names, from their listing.
        "account contact edit" | "account contact rm" | "account note edit" | "account note rm" | \
            "account opportunity edit" | "account opportunity rm" | "account milestone edit" | \
            "account milestone rm" | "account cost edit" | "account cost rm")
            ((nargs == 0)) && ids="account $verb"
            ;;
        "feedback edit" | "feedback rm") ((nargs == 0)) && ids=feedback ;;
        "feedback survey rm") ((nargs == 0)) && ids="feedback survey" ;;
        "escalate edit") ((nargs == 0)) && ids=escalate ;;
        "escalate open" | "feedback add" | "feedback survey add" | "feedback survey list" | \
            "account usage add" | "account usage list" | "account opportunity add" | "account opportunity list" | \
            "account milestone add" | "account milestone list" | "account cost add" | "account cost list")
            ((nargs == 0)) && accounts=1
            ;;
        "feedback import" | "account usage import" | "account contact import") ((nargs == 0)) && files=1 ;;
        config) candidates='list get set path' ;;
        task) candidates='add list done edit rm' ;;
        play) candidates='run list' ;;
        "task add") ((nargs == 0)) && accounts=1 ;;
        "task done" | "task edit" | "task rm") ((nargs == 0)) && ids=task ;;
        rules) candidates='list show detect' ;;
        "rules show")
            if ((nargs == 0)); then
                local acm=acm
                [[ ${COMP_WORDS[0]} == */* ]] && acm=${COMP_WORDS[0]/#\~\//$HOME/}
                candidates=$("$acm" rules list --csv --no-header --columns name 2>/dev/null)
            fi
            ;;
        "rules detect") ((nargs == 0)) && files=1 ;;
        contract) candidates='add list show edit rm amend terminate import' ;;
        renewal) candidates='list update close due remind roll forecast calendar' ;;
        report) candidates='portfolio retention arr renewals feedback escalations health health-backtest profitability pipeline account briefing' ;;
        "report account") ((nargs == 0)) && accounts=1 ;;
        "contract add") ((nargs == 0)) && accounts=1 ;;
        "contract import") ((nargs == 0)) && files=1 ;;
        "contract show" | "contract edit" | "contract rm" | "contract terminate") ((nargs == 0)) && ids=contract ;;
        # `contract amend ID …` or `contract amend rm AMENDMENT_ID`.
        "contract amend") ((nargs == 0)) && ids=contract && candidates='rm' ;;
        "renewal update" | "renewal close") ((nargs == 0)) && ids=renewal ;;
        init | backup | import) ((nargs == 0)) && files=1 ;;
        completion) ((nargs == 0)) && candidates='bash zsh fish' ;;
        "account show" | "account edit" | "account rm") ((nargs == 0)) && accounts=1 ;;
        "account import") ((nargs == 0)) && files=1 ;;
        "account contact add" | "account note add" | "account contact list" | "account note list")
            ((nargs == 0)) && accounts=1
            ;;
        "config get" | "config set")
            ((nargs == 0)) && candidates='currency output.format fx. renewal.remind_days
                renewal.probability.low renewal.probability.medium renewal.probability.high
                escalation.sla.critical escalation.sla.high escalation.sla.medium escalation.sla.low
                health.weights.nps health.weights.csat health.weights.escalations health.weights.usage
                health.weights.engagement health.thresholds.green health.thresholds.yellow
                health.penalties.critical health.penalties.high health.penalties.medium health.penalties.low
                health.windows.feedback health.windows.usage health.windows.engagement_full
                health.windows.engagement_zero feedback.follow_up_within cadence.strategic cadence.high-touch
                cadence.low-touch segments.allowed tiers.allowed'
            ;;
    esac
    if ((helping)); then
        mapfile -t COMPREPLY < <(compgen -W "$candidates" -- "$cur")
    elif ((accounts)); then
        mapfile -t COMPREPLY < <(compgen -W "$(_acm_account_keys "$workspace")" -- "$cur")
    elif [[ -n $ids ]]; then
        # Contract ids, the ids of the open renewals, or those of another listing.
        mapfile -t COMPREPLY < <(compgen -W "$(_acm_list_column "$workspace" "$ids" id)" -- "$cur")
    elif ((files)); then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    else
        mapfile -t COMPREPLY < <(compgen -W "$candidates" -- "$cur")
    fi
    return 0
}

complete -F _acm acm
