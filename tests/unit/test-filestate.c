/* test-filestate.c - the per-file records an index keeps, the set of paths a run has seen,
 * and its list of files to read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "filestate.h"
#include "hash.h"
#include "pathset.h"
#include "schema.h"
#include "scratch.h"
#include "todo.h"

static int
open_db(void **state)
{
    if (scratch_make("filestate") != 0 || !(*state = scratch_index()))
        return -1;
    return 0;
}

static int
close_db(void **state)
{
    minutes_db_close(*state);
    return scratch_remove();
}

static int
count_path(void *ctx, const char *path)
{
    (void)path;
    (*(int *)ctx)++;
    return 0;
}

static void
test_round_trip(void **state)
{
    minutes_db *db = *state;
    filestate fs = {0}, back;
    fs.size = 12345;
    fs.mtime_ns = 1700000000123456789LL;
    fs.hash = 0xfedcba9876543210ULL;
    fs.sidecars = 42;
    fs.paragraphs = 77;
    int found = 1;
    assert_int_equal(filestate_load(db, "/council/a.txt", &back, &found), MINUTES_OK);
    assert_false(found);
    assert_int_equal(filestate_store(db, "/council/a.txt", &fs), MINUTES_OK);
    assert_int_equal(filestate_load(db, "/council/a.txt", &back, &found), MINUTES_OK);
    assert_true(found);
    assert_string_equal(back.path, "/council/a.txt");
    assert_int_equal(back.size, 12345);
    assert_true(back.mtime_ns == 1700000000123456789LL);
    assert_true(back.hash == 0xfedcba9876543210ULL);
    assert_int_equal(back.sidecars, 42);
    assert_int_equal(back.paragraphs, 77);
    assert_false(back.failed);
    assert_null(back.reason);
    filestate_release(&back);

    fs.failed = 1;
    fs.reason = "binary content";
    assert_int_equal(filestate_store(db, "/council/a.txt", &fs), MINUTES_OK);
    assert_int_equal(filestate_load(db, "/council/a.txt", &back, &found), MINUTES_OK);
    assert_true(back.failed);
    assert_string_equal(back.reason, "binary content");
    filestate_release(&back);

    assert_int_equal(filestate_store(db, "/council/a.txt", NULL), MINUTES_OK);
    assert_int_equal(filestate_load(db, "/council/a.txt", &back, &found), MINUTES_OK);
    assert_false(found);
}

static void
test_each_by_prefix(void **state)
{
    minutes_db *db = *state;
    filestate fs = {0};
    char longpath[600];
    memset(longpath, 'x', sizeof longpath - 1);
    longpath[0] = '/';
    memcpy(longpath, "/tree/", 6);
    longpath[sizeof longpath - 1] = '\0';
    const char *paths[] = {"/tree/a.txt", "/tree/sub/b.md", "/treehouse/c.txt", "/other/d.txt",
                           longpath};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(filestate_store(db, paths[i], &fs), MINUTES_OK);

    int n = 0;
    assert_int_equal(filestate_each(db, "/tree/", count_path, &n), MINUTES_OK);
    assert_int_equal(n, 3); /* a.txt, sub/b.md and the long one, found by its hash key */
    n = 0;
    assert_int_equal(filestate_each(db, "", count_path, &n), MINUTES_OK);
    assert_int_equal(n, 5); /* each record once */
    filestate back;
    int found = 0;
    assert_int_equal(filestate_load(db, longpath, &back, &found), MINUTES_OK);
    assert_true(found);
    assert_string_equal(back.path, longpath);
    filestate_release(&back);
}

/* A path is bytes: one that is not UTF-8, or holds the records' separator or a newline, comes
 * back as it went in, whether the record is keyed by the path or by its hash. */
static void
test_paths_as_bytes(void **state)
{
    minutes_db *db = *state;
    char longpath[600];
    memset(longpath, 'x', sizeof longpath - 1);
    memcpy(longpath, "/caf\xe9/", 7);
    longpath[sizeof longpath - 1] = '\0';
    const char *paths[] = {"/council/caf\xe9.txt", "/council/\xff\xfe/na\xefve.txt",
                           "/council/unit\x1fsep\nnewline.txt", longpath};
    filestate fs = {0}, back;
    fs.size = 5;
    fs.mtime_ns = -1500000000LL; /* before 1970 */
    fs.hash = 0xffffffffffffffffULL;
    fs.failed = 1;
    fs.reason = "a reason with \xe9 and \x1f in it";
    for (size_t i = 0; i < 4; i++) {
        int found = 0;
        assert_int_equal(filestate_store(db, paths[i], &fs), MINUTES_OK);
        assert_int_equal(filestate_load(db, paths[i], &back, &found), MINUTES_OK);
        assert_true(found);
        assert_string_equal(back.path, paths[i]);
        assert_int_equal(back.size, 5);
        assert_true(back.mtime_ns == -1500000000LL);
        assert_true(back.hash == 0xffffffffffffffffULL);
        assert_true(back.failed);
        assert_string_equal(back.reason, "a reason with \xe9 and   in it");
        filestate_release(&back);
    }
    int n = 0;
    assert_int_equal(filestate_each(db, "/caf\xe9/", count_path, &n), MINUTES_OK);
    assert_int_equal(n, 1); /* the long one, found by its hash key */
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(filestate_store(db, paths[i], NULL), MINUTES_OK);
    n = 0;
    assert_int_equal(filestate_each(db, "", count_path, &n), MINUTES_OK);
    assert_int_equal(n, 0);
}

/* Records written as JSON objects, before the records had a form of their own, are read. */
static void
test_json_records(void **state)
{
    minutes_db *db = *state;
    const char *record = "{\"path\":\"/council/old.txt\",\"size\":12,\"mtime_ns\":34,"
                         "\"hash\":\"00000000000000ab\",\"sidecars\":\"0000000000000007\","
                         "\"paragraphs\":3,\"sections\":2,\"failed\":true,"
                         "\"reason\":\"binary content\"}";
    assert_int_equal(xap_db_set_metadata(db->xap, FILESTATE_KEY_PREFIX "/council/old.txt", record),
                     MINUTES_OK);
    filestate back;
    int found = 0;
    assert_int_equal(filestate_load(db, "/council/old.txt", &back, &found), MINUTES_OK);
    assert_true(found);
    assert_string_equal(back.path, "/council/old.txt");
    assert_int_equal(back.size, 12);
    assert_int_equal(back.mtime_ns, 34);
    assert_true(back.hash == 0xab);
    assert_true(back.sidecars == 7);
    assert_int_equal(back.paragraphs, 3);
    assert_int_equal(back.sections, 2);
    assert_true(back.failed);
    assert_string_equal(back.reason, "binary content");
    filestate_release(&back);

    /* What is neither form is no record: the file is read again. */
    assert_int_equal(xap_db_set_metadata(db->xap, FILESTATE_KEY_PREFIX "/council/bad.txt",
                                         "12\x1f" "34\x1f"),
                     MINUTES_OK);
    assert_int_equal(filestate_load(db, "/council/bad.txt", &back, &found), MINUTES_OK);
    assert_false(found);
}

/* How many paragraphs of `path` the index holds, and (in *records) how many carry their
 * section's record; each paragraph's record must be found in the paragraph it names. */
static unsigned
paragraphs_with_records(minutes_db *db, const char *path, unsigned *records)
{
    char file_id[SCHEMA_FILE_ID_SIZE], term[SCHEMA_TERM_MAX];
    db_file_id(db, file_id, path);
    unsigned n = 0;
    *records = 0;
    for (;; n++) {
        char *data = NULL, *values[MINUTES_FIELD_COUNT_] = {0};
        size_t len = 0;
        int found = 0;
        schema_id_term(term, file_id, n + 1);
        assert_int_equal(xap_db_get_data_by_term(db->xap, term, &data, &len, &found), MINUTES_OK);
        if (!found)
            break;
        schema_section_ref ref;
        assert_int_equal(schema_decode_data(data, len, values, &ref), MINUTES_OK);
        assert_true(ref.first >= 1 && ref.first <= n + 1);
        assert_true((ref.record != NULL) == (ref.first == n + 1));
        *records += ref.record != NULL;
        for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
            free(values[f]);
        free(data);
    }
    return n;
}

/* Whether any user metadata key starts with `prefix`. */
static int
stop_at_first(void *ctx, const char *key)
{
    (void)key;
    *(int *)ctx = 1;
    return 1;
}

static int
has_metadata(minutes_db *db, const char *prefix)
{
    int any = 0;
    assert_int_equal(xap_db_each_metadata_key(db->xap, prefix, stop_at_first, &any), MINUTES_OK);
    return any;
}

static unsigned
sections_recorded(minutes_db *db, const char *path)
{
    filestate fs;
    int found = 0;
    assert_int_equal(filestate_load(db, path, &fs, &found), MINUTES_OK);
    unsigned n = found ? fs.sections : 0;
    filestate_release(&fs);
    return n;
}

/* A file's section records are written in its sections' first paragraphs, and go with them
 * when it changes or goes. */
static void
test_section_records(void **state)
{
    minutes_db *db = *state;
    char dir[128], file[160], cmd[400];
    snprintf(dir, sizeof dir, "%s/docs", scratch_dir);
    snprintf(file, sizeof file, "%s/pack.txt", dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp seeds/004_d98d4017c5ce876e.txt '%s'", dir,
             file);
    assert_int_equal(system(cmd), 0);
    const char *paths[] = {dir};
    minutes_index_options opt = {0};
    assert_int_equal(minutes_index_paths(db, paths, 1, &opt, NULL, NULL, NULL), MINUTES_OK);
    unsigned n = sections_recorded(db, file), records = 0;
    assert_true(n >= 3); /* the agenda pack: agenda, minutes, briefing note, appendix... */
    assert_true(paragraphs_with_records(db, file, &records) > n);
    assert_int_equal(records, n); /* one in each section's first paragraph */
    assert_false(has_metadata(db, "minutes:section:")); /* none where a shard would hide it */

    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("Minutes of the Cabinet held on 3 March 2020\n\nOne paragraph about Ofsted.\n", f);
    fclose(f);
    assert_int_equal(minutes_index_paths(db, paths, 1, &opt, NULL, NULL, NULL), MINUTES_OK);
    assert_int_equal(sections_recorded(db, file), 1);
    assert_int_equal(paragraphs_with_records(db, file, &records), 2);
    assert_int_equal(records, 1);

    assert_int_equal(unlink(file), 0);
    assert_int_equal(minutes_index_paths(db, paths, 1, &opt, NULL, NULL, NULL), MINUTES_OK);
    assert_int_equal(paragraphs_with_records(db, file, &records), 0);
}

static void
test_pathset(void **state)
{
    (void)state;
    pathset set = {0};
    char path[64];
    int added = -1;
    assert_false(pathset_contains(&set, "/a"));
    for (int i = 0; i < 50000; i++) {
        snprintf(path, sizeof path, "/corpus/%d.txt", i);
        assert_int_equal(pathset_add(&set, path, &added), MINUTES_OK);
        assert_int_equal(added, 1);
    }
    /* twice: once, and the second add says so */
    assert_int_equal(pathset_add(&set, "/corpus/7.txt", &added), MINUTES_OK);
    assert_int_equal(added, 0);
    assert_int_equal(set.count, 50000);
    for (int i = 0; i < 50000; i++) {
        snprintf(path, sizeof path, "/corpus/%d.txt", i);
        assert_true(pathset_contains(&set, path));
    }
    /* paths that differ little are not taken for one another */
    assert_false(pathset_contains(&set, "/corpus/50000.txt"));
    assert_false(pathset_contains(&set, "/corpus/7.txt "));
    assert_false(pathset_contains(&set, "/corpus/7.tx"));
    assert_false(pathset_contains(&set, "/Corpus/7.txt"));
    assert_false(pathset_contains(&set, ""));
    pathset_release(&set);
    assert_false(pathset_contains(&set, "/corpus/1.txt"));
}

/* The todo list: records written through the buffer and on their own come back in order,
 * to each reader from the start, with their paths and states. */
static void
test_todo_list(void **state)
{
    minutes_db *db = *state;
    todo_list todo = {.fd = -1};

    enum { FILES = 3000, LONG = 1500 };
    size_t long_len = 70000; /* longer than the write buffer */
    char *long_path = malloc(long_len + 1);
    assert_non_null(long_path);
    memset(long_path, 'x', long_len);
    long_path[0] = '/';
    long_path[long_len] = '\0';
    char path[64], shown[64];
    for (int i = 0; i < FILES; i++) {
        filestate now = {0}, before = {0};
        now.size = i;
        now.mtime_ns = 1000LL * i;
        now.path = "not kept";
        before.hash = (uint64_t)i * 7;
        before.paragraphs = (unsigned long)i + 1;
        snprintf(path, sizeof path, "/corpus/%d.txt", i);
        snprintf(shown, sizeof shown, "corpus/%d.txt", i);
        assert_int_equal(todo_add(&todo, db, i % 2 ? shown : path, i == LONG ? long_path : path,
                                  &now, &before, i % 3 == 0),
                         MINUTES_OK);
    }
    assert_int_equal(todo_finish(&todo, db), MINUTES_OK);
    assert_int_equal(todo.count, FILES);

    for (int pass = 0; pass < 2; pass++) {
        todo_reader r;
        todo_file f;
        todo_reader_start(&r, &todo);
        for (int i = 0; i < FILES; i++) {
            assert_int_equal(todo_next(&r, &f), 1);
            snprintf(path, sizeof path, "/corpus/%d.txt", i);
            snprintf(shown, sizeof shown, "corpus/%d.txt", i);
            const char *want_path = i == LONG ? long_path : path,
                       *want_shown = i % 2 ? shown : path;
            assert_string_equal(f.path, want_path);
            if (strcmp(want_shown, want_path) == 0)
                assert_null(f.shown); /* named as it is */
            else
                assert_string_equal(f.shown, want_shown);
            assert_int_equal(f.now.size, i);
            assert_int_equal(f.now.mtime_ns, 1000LL * i);
            assert_null(f.now.path);
            assert_int_equal(f.found, i % 3 == 0);
            assert_int_equal(f.before.paragraphs, i % 3 == 0 ? (unsigned long)i + 1 : 0);
        }
        assert_int_equal(todo_next(&r, &f), 0);
        todo_reader_release(&r);
    }
    todo_release(&todo);
    free(long_path);
}

static void
test_hash(void **state)
{
    (void)state;
    const uint64_t b = HASH_FNV1A_BASIS;
    assert_true(hash_fnv1a("minutes", 7, b) == hash_fnv1a("minutes", 7, b));
    assert_true(hash_fnv1a("minutes", 7, b) != hash_fnv1a("Minutes", 7, b));
    /* Continuing a hash is hashing the concatenation. */
    assert_true(hash_fnv1a("b", 1, hash_fnv1a("a", 1, b)) == hash_fnv1a("ab", 2, b));
    /* The published FNV-1a test vector, so ids stored in indexes stay what they were. */
    assert_true(hash_fnv1a("a", 1, b) == 0xaf63dc4c8601ec8cULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, open_db, close_db),
        cmocka_unit_test_setup_teardown(test_each_by_prefix, open_db, close_db),
        cmocka_unit_test_setup_teardown(test_paths_as_bytes, open_db, close_db),
        cmocka_unit_test_setup_teardown(test_json_records, open_db, close_db),
        cmocka_unit_test_setup_teardown(test_section_records, open_db, close_db),
        cmocka_unit_test(test_pathset),
        cmocka_unit_test_setup_teardown(test_todo_list, open_db, close_db),
        cmocka_unit_test(test_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
