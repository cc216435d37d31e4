# T180-install - make install into a DESTDIR, as a packager would, then use what it installed:
# the program, its man pages, its completions and the library through pkg-config; then
# make uninstall removes every file.
. tests/cli/test-lib.sh

build="${MINUTES_BUILD:-$TOP/build}"
# The build under test: its own directory, and the sanitizers it was made with.
sanitize=""
case "$build" in */san) sanitize=address,undefined ;; esac
root="$TMP/root"
installed="$root/usr/bin/minutes"
install_make() {
    make -s -C "$TOP" BUILD="$build" SANITIZE="$sanitize" DESTDIR="$root" PREFIX=/usr "$@" \
        >"$TMP/make.out" 2>&1
}

test_begin "make install"
if install_make install; then pass_ "installs into DESTDIR"; else fail_ "installs into DESTDIR" "$(tail -20 "$TMP/make.out")"; fi
for f in usr/bin/minutes usr/lib/libminutes.so usr/lib/libminutes.so.0 usr/lib/libminutes.a \
         usr/include/minutes.h usr/lib/pkgconfig/minutes.pc usr/share/man/man1/minutes.1 \
         usr/share/man/man1/minutes-search.1 usr/share/bash-completion/completions/minutes \
         usr/share/zsh/site-functions/_minutes; do
    if [ -e "$root/$f" ]; then pass_ "installs /$f"; else fail_ "installs /$f"; fi
done
test_expect_equal "the shared library's SONAME" "libminutes.so.0" \
    "$(readelf -d "$root/usr/lib/libminutes.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')"
test_expect_equal "libminutes.so.0 links to the versioned file" \
    "libminutes.so.$(sed -n 's/^#define MINUTES_VERSION "\(.*\)"$/\1/p' include/minutes.h)" \
    "$(readlink "$root/usr/lib/libminutes.so.0")"
test_expect_match "minutes.pc is for PREFIX, not DESTDIR" '^prefix=/usr$' \
    "$root/usr/lib/pkgconfig/minutes.pc"

test_begin "the installed program"
"$installed" --version >"$TMP/version" 2>&1
test_expect_match "--version prints the version" '^minutes [0-9]+\.[0-9]+\.[0-9]+$' "$TMP/version"
"$installed" version >"$TMP/version2" 2>&1
test_expect_equal_file "'minutes version' says the same" "$TMP/version" "$TMP/version2"
"$installed" index -q -d "$TMP/index" seeds >"$TMP/index.out" 2>&1
"$installed" search -d "$TMP/index" '"private fostering"' >"$TMP/search" 2>&1
test_expect_match "searches an index of seeds/" 'seeds/000_6f14756a497cac9d\.txt:87' "$TMP/search"

test_begin "man pages"
for page in "$root"/usr/share/man/man1/*.1; do
    name=$(basename "$page")
    if MANWIDTH=80 man -l "$page" >"$TMP/man" 2>"$TMP/man.err" && [ -s "$TMP/man" ]; then
        pass_ "man -l $name"
    else
        fail_ "man -l $name" "$(head -5 "$TMP/man.err")"
    fi
    groff -man -Tutf8 -ww "$page" >/dev/null 2>"$TMP/groff.err"
    test_expect_equal "$name: groff -ww warns of nothing" "" "$(head -5 "$TMP/groff.err")"
done
# Each command's page has every option its help lists.
for cmd in index search meetings show merge serve; do
    "$installed" help "$cmd" | grep -oE -- '--[a-z][-a-z]*' | sort -u >"$TMP/help-options"
    MANWIDTH=200 man -l "$root/usr/share/man/man1/minutes-$cmd.1" 2>/dev/null |
        grep -oE -- '--[a-z][-a-z]*' | sort -u >"$TMP/man-options"
    test_expect_equal "minutes-$cmd(1) has every option of 'minutes help $cmd'" "" \
        "$(comm -23 "$TMP/help-options" "$TMP/man-options")"
done
MANPATH="$root/usr/share/man" man -w minutes >"$TMP/manw" 2>&1
test_expect_match "man finds minutes(1) under the prefix" 'man1/minutes\.1' "$TMP/manw"

test_begin "bash completion"
# complete WORD...: what bash completes for the last word after the others.
complete_bash() {
    PATH="$root/usr/bin:$PATH" bash -c '
        . "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        _minutes; printf "%s\n" "${COMPREPLY[@]}"' bash \
        "$root/usr/share/bash-completion/completions/minutes" "$@" 2>&1 | sort
}
test_expect_equal "minutes se<TAB>" "$(printf 'search\nserve')" "$(complete_bash minutes se)"
test_expect_equal "minutes ser<TAB>" "serve" "$(complete_bash minutes ser)"
test_expect_equal "minutes search --sin<TAB>" "--since" "$(complete_bash minutes search --sin)"
test_expect_equal "minutes index --ret<TAB>" "--retry-failed" "$(complete_bash minutes index --ret)"
test_expect_equal "minutes search --format <TAB>" "$(printf 'json\ntext\ntsv')" \
    "$(complete_bash minutes search --format '')"
test_expect_equal "minutes -d INDEX search --board educ<TAB> reads the index" \
    "education-and-childrens-services-scrutiny-board-2" \
    "$(complete_bash minutes -d "$TMP/index" search --board educ)"
test_expect_equal "--council <TAB> with \$MINUTES_INDEX, quoted" 'Coventry\ City\ Council' \
    "$(MINUTES_INDEX="$TMP/index" complete_bash minutes meetings --council '')"

test_begin "zsh completion"
if command -v zsh >/dev/null 2>&1; then
    # compadd and _files stand in for zsh's completion system: they print what is offered.
    complete_zsh() {
        PATH="$root/usr/bin:$PATH" zsh -f -c '
            compadd() {
                local -a offered
                if [[ $1 == -a ]]; then offered=(${(P)2}); else [[ $1 == -- ]] && shift; offered=("$@"); fi
                print -l -- ${(M)offered:#${PREFIX}*}
            }
            _files() { print -- "(files)" }
            file=$1; shift
            words=("$@"); CURRENT=$#; PREFIX=${words[-1]}
            source $file' zsh "$root/usr/share/zsh/site-functions/_minutes" "$@" 2>&1 | sort
    }
    test_expect_equal "minutes se<TAB>" "$(printf 'search\nserve')" "$(complete_zsh minutes se)"
    test_expect_equal "minutes ser<TAB>" "serve" "$(complete_zsh minutes ser)"
    test_expect_equal "minutes search --sin<TAB>" "--since" "$(complete_zsh minutes search --sin)"
    test_expect_equal "minutes -d INDEX search --board educ<TAB>" \
        "education-and-childrens-services-scrutiny-board-2" \
        "$(complete_zsh minutes -d "$TMP/index" search --board educ)"
else
    pass_ "zsh not installed: skipped"
fi

test_begin "the library through pkg-config"
cat >"$TMP/prog.c" <<'END'
/* Opens the index named by argv[1], searches for argv[2] and prints path:line per hit. */
#include <stdio.h>
#include <stdlib.h>

#include <minutes.h>

int
main(int argc, char **argv)
{
    minutes_db *db;
    char *err;
    if (argc != 3)
        return 2;
    if (minutes_db_open(argv[1], MINUTES_DB_READ_ONLY, &db, &err) != MINUTES_OK) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return 2;
    }
    minutes_query *q = NULL;
    minutes_results *res;
    size_t n = 0;
    if (minutes_query_create(db, argv[2], &q) == MINUTES_OK &&
        minutes_query_run(q, &res) == MINUTES_OK) {
        for (n = 0; n < minutes_results_size(res); n++) {
            const minutes_hit *hit = minutes_results_hit(res, n);
            printf("%s:%s\n", minutes_hit_get(hit, MINUTES_FIELD_PATH),
                   minutes_hit_get(hit, MINUTES_FIELD_LINE));
        }
    }
    minutes_query_destroy(q);
    minutes_db_close(db);
    return n ? 0 : 1;
}
END
export PKG_CONFIG_PATH="$root/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root"
san_flags=""
[ -n "$sanitize" ] && san_flags="-fsanitize=$sanitize"
# shellcheck disable=SC2046,SC2086
if cc -std=c11 -Wall -Wextra -Werror $san_flags -o "$TMP/prog" "$TMP/prog.c" \
       $(pkg-config --cflags --libs minutes) >"$TMP/cc.out" 2>&1; then
    pass_ "compiles and links with pkg-config --cflags --libs minutes"
else
    fail_ "compiles and links with pkg-config --cflags --libs minutes" "$(head -10 "$TMP/cc.out")"
fi
test_expect_match "the program loads libminutes.so.0" 'NEEDED.*\[libminutes\.so\.0\]' \
    "$(readelf -d "$TMP/prog" >"$TMP/needed"; echo "$TMP/needed")"
LD_LIBRARY_PATH="$root/usr/lib" "$TMP/prog" "$TMP/index" '"private fostering"' >"$TMP/prog.out" 2>&1
test_expect_match "it searches the index" 'seeds/000_6f14756a497cac9d\.txt:87$' "$TMP/prog.out"
# The static library, as the README says to link it.
# shellcheck disable=SC2046,SC2086
if cc -std=c11 $san_flags -o "$TMP/prog-static" "$TMP/prog.c" $(pkg-config --cflags minutes) \
       -Wl,-Bstatic -lminutes -Wl,-Bdynamic -Wl,--as-needed \
       $(pkg-config --static --libs minutes) >"$TMP/cc.out" 2>&1; then
    pass_ "links libminutes.a with pkg-config --static --libs minutes"
else
    fail_ "links libminutes.a with pkg-config --static --libs minutes" "$(head -10 "$TMP/cc.out")"
fi
readelf -d "$TMP/prog-static" >"$TMP/needed-static" 2>&1
test_expect_no_match "that program needs no libminutes.so" 'libminutes' "$TMP/needed-static"
"$TMP/prog-static" "$TMP/index" '"private fostering"' >"$TMP/prog.out" 2>&1
test_expect_match "and searches the index" 'seeds/000_6f14756a497cac9d\.txt:87$' "$TMP/prog.out"

test_begin "make uninstall"
if install_make uninstall; then pass_ "runs"; else fail_ "runs" "$(tail -20 "$TMP/make.out")"; fi
test_expect_equal "leaves no file behind" "" "$(find "$root" ! -type d)"

test_done
