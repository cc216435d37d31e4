# T210-command-line - the command line as git's and notmuch's: options before the command,
# "did you mean" for a mistyped command or option, one meaning per short option, one error
# prefix, 'help --help', and warnings for what a query would silently get wrong.
. tests/cli/test-lib.sh

idx="$TMP/idx"
"$MINUTES" index -q -d "$idx" seeds || { fail_ "indexing the seeds"; test_done; }

test_begin "options before the command"
run_minutes search -d "$idx" --format tsv -n 3 fostering
cp "$TMP/out" "$TMP/want"
run_minutes -d "$idx" search --format tsv -n 3 fostering
test_expect_status "-d DIR search: exit 0" 0
test_expect_equal_file "-d DIR search: the hits of search -d DIR" "$TMP/want" "$TMP/out"
run_minutes --index "$idx" search --format tsv -n 3 fostering
test_expect_equal_file "--index DIR search: the same" "$TMP/want" "$TMP/out"
run_minutes --index="$idx" meetings --format tsv
test_expect_status "--index=DIR meetings: exit 0" 0
run_minutes -d "$TMP/nowhere" search -d "$idx" --format tsv -n 3 fostering
test_expect_equal_file "the command's own -d wins" "$TMP/want" "$TMP/out"
run_minutes -d "$TMP/nowhere" search fostering
test_expect_status "a global -d that is no index: exit 2" 2
test_expect_match "names it" "no index at '$TMP/nowhere'" "$TMP/err"
MINUTES_INDEX="$TMP/nowhere" "$MINUTES" -d "$idx" search -n 1 fostering >"$TMP/out" 2>"$TMP/err"
status=$?
test_expect_status "a global -d wins over \$MINUTES_INDEX" 0
run_minutes --color=always -d "$idx" search -n 1 fostering
test_expect_match "--color before the command colours" "$(printf '\033')\\[" "$TMP/out"
run_minutes --color=always -d "$idx" search --color=never -n 1 fostering
test_expect_no_match "and the command's --color wins" "$(printf '\033')" "$TMP/out"
run_minutes --color=sometimes search x
test_expect_status "--color with a bad value: exit 2" 2
test_expect_match "says so" "^minutes: invalid --color 'sometimes'" "$TMP/err"
run_minutes --idnex "$idx" search x
test_expect_status "a mistyped global option: exit 2" 2
test_expect_match "suggests the right one" \
    "^minutes: unknown option '--idnex'; did you mean '--index'\\?" "$TMP/err"
run_minutes -d
test_expect_status "-d without DIR: exit 2" 2
test_expect_match "says so" "^minutes: option '-d' needs an argument" "$TMP/err"
run_minutes --version
test_expect_status "--version: exit 0" 0
test_expect_match "prints the version" "^minutes [0-9]" "$TMP/out"
run_minutes --help
test_expect_status "--help: exit 0" 0
test_expect_match "lists the commands" "^  search " "$TMP/out"
test_expect_match "and the options before them" "^  -d, --index DIR" "$TMP/out"
run_minutes -d "$idx"
test_expect_status "options but no command: exit 2" 2
test_expect_match "with the command list" "^  search " "$TMP/out"

test_begin "did you mean"
run_minutes serach fostering
test_expect_status "a mistyped command: exit 2" 2
test_expect_equal "names it and the command meant" \
    "minutes: 'serach' is not a minutes command; did you mean 'search'?" "$(cat "$TMP/err")"
run_minutes meetngs
test_expect_match "a letter left out" "did you mean 'meetings'\\?" "$TMP/err"
run_minutes frobnicate
test_expect_status "a word like no command: exit 2" 2
test_expect_equal "suggests nothing, points to the list" \
    "minutes: 'frobnicate' is not a minutes command; see 'minutes help'" "$(cat "$TMP/err")"
run_minutes help serach
test_expect_status "help for a mistyped command: exit 2" 2
test_expect_match "suggests too" "did you mean 'search'\\?" "$TMP/err"
run_minutes search -d "$idx" --colapse meeting fostering
test_expect_status "a mistyped option: exit 2" 2
test_expect_match "names it and the option meant" \
    "^minutes: unknown option '--colapse'; did you mean '--collapse'\\?" "$TMP/err"
test_expect_match "then the command's usage" "^usage: minutes search" "$TMP/err"
run_minutes search -d "$idx" --colapse=meeting fostering
test_expect_match "with =VALUE, the name alone" "unknown option '--colapse'; did you mean" "$TMP/err"
run_minutes show -d "$idx" --contxet 2 x
test_expect_match "each command's own options" "did you mean '--context'\\?" "$TMP/err"
run_minutes index -d "$TMP/new" --rety-failed seeds
test_expect_match "index's too" "did you mean '--retry-failed'\\?" "$TMP/err"
run_minutes meetings -d "$idx" --snice 2017
test_expect_match "and the shared filters" "did you mean '--since'\\?" "$TMP/err"
run_minutes search -d "$idx" --zzzzzzzz x
test_expect_equal "an option like none: no suggestion" \
    "minutes: unknown option '--zzzzzzzz'" "$(head -1 "$TMP/err")"
run_minutes search -d "$idx" --s x
test_expect_status "an ambiguous abbreviation: exit 2" 2
test_expect_match "lists what it could be" "^minutes: option '--s' is ambiguous: it could be .*--sort" \
    "$TMP/err"
run_minutes search -d "$idx" --facets=yes x
test_expect_match "an argument to an option that takes none" \
    "^minutes: option '--facets' takes no argument" "$TMP/err"
run_minutes search -d "$idx" --limit
test_expect_match "a missing argument, by its long name" \
    "^minutes: option '--limit' needs an argument" "$TMP/err"
run_minutes search -d "$idx" -x fostering
test_expect_equal "an unknown short option" "minutes: unknown option '-x'" "$(head -1 "$TMP/err")"

test_begin "one meaning per short option"
run_minutes search -d "$idx" --json -n 1 fostering
test_expect_status "search --json: exit 0" 0
test_expect_match "search --json: JSON" '^\{"rank":1' "$TMP/out"
run_minutes search -d "$idx" -j -n 1 fostering
test_expect_status "search -j (index's --jobs): exit 2" 2
test_expect_equal "an unknown option there, naming the long one it may mean" \
    "minutes: unknown option '-j'; did you mean '--json'?" "$(head -1 "$TMP/err")"
run_minutes meetings -d "$idx" -j
test_expect_status "meetings -j: exit 2" 2
run_minutes show -d "$idx" -j x
test_expect_status "show -j: exit 2" 2
run_minutes index -q -j 1 -d "$TMP/j1" seeds
test_expect_status "index -j 1 is --jobs 1" 0
# Every short option of every command, from its help: a letter means one thing everywhere.
for cmd in index search meetings show help; do
    "$MINUTES" "$cmd" --help | sed -n 's/^  -\([a-zA-Z]\), \(--[a-z-]*\).*/\1 \2/p'
done | sort -u >"$TMP/shorts"
test_expect_equal "no letter with two long names" "" \
    "$(cut -d' ' -f1 "$TMP/shorts" | uniq -d)"

test_begin "one error prefix"
for args in "search" "show" "index" "search -d $idx -n x y" "search -d $idx --sort up y" \
    "help nothing" "nothing" "search --bogus" "search -d $TMP/nowhere x"; do
    # shellcheck disable=SC2086
    run_minutes $args
    test_expect_match "'$args': the message starts 'minutes: '" "^minutes: " "$TMP/err"
    test_expect_no_match "'$args': no other prefix" "^(search|show|index|meetings|help):" "$TMP/err"
done
run_minutes search -d "$idx"
test_expect_equal "no query: the reason, after one prefix" \
    "minutes: no query given (use '' to match every paragraph)" "$(head -1 "$TMP/err")"

test_begin "help --help"
run_minutes help --help
test_expect_status "exit 0" 0
test_expect_match "prints help's own usage" "^usage: minutes help \\[COMMAND\\]" "$TMP/out"
run_minutes help -h
test_expect_status "-h: exit 0" 0
run_minutes help search
test_expect_status "help search: exit 0" 0
test_expect_match "prints search's usage" "^usage: minutes search" "$TMP/out"
run_minutes help --bogus
test_expect_status "help --bogus: exit 2" 2

test_begin "colour wherever it is printed"
id=$("$MINUTES" search -d "$idx" --json -n 1 '"private fostering"' | jq -r .id)
run_minutes show -d "$idx" -C 1 --color=always "$id"
test_expect_status "show --color=always: exit 0" 0
test_expect_match "show colours the line numbers" "^$(printf '\033')\\[32m +[0-9]+$(printf '\033')\\[0m: " "$TMP/out"
run_minutes show -d "$idx" -C 1 "$id"
test_expect_no_match "not when stdout is no terminal" "$(printf '\033')" "$TMP/out"
run_minutes --color=always show -d "$idx" -C 1 "$id"
test_expect_match "--color before the command too" "$(printf '\033')" "$TMP/out"
run_minutes show -d "$idx" --color=sometimes "$id"
test_expect_status "show --color with a bad value: exit 2" 2
for cmd in search show; do
    "$MINUTES" "$cmd" --help >"$TMP/help"
    test_expect_match "$cmd --help lists --color" "--color WHEN" "$TMP/help"
done

test_begin "warnings"
run_minutes search -d "$idx" --since 2018 --until 2017 fostering
test_expect_status "an empty date range: exit 1, nothing found" 1
test_expect_match "says the range is empty" \
    "^minutes: warning: --since 2018 is after --until 2017; nothing can match$" "$TMP/err"
run_minutes meetings -d "$idx" --since 29/06/2017 --until 2017-06-28
test_expect_match "meetings too, whatever the date's form" \
    "^minutes: warning: --since 29/06/2017 is after --until 2017-06-28" "$TMP/err"
run_minutes search -d "$idx" 'fostering date:2018..2017'
test_expect_status "date:B..A in the query: exit 1" 1
test_expect_match "date:B..A in the query: says the range is empty" \
    "^minutes: warning: 'date:2018\.\.2017' ends before it starts; nothing can match it$" "$TMP/err"
run_minutes search -d "$idx" --date 30/06/2017..2017-06-29 fostering
test_expect_match "--date B..A: says the range is empty" \
    "^minutes: warning: --date 30/06/2017\.\.2017-06-29 ends before it starts" "$TMP/err"
run_minutes search -d "$idx" 'fostering date:2017..2018'
test_expect_no_match "date:A..B: no warning" "warning" "$TMP/err"
run_minutes search -d "$idx" 'fostering date:2017-06-29..2017-06-29'
test_expect_no_match "a range of one day: no warning" "warning" "$TMP/err"
run_minutes search -d "$idx" --since 2017-06 --until 2017-06 fostering
test_expect_status "a range of one month: found" 0
test_expect_no_match "and no warning" "warning" "$TMP/err"
run_minutes search -d "$idx" --format tsv '*ostering'
test_expect_match "a leading '*': says what is searched" \
    "^minutes: warning: '\\*ostering' searches for 'ostering': a leading '\\*' is not a wildcard" "$TMP/err"
run_minutes search -d "$idx" --format tsv 'foster*'
test_expect_no_match "a trailing '*': no warning" "warning" "$TMP/err"
run_minutes search -d "$idx" --format tsv 'Ofsted AND'
test_expect_status "a text that is not query syntax: still searched" 0
test_expect_match "and says it was searched as plain words" \
    "^minutes: warning: 'Ofsted AND' is not valid query syntax: searched for as plain words" "$TMP/err"
run_minutes search -d "$idx" -F --format tsv 'Ofsted AND'
test_expect_no_match "-F asks for plain words: no warning" "warning" "$TMP/err"
run_minutes search -d "$idx" --format tsv '"private fostering"'
test_expect_equal "a plain query: nothing on stderr" "" "$(cat "$TMP/err")"

test_done
