/* print-safe.c - data written for people, with its control characters made visible.
 *
 * Board names, titles and file names come from documents and sidecars that anyone may have
 * written. Written raw, an ESC or a C1 CSI in them is a terminal escape sequence: it can
 * clear the screen, retitle the window or hide what follows. So text output and messages
 * show every control character, and every byte that is not part of valid UTF-8 (which a
 * terminal in an 8-bit locale may take for a C1 control), as a backslash escape. Our own
 * colour codes are written separately and never pass through here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"

/* The length of the valid UTF-8 sequence of more than one byte at `s`, or 0 if there is none
 * (overlong forms, surrogates and code points above U+10FFFF are not valid). A NUL is not a
 * continuation byte, so this never reads past the end of the string. */
static size_t
utf8_length(const unsigned char *s)
{
    unsigned char c = s[0];
    unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
    size_t n;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4;
    else
        return 0;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

size_t
print_safe_char(const char *s, char shown[PRINT_SAFE_MAX])
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n;
    switch (u[0]) {
    case '\t': strcpy(shown, "\\t"); return 1;
    case '\n': strcpy(shown, "\\n"); return 1;
    case '\r': strcpy(shown, "\\r"); return 1;
    }
    if (u[0] < 0x20 || u[0] == 0x7F) {
        snprintf(shown, PRINT_SAFE_MAX, "\\x%02x", u[0]);
        return 1;
    }
    if (u[0] < 0x80) {
        shown[0] = s[0];
        shown[1] = '\0';
        return 1;
    }
    n = utf8_length(u);
    if (n == 0) {
        snprintf(shown, PRINT_SAFE_MAX, "\\x%02x", u[0]);
        return 1;
    }
    if (n == 2 && u[0] == 0xC2 && u[1] < 0xA0) { /* U+0080 to U+009F: the C1 controls */
        snprintf(shown, PRINT_SAFE_MAX, "\\u%04x", u[1]);
        return 2;
    }
    memcpy(shown, s, n);
    shown[n] = '\0';
    return n;
}

/* Whether the byte at `s` is one the caller lays out itself and wants written as it is. */
static int
kept(const char *s, const char *keep)
{
    return *s != '\0' && strchr(keep, *s) != NULL;
}

void
print_safe(FILE *out, const char *s, const char *keep)
{
    char shown[PRINT_SAFE_MAX];
    while (*s) {
        if (kept(s, keep)) {
            fputc(*s++, out);
            continue;
        }
        s += print_safe_char(s, shown);
        fputs(shown, out);
    }
}

char *
print_safe_dup(const char *s, const char *keep)
{
    /* "\x1b" is the longest an escape gets per byte it stands for: four. */
    char *copy = malloc(strlen(s) * 4 + 1);
    char shown[PRINT_SAFE_MAX];
    size_t n = 0;
    if (!copy)
        return NULL;
    while (*s) {
        if (kept(s, keep)) {
            copy[n++] = *s++;
            continue;
        }
        s += print_safe_char(s, shown);
        size_t len = strlen(shown);
        memcpy(copy + n, shown, len);
        n += len;
    }
    copy[n] = '\0';
    return copy;
}

void
print_safe_vformat(FILE *out, const char *fmt, va_list ap)
{
    char small[512];
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(small, sizeof small, fmt, ap);
    char *text = small;
    if (len >= (int)sizeof small) {
        /* A long message gets room of its own; out of memory, it is cut short, not lost. */
        char *big = malloc((size_t)len + 1);
        if (big && vsnprintf(big, (size_t)len + 1, fmt, again) == len)
            text = big;
        else
            free(big);
    }
    va_end(again);
    if (len >= 0)
        print_safe(out, text, "");
    if (text != small)
        free(text);
}

void
print_safe_format(FILE *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_safe_vformat(out, fmt, ap);
    va_end(ap);
}
