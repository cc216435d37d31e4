/* test-results.c - reading hits back from the index: a paragraph's fields with its section's,
 * through the section cache, and never a section record an index update has replaced. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "results.h"
#include "schema.h"
#include "scratch.h"

static char docs[128];
static char pack[160];

static int
open_db(void **state)
{
    if (scratch_make("results") != 0)
        return -1;
    char cmd[400];
    snprintf(docs, sizeof docs, "%s/docs", scratch_dir);
    snprintf(pack, sizeof pack, "%s/pack.txt", docs);
    /* The agenda pack: its agenda, minutes and papers are sections of their own. */
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp seeds/004_d98d4017c5ce876e.txt '%s'", docs,
             pack);
    if (system(cmd) != 0 || !(*state = scratch_index()))
        return -1;
    return 0;
}

static int
close_db(void **state)
{
    minutes_db_close(*state);
    return scratch_remove();
}

static void
index_docs(minutes_db *db)
{
    const char *paths[] = {docs};
    minutes_index_options opt = {0};
    assert_int_equal(minutes_index_paths(db, paths, 1, &opt, NULL, NULL, NULL), MINUTES_OK);
}

/* Decode paragraph `ordinal` of `file_id` into hit, with `cache`; 0 if there is none. */
static int
decode(minutes_db *db, section_cache *cache, const char *file_id, unsigned ordinal,
       minutes_hit *hit)
{
    char term[SCHEMA_TERM_MAX];
    schema_id_term(term, file_id, ordinal);
    char *data = NULL;
    size_t len = 0;
    int found = 0;
    assert_int_equal(xap_db_get_data_by_term(db->xap, term, &data, &len, &found), MINUTES_OK);
    if (found)
        assert_int_equal(results_decode_hit(db, cache, data, len, hit), MINUTES_OK);
    free(data);
    return found;
}

static void
release_hit(minutes_hit *hit)
{
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++) {
        free(hit->values[f]);
        hit->values[f] = NULL;
    }
}

static void
assert_same_fields(const minutes_hit *a, const minutes_hit *b)
{
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++) {
        if (!a->values[f])
            assert_null(b->values[f]);
        else
            assert_string_equal(a->values[f], b->values[f]);
    }
}

/* One cache read through every paragraph of a file, forwards and then back, gives each the
 * fields a fresh read gives it, across every change of section. */
static void
test_cache_follows_sections(void **state)
{
    minutes_db *db = *state;
    index_docs(db);
    char file_id[SCHEMA_FILE_ID_SIZE];
    db_file_id(db, file_id, pack);

    minutes_hit fresh = {0}, cached = {0};
    section_cache cache = {0};
    unsigned last = 0, changes = 0;
    char *previous = NULL;
    for (unsigned n = 1; decode(db, &cache, file_id, n, &cached); n++) {
        section_cache none = {0};
        assert_true(decode(db, &none, file_id, n, &fresh));
        section_cache_release(&none);
        assert_same_fields(&fresh, &cached);
        const char *section = cached.values[MINUTES_FIELD_SECTION];
        assert_non_null(section);
        changes += previous && strcmp(previous, section) != 0;
        free(previous);
        previous = strdup(section);
        release_hit(&fresh);
        release_hit(&cached);
        last = n;
    }
    free(previous);
    assert_true(last > 40);
    assert_true(changes >= 2);
    for (unsigned n = last; n >= 1; n--) {
        section_cache none = {0};
        assert_true(decode(db, &cache, file_id, n, &cached));
        assert_true(decode(db, &none, file_id, n, &fresh));
        section_cache_release(&none);
        assert_same_fields(&fresh, &cached);
        release_hit(&fresh);
        release_hit(&cached);
    }
    section_cache_release(&cache);
    assert_null(cache.key);
    assert_null(cache.record);
    section_cache_release(&cache); /* released twice: still empty */
}

/* The date of the first hit for `text`, run on `db` as an embedding program would. */
static char *
first_date(minutes_db *db, const char *text)
{
    minutes_query *q = NULL;
    minutes_results *res = NULL;
    assert_int_equal(minutes_query_create(db, text, &q), MINUTES_OK);
    assert_int_equal(minutes_query_set_flags(q, MINUTES_QUERY_UNDATED), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    assert_true(minutes_results_size(res) > 0);
    const char *date = minutes_hit_get(minutes_results_hit(res, 0), MINUTES_FIELD_DATE);
    char *copy = date ? strdup(date) : strdup("none");
    minutes_query_destroy(q);
    return copy;
}

/* The same handle searching before and after the file is indexed again with another date
 * (the same section record's key, a new record) sees the new one, searching and showing. */
static void
test_reindexed_section_read_afresh(void **state)
{
    minutes_db *db = *state;
    FILE *f = fopen(pack, "w");
    assert_non_null(f);
    fputs("Minutes of the Cabinet held on 3 March 2020\n\nOne paragraph about Ofsted.\n", f);
    fclose(f);
    index_docs(db);
    char *before = first_date(db, "ofsted");
    assert_string_equal(before, "2020-03-03");

    f = fopen(pack, "w");
    assert_non_null(f);
    fputs("Minutes of the Cabinet held on 4 April 2021\n\nOne paragraph about Ofsted.\n", f);
    fclose(f);
    index_docs(db);
    char *after = first_date(db, "ofsted");
    assert_string_equal(after, "2021-04-04");

    char file_id[SCHEMA_FILE_ID_SIZE], id[64];
    db_file_id(db, file_id, pack);
    snprintf(id, sizeof id, "%s:1", file_id);
    minutes_results *shown = NULL;
    size_t target = 0;
    assert_int_equal(minutes_db_show(db, id, 1, &shown, &target), MINUTES_OK);
    assert_non_null(shown);
    assert_string_equal(minutes_hit_get(minutes_results_hit(shown, target), MINUTES_FIELD_DATE),
                        "2021-04-04");
    minutes_results_destroy(shown);
    free(before);
    free(after);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cache_follows_sections, open_db, close_db),
        cmocka_unit_test_setup_teardown(test_reindexed_section_read_afresh, open_db, close_db),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
