/* query-internal.h - the query object and one run of it, shared by search.c, which sets
 * queries up and runs them for their hits, and meetings.c, which runs them to list the
 * meetings they match. Not part of the public API. */
#ifndef MINUTES_QUERY_INTERNAL_H
#define MINUTES_QUERY_INTERNAL_H

#include <stddef.h>

#include "db.h"
#include "filter.h"
#include "results.h"

/* What a date or board filter does with paragraphs whose date or board is unknown. */
typedef enum unknown_mode {
    UNKNOWN_DROP, /* leaves them out (counting them: query_count_left_out) */
    UNKNOWN_KEEP, /* keeps them beside those it keeps (MINUTES_QUERY_UNDATED, ..._UNKNOWN_BOARD) */
    UNKNOWN_ONLY  /* keeps only them: counting what it leaves out */
} unknown_mode;

/* The settings are the caller's (minutes_query_set_*); a run reads them and never changes
 * them. What a run makes (results, description, left-out counts) belongs to the query until
 * the next run or minutes_query_destroy. */
struct minutes_query {
    minutes_db *db;
    char *text;
    char *parse_text; /* the text as parsed (query_prepare_text) */
    strlist compounds; /* the hyphenated compounds it had, closed in parse_text */
    unsigned flags;
    size_t offset;
    size_t limit;
    size_t snippet_bytes;
    minutes_sort sort;
    minutes_collapse collapse;
    int facets;
    /* Filters: one OR-group of terms per field, and the date range, ANDed together. */
    term_list groups[MINUTES_FIELD_COUNT_];
    int group_used[MINUTES_FIELD_COUNT_];
    term_list date_range;
    int has_date_range;
    /* The last run's: its hits and facets, or the meetings it listed. */
    minutes_results *results;
    /* What the last run made of the text: the query as understood, and whether the text
     * filters with date: or board: itself. */
    char *description;
    int date_prefix, board_prefix;
    int literal;      /* the last run searched the text as literal words */
    char *suggestion; /* the last run's "did you mean" (suggest.c), or NULL */
    strlist case_words; /* MINUTES_QUERY_MATCH_CASE: the words to match as written */
    unsigned long left_out_date, left_out_board;
};

/* What one run of a query (query_match) does: which matches it returns, in what order,
 * collapsed how, which values it counts, and what its date and board filters do with the
 * unknown. A run
 * with the query's own settings starts from query_options_of(q); one that runs the query
 * another way (listing meetings, counting what a filter left out) changes its copy, never
 * the query. */
typedef struct query_options {
    size_t offset, limit;
    int every_match; /* every match, from the first, whatever offset and limit say */
    minutes_sort sort;
    minutes_collapse collapse;
    const unsigned *count_slots; /* value slots counted over every match; NULL for none */
    size_t count_slot_count;
    unknown_mode date_mode, board_mode;
} query_options;

/* The options of a run with the query's own settings. */
query_options query_options_of(const minutes_query *q);

/* Fold the query's text for the parser (q->parse_text, q->compounds) and find the words to
 * match as written (q->case_words), once per public call, before db_read_retrying; the last
 * run's suggestion goes. MINUTES_NO_MEMORY, with the message on q->db. */
minutes_status query_prepare_text(minutes_query *q);

/* Into q->case_words, the words of the text that must match as written: those in capitals
 * when MINUTES_QUERY_MATCH_CASE is set, else none (matchcase.c). MINUTES_NO_MEMORY, with the
 * message on q->db. */
minutes_status query_find_case_words(minutes_query *q);

/* After a run that matched `matches` paragraphs: into q->suggestion, the corrected text when
 * fewer than MINUTES_SUGGEST_BELOW matched and a word of the text is not in the index but
 * one near it is (suggest.c); else NULL. On failure the message is on q->db. */
minutes_status query_suggest(minutes_query *q, size_t matches);

/* Parse the query and run it as `opt` says, into *out (the caller destroys it), recording on
 * q what the run made of the text (its description, the date: and board: it filters with).
 * When a filter matches nothing, the query is only parsed (a malformed one is still reported
 * as such), and *out is NULL. On failure the message is on q->db. */
minutes_status query_match(minutes_query *q, const query_options *opt, xap_mset **out);

/* After query_match with `opt`: into q->left_out_date and q->left_out_board, how many
 * matching paragraphs its date and board filters left out for their date or board being
 * unknown (minutes_query_left_out). Counting runs the query again, once per such filter. */
minutes_status query_count_left_out(minutes_query *q, const query_options *opt);

#endif /* MINUTES_QUERY_INTERNAL_H */
