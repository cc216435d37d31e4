/* results.h - result sets and hits: what a query or 'show' returns, and reading a hit's
 * fields from the index (with the section cache that serves one read). */
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
};

/* The last section record read. A query's hits come in runs from one section, so a hit's
 * record is often the one before's. A cache serves one read of the index (the hits of one
 * run, the paragraphs of one 'show') and is released after it, never kept from one read to
 * the next, which may see an updated index. Zeroed, it is empty. */
typedef struct section_cache {
    char *key, *record; /* malloc'd; NULL when empty */
} section_cache;

/* Free what the cache holds, leaving it empty. */
void section_cache_release(section_cache *cache);

/* Fill hit->values from a paragraph's stored data and its section's record (from `cache`
 * when it holds that one, else read and kept there); on failure the message is on db. */
minutes_status results_decode_hit(minutes_db *db, section_cache *cache, const char *data,
                                  size_t len, minutes_hit *hit);

/* Append a facet count (the value is copied). */
minutes_status results_add_facet(minutes_results *res, minutes_field field, const char *value,
                                 size_t len, unsigned long count);

#endif /* MINUTES_RESULTS_H */
