/* text.c - the text layer: characters, words and clean text, what the segmenter knows of
 * bytes before it knows what a line says (see text.h).
 */
#include "text.h"

#include <string.h>

#include "chars.h"

/* ---- characters ------------------------------------------------------------------------- */

/* Bytes taken by a space-like character at s (space, tab, NBSP and the other Unicode
 * spaces, zero-width space, BOM), or 0. */
static size_t
space_length(const char *s, const char *end)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = (size_t)(end - s);
    if (n >= 1 && (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' || u[0] == '\f' || u[0] == '\v'))
        return 1;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2; /* U+00A0 no-break space */
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] <= 0x8B || u[2] == 0xAF))
        return 3; /* U+2000..U+200B, U+202F */
    if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
        return 3; /* U+3000 */
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return 3; /* U+FEFF, a BOM inside the text */
    return 0;
}

/* The first character at or after s that is not space-like. */
const char *
text_skip_spaces(const char *s, const char *end)
{
    size_t n;
    while (s < end && (n = space_length(s, end)) > 0)
        s += n;
    return s;
}

/* Whether a line holds only space-like characters. */
int
text_is_blank(const char *s, const char *end)
{
    return text_skip_spaces(s, end) == end;
}

/* ---- clean text ------------------------------------------------------------------------- */

/* Length of an HTML tag at s ("<sup>", "</td>", "<br/>", "<td class=x>"), or 0. Text in
 * angle brackets that is not a tag, such as "<http://...>", is kept. */
static size_t
html_tag_length(const char *s, const char *end)
{
    const char *p = s + 1;
    if (p < end && *p == '/')
        p++;
    const char *name = p;
    while (p < end && (is_alpha(*p) || is_digit(*p)))
        p++;
    if (p == name || is_digit(*name))
        return 0;
    if (p < end && *p != '>' && *p != ' ' && *p != '/')
        return 0;
    const char *close = memchr(p, '>', (size_t)(end - p));
    return close ? (size_t)(close - s) + 1 : 0;
}

/* Whether the HTML tag of `len` bytes at s ends a line of text in a browser. */
static int
is_block_tag(const char *s, size_t len)
{
    static const char *const names[] = {"p", "br", "li", "ul", "ol", "td", "th", "tr", "div"};
    const char *name = s + 1 + (s[1] == '/');
    size_t n = 0;
    while (name + n < s + len && is_alpha(name[n]))
        n++;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && text_starts_with_ci(name, n, names[i]))
            return 1;
    return 0;
}

/* Append code point c as UTF-8 to out; returns the bytes written (0 for a code point that
 * is not a character). */
static size_t
put_utf8(char *out, unsigned long c)
{
    if (c == 0 || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
        return 0;
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* The code point of an HTML character reference at s ("&amp;", "&#8217;", "&#x2019;"),
 * setting *len to its length; 0 if there is none. Tables pasted from HTML carry them. */
static unsigned long
entity_code(const char *s, const char *end, size_t *len)
{
    static const struct {
        const char *name;
        unsigned long code;
    } names[] = {{"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},
                 {"apos", '\''},    {"nbsp", 0xA0},    {"ndash", 0x2013},  {"mdash", 0x2014},
                 {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},  {"rdquo", 0x201D},
                 {"pound", 0xA3},   {"euro", 0x20AC},  {"hellip", 0x2026}, {"bull", 0x2022}};
    const char *semi = memchr(s, ';', (size_t)(end - s) < 12 ? (size_t)(end - s) : 12);
    if (!semi || semi - s < 3)
        return 0;
    *len = (size_t)(semi - s) + 1;
    if (s[1] == '#') {
        int hex = s[2] == 'x' || s[2] == 'X';
        const char *d = s + 2 + hex;
        if (d == semi)
            return 0;
        unsigned long c = 0;
        for (; d < semi; d++) {
            int v = is_digit(*d)                    ? *d - '0'
                    : hex && *d >= 'a' && *d <= 'f' ? *d - 'a' + 10
                    : hex && *d >= 'A' && *d <= 'F' ? *d - 'A' + 10
                                                    : -1;
            if (v < 0 || c > 0x10FFFF)
                return 0;
            c = c * (hex ? 16 : 10) + (unsigned long)v;
        }
        return c;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i].name);
        if ((size_t)(semi - s - 1) == n && memcmp(s + 1, names[i].name, n) == 0)
            return names[i].code;
    }
    return 0;
}

char *
text_clean_line(arena *a, const char *line_text, size_t len, size_t *out_len)
{
    const char *s = line_text;
    const char *end = line_text + len;
    char *out = arena_alloc(a, len + 1);
    if (!out)
        return NULL;

    s = text_skip_spaces(s, end);
    /* A Markdown heading mark: "#" to "######" and a space. */
    const char *h = s;
    while (h < end && *h == '#' && h - s < 6)
        h++;
    if (h > s && (h == end || *h == ' '))
        s = h;

    size_t n = 0;
    int pending_space = 0;
    while (s < end) {
        size_t sp = space_length(s, end);
        if (sp) {
            pending_space = n > 0;
            s += sp;
            continue;
        }
        if ((s[0] == '*' || s[0] == '_') && s + 1 < end && s[1] == s[0]) {
            /* Emphasis: "**", "__", and "***" for bold italics. */
            const char *run = s;
            while (s < end && *s == *run)
                s++;
            continue;
        }
        if (s[0] == '<') {
            size_t tag = html_tag_length(s, end);
            if (tag) {
                /* A block tag between words ("</p><p>", "<br>") separates them; an inline
                 * one ("16<sup>th</sup>") does not. */
                if (is_block_tag(s, tag) && n > 0)
                    pending_space = 1;
                s += tag;
                continue;
            }
        }
        char decoded[4];
        size_t decoded_len = 0, entity_len = 0;
        unsigned long code = s[0] == '&' ? entity_code(s, end, &entity_len) : 0;
        if (code == 0xA0 || (code && code < 0x20)) {
            pending_space = n > 0; /* &nbsp; and control characters are spaces */
            s += entity_len;
            continue;
        }
        if (code && (decoded_len = put_utf8(decoded, code)) > 0 && decoded_len <= entity_len) {
            if (pending_space) {
                out[n++] = ' ';
                pending_space = 0;
            }
            memcpy(out + n, decoded, decoded_len);
            n += decoded_len;
            s += entity_len;
            continue;
        }
        if (pending_space) {
            out[n++] = ' ';
            pending_space = 0;
        }
        out[n++] = *s++;
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

/* The Markdown heading level of a line ("## x" is 2), or 0. */
int
text_markdown_level(const char *s, const char *end)
{
    s = text_skip_spaces(s, end);
    int level = 0;
    while (s < end && *s == '#' && level < 7) {
        s++;
        level++;
    }
    if (level == 0 || level > 6 || (s < end && *s != ' '))
        return 0;
    return level;
}

/* ---- words and lines -------------------------------------------------------------------- */

/* Whether the n bytes at s start with `prefix`, ignoring ASCII case; the prefix ends at its
 * NUL, and no byte past n is read. */
int
text_starts_with_ci(const char *s, size_t n, const char *prefix)
{
    size_t i = 0;
    for (; prefix[i]; i++)
        if (i == n || to_lower(s[i]) != to_lower(prefix[i]))
            return 0;
    return 1;
}

/* Whether the n bytes at s are `word`, ignoring ASCII case and a trailing full stop or colon. */
int
text_equals_ci(const char *s, size_t n, const char *word)
{
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ' '))
        n--;
    return n == strlen(word) && text_starts_with_ci(s, n, word);
}

/* Where `needle` first occurs in the n bytes at s, ignoring ASCII case; NULL if nowhere. */
const char *
text_find_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (k == 0)
        return s;
    /* The first byte, of either case, before the rest: header lines are searched for many
     * phrases, on every block of every document. */
    char lo = to_lower(needle[0]), up = (char)to_upper(lo);
    for (size_t i = 0; i + k <= n; i++)
        if ((s[i] == lo || s[i] == up) && text_starts_with_ci(s + i + 1, n - i - 1, needle + 1))
            return s + i;
    return NULL;
}

/* The next line of the text from *cursor to end; 0 when there is none. */
int
text_next_line(const char **cursor, const char *end, span *out)
{
    if (*cursor >= end)
        return 0;
    const char *nl = memchr(*cursor, '\n', (size_t)(end - *cursor));
    out->s = *cursor;
    out->n = (size_t)((nl ? nl : end) - *cursor);
    *cursor = nl ? nl + 1 : end;
    return 1;
}

/* Drop leading spaces and tabs, and trailing spaces, tabs and punctuation (",;:.-"). */
void
text_trim_span(span *sp)
{
    while (sp->n > 0 && (sp->s[0] == ' ' || sp->s[0] == '\t')) {
        sp->s++;
        sp->n--;
    }
    while (sp->n > 0 && strchr(" \t,;:.-", sp->s[sp->n - 1]))
        sp->n--;
}

/* The words a line splits into at spaces, up to `max`; returns the count. */
size_t
text_split_words(const char *s, size_t n, span *words, size_t max)
{
    size_t count = 0;
    size_t i = 0;
    while (i < n && count < max) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n)
            break;
        size_t start = i;
        while (i < n && s[i] != ' ')
            i++;
        words[count].s = s + start;
        words[count].n = i - start;
        count++;
    }
    return count;
}

/* Whether a paragraph's text holds anything a search could find. */
int
text_has_words(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (is_alpha(s[i]) || is_digit(s[i]) || (unsigned char)s[i] >= 0x80)
            return 1;
    }
    return 0;
}
