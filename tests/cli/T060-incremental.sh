# T060-incremental - re-running 'minutes index': unchanged files cost a stat, changed files
# are replaced, vanished ones removed, failed ones remembered and retried on request.
. tests/cli/test-lib.sh

idx="$TMP/idx"
tree="$TMP/tree"
mkdir -p "$tree/a" "$tree/b"
cp seeds/000_6f14756a497cac9d.txt seeds/001_dbc9e66ed936fc45.txt "$tree/a/"
cp seeds/003_ece979df50451812.txt "$tree/b/minutes.md"

# summary: the counts part of the last run's summary line
summary() {
    sed -nE 's/^indexed: ([^;]*);.*/\1/p' "$TMP/err"
}
ids() {
    "$MINUTES" search -d "$idx" -n 100000 --format tsv '' | tsv_select path,paragraph,text | sort
}

test_begin "first run"
run_minutes index -d "$idx" "$tree"
test_expect_status "exit 0" 0
test_expect_equal "all added" "3 added, 0 updated, 0 removed, 0 unchanged, 0 failed" "$(summary)"
ids >"$TMP/ids-first"

test_begin "nothing changed"
run_minutes index -d "$idx" "$tree"
test_expect_equal "all unchanged" "0 added, 0 updated, 0 removed, 3 unchanged, 0 failed" "$(summary)"
test_expect_match "nothing written" '; 0 paragraphs written' "$TMP/err"
if command -v strace >/dev/null 2>&1; then
    strace -f -e trace=open,openat -o "$TMP/trace" "$MINUTES" index -q -d "$idx" "$tree" 2>/dev/null
    grep -E "$tree/.*\.(txt|md)\"" "$TMP/trace" | grep -v 'O_DIRECTORY' >"$TMP/opened" || true
    test_expect_equal "no document opened, stat calls only" "" "$(cat "$TMP/opened")"
else
    pass_ "no document opened (strace not installed: not checked)"
fi
ids >"$TMP/ids"
test_expect_equal_file "same paragraphs" "$TMP/ids-first" "$TMP/ids"

test_begin "touched, not changed"
touch "$tree/a/000_6f14756a497cac9d.txt"
run_minutes index -d "$idx" "$tree"
test_expect_equal "read, found the same, not written" "0 added, 0 updated, 0 removed, 3 unchanged, 0 failed" "$(summary)"
run_minutes index -d "$idx" "$tree"
test_expect_equal "and the new time is remembered" "0 added, 0 updated, 0 removed, 3 unchanged, 0 failed" "$(summary)"

test_begin "changed"
sed -i 's/Private fostering/Private fostering and kinship care/' "$tree/a/000_6f14756a497cac9d.txt"
run_minutes index -v -d "$idx" "$tree"
test_expect_equal "one updated" "0 added, 1 updated, 0 removed, 2 unchanged, 0 failed" "$(summary)"
test_expect_match "-v names it" "^updated '.*000_6f14756a497cac9d.txt'" "$TMP/err"
run_minutes search -d "$idx" --format tsv '"kinship care"'
test_expect_equal "the new text is found" "1" "$(tsv_select line "$TMP/out" | wc -l)"
run_minutes search -d "$idx" -n 1000 --format tsv '' --file "$tree/a/000_6f14756a497cac9d.txt"
tsv_select paragraph "$TMP/out" | sort | uniq -d >"$TMP/dups"
test_expect_equal "no duplicate paragraphs" "" "$(cat "$TMP/dups")"

test_begin "sidecar changed"
printf '{"source_url": "https://example.org/m"}\n' >"$tree/b/minutes.meta.json"
run_minutes index -d "$idx" "$tree"
test_expect_equal "the document is read again" "0 added, 1 updated, 0 removed, 2 unchanged, 0 failed" "$(summary)"
run_minutes search -d "$idx" -n 1 --json Staying
test_expect_equal "with the sidecar's value" "https://example.org/m" "$(jq -r .source_url "$TMP/out")"

test_begin "vanished"
before=$(ids | wc -l)
rm "$tree/a/001_dbc9e66ed936fc45.txt"
run_minutes index -d "$idx" --no-delete "$tree"
test_expect_equal "--no-delete keeps it" "$before" "$(ids | wc -l)"
run_minutes index -v -d "$idx" "$tree"
test_expect_equal "removed" "0 added, 0 updated, 1 removed, 2 unchanged, 0 failed" "$(summary)"
test_expect_match "-v names it" "^removed '.*001_dbc9e66ed936fc45.txt'" "$TMP/err"
run_minutes search -d "$idx" --format tsv '' --file "$tree/a/001_dbc9e66ed936fc45.txt"
test_expect_status "its paragraphs are gone" 1
run_minutes index -d "$idx" "$tree/b"
test_expect_equal "only what is under the path given is considered" "0 added, 0 updated, 0 removed, 1 unchanged, 0 failed" "$(summary)"
run_minutes search -d "$idx" --format tsv Ofsted --file "$tree/a/000_6f14756a497cac9d.txt"
test_expect_status "files elsewhere are kept" 0

test_begin "failed files"
printf 'binary\0content' >"$tree/a/broken.txt"
run_minutes index -d "$idx" "$tree"
test_expect_equal "counted as failed" "0 added, 0 updated, 0 removed, 2 unchanged, 1 failed" "$(summary)"
test_expect_match "with a reason" "skipping '.*broken.txt': binary" "$TMP/err"
test_expect_status "the run completed: exit 0" 0
run_minutes index -d "$idx" "$tree"
test_expect_match "remembered, not read again" "broken.txt': binary.*--retry-failed" "$TMP/err"
run_minutes index -d "$idx" --retry-failed "$tree"
test_expect_match "--retry-failed reads it again" "skipping '.*broken.txt': binary" "$TMP/err"
test_expect_no_match "(and says why, not 'unchanged since')" "unchanged since" "$TMP/err"
printf 'Minutes\n\nThe broken file was mended.\n' >"$tree/a/broken.txt"
run_minutes index -d "$idx" "$tree"
test_expect_equal "a mended file is added" "1 added, 0 updated, 0 removed, 2 unchanged, 0 failed" "$(summary)"

test_begin "force"
run_minutes index -d "$idx" --force "$tree"
test_expect_equal "--force reads and writes every file" "0 added, 3 updated, 0 removed, 0 unchanged, 0 failed" "$(summary)"

test_done
