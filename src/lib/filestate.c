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

/* ---- the record ---------------------------------------------------------------------------
 *
 * The numbers in this order, then the reason, each ended by the unit separator (0x1F), then
 * the path, to the end: a path is bytes, any but NUL, and comes back exactly as it went in.
 * Not JSON: JSON strings are UTF-8, so a file whose name was in another encoding could have
 * no record, and the run that met it stopped. A reason is a message of this program's; a
 * separator in it (which none holds) becomes a space. */
#define SEP "\x1f"
#define RECORD_SEPARATOR '\x1f'

static char *
encode(const char *path, const filestate *fs)
{
    const char *reason = fs->reason ? fs->reason : "";
    /* seven numbers of at most 20 digits and a sign, each with its separator */
    size_t n = 7 * 22 + strlen(reason) + 1 + strlen(path) + 1;
    char *record = malloc(n);
    if (!record)
        return NULL;
    int len = snprintf(record, n,
                       "%lld" SEP "%lld" SEP "%016" PRIx64 SEP "%016" PRIx64 SEP "%lu" SEP "%u" SEP
                       "%d" SEP,
                       fs->size, fs->mtime_ns, fs->hash, fs->sidecars, fs->paragraphs,
                       fs->sections, fs->failed ? 1 : 0);
    char *out = record + len;
    for (const char *p = reason; *p; p++)
        *out++ = *p == RECORD_SEPARATOR ? ' ' : *p;
    *out++ = RECORD_SEPARATOR;
    strcpy(out, path);
    return record;
}

/* The number in the field at *p, which must end at its separator before `end`: signed
 * decimal (sizes and times), else unsigned in `base`; *p moves past the separator. 0 if
 * there is no such field. */
static int
take_number(const char **p, const char *end, int base, int is_signed, long long *value)
{
    const char *sep = memchr(*p, RECORD_SEPARATOR, (size_t)(end - *p));
    char *stop;
    if (!sep || sep == *p || (!is_signed && **p == '-'))
        return 0;
    if (is_signed)
        *value = strtoll(*p, &stop, 10);
    else
        *value = (long long)strtoull(*p, &stop, base);
    if (stop != sep)
        return 0;
    *p = sep + 1;
    return 1;
}

static int
decode_fields(const char *value, size_t len, filestate *out)
{
    enum { SIZE, MTIME, HASH, SIDECARS, PARAGRAPHS, SECTIONS, FAILED, NUMBERS };
    static const int base[NUMBERS] = {10, 10, 16, 16, 10, 10, 10};
    const char *p = value, *end = value + len;
    long long n[NUMBERS];
    for (int i = 0; i < NUMBERS; i++)
        if (!take_number(&p, end, base[i], i == SIZE || i == MTIME, &n[i]))
            return 0;
    const char *sep = memchr(p, RECORD_SEPARATOR, (size_t)(end - p));
    if (!sep || sep + 1 == end)
        return 0; /* every record has its path */
    memset(out, 0, sizeof *out);
    out->size = n[SIZE];
    out->mtime_ns = n[MTIME];
    out->hash = (uint64_t)n[HASH];
    out->sidecars = (uint64_t)n[SIDECARS];
    out->paragraphs = (unsigned long)n[PARAGRAPHS];
    out->sections = n[SECTIONS] < 1000000 ? (unsigned)n[SECTIONS] : 0;
    out->failed = n[FAILED] != 0;
    out->reason = sep > p ? strndup(p, (size_t)(sep - p)) : NULL;
    out->path = strndup(sep + 1, (size_t)(end - sep - 1));
    if (!out->path || (sep > p && !out->reason)) {
        filestate_release(out);
        return 0;
    }
    return 1;
}

/* A record as earlier versions wrote it: a JSON object. */
static int
decode_json(const char *value, size_t len, filestate *out)
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

/* The record in `value`, in either form; 0 if it is neither (or out of memory). */
static int
decode(const char *value, size_t len, filestate *out)
{
    if (len && value[0] == '{')
        return decode_json(value, len, out);
    return decode_fields(value, len, out);
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
        return db_fail(db, MINUTES_NO_MEMORY, "out of memory recording '%s'", path);
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
