# T100-jobs - an index built by any number of workers, merged, or updated in place holds the
# same paragraphs, ids, metadata and result order; the progress line and -q.
. tests/cli/test-lib.sh

corpus="$TMP/corpus"
python3 tools/gen-corpus --mb 1 --seed 7 --out "$corpus" >/dev/null ||
    { fail_ "generating a corpus"; test_done; }
rm -f "$corpus/corpus.json"

# Every paragraph with every field but the score-related ones, sorted.
FIELDS=id,path,paragraph,line,line_end,offset,length,page,council,board,board_id,date,doc_type,section,item_number,item_title,item_type,minute,kind,source_url,text
listing() {
    "$MINUTES" search -d "$1" -n 100000000 --format tsv '' >"$TMP/listing" 2>/dev/null
    tsv_select "$FIELDS" "$TMP/listing" | sort
}
# The hits of a few queries in score order, ties put in id order.
ranking() {
    for q in Ofsted '"private fostering"' 'budget council' 'date:2010..2015 safeguarding'; do
        "$MINUTES" search -d "$1" -n 200 --format tsv "$q" >"$TMP/ranked" 2>/dev/null
        echo "$q"
        tsv_select score,id "$TMP/ranked" | sort -t '	' -k1,1gr -k2,2
    done
}

test_begin "the same index whatever -j"
for j in 1 2 3; do
    run_minutes index -j "$j" -d "$TMP/j$j" "$corpus"
    test_expect_status "-j $j: exit 0" 0
done
listing "$TMP/j1" >"$TMP/list1"
test_expect_equal "thousands of paragraphs" "1" "$([ "$(wc -l <"$TMP/list1")" -gt 2000 ] && echo 1)"
for j in 2 3; do
    listing "$TMP/j$j" >"$TMP/list$j"
    test_expect_equal_file "-j $j: paragraphs, ids and metadata as -j 1" "$TMP/list1" "$TMP/list$j"
done
ranking "$TMP/j1" >"$TMP/rank1"
test_expect_equal "the queries find a couple of hundred hits" "1" "$([ "$(wc -l <"$TMP/rank1")" -gt 200 ] && echo 1)"
ranking "$TMP/j2" >"$TMP/rank2"
test_expect_equal_file "-j 2: the same scores and order as -j 1" "$TMP/rank1" "$TMP/rank2"
for j in 1 2 3; do
    test_expect_equal "-j $j: no worker's files left behind" "" \
        "$(ls -d "$TMP/j$j"/minutes-*.tmp 2>/dev/null)"
done

test_begin "many small databases per worker, merged"
run_minutes index -v -j 2 --shard 300 -d "$TMP/small" "$corpus"
test_expect_status "-j 2 --shard 300: exit 0" 0
merged=$(sed -n "s/^merging \([0-9]*\) databases ([0-9.]* MB) into .*/\1/p" "$TMP/err")
test_expect_equal "more databases than workers were merged" "1" "$([ "${merged:-0}" -gt 4 ] && echo 1)"
listing "$TMP/small" >"$TMP/list-small"
test_expect_equal_file "paragraphs, ids and metadata as -j 1" "$TMP/list1" "$TMP/list-small"
ranking "$TMP/small" >"$TMP/rank-small"
test_expect_equal_file "the same scores and order as -j 1" "$TMP/rank1" "$TMP/rank-small"
run_minutes index -j 2 --shard x -d "$TMP/bad-shard" "$corpus"
test_expect_status "--shard x: exit 2" 2
test_expect_match "--shard x: says which argument" "invalid number 'x' for --shard" "$TMP/err"

test_begin "built in parts, in place"
first=$(ls "$corpus" | head -1)
run_minutes index -d "$TMP/parts" "$corpus/$first"
test_expect_status "a first part: exit 0" 0
run_minutes index -j 2 -d "$TMP/parts" "$corpus"
test_expect_status "then the rest, in place: exit 0" 0
test_expect_match "only the rest was read" "^indexed: [0-9]+ added, 0 updated, 0 removed, [1-9][0-9]* unchanged" "$TMP/err"
listing "$TMP/parts" >"$TMP/list-parts"
test_expect_equal_file "the same paragraphs as one build" "$TMP/list1" "$TMP/list-parts"
ranking "$TMP/parts" >"$TMP/rank-parts"
test_expect_equal_file "the same scores and order" "$TMP/rank1" "$TMP/rank-parts"

test_begin "incremental after a parallel build"
find "$corpus" -type f -name '*.txt' | sort | head -3 >"$TMP/some"
changed=$(sed -n 1p "$TMP/some")
deleted=$(sed -n 2p "$TMP/some")
touched=$(sed -n 3p "$TMP/some")
printf '\nA late paragraph about a zebra crossing near the library.\n' >>"$changed"
rm "$deleted"
touch -d '2001-01-01' "$touched"
run_minutes index -j 2 -d "$TMP/j2" "$corpus"
test_expect_match "one updated, one removed" "^indexed: 0 added, 1 updated, 1 removed" "$TMP/err"
run_minutes index -j 2 -d "$TMP/fresh" "$corpus"
listing "$TMP/fresh" >"$TMP/list-fresh"
listing "$TMP/j2" >"$TMP/list-updated"
test_expect_equal_file "the updated index equals a fresh build" "$TMP/list-fresh" "$TMP/list-updated"
ranking "$TMP/fresh" >"$TMP/rank-fresh"
ranking "$TMP/j2" >"$TMP/rank-updated"
test_expect_equal_file "with the same scores and order" "$TMP/rank-fresh" "$TMP/rank-updated"

test_begin "options and messages"
run_minutes index -j 0 -d "$TMP/bad" "$corpus"
test_expect_status "-j 0: exit 2" 2
test_expect_match "-j 0: says why" "invalid --jobs '0'" "$TMP/err"
run_minutes index -q -j 2 -d "$TMP/quiet" seeds
test_expect_equal "-q: only the summary (no warnings)" "1" "$(wc -l <"$TMP/err")"
test_expect_match "-q: the summary" "^indexed: 5 added" "$TMP/err"
# On a terminal (script gives one), a progress line is drawn and then cleared.
if script -qec "true" /dev/null >/dev/null 2>&1; then
    script -qec "'$MINUTES' index -j 2 -d '$TMP/tty' '$corpus'" /dev/null >"$TMP/tty-out" 2>&1
    test_expect_match "a terminal gets a progress line" 'indexing: [0-9]+/[0-9]+ files, [0-9.]+/[0-9.]+ MB, [0-9.]+ MB/s' "$TMP/tty-out"
    test_expect_match "and the merge" "indexing: merging 2 databases \([0-9.]+ MB\) into" "$TMP/tty-out"
    test_expect_match "then the summary" "indexed: [0-9]+ added" "$TMP/tty-out"
    rm -rf "$TMP/tty"
    script -qec "'$MINUTES' index -q -j 2 -d '$TMP/tty' '$corpus'" /dev/null >"$TMP/tty-out" 2>&1
    test_expect_no_match "-q: no progress line" 'indexing:' "$TMP/tty-out"
else
    echo "# skipped: no 'script' to give a terminal"
fi

test_done
