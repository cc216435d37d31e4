/* todo.c - the files a run must read, kept in an unlinked temporary file in the index
 * directory instead of in memory, so that a run's memory does not grow with the number of
 * files it finds (a record is its two paths and its two filestates, about 200 bytes).
 *
 * The indexer appends records through a buffer as the walk finds the files; todo_finish
 * writes out what is buffered; then any number of readers - this process, or each worker
 * after the fork - read the records back in the order they were found, each with pread at
 * an offset of its own, as the file descriptor (and its offset) is shared across the fork. The file has no name, so it goes
 * with the last process that has it open, however the run ends.
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include "todo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fdio.h"

#define TODO_BUFFER (64 * 1024)

/* A record on file: this header, then the path and the name as found, each with its NUL
 * (the name is empty when it is the path). Read back by the same program that wrote it. */
typedef struct todo_header {
    uint32_t path_len, shown_len; /* with their NULs */
    int32_t found;
    filestate now, before; /* no strings: their pointers are NULL */
} todo_header;

/* Create the unlinked file in `dir`: O_TMPFILE, or a named file unlinked at once where the
 * file system has no O_TMPFILE. */
static int
create_unlinked(const char *dir)
{
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/minutes-todo.XXXXXX", dir) >= sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0)
        unlink(path);
    return fd;
}

static minutes_status
write_failed(minutes_db *db)
{
    return db_fail(db, MINUTES_IO_ERROR, "cannot write the list of files to read in '%s': %s",
                   db->path, strerror(errno));
}

static minutes_status
flush_buffer(todo_list *t, minutes_db *db)
{
    if (t->buffered && fdio_write_all(t->fd, t->buffer, t->buffered) != 0)
        return write_failed(db);
    t->buffered = 0;
    return MINUTES_OK;
}

minutes_status
todo_add(todo_list *t, minutes_db *db, const char *shown, const char *path, const filestate *now,
         const filestate *before, int found)
{
    if (t->fd < 0) {
        if (!t->buffer && !(t->buffer = malloc(TODO_BUFFER)))
            return db_fail(db, MINUTES_NO_MEMORY, "out of memory");
        t->cap = TODO_BUFFER;
        if ((t->fd = create_unlinked(db->path)) < 0)
            return db_fail(db, MINUTES_IO_ERROR, "cannot create a temporary file in '%s': %s",
                           db->path, strerror(errno));
    }
    todo_header h;
    memset(&h, 0, sizeof h);
    h.path_len = (uint32_t)strlen(path) + 1;
    h.shown_len = strcmp(shown, path) != 0 ? (uint32_t)strlen(shown) + 1 : 1;
    h.found = found;
    h.now = *now;
    h.now.path = h.now.reason = NULL;
    if (found) {
        h.before = *before;
        h.before.path = h.before.reason = NULL;
    }
    size_t need = sizeof h + h.path_len + h.shown_len;
    if (t->buffered + need > t->cap) {
        minutes_status st = flush_buffer(t, db);
        if (st != MINUTES_OK)
            return st;
    }
    if (need > t->cap) { /* a record longer than the buffer: paths of thousands of bytes */
        char *grown = realloc(t->buffer, need);
        if (!grown)
            return db_fail(db, MINUTES_NO_MEMORY, "out of memory");
        t->buffer = grown;
        t->cap = need;
    }
    char *out = t->buffer + t->buffered;
    memcpy(out, &h, sizeof h);
    memcpy(out + sizeof h, path, h.path_len);
    memcpy(out + sizeof h + h.path_len, h.shown_len > 1 ? shown : "", h.shown_len);
    t->buffered += need;
    t->count++;
    return MINUTES_OK;
}

minutes_status
todo_finish(todo_list *t, minutes_db *db)
{
    return t->fd >= 0 ? flush_buffer(t, db) : MINUTES_OK;
}

void
todo_release(todo_list *t)
{
    if (t->fd >= 0)
        close(t->fd);
    free(t->buffer);
    memset(t, 0, sizeof *t);
    t->fd = -1;
}

/* ---- reading back ---------------------------------------------------------------------- */

void
todo_reader_start(todo_reader *r, const todo_list *t)
{
    memset(r, 0, sizeof *r);
    r->fd = t->fd;
}

/* Make the next n bytes available at r->buf + r->pos; 1, 0 at the end, -1 on error. */
static int
have(todo_reader *r, size_t n)
{
    if (r->len - r->pos >= n)
        return 1;
    /* Keep what is left, then read more after it. */
    if (r->pos)
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
    r->len -= r->pos;
    r->pos = 0;
    if (r->cap < n || r->cap < TODO_BUFFER) {
        size_t cap = n > TODO_BUFFER ? n : TODO_BUFFER;
        char *grown = realloc(r->buf, cap);
        if (!grown)
            return -1;
        r->buf = grown;
        r->cap = cap;
    }
    while (r->len < n) {
        ssize_t got = pread(r->fd, r->buf + r->len, r->cap - r->len, (off_t)r->offset);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0 && r->len == 0)
            return 0;
        if (got == 0) {
            errno = EIO; /* the list ends within a record */
            return -1;
        }
        r->len += (size_t)got;
        r->offset += (unsigned long long)got;
    }
    return 1;
}

int
todo_next(todo_reader *r, todo_file *file)
{
    if (r->fd < 0)
        return 0;
    int got = have(r, sizeof(todo_header));
    if (got <= 0)
        return got;
    todo_header h;
    memcpy(&h, r->buf + r->pos, sizeof h);
    if (h.path_len == 0 || h.shown_len == 0) {
        errno = EIO;
        return -1;
    }
    if (have(r, sizeof h + h.path_len + h.shown_len) != 1)
        return -1;
    const char *strings = r->buf + r->pos + sizeof h;
    file->path = strings;
    file->shown = h.shown_len > 1 ? strings + h.path_len : NULL;
    file->now = h.now;
    file->before = h.before;
    file->found = h.found;
    r->pos += sizeof h + h.path_len + h.shown_len;
    return 1;
}

minutes_status
todo_read_failed(minutes_db *db, const char *index)
{
    return db_fail(db, MINUTES_IO_ERROR, "cannot read back the list of files to read in '%s': %s",
                   index, strerror(errno));
}

void
todo_reader_release(todo_reader *r)
{
    free(r->buf);
    memset(r, 0, sizeof *r);
    r->fd = -1;
}
