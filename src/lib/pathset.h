/* pathset.h - the set of files a run has seen, so that a file named twice is read once and
 * the files not seen can be removed: fingerprints of their canonical paths (pathset.c). */
#ifndef MINUTES_PATHSET_H
#define MINUTES_PATHSET_H

#include <stddef.h>
#include <stdint.h>

#include "minutes.h"

typedef struct pathset_entry {
    uint64_t h1, h2; /* h2 is never 0; 0 marks an empty slot */
} pathset_entry;

/* Caller-owned; all zeros is an empty set. */
typedef struct pathset {
    pathset_entry *slots; /* open addressing */
    size_t cap, count;
} pathset;

/* Add `path`; *added is 1 when it was not in the set, else 0. Returns MINUTES_OK or
 * MINUTES_NO_MEMORY (the set unchanged). */
minutes_status pathset_add(pathset *set, const char *path, int *added);

/* Whether `path` was added (or one with the same fingerprint: see pathset.c). */
int pathset_contains(const pathset *set, const char *path);

/* Free the set's memory and leave it empty. */
void pathset_release(pathset *set);

#endif /* MINUTES_PATHSET_H */
