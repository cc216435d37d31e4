/* bytebuf.h - a growable byte buffer with a ceiling, for text that arrives in pieces of
 * unknown total size: what gzip data inflates to, what pdftotext writes, the text made of an
 * HTML page.
 *
 * The bytes live in one malloc'd block that grows by doubling as it fills and never holds
 * more than the buffer's `max`, so that a file that would decode to gigabytes costs no more
 * than the limit before it is refused. The block keeps one byte to spare past `cap`, so the
 * text can be NUL-terminated where it ends without growing again. A bytebuf is the caller's
 * struct; what it points to is its own until bytebuf_finish() hands it over. Typical use:
 *
 *     bytebuf b;
 *     bytebuf_init(&b, limit);
 *     while (...)
 *         if (bytebuf_append(&b, piece, n) != BYTEBUF_OK)
 *             ... bytebuf_release(&b), too large or out of memory
 *     char *text = bytebuf_finish(&b, &len);    (NUL-terminated; the caller frees it)
 *
 * A producer that writes straight into the block (inflate, read) asks for room with
 * bytebuf_reserve(), writes into data + len, up to cap, and adds what it wrote to len.
 */
#ifndef MINUTES_BYTEBUF_H
#define MINUTES_BYTEBUF_H

#include <stddef.h>
#include <stdint.h>

/* A ceiling for a buffer that has none but memory. */
#define BYTEBUF_UNLIMITED (SIZE_MAX / 2)

typedef struct bytebuf {
    char *data; /* malloc'd, cap + 1 bytes; NULL until the first byte is asked for */
    size_t len; /* bytes in use */
    size_t cap; /* bytes it can hold before it grows again */
    size_t max; /* the most it may ever hold (at most BYTEBUF_UNLIMITED) */
} bytebuf;

typedef enum bytebuf_status {
    BYTEBUF_OK,
    BYTEBUF_NO_MEMORY,
    BYTEBUF_TOO_LARGE /* it would hold more than max bytes */
} bytebuf_status;

/* An empty buffer that may hold up to `max` bytes; takes no memory yet. */
void bytebuf_init(bytebuf *b, size_t max);

/* Room for `n` more bytes (cap >= len + n), growing to twice its size or to what is asked,
 * whichever is more, but never past max; at first, to at least 4 KB. BYTEBUF_TOO_LARGE when
 * len + n would pass max, BYTEBUF_NO_MEMORY when the block cannot grow; either way the
 * buffer is as it was. */
bytebuf_status bytebuf_reserve(bytebuf *b, size_t n);

/* Append `n` bytes: bytebuf_reserve(), then the copy. */
bytebuf_status bytebuf_append(bytebuf *b, const void *bytes, size_t n);

/* NUL-terminate the bytes and hand them over: the caller frees them, and *len (if not NULL)
 * is their length. The buffer is left empty, as bytebuf_init() made it. An empty buffer gives
 * an empty string; NULL only when that cannot be allocated. */
char *bytebuf_finish(bytebuf *b, size_t *len);

/* Free the bytes and leave the buffer empty. */
void bytebuf_release(bytebuf *b);

#endif /* MINUTES_BYTEBUF_H */
