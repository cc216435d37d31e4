/* walk.c - finding the files of an indexing run: the paths given, and directories walked
 * recursively in name order, each told to the visitor (see walk.h). */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path.h"
#include "strlist.h"
#include "read.h"

/* Deeper directory trees than this are not walked (a guard against runaway recursion). */
#define WALK_MAX_DEPTH 64

/* One walk of a path given. */
typedef struct walker {
    const walk_visitor *visitor;
    minutes_db *db; /* where the walk's own failures are recorded */
    char *top;      /* canonical path of the directory being walked, NULL for a file */
} walker;

static void
skip(walker *w, const char *path, minutes_status status, const char *reason)
{
    w->visitor->on_skip(w->visitor->ctx, path, status, reason);
}

static minutes_status
keep(walker *w, const char *path)
{
    return w->visitor->on_keep(w->visitor->ctx, path);
}

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

/* The entries of a directory, sorted so that runs are reproducible; hidden ones left out.
 * *fd_out is a descriptor of the directory to look its entries up by name, or -1. */
static minutes_status
list_directory(const char *path, strlist *names, int *fd_out)
{
    *fd_out = -1;
    DIR *dir = opendir(path);
    if (!dir)
        return MINUTES_UNREADABLE_FILE;
    minutes_status st = MINUTES_OK;
    struct dirent *ent;
    while (st == MINUTES_OK && (ent = readdir(dir)) != NULL)
        if (ent->d_name[0] != '.')
            st = strlist_add(names, ent->d_name, strlen(ent->d_name));
    if (names->count)
        *fd_out = fcntl(dirfd(dir), F_DUPFD_CLOEXEC, 0);
    closedir(dir);
    if (names->count)
        qsort(names->items, names->count, sizeof *names->items, compare_names);
    return st;
}

static minutes_status visit_entry(walker *w, const char *path, int dir_fd,
                                   const char *canonical_dir, const char *name, int depth,
                                   int named);

/* `canonical` is the directory's canonical path when its parent's is known and it is not a
 * link (its parent's with its name added), else NULL. */
static minutes_status
walk_directory(walker *w, const char *path, const char *canonical, int depth)
{
    if (depth > WALK_MAX_DEPTH) {
        skip(w, path, MINUTES_UNREADABLE_FILE, "directory nested too deeply");
        return MINUTES_OK;
    }
    strlist names = {0};
    int fd = -1;
    minutes_status st = list_directory(path, &names, &fd);
    if (st == MINUTES_UNREADABLE_FILE) {
        /* Not gone: what the index holds below it stays. */
        int err = errno;
        char *real = canonical ? NULL : realpath(path, NULL);
        const char *kept = canonical ? canonical : real;
        st = kept ? keep(w, kept) : MINUTES_OK;
        free(real);
        skip(w, path, MINUTES_UNREADABLE_FILE, strerror(err));
        return st;
    } else if (st != MINUTES_OK) {
        db_fail(w->db, st, "out of memory listing '%s'", path);
    }
    /* The directory's canonical path, found once (by realpath only where the walk starts or
     * follows a link): entries that are not links have it as their own with their name
     * added. realpath costs a readlink per path component, and was most of the time of a
     * run where nothing changed. */
    char *found = names.count && !canonical ? realpath(path, NULL) : NULL;
    if (found)
        canonical = found;
    for (size_t i = 0; st == MINUTES_OK && i < names.count; i++) {
        char *child = path_join(path, names.items[i]);
        if (!child) {
            st = db_fail(w->db, MINUTES_NO_MEMORY, "out of memory walking '%s'", path);
        } else {
            st = visit_entry(w, child, fd, canonical, names.items[i], depth + 1, 0);
            free(child);
        }
    }
    strlist_release(&names);
    free(found);
    if (fd >= 0)
        close(fd);
    return st;
}

/* A regular file: `st` is its status, `canonical` its canonical path if known, else NULL. */
static minutes_status
walk_file(walker *w, const char *path, const char *canonical, const struct stat *st)
{
    /* The canonical path identifies the file however it was named. */
    char *found = canonical ? NULL : realpath(path, NULL);
    if (!canonical && !found) {
        skip(w, path, MINUTES_UNREADABLE_FILE, stat_failure(path, errno));
        return MINUTES_OK;
    }
    minutes_status status =
        w->visitor->on_file(w->visitor->ctx, path, found ? found : canonical, st);
    free(found);
    return status;
}

/* A path the walk cannot look at: reported, and unless it is really gone (a path given that
 * is missing counts as not looked at), what the index holds under it is kept. */
static minutes_status
cannot_look(walker *w, const char *path, const char *canonical_dir, const char *name,
            int named, int err)
{
    minutes_status st = MINUTES_OK;
    if (named || err != ENOENT) {
        char *kept = canonical_dir ? path_join(canonical_dir, name) : path_canonical(path);
        st = kept ? keep(w, kept) : db_fail(w->db, MINUTES_NO_MEMORY, "out of memory");
        free(kept);
    }
    skip(w, path, MINUTES_UNREADABLE_FILE, stat_failure(path, err));
    return st;
}

/* Whether a symbolic link met in a walk leads to a file inside the directory walked: only
 * those are followed (as the file they name), so that the index holds nothing from outside
 * the paths given and removes what a link named once it is gone. */
static int
link_stays_inside(const walker *w, const char *path)
{
    if (!w->top)
        return 0;
    char *target = realpath(path, NULL);
    size_t n = strlen(w->top);
    int inside = target && strncmp(target, w->top, n) == 0 &&
                 (target[n] == '/' || (n && w->top[n - 1] == '/'));
    free(target);
    return inside;
}

/* `named` is true for a path the caller gave: it is indexed whatever its extension, and
 * followed wherever it leads if it is a symbolic link. `canonical_dir` is the canonical path
 * of the directory that has it, as `name`, and `dir_fd` (if not -1) a descriptor of that
 * directory, so that the kernel need not walk the whole path again; all three are NULL or -1
 * for a path the caller gave. */
static minutes_status
visit_entry(walker *w, const char *path, int dir_fd, const char *canonical_dir, const char *name,
            int depth, int named)
{
    struct stat lst, st;
    int by_name = dir_fd >= 0 && name;
    if ((by_name ? fstatat(dir_fd, name, &lst, AT_SYMLINK_NOFOLLOW) : lstat(path, &lst)) != 0)
        return cannot_look(w, path, canonical_dir, name, named, errno);
    int link = S_ISLNK(lst.st_mode);
    if (!link)
        st = lst;
    else if ((by_name ? fstatat(dir_fd, name, &st, 0) : stat(path, &st)) != 0) {
        int err = errno;
        /* A dangling link or a loop is the link's own trouble: nothing to keep for it. */
        if (err == ENOENT || err == ELOOP)
            skip(w, path, MINUTES_UNREADABLE_FILE, stat_failure(path, err));
        else
            return cannot_look(w, path, canonical_dir, name, named, err);
        return MINUTES_OK;
    }
    int dir = S_ISDIR(st.st_mode);
    if (dir && link && !named)
        return MINUTES_OK; /* links to directories are not followed in a walk: cycles */
    if (!dir && !S_ISREG(st.st_mode)) {
        if (named)
            skip(w, path, MINUTES_UNSUPPORTED_FILE, "not a regular file");
        return MINUTES_OK;
    }
    if (!dir && !named && !read_format_for_path(path, NULL))
        return MINUTES_OK;
    if (link && !named && !link_stays_inside(w, path))
        return MINUTES_OK;
    /* Below a known directory, an entry that is not a link has its canonical path too. */
    char *canonical = NULL;
    if (!link && canonical_dir && !(canonical = path_join(canonical_dir, name)))
        return db_fail(w->db, MINUTES_NO_MEMORY, "out of memory walking '%s'", path);
    minutes_status status = dir ? walk_directory(w, path, canonical, depth)
                                : walk_file(w, path, canonical, &st);
    free(canonical);
    return status;
}

minutes_status
walk_path(minutes_db *db, const char *path, const walk_visitor *visitor)
{
    struct stat st;
    walker w = {visitor, db, NULL};
    w.top = stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? realpath(path, NULL) : NULL;
    minutes_status status = visit_entry(&w, path, -1, NULL, NULL, 0, 1);
    free(w.top);
    return status;
}
