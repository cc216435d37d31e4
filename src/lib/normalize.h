/* normalize.h - folding a paragraph's text for matching: typographic variants of a character
 * become the plain character a user types.
 *
 * The index is built from the folded text, and queries are typed in plain ASCII, so that
 * "Children’s" (a curly apostrophe) and "Children's" match each other, as do "co‑operation"
 * (a non-breaking hyphen) and "co-operation", or "ﬁnance" (a ligature, common in PDFs) and
 * "finance". What is stored and shown keeps the original characters.
 */
#ifndef MINUTES_NORMALIZE_H
#define MINUTES_NORMALIZE_H

#include <stddef.h>

/* Fold `len` bytes of UTF-8 text `in` into `out`, which has room for len + 1 bytes, and
 * NUL-terminate it; returns the folded length, which is never more than len. `out` may be
 * `in` (folding in place). Folded:
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
 *
 * Everything else, invalid UTF-8 included, is copied as it is. */
size_t normalize_for_index(const char *in, size_t len, char *out);

#endif /* MINUTES_NORMALIZE_H */
