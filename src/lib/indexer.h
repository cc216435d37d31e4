/* indexer.h - what index.c (deciding, writing, committing, removing) and walk.c (finding the
 * files) share during one indexing run. */
#ifndef MINUTES_INDEXER_H
#define MINUTES_INDEXER_H

#include <stddef.h>
#include <sys/stat.h>

#include "db.h"
#include "filestate.h"
#include "sidecar.h"

/* A set of paths: the files a run has seen, so that the others can be removed. */
typedef struct pathset {
    char **slots; /* open addressing; NULL is empty */
    size_t cap, count;
} pathset;

/* Add `path`; *stored (if not NULL) is set to the set's own copy when it was new, else to
 * NULL. The copy lives until pathset_release. */
minutes_status pathset_add(pathset *set, const char *path, const char **stored);
int pathset_contains(const pathset *set, const char *path);
void pathset_release(pathset *set);

/* A file the run must read: new, changed, or failed before and retried. */
typedef struct todo_file {
    char *shown;      /* as the walk named it (malloc'd), or NULL if the same as `path` */
    const char *path; /* canonical: the copy in the run's set of paths seen */
    filestate now;    /* size, time and sidecars as found (no strings) */
    filestate before; /* the index's record if `found`, else zeros (no strings) */
    int found;
} todo_file;

typedef struct indexer {
    minutes_db *db;
    minutes_index_options opt;
    size_t batch_paragraphs;
    minutes_index_callback *callback;
    void *ctx;
    minutes_index_stats *stats;
    int in_batch;   /* a transaction is open */
    size_t pending; /* paragraphs (and records) written since the last commit */
    pathset seen;
    sidecar_cache sidecars; /* the directory sidecar last looked at */
    todo_file *todo; /* found by the walk, read afterwards */
    size_t todo_count, todo_cap;
} indexer;

/* Report an event to the stats and the caller's callback. */
void indexer_report(indexer *ix, const minutes_index_event *ev);

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

/* Remove the files recorded under `root` (a canonical file or directory path) that the run
 * has not seen. */
minutes_status indexer_remove_gone(indexer *ix, const char *root);

/* Commit the open batch, if any. */
minutes_status indexer_commit(indexer *ix);

/* Walk `path` (walk.c), visiting every file of a format the reader knows. */
minutes_status indexer_walk(indexer *ix, const char *path);

/* The canonical form of a path given to a run, for finding what was under it: its real path
 * if it exists, else its absolute path. Malloc'd; NULL when out of memory. */
char *walk_root(const char *path);

#endif /* MINUTES_INDEXER_H */
