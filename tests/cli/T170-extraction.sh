# T170-extraction - what the extractor must find in other councils' publishing formats.
#
# tests/cli/fixtures/extract/ holds one short invented document per format shape: ModernGov
# issue, agenda item, meeting and decision pages, CMIS meeting pages, text taken from PDFs,
# parish and town council minutes, Scottish and Welsh minutes, other sites' agendas, and
# traps. labels.tsv says what a careful reader finds in each: the board as printed, the
# meeting date, the document type, the item type, the item title and a minute number (its
# notes column names each file's traps). For every fixture and field, the value most of the
# file's paragraphs carry must be the label's. Boards are compared as normalized ids (lower
# case, "&" as "and", apostrophes dropped, a leading "the" dropped, any other run of
# characters between words a "-"); an empty board or date means unknown. An item type of
# "other" (a page of many items) and an empty item title are not checked. A labelled minute
# number must be some paragraph's; a fixture whose text shows none must have none, since a
# number made up is wrong.
. tests/cli/test-lib.sh

fixtures=tests/cli/fixtures/extract
labels=$fixtures/labels.tsv
idx="$TMP/idx"
us=$(printf '\037')

test_begin "extraction"
if ! "$MINUTES" index -q -d "$idx" "$fixtures" >"$TMP/index-out" 2>&1; then
    fail_ "indexing the fixtures" "$(head -5 "$TMP/index-out")"
    test_done
fi
run_minutes search -d "$idx" -n 100000 --format tsv ''
tsv_select path,board,date,doc_type,item_type,item_title,minute "$TMP/out" >"$TMP/paras"

# The checks, one a line: what, expected and actual, separated by \037 (so that empty values
# survive 'read'), and a closing ".".
cat >"$TMP/checks.awk" <<'AWK'
# norm(NAME): a board's id for comparison.
function norm(s) {
    s = tolower(s)
    gsub(/&/, " and ", s)
    gsub(/’/, "", s)
    gsub(/‘/, "", s)
    gsub(/\047/, "", s)
    gsub(/[^a-z0-9]+/, "-", s)
    gsub(/^-+/, "", s)
    gsub(/-+$/, "", s)
    sub(/^the-/, "", s)
    return s
}
# squeeze(S): S with runs of blanks as one space, trimmed.
function squeeze(s) {
    gsub(/[ \t]+/, " ", s)
    sub(/^ /, "", s)
    sub(/ $/, "", s)
    return s
}
# vote(FILE, FIELD, VALUE): one paragraph of FILE carries VALUE in FIELD.
function vote(file, field, value,    k) {
    k = file SUBSEP field
    if (!((k, value) in count))
        val[k, ++nval[k]] = value
    count[k, value]++
}
# winner(FILE, FIELD): the value most paragraphs of FILE carry; of equals, the first seen.
function winner(file, field,    k, i, v, best, bestn) {
    k = file SUBSEP field
    bestn = -1
    for (i = 1; i <= nval[k]; i++) {
        v = val[k, i]
        if (count[k, v] > bestn) {
            bestn = count[k, v]
            best = v
        }
    }
    return best
}
function check(what, expected, actual) {
    print what, expected, actual, "."
}
BEGIN { OFS = "\037" }
FNR == NR {
    if (FNR > 1)
        lab[++nlab] = $0
    next
}
{
    file = $1
    sub(/.*\//, "", file)
    indexed[file] = 1
    vote(file, "board", norm($2))
    vote(file, "date", $3)
    vote(file, "doc_type", $4)
    vote(file, "item_type", $5)
    vote(file, "item_title", squeeze($6))
    m = squeeze($7)
    if (m != "" && !((file, m) in has_minute)) {
        has_minute[file, m] = 1
        minutes[file] = minutes[file] (minutes[file] == "" ? "" : " | ") m
    }
}
END {
    missing = ""
    for (i = 1; i <= nlab; i++) {
        split(lab[i], f, "\t")
        labelled[f[1]] = 1
        if (!(f[1] in indexed))
            missing = missing " " f[1]
    }
    check("every labelled fixture is indexed", "", missing)
    for (i = 1; i <= nlab; i++) {
        split(lab[i], f, "\t")
        file = f[1]
        name = file
        sub(/\.[a-z]+$/, "", name)
        check(name ": board", norm(f[2]), winner(file, "board"))
        check(name ": date", f[3], winner(file, "date"))
        check(name ": doc_type", f[4], winner(file, "doc_type"))
        if (f[5] != "other")
            check(name ": item_type", f[5], winner(file, "item_type"))
        if (f[6] != "")
            check(name ": item_title", squeeze(f[6]), winner(file, "item_title"))
        if (f[7] != "") {
            m = squeeze(f[7])
            found = ((file, m) in has_minute) ? m : "not among: " (minutes[file] == "" ? "(none)" : minutes[file])
            check(name ": minute " m, m, found)
        } else {
            check(name ": no minute numbers", "", minutes[file])
        }
    }
}
AWK
awk -F'\t' -f "$TMP/checks.awk" "$labels" "$TMP/paras" >"$TMP/checks"
while IFS=$us read -r what expected actual rest; do
    test_expect_equal "$what" "$expected" "$actual"
done <"$TMP/checks"
for f in "$fixtures"/*; do
    [ "${f##*/}" = labels.tsv ] || echo "${f##*/}"
done | sort >"$TMP/files"
tail -n +2 "$labels" | cut -f1 | sort >"$TMP/labelled"
test_expect_equal "every fixture has a label" "" "$(comm -23 "$TMP/files" "$TMP/labelled" | tr '\n' ' ')"

test_begin "document and item types of other formats"
# labelled COLUMN VALUE: the fixtures whose label has VALUE in COLUMN (1-based), sorted
labelled() {
    awk -F'\t' -v col="$1" -v want="$2" 'NR > 1 && $col == want { print $1 }' "$labels" | sort
}
# not_found WANTED_FILE: the fixtures of WANTED_FILE no hit of the last search came from
not_found() {
    tsv_select path "$TMP/out" | sed 's|.*/||' | sort -u >"$TMP/hit-files"
    comm -23 "$1" "$TMP/hit-files" | tr '\n' ' '
}
labelled 4 decision >"$TMP/decisions"
run_minutes search -d "$idx" -n 100000 --format tsv --doc decision ''
test_expect_status "--doc decision: exit 0" 0
test_expect_equal "--doc decision: every decision record" "" "$(not_found "$TMP/decisions")"
test_expect_equal "--doc decision: decision paragraphs only" "decision" \
    "$(tsv_select doc_type "$TMP/out" | sort -u | tr '\n' ' ' | sed 's/ $//')"
run_minutes search -d "$idx" -n 100000 --format tsv 'doc:decision'
test_expect_equal "doc:decision in the query: every decision record" "" "$(not_found "$TMP/decisions")"
labelled 5 decision >"$TMP/decision-items"
run_minutes search -d "$idx" -n 100000 --format tsv --type decision ''
test_expect_status "--type decision: exit 0" 0
test_expect_equal "--type decision: every item labelled so" "" "$(not_found "$TMP/decision-items")"
labelled 5 motions >"$TMP/motions"
run_minutes search -d "$idx" -n 100000 --format tsv --type motions ''
test_expect_status "--type motions: exit 0" 0
test_expect_equal "--type motions: the notices of motion" "" "$(not_found "$TMP/motions")"

test_done
