# T020-search - 'minutes search' on the seeds: the phrase users ask for, formats, colour,
# exit statuses and errors.
. tests/cli/test-lib.sh

idx="$TMP/idx"
"$MINUTES" index -q -d "$idx" seeds || { fail_ "indexing the seeds"; test_done; }

test_begin "private fostering"
run_minutes search -d "$idx" --format tsv '"private fostering"'
test_expect_status "exit 0 on a match" 0
tsv_select path,line "$TMP/out" | sed 's|.*/||' | sort >"$TMP/got"
cat >"$TMP/want" <<'END'
000_6f14756a497cac9d.txt	70
000_6f14756a497cac9d.txt	87
002_fc1f1cea019d2c05.txt	33
002_fc1f1cea019d2c05.txt	58
003_ece979df50451812.txt	145
END
test_expect_equal_file "stemmed phrase: the five paragraphs that speak of it" "$TMP/want" "$TMP/got"
run_minutes search -d "$idx" --format tsv '"private fostering"' --exact
tsv_select path,line "$TMP/out" | sed 's|.*/||' | sort >"$TMP/got"
grep -E '(87|33|58)$' "$TMP/want" >"$TMP/want-exact"
test_expect_equal_file "--exact: only the literal phrase" "$TMP/want-exact" "$TMP/got"
run_minutes search -d "$idx" --format tsv 'fostering NOT private'
test_expect_no_match "NOT excludes" 'Private fostering|private fostering' "$TMP/out"
test_expect_match "NOT keeps the rest" 'Fostering Task and Finish' "$TMP/out"

test_begin "text output"
run_minutes search -d "$idx" --color=never '"private fostering"'
test_expect_match "rank, path:line, item, score" \
    '^1\. seeds/[0-9]{3}_[0-9a-f]+\.txt:[0-9]+ .*[0-9]+\.[0-9]+' "$TMP/out"
test_expect_match "agenda item shown" '000_6f14756a497cac9d.txt:87 +\[?item 3: Ofsted Report' "$TMP/out"
test_expect_match "snippet shown" 'Private fostering' "$TMP/out"
test_expect_no_match "no escape codes with --color=never" "$(printf '\033')" "$TMP/out"
run_minutes search -d "$idx" '"private fostering"'
test_expect_no_match "no escape codes when not a terminal" "$(printf '\033')" "$TMP/out"
run_minutes search -d "$idx" --color=always '"private fostering"'
test_expect_match "matches highlighted with --color=always" "$(printf '\033')\\[1;31mPrivate" "$TMP/out"
NO_COLOR=1 run_minutes search -d "$idx" '"private fostering"'
test_expect_no_match "NO_COLOR honoured" "$(printf '\033')" "$TMP/out"

test_begin "json output"
run_minutes search -d "$idx" --format json Ofsted -n 5
test_expect_status "exit 0" 0
test_expect_equal "one line per hit" 5 "$(wc -l <"$TMP/out")"
if jq -e . "$TMP/out" >/dev/null 2>&1; then pass_ "every line parses"; else fail_ "every line parses"; fi
jq -r 'keys_unsorted | join(",")' "$TMP/out" | sort -u >"$TMP/keys"
echo "rank,score,percent,id,path,paragraph,line,line_end,offset,length,page,council,board,board_id,date,doc_type,section,item_number,item_title,item_type,minute,kind,source_url,text,snippet,highlights" >"$TMP/want-keys"
test_expect_equal_file "stable field names" "$TMP/want-keys" "$TMP/keys"
jq -r '.rank' "$TMP/out" | tr '\n' ' ' >"$TMP/ranks"
test_expect_equal "ranks from 1" "1 2 3 4 5 " "$(cat "$TMP/ranks")"
jq -e 'select((.line|type) != "number" or (.score|type) != "number")' "$TMP/out" >"$TMP/bad" 2>&1
test_expect_equal "numbers are numbers" "" "$(cat "$TMP/bad")"
run_minutes search -d "$idx" --json '"private fostering"' -n 1
jq -r '.snippet as $s | .highlights[] | $s[.[0]:.[1]]' "$TMP/out" >"$TMP/hl"
test_expect_match "highlights cover the matched words" '^[Pp]rivate' "$TMP/hl"
jq -r '.text' "$TMP/out" >"$TMP/text"
test_expect_match "text is the paragraph" 'private fostering|Private fostering' "$TMP/text"
# a paragraph with no agenda item has null for it
run_minutes search -d "$idx" --json 'Venue Committee Rooms'
test_expect_equal "unknown item is null" "null" "$(jq -r '.item_number' "$TMP/out" | head -1)"

test_begin "tsv output"
run_minutes search -d "$idx" --format tsv Ofsted -n 3
test_expect_equal "header line" "rank	score	percent	id	path	paragraph	line	line_end	offset	length	page	council	board	board_id	date	doc_type	section	item_number	item_title	item_type	minute	kind	source_url	text	snippet" "$(head -1 "$TMP/out")"
test_expect_equal "header plus three rows" 4 "$(wc -l <"$TMP/out")"
awk -F'\t' 'NR == 1 {n = NF} NF != n {print NR": "NF}' "$TMP/out" >"$TMP/bad"
test_expect_equal "every row has every column" "" "$(cat "$TMP/bad")"

test_begin "paging"
run_minutes search -d "$idx" --format tsv Ofsted -n 4
tsv_select id "$TMP/out" >"$TMP/all"
run_minutes search -d "$idx" --format tsv Ofsted -n 2 --offset 2
tsv_select id "$TMP/out" >"$TMP/page"
tail -n 2 "$TMP/all" >"$TMP/want-page"
test_expect_equal_file "--offset skips the first hits" "$TMP/want-page" "$TMP/page"

test_begin "filters"
run_minutes search -d "$idx" --format tsv Ofsted --file seeds/000_6f14756a497cac9d.txt -n 100
test_expect_no_match "--file keeps one file" '00[1-4]_' "$TMP/out"
test_expect_match "--file finds it" '000_' "$TMP/out"
run_minutes search -d "$idx" --format tsv Ofsted --item 3 --file seeds/000_6f14756a497cac9d.txt -n 100
tsv_select item_number "$TMP/out" | sort -u >"$TMP/items"
test_expect_equal "--item keeps one item" "3" "$(cat "$TMP/items")"

test_begin "exit statuses"
run_minutes search -d "$idx" zzyzx
test_expect_status "no match: exit 1" 1
test_expect_equal "no match: no output" "" "$(cat "$TMP/out")"
run_minutes search -d "$TMP/nowhere" Ofsted
test_expect_status "no index: exit 2" 2
test_expect_match "no index: says so, naming it" "no index at '.*nowhere'" "$TMP/err"
test_expect_equal "one line" 1 "$(wc -l <"$TMP/err")"
run_minutes search -d "$idx" 'Ofsted date:garbage'
test_expect_status "bad field value in the query: exit 2" 2
test_expect_match "bad field value in the query: says so" "invalid date" "$TMP/err"
test_expect_equal "one line" 1 "$(wc -l <"$TMP/err")"
run_minutes search -d "$idx" --format yaml Ofsted
test_expect_status "bad --format: exit 2" 2
test_expect_match "bad --format named" "invalid --format 'yaml'" "$TMP/err"
run_minutes search -d "$idx" -n x Ofsted
test_expect_status "bad -n: exit 2" 2

test_begin "default index"
cp -r "$idx" "$TMP/work-index"
mkdir -p "$TMP/cwd" && mv "$TMP/work-index" "$TMP/cwd/index"
(cd "$TMP/cwd" && "$MINUTES" search Ofsted >/dev/null 2>&1)
status=$?
test_expect_status "./index by default" 0
MINUTES_INDEX="$idx" run_minutes search Ofsted
test_expect_status "\$MINUTES_INDEX" 0
MINUTES_INDEX="$TMP/nowhere" run_minutes search -d "$idx" Ofsted
test_expect_status "-d wins over \$MINUTES_INDEX" 0

test_begin "help"
run_minutes search --help
test_expect_status "--help: exit 0" 0
test_expect_match "--help lists the options" '^ +--exact ' "$TMP/out"
run_minutes help search
test_expect_match "'help search' is the same" '^ +-n, --limit N ' "$TMP/out"
run_minutes help nonsense
test_expect_status "help on an unknown command: exit 2" 2

test_done
