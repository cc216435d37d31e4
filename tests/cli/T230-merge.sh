# T230-merge - 'minutes merge OUT INDEX...': indexes built apart (the seeds in two parts) merged
# into one search as one index built of all the files at once; what cannot be merged is
# refused with OUT not made, and a merge that fails or is killed leaves no OUT.
. tests/cli/test-lib.sh

mkdir "$TMP/part1" "$TMP/part2"
cp seeds/000_* seeds/001_* seeds/002_* "$TMP/part1/"
cp seeds/003_* seeds/004_* "$TMP/part2/"
"$MINUTES" index -q -d "$TMP/one" "$TMP/part1" 2>/dev/null &&
    "$MINUTES" index -q -d "$TMP/two" "$TMP/part2" 2>/dev/null &&
    "$MINUTES" index -q -d "$TMP/all" "$TMP/part1" "$TMP/part2" 2>/dev/null ||
    { fail_ "indexing the seeds in two parts and whole"; test_done; }

test_begin "merging"
run_minutes merge "$TMP/merged" "$TMP/one" "$TMP/two"
test_expect_status "exit 0" 0
test_expect_match "a progress line per table" "^minutes: merging 2 indexes into $TMP/merged: postlist$" "$TMP/err"
test_expect_match "the tables' names" "^minutes: merging 2 indexes into $TMP/merged: docdata$" "$TMP/err"
paragraphs=$("$MINUTES" search -d "$TMP/all" --format tsv --all '' | tail -n +2 | wc -l)
test_expect_match "a summary with the paragraphs of both" \
    "^merged 2 indexes \\($paragraphs paragraphs\\) into $TMP/merged in [0-9.]+ s$" "$TMP/err"
test_expect_equal "stdout is quiet" "" "$(cat "$TMP/out")"
test_expect_equal "nothing left beside OUT" "" "$(ls -d "$TMP"/merged.* 2>/dev/null)"
test_expect_equal "the format version is kept" "$(xapian-metadata get "$TMP/all" minutes:schema)" \
    "$(xapian-metadata get "$TMP/merged" minutes:schema 2>&1)"
run_minutes merge -q "$TMP/quiet" "$TMP/one" "$TMP/two"
test_expect_equal "-q: only the summary" "1" "$(wc -l <"$TMP/err")"
test_expect_match "-q: the summary" "^merged 2 indexes" "$TMP/err"

test_begin "the merged index searches as one built whole"
# compare WHAT ARGS...: the same hits (every field) in both, sorted by id without their
# rank: hits of equal score may come in another order.
compare() {
    what=$1
    shift
    "$MINUTES" search -d "$TMP/all" --json --all "$@" 2>/dev/null | jq -c 'del(.rank)' | sort >"$TMP/want"
    "$MINUTES" search -d "$TMP/merged" --json --all "$@" 2>/dev/null | jq -c 'del(.rank)' | sort >"$TMP/got"
    if [ -s "$TMP/want" ]; then
        test_expect_equal_file "$what" "$TMP/want" "$TMP/got"
    else
        fail_ "$what" "no hits in the whole index"
    fi
}
compare "a phrase: same ids, paths, scores" '"private fostering"'
compare "words" fostering children
compare "a filter" --date 2017 Ofsted
compare "another part's filter" --date 2016 placement
compare "--facets" --facets fostering
compare "--sort date" --sort date -n 5 fostering
"$MINUTES" search -d "$TMP/all" --json --all '"private fostering"' | jq -r .path | sort -u >"$TMP/paths"
test_expect_equal "the phrase's hits are in both parts" "2" \
    "$(sed 's|/[^/]*$||' "$TMP/paths" | sort -u | wc -l)"
# Collapsing keeps one hit of each meeting; of two of equal score, either may stand for it.
for idx in all merged; do
    "$MINUTES" search -d "$TMP/$idx" --json --all --collapse meeting fostering |
        jq -c '[.date, .board_id, .score, .collapsed]' | sort >"$TMP/collapse-$idx"
done
test_expect_equal_file "--collapse meeting: same meetings, scores, counts" \
    "$TMP/collapse-all" "$TMP/collapse-merged"
# A meeting's council is its first paragraph's, in the order of the database: of a meeting
# whose documents differ in it (one names no council), whichever part came first.
"$MINUTES" meetings -d "$TMP/all" --json --files | jq -c 'del(.council)' >"$TMP/want"
"$MINUTES" meetings -d "$TMP/merged" --json --files | jq -c 'del(.council)' >"$TMP/got"
test_expect_equal_file "meetings: same meetings, documents, counts" "$TMP/want" "$TMP/got"
"$MINUTES" search -d "$TMP/merged" --json -n 1 '"private fostering"' | jq -r .id >"$TMP/id"
run_minutes show -d "$TMP/merged" -C 1 "$(cat "$TMP/id")"
test_expect_status "show finds a paragraph by its id" 0
run_minutes search -d "$TMP/merged" fostring
test_expect_match "the spelling table is merged: did you mean" "fostering" "$TMP/err"

test_begin "the merged index is updated as any other"
echo "A new paragraph about ziggurat procurement." >"$TMP/part2/new.txt"
run_minutes index -q -d "$TMP/merged" "$TMP/part2"
test_expect_status "index into it: exit 0" 0
test_expect_match "only the new file is read" "^indexed: 1 added, 0 updated, 0 removed, 2 unchanged" "$TMP/err"
run_minutes search -d "$TMP/merged" --format tsv ziggurat
test_expect_status "its paragraph is found" 0
rm "$TMP/part2/new.txt"

test_begin "refused"
touch "$TMP/a-file"
mkdir "$TMP/not-an-index" "$TMP/empty"
echo x >"$TMP/not-an-index/x"
# refused WHAT PATTERN OUT INDEX...: exit 2, one line matching PATTERN, no OUT made.
refused() {
    what=$1 pattern=$2 out=$3
    shift 3
    run_minutes merge "$out" "$@"
    test_expect_status "$what: exit 2" 2
    test_expect_match "$what: says why" "$pattern" "$TMP/err"
    test_expect_equal "$what: one line" "1" "$(grep -c . "$TMP/err")"
    test_expect_equal "$what: no OUT, nothing beside it" "" "$(ls -d "$out" "$out".* 2>/dev/null)"
}
refused "a missing index" "^minutes: no index at '$TMP/missing'$" "$TMP/o1" "$TMP/one" "$TMP/missing"
refused "a directory that is not an index" "^minutes: no index at '$TMP/not-an-index'$" \
    "$TMP/o2" "$TMP/not-an-index" "$TMP/two"
refused "a file" "^minutes: '$TMP/a-file' is not a directory: an index is a directory$" \
    "$TMP/o3" "$TMP/one" "$TMP/a-file"
refused "the same index twice" "^minutes: '$TMP/one' and '$TMP/one/' are the same index$" \
    "$TMP/o4" "$TMP/one" "$TMP/two" "$TMP/one/"
id=$("$MINUTES" search -d "$TMP/one" --json -n 1 --file "$TMP/part1/001_dbc9e66ed936fc45.txt" '' |
    jq -r '.id | split(":")[0]')
refused "the same file in two indexes" \
    "^minutes: '$TMP/all' and '$TMP/one' both hold file [0-9a-f]{12} \\('$TMP/part1/[^']*'\\); each file must be in one index only$" \
    "$TMP/o5" "$TMP/all" "$TMP/one"
"$MINUTES" index -q -d "$TMP/single" "$TMP/part1/001_dbc9e66ed936fc45.txt" 2>/dev/null
refused "naming the file" "both hold file $id \\('$TMP/part1/001_dbc9e66ed936fc45.txt'\\)" \
    "$TMP/o6" "$TMP/single" "$TMP/all"
"$MINUTES" index -q -d "$TMP/older" "$TMP/part2" 2>/dev/null
xapian-metadata set "$TMP/older" minutes:schema 1
refused "an index of another format" "^minutes: index '$TMP/older' has format 1" \
    "$TMP/o7" "$TMP/one" "$TMP/older"

run_minutes merge "$TMP/merged" "$TMP/one" "$TMP/two"
test_expect_status "OUT exists: exit 2" 2
test_expect_match "OUT exists: says so" "^minutes: '$TMP/merged' already exists$" "$TMP/err"
run_minutes search -d "$TMP/merged" --format tsv fostering
test_expect_status "OUT exists: it is left as it was" 0
run_minutes merge "$TMP/a-file" "$TMP/one" "$TMP/two"
test_expect_match "OUT is a file: already exists" "^minutes: '$TMP/a-file' already exists$" "$TMP/err"
test_expect_equal "the file is left alone" "" "$(cat "$TMP/a-file")"
run_minutes merge "$TMP/not-an-index" "$TMP/one" "$TMP/two"
test_expect_match "OUT is a directory with files: already exists" "already exists$" "$TMP/err"
run_minutes merge "$TMP/empty" "$TMP/one" "$TMP/two"
test_expect_status "OUT an empty directory: merged into" 0
test_expect_equal "  with every paragraph" "$paragraphs" \
    "$("$MINUTES" search -d "$TMP/empty" --format tsv --all '' | tail -n +2 | wc -l)"

run_minutes merge "$TMP/o8" "$TMP/one"
test_expect_status "one index: exit 2" 2
test_expect_match "one index: a merge of one is a copy" \
    "^minutes: give at least two indexes to merge \\('$TMP/one' alone would be a copy" "$TMP/err"
test_expect_match "one index: the usage" "^usage: minutes merge" "$TMP/err"
run_minutes merge "$TMP/o8"
test_expect_status "no index: exit 2" 2
run_minutes merge --frobnicate "$TMP/o8" "$TMP/one" "$TMP/two"
test_expect_match "an unknown option" "^minutes: unknown option '--frobnicate'" "$TMP/err"
test_expect_equal "none of them made OUT" "" "$(ls -d "$TMP"/o8* 2>/dev/null)"
run_minutes merge "$TMP/no-such-dir/out" "$TMP/one" "$TMP/two"
test_expect_status "OUT's directory missing: exit 2" 2
test_expect_match "OUT's directory missing: says so" \
    "^minutes: cannot make a directory beside '$TMP/no-such-dir/out': No such file or directory$" \
    "$TMP/err"

test_begin "a merge that fails or is killed"
if ! command -v strace >/dev/null || ! strace -qq -o /dev/null true 2>/dev/null; then
    pass_ "# SKIP strace cannot trace here"
    test_done
fi
# The merged database is complete when it is renamed to OUT: fail that rename, then kill the
# merge there. (LeakSanitizer cannot run under ptrace: a sanitized build checks no leaks.)
renames=rename,renameat,renameat2
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
strace -f -qq -o /dev/null -e trace=$renames -e inject=$renames:error=EIO \
    "$MINUTES" merge "$TMP/failed" "$TMP/one" "$TMP/two" >"$TMP/out" 2>"$TMP/err"
status=$?
test_expect_status "a failed rename: exit 2" 2
test_expect_match "a failed rename: says so" \
    "^minutes: cannot move the merged index to '$TMP/failed': Input/output error$" "$TMP/err"
test_expect_equal "a failed rename: no OUT, nothing beside it" "" \
    "$(ls -d "$TMP"/failed* 2>/dev/null)"
strace -f -qq -o /dev/null -e trace=$renames -e inject=$renames:signal=KILL \
    "$MINUTES" merge -q "$TMP/killed" "$TMP/one" "$TMP/two" >/dev/null 2>&1
test_expect_equal "killed: no OUT" "" "$(ls -d "$TMP/killed" 2>/dev/null)"
test_expect_equal "killed: its work beside OUT, to remove" "1" \
    "$(ls -d "$TMP"/killed.merging-* 2>/dev/null | wc -l)"
run_minutes merge -q "$TMP/killed" "$TMP/one" "$TMP/two"
test_expect_status "killed: merging again works" 0
run_minutes search -d "$TMP/killed" --format tsv '"private fostering"'
test_expect_status "  and the index searches" 0

test_done
