/* test-meetings.c - listing the meetings a query matches: every match counted in one meeting,
 * the order, what the date filter left out, and the query's own settings untouched by it. */
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

static int
build_index(void **state)
{
    minutes_db *db;
    if (scratch_make("meetings") != 0 || !(db = scratch_index()))
        return -1;
    minutes_index_stats stats = {0};
    if (minutes_index_path(db, "seeds", NULL, NULL, &stats) != MINUTES_OK ||
        stats.files_indexed != 5) {
        minutes_db_close(db);
        return -1;
    }
    *state = db;
    return 0;
}

static int
remove_index(void **state)
{
    minutes_db_close(*state);
    return scratch_remove();
}

static unsigned long
paragraphs_of(const minutes_meeting *list, size_t n, int undated_only)
{
    unsigned long sum = 0;
    for (size_t i = 0; i < n; i++)
        if (!undated_only || !list[i].date)
            sum += list[i].paragraphs;
    return sum;
}

/* With no words and no filters every paragraph matches: each is counted in exactly one
 * meeting, the meetings come oldest first with the undated last, and each has a document. */
static void
test_every_paragraph_in_one_meeting(void **state)
{
    minutes_db *db = *state;
    unsigned long total = 0;
    assert_int_equal(minutes_db_count_paragraphs(db, &total), MINUTES_OK);
    minutes_query *q = NULL;
    assert_int_equal(minutes_query_create(db, "", &q), MINUTES_OK);
    const minutes_meeting *list = NULL;
    size_t n = 0;
    assert_int_equal(minutes_query_meetings(q, &list, &n), MINUTES_OK);
    assert_true(n >= 3);
    assert_int_equal(paragraphs_of(list, n, 0), total);
    for (size_t i = 0; i < n; i++) {
        assert_true(list[i].documents >= 1);
        assert_true(list[i].paragraphs >= list[i].documents);
        if (i > 0 && list[i].date) {
            assert_non_null(list[i - 1].date); /* the undated come last */
            assert_true(strcmp(list[i - 1].date, list[i].date) <= 0);
        }
    }
    assert_null(list[n - 1].date); /* 002_ has no date */
    assert_int_equal(minutes_query_left_out(q, MINUTES_FIELD_DATE), 0);
    minutes_query_destroy(q);
}

/* What a date filter leaves out of the meetings is what keeping the undated adds. */
static void
test_left_out_is_what_undated_adds(void **state)
{
    minutes_db *db = *state;
    minutes_query *q = NULL;
    const minutes_meeting *list = NULL;
    size_t n = 0;
    assert_int_equal(minutes_query_create(db, "", &q), MINUTES_OK);
    assert_int_equal(minutes_query_set_date_range(q, "1900", NULL), MINUTES_OK);
    assert_int_equal(minutes_query_meetings(q, &list, &n), MINUTES_OK);
    assert_true(n > 0);
    unsigned long dated = paragraphs_of(list, n, 0);
    assert_int_equal(paragraphs_of(list, n, 1), 0);
    unsigned long left_out = minutes_query_left_out(q, MINUTES_FIELD_DATE);
    assert_true(left_out > 0);

    assert_int_equal(minutes_query_set_flags(q, MINUTES_QUERY_UNDATED), MINUTES_OK);
    assert_int_equal(minutes_query_meetings(q, &list, &n), MINUTES_OK);
    assert_int_equal(paragraphs_of(list, n, 1), left_out);
    assert_int_equal(paragraphs_of(list, n, 0), dated + left_out);
    assert_int_equal(minutes_query_left_out(q, MINUTES_FIELD_DATE), 0);
    minutes_query_destroy(q);
}

/* A run's hits, as text to compare: id, collapsed count and snippet of each. */
static char *
hits_of(minutes_query *q, size_t *estimate)
{
    minutes_results *res = NULL;
    assert_int_equal(minutes_query_run(q, &res), MINUTES_OK);
    *estimate = minutes_results_estimate(res);
    size_t cap = 1, used = 0;
    char *out = calloc(1, cap);
    assert_non_null(out);
    for (size_t i = 0; i < minutes_results_size(res); i++) {
        const minutes_hit *hit = minutes_results_hit(res, i);
        const char *snippet = minutes_hit_get(hit, MINUTES_FIELD_SNIPPET);
        char line[1024];
        int len = snprintf(line, sizeof line, "%s %zu %s\n", minutes_hit_get(hit, MINUTES_FIELD_ID),
                           minutes_hit_collapsed(hit), snippet ? snippet : "-");
        assert_true(len > 0 && (size_t)len < sizeof line);
        out = realloc(out, cap += (size_t)len);
        assert_non_null(out);
        memcpy(out + used, line, (size_t)len + 1);
        used += (size_t)len;
    }
    return out;
}

/* Listing meetings runs the query its own way (every match, by date, one per meeting, no
 * snippets) and counts what the filters left out the same way, yet the query keeps its own
 * range, order, collapsing and snippet length: a run after it gives the same hits. */
static void
test_query_keeps_its_settings(void **state)
{
    minutes_db *db = *state;
    minutes_query *q = NULL;
    assert_int_equal(minutes_query_create(db, "Ofsted", &q), MINUTES_OK);
    assert_int_equal(minutes_query_set_range(q, 1, 4), MINUTES_OK);
    assert_int_equal(minutes_query_set_sort(q, MINUTES_SORT_DATE_DESC), MINUTES_OK);
    assert_int_equal(minutes_query_set_collapse(q, MINUTES_COLLAPSE_ITEM), MINUTES_OK);
    assert_int_equal(minutes_query_set_snippet_length(q, 60), MINUTES_OK);
    assert_int_equal(minutes_query_set_date_range(q, "2000", NULL), MINUTES_OK);

    size_t estimate = 0, estimate_after = 0;
    char *before = hits_of(q, &estimate);
    unsigned long left_out = minutes_query_left_out(q, MINUTES_FIELD_DATE);
    assert_non_null(strchr(before, '\n'));
    const minutes_meeting *list = NULL;
    size_t n = 0;
    assert_int_equal(minutes_query_meetings(q, &list, &n), MINUTES_OK);
    assert_true(n > 1);
    assert_int_equal(minutes_query_left_out(q, MINUTES_FIELD_DATE), left_out);
    char *after = hits_of(q, &estimate_after);
    assert_string_equal(before, after);
    assert_int_equal(estimate, estimate_after);
    assert_int_equal(minutes_query_left_out(q, MINUTES_FIELD_DATE), left_out);
    free(before);
    free(after);
    minutes_query_destroy(q);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_paragraph_in_one_meeting),
        cmocka_unit_test(test_left_out_is_what_undated_adds),
        cmocka_unit_test(test_query_keeps_its_settings),
    };
    return cmocka_run_group_tests(tests, build_index, remove_index);
}
