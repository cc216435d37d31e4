/* cmd-merge.c - 'minutes merge OUT INDEX...': one new index made of indexes built apart. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "print.h"

/* ---- options and help ---- */

static const struct option options[] = {
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The help is laid out as it prints. */
/* clang-format off */
const cli_help cmd_merge_help = {
    "minutes merge [-q] OUT INDEX...",
    "  -q, --quiet        print only errors and the summary line; no progress\n"
    "OUT is a new index (it must not exist, or be an empty directory) holding every\n"
    "paragraph of the INDEX directories, which must not share a file: an index built\n"
    "apart for each council, year or machine. It searches as one index of all their\n"
    "files would. OUT appears only once the merge is complete. Exit status: 0 when\n"
    "merged, 2 on any error (OUT is then not made).\n",
};
/* clang-format on */

/* ---- the run ---- */

typedef struct merge_run {
    const char *out;
    size_t count;
} merge_run;

/* "minutes: merging 3 indexes into OUT: postlist", as each table starts. */
static void
on_table(void *ctx, const char *table)
{
    const merge_run *run = ctx;
    print_safe_format(stderr, "minutes: merging %zu indexes into %s: %s", run->count, run->out,
                      table);
    fputc('\n', stderr);
}

/* The merged index's paragraphs, for the summary; opening it is also the proof that it
 * opens. */
static int
count_merged(const cli_command *cmd, const char *out, unsigned long *paragraphs)
{
    (void)cmd;
    minutes_db *db;
    char *err = NULL;
    minutes_status st = minutes_db_open(out, MINUTES_DB_READ_ONLY, &db, &err);
    if (st != MINUTES_OK) {
        cli_error("cannot open the merged index '%s': %s", out, err ? err : minutes_status_str(st));
        free(err);
        return EXIT_TROUBLE;
    }
    int status = 0;
    st = minutes_db_count_paragraphs(db, paragraphs);
    if (st != MINUTES_OK) {
        cli_error("cannot read the merged index '%s': %s", out, minutes_db_errmsg(db));
        status = EXIT_TROUBLE;
    }
    minutes_db_close(db);
    return status;
}

int
cmd_merge(const cli_command *cmd, int argc, char **argv)
{
    int c, ok = 1, quiet = 0;
    while (ok && (c = cli_getopt(argc, argv, "qh", options)) != -1) {
        switch (c) {
        case 'q': quiet = 1; break;
        case 'h': return cli_print_help(cmd);
        default: ok = 0;
        }
    }
    if (!ok)
        return cli_usage_error(cmd);
    if (argc - optind < 2) {
        cli_error("give the new index and the indexes to merge into it");
        return cli_usage_error(cmd);
    }
    if (argc - optind == 2) {
        cli_error("give at least two indexes to merge ('%s' alone would be a copy: copy its "
                  "directory)",
                  argv[optind + 1]);
        return cli_usage_error(cmd);
    }
    merge_run run = {argv[optind], (size_t)(argc - optind - 1)};
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    char *msg = NULL;
    minutes_status st = minutes_merge(run.out, (const char *const *)(argv + optind + 1), run.count,
                                      quiet ? NULL : on_table, &run, &msg);
    if (st != MINUTES_OK) {
        cli_error("%s", msg ? msg : minutes_status_str(st));
        free(msg);
        return EXIT_TROUBLE;
    }
    unsigned long paragraphs = 0;
    int status = count_merged(cmd, run.out, &paragraphs);
    if (status)
        return status;
    print_safe_format(stderr, "merged %zu indexes (%lu paragraph%s) into %s in %.2f s", run.count,
                      paragraphs, paragraphs == 1 ? "" : "s", run.out, cli_seconds_since(&start));
    fputc('\n', stderr);
    return EXIT_FOUND;
}
