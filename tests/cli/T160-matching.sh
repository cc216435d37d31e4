# T160-matching - words as people type them: accents, hyphenated, closed and spaced
# compounds, ordinals, the synonyms table (and --no-synonyms), numbers and money as typed,
# the title: prefix; and what date and board filters leave out when the date or board is
# unknown (the count on stderr, --undated and --unknown-board).
. tests/cli/test-lib.sh

docs="$TMP/docs"
mkdir -p "$docs"
# Every paragraph carries a tag word, zq..., that names it in the results.
cat >"$docs/accents.txt" <<'END'
zqa1 The Victoria Climbié inquiry changed safeguarding practice.

zqa2 Lord Laming wrote the Climbie report.

zqa3 The café in the central library reopened.

zqa4 The cafe at the museum closed.

zqa5 Members visited the Ynys Môn council offices.

zqa6 A delegation from Ynys Mon attended.

zqa7 The Straße was closed for repairs.

zqa8 Walkers on Pen Llŷn were counted.
END
cat >"$docs/compounds.txt" <<'END'
zqc1 Tackling anti-social behaviour in the city centre.

zqc2 The antisocial behaviour team reported.

zqc3 Reports of anti social behaviour rose.

zqc4 The Sub-Committee met in private.

zqc5 The subcommittee agreed the terms.

zqc6 Co-production with families is our approach.

zqc7 Coproduction was discussed.

zqc8 The budget for 2017-18 was set.
END
cat >"$docs/ordinals.txt" <<'END'
zqo1 The meeting on 16th October 2023 was adjourned.

zqo2 Papers for 16 October 2023 were published.

zqo3 Quarters: the 1st, 2nd and 3rd; the next is on 22nd May.
END
cat >"$docs/people.txt" <<'END'
zqk1 Cllr Smith gave apologies.

zqk2 Councillor Jones chaired the meeting.
END
cat >"$docs/acronyms.txt" <<'END'
zqs1 Pupils with special educational needs and disabilities were supported.

zqs2 Every education, health and care plan was reviewed on time.

zqs3 The number of looked after children rose.

zqs4 Waiting times for child and adolescent mental health services fell.

zqs5 The SEND strategy was approved.

zqs6 The EHCP backlog was cleared.

zqs7 LAC numbers were reported.

zqs8 CAMHS referrals rose.
END
cat >"$docs/numbers.txt" <<'END'
zqn1 Warming must stay below 1.5°C this century.

zqn2 The budget gap is £1.242m next year.

zqn3 A grant of £750,000 was awarded.

zqn4 About 1.5 million people, 750 staff and 242 posts.
END
cat >"$docs/titles.txt" <<'END'
1. Apologies for Absence

zqt1 Apologies were received.

2. Private Fostering Arrangements

zqt2 The board noted the annual report.

3. Adoption Panel

zqt3 The fostering service was praised.
END
# Known and unknown dates and boards: the sidecars say what each file's meeting is.
printf 'zqu1 The zebra crossing report was noted.\n' >"$docs/u1.txt"
printf '{"date": "2023-10-16", "board": "Cabinet"}\n' >"$docs/u1.txt.meta.json"
printf 'zqu2 The zebra crossing report was circulated.\n' >"$docs/u2.txt"
printf 'zqu3 The zebra crossing report was deferred.\n' >"$docs/u3.txt"
printf '{"board": "Cabinet"}\n' >"$docs/u3.txt.meta.json"
printf 'zqu4 The zebra crossing report was agreed.\n' >"$docs/u4.txt"
printf '{"date": "2023-10-16"}\n' >"$docs/u4.txt.meta.json"

idx="$TMP/idx"
"$MINUTES" index -q -d "$idx" "$docs" 2>"$TMP/index-err" ||
    { fail_ "indexing the fixtures"; test_done; }

# tags ARGS...: the tags of the paragraphs a search finds, sorted, on one line.
tags() {
    run_minutes search -d "$idx" -n 1000 --format tsv "$@"
    tsv_select text "$TMP/out" | grep -o 'zq[a-z][0-9]' | sort -u | tr '\n' ' ' | sed 's/ $//'
}

test_begin "accents"
test_expect_equal "climbie finds Climbié and Climbie" "zqa1 zqa2" "$(tags climbie)"
test_expect_equal "Climbié finds both" "zqa1 zqa2" "$(tags Climbié)"
test_expect_equal "cafe finds café and cafe" "zqa3 zqa4" "$(tags cafe)"
test_expect_equal "café finds both" "zqa3 zqa4" "$(tags café)"
test_expect_equal "\"Ynys Mon\" finds Ynys Môn" "zqa5 zqa6" "$(tags '"Ynys Mon"')"
test_expect_equal "\"Ynys Môn\" finds Ynys Mon" "zqa5 zqa6" "$(tags '"Ynys Môn"')"
test_expect_equal "Welsh circumflex: llyn finds Llŷn" "zqa8" "$(tags llyn)"
test_expect_equal "ß is ss" "zqa7" "$(tags strasse)"
test_expect_equal "--exact folds accents too" "zqa1 zqa2" "$(tags --exact climbie)"
run_minutes search -d "$idx" -n 5 --json climbie
test_expect_match "the text keeps its accents" '"text":"zqa1 The Victoria Climbié' "$TMP/out"
run_minutes search -d "$idx" --color=always -n 5 climbie
test_expect_match "an accented word is highlighted for an unaccented query" \
    "$(printf '\033')\\[1;31mClimbié" "$TMP/out"
run_minutes search -d "$idx" --color=always -n 5 '"ynys mon"'
test_expect_match "a phrase with an accented word is highlighted" \
    "$(printf '\033')\\[1;31mMôn" "$TMP/out"

test_begin "compounds"
test_expect_equal "antisocial finds anti-social and antisocial" "zqc1 zqc2" "$(tags antisocial)"
test_expect_equal "anti-social finds every spelling" "zqc1 zqc2 zqc3" "$(tags anti-social)"
test_expect_equal "anti social (words) finds anti-social and anti social" "zqc1 zqc3" \
    "$(tags anti social)"
test_expect_equal "a quoted phrase with anti-social finds every spelling" "zqc1 zqc2 zqc3" \
    "$(tags '"anti-social behaviour"')"
test_expect_equal "\"antisocial behaviour\" finds anti-social and antisocial" "zqc1 zqc2" \
    "$(tags '"antisocial behaviour"')"
test_expect_equal "\"tackling anti-social behaviour\"" "zqc1" \
    "$(tags '"tackling anti-social behaviour"')"
test_expect_equal "Sub-Committee finds subcommittee" "zqc4 zqc5" "$(tags Sub-Committee)"
test_expect_equal "subcommittee finds Sub-Committee" "zqc4 zqc5" "$(tags subcommittee)"
test_expect_equal "co-production" "zqc6 zqc7" "$(tags co-production)"
test_expect_equal "coproduction" "zqc6 zqc7" "$(tags coproduction)"
test_expect_equal "--exact compounds" "zqc4 zqc5" "$(tags --exact subcommittee)"
test_expect_equal "-F compounds" "zqc1 zqc2 zqc3" "$(tags -F anti-social behaviour)"
test_expect_equal "numbers with a hyphen are not joined" "zqc8" "$(tags 2017-18)"
run_minutes search -d "$idx" --color=always -n 5 anti-social
test_expect_match "anti-social is highlighted" "$(printf '\033')\\[1;31manti" "$TMP/out"

test_begin "ordinals"
test_expect_equal "\"16 October 2023\" finds 16th" "zqo1 zqo2" "$(tags '"16 October 2023"')"
test_expect_equal "\"16th October 2023\" finds 16" "zqo1 zqo2" "$(tags '"16th October 2023"')"
test_expect_equal "22 May finds 22nd May" "zqo3" "$(tags '"22 May"')"
test_expect_equal "1st 2nd 3rd" "zqo3" "$(tags 1 2 3)"

test_begin "synonyms"
test_expect_equal "Cllr finds Councillor" "zqk1 zqk2" "$(tags Cllr)"
test_expect_equal "Councillor finds Cllr" "zqk1 zqk2" "$(tags councillor)"
test_expect_equal "SEND finds the words it stands for" "zqs1 zqs5" "$(tags SEND)"
test_expect_equal "EHCP" "zqs2 zqs6" "$(tags EHCP)"
test_expect_equal "LAC" "zqs3 zqs7" "$(tags LAC)"
test_expect_equal "CAMHS" "zqs4 zqs8" "$(tags CAMHS)"
test_expect_equal "ASB" "zqc1 zqc2 zqc3" "$(tags ASB)"
test_expect_equal "the words find the acronym" "zqs3 zqs7" "$(tags looked after children)"
test_expect_equal "--no-synonyms: SEND as written" "zqs5" "$(tags --no-synonyms SEND)"
test_expect_equal "--no-synonyms: Cllr as written" "zqk1" "$(tags --no-synonyms Cllr)"
test_expect_equal "a quoted phrase is not expanded" "zqs7" "$(tags '"LAC numbers"')"
test_expect_equal "--exact expands too" "zqs3 zqs7" "$(tags --exact LAC)"
run_minutes search -d "$idx" --debug-query -n 1 LAC
test_expect_match "--debug-query shows the expansion" 'SYNONYM' "$TMP/err"
run_minutes meetings -d "$idx" --no-synonyms LAC
test_expect_status "meetings takes --no-synonyms" 0

test_begin "a table of one's own"
cat >"$idx/synonyms.txt" <<'END'
# the index's own synonyms, added to those built in
zebra = crossing warden
just some words
END
printf 'zqw1 The crossing warden retired.\n' >"$docs/w1.txt"
run_minutes index -v -d "$idx" "$docs"
test_expect_match "-v says the table was written" \
    "^synonyms: [0-9]+ groups written, from the built-in table and '$idx/synonyms.txt'" "$TMP/err"
test_expect_match "a line without '=' is named" \
    "^minutes: warning: '$idx/synonyms.txt': line 3 has no '=' and does nothing" "$TMP/err"
test_expect_equal "an entry of INDEX/synonyms.txt applies after an index run" \
    "zqu1 zqu2 zqu3 zqu4 zqw1" "$(tags zebra)"
test_expect_equal "it works both ways" "zqu1 zqu2 zqu3 zqu4 zqw1" "$(tags crossing warden)"
test_expect_equal "the built-in table still applies" "zqs3 zqs7" "$(tags LAC)"
run_minutes index -v -d "$idx" "$docs"
test_expect_no_match "unchanged, it is not written again" "^synonyms:" "$TMP/err"
test_expect_match "but still warned of" "line 3 has no '='" "$TMP/err"
rm "$idx/synonyms.txt"
run_minutes index -v -d "$idx" "$docs"
test_expect_match "removing it writes the table again" "^synonyms: [0-9]+ groups written" \
    "$TMP/err"
test_expect_equal "without its entries" "zqu1 zqu2 zqu3 zqu4" "$(tags zebra)"
mkdir "$idx/synonyms.txt"
run_minutes index -d "$idx" "$docs"
test_expect_status "an unreadable table does not stop a run" 0
test_expect_match "but is named" "warning: '$idx/synonyms.txt': cannot read it \(not a regular file\)" \
    "$TMP/err"
rmdir "$idx/synonyms.txt"

test_begin "numbers as typed"
test_expect_equal "1.5°C" "zqn1" "$(tags '1.5°C')"
test_expect_equal "£1.242m" "zqn2" "$(tags '£1.242m')"
test_expect_equal "£750,000" "zqn3" "$(tags '£750,000')"
test_expect_equal "-F £750,000" "zqn3" "$(tags -F '£750,000')"

test_begin "title:"
test_expect_equal "title:fostering: the item's paragraphs, not the word in the text" "zqt2" \
    "$(tags 'title:fostering')"
test_expect_equal "title: phrase" "zqt2" "$(tags 'title:"private fostering"')"
test_expect_equal "title: phrase in another order" "" "$(tags 'title:"fostering private"')"
test_expect_equal "title: with a word of the text" "zqt2" "$(tags 'title:fostering annual')"
test_expect_equal "fostering without title: is the text" "zqt3" "$(tags fostering)"
test_expect_equal "title: stems" "zqt2" "$(tags 'title:arrangement')"

test_begin "unknown dates and boards"
test_expect_equal "no filter: all four" "zqu1 zqu2 zqu3 zqu4" "$(tags zebra)"
test_expect_equal "--since keeps the dated ones" "zqu1 zqu4" "$(tags zebra --since 2023)"
two_undated="minutes: 2 matching paragraphs have no known date and were left out"
test_expect_equal "says how many undated ones were left out" \
    "$two_undated (--undated keeps them)" "$(cat "$TMP/err")"
test_expect_equal "--undated keeps them" "zqu1 zqu2 zqu3 zqu4" \
    "$(tags zebra --since 2023 --undated)"
test_expect_equal "--undated: nothing on stderr" "" "$(cat "$TMP/err")"
test_expect_equal "date: in the query" "zqu1 zqu4" "$(tags 'zebra date:2023')"
test_expect_match "date: in the query: counted too" "^$two_undated" "$TMP/err"
test_expect_equal "date: with --undated" "zqu1 zqu2 zqu3 zqu4" "$(tags 'zebra date:2023' --undated)"
test_expect_equal "--board keeps the known boards" "zqu1 zqu3" "$(tags zebra --board cabinet)"
test_expect_equal "says how many without a board were left out" \
    "minutes: 2 matching paragraphs have no known board and were left out (--unknown-board \
keeps them)" "$(cat "$TMP/err")"
test_expect_equal "--unknown-board keeps them" "zqu1 zqu2 zqu3 zqu4" \
    "$(tags zebra --board cabinet --unknown-board)"
test_expect_equal "board: in the query" "zqu1 zqu3" "$(tags 'zebra board:cabinet')"
test_expect_match "board: in the query: counted too" 'no known board' "$TMP/err"
test_expect_equal "both filters" "zqu1" "$(tags zebra --since 2023 --board cabinet)"
test_expect_match "one without a date" \
    '^minutes: 1 matching paragraph has no known date and was left out \(--undated keeps it\)$' \
    "$TMP/err"
test_expect_match "one without a board" \
    '^minutes: 1 matching paragraph has no known board and was left out' "$TMP/err"
test_expect_equal "no filter: nothing on stderr" "" "$(tags zebra >/dev/null; cat "$TMP/err")"
test_expect_equal "nothing undated matches: nothing said" "zqu1" "$(tags zqu1 --date 2023)"
test_expect_equal "nothing undated matches: nothing on stderr" "" "$(cat "$TMP/err")"
run_minutes search -d "$idx" zebra --since 2030
test_expect_status "a range with no dated meeting: exit 1" 1
test_expect_match "but the undated ones are counted" "^$two_undated" "$TMP/err"
test_expect_equal "and --undated finds them" "zqu2 zqu3" "$(tags zebra --since 2030 --undated)"
run_minutes search -d "$idx" --json zebra --since 2023
test_expect_equal "JSON: the hits only on stdout" "2" "$(jq -c . "$TMP/out" | wc -l)"
test_expect_match "JSON: the count on stderr" 'no known date' "$TMP/err"
run_minutes search -d "$idx" --facets zebra --since 2023
test_expect_match "--facets: counted too" 'no known date' "$TMP/err"
run_minutes meetings -d "$idx" zebra --since 2023
test_expect_match "meetings: counted too" "^$two_undated" "$TMP/err"
test_expect_equal "meetings: the two dated ones" "2" "$(wc -l <"$TMP/out")"
run_minutes meetings -d "$idx" zebra --since 2023 --undated
test_expect_equal "meetings --undated: and the two of unknown date" "4" "$(wc -l <"$TMP/out")"

test_begin "help"
run_minutes search --help
for opt in --no-synonyms --undated --unknown-board; do
    test_expect_match "search --help lists $opt" "^ +$opt" "$TMP/out"
done
run_minutes meetings --help
for opt in --no-synonyms --undated --unknown-board; do
    test_expect_match "meetings --help lists $opt" "^ +$opt" "$TMP/out"
done

test_done
