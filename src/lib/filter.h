/* filter.h - what a filter value means in index terms.
 *
 * A filter (from minutes_query_add_filter or a prefix in the query text, board:cabinet)
 * expands into a list of boolean terms, any of which a paragraph must carry. Some values are
 * matched against the terms the index holds: a part of a board's name against every board
 * id, a date range against every meeting date.
 */
#ifndef MINUTES_FILTER_H
#define MINUTES_FILTER_H

#include <stddef.h>

#include "db.h"
#include "strlist.h"

/* The terms a filter expands to, in a string list (items and count). Zeroed, it is empty. */
typedef strlist term_list;

/* Free the terms and empty the list. */
void term_list_release(term_list *list);

/* Append the term `prefix` + `value`: MINUTES_OK or MINUTES_NO_MEMORY. */
minutes_status term_list_add(term_list *list, const char *prefix, const char *value);

/* The field a query prefix names ("board" -> MINUTES_FIELD_BOARD); 0 if none. */
int filter_field_for_prefix(const char *prefix, minutes_field *field);

/* The query prefixes in turn, for the query parser: prefix `i`, or NULL past the last. */
const char *filter_prefix(size_t i);

/* Append to `out` the terms for `value` of `field` (see minutes_query_add_filter). An empty
 * list means nothing can match. Returns MINUTES_OK, MINUTES_BAD_QUERY with the reason on
 * db's message, MINUTES_BAD_ARGUMENT for a field that cannot filter, or MINUTES_NO_MEMORY. */
minutes_status filter_expand(minutes_db *db, minutes_field field, const char *value,
                             term_list *out);

/* Append the terms of meeting dates from `since` to `until` (either may be NULL). */
minutes_status filter_expand_range(minutes_db *db, const char *since, const char *until,
                                   term_list *out);

#endif /* MINUTES_FILTER_H */
