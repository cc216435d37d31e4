/* test-api.c - the public API in include/minutes.h, used as an embedding program would:
 * build an index of the seeds, search it, read hits and their fields, and see errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "minutes.h"

static char tmpdir[64];
static char index_dir[128];
static unsigned long seed_paragraphs;

static void
on_file(void *ctx, const minutes_index_event *ev)
{
    unsigned *events = ctx;
    (*events)++;
    assert_int_equal(ev->kind, MINUTES_EVENT_INDEXED);
    assert_true(ev->paragraphs > 0);
}

static int
build_index(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/minutes-test-api-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(index_dir, sizeof index_dir, "%s/index", tmpdir);
    minutes_db *db;
    char *err = NULL;
    if (minutes_db_open(index_dir, MINUTES_DB_CREATE, &db, &err) != MINUTES_OK) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return -1;
    }
    unsigned events = 0;
    minutes_index_stats stats = {0};
    minutes_status st = minutes_index_path(db, "seeds", on_file, &events, &stats);
    seed_paragraphs = stats.paragraphs;
    minutes_db_close(db);
    return st == MINUTES_OK && events == 5 && stats.files_indexed == 5 ? 0 : -1;
}

static int
remove_index(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static minutes_db *
open_read_only(void)
{
    minutes_db *db = NULL;
    char *err = NULL;
    assert_int_equal(minutes_db_open(index_dir, MINUTES_DB_READ_ONLY, &db, &err), MINUTES_OK);
    assert_null(err);
    return db;
}

static void
test_counts_every_paragraph(void **state)
{
    (void)state;
    minutes_db *db = open_read_only();
    unsigned long n = 0;
    assert_int_equal(minutes_db_count_paragraphs(db, &n), MINUTES_OK);
    assert_int_equal(n, seed_paragraphs);
    assert_true(n > 300);
    minutes_db_close(db);
}

static void
test_reindex_replaces(void **state)
{
    (void)state;
    minutes_db *db;
    char *err = NULL;
    assert_int_equal(minutes_db_open(index_dir, MINUTES_DB_WRITABLE, &db, &err), MINUTES_OK);
    unsigned long paragraphs = 0;
    assert_int_equal(minutes_index_file(db, "seeds/../seeds/000_6f14756a497cac9d.txt", &paragraphs),
                     MINUTES_OK);
    assert_true(paragraphs > 40);
    unsigned long n = 0;
    assert_int_equal(minutes_db_count_paragraphs(db, &n), MINUTES_OK);
    assert_int_equal(n, seed_paragraphs);
    minutes_db_close(db);
}

static void
test_phrase_search_and_fields(void **state)
{
    (void)state;
    minutes_db *db = open_read_only();
    minutes_query *q;
    minutes_results *res;
    assert_int_equal(minutes_query_create(db, "\"private fostering\"", &q), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    assert_int_equal(minutes_results_size(res), 5);
    assert_int_equal(minutes_results_estimate(res), 5);

    int saw_bullet = 0;
    double last_score = 1e300;
    for (size_t i = 0; i < minutes_results_size(res); i++) {
        const minutes_hit *hit = minutes_results_hit(res, i);
        assert_int_equal(minutes_hit_rank(hit), i + 1);
        assert_true(minutes_hit_score(hit) <= last_score);
        last_score = minutes_hit_score(hit);
        const char *path = minutes_hit_get(hit, MINUTES_FIELD_PATH);
        assert_non_null(path);
        assert_int_equal(path[0], '/'); /* canonical */
        const char *snippet = minutes_hit_get(hit, MINUTES_FIELD_SNIPPET);
        assert_non_null(snippet);
        assert_non_null(strchr(snippet, MINUTES_MARK_START));
        assert_non_null(strchr(snippet, MINUTES_MARK_END));
        if (strstr(path, "000_6f14756a497cac9d.txt") &&
            strcmp(minutes_hit_get(hit, MINUTES_FIELD_LINE), "87") == 0) {
            saw_bullet = 1;
            assert_string_equal(minutes_hit_get(hit, MINUTES_FIELD_TEXT), "Private fostering");
            assert_string_equal(minutes_hit_get(hit, MINUTES_FIELD_ITEM_NUMBER), "3");
            assert_string_equal(minutes_hit_get(hit, MINUTES_FIELD_ITEM_TITLE), "Ofsted Report");
            assert_string_equal(minutes_hit_get(hit, MINUTES_FIELD_KIND), "list-item");
            assert_string_equal(minutes_hit_get(hit, MINUTES_FIELD_LINE_END), "87");
        }
    }
    assert_true(saw_bullet);
    assert_null(minutes_results_hit(res, 5));
    assert_non_null(minutes_query_describe(q));
    minutes_query_destroy(q);
    minutes_db_close(db);
}

static void
test_exact_and_filters(void **state)
{
    (void)state;
    minutes_db *db = open_read_only();
    minutes_query *q;
    minutes_results *res;
    assert_int_equal(minutes_query_create(db, "\"private fostering\"", &q), MINUTES_OK);
    assert_int_equal(minutes_query_set_flags(q, MINUTES_QUERY_EXACT), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    assert_int_equal(minutes_results_size(res), 3);

    /* A filter restricts without changing the weights. */
    minutes_query_set_flags(q, 0);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    double weight = -1;
    for (size_t i = 0; i < minutes_results_size(res); i++) {
        const minutes_hit *hit = minutes_results_hit(res, i);
        if (strstr(minutes_hit_get(hit, MINUTES_FIELD_PATH), "003_"))
            weight = minutes_hit_score(hit);
    }
    assert_true(weight > 0);
    assert_int_equal(
        minutes_query_add_filter(q, MINUTES_FIELD_PATH, "seeds/003_ece979df50451812.txt"),
        MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    assert_int_equal(minutes_results_size(res), 1);
    assert_true(minutes_hit_score(minutes_results_hit(res, 0)) == weight);
    assert_int_equal(minutes_query_add_filter(q, MINUTES_FIELD_TEXT, "x"), MINUTES_BAD_ARGUMENT);
    assert_non_null(strstr(minutes_db_errmsg(db), "text"));
    minutes_query_destroy(q);
    minutes_db_close(db);
}

static void
test_paging(void **state)
{
    (void)state;
    minutes_db *db = open_read_only();
    minutes_query *q;
    minutes_results *res;
    assert_int_equal(minutes_query_create(db, "Ofsted", &q), MINUTES_OK);
    assert_int_equal(minutes_query_set_range(q, 0, 6), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    assert_int_equal(minutes_results_size(res), 6);
    char fifth[512];
    snprintf(fifth, sizeof fifth, "%s#%s",
             minutes_hit_get(minutes_results_hit(res, 4), MINUTES_FIELD_PATH),
             minutes_hit_get(minutes_results_hit(res, 4), MINUTES_FIELD_PARAGRAPH));
    assert_int_equal(minutes_query_set_range(q, 4, 2), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    assert_int_equal(minutes_results_size(res), 2);
    const minutes_hit *hit = minutes_results_hit(res, 0);
    char got[512];
    snprintf(got, sizeof got, "%s#%s", minutes_hit_get(hit, MINUTES_FIELD_PATH),
             minutes_hit_get(hit, MINUTES_FIELD_PARAGRAPH));
    assert_string_equal(got, fifth);
    assert_int_equal(minutes_hit_rank(hit), 5);
    assert_int_equal(minutes_query_set_range(q, 0, 0), MINUTES_BAD_ARGUMENT);
    minutes_query_destroy(q);
    minutes_db_close(db);
}

static void
test_errors(void **state)
{
    (void)state;
    minutes_db *db = NULL;
    char *err = NULL;
    char missing[160];
    snprintf(missing, sizeof missing, "%s/missing", tmpdir);
    assert_int_equal(minutes_db_open(missing, MINUTES_DB_READ_ONLY, &db, &err), MINUTES_NO_INDEX);
    assert_null(db);
    assert_non_null(err);
    assert_non_null(strstr(err, missing));
    free(err);

    db = open_read_only();
    minutes_query *q;
    minutes_results *res = NULL;
    assert_int_equal(minutes_query_create(db, "Ofsted date:2017-13", &q), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_BAD_QUERY);
    assert_null(res);
    assert_non_null(strstr(minutes_db_errmsg(db), "invalid date"));
    minutes_query_destroy(q);

    /* Indexing needs a writable index. */
    assert_int_equal(minutes_index_file(db, "seeds/000_6f14756a497cac9d.txt", NULL),
                     MINUTES_BAD_ARGUMENT);
    minutes_db_close(db);

    assert_int_equal(minutes_db_open(index_dir, MINUTES_DB_WRITABLE, &db, &err), MINUTES_OK);
    assert_int_equal(minutes_index_file(db, "seeds/none.txt", NULL), MINUTES_UNREADABLE_FILE);
    assert_non_null(strstr(minutes_db_errmsg(db), "seeds/none.txt"));
    minutes_db *second = NULL;
    assert_int_equal(minutes_db_open(index_dir, MINUTES_DB_WRITABLE, &second, &err),
                     MINUTES_LOCKED);
    assert_non_null(err);
    free(err);
    minutes_db_close(db);

    assert_string_equal(minutes_status_str(MINUTES_OK), "success");
    assert_string_equal(minutes_status_str(MINUTES_READ_ONLY), "index is read-only");
    assert_non_null(minutes_status_str((minutes_status)999));
    assert_string_equal(minutes_field_name(MINUTES_FIELD_ITEM_TITLE), "item_title");
    assert_null(minutes_field_name(MINUTES_FIELD_COUNT_));
}

/* The number of hits of `text` with the filter `field` = `value` (none if value is NULL). */
static size_t
count_hits(minutes_db *db, const char *text, minutes_field field, const char *value)
{
    minutes_query *q;
    minutes_results *res;
    assert_int_equal(minutes_query_create(db, text, &q), MINUTES_OK);
    assert_int_equal(minutes_query_set_range(q, 0, 10000), MINUTES_OK);
    if (value)
        assert_int_equal(minutes_query_add_filter(q, field, value), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    size_t n = minutes_results_size(res);
    minutes_query_destroy(q);
    return n;
}

static void
test_date_filters(void **state)
{
    (void)state;
    minutes_db *db = open_read_only();
    size_t year = count_hits(db, "Ofsted", MINUTES_FIELD_DATE, "2017");
    assert_true(year > 0);
    assert_int_equal(count_hits(db, "Ofsted", MINUTES_FIELD_DATE, "2017-06"), year);
    assert_int_equal(count_hits(db, "Ofsted", MINUTES_FIELD_DATE, "29/06/2017"), year);
    assert_int_equal(count_hits(db, "Ofsted", MINUTES_FIELD_DATE, "2017-06-29..2017-06-29"), year);
    assert_int_equal(count_hits(db, "Ofsted", MINUTES_FIELD_DATE, "2017-06-30.."),
                     count_hits(db, "Ofsted", MINUTES_FIELD_DATE, "2018.."));
    assert_int_equal(count_hits(db, "Ofsted", MINUTES_FIELD_DATE, "1900..1969"), 0);
    assert_int_equal(count_hits(db, "Ofsted date:2017", MINUTES_FIELD_DATE, NULL), year);

    const char *bad[] = {"2017-13", "2017-02-30", "31/06/2017", "..", "", "soon", "2017...2018"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        minutes_query *q;
        assert_int_equal(minutes_query_create(db, "Ofsted", &q), MINUTES_OK);
        assert_int_equal(minutes_query_add_filter(q, MINUTES_FIELD_DATE, bad[i]),
                         MINUTES_BAD_QUERY);
        assert_non_null(strstr(minutes_db_errmsg(db), "invalid date"));
        minutes_query_destroy(q);
    }

    /* since/until AND together, unlike repeated dates. */
    minutes_query *q;
    minutes_results *res;
    assert_int_equal(minutes_query_create(db, "", &q), MINUTES_OK);
    assert_int_equal(minutes_query_set_range(q, 0, 10000), MINUTES_OK);
    assert_int_equal(minutes_query_set_date_range(q, "2016", "2017-12-31"), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    for (size_t i = 0; i < minutes_results_size(res); i++) {
        const char *date = minutes_hit_get(minutes_results_hit(res, i), MINUTES_FIELD_DATE);
        assert_non_null(date);
        assert_true(strcmp(date, "2016-01-01") >= 0 && strcmp(date, "2017-12-31") <= 0);
    }
    assert_true(minutes_results_size(res) > 0);
    minutes_query_destroy(q);
    minutes_db_close(db);
}

/* The hits of `text` since 1900 with `flags`, and what the date filter left out. */
static size_t
since_1900(minutes_db *db, const char *text, unsigned flags, unsigned long *left_out)
{
    minutes_query *q;
    minutes_results *res;
    assert_int_equal(minutes_query_create(db, text, &q), MINUTES_OK);
    assert_int_equal(minutes_query_set_flags(q, flags), MINUTES_OK);
    assert_int_equal(minutes_query_set_range(q, 0, 10000), MINUTES_OK);
    assert_int_equal(minutes_query_set_date_range(q, "1900", NULL), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    size_t n = minutes_results_size(res);
    *left_out = minutes_query_left_out(q, MINUTES_FIELD_DATE);
    assert_int_equal(minutes_query_left_out(q, MINUTES_FIELD_BOARD), 0);
    assert_int_equal(minutes_query_left_out(q, MINUTES_FIELD_KIND), 0);
    minutes_query_destroy(q);
    return n;
}

static void
test_unknown_dates(void **state)
{
    (void)state;
    minutes_db *db = open_read_only();
    /* 002 is of unknown date: a date filter leaves its paragraphs out, and counts them. */
    unsigned long left_out = 0, none = 1;
    size_t dated = since_1900(db, "\"private fostering\"", 0, &left_out);
    assert_int_equal(dated, 3);
    assert_int_equal(left_out, 2);
    assert_int_equal(since_1900(db, "\"private fostering\"", MINUTES_QUERY_UNDATED, &none), 5);
    assert_int_equal(none, 0);
    /* no filter, nothing left out */
    minutes_query *q;
    minutes_results *res;
    assert_int_equal(minutes_query_create(db, "\"private fostering\"", &q), MINUTES_OK);
    assert_int_equal(minutes_query_left_out(q, MINUTES_FIELD_DATE), 0);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    assert_int_equal(minutes_query_left_out(q, MINUTES_FIELD_DATE), 0);
    assert_int_equal(minutes_query_set_flags(q, 1u << 30), MINUTES_BAD_ARGUMENT);
    minutes_query_destroy(q);
    assert_int_equal(minutes_query_left_out(NULL, MINUTES_FIELD_DATE), 0);
    minutes_db_close(db);
}

static void
test_facets_and_collapse(void **state)
{
    (void)state;
    minutes_db *db = open_read_only();
    minutes_query *q;
    minutes_results *res;
    assert_int_equal(minutes_query_create(db, "Ofsted", &q), MINUTES_OK);
    assert_int_equal(minutes_query_set_facets(q, 1), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    size_t total = count_hits(db, "Ofsted", MINUTES_FIELD_DATE, NULL);
    unsigned long boards = 0;
    int facets_seen = 0;
    const char *last = "";
    for (size_t i = 0; i < minutes_results_facet_count(res); i++) {
        const minutes_facet *f = minutes_results_facet(res, i);
        if (f->field == MINUTES_FIELD_BOARD_ID)
            boards += f->count;
        if (strcmp(f->name, last) != 0)
            facets_seen++;
        last = f->name;
    }
    assert_int_equal(boards, total);
    assert_int_equal(facets_seen, 6); /* board_id, item_type, doc_type, year, month, council */
    assert_null(minutes_results_facet(res, minutes_results_facet_count(res)));

    assert_int_equal(minutes_query_set_facets(q, 0), MINUTES_OK);
    assert_int_equal(minutes_query_set_collapse(q, MINUTES_COLLAPSE_MEETING), MINUTES_OK);
    assert_int_equal(minutes_query_set_range(q, 0, 1000), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    size_t sum = 0;
    for (size_t i = 0; i < minutes_results_size(res); i++)
        sum += 1 + minutes_hit_collapsed(minutes_results_hit(res, i));
    assert_int_equal(sum, total);
    assert_true(minutes_results_size(res) < total);
    assert_int_equal(minutes_query_set_collapse(q, (minutes_collapse)7), MINUTES_BAD_ARGUMENT);
    minutes_query_destroy(q);
    minutes_db_close(db);
}

static void
test_show(void **state)
{
    (void)state;
    minutes_db *db = open_read_only();
    minutes_query *q;
    minutes_results *res;
    assert_int_equal(minutes_query_create(db, "\"Private fostering\"", &q), MINUTES_OK);
    assert_int_equal(minutes_query_set_flags(q, MINUTES_QUERY_EXACT), MINUTES_OK);
    assert_int_equal(minutes_query_add_filter(q, MINUTES_FIELD_DATE, "2017"), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    assert_int_equal(minutes_results_size(res), 1);
    char id[64];
    snprintf(id, sizeof id, "%s", minutes_hit_get(minutes_results_hit(res, 0), MINUTES_FIELD_ID));
    minutes_query_destroy(q);

    minutes_results *shown = NULL;
    size_t target = 99;
    assert_int_equal(minutes_db_show(db, id, 1, &shown, &target), MINUTES_OK);
    assert_non_null(shown);
    assert_int_equal(minutes_results_size(shown), 3);
    assert_int_equal(target, 1);
    assert_string_equal(minutes_hit_get(minutes_results_hit(shown, 1), MINUTES_FIELD_TEXT),
                        "Private fostering");
    assert_string_equal(minutes_hit_get(minutes_results_hit(shown, 0), MINUTES_FIELD_LINE), "86");
    minutes_results_destroy(shown);

    assert_int_equal(minutes_db_show(db, "000000000000:1", 1, &shown, &target), MINUTES_OK);
    assert_null(shown);
    assert_int_equal(minutes_db_show(db, "zz:1", 1, &shown, &target), MINUTES_BAD_ARGUMENT);
    assert_int_equal(minutes_db_show(db, "c83679b4ac7b:0", 1, &shown, &target),
                     MINUTES_BAD_ARGUMENT);
    minutes_db_close(db);
}

/* "Did you mean" on the seeds: a suggestion only when little matched, the query unchanged;
 * and MINUTES_QUERY_MATCH_CASE: SEND as written. */
static void
test_suggestion_and_case(void **state)
{
    (void)state;
    minutes_db *db = open_read_only();
    minutes_query *q;
    minutes_results *res;
    assert_int_equal(minutes_query_create(db, "safegaurding fostring", &q), MINUTES_OK);
    assert_null(minutes_query_suggestion(q));
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    assert_int_equal(minutes_results_size(res), 0);
    assert_string_equal(minutes_query_suggestion(q), "safeguarding fostering");
    minutes_query_destroy(q);

    assert_int_equal(minutes_query_create(db, "fostering", &q), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    assert_true(minutes_results_size(res) > 0);
    assert_null(minutes_query_suggestion(q));
    minutes_query_destroy(q);

    assert_int_equal(minutes_query_create(db, "SEND", &q), MINUTES_OK);
    assert_int_equal(minutes_query_set_flags(q, MINUTES_QUERY_NO_SYNONYMS), MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    size_t any_case = minutes_results_estimate(res);
    assert_int_equal(
        minutes_query_set_flags(q, MINUTES_QUERY_NO_SYNONYMS | MINUTES_QUERY_MATCH_CASE),
        MINUTES_OK);
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    size_t as_written = minutes_results_estimate(res);
    assert_true(as_written > 0 && as_written <= any_case);
    assert_int_equal(minutes_results_size(res), as_written < 10 ? as_written : 10);
    for (size_t i = 0; i < minutes_results_size(res); i++) {
        const char *text = minutes_hit_get(minutes_results_hit(res, i), MINUTES_FIELD_TEXT);
        assert_non_null(strstr(text, "SEND"));
    }
    minutes_query_destroy(q);
    minutes_db_close(db);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_every_paragraph),
        cmocka_unit_test(test_reindex_replaces),
        cmocka_unit_test(test_phrase_search_and_fields),
        cmocka_unit_test(test_exact_and_filters),
        cmocka_unit_test(test_paging),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_date_filters),
        cmocka_unit_test(test_unknown_dates),
        cmocka_unit_test(test_facets_and_collapse),
        cmocka_unit_test(test_show),
        cmocka_unit_test(test_suggestion_and_case),
    };
    return cmocka_run_group_tests(tests, build_index, remove_index);
}
