/* normalize.c - folding typographic characters to the plain ones a user types, for matching
 * (see normalize.h).
 *
 * Every folded character is 2 or 3 bytes of UTF-8 and becomes at most as many bytes, so the
 * output never outgrows the input and the fold can run in place.
 */
#include "normalize.h"

#include <string.h>

/* A folding of one three-byte character: its bytes and what it becomes. */
typedef struct fold {
    unsigned char bytes[3];
    const char *to;
} fold;

static const fold folds3[] = {
    /* spaces */
    {{0xE1, 0x9A, 0x80}, " "}, /* U+1680 ogham space mark */
    {{0xE2, 0x80, 0xA8}, " "}, /* U+2028 line separator */
    {{0xE2, 0x80, 0xA9}, " "}, /* U+2029 paragraph separator */
    {{0xE2, 0x80, 0xAF}, " "}, /* U+202F narrow no-break space */
    {{0xE2, 0x81, 0x9F}, " "}, /* U+205F medium mathematical space */
    {{0xE3, 0x80, 0x80}, " "}, /* U+3000 ideographic space */
    /* zero-width characters */
    {{0xE2, 0x80, 0x8B}, ""}, /* U+200B zero-width space */
    {{0xE2, 0x81, 0xA0}, ""}, /* U+2060 word joiner */
    {{0xEF, 0xBB, 0xBF}, ""}, /* U+FEFF zero-width no-break space */
    /* ligatures */
    {{0xEF, 0xAC, 0x80}, "ff"},
    {{0xEF, 0xAC, 0x81}, "fi"},
    {{0xEF, 0xAC, 0x82}, "fl"},
    {{0xEF, 0xAC, 0x83}, "ffi"},
    {{0xEF, 0xAC, 0x84}, "ffl"},
    {{0xEF, 0xAC, 0x85}, "st"},
    {{0xEF, 0xAC, 0x86}, "st"},
    /* quotes and primes */
    {{0xE2, 0x80, 0x98}, "'"},  /* U+2018 left single quotation mark */
    {{0xE2, 0x80, 0x99}, "'"},  /* U+2019 right single quotation mark, the apostrophe */
    {{0xE2, 0x80, 0x9A}, "'"},  /* U+201A single low-9 quotation mark */
    {{0xE2, 0x80, 0x9B}, "'"},  /* U+201B single high-reversed-9 quotation mark */
    {{0xE2, 0x80, 0xB2}, "'"},  /* U+2032 prime */
    {{0xE2, 0x80, 0x9C}, "\""}, /* U+201C left double quotation mark */
    {{0xE2, 0x80, 0x9D}, "\""}, /* U+201D right double quotation mark */
    {{0xE2, 0x80, 0x9E}, "\""}, /* U+201E double low-9 quotation mark */
    {{0xE2, 0x80, 0x9F}, "\""}, /* U+201F double high-reversed-9 quotation mark */
    {{0xE2, 0x80, 0xB3}, "\""}, /* U+2033 double prime */
    /* dashes */
    {{0xE2, 0x80, 0x90}, "-"}, /* U+2010 hyphen */
    {{0xE2, 0x80, 0x91}, "-"}, /* U+2011 non-breaking hyphen */
    {{0xE2, 0x80, 0x92}, "-"}, /* U+2012 figure dash */
    {{0xE2, 0x80, 0x93}, "-"}, /* U+2013 en dash */
    {{0xE2, 0x80, 0x94}, "-"}, /* U+2014 em dash */
    {{0xE2, 0x80, 0x95}, "-"}, /* U+2015 horizontal bar */
    {{0xE2, 0x88, 0x92}, "-"}, /* U+2212 minus sign */
    /* ellipsis */
    {{0xE2, 0x80, 0xA6}, "..."}, /* U+2026 horizontal ellipsis */
};

/* What the three bytes at s fold to, or NULL if they are not folded. */
static const char *
fold3(const unsigned char *s)
{
    /* U+2000..U+200A: the spaces of typesetting */
    if (s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x80 && s[2] <= 0x8A)
        return " ";
    if (s[0] != 0xE1 && s[0] != 0xE2 && s[0] != 0xE3 && s[0] != 0xEF)
        return NULL;
    for (size_t i = 0; i < sizeof folds3 / sizeof folds3[0]; i++)
        if (memcmp(s, folds3[i].bytes, 3) == 0)
            return folds3[i].to;
    return NULL;
}

size_t
normalize_for_index(const char *in, size_t len, char *out)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, k = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c == 0xC2 && i + 1 < len && (s[i + 1] == 0xA0 || s[i + 1] == 0xAD)) {
            if (s[i + 1] == 0xA0)
                out[k++] = ' '; /* U+00A0 no-break space; U+00AD soft hyphen goes */
            i += 2;
            continue;
        }
        const char *to;
        if (c >= 0xE1 && i + 2 < len && (to = fold3(s + i)) != NULL) {
            size_t n = strlen(to);
            memmove(out + k, to, n);
            k += n;
            i += 3;
            continue;
        }
        out[k++] = (char)c;
        i++;
    }
    out[k] = '\0';
    return k;
}
