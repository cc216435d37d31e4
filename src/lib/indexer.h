/* indexer.h - what index.c (deciding, writing, committing, removing) and walk.c (finding the
 * files) share during one indexing run. */
#ifndef MINUTES_INDEXER_H
#define MINUTES_INDEXER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "db.h"
#include "filestate.h"
#include "sidecar.h"

/* The set of files a run has seen (pathset.c), so that a file named twice is read once and
 * the files not seen can be removed: fingerprints of their canonical paths. */
typedef struct pathset_entry {
    uint64_t h1, h2; /* h2 is never 0; 0 marks an empty slot */
} pathset_entry;

typedef struct pathset {
    pathset_entry *slots; /* open addressing */
    size_t cap, count;
} pathset;

/* Add `path`; *added is 1 when it was not in the set, else 0. */
minutes_status pathset_add(pathset *set, const char *path, int *added);
int pathset_contains(const pathset *set, const char *path);
void pathset_release(pathset *set);

/* A file the run must read: new, changed, or failed before and retried. */
typedef struct todo_file {
    const char *shown; /* as the walk named it, or NULL if the same as `path` */
    const char *path;  /* canonical */
    filestate now;     /* size, time and sidecars as found (no strings) */
    filestate before;  /* the index's record if `found`, else zeros (no strings) */
    int found;
} todo_file;

/* The files to read, in an unlinked temporary file in the index directory (todo.c). */
typedef struct todo_list {
    int fd; /* -1 until the first file is added */
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

typedef struct indexer {
    minutes_db *db;
    minutes_index_options opt;
    size_t batch_paragraphs;
    minutes_index_callback *callback;
    void *ctx;
    minutes_index_stats *stats;
    int in_batch;   /* a transaction is open */
    int merging;    /* workers are writing databases that are merged in at the end */
    size_t pending; /* paragraphs (and records) written since the last commit */
    /* The files added, updated and removed in the open batch, or by the workers: counted in
     * *stats once committed (or merged in), dropped if not. */
    minutes_index_stats uncommitted;
    pathset seen;
    sidecar_cache sidecars; /* the directory sidecar last looked at */
    todo_list todo;   /* found by the walk, read afterwards */
    char *walk_top;   /* canonical path of the directory being walked, NULL for a file */
    /* Canonical paths the walk could not look into (unreadable directories, paths given
     * that are missing): what the index holds under them is kept, not taken as gone. */
    char **kept;
    size_t kept_count, kept_cap;
} indexer;

/* Report an event to the stats and the caller's callback. */
void indexer_report(indexer *ix, const minutes_index_event *ev);

/* The changes of the open batch (or the workers' databases) are in the index: count them
 * with `kept`, else drop them. */
void indexer_settle_changes(indexer *ix, int kept);

/* Report a file that cannot be indexed. */
void indexer_skip(indexer *ix, const char *path, minutes_status status, const char *reason);

/* Look at the regular file `path` (canonical; `shown` is how the walk named it): report it
 * unchanged, or add it to the files to read. Returns MINUTES_OK (also when the file was
 * skipped) or an index error. */
minutes_status indexer_visit_file(indexer *ix, const char *shown, const char *path,
                                  const struct stat *st);

/* Read, segment and write a file of the todo list, replacing what the index held for it.
 * Returns MINUTES_OK (also when the file could not be read) or an index error. */
minutes_status indexer_read_file(indexer *ix, const todo_file *file);

/* Read the todo list in `jobs` worker processes writing databases of their own, and merge
 * those into ix->db, which has no paragraphs and no file records (workers.c). */
minutes_status indexer_read_in_workers(indexer *ix, unsigned jobs);

/* Remove what remains of an interrupted parallel run in the index directory `index`. */
void workers_clean(const char *index);

/* Keep what the index holds under the canonical path `path`: the walk could not look. */
minutes_status indexer_keep(indexer *ix, const char *path);

/* Remove the files recorded under `root` (a canonical file or directory path) that the run
 * has not seen, unless they are under a path kept. */
minutes_status indexer_remove_gone(indexer *ix, const char *root);

/* Add a file to ix's todo list: `shown` as the walk named it, `path` canonical; the
 * records' strings are not kept. Returns MINUTES_OK or an error (the message on ix->db). */
minutes_status todo_add(indexer *ix, const char *shown, const char *path, const filestate *now,
                        const filestate *before, int found);

/* Write out what todo_add has buffered, before the list is read. */
minutes_status todo_finish(indexer *ix);

/* Close the list (the file goes with the last process that has it open). */
void todo_release(todo_list *t);

/* Read the list `t` from its start: todo_next fills *file, whose strings live until the
 * next call, and returns 1, or 0 at the end, or -1 on a read error or no memory. */
void todo_reader_start(todo_reader *r, const todo_list *t);
int todo_next(todo_reader *r, todo_file *file);
void todo_reader_release(todo_reader *r);

/* Fail db for the error todo_next has just returned (errno), naming the index directory. */
minutes_status todo_read_failed(minutes_db *db, const char *index);

/* Commit the open batch, if any. */
minutes_status indexer_commit(indexer *ix);

/* Walk `path` (walk.c), visiting every file of a format the reader knows. */
minutes_status indexer_walk(indexer *ix, const char *path);

#endif /* MINUTES_INDEXER_H */
