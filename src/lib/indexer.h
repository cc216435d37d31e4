/* indexer.h - what index.c (deciding, writing, committing, removing) and walk.c (finding the
 * files) share during one indexing run. */
#ifndef MINUTES_INDEXER_H
#define MINUTES_INDEXER_H

#include <stddef.h>
#include <sys/stat.h>

#include "db.h"

/* A set of paths: the files a run has seen, so that the others can be removed. */
typedef struct pathset {
    char **slots; /* open addressing; NULL is empty */
    size_t cap, count;
} pathset;

minutes_status pathset_add(pathset *set, const char *path);
int pathset_contains(const pathset *set, const char *path);
void pathset_release(pathset *set);

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
} indexer;

/* Report an event to the stats and the caller's callback. */
void indexer_report(indexer *ix, const minutes_index_event *ev);

/* Report a file that cannot be indexed. */
void indexer_skip(indexer *ix, const char *path, minutes_status status, const char *reason);

/* Index the regular file `path` (canonical; `shown` is how the walk named it) if it is new or
 * changed. Returns MINUTES_OK (also when the file was skipped) or an index error. */
minutes_status indexer_visit_file(indexer *ix, const char *shown, const char *path,
                                  const struct stat *st);

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
