# T080-bad-input - the bad input catalogue: each bad file gets one warning naming it and the
# reason, the run goes on, nothing indexed before is lost, and the summary counts the skips.
. tests/cli/test-lib.sh

idx="$TMP/idx"
bad="$TMP/bad"
mkdir -p "$bad"
"$MINUTES" index -q -d "$idx" seeds 2>/dev/null
good=$("$MINUTES" search -d "$idx" -n 100000 --format tsv '' | tsv_select id | sort)

: >"$bad/empty.txt"
printf '   \n\n  \n' >"$bad/blank.md"
printf 'Minutes\0with a NUL' >"$bad/nul.txt"
head -c 4096 /dev/urandom >"$bad/random.txt"
printf 'Children\222s Services \223Ofsted\224 windows1252word\n' >"$bad/cp1252.txt"
awk 'BEGIN {srand(7); for (i = 0; i < 6000000; i++) printf "%s ", (rand() < 0.5 ? "council" : "longlineword"); print ""}' >"$bad/one-line.txt"
truncate -s 1G "$bad/huge.txt"
ln -s "$bad/nowhere.txt" "$bad/dangling.txt"
ln -s "$bad/loop-b.txt" "$bad/loop-a.txt"
ln -s "$bad/loop-a.txt" "$bad/loop-b.txt"
mkdir -p "$bad/folder.txt"
printf 'Minutes in a folder named folder.txt\n' >"$bad/folder.txt/inside.txt"
printf 'not gzip at all' >"$bad/corrupt.txt.gz"
printf '\037\213\010\000\000\000\000\000\000\003broken' >"$bad/truncated.md.gz"
printf '%%PDF-1.4\nnot really a pdf\n' >"$bad/broken.pdf"

test_begin "bad input catalogue"
# (ASan's quarantine of freed memory would be counted as ours.)
ASAN_OPTIONS=quarantine_size_mb=0 /usr/bin/time -f '%M' -o "$TMP/rss" \
    "$MINUTES" index -d "$idx" "$bad" >"$TMP/out" 2>"$TMP/err"
status=$?
test_expect_status "the run completes: exit 0" 0
for f in empty.txt blank.md nul.txt random.txt huge.txt dangling.txt loop-a.txt corrupt.txt.gz truncated.md.gz broken.pdf; do
    test_expect_equal "$f: one line naming it" "1" "$(grep -c "'$bad/$f'" "$TMP/err")"
done
test_expect_match "empty: says so" "empty.txt': empty" "$TMP/err"
test_expect_match "binary: says so" "nul.txt': binary" "$TMP/err"
test_expect_match "too large: says so" "huge.txt': file too large" "$TMP/err"
test_expect_match "dangling link: says so" "dangling.txt': dangling symbolic link" "$TMP/err"
test_expect_match "link loop: says so" "loop-a.txt': symbolic link loop" "$TMP/err"
test_expect_match "windows-1252: read, with a warning" "cp1252.txt': not UTF-8" "$TMP/err"
test_expect_match "summary counts the skipped" 'failed;' "$TMP/err"
skipped=$(grep -c "skipping '" "$TMP/err")
test_expect_match "summary count agrees" "[^0-9]$skipped failed;" "$TMP/err"
rss=$(cat "$TMP/rss")
if [ -n "${MINUTES_WRAPPER:-}" ]; then pass_ "memory stays bounded (not measured under \$MINUTES_WRAPPER)"
elif [ "$rss" -lt 400000 ]; then pass_ "memory stays bounded (${rss} kB)"; else fail_ "memory stays bounded (${rss} kB)"; fi

test_begin "what could be read was indexed"
run_minutes search -d "$idx" --format tsv longlineword -n 1
test_expect_status "the one-line file" 0
run_minutes search -d "$idx" --format tsv windows1252word
test_expect_status "the Windows-1252 file" 0
test_expect_match "decoded" 'Children’s Services “Ofsted”' "$TMP/out"
run_minutes search -d "$idx" --format tsv 'folder named'
test_expect_status "a directory named folder.txt is walked" 0

test_begin "a file of a million tiny paragraphs"
mkdir -p "$TMP/tiny"
awk 'BEGIN { print "Minutes"; print ""; for (i = 0; i < 1000000; i++) print "a\n"; print "lastzebra" }' >"$TMP/tiny/tiny.txt"
ASAN_OPTIONS=quarantine_size_mb=0 /usr/bin/time -f '%M' -o "$TMP/rss" \
    "$MINUTES" index -j 1 -d "$TMP/tinyidx" "$TMP/tiny" >"$TMP/out" 2>"$TMP/err"
status=$?
test_expect_status "is indexed" 0
test_expect_match "with a warning that says where the plain rest starts" \
    "tiny.txt': more than 100000 paragraphs or 500000 lines: from line [0-9]+ on" "$TMP/err"
rss=$(cat "$TMP/rss")
if [ -n "${MINUTES_WRAPPER:-}" ]; then pass_ "in bounded memory (not measured under \$MINUTES_WRAPPER)"
elif [ "$rss" -lt 400000 ]; then pass_ "in bounded memory (${rss} kB)"; else fail_ "in bounded memory (${rss} kB)"; fi
run_minutes search -d "$TMP/tinyidx" lastzebra
test_expect_status "its last word is found" 0

test_begin "nothing already indexed is lost"
now=$("$MINUTES" search -d "$idx" -n 100000 --format tsv '' | tsv_select id | sort)
missing=$(printf '%s\n' "$good" | grep -vxF "$(printf '%s\n' "$now")" | head -3)
test_expect_equal "every seed paragraph is still there" "" "$missing"

test_begin "unreadable file"
printf 'secret minutes\n' >"$TMP/secret.txt"
chmod 000 "$TMP/secret.txt"
if [ "$(id -u)" -eq 0 ]; then
    pass_ "unreadable file (running as root, which reads anything: not checked)"
else
    run_minutes index -d "$idx" "$TMP/secret.txt"
    test_expect_status "nothing could be indexed: exit 2" 2
    test_expect_match "says why" "secret.txt': Permission denied" "$TMP/err"
fi

test_begin "index errors"
run_minutes index -d /proc/nope seeds
test_expect_status "an index that cannot be created: exit 2" 2
test_expect_equal "one line" "1" "$(wc -l <"$TMP/err")"
cp -r "$idx" "$TMP/corrupt"
for f in $(find "$TMP/corrupt" -name "*.glass"); do printf 'garbage' | dd of="$f" bs=1 seek=0 conv=notrunc 2>/dev/null; done
run_minutes search -d "$TMP/corrupt" Ofsted
test_expect_status "a corrupt index: exit 2" 2
test_expect_no_match "no C++ exception text" 'Xapian::|Error: |what\(\)' "$TMP/err"
test_expect_equal "one line" "1" "$(wc -l <"$TMP/err")"

test_begin "an index of another format"
cp -r "$idx" "$TMP/older"
format=$(xapian-metadata get "$TMP/older" minutes:schema 2>&1)
case $format in
'' | *[!0-9]*) fail_ "xapian-metadata reads the format" "got: $format (make deps installs xapian-tools)" ;;
*) pass_ "xapian-metadata reads the format" ;;
esac
xapian-metadata set "$TMP/older" minutes:schema 1
before=$(find "$TMP/older" -name "*.glass" | sort | xargs cat | cksum)
for cmd in "search Ofsted" "index seeds"; do
    # shellcheck disable=SC2086
    run_minutes $cmd -d "$TMP/older"
    test_expect_status "$cmd: exit 2" 2
    test_expect_equal "$cmd: one line" "1" "$(wc -l <"$TMP/err")"
    test_expect_match "$cmd: says which formats and what to do" \
        "has format 1; this minutes reads format $format \(remove the index directory and index again\)" "$TMP/err"
done
test_expect_equal "the index is left as it was" "$before" "$(find "$TMP/older" -name "*.glass" | sort | xargs cat | cksum)"

test_done
