/* cmd-show.c - 'minutes show ID': one paragraph with its agenda item and meeting, and the
 * paragraphs around it in its file. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "options.h"
#include "print.h"
#include "records.h"

/* ---- options, their defaults and help ---- */

#define DEFAULT_CONTEXT 0
#define MAX_CONTEXT 1000 /* more is taken as this many */

enum { OPT_COLOR = 256 };

static const struct option options[] = {
    {"index", required_argument, NULL, 'd'},
    CLI_SHARD_OPTIONS,
    {"context", required_argument, NULL, 'C'},
    CLI_FORMAT_OPTIONS,
    {"color", required_argument, NULL, OPT_COLOR},
    {"colour", required_argument, NULL, OPT_COLOR},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The help is laid out as it prints. */
/* clang-format off */
const cli_help cmd_show_help = {
    "minutes show [-d DIR]... [--timeout MS] [--partial] [-C N] [--format text|json|tsv]\n"
    "                  [--color auto|always|never] ID",
    CLI_READ_INDEX_HELP
    "  -C, --context N         also print N paragraphs before and after it\n"
    CLI_FORMAT_HELP
    "      --color WHEN        colour line numbers: auto (default, on a terminal), always,\n"
    "                          never\n"
    "ID is a paragraph's id as search prints it (FILEID:ORDINAL).\n",
};
/* clang-format on */

/* ---- the paragraph ---- */

static int
print_show(cli_format format, int color, const minutes_results *res, size_t target)
{
    const char *keys[CLI_PARAGRAPH_KEYS];
    cli_paragraph_keys(keys);
    printer *p = cli_make_printer(format, color);
    if (!p)
        return EXIT_TROUBLE;
    p->ops->begin(p, PRINT_PARAGRAPHS, keys, CLI_PARAGRAPH_KEYS);
    size_t n = minutes_results_size(res);
    for (size_t i = 0; i < n; i++)
        cli_print_paragraph(p, minutes_results_hit(res, i), i == target);
    p->ops->end(p);
    p->ops->destroy(p);
    return EXIT_FOUND;
}

int
cmd_show(const cli_command *cmd, int argc, char **argv)
{
    size_t context = DEFAULT_CONTEXT;
    cli_format format = CLI_FORMAT_TEXT;
    int c, ok = 1, color = -1;
    while (ok && (c = cli_getopt(argc, argv, "d:C:h", options)) != -1) {
        int taken = cli_shard_option(c, optarg);
        if (taken >= 0) {
            ok = taken;
            continue;
        }
        switch (c) {
        case 'd': ok = cli_add_index(optarg, 0); break;
        case 'C': ok = cli_parse_size("--context", optarg, &context); break;
        case CLI_OPT_JSON: format = CLI_FORMAT_JSON; break;
        case CLI_OPT_FORMAT: ok = cli_parse_format(optarg, &format); break;
        case OPT_COLOR: ok = cli_parse_color(optarg, &color); break;
        case 'h': return cli_print_help(cmd);
        default: ok = 0;
        }
    }
    if (!ok)
        return cli_usage_error(cmd);
    if (optind + 1 != argc) {
        cli_error("give one paragraph id (the id a search prints)");
        return cli_usage_error(cmd);
    }
    if (context > MAX_CONTEXT)
        context = MAX_CONTEXT;

    minutes_db *db;
    int status = cli_open_index(cmd, 0, &db);
    if (status)
        return status;
    minutes_results *res = NULL;
    size_t target = 0;
    minutes_status st = minutes_db_show(db, argv[optind], context, &res, &target);
    cli_report_missing(db);
    if (st != MINUTES_OK) {
        cli_error("%s", *minutes_db_errmsg(db) ? minutes_db_errmsg(db) : minutes_status_str(st));
        status = cli_exit_status(st);
    } else if (!res) {
        cli_error("no paragraph '%s' in the index", argv[optind]);
        status = EXIT_NOT_FOUND;
    } else {
        status = print_show(format, cli_use_color(color), res, target);
    }
    minutes_results_destroy(res);
    minutes_db_close(db);
    return status;
}
