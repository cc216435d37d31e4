/* search.c - queries: parse, filter, run with BM25, and turn matches into hits with snippets. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "schema.h"

#define DEFAULT_LIMIT 10
#define DEFAULT_SNIPPET_BYTES 240
#define MAX_FILTERS 64
#define ESTIMATE_EXACT_UP_TO 500

struct minutes_hit {
    size_t rank;
    double score;
    int percent;
    char *values[MINUTES_FIELD_COUNT_];
};

struct minutes_results {
    minutes_hit *hits;
    size_t size;
    size_t estimate;
};

typedef struct filter {
    minutes_field field;
    char *term;
} filter;

struct minutes_query {
    minutes_db *db;
    char *text;
    unsigned flags;
    size_t offset;
    size_t limit;
    size_t snippet_bytes;
    filter filters[MAX_FILTERS];
    size_t filter_count;
    minutes_results *results;
    char *description;
};

static void
results_destroy(minutes_results *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->size; i++)
        for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
            free(res->hits[i].values[f]);
    free(res->hits);
    free(res);
}

minutes_status
minutes_query_create(minutes_db *db, const char *text, minutes_query **out)
{
    if (!out)
        return MINUTES_BAD_ARGUMENT;
    *out = NULL;
    if (!db || !text)
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(db);
    minutes_query *q = calloc(1, sizeof *q);
    if (!q || !(q->text = strdup(text))) {
        free(q);
        return db_fail(db, MINUTES_NO_MEMORY, "out of memory");
    }
    q->db = db;
    q->limit = DEFAULT_LIMIT;
    q->snippet_bytes = DEFAULT_SNIPPET_BYTES;
    *out = q;
    return MINUTES_OK;
}

void
minutes_query_destroy(minutes_query *q)
{
    if (!q)
        return;
    results_destroy(q->results);
    for (size_t i = 0; i < q->filter_count; i++)
        free(q->filters[i].term);
    free(q->description);
    free(q->text);
    free(q);
}

minutes_status
minutes_query_set_flags(minutes_query *q, unsigned flags)
{
    if (!q || (flags & ~(unsigned)MINUTES_QUERY_EXACT))
        return MINUTES_BAD_ARGUMENT;
    q->flags = flags;
    return MINUTES_OK;
}

minutes_status
minutes_query_set_range(minutes_query *q, size_t offset, size_t limit)
{
    if (!q || limit == 0)
        return MINUTES_BAD_ARGUMENT;
    q->offset = offset;
    q->limit = limit;
    return MINUTES_OK;
}

minutes_status
minutes_query_set_snippet_length(minutes_query *q, size_t bytes)
{
    if (!q)
        return MINUTES_BAD_ARGUMENT;
    q->snippet_bytes = bytes;
    return MINUTES_OK;
}

/* The boolean term a filter on `field` = `value` looks for, into buf. */
static minutes_status
filter_term(minutes_query *q, minutes_field field, const char *value, char *buf)
{
    if (field == MINUTES_FIELD_PATH) {
        /* Files are indexed under their canonical path; accept any spelling of it. */
        char *canonical = realpath(value, NULL);
        schema_file_term(buf, canonical ? canonical : value);
        free(canonical);
        return MINUTES_OK;
    }
    if (field == MINUTES_FIELD_ITEM_NUMBER && schema_term(buf, SCHEMA_PREFIX_ITEM_NUMBER, value))
        return MINUTES_OK;
    const char *name = minutes_field_name(field);
    return db_fail(q->db, MINUTES_BAD_ARGUMENT, "cannot filter on field '%s'",
                   name ? name : "unknown");
}

minutes_status
minutes_query_add_filter(minutes_query *q, minutes_field field, const char *value)
{
    if (!q || !value)
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(q->db);
    if (q->filter_count == MAX_FILTERS)
        return db_fail(q->db, MINUTES_BAD_ARGUMENT, "too many filters (at most %d)", MAX_FILTERS);
    char term[SCHEMA_TERM_MAX];
    minutes_status st = filter_term(q, field, value, term);
    if (st != MINUTES_OK)
        return st;
    char *copy = strdup(term);
    if (!copy)
        return db_fail(q->db, MINUTES_NO_MEMORY, "out of memory");
    q->filters[q->filter_count++] = (filter){field, copy};
    return MINUTES_OK;
}

/* Filters on one field are ORed, fields ANDed: one filter call per field. */
static minutes_status
apply_filters(minutes_query *q, xap_query *xq)
{
    const char *terms[MAX_FILTERS];
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++) {
        size_t n = 0;
        for (size_t i = 0; i < q->filter_count; i++)
            if (q->filters[i].field == (minutes_field)f)
                terms[n++] = q->filters[i].term;
        if (n) {
            minutes_status st = xap_query_filter_terms(xq, terms, n);
            if (st != MINUTES_OK)
                return st;
        }
    }
    return MINUTES_OK;
}

static minutes_status
make_snippet(minutes_query *q, const xap_mset *mset, minutes_hit *hit)
{
    const char *text = hit->values[MINUTES_FIELD_TEXT];
    if (!text || q->snippet_bytes == 0)
        return MINUTES_OK;
    static const char start[] = {MINUTES_MARK_START, 0};
    static const char end[] = {MINUTES_MARK_END, 0};
    return xap_mset_snippet(mset, text, strlen(text), q->snippet_bytes, start, end, "…",
                            &hit->values[MINUTES_FIELD_SNIPPET]);
}

static minutes_status
fill_hit(minutes_query *q, const xap_mset *mset, size_t i, minutes_hit *hit)
{
    xap_match m;
    minutes_status st = xap_mset_get(mset, i, &m);
    if (st != MINUTES_OK)
        return db_fail_xap(q->db, st);
    hit->rank = m.rank + 1;
    hit->score = m.weight;
    hit->percent = m.percent;
    st = schema_decode_data(m.data, m.data_len, hit->values);
    if (st == MINUTES_CORRUPT)
        return db_fail(q->db, st, "index '%s' holds a paragraph with unreadable data", q->db->path);
    if (st != MINUTES_OK)
        return db_fail(q->db, st, "out of memory");
    st = make_snippet(q, mset, hit);
    return st == MINUTES_OK ? st : db_fail_xap(q->db, st);
}

static minutes_status
collect_hits(minutes_query *q, const xap_mset *mset, minutes_results **out)
{
    minutes_results *res = calloc(1, sizeof *res);
    size_t n = xap_mset_size(mset);
    if (!res || (n && !(res->hits = calloc(n, sizeof *res->hits)))) {
        free(res);
        return db_fail(q->db, MINUTES_NO_MEMORY, "out of memory");
    }
    res->estimate = xap_mset_estimate(mset);
    minutes_status st = MINUTES_OK;
    for (size_t i = 0; i < n && st == MINUTES_OK; i++) {
        res->size = i + 1; /* so that results_destroy frees what was filled */
        st = fill_hit(q, mset, i, &res->hits[i]);
    }
    if (st != MINUTES_OK) {
        results_destroy(res);
        return st;
    }
    *out = res;
    return MINUTES_OK;
}

static minutes_status
parse_query(minutes_query *q, xap_query **out)
{
    unsigned flags = (q->flags & MINUTES_QUERY_EXACT) ? XAP_PARSE_EXACT : 0;
    minutes_status st = xap_query_parse(q->db->xap, q->text, flags, out);
    if (st == MINUTES_BAD_QUERY)
        return db_fail(q->db, st, "malformed query '%s': %s", q->text, xap_db_errmsg(q->db->xap));
    if (st == MINUTES_OK)
        st = apply_filters(q, *out);
    if (st == MINUTES_OK) {
        free(q->description);
        q->description = NULL;
        st = xap_query_describe(*out, &q->description);
    }
    return st == MINUTES_OK ? st : db_fail_xap(q->db, st);
}

minutes_status
minutes_query_run(minutes_query *q, minutes_results **out)
{
    if (!out)
        return MINUTES_BAD_ARGUMENT;
    *out = NULL;
    if (!q)
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(q->db);
    results_destroy(q->results);
    q->results = NULL;

    xap_query *xq = NULL;
    minutes_status st = parse_query(q, &xq);
    if (st != MINUTES_OK) {
        xap_query_destroy(xq);
        return st;
    }
    /* Counting the first few hundred matches exactly is cheap and makes small counts exact. */
    xap_run_options opt = {q->offset, q->limit, ESTIMATE_EXACT_UP_TO};
    xap_mset *mset = NULL;
    st = xap_query_run(q->db->xap, xq, &opt, &mset);
    xap_query_destroy(xq);
    if (st != MINUTES_OK)
        return db_fail_xap(q->db, st);
    st = collect_hits(q, mset, &q->results);
    xap_mset_destroy(mset);
    if (st == MINUTES_OK)
        *out = q->results;
    return st;
}

const char *
minutes_query_describe(const minutes_query *q)
{
    return q ? q->description : NULL;
}

size_t
minutes_results_size(const minutes_results *res)
{
    return res ? res->size : 0;
}

size_t
minutes_results_estimate(const minutes_results *res)
{
    return res ? res->estimate : 0;
}

const minutes_hit *
minutes_results_hit(const minutes_results *res, size_t i)
{
    return res && i < res->size ? &res->hits[i] : NULL;
}

size_t
minutes_hit_rank(const minutes_hit *hit)
{
    return hit ? hit->rank : 0;
}

double
minutes_hit_score(const minutes_hit *hit)
{
    return hit ? hit->score : 0.0;
}

int
minutes_hit_percent(const minutes_hit *hit)
{
    return hit ? hit->percent : 0;
}

const char *
minutes_hit_get(const minutes_hit *hit, minutes_field field)
{
    if (!hit || (unsigned)field >= MINUTES_FIELD_COUNT_)
        return NULL;
    return hit->values[field];
}
