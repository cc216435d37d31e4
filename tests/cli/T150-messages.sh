# T150-messages - what the indexer says when things go wrong is the cause: a full disk, a
# worker that died and how, an index path that is a file; the summary counts only what
# reached the index; a run right after a killed one is not locked out, and --wait waits.
. tests/cli/test-lib.sh

corpus="$TMP/corpus"
mkdir -p "$corpus"
for i in 1 2 3 4; do
    for f in seeds/*; do
        sed "s/Ofsted/Ofsted copy$i/" "$f" >"$corpus/c$i-$(basename "$f")"
    done
done

test_begin "a full disk"
disk="$TMP/disk"
mkdir -p "$disk"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=24m tmpfs "$disk" 2>/dev/null; then
    mkdir -p "$TMP/part"
    cp "$corpus"/c1-* "$TMP/part/"
    run_minutes index -q -d "$disk/idx" "$TMP/part"
    test_expect_status "a first build fits" 0
    # Leave 8 MB free: less than a commit is allowed to need.
    free_kb=$(df -k --output=avail "$disk" | tail -1)
    fallocate -l $(((free_kb - 8192) * 1024)) "$disk/filler"
    run_minutes index -d "$disk/idx" "$corpus"
    test_expect_status "an update on a full disk: exit 2" 2
    test_expect_match "says the device is full" "no space left on the device of index" "$TMP/err"
    test_expect_match "the summary counts nothing rolled back as added" "indexed: 0 added" "$TMP/err"
    test_expect_no_match "no abort" "terminate called|Aborted" "$TMP/err"
    run_minutes search -d "$disk/idx" -n 100 --format tsv '"Ofsted copy1"'
    test_expect_status "what was indexed before is still there" 0
    rm -rf "$disk/idx" "$disk/filler"
    fallocate -l $((16 * 1024 * 1024)) "$disk/filler"
    run_minutes index -d "$disk/idx2" "$corpus"
    test_expect_status "a parallel build on a full disk: exit 2" 2
    test_expect_match "says the device is full, not that a worker stopped" \
        "no space left on the device" "$TMP/err"
    test_expect_match "the summary counts nothing as added" "indexed: 0 added" "$TMP/err"
    umount "$disk"
else
    pass_ "# SKIP cannot mount a small file system here"
fi

test_begin "a worker that dies"
mkdir -p "$TMP/bin" "$TMP/pdf"
cp "$corpus"/c1-* "$TMP/pdf/"
printf '%%PDF-1.4\n%% a stand-in\n' >"$TMP/pdf/zz.pdf"
# It notes the pipes it holds, and those of the minutes process above its worker, then kills
# the worker. A pipe it shares with that process (and not with this test) is the worker's
# event stream, leaked to it.
cat >"$TMP/bin/pdftotext" <<'END'
#!/bin/sh
pipes() { ls -l /proc/"$1"/fd 2>/dev/null | sed -n 's/.*-> pipe:\[\([0-9]*\)\]$/\1/p' | sort -u; }
pipes $$ >"$FDS_FILE.self"
pipes "$(ps -o ppid= -p $PPID | tr -d ' ')" >"$FDS_FILE.main"
pipes "$TEST_PID" >"$FDS_FILE.test"
kill -9 $PPID
END
chmod +x "$TMP/bin/pdftotext"
TEST_PID=$$ FDS_FILE="$TMP/fds" PATH="$TMP/bin:$PATH" "$MINUTES" index -j 2 -d "$TMP/died" "$TMP/pdf" \
    >"$TMP/out" 2>"$TMP/err"
status=$?
test_expect_status "the run stops: exit 2" 2
test_expect_match "says how the worker died" "a worker indexing into '.*' was killed by signal 9" "$TMP/err"
test_expect_match "the summary counts nothing as added" "indexed: 0 added" "$TMP/err"
test_expect_equal "pdftotext does not hold the worker's event stream" "" \
    "$(comm -12 "$TMP/fds.self" "$TMP/fds.main" | comm -23 - "$TMP/fds.test")"

test_begin "an index path that is a file"
: >"$TMP/plain-file"
run_minutes index -d "$TMP/plain-file" "$corpus"
test_expect_status "index: exit 2" 2
test_expect_match "says it is not a directory" "'$TMP/plain-file' is not a directory" "$TMP/err"
test_expect_no_match "and suggests no command" "build one with" "$TMP/err"
run_minutes search -d "$TMP/plain-file" Ofsted
test_expect_status "search: exit 2" 2
test_expect_match "says it is not a directory" "'$TMP/plain-file' is not a directory" "$TMP/err"
test_expect_no_match "and suggests no command that fails too" "build one with" "$TMP/err"

test_begin "a run after a killed one"
ok=0
for k in 1 2 3 4 5; do
    rm -rf "$TMP/k"
    "$MINUTES" index -q -j 2 -d "$TMP/k" "$corpus" 2>/dev/null &
    pid=$!
    sleep 0.2
    kill -9 "$pid"
    run_minutes index -q -d "$TMP/k" "$corpus"
    wait "$pid" 2>/dev/null
    [ "$status" -eq 0 ] && ok=$((ok + 1))
done
test_expect_equal "is never locked out by the killed run's workers" "5" "$ok"

test_begin "--wait"
cat >"$TMP/bin/pdftotext" <<'END'
#!/bin/sh
sleep 2
printf 'Minutes of a slow meeting\n'
END
mkdir -p "$TMP/slow"
printf '%%PDF-1.4\n%% a stand-in\n' >"$TMP/slow/slow.pdf"
"$MINUTES" index -q -d "$TMP/w" "$corpus" 2>/dev/null
PATH="$TMP/bin:$PATH" "$MINUTES" index -q -d "$TMP/w" "$TMP/slow" 2>/dev/null &
first=$!
sleep 0.5
run_minutes index -q -d "$TMP/w" "$corpus"
test_expect_status "without it, a locked index: exit 75" 75
run_minutes index -q --wait 20 -d "$TMP/w" "$corpus"
test_expect_status "with it, the run waits for the lock and completes" 0
wait "$first"
run_minutes index -q --wait x -d "$TMP/w" "$corpus"
test_expect_status "a bad value: exit 2" 2

test_done
