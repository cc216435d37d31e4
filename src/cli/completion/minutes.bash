# minutes.bash - bash completion for minutes: installed as
# share/bash-completion/completions/minutes.
#
# Commands and each command's options come from the program's own help ('minutes help',
# 'minutes help COMMAND'), so they are always the installed program's; board and council
# names come from the index (-d DIR, else $MINUTES_INDEX, else ./index) through
# 'minutes meetings --format tsv'.

# The values of column NAME of 'minutes meetings --format tsv' for the index in $1 (or the
# default one), one a line, each once.
_minutes_meetings_column() {
    local prog=$1 dir=$2 column=$3
    "$prog" meetings ${dir:+-d "$dir"} --format tsv 2>/dev/null |
        awk -F '\t' -v name="$column" \
            'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
             c && $c != "" && !seen[$c]++ { print $c }'
}

_minutes() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=""
    [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local prog=${COMP_WORDS[0]}
    command -v "$prog" >/dev/null 2>&1 || prog=minutes
    COMPREPLY=()

    # The command: the first word after the program that is not an option.
    local i command="" dir=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -d | --index) dir=${COMP_WORDS[i + 1]} ;;
        --index=*) dir=${COMP_WORDS[i]#--index=} ;;
        -*) ;;
        *) [ -z "$command" ] && [ "${COMP_WORDS[i - 1]}" != -d ] &&
            [ "${COMP_WORDS[i - 1]}" != --index ] && command=${COMP_WORDS[i]} ;;
        esac
    done

    if [ -z "$command" ]; then
        local commands
        commands=$("$prog" help 2>/dev/null | awk '/^commands:/ { on = 1; next }
                                                    on && /^  [a-z]/ { print $1 }
                                                    on && /^$/ { exit }')
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi

    # An option's argument.
    case $prev in
    -d | --index) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "text json tsv" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --sort) COMPREPLY=($(compgen -W "relevance date -date" -- "$cur")); return ;;
    --collapse) COMPREPLY=($(compgen -W "meeting item" -- "$cur")); return ;;
    --file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --board | --council)
        local column=board_id values
        [ "$prev" = --council ] && column=council
        values=$(_minutes_meetings_column "$prog" "$dir" "$column")
        # Names have spaces and quotes: matched here, not by compgen -W, and quoted.
        local IFS=$'\n' value
        for value in $values; do
            [[ $value == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$value")")
        done
        return ;;
    esac

    if [[ $cur == -* ]]; then
        local options
        options=$("$prog" help "$command" 2>/dev/null |
            grep -oE '^ +(-[a-zA-Z], )?--[a-z][-a-z]*' | grep -oE -- '--?[-a-zA-Z]+')
        COMPREPLY=($(compgen -W "$options --help" -- "$cur"))
        return
    fi
    case $command in
    index) COMPREPLY=($(compgen -f -- "$cur")) ;;
    help) COMPREPLY=($(compgen -W "$("$prog" help 2>/dev/null |
        awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')" -- "$cur")) ;;
    esac
}

complete -F _minutes minutes
