# test-lib.sh - helpers for the command-line tests in tests/cli/T*.sh.
#
# A test script sources this file, then calls test_begin and the test_expect_* functions;
# each expectation prints one TAP line ("ok N - what" or "not ok N - what"), and test_done
# ends the script with status 0 only if every expectation held.
#
# Provided: $MINUTES (the program under test), $TOP (the source tree), $TMP (a scratch
# directory removed at exit), run_minutes (runs $MINUTES, leaving stdout in $TMP/out,
# stderr in $TMP/err and the exit status in $status).

TOP=$(pwd)
MINUTES="${MINUTES_BUILD:-$TOP/build}/minutes"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/minutes-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# MINUTES_WRAPPER, a command prefix such as "valgrind --error-exitcode=99 ...", runs every run
# of the program - run_minutes and direct "$MINUTES" calls alike - under it: $MINUTES becomes
# a script that execs it so (the wrapper's command found now, so that tests may change PATH;
# exec, so that the program keeps the script's pid). The wrapper reports errors by exiting
# with 99, which run_minutes notes, or by writing into the directory $MINUTES_WRAPPER_LOGS
# (valgrind's --log-file=%q{MINUTES_WRAPPER_LOGS}/...); test_done fails the test for either.
if [ -n "${MINUTES_WRAPPER:-}" ]; then
    wrapper_cmd=${MINUTES_WRAPPER%% *}
    wrapper_args=${MINUTES_WRAPPER#"$wrapper_cmd"}
    wrapper_cmd=$(command -v "$wrapper_cmd" || echo "$wrapper_cmd")
    MINUTES_WRAPPER_LOGS="$TMP/.wrapper"
    export MINUTES_WRAPPER_LOGS
    mkdir "$MINUTES_WRAPPER_LOGS"
    cat >"$TMP/.wrapper-minutes" <<END
#!/bin/sh
exec "$wrapper_cmd" $wrapper_args "$MINUTES" "\$@"
END
    chmod +x "$TMP/.wrapper-minutes"
    MINUTES="$TMP/.wrapper-minutes"
fi
unset MINUTES_INDEX NO_COLOR
export LC_ALL=C.UTF-8
test_count=0
test_failures=0

test_begin() {
    test_name=$1
}

pass_() {
    test_count=$((test_count + 1))
    echo "ok $test_count - $test_name: $1"
}

fail_() {
    test_count=$((test_count + 1))
    test_failures=$((test_failures + 1))
    echo "not ok $test_count - $test_name: $1"
    shift
    for line in "$@"; do echo "#   $line"; done
}

run_minutes() {
    "$MINUTES" "$@" >"$TMP/out" 2>"$TMP/err"
    status=$?
    if [ "$status" = 99 ] && [ -n "${MINUTES_WRAPPER:-}" ]; then
        echo "minutes $*: exit 99" >>"$TMP/.wrapper-errors"
    fi
}

# test_expect_equal WHAT EXPECTED ACTUAL
test_expect_equal() {
    if [ "$2" = "$3" ]; then pass_ "$1"; else fail_ "$1" "expected: $2" "actual:   $3"; fi
}

# test_expect_equal_file WHAT EXPECTED_FILE ACTUAL_FILE
test_expect_equal_file() {
    if cmp -s "$2" "$3"; then
        pass_ "$1"
    else
        fail_ "$1" "$(diff -u "$2" "$3" | head -40)"
    fi
}

# test_expect_match WHAT PATTERN FILE: FILE has a line matching the grep -E PATTERN
test_expect_match() {
    if grep -Eq -- "$2" "$3"; then pass_ "$1"; else fail_ "$1" "no line matches: $2" "$(head -20 "$3")"; fi
}

# test_expect_no_match WHAT PATTERN FILE
test_expect_no_match() {
    if grep -Eq -- "$2" "$3"; then fail_ "$1" "a line matches: $2" "$(grep -E -- "$2" "$3" | head -5)"; else pass_ "$1"; fi
}

# test_expect_status WHAT EXPECTED: the last run_minutes exited with EXPECTED
test_expect_status() {
    if [ "$status" = "$2" ]; then
        pass_ "$1"
    else
        fail_ "$1" "expected status $2, got $status" "stderr: $(head -5 "$TMP/err")"
    fi
}

test_done() {
    if [ -n "${MINUTES_WRAPPER:-}" ]; then
        cat "$TMP"/.wrapper/* >>"$TMP/.wrapper-errors" 2>/dev/null
        if [ -s "$TMP/.wrapper-errors" ]; then
            fail_ "no errors from \$MINUTES_WRAPPER" "$(head -40 "$TMP/.wrapper-errors")"
        fi
    fi
    [ "$test_failures" -eq 0 ]
    exit $?
}

# tsv_select NAMES FILE: the columns named (comma-separated) of a TSV file with a header
# line, tab-separated, without the header.
tsv_select() {
    awk -F'\t' -v names="$1" '
        NR == 1 { n = split(names, want, ","); for (i = 1; i <= NF; i++) col[$i] = i; next }
        { line = ""; for (i = 1; i <= n; i++) line = line (i > 1 ? "\t" : "") $(col[want[i]]); print line }
    ' "$2"
}
