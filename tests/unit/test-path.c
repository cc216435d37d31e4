/* test-path.c - joining a directory and a name, and the canonical form of a path given. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "path.h"

static void
expect_join(const char *dir, const char *name, const char *want)
{
    char *got = path_join(dir, name);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void
test_join(void **state)
{
    (void)state;
    expect_join("/corpus", "a.txt", "/corpus/a.txt");
    expect_join("/corpus/", "a.txt", "/corpus/a.txt"); /* one slash, not two */
    expect_join("/", "corpus", "/corpus");
    expect_join("docs", "sub", "docs/sub");
}

static void
test_canonical(void **state)
{
    (void)state;
    /* A path that exists: its real path. */
    char *real = realpath("/tmp", NULL);
    assert_non_null(real);
    char *got = path_canonical("/tmp/.");
    assert_string_equal(got, real);
    free(got);
    free(real);

    /* A path that does not: absolute, without trailing slashes. */
    got = path_canonical("/minutes-no-such-dir/gone///");
    assert_string_equal(got, "/minutes-no-such-dir/gone");
    free(got);

    char cwd[PATH_MAX], want[PATH_MAX + 32];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(want, sizeof want, "%s/minutes-no-such-dir/gone", cwd);
    got = path_canonical("minutes-no-such-dir/gone/");
    assert_string_equal(got, want);
    free(got);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_join),
        cmocka_unit_test(test_canonical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
