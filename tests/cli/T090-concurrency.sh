# T090-concurrency - searches keep working while an indexer runs, and a second indexer on the
# same index is refused with a clear message and status 75.
. tests/cli/test-lib.sh

idx="$TMP/idx"
"$MINUTES" index -q -d "$idx" seeds 2>/dev/null

# A pdftotext that takes its time holds the first indexer inside its run (and its lock).
mkdir -p "$TMP/bin" "$TMP/slow"
cat >"$TMP/bin/pdftotext" <<'END'
#!/bin/sh
sleep 3
printf 'Minutes of a slow meeting about Ofsted\n'
END
chmod +x "$TMP/bin/pdftotext"
printf '%%PDF-1.4\n%% a stand-in: the fake pdftotext ignores it\n' >"$TMP/slow/slow.pdf"

test_begin "concurrency"
PATH="$TMP/bin:$PATH" "$MINUTES" index -q -d "$idx" "$TMP/slow" 2>"$TMP/first-err" &
first=$!
sleep 1
run_minutes index -d "$idx" seeds
test_expect_status "a second indexer: exit 75" 75
test_expect_match "says who holds the lock" "index '.*' is locked by another process \(pid $first\)" "$TMP/err"
test_expect_equal "in one line" "1" "$(wc -l <"$TMP/err")"
run_minutes search -d "$idx" --format tsv '"private fostering"'
test_expect_status "searches work meanwhile" 0
test_expect_equal "and see the last commit" "6" "$(wc -l <"$TMP/out")"
wait "$first"
test_expect_equal "the first indexer finishes" "0" "$?"
run_minutes search -d "$idx" --format tsv 'slow meeting'
test_expect_status "its work is then visible" 0

test_done
