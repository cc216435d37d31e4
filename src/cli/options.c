/* options.c - options several commands share (see options.h). */
#include "options.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int
cli_parse_format(const char *text, cli_format *out)
{
    if (strcmp(text, "text") == 0)
        *out = CLI_FORMAT_TEXT;
    else if (strcmp(text, "json") == 0)
        *out = CLI_FORMAT_JSON;
    else if (strcmp(text, "tsv") == 0)
        *out = CLI_FORMAT_TSV;
    else if (strcmp(text, "grep") == 0)
        *out = CLI_FORMAT_GREP;
    else {
        cli_error("invalid --format '%s' (use text, json, tsv or grep)", text);
        return 0;
    }
    return 1;
}

int
cli_parse_color(const char *text, int *out)
{
    if (strcmp(text, "auto") == 0)
        *out = -1;
    else if (strcmp(text, "always") == 0)
        *out = 1;
    else if (strcmp(text, "never") == 0)
        *out = 0;
    else {
        cli_error("invalid --color '%s' (use auto, always or never)", text);
        return 0;
    }
    return 1;
}

int
cli_use_color(int option)
{
    if (option < 0)
        option = cli_global_color(); /* --color before the command */
    if (option >= 0)
        return option;
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return 0;
    return isatty(STDOUT_FILENO);
}

printer *
cli_make_printer(cli_format format, int color)
{
    printer *p = format == CLI_FORMAT_TEXT   ? print_text_create(stdout, color)
                 : format == CLI_FORMAT_JSON ? print_json_create(stdout)
                 : format == CLI_FORMAT_GREP ? print_grep_create(stdout)
                                             : print_tsv_create(stdout);
    if (!p)
        cli_error("out of memory");
    return p;
}

static const struct {
    int opt;
    minutes_field field;
} filter_fields[] = {
    {CLI_OPT_DATE, MINUTES_FIELD_DATE},        {CLI_OPT_BOARD, MINUTES_FIELD_BOARD},
    {CLI_OPT_COUNCIL, MINUTES_FIELD_COUNCIL},  {CLI_OPT_TYPE, MINUTES_FIELD_ITEM_TYPE},
    {CLI_OPT_DOC, MINUTES_FIELD_DOC_TYPE},     {CLI_OPT_KIND, MINUTES_FIELD_KIND},
    {CLI_OPT_MINUTE, MINUTES_FIELD_MINUTE},    {CLI_OPT_FILE, MINUTES_FIELD_PATH},
    {CLI_OPT_ITEM, MINUTES_FIELD_ITEM_NUMBER},
};

int
cli_filter_option(cli_filters *filters, int opt, const char *arg)
{
    int taken = cli_filters_add(filters, opt, arg);
    if (taken == 0)
        cli_error("too many filters (at most %d)", CLI_MAX_FILTERS);
    return taken;
}

int
cli_filters_add(cli_filters *filters, int opt, const char *arg)
{
    if (opt == CLI_OPT_SINCE) {
        filters->since = arg;
        return 1;
    }
    if (opt == CLI_OPT_UNTIL) {
        filters->until = arg;
        return 1;
    }
    if (opt == CLI_OPT_UNDATED || opt == CLI_OPT_UNKNOWN_BOARD) {
        filters->flags |=
            opt == CLI_OPT_UNDATED ? MINUTES_QUERY_UNDATED : MINUTES_QUERY_UNKNOWN_BOARD;
        return 1;
    }
    for (size_t i = 0; i < sizeof filter_fields / sizeof filter_fields[0]; i++) {
        if (filter_fields[i].opt != opt)
            continue;
        if (filters->count == CLI_MAX_FILTERS)
            return 0;
        filters->list[filters->count].field = filter_fields[i].field;
        filters->list[filters->count++].value = arg;
        return 1;
    }
    return -1;
}

minutes_status
cli_apply_filters(minutes_query *q, const cli_filters *filters, unsigned flags)
{
    minutes_status st = minutes_query_set_flags(q, flags | filters->flags);
    if (st == MINUTES_OK)
        st = minutes_query_set_date_range(q, filters->since, filters->until);
    for (size_t i = 0; st == MINUTES_OK && i < filters->count; i++)
        st = minutes_query_add_filter(q, filters->list[i].field, filters->list[i].value);
    return st;
}

minutes_status
cli_configure_query(minutes_query *q, const cli_search_settings *s)
{
    minutes_status st = minutes_query_set_range(q, s->offset, s->limit);
    if (st == MINUTES_OK)
        st = minutes_query_set_snippet_length(q, s->snippet_length);
    if (st == MINUTES_OK)
        st = minutes_query_set_sort(q, s->sort);
    if (st == MINUTES_OK)
        st = minutes_query_set_collapse(q, s->collapse);
    if (st == MINUTES_OK)
        st = minutes_query_set_facets(q, s->facets);
    if (st == MINUTES_OK)
        st = cli_apply_filters(q, &s->filters, s->flags);
    return st;
}

int
cli_sort_named(const char *text, minutes_sort *out)
{
    if (strcmp(text, "relevance") == 0)
        *out = MINUTES_SORT_RELEVANCE;
    else if (strcmp(text, "date") == 0)
        *out = MINUTES_SORT_DATE;
    else if (strcmp(text, "-date") == 0)
        *out = MINUTES_SORT_DATE_DESC;
    else
        return 0;
    return 1;
}

int
cli_collapse_named(const char *text, minutes_collapse *out)
{
    if (strcmp(text, "meeting") == 0)
        *out = MINUTES_COLLAPSE_MEETING;
    else if (strcmp(text, "item") == 0)
        *out = MINUTES_COLLAPSE_ITEM;
    else if (strcmp(text, "none") == 0)
        *out = MINUTES_COLLAPSE_NONE;
    else
        return 0;
    return 1;
}

int
cli_total_is_exact(const cli_search_settings *s, size_t total)
{
    return total <= 500 || s->collapse != MINUTES_COLLAPSE_NONE;
}

void
cli_report_left_out(const minutes_query *q)
{
    static const struct {
        minutes_field field;
        const char *what, *option;
    } unknown[] = {
        {MINUTES_FIELD_DATE, "date", "--undated"},
        {MINUTES_FIELD_BOARD, "board", "--unknown-board"},
    };
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        unsigned long n = minutes_query_left_out(q, unknown[i].field);
        if (n)
            cli_error("%lu matching paragraph%s no known %s and %s left out (%s keeps %s)", n,
                      n == 1 ? " has" : "s have", unknown[i].what, n == 1 ? "was" : "were",
                      unknown[i].option, n == 1 ? "it" : "them");
    }
}
