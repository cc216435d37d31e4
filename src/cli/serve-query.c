/* serve-query.c - from a request to a query: the parameters of a search (the options of
 * 'minutes search', by the same names without dashes) read and bounded, the query set up as
 * the command sets it up (cli_configure_query) and run, and a failure turned into an HTTP
 * status and a message. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

const char *
serve_param_value(const serve_request *r, const char *name)
{
    for (size_t i = 0; i < r->nparams; i++)
        if (strcmp(r->params[i].name, name) == 0)
            return r->params[i].value;
    return NULL;
}

static int fail(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    return 0;
}

/* The parameters, and what each is. */
typedef enum param_kind {
    PARAM_TEXT,   /* q */
    PARAM_FILTER, /* repeatable, ORed: the filter option `opt` */
    PARAM_FLAG,   /* 1 or 0 (true, false): the query flag `flag` */
    PARAM_NUMBER, /* limit, offset, snippet_length */
    PARAM_SORT,
    PARAM_COLLAPSE,
    PARAM_FACETS
} param_kind;

static const struct {
    const char *name;
    param_kind kind;
    int opt;       /* PARAM_FILTER: its CLI_OPT_* */
    unsigned flag; /* PARAM_FLAG: its MINUTES_QUERY_* */
    int meetings;  /* /api/meetings takes it too */
} params[] = {
    {"q", PARAM_TEXT, 0, 0, 1},
    {"board", PARAM_FILTER, CLI_OPT_BOARD, 0, 1},
    {"council", PARAM_FILTER, CLI_OPT_COUNCIL, 0, 1},
    {"date", PARAM_FILTER, CLI_OPT_DATE, 0, 1},
    {"since", PARAM_FILTER, CLI_OPT_SINCE, 0, 1},
    {"until", PARAM_FILTER, CLI_OPT_UNTIL, 0, 1},
    {"type", PARAM_FILTER, CLI_OPT_TYPE, 0, 1},
    {"doc", PARAM_FILTER, CLI_OPT_DOC, 0, 1},
    {"kind", PARAM_FILTER, CLI_OPT_KIND, 0, 1},
    {"minute", PARAM_FILTER, CLI_OPT_MINUTE, 0, 1},
    {"item", PARAM_FILTER, CLI_OPT_ITEM, 0, 1},
    {"undated", PARAM_FLAG, 0, MINUTES_QUERY_UNDATED, 1},
    {"unknown_board", PARAM_FLAG, 0, MINUTES_QUERY_UNKNOWN_BOARD, 1},
    {"no_synonyms", PARAM_FLAG, 0, MINUTES_QUERY_NO_SYNONYMS, 1},
    {"exact", PARAM_FLAG, 0, MINUTES_QUERY_EXACT, 0},
    {"fixed", PARAM_FLAG, 0, MINUTES_QUERY_FIXED, 0},
    {"match_case", PARAM_FLAG, 0, MINUTES_QUERY_MATCH_CASE, 0},
    {"sort", PARAM_SORT, 0, 0, 0},
    {"collapse", PARAM_COLLAPSE, 0, 0, 0},
    {"limit", PARAM_NUMBER, 0, 0, 0},
    {"offset", PARAM_NUMBER, 0, 0, 0},
    {"snippet_length", PARAM_NUMBER, 0, 0, 0},
    {"facets", PARAM_FACETS, 0, 0, 0},
};
#define N_PARAMS (sizeof params / sizeof *params)

/* A yes or no: "1", "true", "yes", "on" or empty (given without a value) for yes. */
static int
read_boolean(const char *name, const char *value, int *out, char *err, size_t errsize)
{
    if (!*value || strcmp(value, "1") == 0 || strcmp(value, "true") == 0 ||
        strcmp(value, "yes") == 0 || strcmp(value, "on") == 0)
        *out = 1;
    else if (strcmp(value, "0") == 0 || strcmp(value, "false") == 0 || strcmp(value, "no") == 0 ||
             strcmp(value, "off") == 0)
        *out = 0;
    else
        return fail(err, errsize, "invalid %s '%.64s' (use 1 or 0)", name, value);
    return 1;
}

static int
parse_number(const char *name, const char *value, size_t min, size_t max, size_t *out, char *err,
             size_t errsize)
{
    char *end;
    unsigned long long n = 0;
    int ok = value[0] >= '0' && value[0] <= '9' && strlen(value) <= 9;
    if (ok)
        n = strtoull(value, &end, 10), ok = *end == '\0' && n >= min && n <= max;
    if (!ok)
        return fail(err, errsize, "invalid %s '%.64s' (a number from %zu to %zu)", name, value, min,
                    max);
    *out = (size_t)n;
    return 1;
}

int
serve_read_number(const serve_request *r, const char *name, size_t max, size_t *out, char *err,
                  size_t errsize)
{
    const char *value = serve_param_value(r, name);
    return !value || parse_number(name, value, 0, max, out, err, errsize);
}

/* Take one parameter of a known name into `s`. */
static int
take(serve_search *s, size_t kind_index, const char *value, char *err, size_t errsize)
{
    cli_search_settings *set = &s->settings;
    const char *name = params[kind_index].name;
    int on;
    switch (params[kind_index].kind) {
    case PARAM_TEXT:
        if (strlen(value) > SERVE_MAX_QUERY)
            return fail(err, errsize, "parameter 'q' is too long (%zu bytes; at most %d)",
                        strlen(value), SERVE_MAX_QUERY);
        s->text = value;
        return 1;
    case PARAM_FILTER:
        if (!*value) /* an empty field of the form */
            return 1;
        if (!cli_filters_add(&set->filters, params[kind_index].opt, value))
            return fail(err, errsize, "too many filters (at most %d)", CLI_MAX_FILTERS);
        return 1;
    case PARAM_FLAG:
        if (!read_boolean(name, value, &on, err, errsize))
            return 0;
        set->flags =
            on ? set->flags | params[kind_index].flag : set->flags & ~params[kind_index].flag;
        return 1;
    case PARAM_FACETS: return read_boolean(name, value, &set->facets, err, errsize);
    case PARAM_SORT:
        if (!*value || cli_sort_named(value, &set->sort))
            return 1;
        return fail(err, errsize, "invalid sort '%.64s' (use relevance, date or -date)", value);
    case PARAM_COLLAPSE:
        if (!*value || cli_collapse_named(value, &set->collapse))
            return 1;
        return fail(err, errsize, "invalid collapse '%.64s' (use meeting, item or none)", value);
    case PARAM_NUMBER:
        if (!*value)
            return 1;
        if (strcmp(name, "limit") == 0)
            return parse_number(name, value, 1, SERVE_MAX_LIMIT, &set->limit, err, errsize);
        if (strcmp(name, "offset") == 0)
            return parse_number(name, value, 0, SERVE_MAX_OFFSET, &set->offset, err, errsize);
        return parse_number(name, value, 0, SERVE_MAX_SNIPPET, &set->snippet_length, err, errsize);
    }
    return 1;
}

int
serve_read_search(const serve_request *r, serve_endpoint endpoint, serve_search *s, char *err,
                  size_t errsize)
{
    *s = (serve_search){.text = NULL, .settings = CLI_SEARCH_DEFAULTS};
    unsigned char seen[N_PARAMS] = {0};
    for (size_t i = 0; i < r->nparams; i++) {
        const serve_param *p = &r->params[i];
        size_t k = 0;
        while (k < N_PARAMS && strcmp(params[k].name, p->name) != 0)
            k++;
        if (k == N_PARAMS || (endpoint == SERVE_MEETINGS && !params[k].meetings))
            return fail(err, errsize, "unknown parameter '%.64s'", p->name);
        if (seen[k]++ && params[k].kind != PARAM_FILTER)
            return fail(err, errsize, "parameter '%s' given more than once", params[k].name);
        if (!take(s, k, p->value, err, errsize))
            return 0;
    }
    return 1;
}

int
serve_http_status(minutes_status st)
{
    switch (st) {
    case MINUTES_BAD_QUERY:
    case MINUTES_BAD_ARGUMENT: return 400;
    case MINUTES_NO_INDEX:
    case MINUTES_LOCKED:
    case MINUTES_MODIFIED:
    case MINUTES_CORRUPT:
    case MINUTES_IO_ERROR: return 503;
    default: return 500;
    }
}

/* The status and message of a failed call on `db`. */
static int
failure(minutes_db *db, minutes_status st, char *err, size_t errsize)
{
    const char *message = *minutes_db_errmsg(db) ? minutes_db_errmsg(db) : minutes_status_str(st);
    snprintf(err, errsize, "%s", message);
    return serve_http_status(st);
}

int
serve_run_search(minutes_db *db, const serve_search *s, minutes_query **query,
                 minutes_results **results, char *err, size_t errsize)
{
    *query = NULL;
    minutes_status st = minutes_query_create(db, s->text ? s->text : "", query);
    if (st == MINUTES_OK)
        st = cli_configure_query(*query, &s->settings);
    if (st == MINUTES_OK)
        st = minutes_query_run(*query, results);
    if (st == MINUTES_OK)
        return 200;
    int status = failure(db, st, err, errsize);
    minutes_query_destroy(*query);
    *query = NULL;
    return status;
}

int
serve_run_meetings(minutes_db *db, const serve_search *s, minutes_query **query,
                   const minutes_meeting **list, size_t *count, char *err, size_t errsize)
{
    *query = NULL;
    minutes_status st = minutes_query_create(db, s->text ? s->text : "", query);
    if (st == MINUTES_OK)
        st = cli_apply_filters(*query, &s->settings.filters, s->settings.flags);
    if (st == MINUTES_OK)
        st = minutes_query_meetings(*query, list, count);
    if (st == MINUTES_OK)
        return 200;
    int status = failure(db, st, err, errsize);
    minutes_query_destroy(*query);
    *query = NULL;
    return status;
}
