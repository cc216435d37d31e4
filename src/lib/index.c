/* index.c - the indexer: a file's paragraphs into the index, and walking directories for files.
 *
 * One file is one transaction: its old paragraphs are deleted and its new ones added, so a
 * file is always either wholly in the index as last read or as before. Per-file memory comes
 * from the database's arena, reset after each file.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db.h"
#include "read.h"
#include "schema.h"
#include "segment.h"
#include "sidecar.h"

/* Deeper directory trees than this are not walked (a guard against runaway recursion). */
#define WALK_MAX_DEPTH 64

/* Write one paragraph as one document, replacing any with the same id. */
static minutes_status
add_paragraph(minutes_db *db, const char *path, const paragraph *para)
{
    char id_term[SCHEMA_TERM_MAX];
    schema_id_term(id_term, path, para->ordinal);

    xap_doc_clear(db->doc);
    minutes_status st = xap_doc_index_text(db->doc, para->text, para->text_len, NULL);
    if (st == MINUTES_OK)
        st = schema_add_terms(db->doc, &db->doc_arena, path, id_term, para);
    if (st != MINUTES_OK)
        return st;

    char *data = schema_encode_data(path, para);
    if (!data)
        return MINUTES_NO_MEMORY;
    st = xap_doc_set_data(db->doc, data, strlen(data));
    free(data);
    if (st == MINUTES_OK)
        st = xap_db_replace_by_term(db->xap, id_term, db->doc);
    return st;
}

/* Replace everything the index holds for `path` with `seg`, in one transaction. */
static minutes_status
replace_file(minutes_db *db, const char *path, const segmentation *seg)
{
    char file_term[SCHEMA_TERM_MAX];
    schema_file_term(file_term, path);

    minutes_status st = xap_db_begin(db->xap);
    if (st != MINUTES_OK)
        return db_fail_xap(db, st);
    st = xap_db_delete_by_term(db->xap, file_term);
    for (size_t i = 0; st == MINUTES_OK && i < seg->count; i++)
        st = add_paragraph(db, path, &seg->paras[i]);
    if (st != MINUTES_OK) {
        if (st == MINUTES_NO_MEMORY)
            db_fail(db, st, "out of memory while indexing '%s'", path);
        else
            db_fail_xap(db, st);
        xap_db_cancel(db->xap);
        return st;
    }
    st = xap_db_commit(db->xap);
    return st == MINUTES_OK ? st : db_fail_xap(db, st);
}

static minutes_status
ensure_writable(minutes_db *db)
{
    if (db->mode == MINUTES_DB_READ_ONLY)
        return db_fail(db, MINUTES_BAD_ARGUMENT, "index '%s' is open read-only", db->path);
    if (!db->doc) {
        minutes_status st = xap_doc_create(db->xap, &db->doc);
        if (st != MINUTES_OK)
            return db_fail_xap(db, st);
    }
    return MINUTES_OK;
}

/* The warning for a file indexed with something missing, in the arena; NULL if none. */
static const char *
file_warning(arena *a, const segmentation *seg, const char *sidecar_warning)
{
    if (!seg->undated || seg->count == 0)
        return sidecar_warning;
    const char *what = "meeting date not found (a NAME.meta.json sidecar can give it)";
    if (!sidecar_warning)
        return what;
    size_t n = strlen(sidecar_warning) + strlen(what) + 3;
    char *both = arena_alloc(a, n);
    if (both)
        snprintf(both, n, "%s; %s", what, sidecar_warning);
    return both ? both : what;
}

/* Index one file. For a problem with the file itself (not the index) *reason says why; for
 * a file indexed with something missing, *warning does. Both live until the next file. */
static minutes_status
index_file(minutes_db *db, const char *path, unsigned long *paragraphs, const char **reason,
           const char **warning)
{
    *reason = NULL;
    *warning = NULL;
    /* The previous file's memory goes now, not after it, so its messages outlive it. */
    arena_reset(&db->doc_arena);
    /* The canonical path identifies the file however it was named. */
    char *canonical = realpath(path, NULL);
    if (!canonical) {
        *reason = strerror(errno);
        return db_fail(db, MINUTES_UNREADABLE_FILE, "cannot read '%s': %s", path, *reason);
    }

    source src = {0};
    minutes_status st = read_source(canonical, &src, reason);
    if (st != MINUTES_OK) {
        if (!*reason)
            *reason = minutes_status_str(st);
        db_fail(db, st, "cannot index '%s': %s", path, *reason);
        free(canonical);
        return st;
    }

    para_meeting sidecar;
    const char *sidecar_warning;
    int has_sidecar = sidecar_load(&db->doc_arena, canonical, &sidecar, &sidecar_warning);

    segmentation seg;
    st = segment_document(src.text, src.len, has_sidecar ? &sidecar : NULL, &db->doc_arena, &seg);
    if (st == MINUTES_OK)
        st = replace_file(db, canonical, &seg);
    else
        db_fail(db, st, "out of memory while reading '%s'", path);
    if (st == MINUTES_OK) {
        *paragraphs = seg.count;
        *warning = file_warning(&db->doc_arena, &seg, sidecar_warning);
    }
    source_release(&src);
    free(canonical);
    return st;
}

minutes_status
minutes_index_file(minutes_db *db, const char *path, unsigned long *paragraphs)
{
    unsigned long n = 0;
    const char *reason, *warning;
    if (paragraphs)
        *paragraphs = 0;
    if (!db || !path)
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(db);
    minutes_status st = ensure_writable(db);
    if (st == MINUTES_OK)
        st = index_file(db, path, &n, &reason, &warning);
    if (st == MINUTES_OK && paragraphs)
        *paragraphs = n;
    return st;
}

/* ---- walking ----------------------------------------------------------------------------- */

typedef struct walk {
    minutes_db *db;
    minutes_index_callback *callback;
    void *ctx;
    minutes_index_stats *stats;
} walk;

static void
report(walk *w, minutes_index_event_kind kind, const char *path, minutes_status status,
       const char *reason, unsigned long paragraphs, const char *warning)
{
    if (kind == MINUTES_EVENT_INDEXED) {
        w->stats->files_indexed++;
        w->stats->paragraphs += paragraphs;
    } else {
        w->stats->files_skipped++;
    }
    if (w->callback) {
        minutes_index_event ev = {kind, path, status, reason ? reason : "", paragraphs, warning};
        w->callback(w->ctx, &ev);
    }
}

static minutes_status
walk_file(walk *w, const char *path)
{
    unsigned long n = 0;
    const char *reason, *warning;
    minutes_status st = index_file(w->db, path, &n, &reason, &warning);
    if (st == MINUTES_OK) {
        report(w, MINUTES_EVENT_INDEXED, path, st, NULL, n, warning);
    } else if (st == MINUTES_UNREADABLE_FILE || st == MINUTES_UNSUPPORTED_FILE) {
        /* A bad input file is reported and skipped; the walk goes on. */
        report(w, MINUTES_EVENT_SKIPPED, path, st, reason, 0, NULL);
        st = MINUTES_OK;
    }
    return st;
}

static int
compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of a directory, sorted so that runs are reproducible; hidden ones left out. */
static minutes_status
list_directory(const char *path, char ***names_out, size_t *count_out)
{
    DIR *dir = opendir(path);
    if (!dir)
        return MINUTES_UNREADABLE_FILE;
    char **names = NULL;
    size_t count = 0, cap = 0;
    minutes_status st = MINUTES_OK;
    struct dirent *ent;
    while ((ent = readdir(dir)) != NULL) {
        if (ent->d_name[0] == '.')
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 32;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown) {
                st = MINUTES_NO_MEMORY;
                break;
            }
            names = grown;
        }
        if (!(names[count] = strdup(ent->d_name))) {
            st = MINUTES_NO_MEMORY;
            break;
        }
        count++;
    }
    closedir(dir);
    if (count)
        qsort(names, count, sizeof *names, compare_names);
    *names_out = names;
    *count_out = count;
    return st;
}

static minutes_status walk_path(walk *w, const char *path, int depth, int named);

static minutes_status
walk_directory(walk *w, const char *path, int depth)
{
    if (depth > WALK_MAX_DEPTH) {
        report(w, MINUTES_EVENT_SKIPPED, path, MINUTES_UNREADABLE_FILE,
               "directory nested too deeply", 0, NULL);
        return MINUTES_OK;
    }
    char **names = NULL;
    size_t count = 0;
    minutes_status st = list_directory(path, &names, &count);
    if (st == MINUTES_UNREADABLE_FILE) {
        report(w, MINUTES_EVENT_SKIPPED, path, st, strerror(errno), 0, NULL);
        st = MINUTES_OK;
    } else if (st != MINUTES_OK) {
        db_fail(w->db, st, "out of memory listing '%s'", path);
    }
    size_t len = strlen(path);
    int slash = len > 0 && path[len - 1] == '/';
    for (size_t i = 0; i < count; i++) {
        if (st == MINUTES_OK) {
            char *child = malloc(len + strlen(names[i]) + 2);
            if (!child) {
                st = db_fail(w->db, MINUTES_NO_MEMORY, "out of memory walking '%s'", path);
            } else {
                strcpy(child, path);
                if (!slash)
                    strcat(child, "/");
                strcat(child, names[i]);
                st = walk_path(w, child, depth + 1, 0);
                free(child);
            }
        }
        free(names[i]);
    }
    free(names);
    return st;
}

/* `named` is true for a path the caller gave: it is indexed whatever its extension, and
 * followed if it is a symbolic link to a directory. */
static minutes_status
walk_path(walk *w, const char *path, int depth, int named)
{
    struct stat lst, st;
    if (lstat(path, &lst) != 0 || stat(path, &st) != 0) {
        if (named)
            return db_fail(w->db, MINUTES_UNREADABLE_FILE, "cannot read '%s': %s", path,
                           strerror(errno));
        report(w, MINUTES_EVENT_SKIPPED, path, MINUTES_UNREADABLE_FILE, strerror(errno), 0, NULL);
        return MINUTES_OK;
    }
    if (S_ISDIR(st.st_mode)) {
        /* Links to directories are not followed inside a walk: they can make cycles. */
        if (S_ISLNK(lst.st_mode) && !named)
            return MINUTES_OK;
        return walk_directory(w, path, depth);
    }
    if (!S_ISREG(st.st_mode)) {
        if (named)
            report(w, MINUTES_EVENT_SKIPPED, path, MINUTES_UNSUPPORTED_FILE, "not a regular file",
                   0, NULL);
        return MINUTES_OK;
    }
    if (!named && !read_format_for_path(path, NULL))
        return MINUTES_OK;
    return walk_file(w, path);
}

minutes_status
minutes_index_path(minutes_db *db, const char *path, minutes_index_callback *callback, void *ctx,
                   minutes_index_stats *stats)
{
    if (!db || !path)
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(db);
    minutes_status st = ensure_writable(db);
    if (st != MINUTES_OK)
        return st;
    minutes_index_stats scratch = {0};
    walk w = {db, callback, ctx, stats ? stats : &scratch};
    return walk_path(&w, path, 0, 1);
}
