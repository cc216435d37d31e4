/* db.c - opening and closing an index, and the error message kept on its handle. */
#include "db.h"
#include "normalize.h"
#include "schema.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A writer that commits twice while a search reads frees the blocks the search was reading:
 * the search starts again on the latest commit. Xapian reports some such reads as
 * corruption (a block of an unexpected level), so those are tried again too. More tries
 * than this and the index is changing faster than it can be read, or is damaged. */
#define READ_TRIES 6

static char *
vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

minutes_status
db_fail(minutes_db *db, minutes_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    free(db->errmsg);
    db->errmsg = msg;
    return status;
}

minutes_status
db_fail_xap(minutes_db *db, minutes_status status)
{
    const char *msg = xap_db_errmsg(db->xap);
    return db_fail(db, status, "%s", *msg ? msg : minutes_status_str(status));
}

void
db_clear_error(minutes_db *db)
{
    free(db->errmsg);
    db->errmsg = NULL;
}

static xap_mode
xap_mode_for(minutes_db_mode mode)
{
    switch (mode) {
    case MINUTES_DB_READ_ONLY: return XAP_READ;
    case MINUTES_DB_WRITABLE: return XAP_WRITE;
    case MINUTES_DB_CREATE: return XAP_CREATE;
    }
    return XAP_READ;
}

static int
valid_mode(minutes_db_mode mode)
{
    return mode == MINUTES_DB_READ_ONLY || mode == MINUTES_DB_WRITABLE || mode == MINUTES_DB_CREATE;
}

static void
set_errmsg(char **errmsg, const char *msg)
{
    if (errmsg)
        *errmsg = msg ? strdup(msg) : NULL;
}

/* Check the index's format version, recording it in a new writable index; the version
 * read (malloc'd, "" when none) in *read if not NULL. */
static minutes_status
check_schema(xap_db *xap, minutes_db_mode mode, const char *path, char **errmsg, char **read)
{
    char *version = NULL;
    minutes_status st = xap_db_get_metadata(xap, SCHEMA_VERSION_KEY, &version);
    if (st == MINUTES_OK && !*version && mode != MINUTES_DB_READ_ONLY)
        st = xap_db_set_metadata(xap, SCHEMA_VERSION_KEY, SCHEMA_VERSION);
    if (st != MINUTES_OK) {
        set_errmsg(errmsg, xap_db_errmsg(xap));
    } else if (*version && strcmp(version, SCHEMA_VERSION) != 0) {
        char msg[512];
        snprintf(msg, sizeof msg,
                 "index '%s' has format %s; this minutes reads format %s "
                 "(remove the index directory and index again)",
                 path, version, SCHEMA_VERSION);
        set_errmsg(errmsg, msg);
        st = MINUTES_CORRUPT;
    }
    if (read && st == MINUTES_OK)
        *read = version;
    else
        free(version);
    return st;
}

/* The name an index is given when none is: the host's. */
static void
default_origin(char buf[SCHEMA_ORIGIN_MAX])
{
    if (gethostname(buf, SCHEMA_ORIGIN_MAX) != 0 || !*buf)
        snprintf(buf, SCHEMA_ORIGIN_MAX, "localhost");
    buf[SCHEMA_ORIGIN_MAX - 1] = '\0';
}

/* Read the index's origin into *origin (malloc'd), giving a new writable index the host's
 * name. An index with none (read-only, not yet written) reads as "". */
static minutes_status
read_origin(xap_db *xap, minutes_db_mode mode, char **origin, char **errmsg)
{
    minutes_status st = xap_db_get_metadata(xap, SCHEMA_ORIGIN_KEY, origin);
    if (st == MINUTES_OK && !**origin && mode != MINUTES_DB_READ_ONLY) {
        char name[SCHEMA_ORIGIN_MAX];
        default_origin(name);
        st = xap_db_set_metadata(xap, SCHEMA_ORIGIN_KEY, name);
        free(*origin);
        *origin = st == MINUTES_OK ? strdup(name) : NULL;
        if (st == MINUTES_OK && !*origin)
            st = MINUTES_NO_MEMORY;
    }
    if (st != MINUTES_OK) {
        set_errmsg(errmsg, st == MINUTES_NO_MEMORY ? "out of memory" : xap_db_errmsg(xap));
        free(*origin);
        *origin = NULL;
    }
    return st;
}

minutes_status
db_check_format(xap_db *xap, const char *name, char **origin, char **errmsg)
{
    *origin = NULL;
    char *version = NULL;
    minutes_status st = check_schema(xap, MINUTES_DB_READ_ONLY, name, errmsg, &version);
    if (st == MINUTES_OK && !*version) {
        char msg[4400];
        snprintf(msg, sizeof msg, "'%s' is not an index of minutes (it records no format)", name);
        set_errmsg(errmsg, msg);
        st = MINUTES_CORRUPT;
    }
    free(version);
    if (st == MINUTES_OK)
        st = read_origin(xap, MINUTES_DB_READ_ONLY, origin, errmsg);
    return st;
}

void
db_file_id(const minutes_db *db, char *buf, const char *path)
{
    schema_file_id(buf, db->origin ? db->origin : "", path);
}

int
db_add_origin(minutes_db *db, const char *origin)
{
    for (size_t i = 0; i < db->origin_count; i++)
        if (strcmp(db->origins[i], origin) == 0)
            return 1;
    char **grown = realloc(db->origins, (db->origin_count + 1) * sizeof *grown);
    if (!grown)
        return 0;
    db->origins = grown;
    if (!(db->origins[db->origin_count] = strdup(origin)))
        return 0;
    db->origin_count++;
    return 1;
}

minutes_status
db_add_origin_lines(minutes_db *db, const char *primary, const char *lines)
{
    if (primary && !db_add_origin(db, primary))
        return MINUTES_NO_MEMORY;
    char *list = lines ? strdup(lines) : NULL;
    if (lines && !list)
        return MINUTES_NO_MEMORY;
    minutes_status st = MINUTES_OK;
    for (char *line = list, *end; st == MINUTES_OK && line && *line; line = end) {
        end = strchr(line, '\n');
        if (end)
            *end++ = '\0';
        if (*line && !db_add_origin(db, line))
            st = MINUTES_NO_MEMORY;
    }
    free(list);
    return st;
}

minutes_status
db_add_origins_of(minutes_db *db, xap_db *xap, const char *primary)
{
    char *lines = NULL;
    minutes_status st = xap_db_get_metadata(xap, SCHEMA_ORIGINS_KEY, &lines);
    if (st == MINUTES_OK)
        st = db_add_origin_lines(db, primary, lines);
    free(lines);
    return st;
}

void
db_release_origins(minutes_db *db)
{
    for (size_t i = 0; i < db->origin_count; i++)
        free(db->origins[i]);
    free(db->origins);
    db->origins = NULL;
    db->origin_count = 0;
}

/* check_schema as a read that db_read_retrying can redo. */
typedef struct schema_check {
    minutes_db_mode mode;
    const char *path;
    char **errmsg;
} schema_check;

static minutes_status
check_schema_read(minutes_db *db, void *ctx)
{
    schema_check *c = ctx;
    if (c->errmsg) {
        free(*c->errmsg);
        *c->errmsg = NULL;
    }
    free(db->origin);
    db->origin = NULL;
    minutes_status st = check_schema(db->xap, c->mode, c->path, c->errmsg, NULL);
    if (st == MINUTES_OK)
        st = read_origin(db->xap, c->mode, &db->origin, c->errmsg);
    return st;
}

/* A writer holds a lock of its own, beside Xapian's: Xapian's lock does not say who holds
 * it, and a parallel run must close the database while it swaps in the merged shards
 * without letting another writer in. The lock file holds the writer's process id for the
 * message another writer gives. */
#define WRITER_LOCK_FILE "minutes-writer.pid"

/* Whether process `pid` has ended: gone, or a zombie its parent has not yet waited for. */
static int
process_ended(long pid)
{
    if (kill((pid_t)pid, 0) != 0)
        return errno == ESRCH;
    char file[64], buf[256];
    snprintf(file, sizeof file, "/proc/%ld/stat", pid);
    FILE *f = fopen(file, "re");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *paren = strrchr(buf, ')');
    return paren && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
}

/* "index '...' is locked by another process (pid N)", the pid if known and alive. */
static void
locked_message(const char *path, int fd, char **errmsg)
{
    char buf[32] = "", msg[4400];
    long pid = 0;
    ssize_t n = fd >= 0 ? pread(fd, buf, sizeof buf - 1, 0) : -1;
    if (n > 0) {
        buf[n] = '\0';
        pid = strtol(buf, NULL, 10);
    }
    if (pid > 0 && !process_ended(pid))
        snprintf(msg, sizeof msg, "index '%s' is locked by another process (pid %ld)", path, pid);
    else
        snprintf(msg, sizeof msg, "index '%s' is locked by another process", path);
    if (errmsg) {
        free(*errmsg);
        *errmsg = strdup(msg);
    }
}

/* The message for an index whose Xapian lock another process holds. */
static void
explain_lock(const char *path, char **errmsg)
{
    char file[4096];
    snprintf(file, sizeof file, "%s/%s", path, WRITER_LOCK_FILE);
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    locked_message(path, fd, errmsg);
    if (fd >= 0)
        close(fd);
}

/* The process id written in the lock file, or 0. */
static long
lock_holder(int fd)
{
    char buf[32] = "";
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    return strtol(buf, NULL, 10);
}

/* Whether the lock on `fd`, held by a writer that has died or is dying, was freed within a
 * moment: its worker processes hold it until they end, a few milliseconds after it (they
 * are killed when it dies), and a kill -9 takes a moment to land; so a run started right
 * after a kill waits for them rather than failing. A writer still alive after 100 ms is at
 * work: the lock is its own. */
static int
holder_is_ending(int fd)
{
    long pid = lock_holder(fd);
    if (pid <= 0)
        return 0;
    for (int i = 0; i < 200; i++) {
        if (i >= 10 && !process_ended(pid))
            return 0;
        struct timespec tick = {0, 10 * 1000 * 1000};
        nanosleep(&tick, NULL);
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return 1;
    }
    return 0;
}

/* Whether errno `e` says this process may not write a file (rather than that it failed). */
static int
denied(int e)
{
    return e == EACCES || e == EROFS || e == EPERM;
}

/* MINUTES_READ_ONLY, with the message for the index at `path` that errno `e` denied. */
static minutes_status
read_only(const char *path, int e, char **errmsg)
{
    char msg[4400];
    snprintf(msg, sizeof msg, "index '%s' is read-only: %s", path, strerror(e));
    set_errmsg(errmsg, msg);
    return MINUTES_READ_ONLY;
}

/* Take the writer's lock of the index at `path` (whose directory exists): the open lock
 * file in *fd, or MINUTES_LOCKED with the holder named in *errmsg, or MINUTES_READ_ONLY
 * when this process may not write the index. */
static minutes_status
lock_writer(const char *path, int *fd, char **errmsg)
{
    char file[4096], pid[32];
    *fd = -1;
    /* Indexing creates files in the directory (Xapian replaces its version file; a run's list
     * of files to read is a temporary file there), so a directory this process may not write
     * is a read-only index, even where the lock files in it are writable. */
    if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0 && denied(errno))
        return read_only(path, errno, errmsg);
    snprintf(file, sizeof file, "%s/%s", path, WRITER_LOCK_FILE);
    *fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (*fd < 0) {
        if (denied(errno))
            return read_only(path, errno, errmsg);
        char msg[4400];
        snprintf(msg, sizeof msg, "cannot lock index '%s': %s", path, strerror(errno));
        set_errmsg(errmsg, msg);
        return MINUTES_IO_ERROR;
    }
    if (flock(*fd, LOCK_EX | LOCK_NB) != 0 && !holder_is_ending(*fd)) {
        locked_message(path, *fd, errmsg);
        close(*fd);
        *fd = -1;
        return MINUTES_LOCKED;
    }
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(*fd, 0) != 0 || pwrite(*fd, pid, (size_t)n, 0) != n) {
        /* The pid only improves a message; the lock is what matters. */
    }
    return MINUTES_OK;
}

/* mkdir -p: `path` and its missing parents; 0, or -1 with errno set. */
static int
make_dirs(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    int ret = 0;
    for (char *p = copy + 1; ret == 0; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char was = *p;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST)
            ret = -1;
        *p = was;
        if (!was)
            break;
    }
    int saved = errno;
    free(copy);
    errno = saved;
    return ret;
}

/* Before Xapian opens an index for writing: its directory made (for CREATE), the writer's
 * lock taken, and what an interrupted run left tidied away. So a second writer stops at the
 * lock without touching Xapian's files, and the tidy runs with no writer at work. *fd is
 * the lock, or -1 when the directory is missing (for xap_db_open to report). */
static minutes_status
prepare_writer(const char *path, minutes_db_mode mode, int *fd, char **errmsg)
{
    char msg[4400];
    struct stat st;
    *fd = -1;
    if (mode == MINUTES_DB_CREATE && make_dirs(path) != 0) {
        snprintf(msg, sizeof msg, "cannot create index directory '%s': %s", path,
                 strerror(errno));
        set_errmsg(errmsg, msg);
        return MINUTES_IO_ERROR;
    }
    if (stat(path, &st) != 0)
        return MINUTES_OK;
    if (!S_ISDIR(st.st_mode)) {
        snprintf(msg, sizeof msg, "index '%s' is not a directory", path);
        set_errmsg(errmsg, msg);
        return MINUTES_BAD_ARGUMENT;
    }
    minutes_status status = lock_writer(path, fd, errmsg);
    if (status == MINUTES_OK)
        status = xap_index_tidy(path, errmsg);
    return status;
}

minutes_status
minutes_db_open(const char *path, minutes_db_mode mode, minutes_db **out, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (!out)
        return MINUTES_BAD_ARGUMENT;
    *out = NULL;
    if (!path || !*path || !valid_mode(mode)) {
        set_errmsg(errmsg, "invalid index path or mode");
        return MINUTES_BAD_ARGUMENT;
    }

    minutes_db *db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(path))) {
        free(db);
        set_errmsg(errmsg, minutes_status_str(MINUTES_NO_MEMORY));
        return MINUTES_NO_MEMORY;
    }
    db->mode = mode;
    db->writer_fd = -1;

    minutes_status st = MINUTES_OK;
    if (mode != MINUTES_DB_READ_ONLY)
        st = prepare_writer(path, mode, &db->writer_fd, errmsg);
    if (st == MINUTES_OK)
        st = xap_db_open(path, xap_mode_for(mode), &db->xap, errmsg);
    if (st == MINUTES_LOCKED)
        explain_lock(path, errmsg);
    if (st == MINUTES_OK)
        xap_db_set_fold(db->xap, normalize_for_index); /* snippets match words as indexed */
    /* The format check is the first read: a writer's commits may get in its way too. */
    if (st == MINUTES_OK) {
        schema_check check = {mode, path, errmsg};
        st = db_read_retrying(db, check_schema_read, &check);
        if (st != MINUTES_OK && errmsg && !*errmsg)
            set_errmsg(errmsg, minutes_db_errmsg(db));
    }
    if (st == MINUTES_OK && (st = db_add_origins_of(db, db->xap, db->origin)) != MINUTES_OK)
        set_errmsg(errmsg, st == MINUTES_NO_MEMORY ? "out of memory" : xap_db_errmsg(db->xap));
    /* Files of other origins have ids this index cannot make again: updated here, a file
     * of another machine's would be indexed twice. */
    if (st == MINUTES_OK && mode != MINUTES_DB_READ_ONLY && db->origin_count > 1) {
        char msg[4400];
        snprintf(msg, sizeof msg,
                 "index '%s' was merged from indexes built elsewhere (%zu origins): update its "
                 "parts where they were built and merge them again",
                 path, db->origin_count);
        set_errmsg(errmsg, msg);
        st = MINUTES_BAD_ARGUMENT;
    }
    if (st != MINUTES_OK) {
        db_release_origins(db);
        free(db->origin);
        xap_db_close(db->xap);
        if (db->writer_fd >= 0)
            close(db->writer_fd);
        free(db->errmsg);
        free(db->path);
        free(db);
        return st;
    }
    *out = db;
    return MINUTES_OK;
}

minutes_status
minutes_db_close(minutes_db *db)
{
    if (!db)
        return MINUTES_OK;
    minutes_status st = xap_db_close(db->xap);
    if (db->writer_fd >= 0)
        close(db->writer_fd); /* after Xapian's commit and unlock */
    if (db->shard_ops)
        db->shard_ops->release(db);
    db_release_origins(db);
    free(db->origin);
    free(db->errmsg);
    free(db->path);
    free(db);
    return st;
}

minutes_status
db_suspend(minutes_db *db)
{
    minutes_status st = xap_db_close(db->xap);
    db->xap = NULL;
    return st;
}

minutes_status
db_reopen(minutes_db *db)
{
    char *msg = NULL;
    minutes_status st = xap_db_open(db->path, XAP_CREATE, &db->xap, &msg);
    if (st != MINUTES_OK)
        db_fail(db, st, "cannot open index '%s' again: %s", db->path, msg ? msg : "");
    else
        xap_db_set_fold(db->xap, normalize_for_index);
    free(msg);
    return st;
}

minutes_status
db_read_retrying(minutes_db *db, minutes_status (*read)(minutes_db *db, void *ctx), void *ctx)
{
    minutes_status st = read(db, ctx);
    for (int attempt = 1; (st == MINUTES_MODIFIED || st == MINUTES_CORRUPT) && attempt < READ_TRIES;
         attempt++) {
        st = xap_db_reopen(db->xap);
        if (st != MINUTES_OK)
            return db_fail_xap(db, st);
        st = read(db, ctx);
    }
    /* Several indexes: one that stopped answering is named, or with `partial` left out and
     * the read made again from those left (each time one fewer, so this ends). */
    while (st == MINUTES_IO_ERROR && db->shard_ops) {
        minutes_status recovered = db->shard_ops->recover(db, st);
        if (recovered != MINUTES_OK)
            return recovered;
        st = read(db, ctx);
    }
    return st;
}

const char *
minutes_db_origin(const minutes_db *db)
{
    return db ? db->origin : NULL;
}

minutes_status
minutes_db_set_origin(minutes_db *db, const char *origin)
{
    if (!db)
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(db);
    size_t len = origin ? strlen(origin) : 0;
    if (!len || len >= SCHEMA_ORIGIN_MAX || strpbrk(origin, "\n\r\t"))
        return db_fail(db, MINUTES_BAD_ARGUMENT,
                       "invalid origin '%s' (a name of 1 to %d characters, on one line)",
                       origin ? origin : "", SCHEMA_ORIGIN_MAX - 1);
    if (db->mode == MINUTES_DB_READ_ONLY || db->shards)
        return db_fail(db, MINUTES_BAD_ARGUMENT, "index '%s' is open read-only", db->path);
    if (db->origin && strcmp(db->origin, origin) == 0)
        return MINUTES_OK;
    unsigned long paragraphs = 0;
    minutes_status st = xap_db_doccount(db->xap, &paragraphs);
    if (st != MINUTES_OK)
        return db_fail_xap(db, st);
    if (paragraphs)
        return db_fail(db, MINUTES_BAD_ARGUMENT,
                       "index '%s' has origin '%s', which its paragraph ids are made from; "
                       "it cannot change (index into a new directory)",
                       db->path, db->origin ? db->origin : "");
    char *copy = strdup(origin);
    if (!copy)
        return db_fail(db, MINUTES_NO_MEMORY, "out of memory");
    if ((st = xap_db_set_metadata(db->xap, SCHEMA_ORIGIN_KEY, origin)) != MINUTES_OK) {
        free(copy);
        return db_fail_xap(db, st);
    }
    free(db->origin);
    db->origin = copy;
    db_release_origins(db);
    return db_add_origin(db, copy) ? MINUTES_OK : db_fail(db, MINUTES_NO_MEMORY, "out of memory");
}

const char *
minutes_db_errmsg(const minutes_db *db)
{
    if (!db)
        return "no database handle";
    return db->errmsg ? db->errmsg : "";
}

const char *
minutes_db_path(const minutes_db *db)
{
    return db ? db->path : NULL;
}

/* One reopen, as db_read_retrying's read: a failure is left for it to name or recover. */
static minutes_status
reopen_read(minutes_db *db, void *ctx)
{
    (void)ctx;
    minutes_status st = xap_db_reopen(db->xap);
    return st == MINUTES_OK ? st : db_fail_xap(db, st);
}

minutes_status
minutes_db_reopen(minutes_db *db)
{
    if (!db || !db->xap)
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(db);
    return db_read_retrying(db, reopen_read, NULL);
}

minutes_status
minutes_db_count_paragraphs(minutes_db *db, unsigned long *out)
{
    if (!db || !out)
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(db);
    minutes_status st = xap_db_doccount(db->xap, out);
    return st == MINUTES_OK ? st : db_fail_xap(db, st);
}
