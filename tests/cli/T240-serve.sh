# T240-serve - 'minutes serve' as its users meet it: every API endpoint and error with curl,
# hostile documents and queries escaped, the bounds, a load of 2,000 requests while an
# indexer commits, and the search page driven in headless Chromium (tests/cli/browse.py).
. tests/cli/test-lib.sh

server=""
stop_server() {
    [ -n "$server" ] && kill "$server" 2>/dev/null
    [ -n "$server" ] && wait "$server" 2>/dev/null
    server=""
}
trap 'stop_server; rm -rf "$TMP"' EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# start ARGS...: 'minutes serve' on a free loopback port, waited for (bounded); sets $base.
start() {
    port=$(free_port)
    "$MINUTES" serve --listen "127.0.0.1:$port" "$@" 2>"$TMP/serve-err" &
    server=$!
    base="http://127.0.0.1:$port"
    tries=0
    until curl -s -o /dev/null "$base/api/search?q=x" 2>/dev/null; do
        tries=$((tries + 1))
        if [ "$tries" -ge 100 ] || ! kill -0 "$server" 2>/dev/null; then
            fail_ "the server starts" "$(cat "$TMP/serve-err")"
            return 1
        fi
        sleep 0.1
    done
}
# get PATH: the response body in $TMP/body, headers in $TMP/headers, status in $code.
get() {
    code=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "$base$1")
}

# The seeds, and a document whose every field carries markup, script and quotes.
mkdir -p "$TMP/docs"
cp seeds/*.txt "$TMP/docs/"
# The readers take markup out of the text, so the hostile text arrives through a sidecar
# (names as given) and as characters HTML escapes.
cat >"$TMP/docs/hostile.html" <<'END'
<html><body>
<h1>Minutes of the Cabinet held on 3 March 2020</h1>
<h2>1. Fostering &amp; "quotes" 'single' &lt; less &gt; more</h2>
<p>The fostering panel noted &lt;img src=x onerror=alert(1)&gt; and a &quot;quoted&quot; word.</p>
</body></html>
END
printf '%s\n' '{"source_url": "javascript:alert(4)", "council": "<i>Evil</i> \"Council\"",' \
    '"board": "<script>alert(5)</script> Board"}' >"$TMP/docs/hostile.html.meta.json"
idx="$TMP/idx"
"$MINUTES" index -q -d "$idx" "$TMP/docs" 2>/dev/null || fail_ "indexing"
start -d "$idx" || test_done

test_begin "the JSON API"
get "/api/search?q=fostering&limit=5"
test_expect_equal "search: 200" 200 "$code"
test_expect_match "search: JSON" '^Content-Type: application/json' "$TMP/headers"
"$MINUTES" search -d "$idx" --json -n 5 fostering | jq -c '{id, score, path}' >"$TMP/want"
jq -c '.hits[] | {id, score, path}' "$TMP/body" >"$TMP/got"
test_expect_equal_file "search: the hits of 'minutes search --json'" "$TMP/want" "$TMP/got"
test_expect_equal "search: the total" "$("$MINUTES" search -d "$idx" --count fostering | sed -n 's/^total://p')" \
    "$(jq -r .total "$TMP/body")"
get "/api/search?q=fostering&board=scrutiny+board+(2)&since=2017&sort=date&limit=100"
"$MINUTES" search -d "$idx" --json --all --board 'scrutiny board (2)' --since 2017 --sort date fostering |
    jq -r .id >"$TMP/want"
jq -r '.hits[].id' "$TMP/body" >"$TMP/got"
test_expect_equal_file "search: filters and sort as the command's" "$TMP/want" "$TMP/got"
get "/api/search?q=Ofsted&collapse=meeting&facets=1"
test_expect_equal "search: collapse and facets, 200" 200 "$code"
test_expect_match "search: facets" '"facet":"board_id"' "$TMP/body"
get "/api/search?q=fostring"
test_expect_equal "search: did you mean" fostering "$(jq -r .suggestion "$TMP/body")"
get "/api/meetings?q=fostering"
test_expect_equal "meetings: 200" 200 "$code"
test_expect_equal "meetings: those of 'minutes meetings'" \
    "$("$MINUTES" meetings -d "$idx" --json fostering | jq -c '[.date, .board_id, .paragraphs]')" \
    "$(jq -c '.meetings[] | [.date, .board_id, .paragraphs]' "$TMP/body")"
id=$("$MINUTES" search -d "$idx" --json -n 1 '"private fostering"' | jq -r .id)
get "/api/show/$id?context=2"
test_expect_equal "show: 200" 200 "$code"
test_expect_equal "show: the paragraph and its context" \
    "$("$MINUTES" show -d "$idx" -C 2 --json "$id" | jq -c '[.id, .target]')" \
    "$(jq -c '.paragraphs[] | [.id, .target]' "$TMP/body")"

test_begin "errors"
get "/api/search?q=%22unclosed"
test_expect_equal "a query that is not syntax is searched as words" 200 "$code"
get "/api/search?q=fostering&date=2017-13"
test_expect_equal "a bad filter: 400" 400 "$code"
test_expect_match "... as JSON naming it" '"error":.*2017-13' "$TMP/body"
get "/api/search?q=fostering&colour=red"
test_expect_equal "an unknown parameter: 400" 400 "$code"
test_expect_match "... named" 'colour' "$TMP/body"
get "/api/search?q=fostering&limit=100000"
test_expect_equal "a limit past the bound: 400" 400 "$code"
get "/api/show/0123456789ab:1"
test_expect_equal "an unknown id: 404" 404 "$code"
get "/api/show/nonsense"
test_expect_equal "a malformed id: 400" 400 "$code"
get "/api/nothing"
test_expect_equal "an unknown path: 404" 404 "$code"
get "/../../etc/passwd"
test_expect_no_match "no file outside the index is served" 'root:' "$TMP/body"
get "/api/search?q=$(python3 -c 'print("fostering+" * 400)')"
[ "$code" = 400 ] || [ "$code" = 414 ] && pass_ "a query past the bound: 400 or 414 ($code)" ||
    fail_ "a query past the bound: 400 or 414" "got $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d 'q=x' "$base/api/search")
test_expect_equal "POST: 405" 405 "$code"

test_begin "safe output"
get "/?q=fostering"
test_expect_equal "the page: 200" 200 "$code"
test_expect_match "a Content-Security-Policy" "^Content-Security-Policy: default-src 'none'" "$TMP/headers"
test_expect_match "nosniff" '^X-Content-Type-Options: nosniff' "$TMP/headers"
test_expect_no_match "no script from a document" '<script' "$TMP/body"
test_expect_no_match "no element from a document" '<i>Evil' "$TMP/body"
test_expect_no_match "no javascript: link" 'href="javascript:' "$TMP/body"
test_expect_match "the markup shown as text" '&lt;script&gt;alert\(5\)&lt;/script&gt;' "$TMP/body"
test_expect_match "quotes and ampersands escaped" '&amp;' "$TMP/body"
get "/?q=%3Cscript%3Ealert(5)%3C%2Fscript%3E%22%27"
test_expect_no_match "a hostile query is escaped" '<script>alert\(5\)' "$TMP/body"
test_expect_match "... and shown" '&lt;script&gt;alert\(5\)' "$TMP/body"
get "/api/search?q=fostering&limit=100"
test_expect_equal "JSON keeps the names as they are" '<i>Evil</i> "Council"' \
    "$(jq -r '.hits[] | select(.path | endswith("hostile.html")) | .council' "$TMP/body" | head -n 1)"
hostile=$(jq -r '.hits[] | select(.path | endswith("hostile.html")) | .id' "$TMP/body" | head -n 1)
get "/show/$hostile?context=3"
test_expect_equal "the context page: 200" 200 "$code"
test_expect_no_match "the context page: no script" '<script' "$TMP/body"

test_begin "a load while an indexer commits"
cat >"$TMP/load.py" <<'END'
import concurrent.futures, sys, urllib.request, urllib.error
base, n = sys.argv[1], int(sys.argv[2])
queries = ["fostering", "Ofsted", "%22private+fostering%22", "council", "board"]
def one(i):
    path = ("/api/search?q=" + queries[i % len(queries)]) if i % 4 else "/?q=fostering"
    try:
        with urllib.request.urlopen(base + path, timeout=10) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except Exception as e:
        return str(e)
with concurrent.futures.ThreadPoolExecutor(16) as pool:
    results = list(pool.map(one, range(n)))
bad = [r for r in results if r != 200]
print(len(results), len(bad), bad[:3])
END
(
    for i in 1 2 3 4 5 6 7 8; do
        printf 'Minutes of the Cabinet held on %d March 2020\n\nFostering item %d.\n' "$i" "$i" \
            >"$TMP/docs/extra-$i.txt"
        "$MINUTES" index -q -d "$idx" "$TMP/docs" 2>/dev/null
    done
) &
indexer=$!
python3 "$TMP/load.py" "$base" 2000 >"$TMP/load"
wait "$indexer"
test_expect_equal "2000 requests, 16 at a time: none failed" "2000 0 []" "$(cat "$TMP/load")"
get "/api/search?q=%22Fostering+item+8%22"
test_expect_equal "the server sees the indexer's commits" 1 "$(jq -r .total "$TMP/body")"

test_begin "the page in a browser"
if ! command -v chromium >/dev/null; then
    fail_ "chromium is installed (make deps installs it)"
else
    shot="${MINUTES_BUILD:-build}/serve-page.png"
    python3 tests/cli/browse.py "$base/" "$shot" >"$TMP/browse" 2>&1
    test_expect_match "the page loads with its form and no script" \
        '^LOADED: form=1 box=1 scripts=0$' "$TMP/browse"
    test_expect_match "typing a query and Enter searches" '^SEARCHED: url=\?q=fostering.* hits=[1-9]' "$TMP/browse"
    test_expect_match "there are facets to narrow by" '^FACETS: [1-9]' "$TMP/browse"
    test_expect_match "a facet narrows the search" '^FILTERED: url=\?.*q=fostering.*&' "$TMP/browse"
    test_expect_match "a result leads to its paragraph in context" '^CONTEXT: path=/show/.* target=1' "$TMP/browse"
    test_expect_match "a screenshot is saved" '^SCREENSHOT: [1-9][0-9]* bytes' "$TMP/browse"
    test_expect_no_match "no step failed" '^FAIL' "$TMP/browse"
fi

test_begin "an index that cannot be read"
cp -r "$idx" "$TMP/doomed"
stop_server
cp "$TMP/serve-err" "$TMP/first-serve-err"
start -d "$TMP/doomed" || test_done
rm -rf "$TMP/doomed"
sleep 0.3 # past the time a handle reads the index again
get "/api/search?q=fostering"
test_expect_equal "the API: 503" 503 "$code"
test_expect_match "... with a JSON error" '"error":' "$TMP/body"
get "/?q=fostering"
test_expect_equal "the page: 503" 503 "$code"

test_begin "stopping"
kill -TERM "$server"
wait "$server"
test_expect_equal "SIGTERM: exit 0" 0 "$?"
server=""
test_expect_match "a line per request on stderr" '^GET /api/search\?q=fostering.* 200 ' "$TMP/first-serve-err"
run_minutes serve --listen "127.0.0.1:$port" -d "$TMP/missing"
test_expect_status "no index: exit 2" 2
python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $port)); s.listen(1); time.sleep(3)" &
holder=$!
sleep 0.3
run_minutes serve --listen "127.0.0.1:$port" -d "$idx"
test_expect_status "a port in use: exit 2" 2
test_expect_match "... saying so" "$port" "$TMP/err"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

test_done
