/* bytebuf.c - a growable byte buffer with a ceiling (see bytebuf.h). */
#include "bytebuf.h"

#include <stdlib.h>
#include <string.h>

/* The first block's least size: small pieces should not each cost a realloc. */
#define BYTEBUF_FIRST 4096

void
bytebuf_init(bytebuf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max < BYTEBUF_UNLIMITED ? max : BYTEBUF_UNLIMITED;
}

bytebuf_status
bytebuf_reserve(bytebuf *b, size_t n)
{
    if (n > b->max - b->len)
        return BYTEBUF_TOO_LARGE;
    size_t need = b->len + n;
    if (need <= b->cap && b->data)
        return BYTEBUF_OK;
    size_t cap = b->cap ? b->cap * 2 : BYTEBUF_FIRST;
    if (cap < need)
        cap = need;
    if (cap > b->max)
        cap = b->max;
    char *grown = realloc(b->data, cap + 1);
    if (!grown)
        return BYTEBUF_NO_MEMORY;
    b->data = grown;
    b->cap = cap;
    return BYTEBUF_OK;
}

bytebuf_status
bytebuf_append(bytebuf *b, const void *bytes, size_t n)
{
    bytebuf_status st = bytebuf_reserve(b, n);
    if (st == BYTEBUF_OK && n) {
        memcpy(b->data + b->len, bytes, n);
        b->len += n;
    }
    return st;
}

char *
bytebuf_finish(bytebuf *b, size_t *len)
{
    char *text = b->data ? b->data : malloc(1);
    if (text)
        text[b->len] = '\0';
    if (len)
        *len = text ? b->len : 0;
    if (!text)
        return NULL;
    bytebuf_init(b, b->max);
    return text;
}

void
bytebuf_release(bytebuf *b)
{
    free(b->data);
    bytebuf_init(b, b->max);
}
