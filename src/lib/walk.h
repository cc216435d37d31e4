/* walk.h - finding the files of an indexing run: a path given, and the directories below it
 * walked recursively in name order (walk.c).
 *
 * The walk decides which paths are files to index - the paths given whatever their
 * extension, and below them the regular files of a format the reader knows, not hidden, and
 * symbolic links only to files inside the directory walked - and tells a visitor what it
 * finds. It knows nothing of the index: what is done with a file is the visitor's.
 */
#ifndef MINUTES_WALK_H
#define MINUTES_WALK_H

#include <sys/stat.h>

#include "db.h"

/* What the walk tells its caller; each callback gets `ctx` first. */
typedef struct walk_visitor {
    /* A regular file to index: `shown` as the walk named it, `path` its canonical path,
     * `st` its status. A status other than MINUTES_OK stops the walk and is returned. */
    minutes_status (*on_file)(void *ctx, const char *shown, const char *path,
                              const struct stat *st);
    /* A path that cannot be indexed (unreadable, dangling, not a regular file...), and why
     * (a static or short-lived string: copy it to keep it). */
    void (*on_skip)(void *ctx, const char *path, minutes_status status, const char *reason);
    /* A canonical path the walk could not look into (an unreadable directory, a path given
     * that is missing): what the index holds under it is not gone. A status other than
     * MINUTES_OK stops the walk and is returned. */
    minutes_status (*on_keep)(void *ctx, const char *path);
    void *ctx;
} walk_visitor;

/* Walk `path`, telling `visitor` of each file found, each path skipped and each path kept
 * (a path kept is also skipped). Returns MINUTES_OK (a path
 * that cannot be looked at is skipped, not an error), what a callback returned, or
 * MINUTES_NO_MEMORY with the message recorded on db. */
minutes_status walk_path(minutes_db *db, const char *path, const walk_visitor *visitor);

#endif /* MINUTES_WALK_H */
