/* walk.c - finding the files of an indexing run: the paths given, and directories walked
 * recursively in name order. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "indexer.h"
#include "read.h"

/* Deeper directory trees than this are not walked (a guard against runaway recursion). */
#define WALK_MAX_DEPTH 64

/* Why a path cannot be looked at, in words a user can act on. */
static const char *
stat_failure(const char *path, int err)
{
    struct stat lst;
    if (err == ENOENT && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
        return "dangling symbolic link";
    if (err == ELOOP)
        return "symbolic link loop";
    return strerror(err);
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

static minutes_status walk_path(indexer *ix, const char *path, const char *canonical_dir,
                                 const char *name, int depth, int named);

static minutes_status
walk_directory(indexer *ix, const char *path, int depth)
{
    if (depth > WALK_MAX_DEPTH) {
        indexer_skip(ix, path, MINUTES_UNREADABLE_FILE, "directory nested too deeply");
        return MINUTES_OK;
    }
    char **names = NULL;
    size_t count = 0;
    minutes_status st = list_directory(path, &names, &count);
    if (st == MINUTES_UNREADABLE_FILE) {
        indexer_skip(ix, path, st, strerror(errno));
        st = MINUTES_OK;
    } else if (st != MINUTES_OK) {
        db_fail(ix->db, st, "out of memory listing '%s'", path);
    }
    /* The directory's canonical path, found once: its entries that are not links have it
     * as their own with their name added, with no realpath call for each (which costs a
     * readlink per path component, and most of the time of a run where nothing changed). */
    char *canonical = count ? realpath(path, NULL) : NULL;
    size_t len = strlen(path);
    int slash = len > 0 && path[len - 1] == '/';
    for (size_t i = 0; i < count; i++) {
        if (st == MINUTES_OK) {
            size_t n = len + strlen(names[i]) + 2;
            char *child = malloc(n);
            if (!child) {
                st = db_fail(ix->db, MINUTES_NO_MEMORY, "out of memory walking '%s'", path);
            } else {
                snprintf(child, n, "%s%s%s", path, slash ? "" : "/", names[i]);
                st = walk_path(ix, child, canonical, names[i], depth + 1, 0);
                free(child);
            }
        }
        free(names[i]);
    }
    free(names);
    free(canonical);
    return st;
}

/* A regular file: `st` is its status; `canonical_dir` (or NULL) the canonical path of its
 * directory when the file is not itself a link, and `name` its name there. */
static minutes_status
walk_file(indexer *ix, const char *path, const char *canonical_dir, const char *name,
          const struct stat *st)
{
    /* The canonical path identifies the file however it was named. */
    char *canonical;
    if (canonical_dir) {
        size_t n = strlen(canonical_dir) + strlen(name) + 2;
        if ((canonical = malloc(n)) != NULL)
            snprintf(canonical, n, "%s%s%s", canonical_dir,
                     strcmp(canonical_dir, "/") == 0 ? "" : "/", name);
        else
            return db_fail(ix->db, MINUTES_NO_MEMORY, "out of memory walking '%s'", path);
    } else if (!(canonical = realpath(path, NULL))) {
        indexer_skip(ix, path, MINUTES_UNREADABLE_FILE, stat_failure(path, errno));
        return MINUTES_OK;
    }
    minutes_status status = indexer_visit_file(ix, path, canonical, st);
    free(canonical);
    return status;
}

/* `named` is true for a path the caller gave: it is indexed whatever its extension, and
 * followed if it is a symbolic link to a directory. `canonical_dir` and `name` are as for
 * walk_file (both NULL for a path the caller gave). */
static minutes_status
walk_path(indexer *ix, const char *path, const char *canonical_dir, const char *name, int depth,
          int named)
{
    struct stat lst, st;
    if (lstat(path, &lst) != 0) {
        indexer_skip(ix, path, MINUTES_UNREADABLE_FILE, stat_failure(path, errno));
        return MINUTES_OK;
    }
    int link = S_ISLNK(lst.st_mode);
    if (!link)
        st = lst;
    else if (stat(path, &st) != 0) {
        indexer_skip(ix, path, MINUTES_UNREADABLE_FILE, stat_failure(path, errno));
        return MINUTES_OK;
    }
    if (S_ISDIR(st.st_mode)) {
        /* Links to directories are not followed inside a walk: they can make cycles. */
        if (link && !named)
            return MINUTES_OK;
        return walk_directory(ix, path, depth);
    }
    if (!S_ISREG(st.st_mode)) {
        if (named)
            indexer_skip(ix, path, MINUTES_UNSUPPORTED_FILE, "not a regular file");
        return MINUTES_OK;
    }
    if (!named && !read_format_for_path(path, NULL))
        return MINUTES_OK;
    return walk_file(ix, path, link ? NULL : canonical_dir, name, &st);
}

minutes_status
indexer_walk(indexer *ix, const char *path)
{
    return walk_path(ix, path, NULL, NULL, 0, 1);
}

char *
walk_root(const char *path)
{
    char *real = realpath(path, NULL);
    if (real)
        return real;
    /* Gone: the absolute path it had, without trailing slashes. */
    char cwd[PATH_MAX];
    size_t n = strlen(path) + (path[0] == '/' ? 1 : sizeof cwd + 1);
    char *abs = malloc(n);
    if (!abs)
        return NULL;
    if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
        snprintf(abs, n, "%s", path);
    else
        snprintf(abs, n, "%s/%s", cwd, path);
    for (size_t len = strlen(abs); len > 1 && abs[len - 1] == '/'; len--)
        abs[len - 1] = '\0';
    return abs;
}
