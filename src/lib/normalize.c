/* normalize.c - folding text to the plain characters a user types, for matching; finding
 * hyphenated compounds (see normalize.h).
 *
 * Every folded character is 2 or 3 bytes of UTF-8 and becomes at most as many bytes, and an
 * ordinal loses its suffix, so the output never outgrows the input and the fold can run in
 * place.
 */
#include "normalize.h"

#include <string.h>

#include "chars.h"

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

/* Latin letters with diacritics, U+00C0-U+024F (two bytes of UTF-8 each), and U+1E00-U+1EFF
 * (three bytes): what each becomes, in two-byte slots ("A " is A, "AE" is AE, "  " is not
 * folded). A letter becomes its base letter (the first character of its canonical
 * decomposition); those with no decomposition become the letters they are written with in
 * English (Æ AE, Ø O, Þ TH, ß ss, Ł L, Œ OE, ...). */
static const char latin2[] = "A A A A A A AEC E E E E I I I I " /* U+00C0 */
                             "D N O O O O O   O U U U U Y THss" /* U+00D0 */
                             "a a a a a a aec e e e e i i i i " /* U+00E0 */
                             "d n o o o o o   o u u u u y thy " /* U+00F0 */
                             "A a A a A a C c C c C c C c D d " /* U+0100 */
                             "D d E e E e E e E e E e G g G g " /* U+0110 */
                             "G g G g H h H h I i I i I i I i " /* U+0120 */
                             "I i IJijJ j K k k L l L l L l L " /* U+0130 */
                             "l L l N n N n N n n N n O o O o " /* U+0140 */
                             "O o OEoeR r R r R r S s S s S s " /* U+0150 */
                             "S s T t T t T t U u U u U u U u " /* U+0160 */
                             "U u U u W w Y y Y Z z Z z Z z s " /* U+0170 */
                             "b B               D D           " /* U+0180 */
                             "  F f         I     l     N n O " /* U+0190 */
                             "O o     P p           t T t T U " /* U+01A0 */
                             "u     Y y Z z                   " /* U+01B0 */
                             "        DZDzdzLJLjljNJNjnjA a I " /* U+01C0 */
                             "i O o U u U u U u U u U u   A a " /* U+01D0 */
                             "A a AEaeG g G g K k O o O o     " /* U+01E0 */
                             "j DZDzdzG g     N n A a AEaeO o " /* U+01F0 */
                             "A a A a E e E e I i I i O o O o " /* U+0200 */
                             "R r R r U u U u S s T t     H h " /* U+0210 */
                             "N d     Z z A a E e O o O o O o " /* U+0220 */
                             "O o Y y l n t j     A C c L T s " /* U+0230 */
                             "z     B U   E e J j Q q R r Y y " /* U+0240 */;

static const char latin3[] = "A a B b B b B b C c D d D d D d " /* U+1E00 */
                             "D d D d E e E e E e E e E e F f " /* U+1E10 */
                             "G g H h H h H h H h H h I i I i " /* U+1E20 */
                             "K k K k K k L l L l L l L l M m " /* U+1E30 */
                             "M m M m N n N n N n N n O o O o " /* U+1E40 */
                             "O o O o P p P p R r R r R r R r " /* U+1E50 */
                             "S s S s S s S s S s T t T t T t " /* U+1E60 */
                             "T t U u U u U u U u U u V v V v " /* U+1E70 */
                             "W w W w W w W w W w X x X x Y y " /* U+1E80 */
                             "Z z Z z Z z h t w y a s s s SSd " /* U+1E90 */
                             "A a A a A a A a A a A a A a A a " /* U+1EA0 */
                             "A a A a A a A a E e E e E e E e " /* U+1EB0 */
                             "E e E e E e E e I i I i O o O o " /* U+1EC0 */
                             "O o O o O o O o O o O o O o O o " /* U+1ED0 */
                             "O o O o U u U u U u U u U u U u " /* U+1EE0 */
                             "U u Y y Y y Y y Y y LLll        " /* U+1EF0 */;

/* Write the slot of `table` for code point `cp` (from `first`) at out: 0-2 bytes, or -1 if the
 * character is not folded. */
static int
latin_slot(const char *table, unsigned cp, unsigned first, char *out)
{
    const char *slot = table + 2 * (cp - first);
    if (slot[0] == ' ')
        return -1;
    out[0] = slot[0];
    if (slot[1] == ' ')
        return 1;
    out[1] = slot[1];
    return 2;
}

/* Fold the three bytes at s into out: the number of bytes written (0-3), or -1 if they are
 * not folded. */
static int
fold3(const unsigned char *s, char *out)
{
    /* U+2000..U+200A: the spaces of typesetting */
    if (s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x80 && s[2] <= 0x8A) {
        out[0] = ' ';
        return 1;
    }
    if (s[0] == 0xE1 && s[1] >= 0xB8 && s[1] <= 0xBB && (s[2] & 0xC0) == 0x80) {
        unsigned cp = 0x1000u | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return latin_slot(latin3, cp, 0x1E00, out);
    }
    if (s[0] != 0xE1 && s[0] != 0xE2 && s[0] != 0xE3 && s[0] != 0xEF)
        return -1;
    for (size_t i = 0; i < sizeof folds3 / sizeof folds3[0]; i++) {
        if (memcmp(s, folds3[i].bytes, 3) == 0) {
            size_t n = strlen(folds3[i].to);
            memcpy(out, folds3[i].to, n);
            return (int)n;
        }
    }
    return -1;
}

/* Fold the two bytes at s into out, as fold3. */
static int
fold2(const unsigned char *s, char *out)
{
    if (s[0] == 0xC2 && s[1] == 0xA0) {
        out[0] = ' '; /* U+00A0 no-break space */
        return 1;
    }
    if (s[0] == 0xC2 && s[1] == 0xAD)
        return 0; /* U+00AD soft hyphen */
    if ((s[1] & 0xC0) != 0x80)
        return -1;
    unsigned cp = ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    if (cp >= 0x300 && cp <= 0x36F)
        return 0; /* a combining diacritical mark: "e" + U+0301 is "é" decomposed */
    if (cp >= 0xC0 && cp <= 0x24F)
        return latin_slot(latin2, cp, 0xC0, out);
    return -1;
}

/* Part of a word, for the rules that look at what is around a number or a compound: ASCII
 * letters, digits and '_', and every byte of a character outside ASCII. */
static int
is_word_byte(unsigned char c)
{
    return is_alnum(c) || c == '_' || c >= 0x80;
}

/* Whether the two bytes at s are an ordinal suffix: st, nd, rd or th, in any case. */
static int
is_ordinal_suffix(const unsigned char *s)
{
    char a = (char)to_lower(s[0]), b = (char)to_lower(s[1]);
    return (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
           (a == 't' && b == 'h');
}

size_t
normalize_for_index(const char *in, size_t len, char *out)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, k = 0;
    while (i < len) {
        unsigned char c = s[i];
        /* A number standing alone: an ordinal suffix goes ("16th" is "16"). What comes before
         * it is judged as folded, the same in place or not. The digits are copied whole either
         * way, so that a number inside a word ("a16th") is not looked at from its middle. */
        if (is_digit(c) && (k == 0 || !is_word_byte((unsigned char)out[k - 1]))) {
            size_t j = i;
            while (j < len && is_digit(s[j]))
                j++;
            memmove(out + k, s + i, j - i);
            k += j - i;
            if (j + 1 < len && is_ordinal_suffix(s + j) &&
                (j + 2 == len || !is_word_byte(s[j + 2])))
                j += 2;
            i = j;
            continue;
        }
        int n = -1;
        char folded[3];
        if (c >= 0xC2 && c <= 0xCD && i + 1 < len && (n = fold2(s + i, folded)) >= 0) {
            memcpy(out + k, folded, (size_t)n);
            k += (size_t)n;
            i += 2;
            continue;
        }
        if (c >= 0xE1 && i + 2 < len && (n = fold3(s + i, folded)) >= 0) {
            memcpy(out + k, folded, (size_t)n);
            k += (size_t)n;
            i += 3;
            continue;
        }
        out[k++] = (char)c;
        i++;
    }
    out[k] = '\0';
    return k;
}

/* ---- hyphenated compounds ------------------------------------------------------------- */

/* Whether a compound may start at s[i], by what comes before it: not a word, nor a hyphen
 * joined to one, nor an apostrophe, '&', '.' or '@' that make one word of what is around
 * them ("O'Neill-Smith", "AT&T-style"). A hyphen after a space is a minus or a dash
 * ("-anti-social" in a query leaves out what has the word). */
static int
may_start(const unsigned char *s, size_t i)
{
    if (i == 0)
        return 1;
    unsigned char b = s[i - 1];
    if (is_word_byte(b) || b == '\'' || b == '&' || b == '.' || b == '@')
        return 0;
    return b != '-' || i < 2 || !is_word_byte(s[i - 2]);
}

/* Whether a compound may end at s[j], by what comes after it. */
static int
may_end(const unsigned char *s, size_t len, size_t j)
{
    if (j == len)
        return 1;
    unsigned char b = s[j];
    /* '+' and '#' end words of their own to the term generator ("C++", "C#") */
    if (is_word_byte(b) || b == '-' || b == '*' || b == '&' || b == '@' || b == '+' || b == '#')
        return 0;
    if ((b == '\'' || b == '.') && j + 1 < len && is_word_byte(s[j + 1]))
        return 0; /* "anti-social's", "e-mail.com" */
    return 1;
}

int
normalize_next_compound(const char *text, size_t len, size_t *pos, size_t *start, size_t *end)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = *pos;
    while (i < len) {
        if (!is_alpha(s[i]) || !may_start(s, i)) {
            i++;
            continue;
        }
        size_t j = i, parts = 1;
        while (j < len && is_alpha(s[j]))
            j++;
        while (j + 1 < len && s[j] == '-' && is_alpha(s[j + 1])) {
            parts++;
            for (j++; j < len && is_alpha(s[j]);)
                j++;
        }
        if (parts >= 2 && parts <= NORMALIZE_COMPOUND_PARTS &&
            j - i - (parts - 1) <= NORMALIZE_COMPOUND_BYTES && may_end(s, len, j)) {
            *start = i;
            *end = j;
            *pos = j;
            return 1;
        }
        /* Not a compound: nor is any part of the word it is in ("covid-19-anti-social"). */
        for (i = j; i < len && (is_word_byte(s[i]) || s[i] == '-');)
            i++;
    }
    *pos = len;
    return 0;
}

size_t
normalize_close_compound(const char *in, size_t len, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++)
        if (in[i] != '-')
            out[k++] = in[i];
    return k;
}
