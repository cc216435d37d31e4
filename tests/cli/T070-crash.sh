# T070-crash - kill -9 of the indexer at random moments never leaves an index that does not
# open, and the next run completes the work exactly (tools/crash-test does the work).
. tests/cli/test-lib.sh

test_begin "crash safety"
tools/crash-test -n 10 -c 12 -s 42 -m "$MINUTES" >"$TMP/out" 2>&1
status=$?
test_expect_status "tools/crash-test passes" 0
test_expect_equal "every kill left an index that opens" "10" "$(grep -c 'index opens' "$TMP/out")"
test_expect_match "a new index, killed while built in parallel, ends equal to a clean build" 'new: .*identical to a clean build' "$TMP/out"
test_expect_match "an index killed while updated ends equal to a clean build" 'update: .*identical to a clean build' "$TMP/out"

test_done
