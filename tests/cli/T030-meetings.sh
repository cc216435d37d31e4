# T030-meetings - the meeting model from the command line: filters by date, board, item
# type, document type and kind (options and query prefixes), sorting, collapsing, facets,
# 'minutes meetings', 'minutes show', minute references and sidecar metadata.
. tests/cli/test-lib.sh

idx="$TMP/idx"
"$MINUTES" index -d "$idx" seeds 2>"$TMP/index-err" || { fail_ "indexing the seeds"; test_done; }

# files_of QUERY ARGS...: the sorted distinct seed files (names only) of every hit
files_of() {
    run_minutes search -d "$idx" -n 10000 --format tsv "$@"
    tsv_select path "$TMP/out" | sed 's|.*/||' | sort -u | tr '\n' ' '
}

test_begin "date filters"
test_expect_equal "--date 2017" "000_6f14756a497cac9d.txt " "$(files_of Ofsted --date 2017)"
test_expect_equal "date:2017-06 in the query" "000_6f14756a497cac9d.txt " "$(files_of 'Ofsted date:2017-06')"
test_expect_equal "UK date 29/06/2017" "000_6f14756a497cac9d.txt " "$(files_of Ofsted --date 29/06/2017)"
test_expect_equal "a range" "000_6f14756a497cac9d.txt 003_ece979df50451812.txt " \
    "$(files_of 'Ofsted date:2016-01-01..2017-12-31')"
test_expect_equal "open-ended range" "000_6f14756a497cac9d.txt 003_ece979df50451812.txt " \
    "$(files_of 'Ofsted date:..2017')"
run_minutes search -d "$idx" -n 10000 --format tsv '' --since 2021-06 --until 2021-06-30
tsv_select date "$TMP/out" | sort -u >"$TMP/dates"
test_expect_equal "--since and --until together: the minutes of 2021-06-24 only" "2021-06-24" "$(cat "$TMP/dates")"
test_expect_no_match "paragraphs with unknown date are excluded" '002_' "$TMP/out"
run_minutes search -d "$idx" -n 10000 --format tsv '"private fostering"' --since 1900
tsv_select path "$TMP/out" >"$TMP/paths"
test_expect_no_match "unknown dates excluded by any date filter" '002_' "$TMP/paths"
run_minutes search -d "$idx" -n 5 --format tsv Ofsted --date 1960..1969
test_expect_status "dates before 1970 parse (nothing matches)" 1
run_minutes search -d "$idx" Ofsted --date 2017-13
test_expect_status "a bad date: exit 2" 2
test_expect_match "a bad date: says so" "invalid date '2017-13'" "$TMP/err"
run_minutes search -d "$idx" 'Ofsted date:garbage'
test_expect_status "a bad date in the query: exit 2" 2

test_begin "board and council"
all=$(files_of Ofsted)
test_expect_equal "--board by a distinctive part" "$all" "$(files_of Ofsted --board 'scrutiny board (2)')"
test_expect_equal "board: with a curly apostrophe" "$all" \
    "$(files_of 'Ofsted board:"Education and Children’s Services Scrutiny Board (2)"')"
test_expect_equal "board: case-insensitive" "$all" "$(files_of 'Ofsted board:"SCRUTINY BOARD 2"')"
run_minutes search -d "$idx" Ofsted --board cabinet
test_expect_status "a board nobody has: exit 1" 1
test_expect_equal "--council" "$(files_of Ofsted --date 2017)" "$(files_of Ofsted --council coventry --date 2017)"

test_begin "item types, document types, kinds"
run_minutes search -d "$idx" -n 10000 --format tsv '' --type declarations
tsv_select item_type "$TMP/out" | sort -u >"$TMP/types"
test_expect_equal "--type declarations" "declarations" "$(cat "$TMP/types")"
test_expect_match "declarations found in 000" '000_' "$TMP/out"
run_minutes search -d "$idx" -n 10000 --format tsv 'type:work-programme OR type:any-other-business'
tsv_select item_type "$TMP/out" | sort -u | tr '\n' ' ' >"$TMP/types"
test_expect_equal "type: ORed within the field" "any-other-business work-programme " "$(cat "$TMP/types")"
test_expect_equal "--doc briefing-note" "004_d98d4017c5ce876e.txt " "$(files_of Ofsted --doc briefing-note)"
test_expect_equal "doc:agenda-item" "002_fc1f1cea019d2c05.txt " "$(files_of 'Ofsted doc:agenda-item')"
run_minutes search -d "$idx" -n 10000 --format tsv RESOLVED --kind resolution
tsv_select kind "$TMP/out" | sort -u >"$TMP/kinds"
test_expect_equal "--kind resolution" "resolution" "$(cat "$TMP/kinds")"
test_expect_match "resolutions of 000" '000_' "$TMP/out"
run_minutes search -d "$idx" -n 10000 --format tsv Councillor --kind attendance --date 2017
test_expect_match "the Present: block is attendance" 'Councillor S Bains' "$TMP/out"
run_minutes search -d "$idx" Ofsted --type meeting
test_expect_status "an unknown type: exit 2" 2
test_expect_match "an unknown type: lists the known ones" "unknown item type 'meeting'.*declarations" "$TMP/err"
test_expect_equal "fields ANDed" "000_6f14756a497cac9d.txt " "$(files_of Ofsted --type report --date 2017 --doc minutes)"

test_begin "filters do not change the ranking"
run_minutes search -d "$idx" -n 10000 --format tsv Ofsted
tsv_select id,score "$TMP/out" | sort >"$TMP/all-scores"
run_minutes search -d "$idx" -n 10000 --format tsv Ofsted --board 'scrutiny board' --date 2021
tsv_select id,score "$TMP/out" | sort >"$TMP/filtered-scores"
join -t "$(printf '\t')" "$TMP/all-scores" "$TMP/filtered-scores" | awk -F'\t' '$2 != $3' >"$TMP/diff"
test_expect_equal "same scores with filters" "" "$(cat "$TMP/diff")"
test_expect_equal "the filtered hits are all there" "$(wc -l <"$TMP/filtered-scores")" \
    "$(join -t "$(printf '\t')" "$TMP/all-scores" "$TMP/filtered-scores" | wc -l)"

test_begin "sort"
run_minutes search -d "$idx" -n 10000 --format tsv Ofsted --sort date
tsv_select date "$TMP/out" | sed 's/^$/~/' >"$TMP/dates"
sort -c "$TMP/dates" 2>/dev/null && pass_ "--sort date: oldest first, unknown last" || fail_ "--sort date: oldest first, unknown last" "$(uniq "$TMP/dates")"
test_expect_equal "--sort date: unknown last" "~" "$(tail -1 "$TMP/dates")"
run_minutes search -d "$idx" -n 10000 --format tsv Ofsted --sort -date
tsv_select date "$TMP/out" | grep -v '^$' >"$TMP/dates"
sort -r -c "$TMP/dates" 2>/dev/null && pass_ "--sort -date: newest first" || fail_ "--sort -date: newest first" "$(uniq "$TMP/dates")"
test_expect_equal "--sort -date: unknown last" "" "$(tsv_select date "$TMP/out" | tail -1)"
run_minutes search -d "$idx" Ofsted --sort newest
test_expect_status "a bad --sort: exit 2" 2

test_begin "collapse"
run_minutes search -d "$idx" -n 10000 --format tsv Ofsted
total=$(($(wc -l <"$TMP/out") - 1))
run_minutes search -d "$idx" -n 10000 --format tsv Ofsted --collapse meeting
tsv_select date,board_id "$TMP/out" | grep -v '^	' | sort | uniq -d >"$TMP/dups"
test_expect_equal "one hit per dated meeting" "" "$(cat "$TMP/dups")"
sum=$(tsv_select collapsed "$TMP/out" | awk '{s += $1 + 1} END {print s}')
test_expect_equal "hits plus collapsed counts are every match" "$total" "$sum"
run_minutes search -d "$idx" -n 10000 --format json Ofsted --collapse item
jq -r '[.date, .board_id, .item_number // .item_title // .path] | @tsv' "$TMP/out" | sort | uniq -d >"$TMP/dups"
test_expect_equal "one hit per item" "" "$(cat "$TMP/dups")"
test_expect_equal "collapsed is a number" "number" "$(jq -r '.collapsed | type' "$TMP/out" | sort -u)"
run_minutes search -d "$idx" Ofsted --collapse meeting --color=never
test_expect_match "text shows how many more" '\+[0-9]+ more' "$TMP/out"

test_begin "facets"
run_minutes search -d "$idx" --facets --format json Ofsted
test_expect_status "exit 0" 0
for facet in board_id item_type doc_type year; do
    test_expect_match "a $facet count" "\"facet\":\"$facet\"" "$TMP/out"
done
test_expect_equal "board counts add up to every match" "$total" \
    "$(jq -r 'select(.facet == "board_id") | .count' "$TMP/out" | awk '{s += $1} END {print s}')"
run_minutes search -d "$idx" -n 10000 --format tsv Ofsted
dated=$(tsv_select date "$TMP/out" | grep -c .)
run_minutes search -d "$idx" --facets --format json Ofsted
test_expect_equal "known years add up to the dated matches" "$dated" \
    "$(jq -r 'select(.facet == "year" and .value != null) | .count' "$TMP/out" | awk '{s += $1} END {print s}')"
test_expect_equal "with the unknown, to every match" "$total" \
    "$(jq -r 'select(.facet == "year") | .count' "$TMP/out" | awk '{s += $1} END {print s}')"
test_expect_equal "2017 counted" "1" "$(jq -r 'select(.facet == "year" and .value == "2017") | .count > 0' "$TMP/out" | grep -c true)"
run_minutes search -d "$idx" --facets Ofsted --date 2017
test_expect_match "text facets" '^year:$' "$TMP/out"
test_expect_match "text facets count 2017" '^ +[0-9]+  2017$' "$TMP/out"
test_expect_no_match "facets follow the filters" '2021' "$TMP/out"

test_begin "meetings"
run_minutes meetings -d "$idx" --format json
test_expect_status "exit 0" 0
test_expect_equal "five meetings (one undated)" "5" "$(wc -l <"$TMP/out")"
jq -r '.date' "$TMP/out" | tr '\n' ' ' >"$TMP/dates"
test_expect_equal "in date order, unknown last" "2016-09-15 2017-06-29 2021-06-24 2021-09-16 null " "$(cat "$TMP/dates")"
test_expect_equal "2021-09-16 has two documents" "2" "$(jq -r 'select(.date == "2021-09-16") | .documents' "$TMP/out")"
test_expect_equal "2017-06-29 has four items" "4" "$(jq -r 'select(.date == "2017-06-29") | .items' "$TMP/out")"
run_minutes search -d "$idx" -n 100000 --format tsv ''
test_expect_equal "paragraphs add up to the index" "$(($(wc -l <"$TMP/out") - 1))" \
    "$(run_minutes meetings -d "$idx" --json; jq -r .paragraphs "$TMP/out" | awk '{s += $1} END {print s}')"
run_minutes meetings -d "$idx" --since 2021
test_expect_equal "filters apply" "2" "$(wc -l <"$TMP/out")"
test_expect_match "text lists the board" '^2021-06-24  Education and Children.s Services Scrutiny Board \(2\)' "$TMP/out"
run_minutes meetings -d "$idx" 'private fostering'
test_expect_equal "a query narrows them" "3" "$(wc -l <"$TMP/out")"

test_begin "show"
run_minutes search -d "$idx" -n 1 --format json '"Private fostering"' --exact --date 2017
id=$(jq -r .id "$TMP/out")
run_minutes show -d "$idx" -C 2 "$id"
test_expect_status "exit 0" 0
test_expect_match "the paragraph, marked" '^ +87: Private fostering$' "$TMP/out"
test_expect_match "context before" '^ +86- Managing risk effectively$' "$TMP/out"
test_expect_match "context after" '^ +89- Improvement Board updates$' "$TMP/out"
test_expect_match "its item" '^item 3: Ofsted Report' "$TMP/out"
test_expect_match "its meeting" '^2017-06-29 · Education' "$TMP/out"
run_minutes show -d "$idx" -C 2 --format json "$id"
test_expect_equal "five paragraphs" "5" "$(wc -l <"$TMP/out")"
test_expect_equal "one target" "87" "$(jq -r 'select(.target) | .line' "$TMP/out")"
run_minutes show -d "$idx" "not-an-id"
test_expect_status "a malformed id: exit 2" 2
run_minutes show -d "$idx" "000000000000:1"
test_expect_status "an unknown id: exit 1" 1

test_begin "minute references"
run_minutes search -d "$idx" -n 100 --format tsv 'minute:4/21'
test_expect_match "item 4 of the minutes of 2021-06-24" '2021-06-24.*Work Programme and Outstanding Issues' "$TMP/out"
test_expect_match "001's Further to Minute 4/21" 'Further to Minute 4/21' "$TMP/out"
run_minutes search -d "$idx" -n 100 --format tsv --minute 84/16 ''

test_expect_match "a reference in 000" 'Further to minute 84/16' "$TMP/out"
run_minutes search -d "$idx" -n 100 --format tsv --minute 3/17 ''

tsv_select minute "$TMP/out" | sort -u >"$TMP/minutes"
test_expect_equal "item 3 of 2017-06-29 is minute 3/17" "3/17" "$(cat "$TMP/minutes")"
run_minutes search -d "$idx" --minute 4-21 Ofsted
test_expect_status "a bad minute number: exit 2" 2

test_begin "sidecars and unknown dates"
test_expect_match "the indexer warns of the undated file" "warning: '.*002_fc1f1cea019d2c05.txt': meeting date not found" "$TMP/index-err"
test_expect_equal "once" "1" "$(grep -c 'meeting date not found' "$TMP/index-err")"
mkdir -p "$TMP/side"
cp seeds/002_fc1f1cea019d2c05.txt "$TMP/side/"
printf '{"date": "2022-09-22", "source_url": "https://example.org/item"}\n' >"$TMP/side/002_fc1f1cea019d2c05.txt.meta.json"
printf '{"council": "Coventry City Council"}\n' >"$TMP/side/minutes.json"
run_minutes index -d "$TMP/sideidx" "$TMP/side"
test_expect_no_match "no warning with a sidecar date" 'warning' "$TMP/err"
run_minutes search -d "$TMP/sideidx" -n 100 --format json Ofsted --date 2022-09-22
test_expect_status "the sidecar's date is the meeting date" 0
test_expect_equal "the sidecar's url" "https://example.org/item" "$(jq -r .source_url "$TMP/out" | sort -u)"
test_expect_equal "the directory's council" "Coventry City Council" "$(jq -r .council "$TMP/out" | sort -u)"
printf '{"date": ' >"$TMP/side/002_fc1f1cea019d2c05.txt.meta.json"
run_minutes index -d "$TMP/sideidx" "$TMP/side"
test_expect_status "a broken sidecar does not stop indexing" 0
test_expect_match "a broken sidecar is named" "sidecar '.*002_fc1f1cea019d2c05.txt.meta.json'" "$TMP/err"

test_done
