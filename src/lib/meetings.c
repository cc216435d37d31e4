/* meetings.c - the meetings a query matches (minutes_query_meetings): one run of the query,
 * oldest meeting first and collapsed to one hit per meeting, its fields read from that hit
 * and its matching documents, items and paragraphs counted from the run's value counts, the
 * documents' paths read from their first paragraphs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query-internal.h"
#include "results.h"
#include "schema.h"

/* Sorted values of one counted slot, to find the values of one meeting by prefix. */
typedef struct value_counts {
    char **values;
    unsigned long *counts;
    size_t count, cap;
    minutes_status status;
} value_counts;

static int
collect_value(void *ctx, const char *value, size_t len, unsigned long count)
{
    value_counts *v = ctx;
    if (v->count == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        char **values = realloc(v->values, cap * sizeof *values);
        if (values)
            v->values = values;
        unsigned long *counts = realloc(v->counts, cap * sizeof *counts);
        if (counts)
            v->counts = counts;
        if (!values || !counts) {
            v->status = MINUTES_NO_MEMORY;
            return 1;
        }
        v->cap = cap;
    }
    if (!(v->values[v->count] = strndup(value, len))) {
        v->status = MINUTES_NO_MEMORY;
        return 1;
    }
    v->counts[v->count++] = count;
    return 0;
}

static void
value_counts_release(value_counts *v)
{
    for (size_t i = 0; i < v->count; i++)
        free(v->values[i]);
    free(v->values);
    free(v->counts);
}

/* The first value starting with `prefix`, or where it would be: the values are sorted, so
 * those with one prefix are contiguous. */
static size_t
first_with_prefix(const value_counts *v, const char *prefix)
{
    size_t n = strlen(prefix), lo = 0, hi = v->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(v->values[mid], prefix, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Number of values starting with `prefix`, leaving out those that go on with `unless` (may
 * be NULL). */
static unsigned long
count_with_prefix(const value_counts *v, const char *prefix, const char *unless)
{
    size_t n = strlen(prefix), lo = first_with_prefix(v, prefix);
    unsigned long found = 0;
    for (size_t i = lo; i < v->count && strncmp(v->values[i], prefix, n) == 0; i++)
        found += !unless || strncmp(v->values[i] + n, unless, strlen(unless)) != 0;
    return found;
}

static unsigned long
count_of_value(const value_counts *v, const char *value)
{
    for (size_t i = 0; i < v->count; i++)
        if (strcmp(v->values[i], value) == 0)
            return v->counts[i];
    return 0;
}

static char *
dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int
by_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The paths of the meeting's matching documents: its values "KEY|FILE ID" of the meeting and
 * file slot, each file's path read from its first paragraph; and the council, when the hit
 * that stands for the meeting names none, from the first of those paragraphs of the same
 * meeting that does (which hit stands for a meeting among equals is the index's order). */
static minutes_status
find_files(minutes_db *db, section_cache *sections, minutes_meeting *m, const value_counts *files,
           const char *prefix)
{
    size_t n = strlen(prefix), first = first_with_prefix(files, prefix), count = 0;
    while (first + count < files->count && strncmp(files->values[first + count], prefix, n) == 0)
        count++;
    char **paths = calloc(count ? count : 1, sizeof *paths);
    if (!paths)
        return MINUTES_NO_MEMORY;
    m->files = (const char *const *)paths;
    minutes_status st = MINUTES_OK;
    for (size_t i = 0; i < count && st == MINUTES_OK; i++) {
        char file_id[SCHEMA_FILE_ID_SIZE], term[SCHEMA_TERM_MAX];
        snprintf(file_id, sizeof file_id, "%s", files->values[first + i] + n);
        schema_id_term(term, file_id, 1);
        minutes_hit hit;
        int found = 0;
        st = results_load_hit(db, sections, term, &hit, &found);
        if (st != MINUTES_OK || !found)
            continue; /* a file with no first paragraph has gone since the run */
        paths[m->file_count++] = hit.values[MINUTES_FIELD_PATH];
        hit.values[MINUTES_FIELD_PATH] = NULL;
        char **v = hit.values;
        if (!m->council && v[MINUTES_FIELD_COUNCIL] && same(v[MINUTES_FIELD_DATE], m->date) &&
            same(v[MINUTES_FIELD_BOARD_ID], m->board_id)) {
            m->council = v[MINUTES_FIELD_COUNCIL];
            v[MINUTES_FIELD_COUNCIL] = NULL;
        }
        results_release_hit(&hit);
    }
    if (m->file_count > 1)
        qsort(paths, m->file_count, sizeof *paths, by_path);
    return st;
}

/* One meeting from the hit that represents it and the counted values. */
static minutes_status
fill_meeting(minutes_db *db, section_cache *sections, minutes_meeting *m, const minutes_hit *hit,
             const value_counts *counts)
{
    char *const *v = hit->values;
    char *key = schema_meeting_key_of(v[MINUTES_FIELD_ID], v[MINUTES_FIELD_DATE],
                                      v[MINUTES_FIELD_BOARD_ID]);
    size_t n = key ? strlen(key) + 2 : 0;
    char *prefix = key ? malloc(n) : NULL;
    if (!prefix) {
        free(key);
        return MINUTES_NO_MEMORY;
    }
    snprintf(prefix, n, "%s|", key);
    m->paragraphs = count_of_value(&counts[0], key);
    m->documents = count_with_prefix(&counts[1], prefix, NULL);
    /* Paragraphs outside any item are grouped under "-|PATH"; they are not an item. */
    m->items = count_with_prefix(&counts[2], prefix, "-|");
    m->date = dup_or_null(v[MINUTES_FIELD_DATE]);
    m->council = dup_or_null(v[MINUTES_FIELD_COUNCIL]);
    m->board = dup_or_null(v[MINUTES_FIELD_BOARD]);
    m->board_id = dup_or_null(v[MINUTES_FIELD_BOARD_ID]);
    minutes_status st = find_files(db, sections, m, &counts[1], prefix);
    free(prefix);
    free(key);
    return st;
}

/* One try at listing the meetings into q->results (made afresh each time). */
static minutes_status
list_meetings(minutes_db *db, void *ctx)
{
    minutes_query *q = ctx;
    minutes_results_destroy(q->results);
    minutes_results *res = q->results = calloc(1, sizeof *q->results);
    if (!res)
        return db_fail(db, MINUTES_NO_MEMORY, "out of memory");

    /* Every match, oldest meeting first, one hit per meeting to read its fields from (no
     * snippet: a meeting shows none); the meeting, document and item of every match
     * counted. */
    static const unsigned slots[] = {SCHEMA_SLOT_MEETING, SCHEMA_SLOT_MEETING_FILE,
                                     SCHEMA_SLOT_ITEM};
    query_options opt = query_options_of(q);
    opt.every_match = 1;
    opt.sort = MINUTES_SORT_DATE;
    opt.collapse = MINUTES_COLLAPSE_MEETING;
    opt.count_slots = slots;
    opt.count_slot_count = 3;
    xap_mset *mset = NULL;
    minutes_status st = query_match(q, &opt, &mset);
    if (st == MINUTES_OK && mset)
        st = results_collect_hits(db, mset, 0, 1, res);

    value_counts counts[3];
    memset(counts, 0, sizeof counts);
    for (size_t i = 0; st == MINUTES_OK && mset && i < 3; i++) {
        st = xap_mset_each_count(mset, slots[i], collect_value, &counts[i]);
        st = st != MINUTES_OK ? db_fail_xap(db, st) : counts[i].status;
    }
    size_t n = res->size;
    if (st == MINUTES_OK && n && !(res->meetings = calloc(n, sizeof *res->meetings)))
        st = MINUTES_NO_MEMORY;
    section_cache sections = {0};
    for (size_t i = 0; st == MINUTES_OK && i < n; i++) {
        res->meeting_count = i + 1; /* so that minutes_results_destroy frees what was filled */
        st = fill_meeting(db, &sections, &res->meetings[i], &res->hits[i], counts);
    }
    section_cache_release(&sections);
    for (size_t i = 0; i < 3; i++)
        value_counts_release(&counts[i]);
    xap_mset_destroy(mset);
    if (st == MINUTES_NO_MEMORY)
        return db_fail(db, st, "out of memory");
    return st == MINUTES_OK ? query_count_left_out(q, &opt) : st;
}

minutes_status
minutes_query_meetings(minutes_query *q, const minutes_meeting **out, size_t *count)
{
    if (!q || !out || !count)
        return MINUTES_BAD_ARGUMENT;
    *out = NULL;
    *count = 0;
    db_clear_error(q->db);
    minutes_status st = query_prepare_text(q);
    if (st == MINUTES_OK)
        st = db_read_retrying(q->db, list_meetings, q);
    if (st == MINUTES_OK) {
        *out = q->results->meetings;
        *count = q->results->meeting_count;
    }
    return st;
}
