# T190-spelling-case - "did you mean": a misspelt query that matches nothing gets the
# corrected query on stderr (text, TSV) or as a JSON record, the exit status unchanged; the
# suggestion is the same whether the index was built at once, by workers and merged, or
# updated file by file, and a word removed from the index is no longer suggested. And -s
# (--case-sensitive, --match-case): a word in capitals matches only as written, "SEND" the
# acronym and not "send" the verb.
. tests/cli/test-lib.sh

docs="$TMP/docs"
mkdir -p "$docs"
# Every paragraph carries a tag word, zq..., that names it in the results.
cat >"$docs/fostering.txt" <<'END'
zqf1 The private fostering arrangements were reviewed by the board.

zqf2 Fostering allowances rose this year.

zqf3 The fostering panel met twice.
END
cat >"$docs/safeguarding.txt" <<'END'
zqg1 The safeguarding partnership published its annual report.

zqg2 Safeguarding training was completed by all staff.
END
cat >"$docs/send.txt" <<'END'
zqs1 The SEND strategy was approved by the cabinet.

zqs2 Members agreed to send the letter to the minister.

zqs3 Send the report to the scrutiny board, members said.

zqs4 Provision for pupils with SEND was discussed; officers will send an update.

zqs5 The LAC review found SEND support improving.
END

idx="$TMP/idx"
"$MINUTES" index -q -j 1 -d "$idx" "$docs" 2>"$TMP/index-err" ||
    { fail_ "indexing the fixtures"; test_done; }

# tags ARGS...: the tags of the paragraphs a search finds, sorted, on one line.
tags() {
    run_minutes search -d "$idx" -n 1000 --format tsv "$@"
    tsv_select text "$TMP/out" | grep -o 'zq[a-z][0-9]' | sort -u | tr '\n' ' ' | sed 's/ $//'
}

# The suggestion on stderr (where text output also says how many matched).
suggestion() { grep '^did you mean' "$TMP/err" || true; }

test_begin "did you mean"
run_minutes search -d "$idx" fostring
test_expect_status "a misspelt word: exit 1 as before" 1
test_expect_equal "nothing on stdout" "" "$(cat "$TMP/out")"
test_expect_equal "the correction on stderr" "did you mean: fostering?" "$(suggestion)"
run_minutes search -d "$idx" safegaurding
test_expect_equal "safegaurding: safeguarding" "did you mean: safeguarding?" "$(suggestion)"
run_minutes search -d "$idx" private fostring
test_expect_equal "the whole query, corrected" "did you mean: private fostering?" \
    "$(suggestion)"
run_minutes search -d "$idx" '"privat fostering"'
test_expect_equal "a phrase's words are corrected" 'did you mean: "private fostering"?' \
    "$(suggestion)"
run_minutes search -d "$idx" fostring board:nosuchboard
test_expect_equal "a filter value is never corrected" \
    "did you mean: fostering board:nosuchboard?" "$(suggestion)"
run_minutes search -d "$idx" --format tsv fostring
test_expect_equal "TSV: on stderr too" "did you mean: fostering?" "$(suggestion)"
run_minutes search -d "$idx" --format json fostring
test_expect_status "JSON: exit 1 as before" 1
test_expect_equal "JSON: hits alone on stdout" "" "$(cat "$TMP/out")"
test_expect_equal "JSON: the suggestion on stderr" "did you mean: fostering?" "$(suggestion)"
run_minutes search -d "$idx" --format json --stats fostring
test_expect_equal "JSON --stats: a suggestion record after the stats" '{"suggestion":"fostering"}' \
    "$(grep suggestion "$TMP/out")"
test_expect_equal "JSON --stats: nothing on stderr" "" "$(cat "$TMP/err")"
run_minutes search -d "$idx" fostering
test_expect_status "a word the index has: found" 0
test_expect_equal "and no suggestion" "" "$(suggestion)"
run_minutes search -d "$idx" fostering OR fostring
test_expect_equal "enough matches: no suggestion" "" "$(suggestion)"
run_minutes search -d "$idx" zzqqxxyy
test_expect_equal "nothing near: no suggestion" "" "$(suggestion)"
run_minutes search -d "$idx" --facets fostring
test_expect_status "--facets: exit 1" 1

test_begin "the same suggestions however the index was built"
suggestions() {
    for word in fostring safegaurding privat strategi minster; do
        run_minutes search -d "$1" --format json --stats "$word"
        printf '%s %s\n' "$word" "$(grep suggestion "$TMP/out")"
    done
}
suggestions "$idx" >"$TMP/serial"
test_expect_match "the serial index suggests" 'fostring \{"suggestion":"fostering"\}' "$TMP/serial"
run_minutes index -q -j 3 --shard 2 -d "$TMP/merged" "$docs"
test_expect_status "built by three workers, merged" 0
suggestions "$TMP/merged" >"$TMP/merged-out"
test_expect_equal_file "workers and merge: the same" "$TMP/serial" "$TMP/merged-out"
part="$TMP/part"
mkdir -p "$part"
cp "$docs/send.txt" "$part/"
run_minutes index -q -j 1 -d "$TMP/updated" "$part"
cp "$docs/fostering.txt" "$docs/safeguarding.txt" "$part/"
run_minutes index -q -d "$TMP/updated" "$part"
test_expect_status "updated with two more files" 0
suggestions "$TMP/updated" >"$TMP/updated-out"
test_expect_equal_file "updated: the same" "$TMP/serial" "$TMP/updated-out"
rm "$part/safeguarding.txt"
run_minutes index -q -d "$TMP/updated" "$part"
run_minutes search -d "$TMP/updated" safegaurding
test_expect_equal "a removed file's words are no longer suggested" "" "$(suggestion)"
run_minutes index -q -d "$TMP/updated" "$part"
test_expect_status "an unchanged run" 0

test_begin "case"
test_expect_equal "--exact SEND finds the verb too" "zqs1 zqs2 zqs3 zqs4 zqs5" \
    "$(tags --exact --no-synonyms SEND)"
test_expect_equal "-s SEND: the acronym only" "zqs1 zqs4 zqs5" "$(tags -s SEND)"
test_expect_equal "--case-sensitive: the same" "zqs1 zqs4 zqs5" "$(tags --case-sensitive SEND)"
test_expect_equal "--match-case: the same" "zqs1 zqs4 zqs5" "$(tags --match-case SEND)"
test_expect_equal "-s with a word in small letters: any case" "zqs1 zqs2 zqs3 zqs4 zqs5" \
    "$(tags -s --no-synonyms send)"
test_expect_equal "-s: operators are no words" "zqs1" "$(tags -s SEND AND strategy)"
test_expect_equal "-s: every word in capitals" "zqs5" "$(tags -s SEND LAC)"
test_expect_equal "-s: an excluded word excludes in any case" "zqs1 zqs5" \
    "$(tags -s SEND NOT minister NOT officers)"
test_expect_equal "-s -F: a phrase" "zqs1" "$(tags -s -F The SEND strategy)"
test_expect_equal "-s: a filter value is no word" "zqs1 zqs4 zqs5" \
    "$(tags -s SEND board:NONE --unknown-board)"
test_expect_equal "-s with a misspelt acronym: a suggestion, the case kept" \
    "did you mean: fostering SEND?" "$(tags -s fostring SEND; cat "$TMP/err")"

test_done
