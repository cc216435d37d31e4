/* array.h - room for one more item in a growable array: the library's one way of growing an
 * array of structures (strings have strlist.h, bytes bytebuf.h).
 *
 *     item *grown = array_room_for_one(list->items, &list->cap, list->count, sizeof *grown);
 *     if (!grown)
 *         return MINUTES_NO_MEMORY;
 *     list->items = grown;
 *     list->items[list->count++] = ...;
 */
#ifndef MINUTES_ARRAY_H
#define MINUTES_ARRAY_H

#include <stdint.h>
#include <stdlib.h>

/* `items`, an array of *cap items of `size` bytes with `count` in use, with room for one more:
 * itself, or a larger copy (the capacity doubles, from 16); NULL when out of memory, with
 * `items` and *cap left as they were. */
static inline void *
array_room_for_one(void *items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return items;
    size_t more = *cap ? *cap * 2 : 16;
    void *grown = more <= SIZE_MAX / size ? realloc(items, more * size) : NULL;
    if (grown)
        *cap = more;
    return grown;
}

#endif /* MINUTES_ARRAY_H */
