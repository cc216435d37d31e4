/* hash.h - the one hash the library uses: 64-bit FNV-1a, for file ids, over-long terms and
 * keys, content hashes and hash tables. Small and stable across builds, which is what ids
 * stored in an index need; not meant to resist deliberate collisions. */
#ifndef MINUTES_HASH_H
#define MINUTES_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV1A_BASIS 0xcbf29ce484222325ULL

/* The hash of `len` bytes, continuing from `h` (HASH_FNV1A_BASIS to start), so that hashing
 * pieces in turn equals hashing them joined. */
static inline uint64_t
hash_fnv1a(const void *bytes, size_t len, uint64_t h)
{
    const unsigned char *p = bytes;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#endif /* MINUTES_HASH_H */
