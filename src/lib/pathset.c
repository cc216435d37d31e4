/* pathset.c - a set of path strings (open addressing), for the files a run has seen. */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "indexer.h"

static size_t
slot_of(const pathset *set, const char *path)
{
    size_t i = (size_t)hash_fnv1a(path, strlen(path), HASH_FNV1A_BASIS) & (set->cap - 1);
    while (set->slots[i] && strcmp(set->slots[i], path) != 0)
        i = (i + 1) & (set->cap - 1);
    return i;
}

static minutes_status
grow(pathset *set)
{
    pathset bigger = {NULL, set->cap ? set->cap * 2 : 256, 0};
    bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
    if (!bigger.slots)
        return MINUTES_NO_MEMORY;
    for (size_t i = 0; i < set->cap; i++) {
        if (set->slots[i]) {
            bigger.slots[slot_of(&bigger, set->slots[i])] = set->slots[i];
            bigger.count++;
        }
    }
    free(set->slots);
    *set = bigger;
    return MINUTES_OK;
}

minutes_status
pathset_add(pathset *set, const char *path, const char **stored)
{
    if (stored)
        *stored = NULL;
    /* Kept at most half full, so that probing stays short. */
    if ((set->count + 1) * 2 > set->cap && grow(set) != MINUTES_OK)
        return MINUTES_NO_MEMORY;
    size_t i = slot_of(set, path);
    if (set->slots[i])
        return MINUTES_OK;
    if (!(set->slots[i] = strdup(path)))
        return MINUTES_NO_MEMORY;
    set->count++;
    if (stored)
        *stored = set->slots[i];
    return MINUTES_OK;
}

int
pathset_contains(const pathset *set, const char *path)
{
    return set->cap && set->slots[slot_of(set, path)] != NULL;
}

void
pathset_release(pathset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slots[i]);
    free(set->slots);
    memset(set, 0, sizeof *set);
}
