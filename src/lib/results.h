/* results.h - result sets and hits: what a query or 'show' returns, shared by search.c and
 * show.c. */
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

/* Fill hit->values from a paragraph's stored data; on failure the message is on db. */
minutes_status results_decode_hit(minutes_db *db, const char *data, size_t len, minutes_hit *hit);

/* Append a facet count (the value is copied). */
minutes_status results_add_facet(minutes_results *res, minutes_field field, const char *value,
                                 size_t len, unsigned long count);

#endif /* MINUTES_RESULTS_H */
