/* read-gzip.c - gzip-compressed documents (NAME.txt.gz, NAME.pdf.gz, ...), inflated in memory
 * with zlib.
 *
 * What a file inflates to is limited like a file's size (read_max_bytes()), so that a small
 * file that inflates to gigabytes - a zip bomb - is refused once it passes the limit, having
 * cost no more than the limit in memory.
 */
#include "read-internal.h"

#include <limits.h>
#include <string.h>
#include <zlib.h>

#include "bytebuf.h"

int
read_is_gzip(const char *bytes, size_t len)
{
    return len >= 2 && (unsigned char)bytes[0] == 0x1F && (unsigned char)bytes[1] == 0x8B;
}

minutes_status
read_gunzip(const char *in, size_t len, char **out, size_t *out_len, const char **reason)
{
    size_t max = read_max_bytes();
    bytebuf buf;
    bytebuf_init(&buf, max);
    /* Documents compress about four to one; start there and grow. */
    size_t first = len < max / 4 ? len * 4 + 4096 : max;
    if (bytebuf_reserve(&buf, first < max ? first : max) != BYTEBUF_OK) {
        *reason = "out of memory";
        return MINUTES_NO_MEMORY;
    }
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 15 + 16) != Z_OK) { /* 16: a gzip header and trailer */
        bytebuf_release(&buf);
        *reason = "out of memory";
        return MINUTES_NO_MEMORY;
    }
    const unsigned char *next = (const unsigned char *)in;
    size_t in_left = len;
    minutes_status status = MINUTES_OK;
    for (;;) {
        bytebuf_status grown = buf.len == buf.cap ? bytebuf_reserve(&buf, 1) : BYTEBUF_OK;
        if (grown == BYTEBUF_TOO_LARGE) {
            /* Full to the limit: unless the stream ends right here, it is too much. */
            unsigned char probe;
            zs.next_in = (unsigned char *)next;
            zs.avail_in = in_left > UINT_MAX ? UINT_MAX : (unsigned)in_left;
            zs.next_out = &probe;
            zs.avail_out = 1;
            if (inflate(&zs, Z_NO_FLUSH) == Z_STREAM_END && zs.avail_out == 1)
                break;
            status = MINUTES_UNSUPPORTED_FILE;
            *reason = read_reason_too_large(0, "when decompressed");
            break;
        }
        if (grown == BYTEBUF_NO_MEMORY) {
            status = MINUTES_NO_MEMORY;
            *reason = "out of memory";
            break;
        }
        size_t room = buf.cap - buf.len;
        zs.next_in = (unsigned char *)next;
        zs.avail_in = in_left > UINT_MAX ? UINT_MAX : (unsigned)in_left;
        zs.next_out = (unsigned char *)buf.data + buf.len;
        zs.avail_out = room > UINT_MAX ? UINT_MAX : (unsigned)room;
        unsigned in_before = zs.avail_in, out_before = zs.avail_out;
        int rc = inflate(&zs, Z_NO_FLUSH);
        size_t consumed = in_before - zs.avail_in;
        next += consumed;
        in_left -= consumed;
        buf.len += out_before - zs.avail_out;
        if (rc == Z_STREAM_END) {
            /* Another member may follow; anything else after the end is ignored, as gzip's
             * own tools ignore trailing zeros. */
            if (read_is_gzip((const char *)next, in_left) && inflateReset(&zs) == Z_OK)
                continue;
            break;
        }
        if (rc == Z_OK)
            continue;
        if (rc == Z_BUF_ERROR && zs.avail_out > 0) {
            /* No progress with room to write: the input ran out mid-stream. */
            status = MINUTES_UNSUPPORTED_FILE;
            *reason = "truncated gzip data";
            break;
        }
        if (rc == Z_BUF_ERROR)
            continue; /* the output is full: grow it */
        status = rc == Z_MEM_ERROR ? MINUTES_NO_MEMORY : MINUTES_UNSUPPORTED_FILE;
        *reason = rc == Z_MEM_ERROR ? "out of memory" : "corrupt gzip data";
        break;
    }
    inflateEnd(&zs);
    if (status != MINUTES_OK) {
        bytebuf_release(&buf);
        return status;
    }
    *out = bytebuf_finish(&buf, out_len);
    return MINUTES_OK;
}
