/* todo.h - the files a run must read, found by the walk and read afterwards, kept on disk
 * in the index directory rather than in memory (todo.c). */
#ifndef MINUTES_TODO_H
#define MINUTES_TODO_H

#include <stddef.h>

#include "db.h"
#include "filestate.h"

/* A file the run must read: new, changed, or failed before and retried. */
typedef struct todo_file {
    const char *shown; /* as the walk named it, or NULL if the same as `path` */
    const char *path;  /* canonical */
    filestate now;     /* size, time and sidecars as found (no strings) */
    filestate before;  /* the index's record if `found`, else zeros (no strings) */
    int found;
} todo_file;

/* The list, in an unlinked temporary file. Caller-owned: start it with fd -1 and the rest
 * zeros, end it with todo_release. */
typedef struct todo_list {
    int fd;       /* -1 until the first file is added */
    char *buffer; /* records not yet written */
    size_t buffered, cap;
    size_t count;
} todo_list;

/* Reads a todo list back from its start, with an offset of its own. */
typedef struct todo_reader {
    int fd;
    unsigned long long offset; /* in the file, of the end of what is in buf */
    char *buf;
    size_t len, pos, cap;
} todo_reader;

/* Add a file to `t`: `shown` as the walk named it, `path` canonical; the records' strings
 * are not kept. The list's file is made in db's directory on the first add. Returns
 * MINUTES_OK, or MINUTES_NO_MEMORY or MINUTES_IO_ERROR with the message on db. */
minutes_status todo_add(todo_list *t, minutes_db *db, const char *shown, const char *path,
                        const filestate *now, const filestate *before, int found);

/* Write out what todo_add has buffered, before the list is read. Returns MINUTES_OK or
 * MINUTES_IO_ERROR with the message on db. */
minutes_status todo_finish(todo_list *t, minutes_db *db);

/* Close the list (the file goes with the last process that has it open). */
void todo_release(todo_list *t);

/* Read the list `t` from its start: todo_next fills *file, whose strings live until the
 * next call, and returns 1, or 0 at the end, or -1 on a read error or no memory. */
void todo_reader_start(todo_reader *r, const todo_list *t);
int todo_next(todo_reader *r, todo_file *file);
void todo_reader_release(todo_reader *r);

/* Fail db for the error todo_next has just returned (errno), naming the index directory. */
minutes_status todo_read_failed(minutes_db *db, const char *index);

#endif /* MINUTES_TODO_H */
