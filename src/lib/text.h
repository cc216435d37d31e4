/* text.h - the text layer: what is known of UTF-8 text before anything is known of what it
 * says. Space-like characters (NBSP and the other Unicode spaces as well as ASCII's), ASCII
 * case-insensitive comparison and search, the lines and words of a run of text, and a line's
 * clean text: Markdown or pasted HTML with its markup dropped and its character references
 * decoded. The segmenter reads every line through these; character classes are in chars.h.
 *
 * Nothing here allocates but text_clean_line(), in the arena it is given. A span points into
 * text that its caller owns.
 */
#ifndef MINUTES_TEXT_H
#define MINUTES_TEXT_H

#include <stddef.h>

#include "arena.h"

/* A run of bytes of text: a line of a paragraph, a word, a name. */
typedef struct span {
    const char *s;
    size_t n;
} span;

/* The first character at or after s that is not space-like (space, tab, CR, form feed,
 * vertical tab, NBSP, U+2000..U+200B, U+202F, U+3000 or a BOM); end if there is none. */
const char *text_skip_spaces(const char *s, const char *end);

/* Whether the line from s to end holds only space-like characters. */
int text_is_blank(const char *s, const char *end);

/* The Markdown heading level of a line ("## x" is 2; up to 6), or 0. */
int text_markdown_level(const char *s, const char *end);

/* Whether the n bytes at s hold anything a search could find: an ASCII letter or digit, or
 * a character outside ASCII. */
int text_has_words(const char *s, size_t n);

/* Whether the n bytes at s start with `prefix`, ignoring ASCII case; the prefix ends at its
 * NUL, and no byte past n is read. */
int text_starts_with_ci(const char *s, size_t n, const char *prefix);

/* Whether the n bytes at s are `word`, ignoring ASCII case and trailing full stops, colons
 * and spaces. */
int text_equals_ci(const char *s, size_t n, const char *word);

/* Where `needle` first occurs in the n bytes at s, ignoring ASCII case; NULL if nowhere. */
const char *text_find_ci(const char *s, size_t n, const char *needle);

/* The next line of the text from *cursor to end, without its LF, into *out, moving *cursor
 * past it; 0 when there is none. */
int text_next_line(const char **cursor, const char *end, span *out);

/* Drop leading spaces and tabs, and trailing spaces, tabs and punctuation (",;:.-"). */
void text_trim_span(span *sp);

/* The words the n bytes at s split into at spaces, at most `max` of them, into words[];
 * returns how many. */
size_t text_split_words(const char *s, size_t n, span *words, size_t max);

/* The clean text of the `len` bytes of one line: leading spaces and a Markdown heading mark
 * ("#" to "######" and a space) dropped; emphasis marks ("**", "__", "***") and HTML tags
 * (<sup>, </td>, <br/>; a block tag such as <p> or <td> between words leaves a space)
 * dropped; character references (&amp;, &nbsp;, &#8217;, &#x2019;) decoded; runs of
 * space-like characters collapsed to one space. Allocated in the arena, NUL-terminated,
 * *out_len bytes long; NULL when out of memory. */
char *text_clean_line(arena *a, const char *line, size_t len, size_t *out_len);

#endif /* MINUTES_TEXT_H */
