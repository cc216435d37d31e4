/* cmd-search.c - 'minutes search': run a query and print the matching paragraphs and how
 * many there are, or with --facets the counts of matching paragraphs per board, item type,
 * document type and year, or with --count / -l the files that match. */
#include <getopt.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"
#include "print.h"
#include "records.h"

typedef struct search_options {
    cli_search_settings search; /* which hits, as the server's search takes them too */
    cli_format format;
    int color; /* -1 auto, 0 never, 1 always */
    int debug_query;
    int stats;      /* --stats: the count for every format, not only text */
    int files_only; /* -l */
    int count;      /* --count */
    char path_end;  /* after each path of -l and --count: '\n', or '\0' with -0 */
    int partial;    /* set after the run: an index was left out (--partial) */
} search_options;

/* ---- options, their defaults and help ---- */

static const search_options defaults = {
    .search = CLI_SEARCH_DEFAULTS,
    .format = CLI_FORMAT_TEXT,
    .color = -1, /* auto */
    .path_end = '\n',
};

/* The version of the JSON and TSV records: it changes when a field is removed or renamed or
 * changes meaning or type, never when one is added. */
#define FORMAT_VERSION 1

enum {
    OPT_OFFSET = 256,
    OPT_COLOR,
    OPT_EXACT,
    OPT_SNIPPET,
    OPT_DEBUG_QUERY,
    OPT_SORT,
    OPT_COLLAPSE,
    OPT_FACETS,
    OPT_NO_SYNONYMS,
    OPT_ALL,
    OPT_STATS,
    OPT_COUNT,
    OPT_FORMAT_VERSION
};

static const struct option options[] = {
    {"index", required_argument, NULL, 'd'},
    CLI_SHARD_OPTIONS,
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
    {"all", no_argument, NULL, OPT_ALL},
    {"stats", no_argument, NULL, OPT_STATS},
    {"count", no_argument, NULL, OPT_COUNT},
    {"files-with-matches", no_argument, NULL, 'l'},
    {"null", no_argument, NULL, '0'},
    {"format-version", no_argument, NULL, OPT_FORMAT_VERSION},
    CLI_FILTER_OPTIONS,
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The help is laid out as it prints. */
/* clang-format off */
const cli_help cmd_search_help = {
    "minutes search [-d DIR]... [--timeout MS] [--partial] [-n LIMIT|--all] [--offset N]\n"
    "                      [--format text|json|tsv|grep] [--stats] [--count|-l [-0]] [--color auto|always|never]\n"
    "                      [--exact] [-F] [-s] [--no-synonyms] [--sort relevance|date|-date]\n"
    "                      [--collapse meeting|item] [--facets] [FILTERS] QUERY...\n"
    "       minutes search --format-version",
    CLI_READ_INDEX_HELP
    "  -n, --limit N           print at most N hits (default " CLI_STRING(MINUTES_DEFAULT_LIMIT) "; 0 for all)\n"
    "      --all               print every hit (-n 0)\n"
    "      --offset N          skip the first N hits\n"
    CLI_FORMAT_HELP
    "      --format grep       one line a hit, path:line:1:snippet, for vim -q and editors\n"
    "      --stats             the count of matches for every format (text prints it always,\n"
    "                          on stderr; JSON as a last record {\"stats\":{...}})\n"
    "      --count             print each matching file with its number of matching\n"
    "                          paragraphs, then the total, instead of hits\n"
    "  -l, --files-with-matches  print each matching file once instead of hits\n"
    "  -0, --null              end each path of -l and --count with NUL (for xargs -0)\n"
    "      --format-version    print the version of the JSON and TSV records, and exit\n"
    "      --color WHEN        colour matches: auto (default, on a terminal), always, never\n"
    "      --exact             match words as written: no stemming, in phrases too\n"
    "  -F, --fixed-strings     QUERY is plain words, not syntax: match them as one phrase\n"
    "  -s, --case-sensitive    words in capitals match only as written (SEND, not send);\n"
    "                          also --match-case\n"
    "      --no-synonyms       do not expand words with the synonyms table (LAC, SEND, ...)\n"
    "      --sort ORDER        relevance (default), date (oldest first) or -date\n"
    "      --collapse WHAT     one hit per meeting or per agenda item, with a count of the rest\n"
    "      --facets            print counts of matching paragraphs (with --collapse, of\n"
    "                          meetings or items) per board, item type, document type,\n"
    "                          year, month and council instead of hits, the rest as\n"
    "                          (unknown)\n"
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
    if (cli_sort_named(text, out))
        return 1;
    cli_error("invalid --sort '%s' (use relevance, date or -date)", text);
    return 0;
}

static int
parse_collapse(const char *text, minutes_collapse *out)
{
    if (cli_collapse_named(text, out))
        return 1;
    cli_error("invalid --collapse '%s' (use meeting, item or none)", text);
    return 0;
}

/* Returns 1 to go on, 0 after printing help, -1 on a usage error. */
static int
parse_options(const cli_command *cmd, int argc, char **argv, search_options *o)
{
    int c, ok = 1;
    while (ok && (c = cli_getopt(argc, argv, "d:n:Fsl0h", options)) != -1) {
        int taken = cli_filter_option(&o->search.filters, c, optarg);
        if (taken < 0)
            taken = cli_shard_option(c, optarg);
        if (taken >= 0) {
            ok = taken;
            continue;
        }
        switch (c) {
        case 'd': ok = cli_add_index(optarg, 0); break;
        case 'n': ok = cli_parse_size("--limit", optarg, &o->search.limit); break;
        case OPT_OFFSET: ok = cli_parse_size("--offset", optarg, &o->search.offset); break;
        case OPT_SNIPPET:
            ok = cli_parse_size("--snippet-length", optarg, &o->search.snippet_length);
            break;
        case CLI_OPT_JSON: o->format = CLI_FORMAT_JSON; break;
        case CLI_OPT_FORMAT: ok = cli_parse_format(optarg, &o->format); break;
        case OPT_COLOR: ok = cli_parse_color(optarg, &o->color); break;
        case OPT_EXACT: o->search.flags |= MINUTES_QUERY_EXACT; break;
        case 'F': o->search.flags |= MINUTES_QUERY_FIXED; break;
        case 's': o->search.flags |= MINUTES_QUERY_MATCH_CASE; break;
        case OPT_DEBUG_QUERY: o->debug_query = 1; break;
        case OPT_SORT: ok = parse_sort(optarg, &o->search.sort); break;
        case OPT_COLLAPSE: ok = parse_collapse(optarg, &o->search.collapse); break;
        case OPT_FACETS: o->search.facets = 1; break;
        case OPT_NO_SYNONYMS: o->search.flags |= MINUTES_QUERY_NO_SYNONYMS; break;
        case OPT_ALL: o->search.limit = 0; break;
        case OPT_STATS: o->stats = 1; break;
        case OPT_COUNT: o->count = 1; break;
        case 'l': o->files_only = 1; break;
        case '0': o->path_end = '\0'; break;
        case OPT_FORMAT_VERSION: printf("%d\n", FORMAT_VERSION); return 0;
        case 'h': return cli_print_help(cmd);
        default: ok = 0;
        }
    }
    if (ok && o->search.limit == 0) /* -n 0, --all: every hit */
        o->search.limit = SIZE_MAX;
    if (ok && (o->count || o->files_only)) /* every matching paragraph, without snippets */
        o->search.limit = SIZE_MAX, o->search.offset = 0, o->search.snippet_length = 0,
        o->search.collapse = MINUTES_COLLAPSE_NONE;
    return ok ? 1 : -1;
}

/* ---- the search ---- */

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

/* ---- how many matched ---- */

/* What is counted: paragraphs, or with --collapse meetings or agenda items. */
static const char *
counted(const search_options *o, size_t n)
{
    if (o->search.collapse == MINUTES_COLLAPSE_MEETING)
        return n == 1 ? "meeting" : "meetings";
    if (o->search.collapse == MINUTES_COLLAPSE_ITEM)
        return n == 1 ? "item" : "items";
    return n == 1 ? "match" : "matches";
}

/* On stderr, after the hits (stdout flushed first, so that a terminal shows it below them):
 * "36 matches" when every hit was shown, "10 of 36 matches; -n/--offset for more" or
 * "11-20 of 36 matches; ..." when not; nothing when nothing matched. */
static void
print_summary(const search_options *o, size_t shown, size_t total)
{
    if (total == 0)
        return;
    fflush(stdout);
    const char *about = cli_total_is_exact(&o->search, total) ? "" : "about ";
    if (o->search.offset == 0 && shown >= total) {
        fprintf(stderr, "%zu %s\n", total, counted(o, total));
        return;
    }
    if (shown == 0)
        fprintf(stderr, "none past %zu of %s%zu %s", o->search.offset, about, total,
                counted(o, total));
    else if (o->search.offset == 0)
        fprintf(stderr, "%zu of %s%zu %s", shown, about, total, counted(o, total));
    else
        fprintf(stderr, "%zu-%zu of %s%zu %s", o->search.offset + 1, o->search.offset + shown,
                about, total, counted(o, total));
    fputs(o->search.offset + shown < total ? "; -n/--offset for more\n" : "\n", stderr);
}

/* JSON's last record with --stats, or when an index was left out (--partial):
 * {"stats":{"offset":0,"shown":10,"total":36,"exact":true,"partial":false}}. */
static void
print_stats_record(printer *p, const search_options *o, size_t shown, size_t total)
{
    char offset[32], shown_text[32], total_text[32];
    snprintf(offset, sizeof offset, "%zu", o->search.offset);
    snprintf(shown_text, sizeof shown_text, "%zu", shown);
    snprintf(total_text, sizeof total_text, "%zu", total);
    fprintf(p->out,
            "{\"stats\":{\"offset\":%s,\"shown\":%s,\"total\":%s,\"exact\":%s,\"partial\":%s}}\n",
            offset, shown_text, total_text,
            cli_total_is_exact(&o->search, total) ? "true" : "false",
            o->partial ? "true" : "false");
}

/* ---- hits ---- */

static int
print_results(const search_options *o, const minutes_results *res)
{
    printer *p = cli_make_printer(o->format, cli_use_color(o->color));
    if (!p)
        return EXIT_TROUBLE;
    int collapsing = o->search.collapse != MINUTES_COLLAPSE_NONE;
    const char *keys[CLI_HIT_KEYS_MAX];
    size_t nkeys = cli_hit_keys(keys, collapsing);
    p->ops->begin(p, PRINT_HITS, keys, nkeys);
    size_t n = minutes_results_size(res);
    for (size_t i = 0; i < n; i++)
        cli_print_hit(p, minutes_results_hit(res, i), collapsing);
    p->ops->end(p);
    size_t total = minutes_results_estimate(res);
    if ((o->stats || o->partial) && o->format == CLI_FORMAT_JSON)
        print_stats_record(p, o, n, total);
    else if (o->stats || o->format == CLI_FORMAT_TEXT)
        print_summary(o, n, total);
    p->ops->destroy(p);
    return n > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
}

static int
print_facets(const search_options *o, const minutes_results *res)
{
    printer *p = cli_make_printer(o->format, cli_use_color(o->color));
    if (!p)
        return EXIT_TROUBLE;
    p->ops->begin(p, PRINT_FACETS, cli_facet_keys, CLI_FACET_KEYS);
    size_t n = minutes_results_facet_count(res);
    for (size_t i = 0; i < n; i++)
        cli_print_facet(p, minutes_results_facet(res, i));
    p->ops->end(p);
    p->ops->destroy(p);
    return n > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
}

/* "Did you mean": on stderr; in JSON with --stats, a record of its own after the hits (JSON
 * Lines without --stats hold hits alone, one a line, for scripts that read them so). */
static void
print_suggestion(const minutes_query *q, const search_options *o)
{
    const char *suggestion = minutes_query_suggestion(q);
    if (!suggestion)
        return;
    if (o->format != CLI_FORMAT_JSON || !o->stats) {
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

/* ---- matching files ---- */

typedef struct file_count {
    const char *path; /* belongs to the results */
    size_t first;     /* the rank of its first hit, to list files in the order of --sort */
    size_t count;
} file_count;

static int
by_path(const void *a, const void *b)
{
    return strcmp(((const file_count *)a)->path, ((const file_count *)b)->path);
}

static int
by_first(const void *a, const void *b)
{
    size_t x = ((const file_count *)a)->first, y = ((const file_count *)b)->first;
    return x < y ? -1 : x > y;
}

/* The files of the hits, each once with its number of hits, in the order of their first hit;
 * their number in *nfiles. NULL (nfiles 0) when there are none or out of memory. */
static file_count *
count_files(const minutes_results *res, size_t *nfiles)
{
    size_t n = minutes_results_size(res), k = 0;
    file_count *files = n ? calloc(n, sizeof *files) : NULL;
    *nfiles = 0;
    if (!files)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const char *path = minutes_hit_get(minutes_results_hit(res, i), MINUTES_FIELD_PATH);
        files[i] = (file_count){path ? path : "", i, 1};
    }
    qsort(files, n, sizeof *files, by_path);
    for (size_t i = 0; i < n; i++) {
        if (k && strcmp(files[k - 1].path, files[i].path) == 0) {
            files[k - 1].count++;
            if (files[i].first < files[k - 1].first)
                files[k - 1].first = files[i].first;
        } else {
            files[k++] = files[i];
        }
    }
    qsort(files, k, sizeof *files, by_first);
    *nfiles = k;
    return files;
}

/* Text: "path:count" lines and "total:N" (--count) or paths (-l), each ended by o->path_end;
 * JSON and TSV: records of path and count, the total a last record whose path is null. */
static void
print_file_counts(const search_options *o, const file_count *files, size_t nfiles, size_t total)
{
    if (o->format != CLI_FORMAT_JSON && o->format != CLI_FORMAT_TSV) {
        char *cwd = getcwd(NULL, 0);
        for (size_t i = 0; i < nfiles; i++) {
            print_safe(stdout, print_shown_path(files[i].path, cwd), "");
            if (o->count)
                printf(":%zu", files[i].count);
            putchar(o->path_end);
        }
        if (o->count)
            printf("total:%zu%c", total, o->path_end);
        free(cwd);
        return;
    }
    static const char *const keys[] = {"path", "count"};
    printer *p = cli_make_printer(o->format, 0);
    if (!p)
        return;
    p->ops->begin(p, PRINT_FACETS, keys, o->count ? 2 : 1);
    char count[32];
    for (size_t i = 0; i <= nfiles; i++) {
        if (i == nfiles && !o->count)
            break;
        snprintf(count, sizeof count, "%zu", i < nfiles ? files[i].count : total);
        p->ops->begin_record(p);
        p->ops->field(p, "path", i < nfiles ? files[i].path : NULL, PRINT_STRING);
        if (o->count)
            p->ops->field(p, "count", count, PRINT_NUMBER);
        p->ops->end_record(p);
    }
    p->ops->end(p);
    p->ops->destroy(p);
}

static int
print_files(const search_options *o, const minutes_results *res)
{
    size_t nfiles, total = minutes_results_size(res);
    file_count *files = count_files(res, &nfiles);
    if (total && !files) {
        cli_error("out of memory");
        return EXIT_TROUBLE;
    }
    print_file_counts(o, files, nfiles, total);
    free(files);
    return total > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
}

static int
run_search(minutes_db *db, const char *text, const search_options *given)
{
    search_options run = *given;
    const search_options *o = &run;
    minutes_query *q = NULL;
    minutes_results *res = NULL;
    minutes_status st = minutes_query_create(db, text, &q);
    if (st == MINUTES_OK)
        st = cli_configure_query(q, &o->search);
    if (st == MINUTES_OK)
        st = minutes_query_run(q, &res);
    cli_report_missing(db); /* an index may have stopped answering during the run */
    run.partial = cli_partial_results(db);
    if (o->debug_query && minutes_query_describe(q)) {
        print_safe_format(stderr, "query: %s", minutes_query_describe(q));
        fputc('\n', stderr);
    }
    int status;
    if (st != MINUTES_OK) {
        cli_error("%s", *minutes_db_errmsg(db) ? minutes_db_errmsg(db) : minutes_status_str(st));
        status = cli_exit_status(st);
    } else if (o->search.facets) {
        status = print_facets(o, res);
    } else if (o->count || o->files_only) {
        status = print_files(o, res);
    } else {
        status = print_results(o, res);
    }
    if (st == MINUTES_OK) {
        cli_warn_query(q, text, &o->search.filters, o->search.flags);
        cli_report_left_out(q);
    }
    if (st == MINUTES_OK && !o->search.facets)
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
    int status = cli_open_index(cmd, 0, &db);
    if (status == 0) {
        status = run_search(db, text, &o);
        minutes_db_close(db);
    }
    free(text);
    return status;
}
