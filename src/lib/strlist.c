/* strlist.c - a growable list of strings (see strlist.h). */
#include "strlist.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The first array's size: most lists are short, and few stay that way for long. */
#define STRLIST_FIRST 16

minutes_status
strlist_take(strlist *list, char *s)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : STRLIST_FIRST;
        char **grown = cap <= SIZE_MAX / sizeof *grown ? realloc(list->items, cap * sizeof *grown)
                                                       : NULL;
        if (!grown)
            return MINUTES_NO_MEMORY;
        list->items = grown;
        list->cap = cap;
    }
    list->items[list->count++] = s;
    return MINUTES_OK;
}

minutes_status
strlist_add(strlist *list, const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return MINUTES_NO_MEMORY;
    memcpy(copy, s, len);
    copy[len] = '\0';
    if (strlist_take(list, copy) != MINUTES_OK) {
        free(copy);
        return MINUTES_NO_MEMORY;
    }
    return MINUTES_OK;
}

void
strlist_release(strlist *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}
