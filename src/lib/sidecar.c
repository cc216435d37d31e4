/* sidecar.c - reading NAME.meta.json and minutes.json beside a document (see sidecar.h). */
#include "sidecar.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

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

static const char *
arena_printf_warning(arena *a, const char *file, const char *what)
{
    size_t n = strlen(file) + strlen(what) + 32;
    char *s = arena_alloc(a, n);
    if (s)
        snprintf(s, n, "sidecar '%s': %s", file, what);
    return s;
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
    json_error_t error;
    FILE *f = fopen(file, "rb");
    if (!f)
        return 0; /* no sidecar: nothing to say */
    json_t *obj = json_loadf(f, JSON_REJECT_DUPLICATES, &error);
    fclose(f);
    if (!json_is_object(obj)) {
        char what[256];
        if (obj)
            snprintf(what, sizeof what, "not a JSON object");
        else
            snprintf(what, sizeof what, "line %d: %s", error.line, error.text);
        json_decref(obj);
        *warning = arena_printf_warning(a, file, what);
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
                *warning = arena_printf_warning(a, file, why);
                continue;
            }
            *(const char **)((char *)out + sidecar_keys[k].offset) = value;
            set++;
        }
    }
    json_decref(obj);
    return set;
}

int
sidecar_load(arena *a, const char *path, para_meeting *out, const char **warning)
{
    memset(out, 0, sizeof *out);
    *warning = NULL;
    size_t len = strlen(path);
    char *file = arena_alloc(a, len + sizeof "/minutes.json" + sizeof ".meta.json");
    if (!file)
        return 0;

    int set = 0;
    /* The directory's defaults first, so that the document's own sidecar wins. */
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) : 0;
    snprintf(file, len + sizeof "/minutes.json", "%.*s%sminutes.json", (int)dir_len, path,
             slash ? "/" : "");
    set += apply_file(a, file, out, warning) > 0;

    snprintf(file, len + sizeof ".meta.json", "%s.meta.json", path);
    int own = apply_file(a, file, out, warning);
    if (own == 0) {
        /* NAME without its extension: minutes.txt -> minutes.meta.json */
        const char *dot = strrchr(path, '.');
        if (dot && (!slash || dot > slash + 1)) {
            snprintf(file, len + sizeof ".meta.json", "%.*s.meta.json", (int)(dot - path), path);
            own = apply_file(a, file, out, warning);
        }
    }
    set += own > 0;
    if (out->board)
        out->board_id = meta_name_id(a, out->board, strlen(out->board));
    return set > 0;
}
