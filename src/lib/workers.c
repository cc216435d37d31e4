/* workers.c - building a new index in parallel: worker processes each read a share of the
 * files into a database of their own (a shard), and the shards are then merged into the
 * index with Xapian's compaction.
 *
 * Xapian writes one database from one thread, and most of an indexer's time is Xapian's
 * (term generation, then the inverter and B-tree updates), so parallelism comes from
 * separate processes writing separate databases. Each worker reads the whole list of files
 * to read (todo.c) and takes its share of it (is_mine), which balances their sizes. Each
 * worker sends its events (the file indexed, skipped...) down a pipe, and this process
 * reports them to the caller as they come.
 *
 * The shards live under INDEX/minutes-shards.tmp until the merge. The merge writes the
 * compacted database into INDEX/minutes-merge.tmp, which the shim then switches in whole
 * (xap_index_install): until then the index is the empty one it was, and a run killed at
 * any point leaves the empty index or the full one, never a part. The writer's own lock
 * (db.c) is held throughout, also while the index is closed.
 */
#define _GNU_SOURCE /* for nftw's FTW_DEPTH and FTW_PHYS */
#include "workers.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fdio.h"
#include "path.h"

#define SHARDS_DIR "minutes-shards.tmp"
#define MERGE_DIR "minutes-merge.tmp"

/* The message that ends a worker's stream: its status, its error message as `path`, and as
 * `paragraphs` the number of databases it wrote (named "<worker>.<n>", n from 0). */
#define EVENT_DONE (-1)

/* At most this many workers. */
#define MAX_JOBS 64

/* ---- the event stream ------------------------------------------------------------------ */

/* An event on the wire: this header, then the three strings (path, reason, warning). */
typedef struct wire_event {
    int32_t kind;
    int32_t status;
    int32_t updated;
    int32_t has_warning;
    int32_t read;
    uint64_t paragraphs;
    uint64_t bytes;
    uint32_t path_len, reason_len, warning_len;
} wire_event;

static void
send_event(int fd, int kind, minutes_status status, const char *path, const char *reason,
           const char *warning, unsigned long paragraphs, int updated, int read,
           unsigned long long bytes)
{
    wire_event w;
    memset(&w, 0, sizeof w);
    w.kind = kind;
    w.status = (int32_t)status;
    w.updated = updated;
    w.has_warning = warning != NULL;
    w.read = read;
    w.paragraphs = paragraphs;
    w.bytes = bytes;
    w.path_len = (uint32_t)strlen(path ? path : "");
    w.reason_len = (uint32_t)strlen(reason ? reason : "");
    w.warning_len = (uint32_t)strlen(warning ? warning : "");
    /* A parent that has gone away ends the worker at its next write (EPIPE). */
    if (fdio_write_all(fd, &w, sizeof w) || fdio_write_all(fd, path ? path : "", w.path_len) ||
        fdio_write_all(fd, reason ? reason : "", w.reason_len) ||
        fdio_write_all(fd, warning ? warning : "", w.warning_len))
        _exit(3);
}

static void
forward_event(void *ctx, const minutes_index_event *ev)
{
    send_event(*(int *)ctx, (int)ev->kind, ev->status, ev->path, ev->reason, ev->warning,
               ev->paragraphs, ev->updated, ev->read, ev->bytes);
}

/* Read a string of n bytes into a fresh buffer; NULL on a short stream or no memory. */
static char *
read_string(int fd, uint32_t n)
{
    char *s = malloc((size_t)n + 1);
    if (s && fdio_read_all(fd, s, n) != 1) {
        free(s);
        return NULL;
    }
    if (s)
        s[n] = '\0';
    return s;
}

/* ---- a worker ---------------------------------------------------------------------------- */

/* A worker starts a new shard after MINUTES_DEFAULT_SHARD_PARAGRAPHS, unless told otherwise.
 * Xapian's updates slow down as a database grows - each flush of a batch touches more blocks
 * of bigger tables - while the merge at the end costs about the same for many small shards
 * as for a few big ones. */

/* Open the shard `number` of worker `worker` under `dir` into ix->db, with the index's
 * `origin`, so that its file ids are the index's. */
static minutes_status
open_shard(indexer *ix, const char *dir, unsigned worker, unsigned number, const char *origin,
           char **err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%u.%u", dir, worker, number);
    minutes_status st = minutes_db_open(path, MINUTES_DB_CREATE, &ix->db, err);
    if (st == MINUTES_OK && origin && (st = minutes_db_set_origin(ix->db, origin)) != MINUTES_OK)
        *err = strdup(minutes_db_errmsg(ix->db));
    return st;
}

/* Commit and close the worker's shard; its message (malloc'd) in *msg on failure. */
static minutes_status
close_shard(indexer *ix, minutes_status st, char **msg)
{
    if (st == MINUTES_OK)
        st = indexer_commit(ix);
    if (st != MINUTES_OK && !*msg) {
        const char *m = minutes_db_errmsg(ix->db);
        *msg = strdup(*m ? m : minutes_status_str(st));
    }
    indexer_drop_document(ix);
    minutes_status closed = minutes_db_close(ix->db);
    ix->db = NULL;
    if (st == MINUTES_OK && closed != MINUTES_OK) {
        st = closed;
        *msg = strdup(minutes_status_str(closed));
    }
    return st;
}

/* Whether the next file of the todo list is this worker's: each file, in the order the walk
 * found them, goes to the worker with the fewest bytes so far (the first of them on a tie).
 * Every worker reads the whole list and makes the same choices, so that the shares need not
 * be sent or kept in memory; their sizes differ by at most the largest file's. */
static int
is_mine(unsigned long long *bytes, unsigned jobs, unsigned worker, long long size)
{
    unsigned least = 0;
    for (unsigned j = 1; j < jobs; j++)
        if (bytes[j] < bytes[least])
            least = j;
    bytes[least] += (unsigned long long)(size > 0 ? size : 0) + 1;
    return least == worker;
}

/* The worker's life, in the child process: index its share of the files into shards of its
 * own under `dir`, a new one after every so many paragraphs, report each event, end with
 * EVENT_DONE. Never returns. */
static void
run_worker(const indexer *parent, const char *dir, unsigned worker, unsigned jobs, int fd)
{
    minutes_index_stats stats;
    memset(&stats, 0, sizeof stats);
    indexer ix; /* its own todo list is unused: it reads the parent's */
    indexer_init(&ix, NULL, &parent->opt, forward_event, &fd, &stats);

    size_t shard_paragraphs = parent->opt.shard_paragraphs ? parent->opt.shard_paragraphs
                                                           : MINUTES_DEFAULT_SHARD_PARAGRAPHS;
    unsigned long long bytes[MAX_JOBS] = {0};
    todo_reader todo;
    todo_file file;
    todo_reader_start(&todo, &parent->todo);
    char *msg = NULL;
    unsigned number = 0;
    unsigned long shard_start = 0;
    int got = 0;
    minutes_status st = open_shard(&ix, dir, worker, number, parent->db->origin, &msg);
    while (st == MINUTES_OK && (got = todo_next(&todo, &file)) == 1) {
        if (!is_mine(bytes, jobs, worker, file.now.size))
            continue;
        unsigned long written = stats.paragraphs + ix.uncommitted.paragraphs;
        if (written - shard_start >= shard_paragraphs) {
            st = close_shard(&ix, st, &msg);
            if (st == MINUTES_OK)
                st = open_shard(&ix, dir, worker, ++number, parent->db->origin, &msg);
            shard_start = written;
        }
        if (st == MINUTES_OK)
            st = indexer_read_file(&ix, &file);
    }
    if (st == MINUTES_OK && got < 0)
        st = todo_read_failed(ix.db, parent->db->path);
    todo_reader_release(&todo);
    if (ix.db)
        st = close_shard(&ix, st, &msg);
    else if (!msg)
        msg = strdup(minutes_status_str(st));
    send_event(fd, EVENT_DONE, st, msg ? msg : "", "", NULL, number + 1, 0, 0, 0);
    _exit(st == MINUTES_OK ? 0 : 1);
}

/* ---- files and directories -------------------------------------------------------------- */

static int
remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)type, (void)ftw;
    remove(path);
    return 0;
}

/* Remove a directory and everything in it, if it exists. */
static void
remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) == 0)
        nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void
workers_clean(const char *index)
{
    char *shards = path_join(index, SHARDS_DIR), *merge = path_join(index, MERGE_DIR);
    if (shards)
        remove_tree(shards);
    if (merge)
        remove_tree(merge);
    free(shards);
    free(merge);
}

static void
free_list(char **list)
{
    for (size_t i = 0; list[i]; i++)
        free(list[i]);
    free(list);
}

/* The size of the files in `dir` (not below it). */
static unsigned long long
dir_bytes(const char *dir)
{
    unsigned long long total = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            total += (unsigned long long)st.st_size;
    }
    if (d)
        closedir(d);
    return total;
}

/* Merge the shards and switch the index db (empty, and closed: see workers_read_todo,
 * which opens it again) to the merged database. */
static minutes_status
merge_shards(minutes_db *db, char **shards, unsigned count)
{
    char *merged = path_join(db->path, MERGE_DIR);
    if (!merged)
        return db_fail(db, MINUTES_NO_MEMORY, "out of memory");
    remove_tree(merged);
    char *msg = NULL;
    minutes_status st = xap_compact((const char *const *)shards, count, merged, &msg);
    if (st != MINUTES_OK)
        db_fail(db, st, "cannot merge the workers' databases: %s", msg ? msg : "");
    free(msg);
    msg = NULL;
    if (st == MINUTES_OK && (st = xap_index_install(db->path, merged, &msg)) != MINUTES_OK)
        db_fail(db, st, "cannot switch index '%s' to the merged database: %s", db->path,
                msg ? msg : minutes_status_str(st));
    free(msg);
    remove_tree(merged);
    free(merged);
    return st;
}

/* ---- the run ------------------------------------------------------------------------------- */

typedef struct worker {
    pid_t pid;
    int wait_status; /* as waitpid gave it */
    int fd;          /* read end of its event pipe; -1 once closed */
    int done;        /* EVENT_DONE received */
    unsigned shards; /* databases written, said by EVENT_DONE */
    minutes_status status;
    char *error;     /* its error message, when status is not MINUTES_OK */
} worker;

/* Read one event from w and report it; 0 at the end of its stream. */
static int
take_event(indexer *ix, worker *w)
{
    wire_event h;
    int r = fdio_read_all(w->fd, &h, sizeof h);
    if (r != 1)
        return 0;
    char *path = read_string(w->fd, h.path_len);
    char *reason = path ? read_string(w->fd, h.reason_len) : NULL;
    char *warning = reason ? read_string(w->fd, h.warning_len) : NULL;
    int ok = warning != NULL;
    if (ok && h.kind == EVENT_DONE) {
        w->done = 1;
        w->shards = (unsigned)h.paragraphs;
        w->status = (minutes_status)h.status;
        if (w->status != MINUTES_OK)
            w->error = strdup(path);
    } else if (ok) {
        minutes_index_event ev = {.kind = (minutes_index_event_kind)h.kind,
                                  .path = path,
                                  .status = (minutes_status)h.status,
                                  .reason = reason,
                                  .paragraphs = (unsigned long)h.paragraphs,
                                  .warning = h.has_warning ? warning : NULL,
                                  .updated = h.updated,
                                  .read = h.read,
                                  .bytes = h.bytes};
        indexer_report(ix, &ev);
    }
    free(path);
    free(reason);
    free(warning);
    return ok;
}

/* One worker failed: the run stops, so the others need not go on. */
static void
stop_others(worker *workers, unsigned count, unsigned failed)
{
    for (unsigned j = 0; j < count; j++)
        if (j != failed && workers[j].pid > 0 && !workers[j].done)
            kill(workers[j].pid, SIGTERM);
}

/* Report the workers' events until every stream has ended. */
static void
gather_events(indexer *ix, worker *workers, unsigned count)
{
    struct pollfd fds[MAX_JOBS];
    for (;;) {
        unsigned open = 0;
        for (unsigned j = 0; j < count; j++)
            if (workers[j].fd >= 0) {
                fds[open].fd = workers[j].fd;
                fds[open].events = POLLIN;
                fds[open].revents = 0;
                open++;
            }
        if (!open)
            return;
        if (poll(fds, open, -1) < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        for (unsigned j = 0, k = 0; j < count; j++) {
            if (workers[j].fd < 0)
                continue;
            if (fds[k++].revents && !take_event(ix, &workers[j])) {
                close(workers[j].fd);
                workers[j].fd = -1;
            }
            if (workers[j].done && workers[j].status != MINUTES_OK)
                stop_others(workers, count, j);
        }
    }
}

/* The run's status from its workers' ends: the first error a worker reported (the others
 * were stopped because of it, so their deaths say nothing), else how a worker that ended
 * without a word died. */
static minutes_status
workers_status(minutes_db *db, const worker *workers, unsigned jobs, const char *dir)
{
    for (unsigned j = 0; j < jobs; j++)
        if (workers[j].done && workers[j].status != MINUTES_OK)
            return db_fail(db, workers[j].status, "%s",
                           workers[j].error ? workers[j].error : "a worker failed");
    for (unsigned j = 0; j < jobs; j++) {
        if (workers[j].pid <= 0 || workers[j].done)
            continue;
        int ws = workers[j].wait_status;
        char how[96];
        if (WIFSIGNALED(ws))
            snprintf(how, sizeof how, "was killed by signal %d (%s)", WTERMSIG(ws),
                     strsignal(WTERMSIG(ws)));
        else
            snprintf(how, sizeof how, "ended with status %d without finishing",
                     WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
        /* Xapian 1.4 can abort a process whose disk fills during a commit. */
        struct statvfs vfs;
        int full = statvfs(dir, &vfs) == 0 &&
                   (unsigned long long)vfs.f_bfree * vfs.f_frsize < 16ULL * 1024 * 1024;
        return db_fail(db, MINUTES_IO_ERROR, "a worker indexing into '%s' %s%s", dir, how,
                       full ? "; its file system is nearly full" : "");
    }
    return MINUTES_OK;
}

/* Start the workers; on failure, stop those already started. */
static minutes_status
start_workers(indexer *ix, worker *workers, unsigned jobs, const char *dir)
{
    fflush(NULL); /* nothing buffered is written twice */
    pid_t parent = getpid();
    for (unsigned j = 0; j < jobs; j++) {
        int p[2];
        /* Close-on-exec: pdftotext, run by a worker, must not hold the stream open. */
        if (pipe2(p, O_CLOEXEC) != 0)
            return db_fail(ix->db, MINUTES_IO_ERROR, "cannot start workers: %s", strerror(errno));
        pid_t pid = fork();
        if (pid < 0) {
            close(p[0]);
            close(p[1]);
            return db_fail(ix->db, MINUTES_IO_ERROR, "cannot start workers: %s", strerror(errno));
        }
        if (pid == 0) {
            /* A worker dies with its parent (killed or crashed), so that no orphan goes on
             * writing a shard the next run will remove. */
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent)
                _exit(1);
            close(p[0]);
            for (unsigned k = 0; k < j; k++)
                close(workers[k].fd);
            if (ix->db->writer_fd >= 0)
                close(ix->db->writer_fd); /* the parent's lock stays the parent's */
            run_worker(ix, dir, j, jobs, p[1]);
        }
        close(p[1]);
        workers[j].pid = pid;
        workers[j].fd = p[0];
    }
    return MINUTES_OK;
}

/* The paths of the databases the workers wrote under `dir`, in the order they were given
 * their files, NULL-terminated; *count set. NULL when out of memory. */
static char **
shard_paths(const char *dir, const worker *workers, unsigned jobs, unsigned *count)
{
    size_t n = 0;
    for (unsigned j = 0; j < jobs; j++)
        n += workers[j].shards;
    char **paths = calloc(n + 1, sizeof *paths);
    for (unsigned j = 0, i = 0; paths && j < jobs; j++) {
        for (unsigned k = 0; k < workers[j].shards; k++, i++) {
            char name[32];
            snprintf(name, sizeof name, "%u.%u", j, k);
            if (!(paths[i] = path_join(dir, name))) {
                free_list(paths);
                return NULL;
            }
        }
    }
    *count = (unsigned)n;
    return paths;
}

minutes_status
workers_read_todo(indexer *ix, unsigned jobs)
{
    minutes_db *db = ix->db;
    if (jobs > MAX_JOBS)
        jobs = MAX_JOBS;
    if (jobs > ix->todo.count)
        jobs = (unsigned)ix->todo.count;

    worker workers[MAX_JOBS];
    memset(workers, 0, sizeof workers);
    for (unsigned j = 0; j < jobs; j++)
        workers[j].fd = -1;

    minutes_status st = MINUTES_OK;
    char *shards = path_join(db->path, SHARDS_DIR); /* left from a killed run: gone (index.c) */
    if (!shards)
        st = db_fail(db, MINUTES_NO_MEMORY, "out of memory");
    else if (mkdir(shards, 0755) != 0)
        st = db_fail(db, MINUTES_IO_ERROR, "cannot create '%s': %s", shards, strerror(errno));

    /* The files the workers index count once their databases are merged in. */
    ix->merging = 1;
    /* The index is closed while they work (the writer's own lock is kept): a worker would
     * otherwise inherit Xapian's lock on it, and hold it for a moment after this process
     * is killed, locking out the next run. */
    indexer_drop_document(ix);
    if (st == MINUTES_OK && (st = db_suspend(db)) != MINUTES_OK)
        db_fail(db, st, "cannot close index '%s' for the workers", db->path);
    if (st == MINUTES_OK)
        st = start_workers(ix, workers, jobs, shards);
    if (st == MINUTES_OK)
        gather_events(ix, workers, jobs);

    /* A worker that failed stops the run: the others are stopped too. */
    for (unsigned j = 0; j < jobs; j++) {
        if (workers[j].fd >= 0)
            close(workers[j].fd);
        if (workers[j].pid <= 0)
            continue;
        if (st != MINUTES_OK || !workers[j].done)
            kill(workers[j].pid, SIGTERM);
        while (waitpid(workers[j].pid, &workers[j].wait_status, 0) < 0 && errno == EINTR)
            ;
    }
    if (st == MINUTES_OK)
        st = workers_status(db, workers, jobs, shards);

    unsigned count = 0;
    char **list = NULL;
    if (st == MINUTES_OK && !(list = shard_paths(shards, workers, jobs, &count)))
        st = db_fail(db, MINUTES_NO_MEMORY, "out of memory");
    if (st == MINUTES_OK) {
        minutes_index_event ev = {.kind = MINUTES_EVENT_MERGING, .path = db->path,
                                  .reason = "", .databases = count};
        for (unsigned i = 0; i < count; i++)
            ev.bytes += dir_bytes(list[i]);
        indexer_report(ix, &ev);
        st = merge_shards(db, list, count);
    }
    if (list)
        free_list(list);
    if (!db->xap) {
        minutes_status reopened = db_reopen(db);
        if (st == MINUTES_OK)
            st = reopened;
    }
    ix->merging = 0;
    indexer_settle_changes(ix, st == MINUTES_OK);
    workers_clean(db->path);
    for (unsigned j = 0; j < jobs; j++)
        free(workers[j].error);
    free(shards);
    return st;
}
