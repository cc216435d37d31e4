# T110-escapes - control characters in data (a sidecar's board, file names, HTML character
# references) must not reach a terminal: text output and messages show them as escapes (\x1b,
# \r, \u009b, and \xHH for a byte that is not UTF-8), TSV escapes them the same way, JSON keeps
# them as JSON escapes that give back the original value, and our own colours still work.
. tests/cli/test-lib.sh

ESC=$(printf '\033')
BEL=$(printf '\007')
CR=$(printf '\r')
docs="$TMP/docs"
idx="$TMP/idx${ESC}dir"
mkdir -p "$docs"

board="Evil${ESC}]0;PWNED${BEL}${ESC}[2J Board"
printf 'Minutes\n\nThe committee discussed fostering allowances.\n' >"$docs/evil.txt"
printf '{"board": "Evil\\u001b]0;PWNED\\u0007\\u001b[2J Board", "date": "2020-01-02",
         "council": "Back\\\\slash Council"}\n' >"$docs/evil.txt.meta.json"
printf 'Minutes\n\nA paragraph about escnameword.\n' >"$docs/esc${ESC}[31mname.txt"
printf 'Minutes\n\nA paragraph about crnameword.\n' >"$docs/cr${CR}name.txt"
printf '<html><body><h1>Minutes</h1>%s</body></html>\n' \
    '<p>Csi &#155;[2J and esc &#27;[31m csiword.</p>' >"$docs/csi.html"
: >"$docs/empty${ESC}[2J.txt"

# unsafe FILE: the lines of FILE with a control character (C0 but tab, DEL, or C1 as UTF-8)
# or a byte that is not part of valid UTF-8.
unsafe() {
    LC_ALL=C grep -naP '[\x00-\x08\x0a-\x1f\x7f]|\xc2[\x80-\x9f]' "$1"
    LC_ALL=C.UTF-8 grep -naxv '.*' "$1"
}

# expect_safe WHAT FILE: FILE has no raw control characters or bytes that are not UTF-8.
expect_safe() {
    unsafe "$2" >"$TMP/unsafe"
    if [ -s "$TMP/unsafe" ]; then
        fail_ "$1: no raw control characters" "$(od -c "$TMP/unsafe" | head -10)"
    else
        pass_ "$1: no raw control characters"
    fi
}

# expect_shown WHAT TEXT FILE: FILE contains TEXT, as a fixed string.
expect_shown() {
    if grep -qF -- "$2" "$3"; then pass_ "$1"; else fail_ "$1" "missing: $2" "$(head -20 "$3")"; fi
}

test_begin "index messages"
"$MINUTES" index -v -j 2 -d "$idx" "$docs" >"$TMP/out" 2>"$TMP/err"
status=$?
test_expect_status "the run completes" 0
expect_safe "index stderr" "$TMP/err"
expect_shown "skipping names the file, escaped" \
    "skipping '$docs/empty\\x1b[2J.txt': empty" "$TMP/err"
expect_shown "-v names a file with ESC, escaped" "added '$docs/esc\\x1b[31mname.txt'" "$TMP/err"
expect_shown "-v names a file with CR, escaped" "added '$docs/cr\\rname.txt'" "$TMP/err"
expect_shown "the merge names the index, escaped" "into '$TMP/idx\\x1bdir'" "$TMP/err"

test_begin "search"
run_minutes search -d "$idx" -n 100 ''
test_expect_status "finds everything" 0
expect_safe "search" "$TMP/out"
expect_shown "the board, escaped" 'Evil\x1b]0;PWNED\x07\x1b[2J Board' "$TMP/out"
expect_shown "a backslash as it is" 'Back\slash Council' "$TMP/out"
expect_shown "a name with ESC, escaped" 'esc\x1b[31mname.txt:' "$TMP/out"
expect_shown "a name with CR, escaped" 'cr\rname.txt:' "$TMP/out"
run_minutes search -d "$idx" csiword
expect_safe "search for C1 CSI" "$TMP/out"
expect_shown "C1 CSI from HTML, escaped" 'Csi \u009b[2J' "$TMP/out"
run_minutes search -d "$idx" --color=always fostering
expect_shown "our colours still work" "${ESC}[1;31mfostering${ESC}[0m" "$TMP/out"
sed "s/${ESC}\[[0-9;]*m//g" "$TMP/out" >"$TMP/plain"
expect_safe "search --color=always, only our colours" "$TMP/plain"
expect_shown "the board in colour, escaped" 'Evil\x1b]0;PWNED\x07\x1b[2J Board' "$TMP/out"
run_minutes search -d "$idx" --facets ''
expect_safe "facets" "$TMP/out"

test_begin "show"
id=$("$MINUTES" search -d "$idx" --json fostering | jq -r .id)
run_minutes show -d "$idx" "$id"
test_expect_status "shows it" 0
expect_safe "show" "$TMP/out"
expect_shown "the board, escaped" 'Evil\x1b]0;PWNED\x07\x1b[2J Board' "$TMP/out"
id=$("$MINUTES" search -d "$idx" --json crnameword | jq -r .id)
run_minutes show -d "$idx" -C 5 "$id"
expect_safe "show of a file with CR in its name" "$TMP/out"
expect_shown "its name, escaped" 'cr\rname.txt' "$TMP/out"
id=$("$MINUTES" search -d "$idx" --json csiword | jq -r .id)
run_minutes show -d "$idx" "$id"
expect_safe "show of C1 CSI" "$TMP/out"
expect_shown "C1 CSI, escaped" 'Csi \u009b[2J' "$TMP/out"

test_begin "meetings"
run_minutes meetings -d "$idx"
test_expect_status "lists them" 0
expect_safe "meetings" "$TMP/out"
expect_shown "the board, escaped" '2020-01-02  Evil\x1b]0;PWNED\x07\x1b[2J Board' "$TMP/out"

test_begin "error messages"
run_minutes search -d "$TMP/no${ESC}]0;where${BEL}$(printf '\233')" x
test_expect_status "no index: exit 2" 2
expect_safe "the message" "$TMP/err"
expect_shown "names the directory, escaped, a byte not UTF-8 too" \
    "no index at '$TMP/no\\x1b]0;where\\x07\\x9b'" "$TMP/err"
run_minutes search -d "$idx" --debug-query "fostering${ESC}[2J"
expect_safe "--debug-query" "$TMP/err"

test_begin "TSV"
run_minutes search -d "$idx" -n 100 --format tsv ''
expect_safe "search TSV" "$TMP/out"
expect_shown "the board, escaped" 'Evil\x1b]0;PWNED\x07\x1b[2J Board' "$TMP/out"
expect_shown "a name with CR, escaped" 'cr\rname.txt' "$TMP/out"
expect_shown "a backslash doubled" 'Back\\slash Council' "$TMP/out"
run_minutes search -d "$idx" --format tsv csiword
expect_shown "C1 CSI, escaped" 'Csi \u009b[2J' "$TMP/out"
run_minutes meetings -d "$idx" --format tsv
expect_safe "meetings TSV" "$TMP/out"

test_begin "JSON"
run_minutes search -d "$idx" --json fostering
test_expect_equal "the board as it was" "$board" "$(jq -r .board "$TMP/out")"
expect_shown "as JSON escapes" 'Evil\u001B]0;PWNED\u0007\u001B[2J Board' "$TMP/out"
run_minutes search -d "$idx" --json escnameword
test_expect_equal "a name with ESC as it was" "$docs/esc${ESC}[31mname.txt" \
    "$(jq -r .path "$TMP/out")"
run_minutes search -d "$idx" --json -n 100 ''
expect_safe "JSON of every paragraph" "$TMP/out"
run_minutes search -d "$idx" --json csiword
expect_shown "C1 CSI as a JSON escape" 'Csi \u009b[2J' "$TMP/out"
test_expect_equal "and read back as it was" "$(printf 'Csi \302\233[2J')" \
    "$(jq -r .text "$TMP/out" | cut -c1-9)"
run_minutes meetings -d "$idx" --json
test_expect_equal "meetings: the board as it was" "$board" \
    "$(jq -r 'select(.date == "2020-01-02") | .board' "$TMP/out")"

test_done
