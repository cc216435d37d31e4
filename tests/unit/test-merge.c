/* test-merge.c - minutes_merge() as an embedding program calls it: indexes of parts of the
 * seeds merged into one, the progress it reports, and what it refuses, leaving no OUT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "minutes.h"
#include "scratch.h"

static const char *const part_one[] = {"seeds/000_6f14756a497cac9d.txt",
                                       "seeds/001_dbc9e66ed936fc45.txt",
                                       "seeds/002_fc1f1cea019d2c05.txt"};
static const char *const part_two[] = {"seeds/003_ece979df50451812.txt",
                                       "seeds/004_d98d4017c5ce876e.txt"};

static char one[128], two[128], dup[128];
static unsigned long paragraphs_one, paragraphs_two;

/* scratch_dir/NAME, into buf. */
static const char *
scratch_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", scratch_dir, name);
    return buf;
}

/* Index `files` into a new index at `path`; the paragraphs written, or 0 on failure. */
static unsigned long
index_files(const char *path, const char *const *files, size_t count)
{
    minutes_db *db;
    char *err = NULL;
    if (minutes_db_open(path, MINUTES_DB_CREATE, &db, &err) != MINUTES_OK) {
        free(err);
        return 0;
    }
    unsigned long total = 0;
    for (size_t i = 0; i < count; i++) {
        unsigned long n = 0;
        if (minutes_index_file(db, files[i], &n) != MINUTES_OK) {
            total = 0;
            break;
        }
        total += n;
    }
    return minutes_db_close(db) == MINUTES_OK ? total : 0;
}

static int
make_parts(void **state)
{
    (void)state;
    if (scratch_make("merge") != 0)
        return -1;
    paragraphs_one = index_files(scratch_path(one, sizeof one, "one"), part_one, 3);
    paragraphs_two = index_files(scratch_path(two, sizeof two, "two"), part_two, 2);
    /* A third part that holds a file of the first again. */
    unsigned long again = index_files(scratch_path(dup, sizeof dup, "dup"), part_one, 1);
    return paragraphs_one && paragraphs_two && again ? 0 : -1;
}

static int
remove_parts(void **state)
{
    (void)state;
    return scratch_remove();
}

/* The tables reported, joined by spaces. */
static void
record_table(void *ctx, const char *what)
{
    char *tables = ctx;
    size_t used = strlen(tables);
    snprintf(tables + used, 256 - used, "%s ", what);
}

static int
exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static void
test_merges_every_paragraph(void **state)
{
    (void)state;
    char out[128], tables[256] = "", *err = (char *)"unset";
    const char *const inputs[] = {one, two};
    assert_int_equal(minutes_merge(scratch_path(out, sizeof out, "merged"), inputs, 2, record_table,
                                   tables, &err),
                     MINUTES_OK);
    assert_null(err);
    assert_non_null(strstr(tables, "postlist "));
    assert_non_null(strstr(tables, "docdata "));

    minutes_db *db;
    assert_int_equal(minutes_db_open(out, MINUTES_DB_READ_ONLY, &db, &err), MINUTES_OK);
    unsigned long n = 0;
    assert_int_equal(minutes_db_count_paragraphs(db, &n), MINUTES_OK);
    assert_int_equal(n, paragraphs_one + paragraphs_two);
    /* A phrase found in both parts. */
    minutes_query *q;
    minutes_results *res;
    assert_int_equal(minutes_query_create(db, "\"private fostering\"", &q), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    int in_one = 0, in_two = 0;
    for (size_t i = 0; i < minutes_results_size(res); i++) {
        const char *path = minutes_hit_get(minutes_results_hit(res, i), MINUTES_FIELD_PATH);
        in_one |= strstr(path, "/seeds/000_") != NULL;
        in_two |= strstr(path, "/seeds/003_") != NULL;
    }
    assert_true(in_one && in_two);
    minutes_query_destroy(q);
    minutes_db_close(db);

    /* OUT exists now: a second merge is refused, and it is left as it was. */
    assert_int_equal(minutes_merge(out, inputs, 2, NULL, NULL, &err), MINUTES_BAD_ARGUMENT);
    assert_non_null(err);
    assert_non_null(strstr(err, "already exists"));
    free(err);
    assert_int_equal(minutes_db_open(out, MINUTES_DB_READ_ONLY, &db, NULL), MINUTES_OK);
    minutes_db_close(db);
}

static void
test_refuses_the_same_file_twice(void **state)
{
    (void)state;
    char out[128], *err = NULL;
    const char *const inputs[] = {two, one, dup};
    scratch_path(out, sizeof out, "refused");
    assert_int_equal(minutes_merge(out, inputs, 3, NULL, NULL, &err), MINUTES_BAD_ARGUMENT);
    assert_non_null(err);
    assert_non_null(strstr(err, "both hold file"));
    assert_non_null(strstr(err, one));
    assert_non_null(strstr(err, dup));
    assert_non_null(strstr(err, "000_6f14756a497cac9d.txt"));
    free(err);
    assert_false(exists(out));
    /* No errmsg asked for: the status alone. */
    assert_int_equal(minutes_merge(out, inputs, 3, NULL, NULL, NULL), MINUTES_BAD_ARGUMENT);
    assert_false(exists(out));
}

static void
test_refuses_bad_arguments(void **state)
{
    (void)state;
    char out[128], missing[128], *err = NULL;
    scratch_path(out, sizeof out, "refused");
    const char *const inputs[] = {one, scratch_path(missing, sizeof missing, "missing")};
    assert_int_equal(minutes_merge(out, inputs, 2, NULL, NULL, &err), MINUTES_NO_INDEX);
    assert_non_null(strstr(err, missing));
    free(err);
    assert_int_equal(minutes_merge(out, inputs, 0, NULL, NULL, &err), MINUTES_BAD_ARGUMENT);
    free(err);
    assert_int_equal(minutes_merge(NULL, inputs, 1, NULL, NULL, &err), MINUTES_BAD_ARGUMENT);
    free(err);
    assert_int_equal(minutes_merge(out, NULL, 1, NULL, NULL, &err), MINUTES_BAD_ARGUMENT);
    free(err);
    assert_false(exists(out));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merges_every_paragraph),
        cmocka_unit_test(test_refuses_the_same_file_twice),
        cmocka_unit_test(test_refuses_bad_arguments),
    };
    return cmocka_run_group_tests(tests, make_parts, remove_parts);
}
