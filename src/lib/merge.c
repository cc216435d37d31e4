/* merge.c - minutes_merge: one index made of several built apart (one per council, per year,
 * per machine), with Xapian's compaction, as the parallel build merges its workers' shards.
 *
 * A merge is all or nothing. The inputs are opened as any reader opens them, so an index of
 * another format is refused with the usual message, and no file may be in two of them: its
 * paragraphs would be there twice, and its records (kept by path) once. The merged database
 * is written into a directory of its own beside OUT and renamed to OUT only when it is
 * whole: a merge that fails removes it, and one killed part-way leaves it beside OUT, never
 * a part of an index at OUT.
 */
#define _GNU_SOURCE /* for nftw's FTW_DEPTH and FTW_PHYS */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "db.h"
#include "path.h"
#include "results.h"
#include "schema.h"

/* The merged database is written in OUT + this + six random characters, then renamed. */
#define MERGING_SUFFIX ".merging-XXXXXX"
#define MERGED_NAME "index"

static minutes_status give(char **errmsg, minutes_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Set *errmsg (if not NULL) to the message, printf-style, and return `status`. */
static minutes_status
give(char **errmsg, minutes_status status, const char *fmt, ...)
{
    if (!errmsg)
        return status;
    free(*errmsg);
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(errmsg, fmt, ap) < 0)
        *errmsg = NULL;
    va_end(ap);
    return status;
}

/* ---- OUT ----------------------------------------------------------------------------------- */

/* OUT may not exist yet, or be an empty directory (made ready for it); anything else is
 * someone's, and is left alone. */
static minutes_status
check_out(const char *out, char **errmsg)
{
    struct stat st;
    if (lstat(out, &st) != 0) {
        if (errno == ENOENT)
            return MINUTES_OK;
        return give(errmsg, MINUTES_IO_ERROR, "cannot use '%s': %s", out, strerror(errno));
    }
    int empty = 0;
    DIR *d = S_ISDIR(st.st_mode) ? opendir(out) : NULL;
    if (d) {
        struct dirent *e;
        empty = 1;
        while (empty && (e = readdir(d)))
            empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
        closedir(d);
    }
    return empty ? MINUTES_OK : give(errmsg, MINUTES_BAD_ARGUMENT, "'%s' already exists", out);
}

static int
remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (type == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

static void
remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Make the rename into `path`'s directory durable. */
static void
sync_parent(const char *path)
{
    char *parent = strdup(path);
    if (!parent)
        return;
    char *slash = strrchr(parent, '/');
    if (slash)
        slash[slash == parent ? 1 : 0] = '\0';
    int fd = open(slash ? parent : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(parent);
}

/* ---- files in two inputs ------------------------------------------------------------------- */

/* A file of an input, by its short id. */
typedef struct held_file {
    char id[SCHEMA_FILE_ID_SIZE];
    size_t input;
} held_file;

typedef struct held_files {
    held_file *items;
    size_t count, cap;
    size_t input; /* the input being read */
    minutes_status status;
} held_files;

static int
add_held_file(void *ctx, const char *term, size_t len)
{
    held_files *h = ctx;
    const size_t prefix = sizeof SCHEMA_PREFIX_FILE_ID - 1;
    if (len <= prefix || len - prefix >= SCHEMA_FILE_ID_SIZE)
        return 0; /* not a file id of this schema: nothing to compare */
    held_file *grown = array_room_for_one(h->items, &h->cap, h->count, sizeof *grown);
    if (!grown) {
        h->status = MINUTES_NO_MEMORY;
        return 1;
    }
    h->items = grown;
    held_file *f = &h->items[h->count++];
    memcpy(f->id, term + prefix, len - prefix);
    f->id[len - prefix] = '\0';
    f->input = h->input;
    return 0;
}

static int
compare_held(const void *a, const void *b)
{
    const held_file *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->input > y->input) - (x->input < y->input);
}

/* The path of file `id` in `db`, from its first paragraph, malloc'd; NULL when it cannot be
 * read (the message then goes without it). */
static char *
held_file_path(minutes_db *db, const char *id)
{
    char term[SCHEMA_TERM_MAX];
    schema_id_term(term, id, 1);
    section_cache cache = {0};
    minutes_hit hit;
    int found = 0;
    char *path = NULL;
    if (results_load_hit(db, &cache, term, &hit, &found) == MINUTES_OK && found) {
        path = hit.values[MINUTES_FIELD_PATH];
        hit.values[MINUTES_FIELD_PATH] = NULL;
        results_release_hit(&hit);
    }
    section_cache_release(&cache);
    return path;
}

/* Refuse inputs of which two hold the same file. */
static minutes_status
check_disjoint(minutes_db *const *dbs, const char *const *indexes, size_t count, char **errmsg)
{
    held_files h = {NULL, 0, 0, 0, MINUTES_OK};
    minutes_status st = MINUTES_OK;
    for (size_t i = 0; st == MINUTES_OK && i < count; i++) {
        h.input = i;
        st = xap_db_each_term(dbs[i]->xap, SCHEMA_PREFIX_FILE_ID, add_held_file, &h);
        if (st != MINUTES_OK)
            give(errmsg, st, "cannot read index '%s': %s", indexes[i], xap_db_errmsg(dbs[i]->xap));
        else if ((st = h.status) != MINUTES_OK)
            give(errmsg, st, "%s", minutes_status_str(st));
    }
    if (st == MINUTES_OK)
        qsort(h.items, h.count, sizeof *h.items, compare_held);
    for (size_t i = 1; st == MINUTES_OK && i < h.count; i++) {
        const held_file *a = &h.items[i - 1], *b = &h.items[i];
        if (strcmp(a->id, b->id) != 0)
            continue;
        char *path = held_file_path(dbs[a->input], a->id);
        st = give(errmsg, MINUTES_BAD_ARGUMENT,
                  "'%s' and '%s' both hold file %s%s%s%s; each file must be in one index only",
                  indexes[a->input], indexes[b->input], a->id, path ? " ('" : "", path ? path : "",
                  path ? "')" : "");
        free(path);
    }
    free(h.items);
    return st;
}

/* ---- the merge ----------------------------------------------------------------------------- */

/* Each input is a directory, and a different one: Xapian would take a file for a stub
 * naming databases (an empty file for an empty database), and the same index twice holds
 * every file twice, which the check of files would report less clearly. */
static minutes_status
check_directories(const char *const *indexes, size_t count, char **errmsg)
{
    struct stat *seen = calloc(count, sizeof *seen);
    if (!seen)
        return give(errmsg, MINUTES_NO_MEMORY, "%s", minutes_status_str(MINUTES_NO_MEMORY));
    minutes_status st = MINUTES_OK;
    for (size_t i = 0; st == MINUTES_OK && i < count; i++) {
        if (stat(indexes[i], &seen[i]) != 0) {
            if (errno == ENOENT || errno == ENOTDIR)
                st = give(errmsg, MINUTES_NO_INDEX, "no index at '%s'", indexes[i]);
            else
                st = give(errmsg, MINUTES_IO_ERROR, "cannot open index '%s': %s", indexes[i],
                          strerror(errno));
            break;
        }
        if (!S_ISDIR(seen[i].st_mode)) {
            st = give(errmsg, MINUTES_NO_INDEX, "'%s' is not a directory: an index is a directory",
                      indexes[i]);
            break;
        }
        for (size_t j = 0; j < i; j++)
            if (seen[j].st_dev == seen[i].st_dev && seen[j].st_ino == seen[i].st_ino) {
                st = give(errmsg, MINUTES_BAD_ARGUMENT, "'%s' and '%s' are the same index",
                          indexes[j], indexes[i]);
                break;
            }
    }
    free(seen);
    return st;
}

/* The origins of the inputs' files, but the first input's own (which the merged index keeps
 * as its origin: compaction keeps the first value of a metadata key), one a line, for
 * SCHEMA_ORIGINS_KEY; malloc'd, NULL when out of memory. */
static char *
other_origins(minutes_db *const *dbs, size_t count)
{
    size_t n = 1;
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < dbs[i]->origin_count; k++)
            n += strlen(dbs[i]->origins[k]) + 1;
    char *list = malloc(n);
    if (!list)
        return NULL;
    list[0] = '\0';
    const char *primary = dbs[0]->origin ? dbs[0]->origin : "";
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < dbs[i]->origin_count; k++) {
            const char *o = dbs[i]->origins[k];
            size_t len = strlen(o);
            int listed = strcmp(o, primary) == 0;
            for (const char *p = list; !listed && (p = strstr(p, o)) != NULL; p += len)
                listed = (p == list || p[-1] == '\n') && p[len] == '\n';
            if (!listed)
                strcat(strcat(list, o), "\n");
        }
    return list;
}

/* Open every input as a reader would, and check that no two hold the same file; *origins
 * is then other_origins' list. */
static minutes_status
check_inputs(const char *const *indexes, size_t count, char **origins, char **errmsg)
{
    minutes_status st = check_directories(indexes, count, errmsg);
    if (st != MINUTES_OK)
        return st;
    minutes_db **dbs = calloc(count, sizeof *dbs);
    if (!dbs)
        return give(errmsg, MINUTES_NO_MEMORY, "%s", minutes_status_str(MINUTES_NO_MEMORY));
    for (size_t i = 0; st == MINUTES_OK && i < count; i++) {
        char *msg = NULL;
        st = minutes_db_open(indexes[i], MINUTES_DB_READ_ONLY, &dbs[i], &msg);
        if (st != MINUTES_OK)
            give(errmsg, st, "%s", msg ? msg : minutes_status_str(st));
        free(msg);
    }
    if (st == MINUTES_OK)
        st = check_disjoint(dbs, indexes, count, errmsg);
    if (st == MINUTES_OK && !(*origins = other_origins(dbs, count)))
        st = give(errmsg, MINUTES_NO_MEMORY, "%s", minutes_status_str(MINUTES_NO_MEMORY));
    for (size_t i = 0; i < count; i++)
        minutes_db_close(dbs[i]);
    free(dbs);
    return st;
}

/* Record in the merged database at `merged` the origins of its files besides its own, so
 * that a path filter finds each file under the id its origin gave it. */
static minutes_status
record_origins(const char *merged, const char *origins, char **msg)
{
    if (!*origins)
        return MINUTES_OK;
    xap_db *xap = NULL;
    minutes_status st = xap_db_open(merged, XAP_WRITE, &xap, msg);
    if (st == MINUTES_OK && (st = xap_db_set_metadata(xap, SCHEMA_ORIGINS_KEY, origins)) != MINUTES_OK)
        *msg = strdup(xap_db_errmsg(xap));
    minutes_status closed = xap_db_close(xap);
    return st != MINUTES_OK ? st : closed;
}

/* Compact the inputs into a new directory beside `out`, record their origins there, and
 * rename it to `out`. */
static minutes_status
merge_beside(const char *out, const char *const *indexes, size_t count, const char *origins,
             xap_compact_status_fn *progress, void *ctx, char **errmsg)
{
    size_t n = strlen(out);
    while (n > 1 && out[n - 1] == '/')
        n--;
    char *work = malloc(n + sizeof MERGING_SUFFIX);
    if (!work)
        return give(errmsg, MINUTES_NO_MEMORY, "%s", minutes_status_str(MINUTES_NO_MEMORY));
    memcpy(work, out, n);
    memcpy(work + n, MERGING_SUFFIX, sizeof MERGING_SUFFIX);
    if (!mkdtemp(work)) {
        minutes_status st = give(errmsg, MINUTES_IO_ERROR,
                                 "cannot make a directory beside '%s': %s", out, strerror(errno));
        free(work);
        return st;
    }
    char *merged = path_join(work, MERGED_NAME), *msg = NULL;
    minutes_status st = MINUTES_NO_MEMORY;
    if (!merged)
        give(errmsg, st, "%s", minutes_status_str(st));
    else if ((st = xap_compact_reporting(indexes, count, merged, progress, ctx, &msg)) !=
                 MINUTES_OK ||
             (st = record_origins(merged, origins, &msg)) != MINUTES_OK)
        give(errmsg, st, "cannot merge into '%s': %s", out, msg ? msg : minutes_status_str(st));
    else if (rename(merged, out) != 0)
        st = give(errmsg, MINUTES_IO_ERROR, "cannot move the merged index to '%s': %s", out,
                  strerror(errno));
    else
        sync_parent(out);
    free(msg);
    remove_tree(work);
    free(merged);
    free(work);
    return st;
}

minutes_status
minutes_merge(const char *out, const char *const *indexes, size_t count,
              void (*progress)(void *ctx, const char *what), void *ctx, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (!out || !*out || !indexes || !count)
        return give(errmsg, MINUTES_BAD_ARGUMENT, "no index to merge, or nowhere to merge it");
    for (size_t i = 0; i < count; i++)
        if (!indexes[i] || !*indexes[i])
            return give(errmsg, MINUTES_BAD_ARGUMENT, "an index to merge has no path");
    char *origins = NULL;
    minutes_status st = check_out(out, errmsg);
    if (st == MINUTES_OK)
        st = check_inputs(indexes, count, &origins, errmsg);
    if (st == MINUTES_OK)
        st = merge_beside(out, indexes, count, origins, progress, ctx, errmsg);
    free(origins);
    return st;
}
