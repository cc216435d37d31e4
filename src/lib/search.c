/* search.c - queries: parse (with field prefixes), filter, run with BM25 or by date,
 * collapse, count, and turn matches into hits with snippets. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "filter.h"
#include "normalize.h"
#include "read.h"
#include "results.h"
#include "schema.h"

#define DEFAULT_LIMIT 10
#define DEFAULT_SNIPPET_BYTES 240
#define ESTIMATE_EXACT_UP_TO 500
/* Xapian's matcher slows down sharply past a few thousand terms (10,000 trailing wildcards
 * take half a minute), so longer queries are refused. */
#define MAX_QUERY_WORDS 1000

/* The facets, in the order minutes.h gives. */
static const struct {
    minutes_field field;
    unsigned slot;
} facet_slots[] = {
    {MINUTES_FIELD_BOARD_ID, SCHEMA_SLOT_BOARD},
    {MINUTES_FIELD_ITEM_TYPE, SCHEMA_SLOT_ITEM_TYPE},
    {MINUTES_FIELD_DOC_TYPE, SCHEMA_SLOT_DOC_TYPE},
    {MINUTES_FIELD_DATE, SCHEMA_SLOT_YEAR},
};
#define FACET_COUNT (sizeof facet_slots / sizeof facet_slots[0])

/* What a date or board filter does with paragraphs whose date or board is unknown. */
typedef enum unknown_mode {
    UNKNOWN_DROP, /* leaves them out (counting them: count_left_out) */
    UNKNOWN_KEEP, /* keeps them beside those it keeps (MINUTES_QUERY_UNDATED, ..._UNKNOWN_BOARD) */
    UNKNOWN_ONLY  /* keeps only them: counting what it leaves out */
} unknown_mode;

struct minutes_query {
    minutes_db *db;
    char *text;
    char *parse_text; /* the text as parsed (prepare_text) */
    char **compounds; /* the hyphenated compounds it had, closed in parse_text */
    size_t compound_count;
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
    minutes_results *results;
    minutes_meeting *meetings;
    size_t meeting_count;
    char *description;
    char *field_error; /* why a field prefix's value failed to expand, during parsing */
    unknown_mode date_mode, board_mode;
    int date_prefix, board_prefix; /* the text filters with date: or board: */
    unsigned long left_out_date, left_out_board;
};

/* ---- query set-up ----------------------------------------------------------------------- */

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
    /* Invalid UTF-8 becomes '?', control characters and line ends spaces, before Xapian
     * sees it (and before a message quotes it). */
    read_clean_utf8(q->text, strlen(q->text));
    for (char *p = q->text; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    q->db = db;
    q->limit = DEFAULT_LIMIT;
    q->snippet_bytes = DEFAULT_SNIPPET_BYTES;
    *out = q;
    return MINUTES_OK;
}

static void
meetings_free(minutes_query *q)
{
    for (size_t i = 0; i < q->meeting_count; i++) {
        free((char *)q->meetings[i].date);
        free((char *)q->meetings[i].council);
        free((char *)q->meetings[i].board);
        free((char *)q->meetings[i].board_id);
    }
    free(q->meetings);
    q->meetings = NULL;
    q->meeting_count = 0;
}

void
minutes_query_destroy(minutes_query *q)
{
    if (!q)
        return;
    minutes_results_destroy(q->results);
    meetings_free(q);
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
        term_list_release(&q->groups[f]);
    term_list_release(&q->date_range);
    free(q->description);
    free(q->field_error);
    free(q->text);
    free(q->parse_text);
    for (size_t i = 0; i < q->compound_count; i++)
        free(q->compounds[i]);
    free(q->compounds);
    free(q);
}

minutes_status
minutes_query_set_flags(minutes_query *q, unsigned flags)
{
    const unsigned known = MINUTES_QUERY_EXACT | MINUTES_QUERY_FIXED | MINUTES_QUERY_NO_SYNONYMS |
                           MINUTES_QUERY_UNDATED | MINUTES_QUERY_UNKNOWN_BOARD;
    if (!q || (flags & ~known))
        return MINUTES_BAD_ARGUMENT;
    q->flags = flags;
    q->date_mode = (flags & MINUTES_QUERY_UNDATED) ? UNKNOWN_KEEP : UNKNOWN_DROP;
    q->board_mode = (flags & MINUTES_QUERY_UNKNOWN_BOARD) ? UNKNOWN_KEEP : UNKNOWN_DROP;
    return MINUTES_OK;
}

unsigned long
minutes_query_left_out(const minutes_query *q, minutes_field field)
{
    if (!q)
        return 0;
    if (field == MINUTES_FIELD_DATE)
        return q->left_out_date;
    return field == MINUTES_FIELD_BOARD ? q->left_out_board : 0;
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

minutes_status
minutes_query_set_sort(minutes_query *q, minutes_sort sort)
{
    if (!q || (sort != MINUTES_SORT_RELEVANCE && sort != MINUTES_SORT_DATE &&
               sort != MINUTES_SORT_DATE_DESC))
        return MINUTES_BAD_ARGUMENT;
    q->sort = sort;
    return MINUTES_OK;
}

minutes_status
minutes_query_set_collapse(minutes_query *q, minutes_collapse collapse)
{
    if (!q || (collapse != MINUTES_COLLAPSE_NONE && collapse != MINUTES_COLLAPSE_MEETING &&
               collapse != MINUTES_COLLAPSE_ITEM))
        return MINUTES_BAD_ARGUMENT;
    q->collapse = collapse;
    return MINUTES_OK;
}

minutes_status
minutes_query_set_facets(minutes_query *q, int on)
{
    if (!q)
        return MINUTES_BAD_ARGUMENT;
    q->facets = on != 0;
    return MINUTES_OK;
}

minutes_status
minutes_query_add_filter(minutes_query *q, minutes_field field, const char *value)
{
    if (!q || !value || (unsigned)field >= MINUTES_FIELD_COUNT_)
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(q->db);
    minutes_status st = filter_expand(q->db, field, value, &q->groups[field]);
    if (st == MINUTES_OK)
        q->group_used[field] = 1;
    return st;
}

minutes_status
minutes_query_set_date_range(minutes_query *q, const char *since, const char *until)
{
    if (!q)
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(q->db);
    term_list_release(&q->date_range);
    q->has_date_range = 0;
    if (!since && !until)
        return MINUTES_OK;
    minutes_status st = filter_expand_range(q->db, since, until, &q->date_range);
    if (st == MINUTES_OK)
        q->has_date_range = 1;
    return st;
}

/* ---- the text as parsed ------------------------------------------------------------------ */

/* Length of the filter prefix ("board:") at text[i], if one starts there - at the start of a
 * word, outside quotes - else 0. */
static size_t
filter_prefix_at(const char *text, size_t i)
{
    if (i > 0 && !strchr(" \t(+-", text[i - 1]))
        return 0;
    for (size_t p = 0; filter_prefix(p); p++) {
        size_t n = strlen(filter_prefix(p));
        if (strncmp(text + i, filter_prefix(p), n) == 0 && text[i + n] == ':')
            return n + 1;
    }
    return 0;
}

/* The end of a filter's value starting at text[i]: a quoted value's closing quote, or the
 * next space. */
static size_t
filter_value_end(const char *text, size_t i)
{
    if (text[i] == '"') {
        const char *quote = strchr(text + i + 1, '"');
        return quote ? (size_t)(quote - text) + 1 : strlen(text);
    }
    while (text[i] && !isspace((unsigned char)text[i]))
        i++;
    return i;
}

static minutes_status
add_compound(minutes_query *q, const char *text, size_t len)
{
    char **grown = realloc(q->compounds, (q->compound_count + 1) * sizeof *grown);
    if (!grown)
        return MINUTES_NO_MEMORY;
    q->compounds = grown;
    if (!(q->compounds[q->compound_count] = strndup(text, len)))
        return MINUTES_NO_MEMORY;
    q->compound_count++;
    return MINUTES_OK;
}

/* Fold `len` bytes of `text` as the index folds paragraphs, with hyphenated compounds closed,
 * onto out + *k; `scratch` has room for len + 1 bytes. */
static minutes_status
fold_words(minutes_query *q, const char *text, size_t len, char *out, size_t *k, char *scratch)
{
    size_t n = normalize_for_index(text, len, scratch), at = 0, pos = 0, start, end;
    while (normalize_next_compound(scratch, n, &pos, &start, &end)) {
        minutes_status st = add_compound(q, scratch + start, end - start);
        if (st != MINUTES_OK)
            return st;
        memcpy(out + *k, scratch + at, start - at);
        *k += start - at;
        *k += normalize_close_compound(scratch + start, end - start, out + *k);
        at = end;
    }
    memcpy(out + *k, scratch + at, n - at);
    *k += n - at;
    return MINUTES_OK;
}

/* The text the parser sees: folded as paragraphs are (typographic variants, accents,
 * ordinals), hyphenated compounds written closed ("anti-social" as "antisocial", each noted
 * for the parser to match its parts too). The values of filter prefixes stay as typed: their
 * own rules match them (filter.c), and a path is bytes. */
static minutes_status
prepare_text(minutes_query *q)
{
    free(q->parse_text);
    q->parse_text = NULL;
    for (size_t i = 0; i < q->compound_count; i++)
        free(q->compounds[i]);
    free(q->compounds);
    q->compounds = NULL;
    q->compound_count = 0;

    const char *text = q->text;
    size_t len = strlen(text), i = 0, k = 0;
    char *out = malloc(len + 1), *scratch = malloc(len + 1);
    minutes_status st = out && scratch ? MINUTES_OK : MINUTES_NO_MEMORY;
    int quoted = 0, fixed = (q->flags & MINUTES_QUERY_FIXED) != 0;
    while (st == MINUTES_OK && i < len) {
        size_t j = i, value = len, value_end = len, n = 0;
        for (; j < len; j++) {
            if (!fixed && !quoted && (n = filter_prefix_at(text, j)) != 0)
                break;
            quoted ^= text[j] == '"';
        }
        if (j < len) {
            value = j + n;
            value_end = filter_value_end(text, value);
        }
        st = fold_words(q, text + i, value - i, out, &k, scratch);
        memcpy(out + k, text + value, value_end - value);
        k += value_end - value;
        i = value_end;
    }
    free(scratch);
    if (st != MINUTES_OK) {
        free(out);
        return db_fail(q->db, MINUTES_NO_MEMORY, "out of memory");
    }
    out[k] = '\0';
    q->parse_text = out;
    return MINUTES_OK;
}

/* ---- parsing ---------------------------------------------------------------------------- */

/* What the filter mode of `field` is. */
static unknown_mode
mode_of(const minutes_query *q, minutes_field field)
{
    if (field == MINUTES_FIELD_DATE)
        return q->date_mode;
    return field == MINUTES_FIELD_BOARD ? q->board_mode : UNKNOWN_DROP;
}

/* The marker term of paragraphs with no value of `field`. */
static const char *
unknown_marker(minutes_field field)
{
    return field == MINUTES_FIELD_DATE ? SCHEMA_TERM_DATE_UNKNOWN : SCHEMA_TERM_BOARD_UNKNOWN;
}

/* The query parser's callback for a prefixed field: board:cabinet, date:2017.. */
static minutes_status
expand_prefix(void *ctx, const char *prefix, const char *value, xap_terms *out, char **message)
{
    minutes_query *q = ctx;
    minutes_field field;
    term_list list = {0};
    minutes_status st = MINUTES_BAD_ARGUMENT;
    if (filter_field_for_prefix(prefix, &field))
        st = filter_expand(q->db, field, value, &list);
    if (st == MINUTES_OK && (field == MINUTES_FIELD_DATE || field == MINUTES_FIELD_BOARD)) {
        *(field == MINUTES_FIELD_DATE ? &q->date_prefix : &q->board_prefix) = 1;
        unknown_mode mode = mode_of(q, field);
        if (mode == UNKNOWN_ONLY)
            term_list_release(&list);
        if (mode != UNKNOWN_DROP)
            st = term_list_add(&list, "", unknown_marker(field));
    }
    for (size_t i = 0; st == MINUTES_OK && i < list.count; i++)
        st = xap_terms_add(out, list.terms[i]);
    term_list_release(&list);
    if (st != MINUTES_OK) {
        *message =
            strdup(*minutes_db_errmsg(q->db) ? minutes_db_errmsg(q->db) : minutes_status_str(st));
        if (!q->field_error && *message)
            q->field_error = strdup(*message);
    }
    return st;
}

/* Whether some filter can match nothing at all (a board name no board has, a date range with
 * no meeting in it) - unless it also keeps paragraphs whose value is unknown. */
static int
filters_match_nothing(const minutes_query *q)
{
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
        if (q->group_used[f] && q->groups[f].count == 0 &&
            mode_of(q, (minutes_field)f) == UNKNOWN_DROP)
            return 1;
    return q->has_date_range && q->date_range.count == 0 && q->date_mode == UNKNOWN_DROP;
}

/* Filter by the terms of `list` (not empty, unless `mode` keeps the unknown), with what `mode`
 * says of the paragraphs with none of them for not knowing it (`field`'s marker). */
static minutes_status
filter_by(xap_query *xq, const term_list *list, unknown_mode mode, minutes_field field)
{
    const char *marker = unknown_marker(field);
    if (mode == UNKNOWN_DROP)
        return xap_query_filter_terms(xq, (const char *const *)list->terms, list->count);
    if (mode == UNKNOWN_ONLY)
        return xap_query_filter_terms(xq, &marker, 1);
    const char **terms = malloc((list->count + 1) * sizeof *terms);
    if (!terms)
        return MINUTES_NO_MEMORY;
    for (size_t i = 0; i < list->count; i++)
        terms[i] = list->terms[i];
    terms[list->count] = marker;
    minutes_status st = xap_query_filter_terms(xq, terms, list->count + 1);
    free(terms);
    return st;
}

static minutes_status
apply_filters(minutes_query *q, xap_query *xq)
{
    minutes_status st = MINUTES_OK;
    for (int f = 0; st == MINUTES_OK && f < MINUTES_FIELD_COUNT_; f++)
        if (q->group_used[f] &&
            (q->groups[f].count || mode_of(q, (minutes_field)f) != UNKNOWN_DROP))
            st = filter_by(xq, &q->groups[f], mode_of(q, (minutes_field)f), (minutes_field)f);
    if (st == MINUTES_OK && q->has_date_range &&
        (q->date_range.count || q->date_mode != UNKNOWN_DROP))
        st = filter_by(xq, &q->date_range, q->date_mode, MINUTES_FIELD_DATE);
    return st;
}

/* Words of the text, as runs of letters and digits (any non-ASCII byte counts as a letter):
 * at least as many as the terms Xapian makes of it. */
static size_t
count_words(const char *text)
{
    size_t n = 0;
    int in_word = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        int word = isalnum(*p) || *p >= 0x80;
        n += word && !in_word;
        in_word = word;
    }
    return n;
}

static minutes_status
describe(minutes_query *q, const xap_query *xq, int literal)
{
    free(q->description);
    q->description = NULL;
    char *d = NULL;
    minutes_status st = xap_query_describe(xq, &d);
    if (st != MINUTES_OK || !literal) {
        q->description = d;
        return st;
    }
    size_t n = strlen(d) + sizeof "(literal) ";
    if ((q->description = malloc(n)) != NULL)
        snprintf(q->description, n, "(literal) %s", d);
    free(d);
    return q->description ? MINUTES_OK : MINUTES_NO_MEMORY;
}

/* Parse the text (with field prefixes, unless MINUTES_QUERY_FIXED) as prepare_text made it.
 * Text that is not valid query syntax is searched for as literal words instead; a field value
 * that cannot be expanded (date:2017-13) is an error either way. With `keep_description`,
 * the query is described for minutes_query_describe. */
static minutes_status
parse_query(minutes_query *q, xap_query **out, int keep_description)
{
    *out = NULL;
    if (!q->parse_text)
        return db_fail(q->db, MINUTES_INTERNAL, "query text not prepared");
    size_t words = count_words(q->text);
    if (words > MAX_QUERY_WORDS)
        return db_fail(q->db, MINUTES_BAD_QUERY, "query too long (%zu words; the limit is %d)",
                       words, MAX_QUERY_WORDS);

    size_t nprefixes = 0;
    while (filter_prefix(nprefixes))
        nprefixes++;
    const char *prefixes[16];
    for (size_t i = 0; i < nprefixes && i < 16; i++)
        prefixes[i] = filter_prefix(i);
    static const char *const text_fields[] = {SCHEMA_FIELD_TITLE};
    static const char *const text_prefixes[] = {SCHEMA_PREFIX_TITLE};
    xap_parse_fields fields = {prefixes,
                               nprefixes < 16 ? nprefixes : 16,
                               expand_prefix,
                               q,
                               text_fields,
                               text_prefixes,
                               1,
                               (const char *const *)q->compounds,
                               q->compound_count};

    unsigned flags = (q->flags & MINUTES_QUERY_EXACT) ? XAP_PARSE_EXACT : 0;
    if (q->flags & MINUTES_QUERY_FIXED)
        flags |= XAP_PARSE_FIXED;
    if (!(q->flags & MINUTES_QUERY_NO_SYNONYMS))
        flags |= XAP_PARSE_SYNONYMS;
    free(q->field_error);
    q->field_error = NULL;
    q->date_prefix = q->board_prefix = 0;
    const char *text = q->parse_text;
    minutes_status st = xap_query_parse_fields(q->db->xap, text, flags, &fields, out);
    int literal = 0;
    if (st == MINUTES_BAD_QUERY &&
        !(q->field_error && strcmp(q->field_error, xap_db_errmsg(q->db->xap)) == 0)) {
        /* Xapian's syntax error ("Ofsted AND", "(board"): the words, literally. */
        free(q->field_error);
        q->field_error = NULL;
        literal = 1;
        st = xap_query_parse_fields(q->db->xap, text, flags | XAP_PARSE_LITERAL, &fields, out);
    }
    if (st == MINUTES_BAD_QUERY) {
        if (q->field_error)
            return db_fail(q->db, st, "query '%s': %s", q->text, q->field_error);
        return db_fail(q->db, st, "malformed query '%s': %s", q->text, xap_db_errmsg(q->db->xap));
    }
    if (st == MINUTES_OK && (st = apply_filters(q, *out)) == MINUTES_NO_MEMORY)
        return db_fail(q->db, st, "out of memory");
    if (st == MINUTES_OK && keep_description)
        st = describe(q, *out, literal);
    return st == MINUTES_OK ? st : db_fail_xap(q->db, st);
}

/* ---- hits ------------------------------------------------------------------------------- */

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
fill_hit(minutes_query *q, const xap_mset *mset, size_t i, section_cache *sections,
         minutes_hit *hit)
{
    xap_match m;
    minutes_status st = xap_mset_get(mset, i, &m);
    if (st != MINUTES_OK)
        return db_fail_xap(q->db, st);
    hit->rank = m.rank + 1;
    hit->score = m.weight;
    hit->percent = m.percent;
    hit->collapsed = q->collapse != MINUTES_COLLAPSE_NONE ? m.collapse_count : 0;
    st = results_decode_hit(q->db, sections, m.data, m.data_len, hit);
    if (st != MINUTES_OK)
        return st;
    st = make_snippet(q, mset, hit);
    return st == MINUTES_OK ? st : db_fail_xap(q->db, st);
}

static minutes_status
collect_hits(minutes_query *q, const xap_mset *mset, minutes_results *res)
{
    size_t n = xap_mset_size(mset);
    if (n && !(res->hits = calloc(n, sizeof *res->hits)))
        return db_fail(q->db, MINUTES_NO_MEMORY, "out of memory");
    res->estimate = xap_mset_estimate(mset);
    section_cache sections = {0};
    minutes_status st = MINUTES_OK;
    for (size_t i = 0; i < n && st == MINUTES_OK; i++) {
        res->size = i + 1; /* so that minutes_results_destroy frees what was filled */
        st = fill_hit(q, mset, i, &sections, &res->hits[i]);
    }
    section_cache_release(&sections);
    return st;
}

typedef struct facet_collect {
    minutes_results *res;
    minutes_field field;
    minutes_status status;
} facet_collect;

static int
collect_facet(void *ctx, const char *value, size_t len, unsigned long count)
{
    facet_collect *c = ctx;
    c->status = results_add_facet(c->res, c->field, value, len, count);
    return c->status != MINUTES_OK;
}

static minutes_status
collect_facets(minutes_query *q, const xap_mset *mset, minutes_results *res)
{
    for (size_t i = 0; i < FACET_COUNT; i++) {
        facet_collect c = {res, facet_slots[i].field, MINUTES_OK};
        minutes_status st = xap_mset_each_count(mset, facet_slots[i].slot, collect_facet, &c);
        if (st != MINUTES_OK)
            return db_fail_xap(q->db, st);
        if (c.status != MINUTES_OK)
            return db_fail(q->db, c.status, "out of memory");
    }
    return MINUTES_OK;
}

/* ---- running ---------------------------------------------------------------------------- */

/* Parse the query and run it with its order, collapsing and counting; `count_slots` adds value
 * counts for the caller (NULL for none). With `all`, every match is returned. When a filter
 * matches nothing, the query is only parsed (a malformed one is still reported as such), and
 * *out is NULL. */
static minutes_status
run_parsed(minutes_query *q, const unsigned *count_slots, size_t count_slot_count, int all,
           xap_mset **out)
{
    *out = NULL;
    xap_query *xq = NULL;
    minutes_status st = parse_query(q, &xq, 1);
    if (st == MINUTES_OK && filters_match_nothing(q)) {
        xap_query_destroy(xq);
        return MINUTES_OK;
    }
    unsigned long doccount = 0;
    if (st == MINUTES_OK && (st = xap_db_doccount(q->db->xap, &doccount)) != MINUTES_OK)
        st = db_fail_xap(q->db, st);
    if (st != MINUTES_OK) {
        xap_query_destroy(xq);
        return st;
    }

    xap_run_options opt;
    memset(&opt, 0, sizeof opt);
    opt.offset = all ? 0 : q->offset;
    opt.limit = all ? (size_t)doccount : q->limit;
    /* Counting the first few hundred matches exactly is cheap and makes small counts exact;
     * collapse counts and value counts are exact only when every match is examined. */
    opt.check_at_least = ESTIMATE_EXACT_UP_TO;
    if (count_slot_count || q->collapse != MINUTES_COLLAPSE_NONE)
        opt.check_at_least = doccount;
    if (q->sort != MINUTES_SORT_RELEVANCE) {
        opt.sort_by_value = 1;
        opt.sort_descending = q->sort == MINUTES_SORT_DATE_DESC;
        opt.sort_slot = opt.sort_descending ? SCHEMA_SLOT_DATE_DESC : SCHEMA_SLOT_DATE_ASC;
    }
    if (q->collapse != MINUTES_COLLAPSE_NONE) {
        opt.collapse = 1;
        opt.collapse_slot =
            q->collapse == MINUTES_COLLAPSE_MEETING ? SCHEMA_SLOT_MEETING : SCHEMA_SLOT_ITEM;
    }
    opt.count_slots = count_slots;
    opt.count_slot_count = count_slot_count;

    st = xap_query_run(q->db->xap, xq, &opt, out);
    xap_query_destroy(xq);
    return st == MINUTES_OK ? st : db_fail_xap(q->db, st);
}

/* Into *count, how many paragraphs the query matches. */
static minutes_status
count_matches(minutes_query *q, unsigned long *count)
{
    *count = 0;
    xap_query *xq = NULL;
    minutes_status st = parse_query(q, &xq, 0);
    if (st != MINUTES_OK || filters_match_nothing(q)) {
        xap_query_destroy(xq);
        return st;
    }
    unsigned long doccount = 0;
    xap_mset *mset = NULL;
    if ((st = xap_db_doccount(q->db->xap, &doccount)) == MINUTES_OK) {
        xap_run_options opt;
        memset(&opt, 0, sizeof opt);
        opt.check_at_least = (size_t)doccount; /* no hits; the count exact */
        st = xap_query_run(q->db->xap, xq, &opt, &mset);
    }
    if (st == MINUTES_OK)
        *count = xap_mset_estimate(mset);
    xap_mset_destroy(mset);
    xap_query_destroy(xq);
    return st == MINUTES_OK ? st : db_fail_xap(q->db, st);
}

/* After a run: how many matching paragraphs a date filter left out for their date being
 * unknown, and a board filter for their board - what MINUTES_QUERY_UNDATED and
 * MINUTES_QUERY_UNKNOWN_BOARD would add. The query again with the filter's terms swapped for
 * the marker of the unknown; the other filters as they were. */
static minutes_status
count_left_out(minutes_query *q)
{
    q->left_out_date = q->left_out_board = 0;
    int dated = q->group_used[MINUTES_FIELD_DATE] || q->has_date_range || q->date_prefix;
    int boarded = q->group_used[MINUTES_FIELD_BOARD] || q->board_prefix;
    minutes_status st = MINUTES_OK;
    if (dated && q->date_mode == UNKNOWN_DROP) {
        q->date_mode = UNKNOWN_ONLY;
        st = count_matches(q, &q->left_out_date);
        q->date_mode = UNKNOWN_DROP;
    }
    if (st == MINUTES_OK && boarded && q->board_mode == UNKNOWN_DROP) {
        q->board_mode = UNKNOWN_ONLY;
        st = count_matches(q, &q->left_out_board);
        q->board_mode = UNKNOWN_DROP;
    }
    return st;
}

/* One try at running the query into q->results (a fresh set each time). */
static minutes_status
run_search(minutes_db *db, void *ctx)
{
    minutes_query *q = ctx;
    minutes_results_destroy(q->results);
    q->results = calloc(1, sizeof *q->results);
    if (!q->results)
        return db_fail(db, MINUTES_NO_MEMORY, "out of memory");
    unsigned slots[FACET_COUNT];
    for (size_t i = 0; i < FACET_COUNT; i++)
        slots[i] = facet_slots[i].slot;
    xap_mset *mset = NULL;
    minutes_status st =
        run_parsed(q, q->facets ? slots : NULL, q->facets ? FACET_COUNT : 0, 0, &mset);
    if (st == MINUTES_OK && mset)
        st = collect_hits(q, mset, q->results);
    if (st == MINUTES_OK && mset && q->facets)
        st = collect_facets(q, mset, q->results);
    xap_mset_destroy(mset);
    if (st == MINUTES_OK)
        st = count_left_out(q);
    return st;
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
    minutes_status st = prepare_text(q);
    if (st == MINUTES_OK)
        st = db_read_retrying(q->db, run_search, q);
    if (st == MINUTES_OK)
        *out = q->results;
    return st;
}

const char *
minutes_query_describe(const minutes_query *q)
{
    return q ? q->description : NULL;
}

/* ---- meetings --------------------------------------------------------------------------- */

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

/* Number of values starting with `prefix` (they are contiguous: the values are sorted),
 * leaving out those that go on with `unless` (may be NULL). */
static unsigned long
count_with_prefix(const value_counts *v, const char *prefix, const char *unless)
{
    size_t n = strlen(prefix), lo = 0, hi = v->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(v->values[mid], prefix, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
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

/* One meeting from the hit that represents it and the counted values. */
static minutes_status
fill_meeting(minutes_meeting *m, const minutes_hit *hit, const value_counts *counts)
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
    free(prefix);
    free(key);
    m->date = dup_or_null(v[MINUTES_FIELD_DATE]);
    m->council = dup_or_null(v[MINUTES_FIELD_COUNCIL]);
    m->board = dup_or_null(v[MINUTES_FIELD_BOARD]);
    m->board_id = dup_or_null(v[MINUTES_FIELD_BOARD_ID]);
    return MINUTES_OK;
}

/* One try at listing the meetings into q->meetings (made afresh each time). */
static minutes_status
list_meetings(minutes_db *db, void *ctx)
{
    minutes_query *q = ctx;
    meetings_free(q);
    minutes_results_destroy(q->results);
    q->results = calloc(1, sizeof *q->results);
    if (!q->results)
        return db_fail(db, MINUTES_NO_MEMORY, "out of memory");

    static const unsigned slots[] = {SCHEMA_SLOT_MEETING, SCHEMA_SLOT_MEETING_FILE,
                                     SCHEMA_SLOT_ITEM};
    minutes_collapse collapse = q->collapse;
    minutes_sort sort = q->sort;
    size_t snippet = q->snippet_bytes;
    q->collapse = MINUTES_COLLAPSE_MEETING;
    q->sort = MINUTES_SORT_DATE;
    q->snippet_bytes = 0;
    xap_mset *mset = NULL;
    minutes_status st = run_parsed(q, slots, 3, 1, &mset);
    q->collapse = collapse;
    q->sort = sort;
    q->snippet_bytes = snippet;
    if (st == MINUTES_OK && mset) {
        q->collapse = MINUTES_COLLAPSE_MEETING;
        st = collect_hits(q, mset, q->results);
        q->collapse = collapse;
    }

    value_counts counts[3];
    memset(counts, 0, sizeof counts);
    for (size_t i = 0; st == MINUTES_OK && mset && i < 3; i++) {
        st = xap_mset_each_count(mset, slots[i], collect_value, &counts[i]);
        st = st != MINUTES_OK ? db_fail_xap(db, st) : counts[i].status;
    }
    size_t n = q->results->size;
    if (st == MINUTES_OK && n && !(q->meetings = calloc(n, sizeof *q->meetings)))
        st = MINUTES_NO_MEMORY;
    for (size_t i = 0; st == MINUTES_OK && i < n; i++) {
        st = fill_meeting(&q->meetings[i], &q->results->hits[i], counts);
        q->meeting_count = i + 1;
    }
    for (size_t i = 0; i < 3; i++)
        value_counts_release(&counts[i]);
    xap_mset_destroy(mset);
    if (st == MINUTES_NO_MEMORY)
        return db_fail(db, st, "out of memory");
    return st == MINUTES_OK ? count_left_out(q) : st;
}

minutes_status
minutes_query_meetings(minutes_query *q, const minutes_meeting **out, size_t *count)
{
    if (!q || !out || !count)
        return MINUTES_BAD_ARGUMENT;
    *out = NULL;
    *count = 0;
    db_clear_error(q->db);
    minutes_status st = prepare_text(q);
    if (st == MINUTES_OK)
        st = db_read_retrying(q->db, list_meetings, q);
    if (st == MINUTES_OK) {
        *out = q->meetings;
        *count = q->meeting_count;
    }
    return st;
}
