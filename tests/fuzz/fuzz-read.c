/* fuzz-read.c - libFuzzer target: the reader and normalizer (read_decode) on arbitrary
 * bytes, with every format hint. See fuzz.h. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "read.h"

/* Length of the valid UTF-8 sequence at s (strict: no overlong forms, surrogates or code
 * points past U+10FFFF), or 0. */
static size_t
read_utf8_length(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    unsigned long cp, min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, cp = c & 0x1Fu, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, cp = c & 0x0Fu, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, cp = c & 0x07u, min = 0x10000;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    return cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : len;
}

/* The reader promises UTF-8 without control characters other than tab, LF, CR (and form
 * feeds in paginated text), NUL-terminated at len. */
static void
read_check(const source *src)
{
    if (!src->text || src->text[src->len] != '\0')
        abort();
    const unsigned char *s = (const unsigned char *)src->text;
    for (size_t i = 0; i < src->len; i++) {
        unsigned char c = s[i];
        if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
            abort();
        if (c == '\f' && !src->paginated)
            abort();
    }
    for (size_t i = 0, n; i < src->len; i += n)
        if ((n = read_utf8_length(s + i, src->len - i)) == 0)
            abort();
}

int
fuzz_one_read(const uint8_t *data, size_t size)
{
    /* An exact-size copy, so that reading past the end shows. */
    char *bytes = calloc(size ? size : 1, 1);
    if (!bytes)
        return 0;
    if (size)
        memcpy(bytes, data, size);
    static const source_format hints[] = {SOURCE_TEXT, SOURCE_MARKDOWN, SOURCE_HTML, SOURCE_PDF};
    for (size_t h = 0; h < sizeof hints / sizeof hints[0]; h++) {
        source src;
        memset(&src, 0, sizeof src);
        const char *reason = NULL;
        minutes_status st = read_decode(bytes, size, hints[h], &src, &reason);
        if (st == MINUTES_OK)
            read_check(&src);
        else if (!reason || !*reason)
            abort(); /* a failure always says why */
        if (memcmp(bytes, data, size) != 0)
            abort(); /* the input is not modified */
        source_release(&src);
    }
    free(bytes);
    return 0;
}

#ifndef FUZZ_NO_ENTRY
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one_read(data, size);
}
#endif
