/* records.h - the records the commands print - a search hit, a paragraph shown, a meeting, a
 * facet count - each handed to a printer in one place, so that every output format and the
 * server's JSON API (serve-api.c) give the same records, with the same keys in the same
 * order. */
#ifndef MINUTES_RECORDS_H
#define MINUTES_RECORDS_H

#include "minutes.h"
#include "print.h"

/* Every field of a hit, in minutes.h order. */
void cli_print_fields(printer *p, const minutes_hit *hit);

/* A search hit: rank, score, percent, collapsed (only when `collapsing`), then its fields.
 * cli_hit_keys fills `keys` (room for CLI_HIT_KEYS_MAX) with those names; returns how many. */
#define CLI_HIT_KEYS_MAX (4 + MINUTES_FIELD_COUNT_)
size_t cli_hit_keys(const char **keys, int collapsing);
void cli_print_hit(printer *p, const minutes_hit *hit, int collapsing);

/* A paragraph shown with its context: target (true for the one asked for), then its fields.
 * cli_paragraph_keys fills `keys` (room for CLI_PARAGRAPH_KEYS). */
#define CLI_PARAGRAPH_KEYS (1 + MINUTES_FIELD_COUNT_)
void cli_paragraph_keys(const char **keys);
void cli_print_paragraph(printer *p, const minutes_hit *hit, int target);

/* A meeting: date, council, board, board_id, documents, items, paragraphs, and with `files`
 * the list of its documents (the last key, left out without it). */
#define CLI_MEETING_KEYS 8
extern const char *const cli_meeting_keys[CLI_MEETING_KEYS];
void cli_print_meeting(printer *p, const minutes_meeting *m, int files);

/* A facet count: facet, value, count. */
#define CLI_FACET_KEYS 3
extern const char *const cli_facet_keys[CLI_FACET_KEYS];
void cli_print_facet(printer *p, const minutes_facet *f);

/* The facet's name as printed ("board_id", "year", ...). */
const char *cli_facet_name(const minutes_facet *f);

#endif /* MINUTES_RECORDS_H */
