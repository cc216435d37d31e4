/* read-charset.c - character encodings: checking and cleaning UTF-8, and converting UTF-16 and
 * Windows-1252 to UTF-8 with iconv.
 *
 * Cleaning keeps the byte layout - one byte in, one byte out - so that offsets into clean
 * text are offsets into the file. Conversion cannot; it keeps line breaks, so line numbers
 * still match the file's.
 */
#include "read-internal.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if it is not valid:
 * overlong forms, surrogates and code points above U+10FFFF are all rejected. */
static size_t
utf8_sequence_length(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    unsigned min;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

int
read_is_utf8(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_sequence_length(s + i, len - i);
        if (n == 0)
            return 0;
        i += n;
    }
    return 1;
}

void
read_clean_text(char *text, size_t len, int keep_form_feeds)
{
    unsigned char *s = (unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
                 !(c == '\f' && keep_form_feeds)) ||
                c == 0x7F)
                s[i] = ' ';
            i++;
            continue;
        }
        size_t n = utf8_sequence_length(s + i, len - i);
        if (n == 0) {
            s[i++] = '?';
            continue;
        }
        i += n;
    }
}

void
read_clean_utf8(char *text, size_t len)
{
    read_clean_text(text, len, 0);
}

minutes_status
read_convert(const char *from, const char *in, size_t len, size_t unit, char **out, size_t *out_len,
             const char **reason)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        *reason = read_reason_printf("cannot convert from %s: %s", from, strerror(errno));
        return MINUTES_UNSUPPORTED_FILE;
    }
    /* No input byte becomes more than 3 bytes of UTF-8 (a UTF-16 unit of 2 bytes at most 3,
     * a pair of 4 bytes 4; a Windows-1252 byte at most 3). */
    size_t max = read_max_bytes();
    size_t cap = len > max / 3 ? max + 4 : len * 3 + 4;
    char *buf = malloc(cap + 1);
    if (!buf) {
        iconv_close(cd);
        *reason = "out of memory";
        return MINUTES_NO_MEMORY;
    }
    char *src = (char *)in;
    size_t src_left = len;
    char *dst = buf;
    size_t dst_left = cap;
    minutes_status status = MINUTES_OK;
    while (src_left > 0) {
        if (iconv(cd, &src, &src_left, &dst, &dst_left) != (size_t)-1)
            break;
        if (errno == E2BIG) {
            *reason = read_reason_too_large(0, "when decoded");
            status = MINUTES_UNSUPPORTED_FILE;
            break;
        }
        /* EILSEQ: a byte (or unit) with no character; EINVAL: an incomplete one at the
         * end. Either becomes '?'. */
        if (dst_left == 0) {
            *reason = read_reason_too_large(0, "when decoded");
            status = MINUTES_UNSUPPORTED_FILE;
            break;
        }
        *dst++ = '?';
        dst_left--;
        size_t skip = unit < src_left ? unit : src_left;
        src += skip;
        src_left -= skip;
        iconv(cd, NULL, NULL, NULL, NULL); /* back to the initial state */
    }
    iconv_close(cd);
    size_t n = (size_t)(dst - buf);
    if (status == MINUTES_OK && n > max) {
        *reason = read_reason_too_large(0, "when decoded");
        status = MINUTES_UNSUPPORTED_FILE;
    }
    if (status != MINUTES_OK) {
        free(buf);
        return status;
    }
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    return MINUTES_OK;
}
