/* indexer.h - indexing file by file (indexer.c): what the run (index.c) and the parallel
 * workers (workers.c) call to look at a file the walk found, read and write it, commit in
 * batches, report what happened, and remove the files gone.
 *
 * An indexer is caller-owned (indexer_init / indexer_release) and lives for one run, or for
 * one worker; it writes into ix->db, which it does not own.
 */
#ifndef MINUTES_INDEXER_H
#define MINUTES_INDEXER_H

#include <stddef.h>
#include <sys/stat.h>

#include "arena.h"
#include "db.h"
#include "strlist.h"
#include "pathset.h"
#include "sidecar.h"
#include "todo.h"
#include "xap.h"

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
    todo_list todo;         /* found by the walk, read afterwards */
    /* Canonical paths the walk could not look into (unreadable directories, paths given
     * that are missing): what the index holds under them is kept, not taken as gone. */
    strlist kept;
    /* Memory for one file at a time, kept from file to file so that a run's memory stays
     * flat however many files it reads. */
    arena file_arena; /* what a file's reading and segmenting allocate; reset for each file */
    xap_doc *doc;     /* each paragraph is built in it; made for ix->db when first needed */
    char *fold;       /* a paragraph's folded text (normalize_for_index) */
    size_t fold_cap;
    xap_span *spans; /* the hyphenated compounds of the folded text */
    size_t spans_cap;
} indexer;

/* Start ix for writing into db (writable; NULL for a worker until it opens its first
 * database), with the run's options (NULL for the defaults), reporting each event to
 * callback(ctx, ...) if not NULL and counting it in *stats (not NULL). */
void indexer_init(indexer *ix, minutes_db *db, const minutes_index_options *options,
                  minutes_index_callback *callback, void *ctx, minutes_index_stats *stats);

/* Free what ix holds (the todo list, the paths seen and kept, its per-file memory and
 * document), while ix->db is still open. An open batch is not committed: indexer_commit
 * first. */
void indexer_release(indexer *ix);

/* Free the document ix builds paragraphs in, which belongs to ix->db's database: before
 * that database is closed (a worker's shard, or the index while the workers build a new
 * one). The next paragraph written makes another for ix->db as it is then. */
void indexer_drop_document(indexer *ix);

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

/* Commit the open batch, if any. Returns MINUTES_OK, or MINUTES_IO_ERROR (too little disk
 * left: the batch is dropped) or the shim's error, with the message on ix->db. */
minutes_status indexer_commit(indexer *ix);

/* Drop the open batch, if any, after an error: what was committed stays. */
void indexer_cancel(indexer *ix);

/* Keep what the index holds under the canonical path `path`: the walk could not look. */
minutes_status indexer_keep(indexer *ix, const char *path);

/* Remove the files recorded under `root` (a canonical file or directory path) that the run
 * has not seen, unless they are under a path kept. */
minutes_status indexer_remove_gone(indexer *ix, const char *root);

#endif /* MINUTES_INDEXER_H */
