/* scratch.h - a unit test's scratch directory under /tmp, and an index created in it.
 *
 * A test's setup calls scratch_make("name") for /tmp/minutes-test-name-XXXXXX, and may open
 * a new index in it with scratch_index(); its teardown calls scratch_remove(), which also
 * removes what a test made unreadable. Header-only: each test program has its own directory.
 */
#ifndef MINUTES_TEST_SCRATCH_H
#define MINUTES_TEST_SCRATCH_H

#include <stdio.h>
#include <stdlib.h>

#include "minutes.h"

static char scratch_dir[64];

/* Make the directory; 0, or -1 on failure. */
static inline int
scratch_make(const char *name)
{
    snprintf(scratch_dir, sizeof scratch_dir, "/tmp/minutes-test-%s-XXXXXX", name);
    return mkdtemp(scratch_dir) ? 0 : -1;
}

/* Create the index scratch_dir/index: a handle the caller closes, or NULL. */
static inline minutes_db *
scratch_index(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/index", scratch_dir);
    minutes_db *db;
    char *err = NULL;
    if (minutes_db_open(path, MINUTES_DB_CREATE, &db, &err) != MINUTES_OK) {
        free(err);
        return NULL;
    }
    return db;
}

/* Remove the directory and all in it; 0, or -1 on failure. */
static inline int
scratch_remove(void)
{
    char cmd[2 * sizeof scratch_dir + 48];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", scratch_dir, scratch_dir);
    return system(cmd) == 0 ? 0 : -1;
}

#endif /* MINUTES_TEST_SCRATCH_H */
