/* filter.c - turning filter values into index terms (see filter.h). */
#include "filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "meta.h"
#include "schema.h"

/* ---- term lists ----------------------------------------------------------------------- */

void
term_list_release(term_list *list)
{
    strlist_release(list);
}

minutes_status
term_list_add(term_list *list, const char *prefix, const char *value)
{
    size_t n = strlen(prefix) + strlen(value) + 1;
    char *term = malloc(n);
    if (!term)
        return MINUTES_NO_MEMORY;
    snprintf(term, n, "%s%s", prefix, value);
    if (strlist_take(list, term) != MINUTES_OK) {
        free(term);
        return MINUTES_NO_MEMORY;
    }
    return MINUTES_OK;
}

/* ---- prefixes --------------------------------------------------------------------------- */

static const struct {
    const char *prefix;
    minutes_field field;
} prefix_fields[] = {
    {"board", MINUTES_FIELD_BOARD},   {"council", MINUTES_FIELD_COUNCIL},
    {"date", MINUTES_FIELD_DATE},     {"type", MINUTES_FIELD_ITEM_TYPE},
    {"doc", MINUTES_FIELD_DOC_TYPE},  {"kind", MINUTES_FIELD_KIND},
    {"minute", MINUTES_FIELD_MINUTE}, {"item", MINUTES_FIELD_ITEM_NUMBER},
    {"file", MINUTES_FIELD_PATH},
};

const char *
filter_prefix(size_t i)
{
    return i < sizeof prefix_fields / sizeof prefix_fields[0] ? prefix_fields[i].prefix : NULL;
}

int
filter_field_for_prefix(const char *prefix, minutes_field *field)
{
    for (size_t i = 0; i < sizeof prefix_fields / sizeof prefix_fields[0]; i++) {
        if (strcmp(prefix, prefix_fields[i].prefix) == 0) {
            *field = prefix_fields[i].field;
            return 1;
        }
    }
    return 0;
}

/* ---- names: boards and councils --------------------------------------------------------- */

/* Whether `part` occurs in `id` as whole hyphen-separated words. */
static int
id_contains(const char *id, size_t id_len, const char *part)
{
    size_t n = strlen(part);
    for (const char *p = id; p + n <= id + id_len; p++) {
        if (memcmp(p, part, n) != 0)
            continue;
        int starts = p == id || p[-1] == '-';
        int ends = p + n == id + id_len || p[n] == '-';
        if (starts && ends)
            return 1;
    }
    return 0;
}

typedef struct name_match {
    const char *prefix;
    const char *part;
    term_list *out;
    minutes_status status;
} name_match;

static int
match_name_term(void *ctx, const char *term, size_t len)
{
    name_match *m = ctx;
    size_t plen = strlen(m->prefix);
    if (!id_contains(term + plen, len - plen, m->part))
        return 0;
    char *id = strndup(term + plen, len - plen);
    m->status = id ? term_list_add(m->out, m->prefix, id) : MINUTES_NO_MEMORY;
    free(id);
    return m->status != MINUTES_OK;
}

static minutes_status
expand_name(minutes_db *db, const char *prefix, const char *what, const char *value, term_list *out)
{
    arena a;
    arena_init(&a, 1024);
    const char *part = meta_name_id(&a, value, strlen(value));
    minutes_status st;
    if (!part) {
        st = db_fail(db, MINUTES_BAD_QUERY, "%s name '%s' has no letters or digits", what, value);
    } else {
        name_match m = {prefix, part, out, MINUTES_OK};
        st = xap_db_each_term(db->xap, prefix, match_name_term, &m);
        if (st != MINUTES_OK)
            st = db_fail_xap(db, st);
        else
            st = m.status;
    }
    arena_release(&a);
    return st;
}

/* ---- dates ------------------------------------------------------------------------------ */

/* Read exactly `n` digits. */
static int
read_digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

/* One end of a date range as YYYYMMDD: a partial date stands for its first day, or with
 * `upper` its last. Accepts YYYY, YYYY-MM, YYYY-MM-DD, MM/YYYY, DD/MM/YYYY and what
 * meta_find_date reads ("29 June 2017"). Returns 0 if `s` is not a date. */
static int
parse_date_end(const char *s, size_t len, int upper, long *out)
{
    int y = 0, m = 0, d = 0;
    if (len == 4 && read_digits(s, 4, &y)) {
        m = upper ? 12 : 1;
    } else if (len == 7 && s[4] == '-' && read_digits(s, 4, &y) && read_digits(s + 5, 2, &m)) {
    } else if (len == 10 && s[4] == '-' && s[7] == '-' && read_digits(s, 4, &y) &&
               read_digits(s + 5, 2, &m) && read_digits(s + 8, 2, &d)) {
    } else if ((len == 7 || len == 6) && s[len - 5] == '/' && read_digits(s, len - 5, &m) &&
               read_digits(s + len - 4, 4, &y)) {
    } else {
        char iso[11];
        char *copy = strndup(s, len);
        int found = copy && meta_find_date(copy, len, iso);
        free(copy);
        if (!found)
            return 0;
        y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
    }
    if (y < 1 || m < 1 || m > 12)
        return 0;
    if (d == 0)
        d = upper ? meta_days_in_month(y, m) : 1;
    if (d < 1 || d > meta_days_in_month(y, m))
        return 0;
    *out = (long)y * 10000 + m * 100 + d;
    return 1;
}

/* The meeting dates the index holds in [from, to], as few terms as possible: a whole year
 * or month inside the range becomes one year or month term. */
typedef struct date_match {
    long from, to;
    term_list *out;
    minutes_status status;
    char last[24]; /* the last year or month term added, not to add it twice */
} date_match;

static int
match_date_term(void *ctx, const char *term, size_t len)
{
    date_match *m = ctx;
    size_t plen = strlen(SCHEMA_PREFIX_DAY);
    long day = 0;
    if (len != plen + 8)
        return 0;
    for (size_t i = plen; i < len; i++) {
        if (!is_digit(term[i]))
            return 0;
        day = day * 10 + (term[i] - '0');
    }
    if (day < m->from || day > m->to)
        return 0;
    long year = day / 10000, month = day / 100;
    char value[24];
    const char *prefix;
    if (m->from <= year * 10000 + 101 && m->to >= year * 10000 + 1231) {
        prefix = SCHEMA_PREFIX_YEAR;
        snprintf(value, sizeof value, "%04ld", year);
    } else if (m->from <= month * 100 + 1 &&
               m->to >= month * 100 + meta_days_in_month((int)year, (int)(month % 100))) {
        prefix = SCHEMA_PREFIX_MONTH;
        snprintf(value, sizeof value, "%06ld", month);
    } else {
        prefix = SCHEMA_PREFIX_DAY;
        snprintf(value, sizeof value, "%08ld", day);
    }
    if (strcmp(value, m->last) == 0)
        return 0;
    snprintf(m->last, sizeof m->last, "%s", value);
    m->status = term_list_add(m->out, prefix, value);
    return m->status != MINUTES_OK;
}

static minutes_status
expand_dates(minutes_db *db, long from, long to, term_list *out)
{
    date_match m = {from, to, out, MINUTES_OK, ""};
    minutes_status st = xap_db_each_term(db->xap, SCHEMA_PREFIX_DAY, match_date_term, &m);
    return st != MINUTES_OK ? db_fail_xap(db, st) : m.status;
}

/* Parse "A", "A..B", "A..", "..B" into an inclusive range. */
static int
parse_date_range(const char *value, long *from, long *to)
{
    const char *dots = strstr(value, "..");
    size_t len = strlen(value);
    if (!dots)
        return parse_date_end(value, len, 0, from) && parse_date_end(value, len, 1, to);
    size_t left = (size_t)(dots - value);
    const char *right = dots + 2;
    *from = 0;
    *to = 99991231;
    if (left && !parse_date_end(value, left, 0, from))
        return 0;
    if (*right && !parse_date_end(right, strlen(right), 1, to))
        return 0;
    return left || *right;
}

static minutes_status
bad_date(minutes_db *db, const char *value)
{
    return db_fail(db, MINUTES_BAD_QUERY,
                   "invalid date '%s' (use YYYY, YYYY-MM, YYYY-MM-DD, DD/MM/YYYY or a range "
                   "A..B with either end open)",
                   value);
}

minutes_status
filter_expand_range(minutes_db *db, const char *since, const char *until, term_list *out)
{
    long from = 0, to = 99991231, ignored;
    if (since && !(parse_date_range(since, &from, &ignored)))
        return bad_date(db, since);
    if (until && !(parse_date_range(until, &ignored, &to)))
        return bad_date(db, until);
    return expand_dates(db, from, to, out);
}

/* ---- vocabularies and numbers ----------------------------------------------------------- */

static minutes_status
expand_word(minutes_db *db, const char *prefix, const char *const *vocabulary, const char *what,
            const char *value, term_list *out)
{
    char word[64];
    size_t n = strlen(value);
    if (n < sizeof word) {
        for (size_t i = 0; i <= n; i++)
            word[i] = (char)to_lower(value[i]);
        if (meta_in_vocabulary(vocabulary, word))
            return term_list_add(out, prefix, word);
    }
    char known[512] = "";
    for (const char *const *v = vocabulary; *v; v++)
        snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s",
                 v == vocabulary ? "" : ", ", *v);
    return db_fail(db, MINUTES_BAD_QUERY, "unknown %s '%s' (one of: %s)", what, value, known);
}

/* "4/21", "04/21" or "4/2021" -> "4/21"; a minute number of another form as printed
 * ("CM 70/23", "60.3"), case and spaces aside. */
static minutes_status
expand_minute(minutes_db *db, const char *value, term_list *out)
{
    size_t n = strlen(value);
    const char *slash = strchr(value, '/');
    int number = 0;
    if (n == 0 || n > 32 || meta_read_minute(value, n) != n ||
        (slash && read_digits(value, (size_t)(slash - value), &number) && number == 0))
        return db_fail(db, MINUTES_BAD_QUERY,
                       "invalid minute number '%s' (write it as printed: 4/21, CM 70/23, 60.3)",
                       value);
    char norm[40];
    meta_minute_id(value, norm, sizeof norm);
    return term_list_add(out, SCHEMA_PREFIX_MINUTE, norm);
}

minutes_status
filter_expand(minutes_db *db, minutes_field field, const char *value, term_list *out)
{
    long from, to;
    char term[SCHEMA_TERM_MAX];
    switch (field) {
    case MINUTES_FIELD_PATH: {
        /* Files are indexed under their canonical path; accept any spelling of it. The id
         * of a path differs by origin: the file of that path in each index read. */
        char *canonical = realpath(value, NULL);
        minutes_status st = MINUTES_OK;
        for (size_t i = 0; st == MINUTES_OK && i < db->origin_count; i++) {
            char file_id[SCHEMA_FILE_ID_SIZE];
            schema_file_id(file_id, db->origins[i], canonical ? canonical : value);
            schema_file_term(term, file_id);
            st = term_list_add(out, "", term);
        }
        free(canonical);
        return st;
    }
    case MINUTES_FIELD_ITEM_NUMBER: return term_list_add(out, SCHEMA_PREFIX_ITEM_NUMBER, value);
    case MINUTES_FIELD_BOARD: return expand_name(db, SCHEMA_PREFIX_BOARD, "board", value, out);
    case MINUTES_FIELD_COUNCIL:
        return expand_name(db, SCHEMA_PREFIX_COUNCIL, "council", value, out);
    case MINUTES_FIELD_DATE:
        if (!parse_date_range(value, &from, &to))
            return bad_date(db, value);
        return expand_dates(db, from, to, out);
    case MINUTES_FIELD_ITEM_TYPE:
        return expand_word(db, SCHEMA_PREFIX_ITEM_TYPE, meta_item_types, "item type", value, out);
    case MINUTES_FIELD_DOC_TYPE:
        return expand_word(db, SCHEMA_PREFIX_DOC_TYPE, meta_doc_types, "document type", value, out);
    case MINUTES_FIELD_KIND:
        return expand_word(db, SCHEMA_PREFIX_KIND, meta_para_kinds, "paragraph kind", value, out);
    case MINUTES_FIELD_MINUTE: return expand_minute(db, value, out);
    default: break;
    }
    const char *name = minutes_field_name(field);
    return db_fail(db, MINUTES_BAD_ARGUMENT, "cannot filter on field '%s'",
                   name ? name : "unknown");
}
