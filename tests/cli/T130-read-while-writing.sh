# T130-read-while-writing - searches made while an indexer commits, or while a parallel build
# switches its merged database in, see the old index or the new one, never an error; a
# second indexer meanwhile is told the index is locked.
. tests/cli/test-lib.sh

corpus="$TMP/corpus"
mkdir -p "$corpus"
for i in 1 2 3 4 5 6; do
    for f in seeds/*; do
        sed "s/Ofsted/Ofsted copy$i/" "$f" >"$corpus/c$i-$(basename "$f")"
    done
done
idx="$TMP/idx"
"$MINUTES" index -q -d "$idx" "$corpus" 2>/dev/null

# searches N QUERY: N searches, 8 at once; their exit statuses, counted, in $TMP/codes. TSV,
# so that stderr has nothing but errors (text output adds the count there).
searches() {
    seq 1 "$1" | xargs -P 8 -I{} sh -c \
        "\"$MINUTES\" search -d \"$idx\" -n 50 --format tsv '$2' >/dev/null 2>>\"$TMP/search-err\"; echo \$?" |
        sort | uniq -c | awk '{print $2 ":" $1}' | tr '\n' ' ' >"$TMP/codes"
}

test_begin "searches while an update commits"
(
    end=$(($(date +%s) + 20))
    while [ "$(date +%s)" -lt "$end" ] && [ ! -e "$TMP/stop" ]; do
        "$MINUTES" index -q --force --batch 50 -d "$idx" "$corpus" 2>/dev/null
    done
) &
writer=$!
: >"$TMP/search-err"
searches 600 'children OR council'
touch "$TMP/stop"
wait "$writer"
rm -f "$TMP/stop"
test_expect_equal "every search found its hits (exit 0)" "0:600 " "$(cat "$TMP/codes")"
test_expect_equal "no search failed" "" "$(sort -u "$TMP/search-err" | head -3)"

test_begin "searches and a second indexer while a build switches its database in"
: >"$TMP/search-err"
: >"$TMP/second"
for round in 1 2 3; do
    # Empty the index (its files are all gone), then build it again in parallel workers.
    mv "$corpus" "$corpus.away" && mkdir "$corpus"
    "$MINUTES" index -q -d "$idx" "$corpus" 2>/dev/null
    rmdir "$corpus" && mv "$corpus.away" "$corpus"
    "$MINUTES" index -q -j 2 -d "$idx" "$corpus" 2>/dev/null &
    builder=$!
    sleep 0.1 # the build has taken the lock
    searches 150 'Ofsted' &
    searcher=$!
    for k in 1 2 3 4 5 6 7 8 9 10; do
        "$MINUTES" index -q -d "$idx" "$corpus" >/dev/null 2>&1
        echo "$?" >>"$TMP/second"
    done
    wait "$builder"
    echo "build:$?" >>"$TMP/builds"
    wait "$searcher"
    cat "$TMP/codes" >>"$TMP/all-codes"
done
test_expect_equal "the three builds completed" "build:0 build:0 build:0" \
    "$(tr '\n' ' ' <"$TMP/builds" | sed 's/ $//')"
test_expect_no_match "no search failed (exit 2)" '(^| )2:' "$TMP/all-codes"
test_expect_equal "no search reported an error" "" "$(sort -u "$TMP/search-err" | head -3)"
test_expect_no_match "a second indexer ran or was locked out (0 or 75), never failed" \
    '^([^07]|7[^5]|0.)' "$TMP/second"
run_minutes search -d "$idx" -n 1000 --format tsv '"private fostering"'
test_expect_equal "the index is whole after it" "$((6 * 5 + 1))" "$(wc -l <"$TMP/out")"

test_done
