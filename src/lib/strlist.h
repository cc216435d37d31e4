/* strlist.h - a growable list of strings, each a malloc'd copy that the list owns.
 *
 * The library collects strings without knowing how many will come: the terms a filter
 * expands to, the paths a run keeps or finds gone, the entries of a directory. A strlist
 * holds them in an array that doubles as it fills. A zeroed strlist is empty and ready for
 * use; strlist_release() frees the strings and the array. Typical use:
 *
 *     strlist names = {0};
 *     if (strlist_add(&names, name, strlen(name)) != MINUTES_OK)
 *         ... out of memory
 *     for (size_t i = 0; i < names.count; i++)
 *         ... names.items[i]
 *     strlist_release(&names);
 */
#ifndef MINUTES_STRLIST_H
#define MINUTES_STRLIST_H

#include <stddef.h>

#include "minutes.h"

typedef struct strlist {
    char **items; /* items[0] .. items[count - 1], each malloc'd and NUL-terminated */
    size_t count;
    size_t cap; /* room in items */
} strlist;

/* Append a copy of the `len` bytes at `s`, which need not be NUL-terminated. MINUTES_OK, or
 * MINUTES_NO_MEMORY with the list as it was. */
minutes_status strlist_add(strlist *list, const char *s, size_t len);

/* Append `s`, a malloc'd string that the list then owns. MINUTES_OK, or MINUTES_NO_MEMORY
 * with the list as it was and `s` still the caller's. */
minutes_status strlist_take(strlist *list, char *s);

/* Free the strings and the array, and leave the list empty. */
void strlist_release(strlist *list);

#endif /* MINUTES_STRLIST_H */
