/* db.h - the database handle shared by the library's modules, and how they report errors. */
#ifndef MINUTES_DB_H
#define MINUTES_DB_H

#include "minutes.h"
#include "xap.h"

struct minutes_db {
    xap_db *xap;
    char *path;
    minutes_db_mode mode;
    char *errmsg;  /* last failure, malloc'd; NULL means none */
    int writer_fd; /* holds the writer's lock (db.c); -1 when read-only */
};

/* Record a failure message on db (printf-style) and return `status`. */
minutes_status db_fail(minutes_db *db, minutes_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Record the shim's message for a failed call and return `status` unchanged. */
minutes_status db_fail_xap(minutes_db *db, minutes_status status);

/* Close the Xapian database under a writable handle, keeping the writer's own lock, so
 * that its files can be replaced (workers.c); db_reopen opens it again. */
minutes_status db_suspend(minutes_db *db);
minutes_status db_reopen(minutes_db *db);

/* Call read(db, ctx), and again on the index's latest commit, reopened, for as long as it
 * fails with MINUTES_MODIFIED (a writer committed twice while it read), a few times at
 * most. `read` starts from scratch each time: it must free what a failed try made. */
minutes_status db_read_retrying(minutes_db *db, minutes_status (*read)(minutes_db *db, void *ctx),
                                void *ctx);

/* Forget the last failure (called on entry to public functions). */
void db_clear_error(minutes_db *db);

#endif /* MINUTES_DB_H */
