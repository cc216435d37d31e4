/* db.c - opening and closing an index, and the error message kept on its handle. */
#include "db.h"
#include "schema.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Check the index's format version, recording it in a new writable index. */
static minutes_status
check_schema(xap_db *xap, minutes_db_mode mode, const char *path, char **errmsg)
{
    char *version = NULL;
    minutes_status st = xap_db_get_metadata(xap, SCHEMA_VERSION_KEY, &version);
    if (st == MINUTES_OK && !*version && mode != MINUTES_DB_READ_ONLY)
        st = xap_db_set_metadata(xap, SCHEMA_VERSION_KEY, SCHEMA_VERSION);
    if (st != MINUTES_OK) {
        set_errmsg(errmsg, xap_db_errmsg(xap));
    } else if (*version && strcmp(version, SCHEMA_VERSION) != 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "index '%s' has format %s; this minutes reads format %s", path,
                 version, SCHEMA_VERSION);
        set_errmsg(errmsg, msg);
        st = MINUTES_CORRUPT;
    }
    free(version);
    return st;
}

/* Xapian's lock does not say who holds it, so a writer leaves its process id beside the
 * index for the message another writer gives. */
#define WRITER_PID_FILE "minutes-writer.pid"

static void
note_writer(const char *path)
{
    char file[4096];
    snprintf(file, sizeof file, "%s/%s", path, WRITER_PID_FILE);
    FILE *f = fopen(file, "w");
    if (f) {
        fprintf(f, "%ld\n", (long)getpid());
        fclose(f);
    }
}

/* "index '...' is locked by another process (pid N)", the pid if known and alive. */
static void
locked_message(const char *path, char **errmsg)
{
    char file[4096], msg[4400];
    long pid = 0;
    snprintf(file, sizeof file, "%s/%s", path, WRITER_PID_FILE);
    FILE *f = fopen(file, "r");
    if (f) {
        if (fscanf(f, "%ld", &pid) != 1)
            pid = 0;
        fclose(f);
    }
    if (pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM))
        snprintf(msg, sizeof msg, "index '%s' is locked by another process (pid %ld)", path, pid);
    else
        snprintf(msg, sizeof msg, "index '%s' is locked by another process", path);
    if (errmsg) {
        free(*errmsg);
        *errmsg = strdup(msg);
    }
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
    arena_init(&db->doc_arena, 64 * 1024);

    minutes_status st = xap_db_open(path, xap_mode_for(mode), &db->xap, errmsg);
    if (st == MINUTES_LOCKED)
        locked_message(path, errmsg);
    if (st == MINUTES_OK) {
        st = check_schema(db->xap, mode, path, errmsg);
        if (st != MINUTES_OK)
            xap_db_close(db->xap);
    }
    if (st == MINUTES_OK && mode != MINUTES_DB_READ_ONLY)
        note_writer(path);
    if (st != MINUTES_OK) {
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
    xap_doc_destroy(db->doc);
    free(db->fold);
    minutes_status st = xap_db_close(db->xap);
    arena_release(&db->doc_arena);
    free(db->errmsg);
    free(db->path);
    free(db);
    return st;
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

minutes_status
minutes_db_count_paragraphs(minutes_db *db, unsigned long *out)
{
    if (!db || !out)
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(db);
    minutes_status st = xap_db_doccount(db->xap, out);
    return st == MINUTES_OK ? st : db_fail_xap(db, st);
}
