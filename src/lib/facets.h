/* facets.h - a query's facet counts (facets.c), read with minutes_results_facet(). */
#ifndef MINUTES_FACETS_H
#define MINUTES_FACETS_H

#include "results.h"
#include "xap.h"

#define FACETS_MAX 8

/* The value slots to count (xap_run_options.count_slots) for facets_from_counts, into
 * `slots`; returns how many. */
size_t facets_slots(unsigned slots[FACETS_MAX]);

/* The facets of a run that counted facets_slots(), `total` the number of matches (exact):
 * matching paragraphs per value, and the rest as a count whose value is NULL. On failure
 * the message is on `db`. */
minutes_status facets_from_counts(minutes_db *db, const xap_mset *mset, unsigned long total,
                                  minutes_results *res);

/* The facets of collapsed matches, `mset` holding every one: each counted once under the
 * values of its best paragraph, those without a value as a count whose value is NULL. On
 * failure the message is on `db`. */
minutes_status facets_from_matches(minutes_db *db, const xap_mset *mset, minutes_results *res);

#endif /* MINUTES_FACETS_H */
