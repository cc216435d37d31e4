# T200-output - what scripts read of 'minutes search': the count after the hits, every hit,
# counts per file, file lists, grep's format for editors, and stable JSON.
. tests/cli/test-lib.sh

idx="$TMP/idx"
"$MINUTES" index -q -d "$idx" seeds || { fail_ "indexing the seeds"; test_done; }

test_begin "count after the hits"
run_minutes search -d "$idx" --format tsv fostering
total=$(($(wc -l <"$TMP/out") - 1))
run_minutes search -d "$idx" -n 0 --format tsv fostering
all=$(($(wc -l <"$TMP/out") - 1))
test_expect_status "-n 0 exits 0" 0
[ "$all" -gt 10 ] && pass_ "-n 0 prints every hit ($all)" || fail_ "-n 0 prints every hit" "got $all"
run_minutes search -d "$idx" --all --format tsv fostering
test_expect_equal "--all is -n 0" "$all" "$(($(wc -l <"$TMP/out") - 1))"
run_minutes search -d "$idx" --color=never fostering
test_expect_match "text: 'N of M' on stderr" "^10 of $all matches; -n/--offset for more$" "$TMP/err"
test_expect_no_match "stdout has no count line" "matches;" "$TMP/out"
run_minutes search -d "$idx" --color=never --offset 2 -n 3 fostering
test_expect_match "with --offset: the range shown" "^3-5 of $all matches; -n/--offset for more$" "$TMP/err"
run_minutes search -d "$idx" --color=never -n 0 fostering
test_expect_match "every hit shown: only the count" "^$all matches$" "$TMP/err"
run_minutes search -d "$idx" --format tsv fostering
test_expect_equal "tsv: no count without --stats" "" "$(cat "$TMP/err")"
run_minutes search -d "$idx" --format tsv --stats fostering
test_expect_match "tsv --stats: count on stderr" "^10 of $all matches" "$TMP/err"
run_minutes search -d "$idx" --json --stats fostering
tail -n 1 "$TMP/out" | jq -c . >"$TMP/got"
echo "{\"stats\":{\"offset\":0,\"shown\":10,\"total\":$all,\"exact\":true,\"partial\":false}}" >"$TMP/want"
test_expect_equal_file "json --stats: a trailer record" "$TMP/want" "$TMP/got"
test_expect_equal "json --stats: stderr quiet" "" "$(cat "$TMP/err")"

test_begin "--count, -l, -0"
run_minutes search -d "$idx" --count fostering
test_expect_status "exit 0" 0
test_expect_match "path:count lines" '^seeds/[0-9]{3}_[0-9a-f]+\.txt:[0-9]+$' "$TMP/out"
sum=$(grep -v '^total:' "$TMP/out" | awk -F: '{s += $NF} END {print s}')
test_expect_equal "counts add up to every hit" "$all" "$sum"
test_expect_match "a total line" "^total:$all$" "$TMP/out"
run_minutes search -d "$idx" --json --count fostering
test_expect_equal "json --count adds up" "$all" "$(jq -s 'map(select(.path) | .count) | add' "$TMP/out")"
run_minutes search -d "$idx" -l fostering
test_expect_match "-l: one path a line" '^seeds/[0-9]{3}_[0-9a-f]+\.txt$' "$TMP/out"
test_expect_equal "-l: each file once" "$(sort -u "$TMP/out" | wc -l)" "$(wc -l <"$TMP/out")"
test_expect_equal "-l: as many files as --count" "$(grep -vc '^total:' "$TMP/out" || true)" \
    "$("$MINUTES" search -d "$idx" --count fostering | grep -vc '^total:')"
run_minutes search -d "$idx" -l -0 fostering
test_expect_equal "-0: NUL after each path" "$(wc -l <"$TMP/out" | tr -d ' ')" 0
test_expect_equal "-0: xargs -0 reads them" "$("$MINUTES" search -d "$idx" -l fostering | wc -l)" \
    "$(xargs -0 -n1 echo <"$TMP/out" | wc -l)"
run_minutes search -d "$idx" -l nosuchwordanywhere
test_expect_status "-l: exit 1 on nothing" 1

test_begin "--format grep"
run_minutes search -d "$idx" --format grep '"private fostering"'
test_expect_status "exit 0" 0
test_expect_match "path:line:col:text" '^/.*/000_6f14756a497cac9d\.txt:87:1:.*[Pp]rivate fostering' "$TMP/out"
test_expect_equal "one line a hit" 5 "$(wc -l <"$TMP/out" | tr -d ' ')"
test_expect_equal "no count on stderr" "" "$(cat "$TMP/err")"
first=$(head -n 1 "$TMP/out")
file=${first%%:*}
rest=${first#*:}
line=${rest%%:*}
sed -n "${line}p" "$file" | grep -qi 'fostering' && pass_ "the line is the paragraph's line in its file" ||
    fail_ "the line is the paragraph's line in its file" "$first"

test_begin "stable JSON"
run_minutes search -d "$idx" --json fostering
test_expect_no_match "scores rounded" '"score":[0-9]+\.[0-9]{5,}' "$TMP/out"
test_expect_match "scores kept to 4 decimals" '"score":[0-9]+\.[0-9]{1,4}[,}]' "$TMP/out"
run_minutes search --format-version
test_expect_status "--format-version exits 0" 0
test_expect_equal "--format-version prints the version" 1 "$(cat "$TMP/out")"

test_begin "reading results"
# para LINE: the id of the paragraph at LINE of the seed with four agenda items.
para() {
    "$MINUTES" search -d "$idx" --json --all --file seeds/000_6f14756a497cac9d.txt '' |
        jq -r "select(.line == $1) | .id"
}
run_minutes show -d "$idx" -C 2 "$(para 106)"
test_expect_match "show -C: where item 4 begins" '^ +-- item 4: Any Other Business$' "$TMP/out"
test_expect_equal "show -C: one mark, between the items" 1 "$(grep -c -- '^ *-- ' "$TMP/out")"
grep -A1 -- '-- item 4' "$TMP/out" | tail -n 1 >"$TMP/got"
test_expect_match "show -C: the mark just before the item's first paragraph" '^ +106: 4\. Any Other Business$' "$TMP/got"
run_minutes show -d "$idx" -C 1 "$(para 70)"
test_expect_no_match "show -C: no mark inside an item" '^ +-- ' "$TMP/out"
mkdir -p "$TMP/side"
cp seeds/002_fc1f1cea019d2c05.txt "$TMP/side/"
printf '{"source_url": "https://example.org/item"}\n' >"$TMP/side/002_fc1f1cea019d2c05.txt.meta.json"
"$MINUTES" index -q -d "$TMP/idx-side" "$TMP/side" 2>/dev/null
run_minutes search -d "$TMP/idx-side" --color=never -n 1 fostering
test_expect_match "search text: the source to cite" '^    source: https://example\.org/item$' "$TMP/out"
id=$("$MINUTES" search -d "$TMP/idx-side" --json -n 1 fostering | jq -r .id)
run_minutes show -d "$TMP/idx-side" "$id"
test_expect_match "show: the source to cite" '^source: https://example\.org/item$' "$TMP/out"
run_minutes search -d "$idx" --color=never -n 1 fostering
test_expect_no_match "no source line when none is known" 'source:' "$TMP/out"

test_begin "meetings --files"
run_minutes meetings -d "$idx" --json --files fostering
test_expect_status "exits 0" 0
test_expect_equal "as many files as documents, in every meeting" "" \
    "$(jq -c 'select((.files | length) != .documents)' "$TMP/out")"
# The files of each dated meeting are the files of the hits of that meeting.
jq -r 'select(.date != null) | [.date, .board_id, (.files | join(" "))] | @tsv' "$TMP/out" \
    | LC_ALL=C sort >"$TMP/listed"
"$MINUTES" search -d "$idx" --json --all fostering \
    | jq -r 'select(.date != null) | [.date, .board_id, .path] | @tsv' | LC_ALL=C sort -u \
    | awk -F'\t' '{k = $1 "\t" $2; if (k in v) v[k] = v[k] " " $3; else v[k] = $3} END {for (k in v) print k "\t" v[k]}' \
    | LC_ALL=C sort >"$TMP/found"
test_expect_equal "the files are those of the meeting's hits" "$(cat "$TMP/found")" "$(cat "$TMP/listed")"
[ -s "$TMP/listed" ] && pass_ "some meetings listed" || fail_ "some meetings listed"
run_minutes meetings -d "$idx" --files --date 2021-09-16
test_expect_match "text: a path a line under the meeting, as search shows it" \
    '^    seeds/001_dbc9e66ed936fc45\.txt$' "$TMP/out"
test_expect_equal "text: each document of the meeting" 2 "$(grep -c '^    seeds/' "$TMP/out")"
run_minutes meetings -d "$idx" --format tsv --files --date 2021-09-16
test_expect_equal "tsv: a files column, the paths separated by \\n" \
    "$PWD/seeds/001_dbc9e66ed936fc45.txt\\n$PWD/seeds/004_d98d4017c5ce876e.txt" \
    "$(tsv_select files "$TMP/out")"
run_minutes meetings -d "$idx" --json
test_expect_no_match "no files field unless asked" '"files"' "$TMP/out"

test_begin "facets"
"$MINUTES" search -d "$idx" --json --all fostering >"$TMP/hits"
run_minutes search -d "$idx" --json --facets fostering
for f in board_id item_type doc_type year month council; do
    test_expect_equal "$f adds up to every hit" "$all" \
        "$(jq -s "map(select(.facet == \"$f\") | .count) | add" "$TMP/out")"
done
test_expect_equal "an unknown group, value null" 2 \
    "$(jq -r 'select(.facet == "year" and .value == null) | .count' "$TMP/out")"
test_expect_match "months" '"facet":"month","value":"2017-06","count":2' "$TMP/out"
test_expect_equal "councils: as many as the hits that name one" \
    "$(jq -r '.council // empty' "$TMP/hits" | LC_ALL=C sort | uniq -c | awk '{print $1}' | paste -sd' ')" \
    "$(jq -r 'select(.facet == "council" and .value != null) | .count' "$TMP/out" | paste -sd' ')"
run_minutes search -d "$idx" --color=never --facets fostering
test_expect_match "text: the unknown group" '^ +2  \(unknown\)$' "$TMP/out"
meetings=$("$MINUTES" search -d "$idx" --json --all --collapse meeting fostering | wc -l)
run_minutes search -d "$idx" --json --facets --collapse meeting fostering
for f in board_id year month council; do
    test_expect_equal "--collapse meeting: $f counts meetings" "$meetings" \
        "$(jq -s "map(select(.facet == \"$f\") | .count) | add" "$TMP/out")"
done

test_done
