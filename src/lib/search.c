/* search.c - queries: their settings and filters; their text folded and parsed (field
 * prefixes, date: and board:, literal words when it is not query syntax); one run of a query
 * (query_match) with BM25 or by date, collapsed, with values counted; and minutes_query_run,
 * which runs a query for its hits and facets and counts what its filters left out. The hits
 * are read in results.c, the facets counted in facets.c; meetings.c runs queries through
 * query_match to list meetings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "facets.h"
#include "normalize.h"
#include "query-internal.h"
#include "read.h"
#include "schema.h"

#define ESTIMATE_EXACT_UP_TO 500
/* Xapian's matcher slows down sharply past a few thousand terms (10,000 trailing wildcards
 * take half a minute), so longer queries are refused. */
#define MAX_QUERY_WORDS 1000

query_options
query_options_of(const minutes_query *q)
{
    query_options opt = {
        .offset = q->offset,
        .limit = q->limit,
        .sort = q->sort,
        .collapse = q->collapse,
        .date_mode = (q->flags & MINUTES_QUERY_UNDATED) ? UNKNOWN_KEEP : UNKNOWN_DROP,
        .board_mode = (q->flags & MINUTES_QUERY_UNKNOWN_BOARD) ? UNKNOWN_KEEP : UNKNOWN_DROP,
    };
    return opt;
}

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
    q->limit = MINUTES_DEFAULT_LIMIT;
    q->snippet_bytes = MINUTES_DEFAULT_SNIPPET_BYTES;
    *out = q;
    return MINUTES_OK;
}

void
minutes_query_destroy(minutes_query *q)
{
    if (!q)
        return;
    minutes_results_destroy(q->results);
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
        term_list_release(&q->groups[f]);
    term_list_release(&q->date_range);
    free(q->description);
    free(q->text);
    free(q->parse_text);
    free(q->suggestion);
    strlist_release(&q->compounds);
    strlist_release(&q->case_words);
    free(q);
}

minutes_status
minutes_query_set_flags(minutes_query *q, unsigned flags)
{
    const unsigned known = MINUTES_QUERY_EXACT | MINUTES_QUERY_FIXED | MINUTES_QUERY_NO_SYNONYMS |
                           MINUTES_QUERY_UNDATED | MINUTES_QUERY_UNKNOWN_BOARD |
                           MINUTES_QUERY_MATCH_CASE;
    if (!q || (flags & ~known))
        return MINUTES_BAD_ARGUMENT;
    q->flags = flags;
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
    while (text[i] && !is_space(text[i]))
        i++;
    return i;
}

static minutes_status
add_compound(minutes_query *q, const char *text, size_t len)
{
    return strlist_add(&q->compounds, text, len);
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
minutes_status
query_prepare_text(minutes_query *q)
{
    free(q->parse_text);
    q->parse_text = NULL;
    free(q->suggestion); /* a run's own: none until minutes_query_run makes one */
    q->suggestion = NULL;
    strlist_release(&q->compounds);

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
    return query_find_case_words(q);
}

/* ---- parsing ---------------------------------------------------------------------------- */

/* What the filter mode of `field` is in a run with `opt`. */
static unknown_mode
mode_of(const query_options *opt, minutes_field field)
{
    if (field == MINUTES_FIELD_DATE)
        return opt->date_mode;
    return field == MINUTES_FIELD_BOARD ? opt->board_mode : UNKNOWN_DROP;
}

/* The marker term of paragraphs with no value of `field`. */
static const char *
unknown_marker(minutes_field field)
{
    return field == MINUTES_FIELD_DATE ? SCHEMA_TERM_DATE_UNKNOWN : SCHEMA_TERM_BOARD_UNKNOWN;
}

/* A query parsed for one run, and what parsing found out about its text. */
typedef struct parsed_query {
    xap_query *xq;
    int literal;                   /* not query syntax: its words, literally */
    int date_prefix, board_prefix; /* the text filters with date: or board: */
} parsed_query;

/* What the query parser's callback works with. */
typedef struct parse_context {
    const minutes_query *q;
    const query_options *opt;
    parsed_query *parsed;
    char *field_error; /* why a field prefix's value failed to expand */
} parse_context;

/* The query parser's callback for a prefixed field: board:cabinet, date:2017.. */
static minutes_status
expand_prefix(void *ctx, const char *prefix, const char *value, xap_terms *out, char **message)
{
    parse_context *pc = ctx;
    minutes_db *db = pc->q->db;
    minutes_field field;
    term_list list = {0};
    minutes_status st = MINUTES_BAD_ARGUMENT;
    if (filter_field_for_prefix(prefix, &field))
        st = filter_expand(db, field, value, &list);
    if (st == MINUTES_OK && (field == MINUTES_FIELD_DATE || field == MINUTES_FIELD_BOARD)) {
        *(field == MINUTES_FIELD_DATE ? &pc->parsed->date_prefix : &pc->parsed->board_prefix) = 1;
        unknown_mode mode = mode_of(pc->opt, field);
        if (mode == UNKNOWN_ONLY)
            term_list_release(&list);
        if (mode != UNKNOWN_DROP)
            st = term_list_add(&list, "", unknown_marker(field));
    }
    for (size_t i = 0; st == MINUTES_OK && i < list.count; i++)
        st = xap_terms_add(out, list.items[i]);
    term_list_release(&list);
    if (st != MINUTES_OK) {
        *message = strdup(*minutes_db_errmsg(db) ? minutes_db_errmsg(db) : minutes_status_str(st));
        if (!pc->field_error && *message)
            pc->field_error = strdup(*message);
    }
    return st;
}

/* Whether some filter can match nothing at all (a board name no board has, a date range with
 * no meeting in it) - unless it also keeps paragraphs whose value is unknown. */
static int
filters_match_nothing(const minutes_query *q, const query_options *opt)
{
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
        if (q->group_used[f] && q->groups[f].count == 0 &&
            mode_of(opt, (minutes_field)f) == UNKNOWN_DROP)
            return 1;
    return q->has_date_range && q->date_range.count == 0 && opt->date_mode == UNKNOWN_DROP;
}

/* Filter by the terms of `list` (not empty, unless `mode` keeps the unknown), with what `mode`
 * says of the paragraphs with none of them for not knowing it (`field`'s marker). */
static minutes_status
filter_by(xap_query *xq, const term_list *list, unknown_mode mode, minutes_field field)
{
    const char *marker = unknown_marker(field);
    if (mode == UNKNOWN_DROP)
        return xap_query_filter_terms(xq, (const char *const *)list->items, list->count);
    if (mode == UNKNOWN_ONLY)
        return xap_query_filter_terms(xq, &marker, 1);
    const char **terms = malloc((list->count + 1) * sizeof *terms);
    if (!terms)
        return MINUTES_NO_MEMORY;
    for (size_t i = 0; i < list->count; i++)
        terms[i] = list->items[i];
    terms[list->count] = marker;
    minutes_status st = xap_query_filter_terms(xq, terms, list->count + 1);
    free(terms);
    return st;
}

static minutes_status
apply_filters(const minutes_query *q, const query_options *opt, xap_query *xq)
{
    minutes_status st = MINUTES_OK;
    for (int f = 0; st == MINUTES_OK && f < MINUTES_FIELD_COUNT_; f++) {
        unknown_mode mode = mode_of(opt, (minutes_field)f);
        if (q->group_used[f] && (q->groups[f].count || mode != UNKNOWN_DROP))
            st = filter_by(xq, &q->groups[f], mode, (minutes_field)f);
    }
    if (st == MINUTES_OK && q->has_date_range &&
        (q->date_range.count || opt->date_mode != UNKNOWN_DROP))
        st = filter_by(xq, &q->date_range, opt->date_mode, MINUTES_FIELD_DATE);
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
        int word = is_alnum(*p) || *p >= 0x80;
        n += word && !in_word;
        in_word = word;
    }
    return n;
}

/* The query as Xapian understood it, for minutes_query_describe; malloc'd into *out. */
static minutes_status
describe(const xap_query *xq, int literal, char **out)
{
    *out = NULL;
    char *d = NULL;
    minutes_status st = xap_query_describe(xq, &d);
    if (st != MINUTES_OK || !literal) {
        *out = d;
        return st;
    }
    size_t n = strlen(d) + sizeof "(literal) ";
    if ((*out = malloc(n)) != NULL)
        snprintf(*out, n, "(literal) %s", d);
    free(d);
    return *out ? MINUTES_OK : MINUTES_NO_MEMORY;
}

/* Parse the text (with field prefixes, unless MINUTES_QUERY_FIXED) as query_prepare_text
 * made it, with the filters, for a run with `opt`. Text that is not valid query syntax is
 * searched for as literal words instead; a field value that cannot be expanded (date:2017-13)
 * is an error either way. The caller destroys out->xq, whatever the outcome. */
static minutes_status
parse_query(const minutes_query *q, const query_options *opt, parsed_query *out)
{
    memset(out, 0, sizeof *out);
    minutes_db *db = q->db;
    if (!q->parse_text)
        return db_fail(db, MINUTES_INTERNAL, "query text not prepared");
    size_t words = count_words(q->text);
    if (words > MAX_QUERY_WORDS)
        return db_fail(db, MINUTES_BAD_QUERY, "query too long (%zu words; the limit is %d)", words,
                       MAX_QUERY_WORDS);

    size_t nprefixes = 0;
    while (filter_prefix(nprefixes))
        nprefixes++;
    const char *prefixes[16];
    for (size_t i = 0; i < nprefixes && i < 16; i++)
        prefixes[i] = filter_prefix(i);
    static const char *const text_fields[] = {SCHEMA_FIELD_TITLE};
    static const char *const text_prefixes[] = {SCHEMA_PREFIX_TITLE};
    parse_context pc = {q, opt, out, NULL};
    xap_parse_fields fields = {prefixes,
                               nprefixes < 16 ? nprefixes : 16,
                               expand_prefix,
                               &pc,
                               text_fields,
                               text_prefixes,
                               1,
                               (const char *const *)q->compounds.items,
                               q->compounds.count};

    unsigned flags = (q->flags & MINUTES_QUERY_EXACT) ? XAP_PARSE_EXACT : 0;
    if (q->flags & MINUTES_QUERY_FIXED)
        flags |= XAP_PARSE_FIXED;
    if (!(q->flags & MINUTES_QUERY_NO_SYNONYMS))
        flags |= XAP_PARSE_SYNONYMS;
    const char *text = q->parse_text;
    minutes_status st = xap_query_parse_fields(db->xap, text, flags, &fields, &out->xq);
    if (st == MINUTES_BAD_QUERY &&
        !(pc.field_error && strcmp(pc.field_error, xap_db_errmsg(db->xap)) == 0)) {
        /* Xapian's syntax error ("Ofsted AND", "(board"): the words, literally. */
        free(pc.field_error);
        pc.field_error = NULL;
        out->literal = 1;
        st = xap_query_parse_fields(db->xap, text, flags | XAP_PARSE_LITERAL, &fields, &out->xq);
    }
    if (st == MINUTES_BAD_QUERY) {
        if (pc.field_error)
            st = db_fail(db, st, "query '%s': %s", q->text, pc.field_error);
        else
            st = db_fail(db, st, "malformed query '%s': %s", q->text, xap_db_errmsg(db->xap));
        free(pc.field_error);
        return st;
    }
    free(pc.field_error);
    if (st == MINUTES_OK && (st = apply_filters(q, opt, out->xq)) == MINUTES_NO_MEMORY)
        return db_fail(db, st, "out of memory");
    return st == MINUTES_OK ? st : db_fail_xap(db, st);
}

/* ---- running ---------------------------------------------------------------------------- */

/* The words to match as written (MINUTES_QUERY_MATCH_CASE), in the paragraph's text: its
 * stored data after the last field separator (schema.c). */
static void
set_case_words(const minutes_query *q, xap_run_options *run)
{
    run->case_words = (const char *const *)q->case_words.items;
    run->case_word_count = q->case_words.count;
    run->case_text_after = 0x1f; /* schema.c's DATA_SEPARATOR, which the text never holds */
}

minutes_status
query_match(minutes_query *q, const query_options *opt, xap_mset **out)
{
    *out = NULL;
    parsed_query parsed;
    minutes_status st = parse_query(q, opt, &parsed);
    if (st == MINUTES_OK) {
        q->date_prefix = parsed.date_prefix;
        q->board_prefix = parsed.board_prefix;
        q->literal = parsed.literal;
        free(q->description);
        if ((st = describe(parsed.xq, parsed.literal, &q->description)) != MINUTES_OK)
            st = db_fail_xap(q->db, st);
    }
    if (st == MINUTES_OK && filters_match_nothing(q, opt)) {
        xap_query_destroy(parsed.xq);
        return MINUTES_OK;
    }
    unsigned long doccount = 0;
    if (st == MINUTES_OK && (st = xap_db_doccount(q->db->xap, &doccount)) != MINUTES_OK)
        st = db_fail_xap(q->db, st);
    if (st != MINUTES_OK) {
        xap_query_destroy(parsed.xq);
        return st;
    }

    xap_run_options run;
    memset(&run, 0, sizeof run);
    run.offset = opt->every_match ? 0 : opt->offset;
    run.limit = opt->every_match ? (size_t)doccount : opt->limit;
    /* Counting the first few hundred matches exactly is cheap and makes small counts exact;
     * collapse counts and value counts are exact only when every match is examined. */
    run.check_at_least = ESTIMATE_EXACT_UP_TO;
    if (opt->count_slot_count || opt->collapse != MINUTES_COLLAPSE_NONE)
        run.check_at_least = doccount;
    if (opt->sort != MINUTES_SORT_RELEVANCE) {
        run.sort_by_value = 1;
        run.sort_descending = opt->sort == MINUTES_SORT_DATE_DESC;
        run.sort_slot = run.sort_descending ? SCHEMA_SLOT_DATE_DESC : SCHEMA_SLOT_DATE_ASC;
    }
    if (opt->collapse != MINUTES_COLLAPSE_NONE) {
        run.collapse = 1;
        run.collapse_slot =
            opt->collapse == MINUTES_COLLAPSE_MEETING ? SCHEMA_SLOT_MEETING : SCHEMA_SLOT_ITEM;
    }
    run.count_slots = opt->count_slots;
    run.count_slot_count = opt->count_slot_count;
    set_case_words(q, &run);

    st = xap_query_run(q->db->xap, parsed.xq, &run, out);
    xap_query_destroy(parsed.xq);
    return st == MINUTES_OK ? st : db_fail_xap(q->db, st);
}

/* Into *count, how many paragraphs the query matches in a run with `opt`. */
static minutes_status
count_matches(const minutes_query *q, const query_options *opt, unsigned long *count)
{
    *count = 0;
    parsed_query parsed;
    minutes_status st = parse_query(q, opt, &parsed);
    if (st != MINUTES_OK || filters_match_nothing(q, opt)) {
        xap_query_destroy(parsed.xq);
        return st;
    }
    unsigned long doccount = 0;
    xap_mset *mset = NULL;
    if ((st = xap_db_doccount(q->db->xap, &doccount)) == MINUTES_OK) {
        xap_run_options run;
        memset(&run, 0, sizeof run);
        run.check_at_least = (size_t)doccount; /* no hits; the count exact */
        set_case_words(q, &run);
        st = xap_query_run(q->db->xap, parsed.xq, &run, &mset);
    }
    if (st == MINUTES_OK)
        *count = xap_mset_estimate(mset);
    xap_mset_destroy(mset);
    xap_query_destroy(parsed.xq);
    return st == MINUTES_OK ? st : db_fail_xap(q->db, st);
}

/* The left-out counts are the same run, counting, with the filter keeping only the unknown;
 * the other filters as they were. */
minutes_status
query_count_left_out(minutes_query *q, const query_options *opt)
{
    q->left_out_date = q->left_out_board = 0;
    int dated = q->group_used[MINUTES_FIELD_DATE] || q->has_date_range || q->date_prefix;
    int boarded = q->group_used[MINUTES_FIELD_BOARD] || q->board_prefix;
    minutes_status st = MINUTES_OK;
    if (dated && opt->date_mode == UNKNOWN_DROP) {
        query_options unknown_only = *opt;
        unknown_only.date_mode = UNKNOWN_ONLY;
        st = count_matches(q, &unknown_only, &q->left_out_date);
    }
    if (st == MINUTES_OK && boarded && opt->board_mode == UNKNOWN_DROP) {
        query_options unknown_only = *opt;
        unknown_only.board_mode = UNKNOWN_ONLY;
        st = count_matches(q, &unknown_only, &q->left_out_board);
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
    unsigned slots[FACETS_MAX];
    query_options opt = query_options_of(q);
    int collapsing = opt.collapse != MINUTES_COLLAPSE_NONE;
    if (q->facets && !collapsing) { /* paragraphs counted by their values as they match */
        opt.count_slots = slots;
        opt.count_slot_count = facets_slots(slots);
    }
    xap_mset *mset = NULL;
    minutes_status st = query_match(q, &opt, &mset);
    if (st == MINUTES_OK && mset)
        st = results_collect_hits(db, mset, q->snippet_bytes, collapsing, q->results);
    if (st == MINUTES_OK && mset && q->facets && !collapsing)
        st = facets_from_counts(db, mset, xap_mset_estimate(mset), q->results);
    if (st == MINUTES_OK && mset && q->facets && collapsing) { /* each meeting or item once */
        query_options every = opt;
        every.every_match = 1;
        xap_mset *all = NULL;
        st = query_match(q, &every, &all);
        if (st == MINUTES_OK && all)
            st = facets_from_matches(db, all, q->results);
        xap_mset_destroy(all);
    }
    xap_mset_destroy(mset);
    if (st == MINUTES_OK)
        st = query_count_left_out(q, &opt);
    if (st == MINUTES_OK)
        st = query_suggest(q, q->results->estimate);
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
    minutes_status st = query_prepare_text(q);
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
