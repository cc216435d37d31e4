/* cmd-index.c - 'minutes index': bring the index up to date with the paths given. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "print.h"

/* ---- options, their defaults and help ---- */

/* The library takes 0 for its own defaults, which are these too; the command passes its own,
 * so that what --help says and what a run does come from one place. */
#define DEFAULT_WAIT 0       /* seconds to wait for another indexer */
#define MAX_JOBS 64

/* Worker processes by default: one per core. */
static unsigned
default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

enum { OPT_NO_DELETE = 256, OPT_RETRY_FAILED, OPT_FORCE, OPT_BATCH, OPT_SHARD, OPT_WAIT, OPT_ORIGIN };

static const struct option options[] = {
    {"index", required_argument, NULL, 'd'},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"no-delete", no_argument, NULL, OPT_NO_DELETE},
    {"retry-failed", no_argument, NULL, OPT_RETRY_FAILED},
    {"force", no_argument, NULL, OPT_FORCE},
    {"batch", required_argument, NULL, OPT_BATCH},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"wait", required_argument, NULL, OPT_WAIT},
    {"origin", required_argument, NULL, OPT_ORIGIN},
    {"jobs", required_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The help is laid out as it prints. */
/* clang-format off */
const cli_help cmd_index_help = {
    "minutes index [-d DIR] [-j N] [-q] [-v] [--no-delete] [--retry-failed] [--force]\n"
    "                     [--wait SECONDS] [--origin NAME] PATH...",
    "  -d, --index DIR    the index (default " CLI_INDEX_DEFAULT_HELP "); created if absent\n"
    "  -j, --jobs N       build a new index with N worker processes (default: one per core)\n"
    "  -q, --quiet        print only errors and the summary line; no progress, no warnings\n"
    "  -v, --verbose      print each file added, updated or removed\n"
    "      --no-delete    keep the paragraphs of files that have gone from the paths\n"
    "      --retry-failed read again files that failed before, even if unchanged\n"
    "      --force        read every file again, changed or not\n"
    "      --batch N      commit after about N paragraphs"
    " (default " CLI_STRING(MINUTES_DEFAULT_BATCH_PARAGRAPHS) ")\n"
    "      --shard N      with -j, a worker starts a new database after about N\n"
    "                     paragraphs (default " CLI_STRING(MINUTES_DEFAULT_SHARD_PARAGRAPHS) "); they are merged"
    " at the end\n"
    "      --wait SECONDS wait up to SECONDS for another indexer to finish"
    " (default " CLI_STRING(DEFAULT_WAIT) ")\n"
    "      --origin NAME  name where a new index is built, for paragraph ids unique\n"
    "                     across machines (default: the host's name)\n"
    "Only new and changed files are read; a file is changed when its size or time\n"
    "differs and its text too. Exit status: 0 when the run completed (even with files\n"
    "skipped), 2 when nothing could be indexed or the index cannot be written,\n"
    "75 when another process is indexing.\n",
};
/* clang-format on */

/* ---- the run ---- */

/* Redraw the progress line at most this often. */
#define PROGRESS_INTERVAL 0.2

typedef struct index_run {
    int verbose;
    int progress; /* redraw a progress line on stderr (a terminal) */
    int quiet;
    struct timespec start;
    double last_progress;
    minutes_index_stats stats;
} index_run;

static void
clear_progress(index_run *run)
{
    if (run->progress)
        fputs("\r\033[K", stderr);
}

/* "1m05s", "42s": a time left, to the second. */
static void
format_duration(char *buf, size_t n, double seconds)
{
    long s = (long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(buf, n, "%ldh%02ldm", s / 3600, s / 60 % 60);
    else if (s >= 60)
        snprintf(buf, n, "%ldm%02lds", s / 60, s % 60);
    else
        snprintf(buf, n, "%lds", s);
}

/* "indexing: 812/1445 files, 5.6/10.0 MB, 1.9 MB/s, 2s left": the files and bytes to read
 * are known once the walk is done; before that, what has been seen so far. */
static void
draw_progress(index_run *run)
{
    double t = cli_seconds_since(&run->start);
    if (t - run->last_progress < PROGRESS_INTERVAL)
        return;
    run->last_progress = t;
    const minutes_index_stats *s = &run->stats;
    double mb = (double)s->bytes / 1e6, rate = t > 0 ? mb / t : 0.0;
    if (!s->files_to_read) {
        fprintf(stderr, "\r\033[Kindexing: %lu files looked at, %lu unchanged",
                s->files_indexed + s->files_unchanged + s->files_skipped, s->files_unchanged);
        return;
    }
    double total = (double)s->bytes_to_read / 1e6;
    char duration[32], left[48] = "";
    if (rate > 0 && total > mb && mb > 0) {
        format_duration(duration, sizeof duration, (total - mb) / rate);
        snprintf(left, sizeof left, ", %s left", duration);
    }
    fprintf(stderr, "\r\033[Kindexing: %lu/%lu files, %.1f/%.1f MB, %.1f MB/s%s", s->files_read,
            s->files_to_read, mb, total, rate, left);
}

static void
on_file(void *ctx, const minutes_index_event *ev)
{
    index_run *run = ctx;
    int says = ev->kind == MINUTES_EVENT_SKIPPED || (ev->warning && !run->quiet) ||
               (run->verbose && ev->kind != MINUTES_EVENT_UNCHANGED);
    if (says)
        clear_progress(run);
    switch (ev->kind) {
    case MINUTES_EVENT_SKIPPED: cli_error("skipping '%s': %s", ev->path, ev->reason); break;
    case MINUTES_EVENT_INDEXED:
        if (ev->warning && !run->quiet)
            cli_error("warning: '%s': %s", ev->path, ev->warning);
        if (run->verbose) {
            /* Paths are escaped (print_safe_format): a file name may hold an ESC. */
            print_safe_format(stderr, "%s '%s': %lu paragraphs", ev->updated ? "updated" : "added",
                              ev->path, ev->paragraphs);
            fputc('\n', stderr);
        }
        break;
    case MINUTES_EVENT_REMOVED:
        if (run->verbose) {
            print_safe_format(stderr, "removed '%s': %lu paragraphs", ev->path, ev->paragraphs);
            fputc('\n', stderr);
        }
        break;
    case MINUTES_EVENT_UNCHANGED: break;
    case MINUTES_EVENT_SYNONYMS:
        if (ev->warning && !run->quiet)
            cli_error("warning: '%s': %s", ev->path, ev->warning);
        if (run->verbose && ev->updated) {
            print_safe_format(stderr, "synonyms: %lu groups written, from the built-in table%s%s%s",
                              ev->paragraphs, ev->read ? " and '" : "", ev->read ? ev->path : "",
                              ev->read ? "'" : "");
            fputc('\n', stderr);
        }
        break;
    case MINUTES_EVENT_MERGING:
        if (run->progress) {
            fputs("\r\033[K", stderr);
            print_safe_format(stderr, "indexing: merging %u databases (%.1f MB) into '%s'",
                              ev->databases, (double)ev->bytes / 1e6, ev->path);
            return;
        }
        if (run->verbose) {
            print_safe_format(stderr, "merging %u databases (%.1f MB) into '%s'", ev->databases,
                              (double)ev->bytes / 1e6, ev->path);
            fputc('\n', stderr);
        }
        break;
    }
    if (run->progress) {
        if (says)
            run->last_progress = 0;
        draw_progress(run);
    }
}

static void
print_summary(const index_run *run, double seconds)
{
    const minutes_index_stats *s = &run->stats;
    fprintf(stderr,
            "indexed: %lu added, %lu updated, %lu removed, %lu unchanged, %lu failed; "
            "%lu paragraph%s written in %.2f s\n",
            s->files_added, s->files_updated, s->files_removed, s->files_unchanged,
            s->files_skipped, s->paragraphs, s->paragraphs == 1 ? "" : "s", seconds);
}

int
cmd_index(const cli_command *cmd, int argc, char **argv)
{
    const char *origin = NULL;
    index_run run;
    memset(&run, 0, sizeof run);
    minutes_index_options opt;
    memset(&opt, 0, sizeof opt);
    opt.jobs = default_jobs();
    opt.batch_paragraphs = MINUTES_DEFAULT_BATCH_PARAGRAPHS;
    opt.shard_paragraphs = MINUTES_DEFAULT_SHARD_PARAGRAPHS;
    size_t jobs, wait = DEFAULT_WAIT;
    int c, ok = 1;
    while (ok && (c = cli_getopt(argc, argv, "d:j:qvh", options)) != -1) {
        switch (c) {
        case 'd': ok = cli_add_index(optarg, 0); break;
        case OPT_ORIGIN: origin = optarg; break;
        case 'q': run.quiet = 1; break;
        case 'v': run.verbose = 1; break;
        case OPT_NO_DELETE: opt.no_delete = 1; break;
        case OPT_RETRY_FAILED: opt.retry_failed = 1; break;
        case OPT_FORCE: opt.force = 1; break;
        case OPT_BATCH: ok = cli_parse_size("--batch", optarg, &opt.batch_paragraphs); break;
        case OPT_SHARD: ok = cli_parse_size("--shard", optarg, &opt.shard_paragraphs); break;
        case OPT_WAIT: ok = cli_parse_size("--wait", optarg, &wait); break;
        case 'j':
            ok = cli_parse_size("--jobs", optarg, &jobs);
            if (ok && (jobs < 1 || jobs > MAX_JOBS)) {
                cli_error("invalid --jobs '%s' (from 1 to %d)", optarg, MAX_JOBS);
                ok = 0;
            }
            opt.jobs = (unsigned)jobs;
            break;
        case 'h': return cli_print_help(cmd);
        default: ok = 0;
        }
    }
    if (!ok)
        return cli_usage_error(cmd);
    if (optind >= argc) {
        cli_error("no paths given");
        return cli_usage_error(cmd);
    }
    run.progress = !run.quiet && !run.verbose && isatty(STDERR_FILENO);

    minutes_db *db;
    const char *dir = cli_index_dir();
    int status = cli_open_index(cmd, (double)wait, &db);
    if (status)
        return status;
    if (origin && minutes_db_set_origin(db, origin) != MINUTES_OK) {
        cli_error("%s", minutes_db_errmsg(db));
        minutes_db_close(db);
        return EXIT_TROUBLE;
    }

    clock_gettime(CLOCK_MONOTONIC, &run.start);
    minutes_status st =
        minutes_index_paths(db, (const char *const *)(argv + optind), (size_t)(argc - optind), &opt,
                            on_file, &run, &run.stats);
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
    print_summary(&run, cli_seconds_since(&run.start));
    /* Skipped files do not fail a run, but a run that could index nothing it was given does. */
    const minutes_index_stats *s = &run.stats;
    if (status == 0 && s->files_skipped > 0 &&
        s->files_indexed + s->files_unchanged + s->files_removed == 0)
        status = EXIT_TROUBLE;
    return status;
}
