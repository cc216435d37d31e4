# T071-fault-injection - the indexer killed at each rename of a fresh parallel build (the
# parent alone, and any of its processes) and of an update: the index always opens or was
# never made, a search sees the old or the new index, and the next run equals a clean build
# (tools/fault-test does the work; it needs strace).
. tests/cli/test-lib.sh

test_begin "a half-made index"
# Table files without their version file: what a build killed while moving files in left.
"$MINUTES" index -q -d "$TMP/whole" seeds 2>/dev/null
"$MINUTES" search -d "$TMP/whole" -n 10000 --format tsv '' >"$TMP/whole.tsv"
mkdir "$TMP/half"
cp "$(dirname "$(find "$TMP/whole" -name iamglass)")"/*.glass "$TMP/half/"
run_minutes search -d "$TMP/half" Ofsted
test_expect_status "is no index to a search" 2
run_minutes index -q -d "$TMP/half" seeds
test_expect_status "is built again by the next run" 0
"$MINUTES" search -d "$TMP/half" -n 10000 --format tsv '' >"$TMP/half.tsv"
test_expect_equal_file "as a clean build" "$TMP/whole.tsv" "$TMP/half.tsv"

test_begin "fault injection"
if ! command -v strace >/dev/null || ! strace -qq -o /dev/null true 2>/dev/null; then
    pass_ "# SKIP strace cannot trace here"
    test_done
fi
tools/fault-test -c 2 -m "$MINUTES" >"$TMP/out" 2>&1
status=$?
test_expect_status "tools/fault-test passes" 0
test_expect_match "a fresh build was killed at each of its renames" 'fresh: [1-9][0-9]* kill points' "$TMP/out"
test_expect_match "so were all its processes" 'fresh-all: [1-9][0-9]* kill points' "$TMP/out"
test_expect_match "and an update" 'update: [1-9][0-9]* kill points' "$TMP/out"
test_expect_match "with no failure" ', 0 failures$' "$TMP/out"

test_done
