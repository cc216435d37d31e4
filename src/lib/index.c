/* index.c - an indexing run, the library's minutes_index_* entry points: walk the paths
 * given (walk.c), showing the indexer (indexer.c) each file found; read the files that
 * changed, here or in parallel workers (workers.c) when the index is new; remove the files
 * gone; commit; and bring the index's synonym and spelling tables up to date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filestate.h"
#include "indexer.h"
#include "path.h"
#include "synonyms.h"
#include "walk.h"
#include "workers.h"

/* Read the files of the todo list in this process, in the order the walk found them. */
static minutes_status
read_todo(indexer *ix)
{
    todo_reader r;
    todo_file file;
    int got = 0;
    minutes_status st = MINUTES_OK;
    todo_reader_start(&r, &ix->todo);
    while (st == MINUTES_OK && (got = todo_next(&r, &file)) == 1)
        st = indexer_read_file(ix, &file);
    if (st == MINUTES_OK && got < 0)
        st = todo_read_failed(ix->db, ix->db->path);
    todo_reader_release(&r);
    return st;
}

static int
found_one(void *ctx, const char *path)
{
    (void)path;
    *(int *)ctx = 1;
    return 1;
}

/* Whether the index has nothing in it yet: no paragraphs and no file records. */
static minutes_status
index_is_new(minutes_db *db, int *fresh)
{
    unsigned long docs = 0;
    int records = 0;
    *fresh = 0;
    minutes_status st = xap_db_doccount(db->xap, &docs);
    if (st != MINUTES_OK)
        return db_fail_xap(db, st);
    if (docs == 0)
        st = filestate_each(db, "", found_one, &records);
    *fresh = st == MINUTES_OK && docs == 0 && !records;
    return st;
}

/* The walk tells the indexer what it finds. */
static minutes_status
on_file(void *ctx, const char *shown, const char *path, const struct stat *st)
{
    return indexer_visit_file(ctx, shown, path, st);
}

static void
on_skip(void *ctx, const char *path, minutes_status status, const char *reason)
{
    indexer_skip(ctx, path, status, reason);
}

static minutes_status
on_keep(void *ctx, const char *path)
{
    return indexer_keep(ctx, path);
}

minutes_status
minutes_index_paths(minutes_db *db, const char *const *paths, size_t count,
                    const minutes_index_options *options, minutes_index_callback *callback,
                    void *ctx, minutes_index_stats *stats)
{
    if (!db || (!paths && count))
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(db);
    if (db->mode == MINUTES_DB_READ_ONLY)
        return db_fail(db, MINUTES_BAD_ARGUMENT, "index '%s' is open read-only", db->path);
    minutes_status st = MINUTES_OK;
    minutes_index_stats scratch = {0};
    indexer ix;
    indexer_init(&ix, db, options, callback, ctx, stats ? stats : &scratch);
    workers_clean(db->path);

    walk_visitor visitor = {on_file, on_skip, on_keep, &ix};
    for (size_t i = 0; st == MINUTES_OK && i < count; i++)
        st = walk_path(db, paths[i], &visitor);
    if (st == MINUTES_OK)
        st = todo_finish(&ix.todo, db);
    int fresh = 0;
    if (st == MINUTES_OK && ix.opt.jobs >= 1 && ix.todo.count > 0)
        st = index_is_new(db, &fresh);
    if (st == MINUTES_OK && fresh)
        st = workers_read_todo(&ix, ix.opt.jobs);
    if (st == MINUTES_OK && !fresh)
        st = read_todo(&ix);
    for (size_t i = 0; st == MINUTES_OK && !ix.opt.no_delete && i < count; i++) {
        char *root = path_canonical(paths[i]);
        st =
            root ? indexer_remove_gone(&ix, root) : db_fail(db, MINUTES_NO_MEMORY, "out of memory");
        free(root);
    }
    if (st == MINUTES_OK)
        st = indexer_commit(&ix);
    else
        indexer_cancel(&ix); /* an index error: keep what was committed, nothing more */
    /* At the end, in the database a parallel build switched in: the synonym table, built in
     * and the index's own, as the next searches expand queries with it. */
    if (st == MINUTES_OK)
        st = synonyms_sync(db, callback, ctx);
    /* The spelling table from the index's words as they now are (once a run, not word by word
     * while indexing): the same whether the run was parallel, serial or an update. */
    if (st == MINUTES_OK && (st = xap_db_sync_spelling(db->xap, NULL)) != MINUTES_OK)
        st = db_fail_xap(db, st);
    indexer_release(&ix);
    return st;
}

minutes_status
minutes_index_path(minutes_db *db, const char *path, minutes_index_callback *callback, void *ctx,
                   minutes_index_stats *stats)
{
    return minutes_index_paths(db, &path, 1, NULL, callback, ctx, stats);
}

/* Keeps the first skip of a one-file run, to return it as that file's status. */
typedef struct one_file {
    minutes_status status;
    unsigned long paragraphs;
    char message[512];
} one_file;

static void
on_one_file(void *ctx, const minutes_index_event *ev)
{
    one_file *one = ctx;
    if (ev->kind == MINUTES_EVENT_SKIPPED && one->status == MINUTES_OK) {
        one->status = ev->status == MINUTES_OK ? MINUTES_UNREADABLE_FILE : ev->status;
        snprintf(one->message, sizeof one->message, "cannot index '%s': %s", ev->path, ev->reason);
    } else if (ev->kind == MINUTES_EVENT_INDEXED) {
        one->paragraphs = ev->paragraphs;
    }
}

minutes_status
minutes_index_file(minutes_db *db, const char *path, unsigned long *paragraphs)
{
    if (paragraphs)
        *paragraphs = 0;
    if (!db || !path)
        return MINUTES_BAD_ARGUMENT;
    minutes_index_options options = {.no_delete = 1, .force = 1};
    one_file one = {MINUTES_OK, 0, ""};
    minutes_status st = minutes_index_paths(db, &path, 1, &options, on_one_file, &one, NULL);
    if (st != MINUTES_OK)
        return st;
    if (one.status != MINUTES_OK)
        return db_fail(db, one.status, "%s", one.message);
    if (paragraphs)
        *paragraphs = one.paragraphs;
    return MINUTES_OK;
}
