/* show.c - one paragraph by its id, with the paragraphs around it in its file. */
#include <stdlib.h>
#include <string.h>

#include "results.h"
#include "schema.h"

/* What minutes_db_show reads: the paragraph `ordinal` of `file_id` and `context` around it. */
typedef struct show_read {
    char file_id[SCHEMA_FILE_ID_SIZE];
    unsigned ordinal;
    size_t context;
    minutes_results *res; /* the result, when found */
    size_t target;
} show_read;

/* One try at reading the paragraphs into s->res (NULL if the paragraph is not there). */
static minutes_status
read_paragraphs(minutes_db *db, void *ctx)
{
    show_read *s = ctx;
    minutes_results_destroy(s->res);
    s->res = NULL;
    unsigned first = s->ordinal > s->context ? s->ordinal - (unsigned)s->context : 1;
    size_t cap = (size_t)(s->ordinal - first) + s->context + 1;
    minutes_results *res = calloc(1, sizeof *res);
    if (!res || !(res->hits = calloc(cap, sizeof *res->hits))) {
        free(res);
        return db_fail(db, MINUTES_NO_MEMORY, "out of memory");
    }
    section_cache sections = {0};
    minutes_status st = MINUTES_OK;
    int have_target = 0;
    for (unsigned n = first; st == MINUTES_OK && res->size < cap; n++) {
        char term[SCHEMA_TERM_MAX];
        int found = 0;
        schema_id_term(term, s->file_id, n);
        minutes_hit *hit = &res->hits[res->size];
        st = results_load_hit(db, &sections, term, hit, &found);
        if (st != MINUTES_OK || (!found && n > s->ordinal))
            break; /* past the end of the file */
        if (!found)
            continue; /* before the paragraph: the file may start later */
        hit->rank = res->size + 1;
        if (n == s->ordinal) {
            s->target = res->size;
            have_target = 1;
        }
        res->size++;
    }
    section_cache_release(&sections);
    if (st != MINUTES_OK || !have_target)
        minutes_results_destroy(res);
    else
        s->res = res;
    return st;
}

minutes_status
minutes_db_show(minutes_db *db, const char *id, size_t context, minutes_results **out,
                size_t *target)
{
    if (!out || !target)
        return MINUTES_BAD_ARGUMENT;
    *out = NULL;
    *target = 0;
    if (!db || !id)
        return MINUTES_BAD_ARGUMENT;
    db_clear_error(db);
    show_read s = {.context = context};
    if (!schema_parse_id(id, s.file_id, &s.ordinal))
        return db_fail(db, MINUTES_BAD_ARGUMENT,
                       "invalid paragraph id '%s' (ids look like 0123456789ab:42)", id);
    minutes_status st = db_read_retrying(db, read_paragraphs, &s);
    if (st == MINUTES_OK && s.res) {
        *out = s.res;
        *target = s.target;
    }
    return st;
}
