/* cmd-meetings.c - 'minutes meetings': the meetings in the index, with how many documents,
 * agenda items and paragraphs each has (and with --files, which documents), optionally only
 * those matching a query and filters. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "print.h"
#include "records.h"

typedef struct meetings_options {
    cli_format format;
    unsigned flags;
    int files; /* list each meeting's documents */
    cli_filters filters;
} meetings_options;

/* ---- options, their defaults and help ---- */

enum { OPT_NO_SYNONYMS = 256, OPT_FILES };

static const struct option options[] = {
    {"index", required_argument, NULL, 'd'},
    CLI_SHARD_OPTIONS,
    CLI_FORMAT_OPTIONS,
    {"no-synonyms", no_argument, NULL, OPT_NO_SYNONYMS},
    {"files", no_argument, NULL, OPT_FILES},
    CLI_FILTER_OPTIONS,
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The help is laid out as it prints. */
/* clang-format off */
const cli_help cmd_meetings_help = {
    "minutes meetings [-d DIR]... [--timeout MS] [--partial] [--format text|json|tsv] [--files]\n"
    "                      [--no-synonyms] [FILTERS] [QUERY...]",
    CLI_READ_INDEX_HELP
    CLI_FORMAT_HELP
    "      --files             list each meeting's documents (those matching QUERY): in\n"
    "                          text one path a line below it, in JSON a \"files\" array\n"
    "      --no-synonyms       do not expand the words of QUERY with synonyms\n"
    CLI_FILTER_HELP
    "A QUERY lists only meetings with paragraphs that match it.\n",
};
/* clang-format on */

/* ---- the list ---- */

static int
print_meetings(const meetings_options *o, const minutes_meeting *list, size_t n)
{
    printer *p = cli_make_printer(o->format, 0);
    if (!p)
        return EXIT_TROUBLE;
    p->ops->begin(p, PRINT_MEETINGS, cli_meeting_keys, CLI_MEETING_KEYS - !o->files);
    for (size_t i = 0; i < n; i++)
        cli_print_meeting(p, &list[i], o->files);
    p->ops->end(p);
    p->ops->destroy(p);
    return n ? EXIT_FOUND : EXIT_NOT_FOUND;
}

int
cmd_meetings(const cli_command *cmd, int argc, char **argv)
{
    meetings_options o;
    memset(&o, 0, sizeof o); /* the defaults: all meetings, as text */
    int c, ok = 1;
    while (ok && (c = cli_getopt(argc, argv, "d:h", options)) != -1) {
        int taken = cli_filter_option(&o.filters, c, optarg);
        if (taken < 0)
            taken = cli_shard_option(c, optarg);
        if (taken >= 0) {
            ok = taken;
            continue;
        }
        switch (c) {
        case 'd': ok = cli_add_index(optarg, 0); break;
        case CLI_OPT_JSON: o.format = CLI_FORMAT_JSON; break;
        case CLI_OPT_FORMAT: ok = cli_parse_format(optarg, &o.format); break;
        case OPT_NO_SYNONYMS: o.flags |= MINUTES_QUERY_NO_SYNONYMS; break;
        case OPT_FILES: o.files = 1; break;
        case 'h': return cli_print_help(cmd);
        default: ok = 0;
        }
    }
    if (!ok)
        return cli_usage_error(cmd);
    /* Words after the options narrow the meetings to those whose paragraphs match them. */
    char query_text[4096] = "";
    for (int i = optind; i < argc; i++) {
        size_t used = strlen(query_text);
        snprintf(query_text + used, sizeof query_text - used, "%s%s", used ? " " : "", argv[i]);
    }

    minutes_db *db;
    int status = cli_open_index(cmd, 0, &db);
    if (status)
        return status;
    minutes_query *q = NULL;
    const minutes_meeting *list = NULL;
    size_t n = 0;
    minutes_status st = minutes_query_create(db, query_text, &q);
    if (st == MINUTES_OK)
        st = cli_apply_filters(q, &o.filters, o.flags);
    if (st == MINUTES_OK)
        st = minutes_query_meetings(q, &list, &n);
    cli_report_missing(db);
    if (st != MINUTES_OK) {
        cli_error("%s", *minutes_db_errmsg(db) ? minutes_db_errmsg(db) : minutes_status_str(st));
        status = cli_exit_status(st);
    } else {
        status = print_meetings(&o, list, n);
        cli_warn_query(q, query_text, &o.filters, o.flags);
        cli_report_left_out(q);
    }
    minutes_query_destroy(q);
    minutes_db_close(db);
    return status;
}
