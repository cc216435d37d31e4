# T220-shards - several indexes searched as one: the seeds split into shards (directories,
# a stub file, $MINUTES_INDEX, remote shards served by xapian-tcpsrv and xapian-progsrv)
# give the answers of one index holding them all; ids stay unique across machines; a
# shard that is missing, refuses or does not answer is named, or left out with --partial.
. tests/cli/test-lib.sh

# Servers this test starts, stopped by pid whatever happens.
servers=""
stop_servers() {
    for pid in $servers; do kill "$pid" 2>/dev/null; done
    for pid in $servers; do wait "$pid" 2>/dev/null; done
    servers=""
}
trap 'stop_servers; rm -rf "$TMP"' EXIT

mkdir -p "$TMP/all"
cp seeds/*.txt "$TMP/all/"
all="$TMP/all"
s0="$all/000_6f14756a497cac9d.txt" s1="$all/001_dbc9e66ed936fc45.txt"
s2="$all/002_fc1f1cea019d2c05.txt" s3="$all/003_ece979df50451812.txt"
s4="$all/004_d98d4017c5ce876e.txt"
# One index of every file, and four shards of the same files at the same paths.
"$MINUTES" index -q -d "$TMP/one" "$all" 2>/dev/null || fail_ "indexing all"
"$MINUTES" index -q -d "$TMP/a" "$s0" 2>/dev/null
"$MINUTES" index -q -d "$TMP/b" "$s1" 2>/dev/null
"$MINUTES" index -q -d "$TMP/c" "$s2" "$s3" 2>/dev/null
"$MINUTES" index -q -d "$TMP/d" "$s4" 2>/dev/null

# same_as_one WHAT ARGS...: the command over the shards (-d a -d b -d c -d d) prints what it
# prints over the one index; hits compared as sets of id and score (ties may change places).
hits() { jq -c 'select(.path) | [.id, .score, .collapsed]' | sort; }
same_as_one() {
    what=$1
    shift
    "$MINUTES" "$@" -d "$TMP/one" >"$TMP/want" 2>"$TMP/want-err"
    want_status=$?
    "$MINUTES" "$@" -d "$TMP/a" -d "$TMP/b" -d "$TMP/c" -d "$TMP/d" >"$TMP/got" 2>"$TMP/got-err"
    test_expect_equal "$what: same exit status" "$want_status" "$?"
    test_expect_equal_file "$what: same output" "$TMP/want" "$TMP/got"
}
same_hits() {
    what=$1
    shift
    "$MINUTES" search -d "$TMP/one" --json --all "$@" 2>/dev/null | hits >"$TMP/want"
    "$MINUTES" search -d "$TMP/a" -d "$TMP/b" -d "$TMP/c" -d "$TMP/d" --json --all "$@" 2>/dev/null |
        hits >"$TMP/got"
    [ -s "$TMP/want" ] || fail_ "$what: the one index finds something"
    test_expect_equal_file "$what: same hits, same scores" "$TMP/want" "$TMP/got"
}

test_begin "four local shards answer as one index"
same_hits "words" fostering
same_hits "a phrase" '"private fostering"'
same_hits "a filter" Ofsted --date 2017
same_hits "a board filter" fostering --board 'scrutiny board (2)'
same_hits "type and kind" 'Ofsted type:report'
same_hits "collapse by meeting" --collapse meeting fostering
same_hits "collapse by item" --collapse item Ofsted
same_hits "sorted by date" --sort date fostering
# A wildcard is expanded by each shard on its own, which weighs its words a little
# differently (the README says so): the same hits, not the same scores.
ids() { jq -r 'select(.path) | .id' | sort; }
"$MINUTES" search -d "$TMP/one" --json --all 'foster*' | ids >"$TMP/want"
"$MINUTES" search -d "$TMP/a" -d "$TMP/b" -d "$TMP/c" -d "$TMP/d" --json --all 'foster*' | ids >"$TMP/got"
test_expect_equal_file "a wildcard: the same hits" "$TMP/want" "$TMP/got"
same_as_one "the count" search --count fostering
same_as_one "facets" search --facets fostering
same_as_one "facets by meeting" search --facets --collapse meeting fostering
same_hits "newest first" --sort -date Ofsted
same_as_one "the first hits, by date" search --format tsv --sort date -n 2 Ofsted
same_as_one "meetings" meetings --files
same_as_one "meetings of a query" meetings --format json fostering
id=$("$MINUTES" search -d "$TMP/one" --json -n 1 '"private fostering"' | jq -r .id)
same_as_one "show" show -C 3 "$id"
same_as_one "a spelling suggestion" search fostring
same_as_one "nothing found" search zzyzzyx

test_begin "how shards are named"
printf '# the seeds, in four\nauto a\nauto %s/b\n\nauto c\nglass d\n' "$TMP" >"$TMP/four.stub"
"$MINUTES" search -d "$TMP/four.stub" --json --all fostering | hits >"$TMP/got"
"$MINUTES" search -d "$TMP/one" --json --all fostering | hits >"$TMP/want"
test_expect_equal_file "a stub file (paths relative to it, or absolute)" "$TMP/want" "$TMP/got"
MINUTES_INDEX="$TMP/a:$TMP/b:$TMP/c:$TMP/d" "$MINUTES" search --json --all fostering | hits >"$TMP/got"
test_expect_equal_file "MINUTES_INDEX, a list" "$TMP/want" "$TMP/got"
"$MINUTES" -d "$TMP/a" -d "$TMP/b" search -d "$TMP/one" --json --all fostering | hits >"$TMP/got"
test_expect_equal_file "a command's -d replaces those before it" "$TMP/want" "$TMP/got"
run_minutes index -d "$TMP/a" -d "$TMP/b" "$s0"
test_expect_status "index: one -d only" 2
test_expect_match "index: says so" "writes one index: give one -d DIR \(2 were given\)" "$TMP/err"
run_minutes index -d "$TMP/four.stub" "$s0"
test_expect_status "index: not into a stub file" 2
printf 'auto four.stub\n' >"$TMP/outer.stub"
"$MINUTES" search -d "$TMP/outer.stub" --json --all fostering | hits >"$TMP/got"
test_expect_equal_file "a stub naming a stub" "$TMP/want" "$TMP/got"
printf 'auto a\nauto self.stub\n' >"$TMP/self.stub"
run_minutes search -d "$TMP/self.stub" fostering
test_expect_status "a stub naming itself: exit 2, not a crash" 2
test_expect_match "... saying so" "does one name itself" "$TMP/err"
printf 'auto a\nbogus line\n' >"$TMP/bad.stub"
run_minutes search -d "$TMP/bad.stub" fostering
test_expect_status "a bad stub line: exit 2" 2
test_expect_match "a bad stub line: named by number" "bad.stub' line 2: not an index line" "$TMP/err"
printf 'Minutes of the Cabinet\n' >"$TMP/document.txt"
run_minutes search -d "$TMP/document.txt" fostering
test_expect_match "a file that is no stub: not a directory" "document.txt' is not a directory" "$TMP/err"
run_minutes search -d "$TMP/a" -d "$TMP/missing" fostering
test_expect_status "a missing shard: exit 2" 2
test_expect_match "a missing shard: named" "^minutes: index $TMP/missing: no index there$" "$TMP/err"
mkdir "$TMP/other"
printf 'auto a\nauto other\n' >"$TMP/other.stub"
run_minutes search -d "$TMP/other.stub" fostering
test_expect_status "a directory that is no index: exit 2" 2
test_expect_match "a directory that is no index: named" "other" "$TMP/err"

test_begin "ids unique across machines"
"$MINUTES" index -q -d "$TMP/east" --origin east "$s0" 2>/dev/null
"$MINUTES" index -q -d "$TMP/west" --origin west "$s0" 2>/dev/null
one_machine=$("$MINUTES" search -d "$TMP/east" --json --all '"private fostering"' | jq -r .id | wc -l)
run_minutes search -d "$TMP/east" -d "$TMP/west" --json --all '"private fostering"'
test_expect_equal "the same file on two machines: both found" $((one_machine * 2)) "$(jq -r .id "$TMP/out" | wc -l)"
test_expect_equal "... under ids of their own" $((one_machine * 2)) "$(jq -r .id "$TMP/out" | sort -u | wc -l)"
for id in $(jq -r .id "$TMP/out"); do
    "$MINUTES" show -d "$TMP/east" -d "$TMP/west" --json "$id" | jq -r 'select(.target) | .id' >"$TMP/shown"
    test_expect_equal "show $id: found in its shard" "$id" "$(cat "$TMP/shown")"
done
run_minutes search -d "$TMP/east" -d "$TMP/west" --count --file "$s0" fostering
test_expect_match "a file filter finds the file in each shard" "^total:4$" "$TMP/out"
"$MINUTES" merge -q "$TMP/east-west" "$TMP/east" "$TMP/west" 2>/dev/null
run_minutes search -d "$TMP/east-west" --count --file "$s0" fostering
test_expect_match "merged: a file filter finds the file of each origin" "^total:4$" "$TMP/out"
run_minutes index -d "$TMP/east-west" "$s1"
test_expect_status "merged from two origins: not indexed into" 2
test_expect_match "... and it says what to do" "merge them again" "$TMP/err"
run_minutes index -d "$TMP/east" --origin north "$s1"
test_expect_status "an index's origin cannot change" 2
test_expect_match "... and it says why" "has origin 'east'" "$TMP/err"
run_minutes index -d "$TMP/fresh" --origin "$(printf 'two\nlines')" "$s1"
test_expect_status "an origin of two lines: refused" 2

# A free port on the loopback: asked of the kernel, then freed for a server to take.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# serve INDEX: start xapian-tcpsrv on a free port; sets $port, or fails the test. In a
# session of its own: told to stop, it stops its whole process group.
serve() {
    port=$(free_port)
    setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$1" >/dev/null 2>&1 &
    servers="$servers $!"
    tries=0
    while ! python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -lt 50 ] || { fail_ "xapian-tcpsrv serving $1 on port $port"; return 1; }
        sleep 0.1
    done
}

test_begin "remote shards"
if ! command -v xapian-tcpsrv >/dev/null || ! command -v xapian-progsrv >/dev/null; then
    fail_ "xapian-tcpsrv and xapian-progsrv (xapian-tools) are installed"
    test_done
fi
serve "$TMP/c" && port_c=$port
serve "$TMP/d" && port_d=$port
printf 'auto a\nauto b\nremote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port_c" "$port_d" >"$TMP/mixed.stub"
"$MINUTES" search -d "$TMP/mixed.stub" --json --all fostering | hits >"$TMP/got"
test_expect_equal_file "two local and two remote shards: the hits of one index" "$TMP/want" "$TMP/got"
for q in '"private fostering"' 'Ofsted --date 2017' '--collapse meeting Ofsted'; do
    # shellcheck disable=SC2086
    "$MINUTES" search -d "$TMP/one" --json --all $q 2>/dev/null | hits >"$TMP/want-q"
    # shellcheck disable=SC2086
    "$MINUTES" search -d "$TMP/mixed.stub" --json --all $q 2>/dev/null | hits >"$TMP/got-q"
    test_expect_equal_file "remote: $q" "$TMP/want-q" "$TMP/got-q"
done
for args in "search --facets fostering" "meetings --files" "show -C 2 $id" "search fostring"; do
    # shellcheck disable=SC2086
    "$MINUTES" $args -d "$TMP/one" >"$TMP/want-a" 2>&1
    # shellcheck disable=SC2086
    "$MINUTES" $args -d "$TMP/mixed.stub" >"$TMP/got-a" 2>&1
    test_expect_equal_file "remote: $args" "$TMP/want-a" "$TMP/got-a"
done
printf 'auto a\nauto b\nremote :xapian-progsrv %s\nremote :xapian-progsrv %s\n' "$TMP/c" "$TMP/d" >"$TMP/prog.stub"
"$MINUTES" search -d "$TMP/prog.stub" --json --all fostering | hits >"$TMP/got"
test_expect_equal_file "shards over xapian-progsrv (as over ssh)" "$TMP/want" "$TMP/got"
"$MINUTES" search -d "$TMP/prog.stub" --json --all fostering <&- | hits >"$TMP/got"
test_expect_equal_file "... also with standard input closed" "$TMP/want" "$TMP/got"
run_minutes search -d "$TMP/mixed.stub" -s SEND
test_expect_status "-s over a remote shard: exit 2" 2
test_expect_match "-s over a remote shard: says it is not possible" "not possible here" "$TMP/err"

test_begin "shards that fail"
stop_servers
printf 'auto a\nremote 127.0.0.1:%s\n' "$port_c" >"$TMP/down.stub"
run_minutes search -d "$TMP/down.stub" fostering
test_expect_status "a server that is down: exit 2" 2
test_expect_match "... naming it and why" "^minutes: index 127.0.0.1:$port_c \(.*down.stub:2\): .*refused" "$TMP/err"
run_minutes search -d "$TMP/down.stub" --partial --json fostering
test_expect_status "--partial: the shards that answer" 0
test_expect_match "--partial: a warning names the one left out" \
    "^minutes: warning: left out 127.0.0.1:$port_c \(.*down.stub:2\) \(--partial\): .*refused" "$TMP/err"
test_expect_equal "--partial: the hits of the shards left" \
    "$("$MINUTES" search -d "$TMP/a" --json fostering | jq -c 'select(.path) | .id')" \
    "$(jq -c 'select(.path) | .id' "$TMP/out")"
test_expect_equal "--partial: JSON says the answer is partial" true \
    "$(jq -r 'select(.stats) | .stats.partial' "$TMP/out")"
run_minutes search -d "$TMP/a" --json fostering
test_expect_no_match "not partial: no stats record" '"stats"' "$TMP/out"
# A server that takes connections and never answers (stopped, or overloaded).
silent_port=$(free_port)
python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $silent_port)); s.listen(8); time.sleep(30)" &
servers="$servers $!"
sleep 0.3
printf 'auto a\nremote 127.0.0.1:%s\n' "$silent_port" >"$TMP/silent.stub"
start=$(date +%s%N)
run_minutes search -d "$TMP/silent.stub" --timeout 500 fostering
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
test_expect_status "a server that does not answer: exit 2" 2
test_expect_match "... says it did not answer in time" "did not answer within 500 ms" "$TMP/err"
[ "$elapsed_ms" -lt 5000 ] && pass_ "... within the timeout (${elapsed_ms} ms)" ||
    fail_ "... within the timeout" "took $elapsed_ms ms"
run_minutes search -d "$TMP/silent.stub" --timeout 500 --partial -n 1 fostering
test_expect_status "--partial: answers without it" 0
run_minutes search -d "$TMP/down.stub" --timeout 0 fostering
test_expect_status "--timeout 0: refused" 2
stop_servers

test_done
