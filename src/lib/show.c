/* show.c - one paragraph by its id, with the paragraphs around it in its file. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"
#include "schema.h"

/* Parse "FILEID:ORDINAL". */
static int
parse_id(const char *id, char file_id[SCHEMA_FILE_ID_SIZE], unsigned *ordinal)
{
    const char *colon = strchr(id, ':');
    if (!colon || colon - id != SCHEMA_FILE_ID_SIZE - 1)
        return 0;
    for (const char *p = id; p < colon; p++)
        if (!isxdigit((unsigned char)*p))
            return 0;
    char *end;
    unsigned long n = strtoul(colon + 1, &end, 10);
    if (!isdigit((unsigned char)colon[1]) || *end || n == 0 || n > 0xFFFFFFFFul)
        return 0;
    memcpy(file_id, id, SCHEMA_FILE_ID_SIZE - 1);
    file_id[SCHEMA_FILE_ID_SIZE - 1] = '\0';
    for (char *p = file_id; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    *ordinal = (unsigned)n;
    return 1;
}

/* The stored data of the document indexed by `term`, decoded into `hit`; *found = 0 if none. */
static minutes_status
load_hit(minutes_db *db, const char *term, minutes_hit *hit, int *found)
{
    char *data = NULL;
    size_t len = 0;
    minutes_status st = xap_db_get_data_by_term(db->xap, term, &data, &len, found);
    if (st != MINUTES_OK)
        return db_fail_xap(db, st);
    if (*found)
        st = results_decode_hit(db, data, len, hit);
    free(data);
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
    char file_id[SCHEMA_FILE_ID_SIZE];
    unsigned ordinal;
    if (!parse_id(id, file_id, &ordinal))
        return db_fail(db, MINUTES_BAD_ARGUMENT,
                       "invalid paragraph id '%s' (ids look like 0123456789ab:42)", id);
    minutes_status st = MINUTES_OK;
    unsigned first = ordinal > context ? ordinal - (unsigned)context : 1;
    size_t cap = (size_t)(ordinal - first) + context + 1;
    minutes_results *res = calloc(1, sizeof *res);
    if (!res || !(res->hits = calloc(cap, sizeof *res->hits))) {
        free(res);
        return db_fail(db, MINUTES_NO_MEMORY, "out of memory");
    }
    int have_target = 0;
    for (unsigned n = first; st == MINUTES_OK && res->size < cap; n++) {
        char term[SCHEMA_TERM_MAX];
        int found = 0;
        schema_id_term(term, file_id, n);
        minutes_hit *hit = &res->hits[res->size];
        st = load_hit(db, term, hit, &found);
        if (st != MINUTES_OK || (!found && n > ordinal))
            break; /* past the end of the file */
        if (!found)
            continue; /* before the paragraph: the file may start later */
        hit->rank = res->size + 1;
        if (n == ordinal) {
            *target = res->size;
            have_target = 1;
        }
        res->size++;
    }
    if (st != MINUTES_OK || !have_target) {
        minutes_results_destroy(res);
        return st;
    }
    *out = res;
    return MINUTES_OK;
}
