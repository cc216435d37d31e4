# T120-hostile-paths - what the file system may hold that a run must get through: file names
# that are not UTF-8, sidecars that are FIFOs or too large.
. tests/cli/test-lib.sh

# summary: the counts part of the last run's summary line
summary() {
    sed -nE 's/^indexed: ([^;]*);.*/\1/p' "$TMP/err"
}
# valid_json FILE: every line of FILE is a JSON value
valid_json() {
    jq -e . "$1" >/dev/null 2>&1
}

# ---- file names that are not UTF-8 --------------------------------------------------------

idx="$TMP/idx"
d="$TMP/d"
mkdir -p "$d"
d=$(cd "$d" && pwd -P)
cafe=$(printf 'caf\351')  # "café" in Latin-1: not UTF-8
naive=$(printf 'na\357ve') # "naïve", the same
cafe_shown=$(printf 'caf\357\277\275') # with U+FFFD for the byte that is not UTF-8
printf 'x\n\nalpha text\n' >"$d/a.txt"
printf 'x\n\nbeta text\n' >"$d/$cafe.txt"

test_begin "a file name that is not UTF-8"
run_minutes index -d "$idx" "$d"
test_expect_status "the run completes: exit 0" 0
test_expect_equal "both added" "2 added, 0 updated, 0 removed, 0 unchanged, 0 failed" "$(summary)"
test_expect_no_match "nothing is out of memory" "out of memory" "$TMP/err"
run_minutes search -d "$idx" --format tsv beta
test_expect_status "its text is found" 0
test_expect_equal "under its name, byte for byte (TSV)" "$d/$cafe.txt" \
    "$(tsv_select path "$TMP/out")"
run_minutes search -d "$idx" --format tsv alpha
test_expect_status "the other file's text too" 0
run_minutes search -d "$idx" -j beta
test_expect_status "search -j: exit 0" 0
if valid_json "$TMP/out"; then pass_ "search -j: valid JSON"; else fail_ "search -j: valid JSON" "$(cat "$TMP/out")"; fi
test_expect_equal "search -j: the name with U+FFFD for the byte that is not UTF-8" \
    "$d/$cafe_shown.txt" "$(jq -r .path "$TMP/out")"
id=$(jq -r .id "$TMP/out")
run_minutes show -d "$idx" "$id"
test_expect_status "show: exit 0" 0
test_expect_equal "show: the name as it is" "$d/$cafe.txt" "$(head -1 "$TMP/out")"
run_minutes show -d "$idx" -j "$id"
if valid_json "$TMP/out"; then pass_ "show -j: valid JSON"; else fail_ "show -j: valid JSON" "$(cat "$TMP/out")"; fi
run_minutes meetings -d "$idx" -j
if valid_json "$TMP/out"; then pass_ "meetings -j: valid JSON"; else fail_ "meetings -j: valid JSON" "$(cat "$TMP/out")"; fi

test_begin "later runs go on past it"
rm "$d/a.txt"
printf 'x\n\ngamma text\n' >"$d/c.txt"
printf 'x\n\ndelta text\n' >"$d/$naive.txt"
# A path too long for a record's key: its record is found by a hash, its path is in the value.
long="$d/$(printf '%0200d' 0)-$cafe"
mkdir -p "$long"
printf 'x\n\nepsilon text\n' >"$long/$naive.txt"
run_minutes index -v -d "$idx" "$d"
test_expect_status "exit 0" 0
test_expect_equal "additions and the removal applied" \
    "3 added, 0 updated, 1 removed, 1 unchanged, 0 failed" "$(summary)"
for word in gamma delta epsilon; do
    run_minutes search -d "$idx" --format tsv $word
    test_expect_status "$word found" 0
done
run_minutes search -d "$idx" --format tsv alpha
test_expect_status "the removed file's text is gone" 1
run_minutes index -d "$idx" "$d"
test_expect_equal "nothing changed: all unchanged" \
    "0 added, 0 updated, 0 removed, 4 unchanged, 0 failed" "$(summary)"

test_begin "a failed file whose name is not UTF-8"
: >"$d/empty-$cafe.txt"
run_minutes index -d "$idx" "$d"
test_expect_status "exit 0" 0
# (The patterns hold the name's bytes: in a UTF-8 locale "." matches no byte that is not UTF-8.)
test_expect_match "skipped, saying why" "skipping '$d/empty-$cafe.txt': empty" "$TMP/err"
run_minutes index -d "$idx" "$d"
test_expect_match "the failure is remembered" \
    "skipping '$d/empty-$cafe.txt': empty file \(unchanged since it failed" "$TMP/err"
rm "$d/empty-$cafe.txt"

test_begin "removing files whose names are not UTF-8"
rm "$d/$cafe.txt"
rm -r "$long"
run_minutes index -v -d "$idx" "$d"
test_expect_status "exit 0" 0
test_expect_equal "removed" "0 added, 0 updated, 3 removed, 2 unchanged, 0 failed" "$(summary)"
for word in beta epsilon; do
    run_minutes search -d "$idx" --format tsv $word
    test_expect_status "$word: its paragraphs are gone" 1
done

test_begin "a parallel build over such names"
run_minutes index -j 2 -d "$TMP/idx-j2" "$d"
test_expect_status "exit 0" 0
run_minutes search -d "$TMP/idx-j2" --format tsv delta
test_expect_status "found" 0

# ---- sidecars that are not regular files ---------------------------------------------------

# index_timed ARGS...: run_minutes under a time limit, so that a hang fails the test instead
# of stopping it.
index_timed() {
    timeout 20 "$MINUTES" index "$@" >"$TMP/out" 2>"$TMP/err"
    status=$?
}

r="$TMP/r2"
mkdir -p "$r"
r=$(cd "$r" && pwd -P)
printf 'x\n\nfifoword text\n' >"$r/a.txt"
mkfifo "$r/minutes.json"

test_begin "a FIFO as the directory's sidecar"
index_timed -d "$TMP/idx2" "$r"
test_expect_status "the run completes: exit 0" 0
test_expect_match "a warning names it and says why" \
    "sidecar '$r/minutes.json': not a regular file" "$TMP/err"
run_minutes search -d "$TMP/idx2" --format tsv fifoword
test_expect_status "the document is indexed without it" 0

test_begin "a FIFO as the document's sidecar"
rm "$r/minutes.json"
mkfifo "$r/a.txt.meta.json"
index_timed -d "$TMP/idx3" "$r"
test_expect_status "the run completes: exit 0" 0
test_expect_match "a warning names it and says why" \
    "sidecar '$r/a.txt.meta.json': not a regular file" "$TMP/err"
run_minutes search -d "$TMP/idx3" --format tsv fifoword
test_expect_status "the document is indexed without it" 0
rm "$r/a.txt.meta.json"

test_begin "a sidecar too large to be one"
{
    printf '{"board": "Cabinet", "padding": "'
    head -c 70000 /dev/zero | tr '\0' x
    printf '"}\n'
} >"$r/a.txt.meta.json"
index_timed -d "$TMP/idx4" "$r"
test_expect_status "the run completes: exit 0" 0
test_expect_match "a warning names it and says why" \
    "sidecar '$r/a.txt.meta.json': too large" "$TMP/err"
run_minutes search -d "$TMP/idx4" --format tsv fifoword
test_expect_status "the document is indexed without it" 0
test_expect_equal "and without its values" "" "$(tsv_select board "$TMP/out")"
rm "$r/a.txt.meta.json"

test_begin "every warning of a file's sidecars"
printf '{"date": "someday", "doc_type": "pamphlet", "board": "Cabinet"}\n' >"$r/a.meta.json"
printf '{"council": 7}\n' >"$r/minutes.json"
index_timed -d "$TMP/idx5" "$r"
test_expect_status "exit 0" 0
test_expect_match "the bad date" "sidecar '$r/a.meta.json': \"date\" is not a date" "$TMP/err"
test_expect_match "the unknown document type" \
    "sidecar '$r/a.meta.json': unknown \"doc_type\"" "$TMP/err"
test_expect_match "the directory's sidecar's bad value" \
    "sidecar '$r/minutes.json': values must be strings" "$TMP/err"
test_expect_equal "all on the file's one warning line" "1" "$(grep -c 'sidecar' "$TMP/err")"
run_minutes search -d "$TMP/idx5" --format tsv fifoword
test_expect_equal "the good value is kept" "Cabinet" "$(tsv_select board "$TMP/out")"

test_done
