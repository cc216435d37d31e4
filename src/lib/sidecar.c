/* sidecar.c - reading NAME.meta.json and minutes.json beside a document (see sidecar.h). */
#include "sidecar.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdio.h"
#include "hash.h"
#include "meta.h"

/* Sidecars are a few lines; a larger file is not one. */
#define SIDECAR_MAX_BYTES (64 * 1024)

typedef struct sidecar_key {
    const char *names[3]; /* accepted spellings, NULL-terminated */
    size_t offset;        /* of the field in para_meeting */
} sidecar_key;

static const sidecar_key sidecar_keys[] = {
    {{"council", NULL, NULL}, offsetof(para_meeting, council)},
    {{"board", "committee", NULL}, offsetof(para_meeting, board)},
    {{"date", "meeting_date", NULL}, offsetof(para_meeting, date)},
    {{"doc_type", "document_type", NULL}, offsetof(para_meeting, doc_type)},
    {{"source_url", "url", NULL}, offsetof(para_meeting, source_url)},
};

/* Add "sidecar 'FILE': WHAT" to the warnings in *warning (in the arena), after those there,
 * so that every problem of a file's sidecars is told, not only the last. */
static void
add_warning(arena *a, const char **warning, const char *file, const char *what)
{
    const char *before = *warning ? *warning : "";
    size_t n = strlen(before) + strlen(file) + strlen(what) + 32;
    char *s = arena_alloc(a, n);
    if (s) {
        snprintf(s, n, "%s%ssidecar '%s': %s", before, *before ? "; " : "", file, what);
        *warning = s;
    }
}


/* Check and normalize one value; NULL (and *why set) if it cannot be used. */
static const char *
accept_value(arena *a, size_t offset, const char *value, const char **why)
{
    if (offset == offsetof(para_meeting, date)) {
        char date[11];
        if (!meta_find_date(value, strlen(value), date)) {
            *why = "\"date\" is not a date";
            return NULL;
        }
        return arena_strndup(a, date, 10);
    }
    if (offset == offsetof(para_meeting, doc_type) && !meta_in_vocabulary(meta_doc_types, value)) {
        *why = "unknown \"doc_type\"";
        return NULL;
    }
    return arena_strndup(a, value, strlen(value));
}

/* Apply the sidecar at `file` if it exists; returns fields set, or -1 if it was unusable. */
static int
apply_file(arena *a, const char *file, para_meeting *out, const char **warning)
{
    char what[256];
    size_t len = 0;
    char *bytes = fdio_read_small_file(file, SIDECAR_MAX_BYTES, &len, what, sizeof what);
    if (!bytes) {
        if (!*what)
            return 0; /* no sidecar */
        add_warning(a, warning, file, what);
        return -1;
    }
    json_error_t error;
    json_t *obj = json_loadb(bytes, len, JSON_REJECT_DUPLICATES, &error);
    free(bytes);
    if (!json_is_object(obj)) {
        if (obj)
            snprintf(what, sizeof what, "not a JSON object");
        else
            snprintf(what, sizeof what, "line %d: %s", error.line, error.text);
        json_decref(obj);
        add_warning(a, warning, file, what);
        return -1;
    }
    int set = 0;
    for (size_t k = 0; k < sizeof sidecar_keys / sizeof sidecar_keys[0]; k++) {
        for (const char *const *name = sidecar_keys[k].names; *name; name++) {
            json_t *v = json_object_get(obj, *name);
            if (!v || json_is_null(v))
                continue;
            const char *why = "values must be strings";
            const char *value = json_is_string(v) ? accept_value(a, sidecar_keys[k].offset,
                                                                 json_string_value(v), &why)
                                                  : NULL;
            if (!value) {
                add_warning(a, warning, file, why);
                continue;
            }
            *(const char **)((char *)out + sidecar_keys[k].offset) = value;
            set++;
        }
    }
    json_decref(obj);
    return set;
}

/* The sidecar files that may describe `path`, in the order they apply: the directory's
 * minutes.json, NAME.meta.json, and NAME without its extension + ".meta.json" (which is
 * used only when the first does not exist). Writes candidate `which` (0-2) into buf;
 * returns 0 when there is no such candidate (a name without an extension). */
static int
sidecar_file(const char *path, int which, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    switch (which) {
    case 0:
        snprintf(buf, size, "%.*s%sminutes.json", slash ? (int)(slash - path) : 0, path,
                 slash ? "/" : "");
        return 1;
    case 1: snprintf(buf, size, "%s.meta.json", path); return 1;
    case 2:
        if (!dot || (slash && dot <= slash + 1))
            return 0;
        snprintf(buf, size, "%.*s.meta.json", (int)(dot - path), path);
        return 1;
    }
    return 0;
}

int
sidecar_load(arena *a, const char *path, para_meeting *out, const char **warning)
{
    memset(out, 0, sizeof *out);
    *warning = NULL;
    size_t size = strlen(path) + sizeof "/minutes.json" + sizeof ".meta.json";
    char *file = arena_alloc(a, size);
    if (!file)
        return 0;

    /* The directory's defaults first, so that the document's own sidecar wins. */
    sidecar_file(path, 0, file, size);
    int set = apply_file(a, file, out, warning) > 0;
    sidecar_file(path, 1, file, size);
    int own = apply_file(a, file, out, warning);
    if (own == 0 && sidecar_file(path, 2, file, size))
        own = apply_file(a, file, out, warning);
    set += own > 0;
    if (out->board)
        out->board_id = meta_name_id(a, out->board, strlen(out->board));
    if (out->council)
        out->council_id = meta_name_id(a, out->council, strlen(out->council));
    return set > 0;
}

void
sidecar_cache_release(sidecar_cache *cache)
{
    free(cache->file);
    memset(cache, 0, sizeof *cache);
}

uint64_t
sidecar_signature(const char *path, sidecar_cache *cache)
{
    char file[PATH_MAX + 32];
    uint64_t h = HASH_FNV1A_BASIS;
    for (int which = 0; which < 3; which++) {
        struct stat st;
        long long parts[2] = {0, 0};
        int candidate = sidecar_file(path, which, file, sizeof file);
        /* The first candidate is the directory's file, which the cache keeps. */
        int shared = candidate && which == 0 && cache;
        int hit = shared && cache->file && strcmp(cache->file, file) == 0;
        if (hit) {
            memcpy(parts, cache->parts, sizeof parts);
        } else if (candidate && stat(file, &st) == 0) {
            parts[0] = (long long)st.st_size;
            parts[1] = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
        }
        if (shared && !hit) {
            free(cache->file);
            cache->file = strdup(file); /* no memory: no cache, still correct */
            memcpy(cache->parts, parts, sizeof parts);
        }
        h = hash_fnv1a(parts, sizeof parts, h);
    }
    return h;
}
