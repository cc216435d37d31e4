/* facets.c - a query's facet counts: how many matching paragraphs, or with collapsing how
 * many meetings (or agenda items), have each board, item type, document type, year,
 * month and council, with the rest under an unknown value so that each facet adds up to the total. */
#include "facets.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "schema.h"

/* The facets, in the order minutes.h gives: counted from the date's slot, its value cut to
 * `prefix` bytes (the year and month), or from part `part` of the facets' slot. */
static const struct {
    const char *name;
    minutes_field field;
    unsigned slot;
    size_t prefix;
    int part;
} facets[] = {
    {"board_id", MINUTES_FIELD_BOARD_ID, SCHEMA_SLOT_FACETS, 0, SCHEMA_FACET_BOARD},
    {"item_type", MINUTES_FIELD_ITEM_TYPE, SCHEMA_SLOT_FACETS, 0, SCHEMA_FACET_ITEM_TYPE},
    {"doc_type", MINUTES_FIELD_DOC_TYPE, SCHEMA_SLOT_FACETS, 0, SCHEMA_FACET_DOC_TYPE},
    {"year", MINUTES_FIELD_DATE, SCHEMA_SLOT_DATE_DESC, 4, -1},
    {"month", MINUTES_FIELD_DATE, SCHEMA_SLOT_DATE_DESC, 7, -1},
    {"council", MINUTES_FIELD_COUNCIL, SCHEMA_SLOT_FACETS, 0, SCHEMA_FACET_COUNCIL},
};
#define N_FACETS (sizeof facets / sizeof *facets)

size_t
facets_slots(unsigned slots[FACETS_MAX])
{
    size_t n = 0;
    for (size_t i = 0; i < N_FACETS; i++) {
        size_t j = 0;
        while (j < n && slots[j] != facets[i].slot) /* shared: the date's, the facets' */
            j++;
        if (j == n)
            slots[n++] = facets[i].slot;
    }
    return n;
}

/* One facet's counts as they are gathered: values in ascending order, equal ones (after
 * cutting) added together. */
typedef struct tally {
    size_t facet;
    size_t first;      /* where this facet's counts start in res->facets */
    unsigned long sum; /* of the counts so far */
    minutes_results *res;
    minutes_status status;
} tally;

static int
tally_add(void *ctx, const char *value, size_t len, unsigned long count)
{
    tally *t = ctx;
    size_t prefix = facets[t->facet].prefix;
    if (prefix && len > prefix)
        len = prefix;
    minutes_results *res = t->res;
    minutes_facet *last = res->facet_count > t->first ? &res->facets[res->facet_count - 1] : NULL;
    t->sum += count;
    if (last && last->value && strlen(last->value) == len && memcmp(last->value, value, len) == 0) {
        last->count += count;
        return 0;
    }
    t->status =
        results_add_facet(res, facets[t->facet].name, facets[t->facet].field, value, len, count);
    return t->status != MINUTES_OK;
}

/* What has no value: the total less what the values add up to. */
static minutes_status
tally_unknown(tally *t, unsigned long total)
{
    if (total <= t->sum)
        return MINUTES_OK;
    return results_add_facet(t->res, facets[t->facet].name, facets[t->facet].field, NULL, 0,
                             total - t->sum);
}

/* ---- counting collapsed matches by their fields ---- */

typedef struct value_count {
    char *value;
    unsigned long count;
} value_count;

typedef struct value_counts {
    value_count *list;
    size_t count, cap;
} value_counts;

/* Add `n` to the count of the `len` bytes at `value`. */
static minutes_status
count_bytes(value_counts *vc, const char *value, size_t len, unsigned long n)
{
    for (size_t i = 0; i < vc->count; i++)
        if (strlen(vc->list[i].value) == len && memcmp(vc->list[i].value, value, len) == 0) {
            vc->list[i].count += n;
            return MINUTES_OK;
        }
    value_count *grown = array_room_for_one(vc->list, &vc->cap, vc->count, sizeof *grown);
    if (!grown)
        return MINUTES_NO_MEMORY;
    vc->list = grown;
    char *copy = strndup(value, len);
    if (!copy)
        return MINUTES_NO_MEMORY;
    vc->list[vc->count++] = (value_count){copy, n};
    return MINUTES_OK;
}

/* Count one more of `value`, cut to `prefix` bytes when that is not 0. */
static minutes_status
count_value(value_counts *vc, const char *value, size_t prefix)
{
    size_t len = strlen(value);
    if (prefix && len > prefix)
        len = prefix;
    return count_bytes(vc, value, len, 1);
}

static int
by_value(const void *a, const void *b)
{
    return strcmp(((const value_count *)a)->value, ((const value_count *)b)->value);
}

/* Count each match of `mset` under the values of its fields. */
static minutes_status
count_matches(minutes_db *db, const xap_mset *mset, value_counts *counts)
{
    section_cache sections = {0};
    minutes_status st = MINUTES_OK;
    size_t n = xap_mset_size(mset);
    for (size_t i = 0; i < n && st == MINUTES_OK; i++) {
        xap_match m;
        minutes_hit hit;
        if ((st = xap_mset_get(mset, i, &m)) != MINUTES_OK) {
            st = db_fail_xap(db, st);
            break;
        }
        if ((st = results_decode_hit(db, &sections, m.data, m.data_len, &hit)) != MINUTES_OK)
            break;
        for (size_t f = 0; f < N_FACETS && st == MINUTES_OK; f++) {
            const char *value = hit.values[facets[f].field];
            if (value)
                st = count_value(&counts[f], value, facets[f].prefix);
        }
        results_release_hit(&hit);
        if (st == MINUTES_NO_MEMORY)
            st = db_fail(db, st, "out of memory");
    }
    section_cache_release(&sections);
    return st;
}

/* Tally facet f from the counts in vc (sorted here), then its unknown group; frees vc. */
static minutes_status
tally_counts(minutes_results *res, size_t f, value_counts *vc, unsigned long total,
             minutes_status st)
{
    if (vc->count) /* qsort wants an array, even of nothing */
        qsort(vc->list, vc->count, sizeof *vc->list, by_value);
    tally t = {f, res->facet_count, 0, res, st};
    for (size_t i = 0; i < vc->count && t.status == MINUTES_OK; i++)
        tally_add(&t, vc->list[i].value, strlen(vc->list[i].value), vc->list[i].count);
    if (t.status == MINUTES_OK)
        t.status = tally_unknown(&t, total);
    for (size_t i = 0; i < vc->count; i++)
        free(vc->list[i].value);
    free(vc->list);
    return t.status;
}

/* One part of the facets' slot counted from its values (combinations of all four parts). */
typedef struct part_counts {
    int part;
    value_counts counts;
    minutes_status status;
} part_counts;

static int
count_part(void *ctx, const char *value, size_t len, unsigned long count)
{
    part_counts *pc = ctx;
    size_t part_len;
    const char *part = schema_facet_part(value, len, pc->part, &part_len);
    if (part_len) /* an unknown part is counted as the rest, by tally_unknown */
        pc->status = count_bytes(&pc->counts, part, part_len, count);
    return pc->status != MINUTES_OK;
}

minutes_status
facets_from_counts(minutes_db *db, const xap_mset *mset, unsigned long total, minutes_results *res)
{
    for (size_t i = 0; i < N_FACETS; i++) {
        minutes_status st;
        if (facets[i].part < 0) {
            tally t = {i, res->facet_count, 0, res, MINUTES_OK};
            st = xap_mset_each_count(mset, facets[i].slot, tally_add, &t);
            if (st != MINUTES_OK)
                return db_fail_xap(db, st);
            st = t.status == MINUTES_OK ? tally_unknown(&t, total) : t.status;
        } else {
            part_counts pc = {facets[i].part, {NULL, 0, 0}, MINUTES_OK};
            st = xap_mset_each_count(mset, facets[i].slot, count_part, &pc);
            if (st != MINUTES_OK) {
                tally_counts(res, i, &pc.counts, 0, st); /* frees them */
                return db_fail_xap(db, st);
            }
            st = tally_counts(res, i, &pc.counts, total, pc.status);
        }
        if (st != MINUTES_OK)
            return db_fail(db, st, "out of memory");
    }
    return MINUTES_OK;
}

minutes_status
facets_from_matches(minutes_db *db, const xap_mset *mset, minutes_results *res)
{
    value_counts counts[N_FACETS];
    memset(counts, 0, sizeof counts);
    minutes_status st = count_matches(db, mset, counts);
    unsigned long total = xap_mset_size(mset);
    for (size_t f = 0; f < N_FACETS; f++) {
        minutes_status tallied = tally_counts(res, f, &counts[f], total, st);
        if (st == MINUTES_OK && tallied != MINUTES_OK)
            st = db_fail(db, tallied, "out of memory");
    }
    return st;
}
