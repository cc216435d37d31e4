/* cmd-index.c - 'minutes index': walk the paths given and index every paragraph found. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

typedef struct index_run {
    int verbose;
    int progress; /* redraw a progress line on stderr (a terminal) */
    minutes_index_stats stats;
} index_run;

static void
clear_progress(index_run *run)
{
    if (run->progress)
        fputs("\r\033[K", stderr);
}

static void
on_file(void *ctx, const minutes_index_event *ev)
{
    index_run *run = ctx;
    clear_progress(run);
    if (ev->kind == MINUTES_EVENT_SKIPPED)
        cli_error("skipping '%s': %s", ev->path, ev->reason);
    else if (ev->warning)
        cli_error("warning: '%s': %s", ev->path, ev->warning);
    if (ev->kind == MINUTES_EVENT_INDEXED && run->verbose)
        fprintf(stderr, "%s: %lu paragraphs\n", ev->path, ev->paragraphs);
    if (run->progress)
        fprintf(stderr, "indexing: %lu files, %lu paragraphs", run->stats.files_indexed,
                run->stats.paragraphs);
}

static double
seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void
print_summary(const index_run *run, double seconds)
{
    fprintf(stderr, "indexed %lu file%s, %lu paragraph%s in %.2f s", run->stats.files_indexed,
            run->stats.files_indexed == 1 ? "" : "s", run->stats.paragraphs,
            run->stats.paragraphs == 1 ? "" : "s", seconds);
    if (run->stats.files_skipped)
        fprintf(stderr, "; %lu skipped", run->stats.files_skipped);
    fputc('\n', stderr);
}

int
cmd_index(const cli_command *cmd, int argc, char **argv)
{
    static const struct option options[] = {
        {"index", required_argument, NULL, 'd'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *dir = NULL;
    int quiet = 0;
    index_run run = {0};
    int c;
    while ((c = getopt_long(argc, argv, "d:qvh", options, NULL)) != -1) {
        switch (c) {
        case 'd': dir = optarg; break;
        case 'q': quiet = 1; break;
        case 'v': run.verbose = 1; break;
        case 'h': return cli_print_help(cmd);
        default: return cli_usage_error(cmd);
        }
    }
    if (optind >= argc) {
        cli_error("index: no paths given");
        return cli_usage_error(cmd);
    }
    run.progress = !quiet && !run.verbose && isatty(STDERR_FILENO);

    minutes_db *db;
    dir = cli_index_dir(dir);
    int status = cli_open_index(cmd, dir, &db);
    if (status)
        return status;

    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    minutes_status st = MINUTES_OK;
    for (int i = optind; i < argc && st == MINUTES_OK; i++) {
        st = minutes_index_path(db, argv[i], on_file, &run, &run.stats);
        if (st == MINUTES_UNREADABLE_FILE) {
            /* A path that cannot be read is skipped like a bad file inside a directory. */
            clear_progress(&run);
            cli_error("%s", minutes_db_errmsg(db));
            run.stats.files_skipped++;
            st = MINUTES_OK;
        }
    }
    clear_progress(&run);
    if (st != MINUTES_OK) {
        cli_error("indexing stopped: %s", minutes_db_errmsg(db));
        status = cli_exit_status(st);
    }
    minutes_status closed = minutes_db_close(db);
    if (closed != MINUTES_OK && status == 0) {
        cli_error("cannot commit index '%s': %s", dir, minutes_status_str(closed));
        status = cli_exit_status(closed);
    }
    if (!quiet)
        print_summary(&run, seconds_since(&start));
    /* Skipped files do not fail a run, but a run that indexed nothing it was given does. */
    if (status == 0 && run.stats.files_indexed == 0 && run.stats.files_skipped > 0)
        status = EXIT_TROUBLE;
    return status;
}
