/* indexes.c - which indexes a command uses, and opening them: each -d given (before the
 * command or after it, as often as wanted), else the ':'-separated list in $MINUTES_INDEX,
 * else ./index. A command that reads opens one index as it is and several (or a stub file
 * naming several, local or remote) as one, bounded by --timeout and, with --partial, leaving
 * out those that cannot be read, with a warning naming each; a command that writes takes
 * exactly one directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"

/* More than this many -d is a mistake (a stub file names any number). */
#define MAX_INDEXES 64

static struct {
    const char *given[MAX_INDEXES]; /* the command's -d, else those before it */
    size_t count;
    int from_command; /* the command gave its own: those before it are dropped */
    char *from_variable; /* $MINUTES_INDEX split, when it is used */
    const char *list[MAX_INDEXES];
    size_t list_count;
    minutes_shard_options shard;
    size_t warned; /* indexes left out that a warning has named */
} indexes;

int
cli_add_index(const char *dir, int before_command)
{
    if (!before_command && !indexes.from_command) {
        indexes.from_command = 1;
        indexes.count = 0;
    }
    if (indexes.count == MAX_INDEXES) {
        cli_error("too many -d (at most %d; a stub file can name more)", MAX_INDEXES);
        return 0;
    }
    indexes.given[indexes.count++] = dir;
    return 1;
}

int
cli_shard_option(int option, const char *arg)
{
    size_t ms;
    switch (option) {
    case CLI_OPT_TIMEOUT:
        if (!cli_parse_size("--timeout", arg, &ms))
            return 0;
        if (ms < 1 || ms > 3600 * 1000) {
            cli_error("invalid --timeout '%s' (milliseconds, from 1 to 3600000)", arg);
            return 0;
        }
        indexes.shard.timeout_ms = (unsigned)ms;
        return 1;
    case CLI_OPT_PARTIAL: indexes.shard.partial = 1; return 1;
    default: return -1;
    }
}

/* The indexes to use, into indexes.list: the -d given, else $MINUTES_INDEX's, else one. */
static void
choose_indexes(void)
{
    indexes.list_count = 0;
    for (size_t i = 0; i < indexes.count; i++)
        if (indexes.given[i] && *indexes.given[i])
            indexes.list[indexes.list_count++] = indexes.given[i];
    if (indexes.list_count)
        return;
    free(indexes.from_variable); /* chosen again: a server opens the indexes once a thread */
    indexes.from_variable = NULL;
    const char *env = getenv(CLI_INDEX_VARIABLE);
    if (env && *env && (indexes.from_variable = strdup(env))) {
        for (char *part = strtok(indexes.from_variable, ":"); part && indexes.list_count <
             MAX_INDEXES; part = strtok(NULL, ":"))
            indexes.list[indexes.list_count++] = part;
    }
    if (!indexes.list_count)
        indexes.list[indexes.list_count++] = CLI_INDEX_DEFAULT;
}

const char *
cli_index_dir(void)
{
    choose_indexes();
    return indexes.list[0];
}

/* Say once, on stderr, each index left out so far. */
void
cli_report_missing(const minutes_db *db)
{
    const char *name, *reason;
    while ((name = minutes_db_missing_shard(db, indexes.warned, &reason)) != NULL) {
        cli_warning("left out %s (--partial): %s", name, reason && *reason ? reason : "unreadable");
        indexes.warned++;
    }
}

int
cli_partial_results(const minutes_db *db)
{
    return minutes_db_missing_shard(db, 0, NULL) != NULL;
}

/* Open several indexes, or a stub file, as one. */
static int
open_several(minutes_db **out)
{
    char *err = NULL;
    minutes_status st =
        minutes_db_open_shards(indexes.list, indexes.list_count, &indexes.shard, out, &err);
    if (st == MINUTES_OK) {
        cli_report_missing(*out);
        return 0;
    }
    cli_error("%s", err ? err : minutes_status_str(st));
    free(err);
    return cli_exit_status(st);
}

/* Whether the one index to read is a stub file (a file, where an index is a directory). */
static int
is_stub(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

int
cli_open_index(const cli_command *cmd, double wait, minutes_db **out)
{
    choose_indexes();
    const char *dir = indexes.list[0];
    int writes = cmd->index_use == CLI_WRITE_INDEX;
    if (writes && indexes.list_count > 1) {
        cli_error("'minutes %s' writes one index: give one -d DIR (%zu were given)", cmd->name,
                  indexes.list_count);
        return EXIT_TROUBLE;
    }
    if (!writes && (indexes.list_count > 1 || is_stub(dir)))
        return open_several(out);
    struct stat sb;
    if (stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        cli_error("'%s' is not a directory: an index is a directory (-d DIR)", dir);
        return EXIT_TROUBLE;
    }
    minutes_db_mode mode = writes ? MINUTES_DB_CREATE : MINUTES_DB_READ_ONLY;
    char *err = NULL;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    minutes_status st;
    /* With --wait, a lock held by another indexer is waited for, checked ten times a second. */
    while ((st = minutes_db_open(dir, mode, out, &err)) == MINUTES_LOCKED && wait > 0) {
        struct timespec tick = {0, 100 * 1000 * 1000};
        if (cli_seconds_since(&start) >= wait)
            break;
        free(err);
        err = NULL;
        nanosleep(&tick, NULL);
    }
    if (st == MINUTES_OK)
        return 0;
    if (st == MINUTES_NO_INDEX && cmd->index_use == CLI_READ_INDEX)
        cli_error("no index at '%s' (build one with 'minutes index -d %s PATH...')", dir, dir);
    else if (st == MINUTES_LOCKED && err)
        cli_error("%s%s", err, wait > 0 ? " (waited for it in vain)" : "");
    else if (st == MINUTES_READ_ONLY && err)
        cli_error("%s", err); /* it names the index */
    else
        cli_error("cannot open index '%s': %s", dir, err ? err : minutes_status_str(st));
    free(err);
    return cli_exit_status(st);
}
