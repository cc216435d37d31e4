/* pathset.c - the set of files a run has seen, kept as fingerprints of their paths (two
 * 64-bit hashes) in an open-addressing table: 32 to 64 bytes a file, where the paths
 * themselves would take several times that, so that a run over a million files holds tens
 * of megabytes, not hundreds. Two different paths taken for one another - a file passed
 * over, or a deleted file kept - would need both hashes to collide at once; FNV-1a is not
 * meant to resist paths made to collide, only ordinary ones. */
#include "pathset.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

/* Two FNV-1a hashes: of the path, and of the path hashed again from where the first ended,
 * so that two paths whose first hashes collide still differ in the second. The second is
 * never 0, which marks an empty slot. */
static pathset_entry
fingerprint(const char *path)
{
    size_t len = strlen(path);
    pathset_entry e;
    e.h1 = hash_fnv1a(path, len, HASH_FNV1A_BASIS);
    e.h2 = hash_fnv1a(path, len, e.h1) | 1;
    return e;
}

static size_t
slot_of(const pathset *set, pathset_entry e)
{
    size_t i = (size_t)e.h1 & (set->cap - 1);
    while (set->slots[i].h2 && (set->slots[i].h1 != e.h1 || set->slots[i].h2 != e.h2))
        i = (i + 1) & (set->cap - 1);
    return i;
}

static minutes_status
grow(pathset *set)
{
    pathset bigger = {NULL, set->cap ? set->cap * 2 : 1024, 0};
    bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
    if (!bigger.slots)
        return MINUTES_NO_MEMORY;
    for (size_t i = 0; i < set->cap; i++) {
        if (set->slots[i].h2) {
            bigger.slots[slot_of(&bigger, set->slots[i])] = set->slots[i];
            bigger.count++;
        }
    }
    free(set->slots);
    *set = bigger;
    return MINUTES_OK;
}

minutes_status
pathset_add(pathset *set, const char *path, int *added)
{
    *added = 0;
    /* Kept at most half full, so that probing stays short. */
    if ((set->count + 1) * 2 > set->cap && grow(set) != MINUTES_OK)
        return MINUTES_NO_MEMORY;
    pathset_entry e = fingerprint(path);
    size_t i = slot_of(set, e);
    if (set->slots[i].h2)
        return MINUTES_OK;
    set->slots[i] = e;
    set->count++;
    *added = 1;
    return MINUTES_OK;
}

int
pathset_contains(const pathset *set, const char *path)
{
    return set->cap && set->slots[slot_of(set, fingerprint(path))].h2 != 0;
}

void
pathset_release(pathset *set)
{
    free(set->slots);
    memset(set, 0, sizeof *set);
}
