/* test-fuzz-regressions.c - replays the inputs kept in tests/fuzz/regressions/TARGET/ (each
 * one made a fuzz target fail once) and the seed corpora tests/fuzz/corpus-TARGET/ through
 * the same entry points as the libFuzzer targets, built here without libFuzzer. Run from
 * the top of the source tree (tests/run does). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#define FUZZ_NO_ENTRY
#include "../fuzz/fuzz-query.c"
#include "../fuzz/fuzz-read.c"
#include "../fuzz/fuzz-segment.c"

typedef int fuzz_fn(const uint8_t *data, size_t size);

/* Feed every regular file of `dir` to `fn`; returns how many (0 if there is no such dir). */
static size_t
replay_dir(const char *dir, fuzz_fn *fn)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        size_t size = (size_t)sb.st_size;
        uint8_t *data = malloc(size ? size : 1);
        assert_non_null(data);
        assert_int_equal(fread(data, 1, size, f), size);
        fclose(f);
        fn(data, size);
        free(data);
        n++;
    }
    closedir(d);
    return n;
}

static void
replay(const char *target, fuzz_fn *fn)
{
    char dir[256];
    snprintf(dir, sizeof dir, "tests/fuzz/regressions/%s", target);
    size_t n = replay_dir(dir, fn);
    snprintf(dir, sizeof dir, "tests/fuzz/corpus-%s", target);
    n += replay_dir(dir, fn);
    assert_true(n > 0); /* run from the wrong directory otherwise */
    /* And the empty input, and a few bytes of each kind. */
    fn((const uint8_t *)"", 0);
    fn((const uint8_t *)"\xff\xfe\x00\x01\"(", 6);
}

static void
test_segment(void **state)
{
    (void)state;
    replay("segment", fuzz_one_segment);
}

static void
test_read(void **state)
{
    (void)state;
    replay("read", fuzz_one_read);
}

static void
test_query(void **state)
{
    (void)state;
    replay("query", fuzz_one_query);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_segment),
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_query),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
