# T010-index - 'minutes index': indexing the seeds, re-indexing, and bad paths.
. tests/cli/test-lib.sh

idx="$TMP/idx"

test_begin "index seeds"
run_minutes index -d "$idx" seeds
test_expect_status "exit 0" 0
test_expect_match "summary on stderr" '^indexed: 5 added, 0 updated, 0 removed, 0 unchanged, 0 failed; [0-9]+ paragraphs written in [0-9.]+ s$' "$TMP/err"
test_expect_equal "nothing on stdout" "" "$(cat "$TMP/out")"
first=$(sed -nE 's/^indexed: 5 added.*; ([0-9]+) paragraphs.*/\1/p' "$TMP/err")
if [ "$first" -gt 300 ]; then pass_ "hundreds of paragraphs ($first)"; else fail_ "hundreds of paragraphs ($first)"; fi

test_begin "re-index"
run_minutes index -d "$idx" seeds
test_expect_status "exit 0" 0
run_minutes search -d "$idx" -n 100000 --format tsv ''
test_expect_equal "every paragraph once" "$first" "$(($(wc -l <"$TMP/out") - 1))"
# The same file named another way is the same document.
run_minutes index -d "$idx" "./seeds/../seeds/000_6f14756a497cac9d.txt"
test_expect_status "exit 0 for a single file" 0
run_minutes search -d "$idx" -n 100000 --format tsv ''
test_expect_equal "still every paragraph once" "$first" "$(($(wc -l <"$TMP/out") - 1))"
tsv_select path,paragraph "$TMP/out" | sort | uniq -d >"$TMP/dups"
test_expect_equal "no duplicated path+paragraph" "" "$(cat "$TMP/dups")"

test_begin "index one file, quiet"
run_minutes index -q -d "$TMP/one" seeds/003_ece979df50451812.txt
test_expect_status "exit 0" 0
test_expect_match "-q prints the summary line" "^indexed: 1 added" "$TMP/err"
test_expect_equal "and nothing else" "1" "$(wc -l <"$TMP/err")"
run_minutes search -d "$TMP/one" --format tsv 'Staying Put'
test_expect_status "found in the one file" 0
test_expect_no_match "no other file" '000_|001_|002_|004_' "$TMP/out"

test_begin "bad paths"
run_minutes index -d "$idx" "$TMP/no-such-file.txt"
test_expect_status "exit 2 when nothing could be indexed" 2
test_expect_match "names the path and the reason" "no-such-file.txt.*No such file" "$TMP/err"
printf 'minutes\0binary' >"$TMP/binary.txt"
run_minutes index -d "$idx" "$TMP/binary.txt" seeds/002_fc1f1cea019d2c05.txt
test_expect_status "exit 0 when something was indexed" 0
test_expect_match "binary file skipped with a reason" "skipping '.*binary.txt': binary" "$TMP/err"
test_expect_match "summary counts the skip" '^indexed: 0 added, 0 updated, 0 removed, 1 unchanged, 1 failed;' "$TMP/err"
printf 'x' >"$TMP/slides.pptx"
run_minutes index -d "$idx" "$TMP/slides.pptx"
test_expect_status "named unsupported file: exit 2" 2
test_expect_match "says unsupported" "slides.pptx.*unsupported file type" "$TMP/err"
run_minutes search -d "$idx" -n 100000 --format tsv ''
test_expect_equal "bad paths lost nothing" "$first" "$(($(wc -l <"$TMP/out") - 1))"

test_begin "walk"
mkdir -p "$TMP/tree/a/b" "$TMP/tree/.hidden"
cp seeds/000_6f14756a497cac9d.txt "$TMP/tree/a/b/m.TXT"
cp seeds/003_ece979df50451812.txt "$TMP/tree/a/minutes.md"
cp seeds/002_fc1f1cea019d2c05.txt "$TMP/tree/.hidden/x.txt"
printf 'ignored' >"$TMP/tree/a/photo.jpg"
run_minutes index -v -d "$TMP/walk" "$TMP/tree"
test_expect_status "exit 0" 0
test_expect_match "indexes nested files, any case of extension" '^indexed: 2 added' "$TMP/err"
test_expect_no_match "hidden directories are not walked" 'hidden' "$TMP/err"
test_expect_no_match "other file types pass silently" 'photo' "$TMP/err"

test_begin "usage"
run_minutes index -d "$idx"
test_expect_status "no paths: exit 2" 2
test_expect_match "usage shown" '^usage: minutes index' "$TMP/err"
run_minutes index --bogus seeds
test_expect_status "unknown option: exit 2" 2

test_done
