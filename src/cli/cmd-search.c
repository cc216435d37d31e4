/* cmd-search.c - 'minutes search': run a query and print the matching paragraphs. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "print.h"

#define MAX_FILTERS 64

typedef enum output_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_TSV } output_format;

typedef struct search_options {
    const char *dir;
    size_t limit, offset, snippet_length;
    output_format format;
    int color; /* -1 auto, 0 never, 1 always */
    unsigned flags;
    int debug_query;
    struct {
        minutes_field field;
        const char *value;
    } filters[MAX_FILTERS];
    size_t nfilters;
} search_options;

/* Every hit prints these first, then every field of minutes.h in order. */
static const char *const score_keys[] = {"rank", "score", "percent"};
#define N_SCORE_KEYS (sizeof score_keys / sizeof *score_keys)
#define N_KEYS (N_SCORE_KEYS + MINUTES_FIELD_COUNT_)

static void
field_keys(const char **keys)
{
    for (size_t i = 0; i < N_SCORE_KEYS; i++)
        keys[i] = score_keys[i];
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
        keys[N_SCORE_KEYS + f] = minutes_field_name((minutes_field)f);
}

static void
print_hit(printer *p, const minutes_hit *hit)
{
    char rank[32], score[32], percent[32];
    snprintf(rank, sizeof rank, "%zu", minutes_hit_rank(hit));
    snprintf(score, sizeof score, "%.4f", minutes_hit_score(hit));
    snprintf(percent, sizeof percent, "%d", minutes_hit_percent(hit));

    p->ops->begin_hit(p);
    p->ops->field(p, "rank", rank, PRINT_NUMBER);
    p->ops->field(p, "score", score, PRINT_NUMBER);
    p->ops->field(p, "percent", percent, PRINT_NUMBER);
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++) {
        minutes_field field = (minutes_field)f;
        print_type type = field == MINUTES_FIELD_SNIPPET   ? PRINT_MARKED
                          : minutes_field_is_number(field) ? PRINT_NUMBER
                                                           : PRINT_STRING;
        p->ops->field(p, minutes_field_name(field), minutes_hit_get(hit, field), type);
    }
    p->ops->end_hit(p);
}

static int
use_color(int option)
{
    if (option >= 0)
        return option;
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return 0;
    return isatty(STDOUT_FILENO);
}

static printer *
make_printer(const search_options *o)
{
    switch (o->format) {
    case FORMAT_JSON: return print_json_create(stdout);
    case FORMAT_TSV: return print_tsv_create(stdout);
    case FORMAT_TEXT: break;
    }
    return print_text_create(stdout, use_color(o->color));
}

static int
parse_format(const char *text, output_format *out)
{
    if (strcmp(text, "text") == 0)
        *out = FORMAT_TEXT;
    else if (strcmp(text, "json") == 0)
        *out = FORMAT_JSON;
    else if (strcmp(text, "tsv") == 0)
        *out = FORMAT_TSV;
    else
        return 0;
    return 1;
}

static int
parse_color(const char *text, int *out)
{
    if (strcmp(text, "auto") == 0)
        *out = -1;
    else if (strcmp(text, "always") == 0)
        *out = 1;
    else if (strcmp(text, "never") == 0)
        *out = 0;
    else
        return 0;
    return 1;
}

static int
add_filter(search_options *o, minutes_field field, const char *value)
{
    if (o->nfilters == MAX_FILTERS) {
        cli_error("too many filters (at most %d)", MAX_FILTERS);
        return 0;
    }
    o->filters[o->nfilters].field = field;
    o->filters[o->nfilters++].value = value;
    return 1;
}

enum {
    OPT_OFFSET = 256,
    OPT_FORMAT,
    OPT_COLOR,
    OPT_EXACT,
    OPT_FILE,
    OPT_ITEM,
    OPT_SNIPPET,
    OPT_DEBUG_QUERY
};

/* Returns 1 to go on, 0 after printing help, -1 on a usage error. */
static int
parse_options(const cli_command *cmd, int argc, char **argv, search_options *o)
{
    static const struct option options[] = {
        {"index", required_argument, NULL, 'd'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, OPT_OFFSET},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"json", no_argument, NULL, 'j'},
        {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"exact", no_argument, NULL, OPT_EXACT},
        {"file", required_argument, NULL, OPT_FILE},
        {"item", required_argument, NULL, OPT_ITEM},
        {"snippet-length", required_argument, NULL, OPT_SNIPPET},
        {"debug-query", no_argument, NULL, OPT_DEBUG_QUERY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, ok = 1;
    while (ok && (c = getopt_long(argc, argv, "d:n:jh", options, NULL)) != -1) {
        switch (c) {
        case 'd': o->dir = optarg; break;
        case 'n': ok = cli_parse_size("--limit", optarg, &o->limit); break;
        case OPT_OFFSET: ok = cli_parse_size("--offset", optarg, &o->offset); break;
        case OPT_SNIPPET:
            ok = cli_parse_size("--snippet-length", optarg, &o->snippet_length);
            break;
        case 'j': o->format = FORMAT_JSON; break;
        case OPT_FORMAT:
            if (!(ok = parse_format(optarg, &o->format)))
                cli_error("invalid --format '%s' (use text, json or tsv)", optarg);
            break;
        case OPT_COLOR:
            if (!(ok = parse_color(optarg, &o->color)))
                cli_error("invalid --color '%s' (use auto, always or never)", optarg);
            break;
        case OPT_EXACT: o->flags |= MINUTES_QUERY_EXACT; break;
        case OPT_FILE: ok = add_filter(o, MINUTES_FIELD_PATH, optarg); break;
        case OPT_ITEM: ok = add_filter(o, MINUTES_FIELD_ITEM_NUMBER, optarg); break;
        case OPT_DEBUG_QUERY: o->debug_query = 1; break;
        case 'h': return cli_print_help(cmd);
        default: ok = 0;
        }
    }
    if (ok && o->limit == 0) {
        cli_error("invalid number '0' for --limit (must be at least 1)");
        ok = 0;
    }
    return ok ? 1 : -1;
}

/* The query words joined by spaces, as a shell user would expect of several arguments. */
static char *
join_words(int argc, char **argv)
{
    size_t len = 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *text = malloc(len);
    if (!text)
        return NULL;
    text[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(text, " ");
        strcat(text, argv[i]);
    }
    return text;
}

static minutes_status
configure_query(minutes_query *q, const search_options *o)
{
    minutes_status st = minutes_query_set_flags(q, o->flags);
    if (st == MINUTES_OK)
        st = minutes_query_set_range(q, o->offset, o->limit);
    if (st == MINUTES_OK)
        st = minutes_query_set_snippet_length(q, o->snippet_length);
    for (size_t i = 0; st == MINUTES_OK && i < o->nfilters; i++)
        st = minutes_query_add_filter(q, o->filters[i].field, o->filters[i].value);
    return st;
}

static int
print_results(const search_options *o, const minutes_results *res)
{
    printer *p = make_printer(o);
    if (!p) {
        cli_error("out of memory");
        return EXIT_TROUBLE;
    }
    const char *keys[N_KEYS];
    field_keys(keys);
    p->ops->begin(p, keys, N_KEYS);
    size_t n = minutes_results_size(res);
    for (size_t i = 0; i < n; i++)
        print_hit(p, minutes_results_hit(res, i));
    p->ops->end(p);
    p->ops->destroy(p);
    return n > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
}

static int
run_search(minutes_db *db, const char *text, const search_options *o)
{
    minutes_query *q = NULL;
    minutes_results *res = NULL;
    minutes_status st = minutes_query_create(db, text, &q);
    if (st == MINUTES_OK)
        st = configure_query(q, o);
    if (st == MINUTES_OK)
        st = minutes_query_run(q, &res);
    if (o->debug_query && minutes_query_describe(q))
        fprintf(stderr, "query: %s\n", minutes_query_describe(q));
    int status;
    if (st != MINUTES_OK) {
        cli_error("%s", *minutes_db_errmsg(db) ? minutes_db_errmsg(db) : minutes_status_str(st));
        status = cli_exit_status(st);
    } else {
        status = print_results(o, res);
    }
    minutes_query_destroy(q);
    return status;
}

int
cmd_search(const cli_command *cmd, int argc, char **argv)
{
    search_options o = {.limit = 10, .snippet_length = 240, .color = -1};
    int go = parse_options(cmd, argc, argv, &o);
    if (go <= 0)
        return go == 0 ? EXIT_FOUND : cli_usage_error(cmd);
    if (optind >= argc) {
        cli_error("search: no query given");
        return cli_usage_error(cmd);
    }
    char *text = join_words(argc - optind, argv + optind);
    if (!text) {
        cli_error("out of memory");
        return EXIT_TROUBLE;
    }
    minutes_db *db;
    int status = cli_open_index(cmd, cli_index_dir(o.dir), &db);
    if (status == 0) {
        status = run_search(db, text, &o);
        minutes_db_close(db);
    }
    free(text);
    return status;
}
