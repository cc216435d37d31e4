/* results.h - result sets: what a query, a meetings listing or 'show' returns, and making
 * hits from the index (with the section cache that serves one read). */
#ifndef MINUTES_RESULTS_H
#define MINUTES_RESULTS_H

#include <stddef.h>

#include "db.h"

struct minutes_hit {
    size_t rank;
    double score;
    int percent;
    size_t collapsed;
    char *values[MINUTES_FIELD_COUNT_];
};

struct minutes_results {
    minutes_hit *hits;
    size_t size;
    size_t estimate;
    minutes_facet *facets;
    size_t facet_count, facet_cap;
    minutes_meeting *meetings; /* a meetings listing's (meetings.c): one per hit, in order */
    size_t meeting_count;
};

/* The last section record read from another paragraph. A query's hits come in runs from
 * one section, so a hit's record is often the one before's. A cache serves one read of the index (the hits of one
 * run, the paragraphs of one 'show') and is released after it, never kept from one read to
 * the next, which may see an updated index. Zeroed, it is empty. */
typedef struct section_cache {
    char *key, *record; /* the first paragraph's id term, and the record; NULL when empty */
    size_t record_len;
} section_cache;

/* Free what the cache holds, leaving it empty. */
void section_cache_release(section_cache *cache);

/* Fill hit->values from a paragraph's stored data and its section's record (from `cache`
 * when it holds that one, else read and kept there); on failure the message is on db. */
minutes_status results_decode_hit(minutes_db *db, section_cache *cache, const char *data,
                                  size_t len, minutes_hit *hit);

/* The paragraph indexed by the unique term `term` (schema_id_term), decoded into `hit`;
 * *found = 0, and hit untouched, if no paragraph has it. On failure the message is on db. */
minutes_status results_load_hit(minutes_db *db, section_cache *cache, const char *term,
                                 minutes_hit *hit, int *found);

/* Free the values of a hit that is no result set's (results_load_hit, results_decode_hit). */
void results_release_hit(minutes_hit *hit);

/* The matches of `mset` into res->hits (res->size of them, each with its fields and a
 * snippet of up to `snippet_bytes`, none for 0) and res->estimate; `collapsed` says the run
 * collapsed, so that each hit says how many it stands for. On failure the message is on db,
 * and the hits made so far are res's to free. */
minutes_status results_collect_hits(minutes_db *db, const xap_mset *mset, size_t snippet_bytes,
                                    int collapsed, minutes_results *res);

/* Append a facet count: `name` (static) names the facet; the value, `len` bytes, is copied,
 * or NULL for the count of those without a value. */
minutes_status results_add_facet(minutes_results *res, const char *name, minutes_field field,
                                 const char *value, size_t len, unsigned long count);

#endif /* MINUTES_RESULTS_H */
