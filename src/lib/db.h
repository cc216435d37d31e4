/* db.h - the database handle shared by the library's modules, and how they report errors. */
#ifndef MINUTES_DB_H
#define MINUTES_DB_H

#include "minutes.h"
#include "xap.h"

/* What a handle that reads several indexes does beyond one: shards.c gives it, so that db.c,
 * which every module calls, calls nothing of shards.c, which calls db.c. */
typedef struct shard_ops {
    void (*release)(minutes_db *db); /* free db->shards */
    /* after a read failed with `st`: see shards_recover in shards.h */
    minutes_status (*recover)(minutes_db *db, minutes_status st);
} shard_ops;

struct minutes_db {
    xap_db *xap;
    char *path;
    minutes_db_mode mode;
    char *errmsg;  /* last failure, malloc'd; NULL means none */
    int writer_fd; /* holds the writer's lock (db.c); -1 when read-only */
    char *origin;  /* the index's origin, mixed into its file ids (one index; NULL joined) */
    char **origins; /* every origin of the indexes read, for a path filter */
    size_t origin_count;
    struct shard_set *shards; /* several indexes read as one (shards.c); NULL for one */
    const shard_ops *shard_ops; /* with `shards` */
};

/* Check that the database `xap` (named `name` in messages) is an index of this format, and
 * read its origin into *origin (malloc'd; "" when it has none). On failure *errmsg (if not
 * NULL) is a malloc'd message naming it. */
minutes_status db_check_format(xap_db *xap, const char *name, char **origin, char **errmsg);

/* The id of the file at `path` in the index db writes (db->origin's). */
void db_file_id(const minutes_db *db, char *buf, const char *path);

/* Add `origin` to db->origins unless it is there; 0 when out of memory. */
int db_add_origin(minutes_db *db, const char *origin);

/* Add `primary` and the other origins whose files the database `xap` holds (a merged
 * index's, SCHEMA_ORIGINS_KEY) to db->origins. */
minutes_status db_add_origins_of(minutes_db *db, xap_db *xap, const char *primary);

/* The same with the other origins given, one a line (may be NULL). */
minutes_status db_add_origin_lines(minutes_db *db, const char *primary, const char *lines);

/* Free what db_add_origin gathered. */
void db_release_origins(minutes_db *db);

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
