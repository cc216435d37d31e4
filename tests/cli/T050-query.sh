# T050-query - hostile query text never crashes 'minutes search': it searches sensibly or
# exits 2 with one line; -F/--fixed-strings; the literal fallback for text that is not
# query syntax; the limit on the length of a query.
. tests/cli/test-lib.sh

idx="$TMP/idx"
"$MINUTES" index -q -d "$idx" seeds 2>/dev/null || { fail_ "indexing the seeds"; test_done; }

# sane WHAT: the last run exited 0 or 1, or 2 with one line on stderr naming no C++ type.
sane() {
    case $status in
    0 | 1) pass_ "$1: exit $status" ;;
    2)
        if [ "$(wc -l <"$TMP/err")" -eq 1 ] &&
            ! grep -Eq 'Xapian::|QueryParserError|std::|terminate|exception' "$TMP/err"; then
            pass_ "$1: exit 2, one line"
        else
            fail_ "$1: exit 2 with a clean one-line message" "$(head -5 "$TMP/err")"
        fi
        ;;
    *) fail_ "$1: exit 0, 1 or 2" "exit $status" "$(head -5 "$TMP/err")" ;;
    esac
}

test_begin "hostile text"
for q in '"private fostering' 'private fostering"' '"' '""' '"""' '(((' ')))' '(Ofsted' \
    'Ofsted)' '*' '**' 'foster**' '-' '--' '+' '+-' ':' '::' 'board:' 'date:' 'type:' \
    'board:"' 'date:"2017' 'AND' 'OR' 'NOT' 'XOR' 'OR children' 'Ofsted AND' 'AND OR NOT' \
    'NOT NOT' 'Ofsted NEAR' 'NEAR/2' 'ADJ' "Children's" "'" '£12m' '1.5°C' 'PLA146/14' \
    'Rone-Clarke' 'a-' '-a' '&' '|' ';' '`id`' '$(id)' '\' '\\"' '%s%s%n' '~' '^' '@' \
    '/' '..' 'date:2017..' 'date:..' 'date:....' '  '; do
    run_minutes search -d "$idx" -n 3 -- "$q"
    sane "search '$q'"
    run_minutes search -d "$idx" -n 3 -F -- "$q"
    sane "search -F '$q'"
    run_minutes search -d "$idx" -n 3 --exact --facets -- "$q"
    sane "search --exact --facets '$q'"
done
run_minutes meetings -d "$idx" 'Ofsted AND ((('
sane "meetings 'Ofsted AND ((('"
test_expect_status "meetings: a broken query lists the meetings of its words" 0

test_begin "field values"
for q in 'date:garbage' 'Ofsted date:garbage' 'date:2017-13' 'date:2017-02-30' \
    'date:2018..2017' 'type:nonsense' 'doc:nonsense' 'kind:nonsense' 'board:"()"' \
    'minute:x' 'Ofsted AND date:garbage' '(date:garbage'; do
    run_minutes search -d "$idx" -- "$q"
    sane "search '$q'"
done
run_minutes search -d "$idx" 'Ofsted date:garbage'
test_expect_status "a bad date in the query: exit 2" 2
test_expect_match "a bad date: says so" "invalid date 'garbage'" "$TMP/err"
test_expect_no_match "a bad date: not called malformed" "malformed" "$TMP/err"
run_minutes search -d "$idx" 'Ofsted AND date:garbage'
test_expect_status "a bad date in a broken query: still exit 2" 2
test_expect_match "a bad date in a broken query: says so" "invalid date 'garbage'" "$TMP/err"
run_minutes search -d "$idx" 'Ofsted type:nonsense'
test_expect_status "an unknown type: exit 2" 2

test_begin "invalid UTF-8"
for q in "$(printf '\377\376')" "$(printf 'Ofsted \300\257')" "$(printf 'priv\303')" \
    "$(printf '\355\240\200 fostering')" "$(printf 'Ofsted\001\002\033[31m')" \
    "$(printf 'board:\377')" "$(printf 'date:\377')"; do
    run_minutes search -d "$idx" -- "$q"
    sane "search $(printf '%s' "$q" | od -An -c | tr -s ' ')"
    run_minutes search -d "$idx" -F -- "$q"
    sane "search -F $(printf '%s' "$q" | od -An -c | tr -s ' ')"
done
run_minutes search -d "$idx" --json -n 1 "$(printf 'Ofsted \377')"
test_expect_status "a word next to bad bytes still matches" 0
if jq -e . "$TMP/out" >/dev/null 2>&1; then pass_ "output stays valid JSON"; else fail_ "output stays valid JSON"; fi

test_begin "literal fallback"
run_minutes search -d "$idx" --debug-query 'Ofsted AND'
test_expect_status "'Ofsted AND' finds paragraphs" 0
test_expect_match "--debug-query says it was taken literally" '^query: \(literal\) ' "$TMP/err"
run_minutes search -d "$idx" --debug-query 'Ofsted'
test_expect_no_match "valid syntax is not literal" 'literal' "$TMP/err"
run_minutes search -d "$idx" --format tsv -n 100 'Ofsted and'
tsv_select id "$TMP/out" | sort >"$TMP/want"
run_minutes search -d "$idx" --format tsv -n 100 'Ofsted AND'
tsv_select id "$TMP/out" | sort >"$TMP/got"
test_expect_equal_file "the words, ANDed: as 'Ofsted and'" "$TMP/want" "$TMP/got"
run_minutes search -d "$idx" --format tsv -n 100 '(private fostering'
tsv_select id "$TMP/out" | sort >"$TMP/got"
run_minutes search -d "$idx" --format tsv -n 100 'private fostering'
tsv_select id "$TMP/out" | sort >"$TMP/want"
test_expect_equal_file "an unbalanced bracket: the words" "$TMP/want" "$TMP/got"
run_minutes search -d "$idx" --format tsv -n 100 'Ofsted AND date:2017'
tsv_select date "$TMP/out" | cut -c1-4 | sort -u >"$TMP/years"
test_expect_equal "field prefixes still filter in the fallback" "2017" "$(cat "$TMP/years")"
run_minutes search -d "$idx" '"'
test_expect_status "only punctuation: no words, no match" 1
run_minutes search -d "$idx" '((('
test_expect_status "only brackets: no match" 1
run_minutes search -d "$idx" ''
test_expect_status "the empty query still matches everything" 0

test_begin "fixed strings"
run_minutes search -d "$idx" --format tsv -n 100 '"private fostering"'
tsv_select id "$TMP/out" | sort >"$TMP/want"
run_minutes search -d "$idx" --format tsv -n 100 -F private fostering
tsv_select id "$TMP/out" | sort >"$TMP/got"
test_expect_status "-F: exit 0" 0
test_expect_equal_file "-F private fostering: the phrase" "$TMP/want" "$TMP/got"
run_minutes search -d "$idx" --format tsv -n 100 --fixed-strings 'private fostering'
tsv_select id "$TMP/out" | sort >"$TMP/got"
test_expect_equal_file "--fixed-strings, one argument: the same" "$TMP/want" "$TMP/got"
run_minutes search -d "$idx" --format tsv -n 100 '"private fostering"' --exact
tsv_select id "$TMP/out" | sort >"$TMP/want"
run_minutes search -d "$idx" --format tsv -n 100 -F --exact private fostering
tsv_select id "$TMP/out" | sort >"$TMP/got"
test_expect_equal_file "-F --exact: the literal phrase" "$TMP/want" "$TMP/got"
run_minutes search -d "$idx" --format tsv -n 100 -F fostering private
test_expect_status "-F keeps the order of the words" 1
run_minutes search -d "$idx" -F 'Ofsted AND'
sane "-F 'Ofsted AND'"
test_expect_no_match "-F 'Ofsted AND' does not fail" 'malformed' "$TMP/err"
run_minutes search -d "$idx" -F --debug-query 'AND OR'
test_expect_match "-F 'AND OR' searches those words" '^query: Query\(\(Zand@1 PHRASE 2 Zor@2\)\)' "$TMP/err"
run_minutes search -d "$idx" -F --debug-query 'board:cabinet'
test_expect_match "-F: a prefix is a word" 'Zboard' "$TMP/err"
run_minutes search -d "$idx" -F --debug-query 'private "fostering'
test_expect_match "-F: quotes inside do not break it" 'Zprivat@1 PHRASE 2 Zfoster@2' "$TMP/err"
run_minutes search -d "$idx" -F 'date:garbage'
test_expect_no_match "-F: no field values to be invalid" 'invalid date' "$TMP/err"
run_minutes search -d "$idx" --format tsv -n 100 -F Ofsted --date 2017
tsv_select date "$TMP/out" | cut -c1-4 | sort -u >"$TMP/years"
test_expect_equal "-F with a filter option" "2017" "$(cat "$TMP/years")"

test_begin "long queries"
words() { awk -v n="$1" -v w="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s%s", (i ? " " : ""), w; }'; }
start=$(date +%s)
run_minutes search -d "$idx" "$(words 10000 'ofsted')"
test_expect_status "10,000 words: exit 2" 2
test_expect_match "10,000 words: says why" 'query too long \(10000 words; the limit is 1000\)' "$TMP/err"
test_expect_equal "one line" 1 "$(wc -l <"$TMP/err")"
run_minutes search -d "$idx" -F "$(words 10000 'x')"
test_expect_status "10,000 words with -F: exit 2" 2
run_minutes search -d "$idx" "$(words 1000 'Ofsted')"
test_expect_status "1,000 words: searched" 0
run_minutes search -d "$idx" "$(words 1000 'foster* OR')"
sane "1,000 wildcards"
run_minutes search -d "$idx" "$(words 1000 '(')"
sane "1,000 brackets"
run_minutes search -d "$idx" "$(words 1000 '"Ofsted')"
sane "1,000 quotes"
run_minutes search -d "$idx" "$(words 5000 '(((')"
sane "15,000 brackets, no words"
elapsed=$(($(date +%s) - start))
if [ "$elapsed" -lt 60 ]; then pass_ "long queries take little time (${elapsed} s)"; else fail_ "long queries take little time" "${elapsed} s"; fi

test_begin "wildcards that match too many words"
mkdir -p "$TMP/many"
awk 'BEGIN { printf "Minutes of the Cabinet held on 1 May 2020\n\n"; for (i = 0; i < 3000; i++) printf "xw%05d ", i; print "" }' >"$TMP/many/words.txt"
"$MINUTES" index -q -d "$TMP/manyidx" "$TMP/many" 2>/dev/null
run_minutes search -d "$TMP/manyidx" 'xw*'
test_expect_status "3,000 words: exit 2" 2
test_expect_match "says which wildcard and the limit" "wildcard 'xw\\*' matches more than 2000 words" "$TMP/err"
test_expect_equal "in one line" 1 "$(wc -l <"$TMP/err")"
run_minutes search -d "$TMP/manyidx" 'xw001*'
test_expect_status "100 words: searched" 0
run_minutes search -d "$TMP/manyidx" --exact 'xw*'
test_expect_status "the limit holds with --exact too" 2

test_done
