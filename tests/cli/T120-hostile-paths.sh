# T120-hostile-paths - what the file system may hold that a run must get through: file names
# that are not UTF-8, sidecars that are FIFOs or too large, an index the user cannot write.
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
cafe_shown=$(printf 'caf\357\277\275') # with U+FFFD for the byte that is not UTF-8 (JSON)
cafe_escaped='caf\xe9'                   # as text output and TSV show it
printf 'x\n\nalpha text\n' >"$d/a.txt"
printf 'x\n\nbeta text\n' >"$d/$cafe.txt"

test_begin "a file name that is not UTF-8"
run_minutes index -d "$idx" "$d"
test_expect_status "the run completes: exit 0" 0
test_expect_equal "both added" "2 added, 0 updated, 0 removed, 0 unchanged, 0 failed" "$(summary)"
test_expect_no_match "nothing is out of memory" "out of memory" "$TMP/err"
run_minutes search -d "$idx" --format tsv beta
test_expect_status "its text is found" 0
test_expect_equal "under its name, the byte escaped (TSV)" "$d/$cafe_escaped.txt" \
    "$(tsv_select path "$TMP/out")"
run_minutes search -d "$idx" --format tsv alpha
test_expect_status "the other file's text too" 0
run_minutes search -d "$idx" --json beta
test_expect_status "search -j: exit 0" 0
if valid_json "$TMP/out"; then pass_ "search -j: valid JSON"; else fail_ "search -j: valid JSON" "$(cat "$TMP/out")"; fi
test_expect_equal "search -j: the name with U+FFFD for the byte that is not UTF-8" \
    "$d/$cafe_shown.txt" "$(jq -r .path "$TMP/out")"
id=$(jq -r .id "$TMP/out")
run_minutes show -d "$idx" "$id"
test_expect_status "show: exit 0" 0
test_expect_equal "show: the name, the byte escaped" "$d/$cafe_escaped.txt" "$(head -1 "$TMP/out")"
run_minutes show -d "$idx" --json "$id"
if valid_json "$TMP/out"; then pass_ "show -j: valid JSON"; else fail_ "show -j: valid JSON" "$(cat "$TMP/out")"; fi
run_minutes meetings -d "$idx" --json
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
test_expect_match "skipped, saying why" "skipping '$d/empty-caf\\\\xe9.txt': empty" "$TMP/err"
run_minutes index -d "$idx" "$d"
test_expect_match "the failure is remembered" \
    "skipping '$d/empty-caf\\\\xe9.txt': empty file \(unchanged since it failed" "$TMP/err"
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

# ---- an index that cannot be written -------------------------------------------------------

ro="$TMP/ro"
src="$TMP/ro-src"
mkdir -p "$src"
printf 'x\n\nreadonlyword text\n' >"$src/a.txt"
"$MINUTES" index -q -d "$ro" "$src" 2>/dev/null
printf 'x\n\nlaterword text\n' >"$src/b.txt"

# check_read_only HOW REASON: the index and search commands, run through $MINUTES, on the
# index made read-only to them by HOW.
check_read_only() {
    test_begin "an index that is read-only ($1)"
    before=$(cat "$ro"/*.glass | cksum)
    run_minutes index -d "$ro" "$src"
    test_expect_status "index: exit 2, not 75 (locked)" 2
    test_expect_match "index: says it is read-only, and why" \
        "^minutes: index '$ro' is read-only: $2\$" "$TMP/err"
    test_expect_no_match "index: does not say locked" "locked" "$TMP/err"
    run_minutes search -d "$ro" --format tsv readonlyword
    test_expect_status "search works: exit 0" 0
    test_expect_equal "search: the hit" "$src/a.txt" "$(tsv_select path "$TMP/out")"
    run_minutes search -d "$ro" --format tsv laterword
    test_expect_status "search: nothing found, exit 1" 1
    test_expect_equal "the index is left as it was" "$before" "$(cat "$ro"/*.glass | cksum)"
}

# A read-only bind mount, in a mount namespace of its own (as root, or as a user where user
# namespaces are allowed): "Read-only file system".
ro_mount=
for how in "unshare -m" "unshare -rm"; do
    # shellcheck disable=SC2086
    if $how sh -c 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0"' "$ro" 2>/dev/null; then
        ro_mount=$how
        break
    fi
done
if [ -n "$ro_mount" ]; then
    cat >"$TMP/ro-minutes" <<END
#!/bin/sh
exec $ro_mount sh -c 'mount --bind "\$0" "\$0" && mount -o remount,ro,bind "\$0" && exec "\$@"' \
    "$ro" "$MINUTES" "\$@"
END
    chmod +x "$TMP/ro-minutes"
    saved=$MINUTES
    MINUTES="$TMP/ro-minutes"
    check_read_only "a read-only file system" "Read-only file system"
    MINUTES=$saved
else
    test_count=$((test_count + 1))
    echo "ok $test_count - an index that is read-only: # SKIP cannot make a read-only mount here"
fi

# A directory the user cannot write: as another user when running as root (who may write
# anything), else with the write permission taken away. "Permission denied".
chmod 0755 "$TMP"
[ -d "$TMP/.wrapper" ] && chmod 0777 "$TMP/.wrapper" # the wrapper's logs, written as that user
chmod -R a+rX,a-w "$ro"
chmod -R a+rX "$src"
if [ "$(id -u)" -ne 0 ]; then
    check_read_only "no write permission" "Permission denied"
elif command -v setpriv >/dev/null 2>&1 && setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
    cat >"$TMP/nobody-minutes" <<END
#!/bin/sh
exec setpriv --reuid=nobody --regid=nogroup --clear-groups "$MINUTES" "\$@"
END
    chmod +x "$TMP/nobody-minutes"
    saved=$MINUTES
    MINUTES="$TMP/nobody-minutes"
    check_read_only "no write permission" "Permission denied"
    MINUTES=$saved
else
    test_count=$((test_count + 1))
    echo "ok $test_count - an index that is read-only: # SKIP running as root without setpriv"
fi
chmod -R u+w "$ro"

test_done
