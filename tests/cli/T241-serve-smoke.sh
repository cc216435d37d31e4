# T241-serve-smoke - 'minutes serve' starts on a free loopback port, answers the page, a
# search the same as 'minutes search --json', a bad parameter (400) and an unknown id (404),
# and exits 0 on SIGTERM.
. tests/cli/test-lib.sh

idx="$TMP/idx"
"$MINUTES" index -q -d "$idx" seeds || { fail_ "indexing the seeds"; test_done; }

# A free port: bound by the kernel's choice, then released for the server.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
"$MINUTES" serve -d "$idx" --listen "127.0.0.1:$port" 2>"$TMP/serve.err" &
pid=$!
# Whatever happens below, the server does not outlive the test.
trap 'kill "$pid" 2>/dev/null; rm -rf "$TMP"' EXIT

test_begin "start"
tries=0
until curl -s -o /dev/null "$base/" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then
        fail_ "answers within 30 s" "$(head -5 "$TMP/serve.err")"
        test_done
    fi
    sleep 0.1
done
pass_ "answers on 127.0.0.1:$port"
test_expect_match "says where it serves" "^minutes: serving .* at $base/\$" "$TMP/serve.err"

# get PATH: the body in $TMP/body, the status in $code.
get() {
    code=$(curl -s -o "$TMP/body" -w '%{http_code}' "$base$1")
}

test_begin "the page"
get /
test_expect_equal "GET / is 200" 200 "$code"
test_expect_match "has the search form" '<form id="search"' "$TMP/body"
get '/?q=fostering'
test_expect_match "a search lists hits" '<li class="hit">' "$TMP/body"

test_begin "the API"
get '/api/search?q=fostering'
test_expect_equal "/api/search is 200" 200 "$code"
jq -r '.hits[].id' "$TMP/body" >"$TMP/api-ids"
"$MINUTES" search -d "$idx" --json fostering | jq -r .id >"$TMP/cli-ids"
[ -s "$TMP/cli-ids" ] && pass_ "the command finds hits" || fail_ "the command finds hits"
test_expect_equal_file "the same hits as 'minutes search --json'" "$TMP/cli-ids" "$TMP/api-ids"
get '/api/search?q=fostering&limit=1000'
test_expect_equal "limit over 100 is 400" 400 "$code"
test_expect_equal "the error says why" "invalid limit '1000' (a number from 1 to 100)" \
    "$(jq -r .error "$TMP/body")"
get '/api/show/ffffffffffff:1'
test_expect_equal "an unknown id is 404" 404 "$code"
test_expect_match "the error is JSON" '^\{"error":"no paragraph' "$TMP/body"
test_expect_match "a line per request on stderr" '^GET /api/search\?q=fostering 200 [0-9.]+ ms$' \
    "$TMP/serve.err"

test_begin "stop"
kill -TERM "$pid"
wait "$pid"
status=$?
test_expect_equal "exits 0 on SIGTERM" 0 "$status"

test_done
