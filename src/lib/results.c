/* results.c - result sets: hits read from the index (their fields, their section's, a
 * snippet), facet counts, a meetings listing's meetings; and reading them. */
#include "results.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "schema.h"

void
section_cache_release(section_cache *cache)
{
    free(cache->key);
    free(cache->record);
    cache->key = cache->record = NULL;
}

/* Keep a copy of section record `record` of section `key` in the cache. */
static minutes_status
cache_record(section_cache *cache, const char *key, const char *record, size_t len)
{
    section_cache_release(cache);
    cache->key = strdup(key);
    cache->record = malloc(len + 1);
    if (!cache->key || !cache->record) {
        section_cache_release(cache);
        return MINUTES_NO_MEMORY;
    }
    memcpy(cache->record, record, len);
    cache->record[len] = '\0';
    cache->record_len = len;
    return MINUTES_OK;
}

/* The record of the section whose first paragraph is `first` of the file of `id`, read
 * from that paragraph into the cache, unless the cache holds it. */
static minutes_status
load_record(minutes_db *db, section_cache *cache, const char *id, unsigned first)
{
    char file_id[SCHEMA_FILE_ID_SIZE], key[SCHEMA_TERM_MAX];
    unsigned ordinal;
    if (!schema_parse_id(id, file_id, &ordinal))
        return MINUTES_CORRUPT;
    schema_id_term(key, file_id, first);
    if (cache->key && strcmp(cache->key, key) == 0)
        return MINUTES_OK;
    char *data = NULL;
    size_t len = 0;
    int found = 0;
    minutes_status st = xap_db_get_data_by_term(db->xap, key, &data, &len, &found);
    if (st != MINUTES_OK)
        return db_fail_xap(db, st);
    char *values[MINUTES_FIELD_COUNT_] = {0};
    schema_section_ref ref;
    st = found ? schema_decode_data(data, len, values, &ref) : MINUTES_CORRUPT;
    if (st == MINUTES_OK && !ref.record)
        st = MINUTES_CORRUPT;
    if (st == MINUTES_OK)
        st = cache_record(cache, key, ref.record, ref.record_len);
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
        free(values[f]);
    free(data);
    return st;
}

/* Add the fields of the paragraph's section, from its record: in its own data when it is
 * the section's first paragraph, else in that paragraph's (kept in `cache` for the next
 * hit, which is often of the same section). */
static minutes_status
add_section_fields(minutes_db *db, section_cache *cache, char **values,
                   const schema_section_ref *ref)
{
    if (ref->record)
        return schema_decode_section(ref->record, ref->record_len, values);
    minutes_status st = load_record(db, cache, values[MINUTES_FIELD_ID], ref->first);
    if (st != MINUTES_OK)
        return st;
    return schema_decode_section(cache->record, cache->record_len, values);
}

minutes_status
results_decode_hit(minutes_db *db, section_cache *cache, const char *data, size_t len,
                   minutes_hit *hit)
{
    char **values = hit->values;
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
        values[f] = NULL;
    schema_section_ref ref;
    minutes_status st = schema_decode_data(data, len, values, &ref);
    if (st == MINUTES_OK)
        st = add_section_fields(db, cache, values, &ref);
    /* A hit that failed is not a hit: what was decoded of it goes now, as no caller counts
     * it among the results that minutes_results_destroy frees. */
    for (int f = 0; st != MINUTES_OK && f < MINUTES_FIELD_COUNT_; f++) {
        free(values[f]);
        values[f] = NULL;
    }
    if (st == MINUTES_CORRUPT)
        return db_fail(db, st, "index '%s' holds a paragraph with unreadable data", db->path);
    if (st == MINUTES_NO_MEMORY)
        return db_fail(db, st, "out of memory");
    return st; /* MINUTES_OK, or an index error with its message */
}

minutes_status
results_load_hit(minutes_db *db, section_cache *cache, const char *term, minutes_hit *hit,
                 int *found)
{
    char *data = NULL;
    size_t len = 0;
    minutes_status st = xap_db_get_data_by_term(db->xap, term, &data, &len, found);
    if (st != MINUTES_OK)
        return db_fail_xap(db, st);
    if (*found)
        st = results_decode_hit(db, cache, data, len, hit);
    free(data);
    return st;
}

void
results_release_hit(minutes_hit *hit)
{
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++) {
        free(hit->values[f]);
        hit->values[f] = NULL;
    }
}

/* A snippet of the hit's text, up to `bytes` long, with the matching words marked. */
static minutes_status
make_snippet(const xap_mset *mset, size_t bytes, minutes_hit *hit)
{
    const char *text = hit->values[MINUTES_FIELD_TEXT];
    if (!text || bytes == 0)
        return MINUTES_OK;
    static const char start[] = {MINUTES_MARK_START, 0};
    static const char end[] = {MINUTES_MARK_END, 0};
    return xap_mset_snippet(mset, text, strlen(text), bytes, start, end, "…",
                            &hit->values[MINUTES_FIELD_SNIPPET]);
}

static minutes_status
fill_hit(minutes_db *db, const xap_mset *mset, size_t i, size_t snippet_bytes, int collapsed,
         section_cache *sections, minutes_hit *hit)
{
    xap_match m;
    minutes_status st = xap_mset_get(mset, i, &m);
    if (st != MINUTES_OK)
        return db_fail_xap(db, st);
    hit->rank = m.rank + 1;
    hit->score = m.weight;
    hit->percent = m.percent;
    hit->collapsed = collapsed ? m.collapse_count : 0;
    st = results_decode_hit(db, sections, m.data, m.data_len, hit);
    if (st != MINUTES_OK)
        return st;
    st = make_snippet(mset, snippet_bytes, hit);
    return st == MINUTES_OK ? st : db_fail_xap(db, st);
}

minutes_status
results_collect_hits(minutes_db *db, const xap_mset *mset, size_t snippet_bytes, int collapsed,
                     minutes_results *res)
{
    size_t n = xap_mset_size(mset);
    if (n && !(res->hits = calloc(n, sizeof *res->hits)))
        return db_fail(db, MINUTES_NO_MEMORY, "out of memory");
    res->estimate = xap_mset_estimate(mset);
    section_cache sections = {0};
    minutes_status st = MINUTES_OK;
    for (size_t i = 0; i < n && st == MINUTES_OK; i++) {
        res->size = i + 1; /* so that minutes_results_destroy frees what was filled */
        st = fill_hit(db, mset, i, snippet_bytes, collapsed, &sections, &res->hits[i]);
    }
    section_cache_release(&sections);
    return st;
}

minutes_status
results_add_facet(minutes_results *res, const char *name, minutes_field field, const char *value,
                  size_t len, unsigned long count)
{
    minutes_facet *grown =
        array_room_for_one(res->facets, &res->facet_cap, res->facet_count, sizeof *grown);
    if (!grown)
        return MINUTES_NO_MEMORY;
    res->facets = grown;
    char *copy = value ? strndup(value, len) : NULL;
    if (value && !copy)
        return MINUTES_NO_MEMORY;
    res->facets[res->facet_count++] = (minutes_facet){field, copy, count, name};
    return MINUTES_OK;
}

void
minutes_results_destroy(minutes_results *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->size; i++)
        results_release_hit(&res->hits[i]);
    for (size_t i = 0; i < res->facet_count; i++)
        free((char *)res->facets[i].value);
    free(res->facets);
    for (size_t i = 0; i < res->meeting_count; i++) {
        free((char *)res->meetings[i].date);
        free((char *)res->meetings[i].council);
        free((char *)res->meetings[i].board);
        free((char *)res->meetings[i].board_id);
        for (size_t f = 0; f < res->meetings[i].file_count; f++)
            free((char *)res->meetings[i].files[f]);
        free((void *)res->meetings[i].files);
    }
    free(res->meetings);
    free(res->hits);
    free(res);
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
minutes_results_facet_count(const minutes_results *res)
{
    return res ? res->facet_count : 0;
}

const minutes_facet *
minutes_results_facet(const minutes_results *res, size_t i)
{
    return res && i < res->facet_count ? &res->facets[i] : NULL;
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

size_t
minutes_hit_collapsed(const minutes_hit *hit)
{
    return hit ? hit->collapsed : 0;
}

const char *
minutes_hit_get(const minutes_hit *hit, minutes_field field)
{
    if (!hit || (unsigned)field >= MINUTES_FIELD_COUNT_)
        return NULL;
    return hit->values[field];
}
