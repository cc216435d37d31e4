/* arena.h - a bump allocator for per-document memory, released in one go.
 *
 * The indexer reads, segments and indexes one document at a time; everything it allocates
 * for that document comes from an arena that is reset afterwards, so memory stays flat
 * however many documents a run indexes. Allocations are 16-byte aligned.
 */
#ifndef MINUTES_ARENA_H
#define MINUTES_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head; /* block being filled; older blocks follow */
    size_t block_size; /* size of ordinary blocks; larger requests get their own block */
} arena;

/* Prepare an empty arena (no memory is taken until the first allocation). */
void arena_init(arena *a, size_t block_size);

/* Free everything the arena holds. */
void arena_release(arena *a);

/* Forget all allocations but keep one block for reuse. */
void arena_reset(arena *a);

/* `size` bytes, or NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);

/* A NUL-terminated copy of `len` bytes of `s`, or NULL when out of memory. */
char *arena_strndup(arena *a, const char *s, size_t len);

#endif /* MINUTES_ARENA_H */
