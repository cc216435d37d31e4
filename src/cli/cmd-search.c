/* cmd-search.c - 'minutes search': run a query and print the matching paragraphs, or with
 * --facets the counts of matching paragraphs per board, item type, document type and year. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "print.h"

typedef struct search_options {
    const char *dir;
    size_t limit, offset, snippet_length;
    cli_format format;
    int color; /* -1 auto, 0 never, 1 always */
    unsigned flags;
    int debug_query;
    minutes_sort sort;
    minutes_collapse collapse;
    int facets;
    cli_filters filters;
} search_options;

/* ---- options, their defaults and help ---- */


static const search_options defaults = {
    .limit = MINUTES_DEFAULT_LIMIT,
    .snippet_length = MINUTES_DEFAULT_SNIPPET_BYTES,
    .format = CLI_FORMAT_TEXT,
    .color = -1, /* auto */
    .sort = MINUTES_SORT_RELEVANCE,
    .collapse = MINUTES_COLLAPSE_NONE,
};

enum {
    OPT_OFFSET = 256,
    OPT_COLOR,
    OPT_EXACT,
    OPT_SNIPPET,
    OPT_DEBUG_QUERY,
    OPT_SORT,
    OPT_COLLAPSE,
    OPT_FACETS,
    OPT_NO_SYNONYMS
};

static const struct option options[] = {
    {"index", required_argument, NULL, 'd'},
    {"limit", required_argument, NULL, 'n'},
    {"offset", required_argument, NULL, OPT_OFFSET},
    CLI_FORMAT_OPTIONS,
    {"color", required_argument, NULL, OPT_COLOR},
    {"colour", required_argument, NULL, OPT_COLOR},
    {"exact", no_argument, NULL, OPT_EXACT},
    {"case-sensitive", no_argument, NULL, 's'},
    {"match-case", no_argument, NULL, 's'},
    {"fixed-strings", no_argument, NULL, 'F'},
    {"snippet-length", required_argument, NULL, OPT_SNIPPET},
    {"debug-query", no_argument, NULL, OPT_DEBUG_QUERY},
    {"sort", required_argument, NULL, OPT_SORT},
    {"collapse", required_argument, NULL, OPT_COLLAPSE},
    {"facets", no_argument, NULL, OPT_FACETS},
    {"no-synonyms", no_argument, NULL, OPT_NO_SYNONYMS},
    CLI_FILTER_OPTIONS,
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The help is laid out as it prints. */
/* clang-format off */
const cli_help cmd_search_help = {
    "minutes search [-d DIR] [-n LIMIT] [--offset N] [--format text|json|tsv]\n"
    "                      [--color auto|always|never] [--exact] [-F] [-s] [--no-synonyms]\n"
    "                      [--sort relevance|date|-date] [--collapse meeting|item] [--facets]\n"
    "                      [FILTERS] QUERY...",
    CLI_INDEX_HELP
    "  -n, --limit N           print at most N hits (default " CLI_STRING(MINUTES_DEFAULT_LIMIT) ")\n"
    "      --offset N          skip the first N hits\n"
    CLI_FORMAT_HELP
    "      --color WHEN        colour matches: auto (default, on a terminal), always, never\n"
    "      --exact             match words as written: no stemming, in phrases too\n"
    "  -F, --fixed-strings     QUERY is plain words, not syntax: match them as one phrase\n"
    "  -s, --case-sensitive    words in capitals match only as written (SEND, not send);\n"
    "                          also --match-case\n"
    "      --no-synonyms       do not expand words with the synonyms table (LAC, SEND, ...)\n"
    "      --sort ORDER        relevance (default), date (oldest first) or -date\n"
    "      --collapse WHAT     one hit per meeting or per agenda item, with a count of the rest\n"
    "      --facets            print counts of matching paragraphs per board, item type,\n"
    "                          document type and year instead of hits\n"
    "      --snippet-length N  snippet size in bytes"
    " (default " CLI_STRING(MINUTES_DEFAULT_SNIPPET_BYTES) "; 0 for none)\n"
    "      --debug-query       print the parsed query on stderr\n"
    CLI_FILTER_HELP "\n"
    "QUERY: words (all must match), \"quoted phrases\", AND OR NOT, +word -word,\n"
    "(brackets), trailing wildcards (foster*), title:word or title:\"a phrase\" for\n"
    "words of the agenda item's title. Words are stemmed unless --exact; accents,\n"
    "ordinals (16th) and hyphens (anti-social, antisocial) do not matter, and\n"
    "acronyms (LAC, SEND, Cllr) also find what they stand for.\n"
    "A QUERY that is not valid syntax (Ofsted AND) is searched for as plain words.\n"
    "Field prefixes filter like the options: date:2017-01-01..2018-12-31 date:2017\n"
    "board:cabinet type:report doc:minutes kind:resolution council:coventry minute:4/21.\n"
    "When little or nothing matches, a corrected query is suggested (\"did you mean\").\n"
    "Exit status: 0 if something matched, 1 if nothing did, 2 on error.\n",
};
/* clang-format on */

static int
parse_sort(const char *text, minutes_sort *out)
{
    if (strcmp(text, "relevance") == 0)
        *out = MINUTES_SORT_RELEVANCE;
    else if (strcmp(text, "date") == 0)
        *out = MINUTES_SORT_DATE;
    else if (strcmp(text, "-date") == 0)
        *out = MINUTES_SORT_DATE_DESC;
    else {
        cli_error("invalid --sort '%s' (use relevance, date or -date)", text);
        return 0;
    }
    return 1;
}

static int
parse_collapse(const char *text, minutes_collapse *out)
{
    if (strcmp(text, "meeting") == 0)
        *out = MINUTES_COLLAPSE_MEETING;
    else if (strcmp(text, "item") == 0)
        *out = MINUTES_COLLAPSE_ITEM;
    else if (strcmp(text, "none") == 0)
        *out = MINUTES_COLLAPSE_NONE;
    else {
        cli_error("invalid --collapse '%s' (use meeting, item or none)", text);
        return 0;
    }
    return 1;
}

/* Returns 1 to go on, 0 after printing help, -1 on a usage error. */
static int
parse_options(const cli_command *cmd, int argc, char **argv, search_options *o)
{
    int c, ok = 1;
    while (ok && (c = cli_getopt(argc, argv, "d:n:Fsh", options)) != -1) {
        int taken = cli_filter_option(&o->filters, c, optarg);
        if (taken >= 0) {
            ok = taken;
            continue;
        }
        switch (c) {
        case 'd': o->dir = optarg; break;
        case 'n': ok = cli_parse_size("--limit", optarg, &o->limit); break;
        case OPT_OFFSET: ok = cli_parse_size("--offset", optarg, &o->offset); break;
        case OPT_SNIPPET:
            ok = cli_parse_size("--snippet-length", optarg, &o->snippet_length);
            break;
        case CLI_OPT_JSON: o->format = CLI_FORMAT_JSON; break;
        case CLI_OPT_FORMAT: ok = cli_parse_format(optarg, &o->format); break;
        case OPT_COLOR: ok = cli_parse_color(optarg, &o->color); break;
        case OPT_EXACT: o->flags |= MINUTES_QUERY_EXACT; break;
        case 'F': o->flags |= MINUTES_QUERY_FIXED; break;
        case 's': o->flags |= MINUTES_QUERY_MATCH_CASE; break;
        case OPT_DEBUG_QUERY: o->debug_query = 1; break;
        case OPT_SORT: ok = parse_sort(optarg, &o->sort); break;
        case OPT_COLLAPSE: ok = parse_collapse(optarg, &o->collapse); break;
        case OPT_FACETS: o->facets = 1; break;
        case OPT_NO_SYNONYMS: o->flags |= MINUTES_QUERY_NO_SYNONYMS; break;
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

/* ---- the search ---- */

/* Every hit prints these first ("collapsed" only when collapsing), then every field of
 * minutes.h in order. */
static const char *const score_keys[] = {"rank", "score", "percent", "collapsed"};
#define N_SCORE_KEYS (sizeof score_keys / sizeof *score_keys)
#define N_KEYS (N_SCORE_KEYS + MINUTES_FIELD_COUNT_)

static size_t
field_keys(const char **keys, int collapsing)
{
    size_t n = 0;
    for (size_t i = 0; i < N_SCORE_KEYS; i++)
        if (collapsing || strcmp(score_keys[i], "collapsed") != 0)
            keys[n++] = score_keys[i];
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
        keys[n++] = minutes_field_name((minutes_field)f);
    return n;
}

static void
print_hit(printer *p, const minutes_hit *hit, int collapsing)
{
    char rank[32], score[32], percent[32], collapsed[32];
    snprintf(rank, sizeof rank, "%zu", minutes_hit_rank(hit));
    snprintf(score, sizeof score, "%.4f", minutes_hit_score(hit));
    snprintf(percent, sizeof percent, "%d", minutes_hit_percent(hit));
    snprintf(collapsed, sizeof collapsed, "%zu", minutes_hit_collapsed(hit));

    p->ops->begin_record(p);
    p->ops->field(p, "rank", rank, PRINT_NUMBER);
    p->ops->field(p, "score", score, PRINT_NUMBER);
    p->ops->field(p, "percent", percent, PRINT_NUMBER);
    if (collapsing)
        p->ops->field(p, "collapsed", collapsed, PRINT_NUMBER);
    cli_print_fields(p, hit);
    p->ops->end_record(p);
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
    minutes_status st = minutes_query_set_range(q, o->offset, o->limit);
    if (st == MINUTES_OK)
        st = minutes_query_set_snippet_length(q, o->snippet_length);
    if (st == MINUTES_OK)
        st = minutes_query_set_sort(q, o->sort);
    if (st == MINUTES_OK)
        st = minutes_query_set_collapse(q, o->collapse);
    if (st == MINUTES_OK)
        st = minutes_query_set_facets(q, o->facets);
    if (st == MINUTES_OK)
        st = cli_apply_filters(q, &o->filters, o->flags);
    return st;
}

static int
print_results(const search_options *o, const minutes_results *res)
{
    printer *p = cli_make_printer(o->format, cli_use_color(o->color));
    if (!p)
        return EXIT_TROUBLE;
    int collapsing = o->collapse != MINUTES_COLLAPSE_NONE;
    const char *keys[N_KEYS];
    size_t nkeys = field_keys(keys, collapsing);
    p->ops->begin(p, PRINT_HITS, keys, nkeys);
    size_t n = minutes_results_size(res);
    for (size_t i = 0; i < n; i++)
        print_hit(p, minutes_results_hit(res, i), collapsing);
    p->ops->end(p);
    p->ops->destroy(p);
    return n > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
}

/* The facet's field as printed: the year is counted from the date. */
static const char *
facet_name(minutes_field field)
{
    return field == MINUTES_FIELD_DATE ? "year" : minutes_field_name(field);
}

static void
print_facet(printer *p, const minutes_facet *f)
{
    char count[32];
    snprintf(count, sizeof count, "%lu", f->count);
    p->ops->begin_record(p);
    p->ops->field(p, "facet", facet_name(f->field), PRINT_STRING);
    p->ops->field(p, "value", f->value, PRINT_STRING);
    p->ops->field(p, "count", count, PRINT_NUMBER);
    p->ops->end_record(p);
}

static int
print_facets(const search_options *o, const minutes_results *res)
{
    static const char *const keys[] = {"facet", "value", "count"};
    printer *p = cli_make_printer(o->format, cli_use_color(o->color));
    if (!p)
        return EXIT_TROUBLE;
    p->ops->begin(p, PRINT_FACETS, keys, sizeof keys / sizeof *keys);
    size_t n = minutes_results_facet_count(res);
    for (size_t i = 0; i < n; i++)
        print_facet(p, minutes_results_facet(res, i));
    p->ops->end(p);
    p->ops->destroy(p);
    return n > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
}

/* "Did you mean": on stderr, or in JSON a record of its own after the hits. */
static void
print_suggestion(const minutes_query *q, const search_options *o)
{
    const char *suggestion = minutes_query_suggestion(q);
    if (!suggestion)
        return;
    if (o->format != CLI_FORMAT_JSON) {
        print_safe_format(stderr, "did you mean: %s?", suggestion);
        fputc('\n', stderr);
        return;
    }
    printer *p = cli_make_printer(CLI_FORMAT_JSON, 0);
    if (!p)
        return;
    p->ops->begin_record(p);
    p->ops->field(p, "suggestion", suggestion, PRINT_STRING);
    p->ops->end_record(p);
    p->ops->destroy(p);
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
    if (o->debug_query && minutes_query_describe(q)) {
        print_safe_format(stderr, "query: %s", minutes_query_describe(q));
        fputc('\n', stderr);
    }
    int status;
    if (st != MINUTES_OK) {
        cli_error("%s", *minutes_db_errmsg(db) ? minutes_db_errmsg(db) : minutes_status_str(st));
        status = cli_exit_status(st);
    } else if (o->facets) {
        status = print_facets(o, res);
    } else {
        status = print_results(o, res);
    }
    if (st == MINUTES_OK) {
        cli_warn_query(q, text, &o->filters, o->flags);
        cli_report_left_out(q);
    }
    if (st == MINUTES_OK && !o->facets)
        print_suggestion(q, o);
    minutes_query_destroy(q);
    return status;
}

int
cmd_search(const cli_command *cmd, int argc, char **argv)
{
    search_options o = defaults;
    int go = parse_options(cmd, argc, argv, &o);
    if (go <= 0)
        return go == 0 ? EXIT_FOUND : cli_usage_error(cmd);
    if (optind >= argc) {
        cli_error("no query given (use '' to match every paragraph)");
        return cli_usage_error(cmd);
    }
    char *text = join_words(argc - optind, argv + optind);
    if (!text) {
        cli_error("out of memory");
        return EXIT_TROUBLE;
    }
    minutes_db *db;
    int status = cli_open_index(cmd, cli_index_dir(o.dir), 0, &db);
    if (status == 0) {
        status = run_search(db, text, &o);
        minutes_db_close(db);
    }
    free(text);
    return status;
}
