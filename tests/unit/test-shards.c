/* test-shards.c - minutes_db_open_shards() as an embedding program calls it: two indexes of
 * parts of the seeds read as one, stub files and what they may hold, and indexes that cannot
 * be read, refused or (with `partial`) left out and named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "minutes.h"
#include "scratch.h"

static char part_a[128], part_b[128], everything[128];

/* Index `files` into a new index at `path` with origin `origin`; 0 on success. */
static int
index_files(const char *path, const char *origin, const char *const *files, size_t count)
{
    minutes_db *db;
    char *err = NULL;
    if (minutes_db_open(path, MINUTES_DB_CREATE, &db, &err) != MINUTES_OK) {
        free(err);
        return -1;
    }
    int failed = origin && minutes_db_set_origin(db, origin) != MINUTES_OK;
    for (size_t i = 0; !failed && i < count; i++)
        failed = minutes_index_file(db, files[i], NULL) != MINUTES_OK;
    return minutes_db_close(db) == MINUTES_OK && !failed ? 0 : -1;
}

static int
make_parts(void **state)
{
    (void)state;
    static const char *const a[] = {"seeds/000_6f14756a497cac9d.txt",
                                    "seeds/001_dbc9e66ed936fc45.txt"};
    static const char *const b[] = {"seeds/002_fc1f1cea019d2c05.txt",
                                    "seeds/003_ece979df50451812.txt",
                                    "seeds/004_d98d4017c5ce876e.txt"};
    static const char *const all[] = {a[0], a[1], b[0], b[1], b[2]};
    if (scratch_make("shards") != 0)
        return -1;
    snprintf(part_a, sizeof part_a, "%s/a", scratch_dir);
    snprintf(part_b, sizeof part_b, "%s/b", scratch_dir);
    snprintf(everything, sizeof everything, "%s/all", scratch_dir);
    return index_files(part_a, "here", a, 2) || index_files(part_b, "here", b, 3) ||
           index_files(everything, "here", all, 5);
}

static int
remove_parts(void **state)
{
    (void)state;
    return scratch_remove();
}

/* Every hit of `text` in `db`: the number, and the sum of their scores in *score. */
static size_t
every_hit(minutes_db *db, const char *text, double *score)
{
    minutes_query *q;
    minutes_results *res;
    assert_int_equal(minutes_query_create(db, text, &q), MINUTES_OK);
    assert_int_equal(minutes_query_set_range(q, 0, 100000), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    size_t n = minutes_results_size(res);
    *score = 0;
    for (size_t i = 0; i < n; i++)
        *score += minutes_hit_score(minutes_results_hit(res, i));
    minutes_query_destroy(q);
    return n;
}

/* A stub file of `text` in the scratch directory; its path in buf. */
static const char *
stub(char *buf, size_t size, const char *name, const char *text)
{
    snprintf(buf, size, "%s/%s", scratch_dir, name);
    FILE *f = fopen(buf, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return buf;
}

/* Two parts read as one find what the index of all their files finds, scored the same. */
static void
test_two_as_one(void **state)
{
    (void)state;
    const char *paths[] = {part_a, part_b};
    minutes_db *shards, *one;
    char *err = NULL;
    assert_int_equal(minutes_db_open_shards(paths, 2, NULL, &shards, &err), MINUTES_OK);
    assert_null(err);
    assert_int_equal(minutes_db_open(everything, MINUTES_DB_READ_ONLY, &one, NULL), MINUTES_OK);
    assert_int_equal(minutes_db_shard_count(shards), 2);
    assert_int_equal(minutes_db_shard_count(one), 1);
    assert_null(minutes_db_missing_shard(shards, 0, NULL));
    assert_null(minutes_db_origin(shards)); /* several: no one origin */
    assert_string_equal(minutes_db_origin(one), "here");
    double s1, s2;
    size_t n1 = every_hit(one, "fostering", &s1), n2 = every_hit(shards, "fostering", &s2);
    assert_true(n1 > 0);
    assert_int_equal(n1, n2);
    assert_true(s1 - s2 < 1e-9 && s2 - s1 < 1e-9);
    unsigned long p1, p2;
    assert_int_equal(minutes_db_count_paragraphs(one, &p1), MINUTES_OK);
    assert_int_equal(minutes_db_count_paragraphs(shards, &p2), MINUTES_OK);
    assert_int_equal(p1, p2);
    assert_non_null(strstr(minutes_db_path(shards), part_a));
    assert_non_null(strstr(minutes_db_path(shards), part_b));
    minutes_db_close(shards);
    minutes_db_close(one);
}

/* A stub's comments, blank lines, CRLF endings, relative and absolute paths, both kinds. */
static void
test_stub_lines(void **state)
{
    (void)state;
    char path[256], text[512];
    snprintf(text, sizeof text, "# parts\r\n\r\nauto a\r\nglass %s\r\n", part_b);
    const char *paths[] = {stub(path, sizeof path, "ok.stub", text)};
    minutes_db *db;
    char *err = NULL;
    assert_int_equal(minutes_db_open_shards(paths, 1, NULL, &db, &err), MINUTES_OK);
    assert_int_equal(minutes_db_shard_count(db), 2);
    double score;
    assert_true(every_hit(db, "fostering", &score) > 0);
    minutes_db_close(db);
}

/* Stubs that name no index, or lines that are not index lines, are refused by name. */
static void
test_stub_refused(void **state)
{
    (void)state;
    static const struct {
        const char *text, *said;
    } bad[] = {
        {"", "names none"},
        {"# only a comment\n", "names none"},
        {"Minutes of the Cabinet\n", "is not a directory"},
        {"auto a\nremote host:0\n", "line 2: not an index line"},
        {"auto a\nremote host:65536\n", "line 2"},
        {"auto a\nremote host\n", "line 2"},
        {"auto a\nremote\n", "line 2"},
        {"auto a\nremote :\n", "line 2"},
        {"auto a\n\nauto\n", "line 3"},
        {"auto a\ninmemory\n", "line 2"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char path[256];
        const char *paths[] = {stub(path, sizeof path, "bad.stub", bad[i].text)};
        minutes_db *db = (minutes_db *)1;
        char *err = NULL;
        assert_int_equal(minutes_db_open_shards(paths, 1, NULL, &db, &err), MINUTES_BAD_ARGUMENT);
        assert_null(db);
        assert_non_null(err);
        assert_non_null(strstr(err, "bad.stub"));
        assert_non_null(strstr(err, bad[i].said));
        free(err);
    }
}

/* An index missing: an error naming it, or with `partial` left out and listed. */
static void
test_missing_and_partial(void **state)
{
    (void)state;
    char missing[160];
    snprintf(missing, sizeof missing, "%s/gone", scratch_dir);
    const char *paths[] = {part_a, missing};
    minutes_db *db;
    char *err = NULL;
    assert_int_equal(minutes_db_open_shards(paths, 2, NULL, &db, &err), MINUTES_NO_INDEX);
    assert_non_null(strstr(err, missing));
    free(err);

    minutes_shard_options opt = {.partial = 1};
    assert_int_equal(minutes_db_open_shards(paths, 2, &opt, &db, &err), MINUTES_OK);
    assert_int_equal(minutes_db_shard_count(db), 1);
    const char *reason = NULL;
    assert_string_equal(minutes_db_missing_shard(db, 0, &reason), missing);
    assert_string_equal(reason, "no index there");
    assert_null(minutes_db_missing_shard(db, 1, NULL));
    double score;
    assert_true(every_hit(db, "fostering", &score) > 0);
    minutes_db_close(db);

    const char *none[] = {missing, missing};
    assert_int_equal(minutes_db_open_shards(none, 2, &opt, &db, &err), MINUTES_NO_INDEX);
    assert_non_null(strstr(err, "no index could be read"));
    free(err);
}

/* A server that refuses the connection: named, quickly; left out with `partial`. */
static void
test_remote_refused(void **state)
{
    (void)state;
    char path[256];
    const char *paths[] = {stub(path, sizeof path, "down.stub", "auto a\nremote 127.0.0.1:1\n")};
    minutes_db *db;
    char *err = NULL;
    minutes_shard_options opt = {.timeout_ms = 500};
    assert_int_equal(minutes_db_open_shards(paths, 1, &opt, &db, &err), MINUTES_IO_ERROR);
    assert_non_null(strstr(err, "127.0.0.1:1 ("));
    assert_non_null(strstr(err, "down.stub:2"));
    free(err);
    opt.partial = 1;
    assert_int_equal(minutes_db_open_shards(paths, 1, &opt, &db, &err), MINUTES_OK);
    assert_non_null(strstr(minutes_db_missing_shard(db, 0, NULL), "127.0.0.1:1"));
    minutes_db_close(db);
}

static void
test_bad_arguments(void **state)
{
    (void)state;
    minutes_db *db;
    char *err = NULL;
    const char *paths[] = {part_a};
    assert_int_equal(minutes_db_open_shards(paths, 1, NULL, NULL, &err), MINUTES_BAD_ARGUMENT);
    assert_int_equal(minutes_db_open_shards(NULL, 1, NULL, &db, &err), MINUTES_BAD_ARGUMENT);
    assert_null(db);
    free(err);
    const char *empty[] = {""};
    assert_int_equal(minutes_db_open_shards(empty, 1, NULL, &db, &err), MINUTES_BAD_ARGUMENT);
    free(err);
    assert_int_equal(minutes_db_shard_count(NULL), 0);
    assert_null(minutes_db_missing_shard(NULL, 0, NULL));
}

/* An origin is named once, before the index has paragraphs. */
static void
test_origin(void **state)
{
    (void)state;
    minutes_db *db;
    char path[160];
    snprintf(path, sizeof path, "%s/origin", scratch_dir);
    assert_int_equal(minutes_db_open(path, MINUTES_DB_CREATE, &db, NULL), MINUTES_OK);
    assert_non_null(minutes_db_origin(db)); /* the host's name */
    assert_int_equal(minutes_db_set_origin(db, ""), MINUTES_BAD_ARGUMENT);
    assert_int_equal(minutes_db_set_origin(db, "two\nlines"), MINUTES_BAD_ARGUMENT);
    assert_int_equal(minutes_db_set_origin(db, "first"), MINUTES_OK);
    assert_string_equal(minutes_db_origin(db), "first");
    assert_int_equal(minutes_index_file(db, "seeds/000_6f14756a497cac9d.txt", NULL), MINUTES_OK);
    assert_int_equal(minutes_db_set_origin(db, "first"), MINUTES_OK); /* no change */
    assert_int_equal(minutes_db_set_origin(db, "second"), MINUTES_BAD_ARGUMENT);
    assert_non_null(strstr(minutes_db_errmsg(db), "has origin 'first'"));
    minutes_db_close(db);
    assert_int_equal(minutes_db_open(path, MINUTES_DB_READ_ONLY, &db, NULL), MINUTES_OK);
    assert_string_equal(minutes_db_origin(db), "first");
    assert_int_equal(minutes_db_set_origin(db, "first"), MINUTES_BAD_ARGUMENT); /* read-only */
    minutes_db_close(db);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_as_one),      cmocka_unit_test(test_stub_lines),
        cmocka_unit_test(test_stub_refused),    cmocka_unit_test(test_missing_and_partial),
        cmocka_unit_test(test_remote_refused),  cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_origin),
    };
    return cmocka_run_group_tests(tests, make_parts, remove_parts);
}
