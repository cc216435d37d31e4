# T140-walk-rules - what a walk takes as gone and what it follows: a directory that cannot
# be read, or a path given that is missing, keeps what the index holds under it (and exits 2
# when nothing given could be read); symbolic links are followed only to files inside the
# tree walked, so nothing from outside gets in and removal stays exact.
. tests/cli/test-lib.sh

test_begin "unreadable directories are not gone"
# Permission bits do not stop root: as root, run the program as an unprivileged user.
if [ "$(id -u)" -eq 0 ]; then
    if ! setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
        pass_ "# SKIP cannot run as an unprivileged user here"
        as_user=""
    else
        as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
    fi
else
    as_user="env"
fi
if [ -n "$as_user" ]; then
    u="$TMP/u"
    mkdir -p "$u/docs/sub"
    printf 'Minutes\n\nalpha paragraph at the top\n' >"$u/docs/a.txt"
    printf 'Minutes\n\nbeta paragraph below\n' >"$u/docs/sub/b.txt"
    chmod 755 "$TMP"
    [ -d "$TMP/.wrapper" ] && chmod 0777 "$TMP/.wrapper" # the wrapper's logs, written as that user
    [ "$(id -u)" -eq 0 ] && chown -R nobody:nogroup "$u"
    m() { $as_user "$MINUTES" "$@" >"$TMP/out" 2>"$TMP/err"; status=$?; }
    m index -q -d "$u/idx" "$u/docs"
    test_expect_status "indexed" 0

    chmod 000 "$u/docs/sub"
    m index -d "$u/idx" "$u/docs"
    test_expect_status "an unreadable subdirectory: the run completes" 0
    test_expect_match "it is named, with the reason" "skipping '$u/docs/sub': Permission denied" "$TMP/err"
    test_expect_match "nothing is removed" ' 0 removed' "$TMP/err"
    m search -d "$u/idx" beta
    test_expect_status "what it held is still found" 0

    chmod 000 "$u/docs"
    m index -d "$u/idx" "$u/docs"
    test_expect_status "the directory given is unreadable: exit 2" 2
    test_expect_match "it is named" "skipping '$u/docs': Permission denied" "$TMP/err"
    m search -d "$u/idx" alpha
    test_expect_status "the index keeps its files" 0
    chmod 755 "$u/docs" "$u/docs/sub"

    mv "$u/docs" "$u/away"
    m index -d "$u/idx" "$u/docs"
    test_expect_status "the path given is missing: exit 2" 2
    test_expect_match "it is named" "skipping '$u/docs': No such file or directory" "$TMP/err"
    m search -d "$u/idx" -n 10 --format tsv 'alpha OR beta'
    test_expect_equal "the index keeps its files" "3" "$(wc -l <"$TMP/out")"
    mv "$u/away" "$u/docs"

    rm -r "$u/docs/sub"
    m index -v -d "$u/idx" "$u/docs"
    test_expect_status "a directory really gone" 0
    test_expect_match "has its files removed" "removed '.*/docs/sub/b.txt'" "$TMP/err"
fi

test_begin "symbolic links"
t="$TMP/tree"
mkdir -p "$t/part" "$TMP/outside"
printf 'Minutes\n\ninsider paragraph\n' >"$t/part/a.txt"
printf 'Minutes\n\noutsider paragraph\n' >"$TMP/outside/o.txt"
ln -s part/a.txt "$t/in-link.txt"
ln -s ../outside/o.txt "$t/out-link.txt"
run_minutes index -v -d "$TMP/links" "$t"
test_expect_status "indexed" 0
test_expect_equal "a link inside the tree is its target: one file" "1" "$(grep -c '^added' "$TMP/err")"
run_minutes search -d "$TMP/links" --format tsv insider
test_expect_equal "found once" "2" "$(wc -l <"$TMP/out")"
run_minutes search -d "$TMP/links" outsider
test_expect_status "a link out of the tree is not followed" 1
run_minutes index -v -d "$TMP/links" "$t/out-link.txt"
test_expect_status "a link given by name is followed" 0
run_minutes search -d "$TMP/links" -n 1 --format tsv outsider
test_expect_match "and indexed as the file it names" "$TMP/outside/o.txt" "$TMP/out"
rm "$t/in-link.txt" "$t/part/a.txt"
run_minutes index -v -d "$TMP/links" "$t"
test_expect_match "a target gone is removed" "removed '.*/tree/part/a.txt'" "$TMP/err"
run_minutes search -d "$TMP/links" insider
test_expect_status "and no longer found" 1

test_done
