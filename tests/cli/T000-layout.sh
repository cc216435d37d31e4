# T000-layout - the project's shape: top-level layout, seeds, and the Xapian boundary.
. tests/cli/test-lib.sh

test_begin "layout"
for entry in Makefile README.md src include index tests seeds tools; do
    if [ -e "$entry" ]; then pass_ "$entry exists"; else fail_ "$entry exists"; fi
done

test_begin "seeds"
for seed in 000_6f14756a497cac9d.txt 001_dbc9e66ed936fc45.txt 002_fc1f1cea019d2c05.txt \
            003_ece979df50451812.txt 004_d98d4017c5ce876e.txt; do
    if [ -s "seeds/$seed" ]; then pass_ "$seed present"; else fail_ "$seed present"; fi
done

test_begin "xapian boundary"
# Only the shim includes a Xapian header: its C++ files (src/lib/xap*.cc) and their private
# header, and each of them does. Its C API, src/lib/xap.h, is plain C. The one other is no
# part of minutes: tools/bench-loop.cc, the bare Xapian loop that 'make bench' measures the
# index against, written straight against Xapian's C++ API on purpose.
ls src/lib/xap*.cc src/lib/xap-internal.h tools/bench-loop.cc | sort >"$TMP/shim"
grep -rlE '#[[:space:]]*include[[:space:]]*[<"]xapian' src include tests tools 2>/dev/null |
    sort >"$TMP/xapian-users"
test_expect_equal_file "only the shim includes Xapian" "$TMP/shim" "$TMP/xapian-users"
ls src/lib/xap*.cc tools/bench-loop.cc | sort >"$TMP/expected"
find src include tests tools -name '*.cc' -o -name '*.cpp' -o -name '*.cxx' -o -name '*.hpp' |
    sort >"$TMP/cxx"
test_expect_equal_file "the shim is the only C++ source" "$TMP/expected" "$TMP/cxx"

test_begin "one-way calls"
# The library's and the command's files call each other one way: no loop between files but
# the command table and its help (tools/calls reads who calls whom from the object files).
build="${MINUTES_BUILD:-$TOP/build}"
if "$TOP/tools/calls" --check "$build" >"$TMP/calls" 2>&1; then
    pass_ "no loop between source files"
else
    fail_ "no loop between source files" "$(grep -A20 '^loop' "$TMP/calls")"
fi

test_begin "file sizes"
# One concept per file: none over 720 lines but the Xapian shim's.
for f in src/lib/*.c src/lib/*.h src/cli/*.c src/cli/*.h include/*.h tests/unit/*.c tests/unit/*.h; do
    lines=$(wc -l <"$f")
    if [ "$lines" -le 720 ]; then
        pass_ "$f: $lines lines"
    else
        fail_ "$f: $lines lines" "more than 720"
    fi
done

test_begin "public header"
# The command-line program includes only the public header and its own headers.
grep -hE '#[[:space:]]*include[[:space:]]*"' src/cli/*.c src/cli/*.h |
    sed -E 's/.*"([^"]+)".*/\1/' | sort -u >"$TMP/cli-includes"
for h in $(cat "$TMP/cli-includes"); do
    if [ "$h" = minutes.h ] || [ -f "src/cli/$h" ]; then
        pass_ "CLI include $h is public or its own"
    else
        fail_ "CLI include $h is public or its own"
    fi
done
test_expect_match "include/minutes.h is plain C" '^#ifdef __cplusplus' include/minutes.h

test_begin "shared library exports"
lib="${MINUTES_BUILD:-$TOP/build}/libminutes.so"
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' >"$TMP/exports"
test_expect_match "exports minutes_db_open" '^minutes_db_open$' "$TMP/exports"
test_expect_match "exports minutes_query_run" '^minutes_query_run$' "$TMP/exports"
grep -v '^minutes_' "$TMP/exports" >"$TMP/foreign" || true
test_expect_equal "exports nothing but minutes_*" "" "$(cat "$TMP/foreign")"

test_done
