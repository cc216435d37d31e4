/* filestate.h - what the index remembers about each file it has read, so that the next run
 * can tell what changed.
 *
 * Every file the indexer has met has a record in the index's user metadata, under the key
 * "minutes:file:" + its canonical path (or "minutes:file:#" + a hash of the path when that
 * would be too long for a key): its size, modification time, content hash, the signature of
 * its sidecars, its paragraph and section counts, whether it failed (and why) and its path,
 * in a compact form of their own (filestate.c) that keeps a path's bytes as they are, UTF-8
 * or not. Records live in the same database as the paragraphs and are written in the same
 * transaction, so they always agree; and being per-file entries of the index, they survive
 * merging shards that indexed different files.
 */
#ifndef MINUTES_FILESTATE_H
#define MINUTES_FILESTATE_H

#include <stdint.h>
#include <sys/stat.h>

#include "db.h"

#define FILESTATE_KEY_PREFIX "minutes:file:"

typedef struct filestate {
    char *path; /* canonical path (malloc'd) */
    long long size;
    long long mtime_ns; /* modification time, nanoseconds since the epoch */
    uint64_t hash;      /* of the decoded text */
    uint64_t sidecars;  /* signature of the sidecar files' sizes and times */
    unsigned long paragraphs;
    unsigned sections; /* section records written for it (schema_section_key 0..n-1) */
    int failed;   /* the last attempt failed; `reason` says why */
    char *reason; /* malloc'd or NULL */
} filestate;

/* Free the strings of a record and zero it. */
void filestate_release(filestate *fs);

/* The record of `path`: MINUTES_OK with *found set (0 if the index has none); or an
 * index error (the message on db). */
minutes_status filestate_load(minutes_db *db, const char *path, filestate *out, int *found);

/* Write (or with `fs` NULL, delete) the record of `path`; inside the caller's transaction. */
minutes_status filestate_store(minutes_db *db, const char *path, const filestate *fs);

/* Call `fn` with the path of every record whose path starts with `prefix` ("" for all),
 * until it returns nonzero. The path lives only during the call. */
minutes_status filestate_each(minutes_db *db, const char *prefix,
                              int (*fn)(void *ctx, const char *path), void *ctx);

/* The size and time of a file as the record keeps them. */
void filestate_from_stat(filestate *fs, const struct stat *st);

#endif /* MINUTES_FILESTATE_H */
