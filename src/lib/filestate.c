/* filestate.c - the per-file records of the index (see filestate.h). */
#include "filestate.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "schema.h"

void
filestate_release(filestate *fs)
{
    free(fs->path);
    free(fs->reason);
    memset(fs, 0, sizeof *fs);
}

void
filestate_from_stat(filestate *fs, const struct stat *st)
{
    fs->size = (long long)st->st_size;
    fs->mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* The metadata key of `path`: the path itself when it fits, else its hash. */
static void
state_key(char *buf, size_t size, const char *path)
{
    size_t room = SCHEMA_TERM_MAX - sizeof FILESTATE_KEY_PREFIX;
    if (strlen(path) < room)
        snprintf(buf, size, "%s%s", FILESTATE_KEY_PREFIX, path);
    else
        snprintf(buf, size, "%s#%016" PRIx64, FILESTATE_KEY_PREFIX,
                 hash_fnv1a(path, strlen(path), HASH_FNV1A_BASIS));
}

static char *
encode(const char *path, const filestate *fs)
{
    char hash[17], sidecars[17];
    snprintf(hash, sizeof hash, "%016" PRIx64, fs->hash);
    snprintf(sidecars, sizeof sidecars, "%016" PRIx64, fs->sidecars);
    json_t *obj =
        json_pack("{s:s, s:I, s:I, s:s, s:s, s:I, s:I, s:b}", "path", path, "size",
                  (json_int_t)fs->size, "mtime_ns", (json_int_t)fs->mtime_ns, "hash", hash,
                  "sidecars", sidecars, "paragraphs", (json_int_t)fs->paragraphs, "sections",
                  (json_int_t)fs->sections, "failed", fs->failed);
    if (!obj)
        return NULL;
    if (fs->reason)
        json_object_set_new(obj, "reason", json_string(fs->reason));
    char *s = json_dumps(obj, JSON_COMPACT);
    json_decref(obj);
    return s;
}

static int
decode(const char *value, size_t len, filestate *out)
{
    json_error_t error;
    json_t *obj = json_loadb(value, len, 0, &error);
    const char *path = NULL, *hash = "0", *sidecars = "0", *reason = NULL;
    json_int_t size = 0, mtime = 0, paragraphs = 0, sections = 0;
    int failed = 0;
    if (!obj || json_unpack(obj, "{s:s, s:I, s:I, s?s, s?s, s?I, s?I, s?b, s?s}", "path", &path,
                            "size", &size, "mtime_ns", &mtime, "hash", &hash, "sidecars",
                            &sidecars, "paragraphs", &paragraphs, "sections", &sections, "failed",
                            &failed, "reason", &reason) != 0) {
        json_decref(obj);
        return 0;
    }
    memset(out, 0, sizeof *out);
    out->path = strdup(path);
    out->reason = reason ? strdup(reason) : NULL;
    out->size = size;
    out->mtime_ns = mtime;
    out->hash = strtoull(hash, NULL, 16);
    out->sidecars = strtoull(sidecars, NULL, 16);
    out->paragraphs = (unsigned long)paragraphs;
    out->sections = sections > 0 && sections < 1000000 ? (unsigned)sections : 0;
    out->failed = failed;
    json_decref(obj);
    return out->path != NULL;
}

minutes_status
filestate_load(minutes_db *db, const char *path, filestate *out, int *found)
{
    char key[SCHEMA_TERM_MAX + 32];
    char *value = NULL;
    *found = 0;
    memset(out, 0, sizeof *out);
    state_key(key, sizeof key, path);
    minutes_status st = xap_db_get_metadata(db->xap, key, &value);
    if (st != MINUTES_OK)
        return db_fail_xap(db, st);
    /* A record that does not parse, or is for another path with the same hash, is as good
     * as none: the file is read again. */
    if (*value && decode(value, strlen(value), out)) {
        if (strcmp(out->path, path) == 0)
            *found = 1;
        else
            filestate_release(out);
    }
    free(value);
    return MINUTES_OK;
}

minutes_status
filestate_store(minutes_db *db, const char *path, const filestate *fs)
{
    char key[SCHEMA_TERM_MAX + 32];
    state_key(key, sizeof key, path);
    char *value = fs ? encode(path, fs) : NULL;
    if (fs && !value)
        return db_fail(db, MINUTES_NO_MEMORY, "out of memory");
    minutes_status st = xap_db_set_metadata(db->xap, key, value ? value : "");
    free(value);
    return st == MINUTES_OK ? st : db_fail_xap(db, st);
}

typedef struct each_state {
    const char *prefix;
    int (*fn)(void *ctx, const char *path);
    void *ctx;
} each_state;

/* A record keyed by its path: the path is in the key, so its value is not needed. */
static int
each_path_key(void *ctx, const char *key)
{
    each_state *e = ctx;
    const char *path = key + sizeof FILESTATE_KEY_PREFIX - 1;
    if (*path == '#') /* keyed by hash: the second pass */
        return 0;
    return strncmp(path, e->prefix, strlen(e->prefix)) == 0 && e->fn(e->ctx, path);
}

/* A record keyed by the hash of its path: the path is in the value. */
static int
each_record(void *ctx, const char *key, const char *value, size_t len)
{
    each_state *e = ctx;
    filestate fs;
    (void)key;
    if (!decode(value, len, &fs))
        return 0;
    int stop = strncmp(fs.path, e->prefix, strlen(e->prefix)) == 0 && e->fn(e->ctx, fs.path);
    filestate_release(&fs);
    return stop;
}

minutes_status
filestate_each(minutes_db *db, const char *prefix, int (*fn)(void *ctx, const char *path),
               void *ctx)
{
    char key[SCHEMA_TERM_MAX + 32];
    each_state e = {prefix, fn, ctx};
    /* Records keyed by path are found by prefix; those keyed by hash are all checked. */
    minutes_status st = MINUTES_OK;
    if (strlen(prefix) < SCHEMA_TERM_MAX - sizeof FILESTATE_KEY_PREFIX) {
        snprintf(key, sizeof key, "%s%s", FILESTATE_KEY_PREFIX, prefix);
        st = xap_db_each_metadata_key(db->xap, key, each_path_key, &e);
    }
    if (st == MINUTES_OK) {
        snprintf(key, sizeof key, "%s#", FILESTATE_KEY_PREFIX);
        st = xap_db_each_metadata(db->xap, key, each_record, &e);
    }
    return st == MINUTES_OK ? st : db_fail_xap(db, st);
}
