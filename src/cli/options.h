/* options.h - what several commands share: output formats, colour, and the meeting filters
 * (--since, --board, ...) with the library calls they turn into. */
#ifndef MINUTES_OPTIONS_H
#define MINUTES_OPTIONS_H

#include <getopt.h>

#include "minutes.h"
#include "print.h"

typedef enum cli_format {
    CLI_FORMAT_TEXT,
    CLI_FORMAT_JSON,
    CLI_FORMAT_TSV,
    CLI_FORMAT_GREP /* path:line:col:text, for editors */
} cli_format;

/* --format and --json, for a command's getopt_long table, and their help. --json has no short
 * form: -j is index's --jobs, as make's, and a short option means one thing in every command. */
enum { CLI_OPT_FORMAT = 900, CLI_OPT_JSON };
#define CLI_FORMAT_OPTIONS                                                                         \
    {"format", required_argument, NULL, CLI_OPT_FORMAT},                                           \
    {                                                                                              \
        "json", no_argument, NULL, CLI_OPT_JSON                                                    \
    }
#define CLI_FORMAT_HELP                                                                            \
    "      --format FORMAT     text (default), json (JSON Lines), tsv or grep\n"                   \
    "      --json              same as --format json\n"

/* Parse --format's argument; prints an error and returns 0 if it is not a format. */
int cli_parse_format(const char *text, cli_format *out);

/* Parse --color's argument (-1 auto, 0 never, 1 always); prints an error on failure. */
int cli_parse_color(const char *text, int *out);

/* Whether to colour: the command's --color if given, else the one before the command, else
 * not with NO_COLOR set, else on a terminal. */
int cli_use_color(int option);

/* A printer of `format` on stdout, colouring text output if `color`; prints an error and
 * returns NULL when out of memory. Destroy with p->ops->destroy(p). */
printer *cli_make_printer(cli_format format, int color);

/* The filter options, for a command's getopt_long table, and their values. */
enum {
    CLI_OPT_SINCE = 1000,
    CLI_OPT_UNTIL,
    CLI_OPT_DATE,
    CLI_OPT_BOARD,
    CLI_OPT_COUNCIL,
    CLI_OPT_TYPE,
    CLI_OPT_DOC,
    CLI_OPT_KIND,
    CLI_OPT_MINUTE,
    CLI_OPT_FILE,
    CLI_OPT_ITEM,
    CLI_OPT_UNDATED,
    CLI_OPT_UNKNOWN_BOARD
};
#define CLI_FILTER_OPTIONS                                                                         \
    {"since", required_argument, NULL, CLI_OPT_SINCE},                                             \
        {"until", required_argument, NULL, CLI_OPT_UNTIL},                                         \
        {"date", required_argument, NULL, CLI_OPT_DATE},                                           \
        {"board", required_argument, NULL, CLI_OPT_BOARD},                                         \
        {"council", required_argument, NULL, CLI_OPT_COUNCIL},                                     \
        {"type", required_argument, NULL, CLI_OPT_TYPE},                                           \
        {"doc", required_argument, NULL, CLI_OPT_DOC},                                             \
        {"kind", required_argument, NULL, CLI_OPT_KIND},                                           \
        {"minute", required_argument, NULL, CLI_OPT_MINUTE},                                       \
        {"file", required_argument, NULL, CLI_OPT_FILE},                                           \
        {"item", required_argument, NULL, CLI_OPT_ITEM},                                           \
        {"undated", no_argument, NULL, CLI_OPT_UNDATED},                                           \
    {                                                                                              \
        "unknown-board", no_argument, NULL, CLI_OPT_UNKNOWN_BOARD                                  \
    }

/* The help text of the filter options. */
#define CLI_FILTER_HELP                                                                            \
    "      --since DATE        only meetings on or after DATE (2017, 2017-06, 2017-06-29,\n"       \
    "                          29/06/2017)\n"                                                      \
    "      --until DATE        only meetings on or before DATE\n"                                  \
    "      --date DATE|RANGE   only meetings on DATE or in A..B (either end open)\n"               \
    "      --board NAME        only boards whose name contains NAME (any case, any spelling)\n"    \
    "      --council NAME      only councils whose name contains NAME\n"                           \
    "      --type TYPE         only agenda items of TYPE (report, minutes, declarations, ...)\n"   \
    "      --doc TYPE          only documents of TYPE (minutes, agenda, briefing-note, ...)\n"     \
    "      --kind KIND         only paragraphs of KIND (resolution, attendance, ...)\n"            \
    "      --minute MINUTE     only that minute (4/21, CM 70/23) and paragraphs citing it\n"       \
    "      --file PATH         only paragraphs of this file\n"                                     \
    "      --item N            only paragraphs of agenda item N\n"                                 \
    "      --undated           date filters also keep paragraphs whose date is unknown\n"          \
    "      --unknown-board     board filters also keep paragraphs whose board is unknown\n"        \
    "Filters of one kind are ORed when repeated, different kinds ANDed. When a date or\n"          \
    "board filter leaves out matching paragraphs for not knowing their date or board,\n"           \
    "stderr says how many.\n"

#define CLI_MAX_FILTERS 64

typedef struct cli_filters {
    struct {
        minutes_field field;
        const char *value;
    } list[CLI_MAX_FILTERS];
    size_t count;
    const char *since, *until;
    unsigned flags; /* MINUTES_QUERY_UNDATED, MINUTES_QUERY_UNKNOWN_BOARD */
} cli_filters;

/* Handle option `opt` if it is a filter: returns 1 if taken, 0 on an error (printed), -1 if
 * it is not a filter option. */
int cli_filter_option(cli_filters *filters, int opt, const char *arg);

/* The same without a message: 0 when there are already CLI_MAX_FILTERS. */
int cli_filters_add(cli_filters *filters, int opt, const char *arg);

/* Give the filters to a query, and set its flags: `flags` and the filters' own. On failure
 * the message is on the query's database. */
minutes_status cli_apply_filters(minutes_query *query, const cli_filters *filters, unsigned flags);

/* How a search runs, as 'minutes search' and the server's search take it: which hits, how
 * ordered and grouped, and the filters. */
typedef struct cli_search_settings {
    size_t limit, offset, snippet_length;
    unsigned flags; /* MINUTES_QUERY_* but the filters' own */
    minutes_sort sort;
    minutes_collapse collapse;
    int facets;
    cli_filters filters;
} cli_search_settings;

#define CLI_SEARCH_DEFAULTS                                                                        \
    {                                                                                              \
        .limit = MINUTES_DEFAULT_LIMIT, .snippet_length = MINUTES_DEFAULT_SNIPPET_BYTES,           \
        .sort = MINUTES_SORT_RELEVANCE, .collapse = MINUTES_COLLAPSE_NONE                          \
    }

/* Give every setting to the query. On failure the message is on the query's database. */
minutes_status cli_configure_query(minutes_query *query, const cli_search_settings *settings);

/* --sort's and --collapse's values by name: 0 if `text` names none (no message). */
int cli_sort_named(const char *text, minutes_sort *out);
int cli_collapse_named(const char *text, minutes_collapse *out);

/* Whether a count of `total` matches is exact (minutes_results_estimate): small counts and
 * collapsed counts are. */
int cli_total_is_exact(const cli_search_settings *settings, size_t total);

/* After a run: say on stderr how many matching paragraphs the date and board filters left
 * out for their date or board being unknown, and how to keep them. */
void cli_report_left_out(const minutes_query *query);

/* After a run (warnings.c): warn on stderr of what the user may not expect - --since after
 * --until, a leading '*' in `text` (dropped, not a wildcard), a `text` that is not query
 * syntax and was searched for as plain words (unless `flags` has MINUTES_QUERY_FIXED). */
void cli_warn_query(const minutes_query *query, const char *text, const cli_filters *filters,
                    unsigned flags);

#endif /* MINUTES_OPTIONS_H */
