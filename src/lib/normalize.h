/* normalize.h - folding text for matching: typographic variants of a character, letters
 * with diacritics and ordinal numbers become what a user types; finding hyphenated compounds.
 *
 * The index is built from the folded text, and queries are folded the same way, so that
 * "Children’s" (a curly apostrophe) and "Children's" match each other, as do "co‑operation"
 * (a non-breaking hyphen) and "co-operation", "ﬁnance" (a ligature, common in PDFs) and
 * "finance", "Climbié" and "Climbie", "16th" and "16". What is stored and shown keeps the
 * original characters.
 */
#ifndef MINUTES_NORMALIZE_H
#define MINUTES_NORMALIZE_H

#include <stddef.h>

/* Fold `len` bytes of UTF-8 text `in` into `out`, which has room for len + 1 bytes, and
 * NUL-terminate it; returns the folded length, which is never more than len (no character
 * folds to more bytes than it has). `out` may be `in` (folding in place). Folded:
 *
 *   U+00A0 no-break space, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
 *     U+3000 (the other spaces)                                    -> ' '
 *   U+00AD soft hyphen; U+200B zero-width space, U+2060 word joiner,
 *     U+FEFF zero-width no-break space (byte order mark)           -> removed
 *   U+FB00-U+FB06 ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ                        -> ff fi fl ffi ffl st st
 *   U+2018 ‘ U+2019 ’ U+201A ‚ U+201B ‛ U+2032 ′                   -> '
 *   U+201C “ U+201D ” U+201E „ U+201F ‟ U+2033 ″                   -> "
 *   U+2010 ‐ U+2011 ‑ U+2012 ‒ U+2013 – U+2014 — U+2015 ― U+2212 − -> -
 *   U+2026 …                                                       -> ...
 *   Latin letters with diacritics, U+00C0-U+024F and U+1E00-U+1EFF  -> the base letter:
 *     é e, Ô O, ŵ w, ŷ y, ẁ w, ç c, ñ n, ș s; and Æ AE, æ ae, Œ OE, ß ss, ẞ SS, Ø O, Ð D,
 *     ð d, Þ TH, þ th, Ł L, ı i, ĳ ij (case is kept: the term generator lowers it)
 *   U+0300-U+036F combining diacritical marks                      -> removed
 *   an ordinal: digits standing alone (not after a letter, digit, '_' or a character
 *     outside ASCII) followed by st, nd, rd or th in any case, and then not by
 *     such a character                                             -> the digits ("16th" 16)
 *
 * Everything else, invalid UTF-8 included, is copied as it is. */
size_t normalize_for_index(const char *in, size_t len, char *out);

/* At most this many parts, and this many letters in all, make a compound. */
#define NORMALIZE_COMPOUND_PARTS 5
#define NORMALIZE_COMPOUND_BYTES 64

/* Find the next hyphenated compound of (folded) text from *pos: two to five parts of ASCII
 * letters joined by single hyphens ("anti-social", "Sub-Committee", "mother-in-law"), at most
 * 64 letters, not part of a longer word: not preceded by a letter, digit, '_', a character
 * outside ASCII, an apostrophe, '&', '.', '@' or a hyphen joined to a word; not followed by a
 * letter, digit, '_', a character outside ASCII, '&', '@', '*', '+', '#', a hyphen, or an
 * apostrophe or '.' joined to a word ("covid-19", "2017-18", "anti-soc*", "O'Neill-Smith" and
 * "anti-social's" are no compounds). Returns 1 and sets [*start, *end) to it, and *pos past
 * it; 0 at the end of the text. */
int normalize_next_compound(const char *text, size_t len, size_t *pos, size_t *start, size_t *end);

/* The compound of `len` bytes at `in` written closed, its hyphens taken out ("anti-social"
 * is "antisocial"), into out (room for len bytes; it may be in); returns its length. */
size_t normalize_close_compound(const char *in, size_t len, char *out);

#endif /* MINUTES_NORMALIZE_H */
