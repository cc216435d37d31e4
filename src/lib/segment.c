/* segment.c - splitting a document's text into sections, agenda items and paragraphs, and
 * tagging each paragraph with what the document says about it.
 *
 * The text is cut into lines, the lines into blocks (runs of non-blank lines), and each
 * block into paragraphs: usually the whole block, but one paragraph per entry when the block
 * holds a list, and one per row when it holds a table. Header lines ("Minutes of the Meeting
 * of ...", "Briefing note", "Agenda Item 5", a page left blank) start a new section - an
 * agenda pack holds several documents; a block that is an agenda item's heading starts a
 * new item, and every paragraph up to the next heading belongs to it.
 *
 * A second pass reads each section's header area for its council, board, meeting date and
 * document type, and gives the paragraphs their kinds (resolution, attendance), item types,
 * minute numbers and the minutes they refer to. See segment.h for the rules.
 */
#include "segment.h"

#include <stdint.h>
#include <string.h>

#include "meta.h"

/* Titles longer than this are sentences, not headings. */
#define HEADING_TITLE_MAX 160
/* Item numbers longer than this are not item numbers ("2017. ..." is a year). */
#define ITEM_NUMBER_DIGITS_MAX 3
/* A section's header area - where its council, board and date are written - ends at its
 * first agenda item or attendance list, and is never longer than this many paragraphs. */
#define HEADER_AREA_MAX 12
/* A header line this many paragraphs into a section, before any agenda item, still belongs
 * to it. */
#define SECTION_PREAMBLE_MAX 3
/* A board named only in running text must be named this early in its section. */
#define BOARD_MENTION_PARAS_MAX 8
/* A line longer than this is prose, not a council's name or a date line. */
#define NAME_LINE_MAX 80

typedef struct line {
    size_t start; /* byte offset of the first character (after a BOM on line 1) */
    size_t end;   /* byte offset of the line end, CR and LF excluded */
    int blank;
} line;

/* Where the agenda item being read started. */
typedef struct item_state {
    const char *number;
    const char *title;
    int markdown_level; /* '#' count of its heading; 0 if not a Markdown heading */
} item_state;

/* A line's clean text (see segment_clean_line). */
typedef struct clean_line {
    char *text;
    size_t len;
} clean_line;

/* One document within the text: a pack's agenda, the minutes it carries, a briefing note. */
typedef struct section_info {
    size_t first_para;     /* index of its first paragraph */
    const char *doc_type;  /* as its header says; NULL when it does not say */
    const char *pack_item; /* "5" for a section headed "Agenda Item 5"; NULL otherwise */
} section_info;

typedef struct segmenter {
    const char *text;
    arena *a;
    line *lines;
    size_t line_count;
    paragraph *paras;
    size_t para_count;
    item_state item;

    section_info *sections;
    size_t section_count;
    size_t section_paras;  /* paragraphs of the current section besides header lines */
    size_t section_items;  /* item headings in the current section */
    int header_block;      /* the block being emitted is a section's header line */
    int after_blank_page;  /* "This page is intentionally left blank": a new section next */
    int expect_item_title; /* ModernGov's "Agenda item" page: its title comes next */
} segmenter;

const char *
para_kind_name(para_kind kind)
{
    switch (kind) {
    case PARA_HEADING: return "heading";
    case PARA_LIST_ITEM: return "list-item";
    case PARA_RESOLUTION: return "resolution";
    case PARA_ATTENDANCE: return "attendance";
    case PARA_TABLE_ROW: return "table-row";
    case PARA_TEXT: break;
    }
    return "text";
}

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

static const char *
skip_spaces(const char *s, const char *end)
{
    size_t n;
    while (s < end && (n = space_length(s, end)) > 0)
        s += n;
    return s;
}

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int
is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

/* ---- lines ------------------------------------------------------------------------------ */

static int
line_is_blank(const char *s, const char *end)
{
    return skip_spaces(s, end) == end;
}

static minutes_status
split_lines(segmenter *sg, const char *text, size_t len)
{
    size_t count = 1;
    for (const char *p = text; (p = memchr(p, '\n', (size_t)(text + len - p))) != NULL; p++)
        count++;
    sg->lines = arena_alloc(sg->a, count * sizeof(line));
    if (!sg->lines)
        return MINUTES_NO_MEMORY;

    size_t start = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
    size_t n = 0;
    while (start <= len) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t stop = end;
        if (stop > start && text[stop - 1] == '\r')
            stop--;
        sg->lines[n].start = start;
        sg->lines[n].end = stop;
        sg->lines[n].blank = line_is_blank(text + start, text + stop);
        n++;
        if (!nl)
            break;
        start = end + 1;
    }
    sg->line_count = n;
    return MINUTES_OK;
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
    while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || is_digit(*p)))
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
    while (name + n < s + len &&
           ((name[n] >= 'a' && name[n] <= 'z') || (name[n] >= 'A' && name[n] <= 'Z')))
        n++;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t k = strlen(names[i]);
        if (k != n)
            continue;
        size_t j = 0;
        while (j < k && (name[j] | 0x20) == names[i][j])
            j++;
        if (j == k)
            return 1;
    }
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
segment_clean_line(arena *a, const char *line_text, size_t len, size_t *out_len)
{
    const char *s = line_text;
    const char *end = line_text + len;
    char *out = arena_alloc(a, len + 1);
    if (!out)
        return NULL;

    s = skip_spaces(s, end);
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
static int
markdown_level(const char *s, const char *end)
{
    s = skip_spaces(s, end);
    int level = 0;
    while (s < end && *s == '#' && level < 7) {
        s++;
        level++;
    }
    if (level == 0 || level > 6 || (s < end && *s != ' '))
        return 0;
    return level;
}

/* ---- list entries ----------------------------------------------------------------------- */

static int
is_roman(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != 'i' && s[i] != 'v' && s[i] != 'x')
            return 0;
    return n > 0 && n <= 4;
}

/* If the clean line starts a list entry, the number of bytes of its bullet (which the
 * paragraph text drops) - 0 for a number or letter, which the text keeps - else -1.
 * Bullets: "- ", "* ", "+ ", "• ", "· ", "▪ ", "◦ "; numbers: "1. ", "1) ", "(1) ";
 * letters: "a) ", "(a) ", "iv) ", "(iv) ". */
static int
list_marker(const char *s, size_t n)
{
    static const char *const bullets[] = {
        "-", "*", "+", "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA", "\xE2\x97\xA6"};
    for (size_t i = 0; i < sizeof bullets / sizeof bullets[0]; i++) {
        size_t b = strlen(bullets[i]);
        if (n > b && memcmp(s, bullets[i], b) == 0 && s[b] == ' ')
            return (int)b + 1;
    }

    size_t i = 0;
    int bracketed = n > 0 && s[0] == '(';
    if (bracketed)
        i++;
    size_t first = i;
    while (i < n && is_digit(s[i]) && i - first < ITEM_NUMBER_DIGITS_MAX)
        i++;
    if (i > first) {
        if (i + 1 < n && (s[i] == ')' || (s[i] == '.' && !bracketed)) && s[i + 1] == ' ')
            return 0;
        return -1;
    }
    while (i < n && is_lower(s[i]) && i - first < 4)
        i++;
    size_t letters = i - first;
    if ((letters == 1 || is_roman(s + first, letters)) && i + 1 < n && s[i] == ')' &&
        s[i + 1] == ' ')
        return 0;
    return -1;
}

/* ---- headings --------------------------------------------------------------------------- */

static int
ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static void
trim_trailing_spaces(const char *s, size_t *n)
{
    while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
        (*n)--;
}

/* Drop what publishing systems append to item titles: ModernGov's "pdf icon PDF 312 KB"
 * link text and agenda packs' "(Pages 3 - 6)". */
static void
strip_title_noise(const char *s, size_t *n)
{
    for (int again = 1; again;) {
        again = 0;
        trim_trailing_spaces(s, n);
        if (*n > 0 && s[*n - 1] == ')') {
            const char *open = NULL;
            for (size_t i = *n; i-- > 0;)
                if (s[i] == '(') {
                    open = s + i;
                    break;
                }
            if (open && (size_t)(s + *n - open) > 6 && memcmp(open, "(Page", 5) == 0) {
                *n = (size_t)(open - s);
                again = 1;
                continue;
            }
        }
        if (ends_with(s, *n, " KB") || ends_with(s, *n, " MB")) {
            size_t m = *n - 3;
            while (m > 0 && (is_digit(s[m - 1]) || s[m - 1] == '.'))
                m--;
            if (m < *n - 3 && ends_with(s, m, "pdf icon PDF ")) {
                *n = m - strlen("pdf icon PDF ");
                again = 1;
            }
        }
    }
}

/* Whether a clean line is only a page reference such as "(Pages 7 - 36)". */
static int
is_page_reference(const char *s, size_t n)
{
    size_t m = n;
    strip_title_noise(s, &m);
    return m == 0 && n > 0;
}

/* Whether `s` can be an item title: short, starting like a title, not a sentence. */
static int
is_title(const char *s, size_t n)
{
    if (n == 0 || n > HEADING_TITLE_MAX)
        return 0;
    unsigned char c = (unsigned char)s[0];
    int starts_ok =
        (c >= 'A' && c <= 'Z') || is_digit((char)c) || c == '\'' || c == '"' || c >= 0x80;
    if (!starts_ok)
        return 0;
    char last = s[n - 1];
    return last != '.' && last != ',' && last != ';';
}

/* If the clean line is "N. Title", set the number and title spans and return 1. */
static int
parse_heading(const char *s, size_t n, const char **num, size_t *num_len, const char **title,
              size_t *title_len)
{
    size_t i = 0;
    while (i < n && is_digit(s[i]) && i < ITEM_NUMBER_DIGITS_MAX + 1)
        i++;
    if (i == 0 || i > ITEM_NUMBER_DIGITS_MAX || i + 2 > n || s[i] != '.' || s[i + 1] != ' ')
        return 0;
    const char *t = s + i + 2;
    size_t tn = n - i - 2;
    strip_title_noise(t, &tn);
    if (!is_title(t, tn))
        return 0;
    *num = s;
    *num_len = i;
    *title = t;
    *title_len = tn;
    return 1;
}

/* Whether the clean line is only an item number, "6." - ModernGov puts the title in the next
 * block. */
static int
is_bare_number(const char *s, size_t n, size_t *num_len)
{
    if (n < 2 || n > ITEM_NUMBER_DIGITS_MAX + 1 || s[n - 1] != '.')
        return 0;
    for (size_t i = 0; i + 1 < n; i++)
        if (!is_digit(s[i]))
            return 0;
    *num_len = n - 1;
    return 1;
}

/* ---- words and lines -------------------------------------------------------------------- */

static char
to_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int
is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int
is_alpha(char c)
{
    return is_lower(c) || is_upper(c);
}

/* Whether the n bytes at s start with `prefix`, ignoring ASCII case. */
static int
starts_with_ci(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (to_lower(s[i]) != to_lower(prefix[i]))
            return 0;
    return 1;
}

/* Whether the n bytes at s are `word`, ignoring ASCII case and a trailing full stop or colon. */
static int
equals_ci(const char *s, size_t n, const char *word)
{
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ' '))
        n--;
    return n == strlen(word) && starts_with_ci(s, n, word);
}

/* Where `needle` first occurs in the n bytes at s, ignoring ASCII case; NULL if nowhere. */
static const char *
find_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (starts_with_ci(s + i, n - i, needle))
            return s + i;
    return NULL;
}

/* A line of a paragraph's clean text. */
typedef struct span {
    const char *s;
    size_t n;
} span;

/* The next line of the text from *cursor to end; 0 when there is none. */
static int
next_line(const char **cursor, const char *end, span *out)
{
    if (*cursor >= end)
        return 0;
    const char *nl = memchr(*cursor, '\n', (size_t)(end - *cursor));
    out->s = *cursor;
    out->n = (size_t)((nl ? nl : end) - *cursor);
    *cursor = nl ? nl + 1 : end;
    return 1;
}

static void
trim_span(span *sp)
{
    while (sp->n > 0 && (sp->s[0] == ' ' || sp->s[0] == '\t')) {
        sp->s++;
        sp->n--;
    }
    while (sp->n > 0 && strchr(" \t,;:.-", sp->s[sp->n - 1]))
        sp->n--;
}

/* The words a line splits into at spaces, up to `max`; returns the count. */
static size_t
split_words(const char *s, size_t n, span *words, size_t max)
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

static int
is_weekday(const char *s, size_t n)
{
    static const char *const days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};
    for (size_t i = 0; i < 7; i++)
        if (starts_with_ci(s, n, days[i]))
            return 1;
    return 0;
}

/* ---- what a line says ------------------------------------------------------------------- */

/* Whether a clean line is a council's name and nothing else: "Coventry City Council",
 * "Warwick District Council", "Council of the Isles of Scilly". A council named in passing
 * ("City Council guidelines") is not a header, and an e-mail domain such as coventry.gov.uk
 * is not taken to name a council: mapping domains to names would need a per-council table,
 * so documents that never write their council's name leave it unknown (a sidecar can give
 * it). */
static int
is_council_name(const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0 || n > NAME_LINE_MAX)
        return 0;
    span w[12];
    size_t count = split_words(s, n, w, 12);
    if (count < 2 || count >= 12)
        return 0;
    for (size_t i = 0; i < count; i++) {
        int connector = (w[i].n == 2 && memcmp(w[i].s, "of", 2) == 0) ||
                        (w[i].n == 3 && memcmp(w[i].s, "and", 3) == 0) ||
                        (w[i].n == 3 && memcmp(w[i].s, "the", 3) == 0) ||
                        (w[i].n == 4 && memcmp(w[i].s, "upon", 4) == 0);
        if (!connector && !is_upper(w[i].s[0]))
            return 0;
    }
    if (w[0].n == 7 && memcmp(w[0].s, "Council", 7) == 0)
        return count >= 3 && w[1].n == 2 && memcmp(w[1].s, "of", 2) == 0;
    static const char *const kinds[] = {"City", "Borough", "County", "District", "Town", "Parish"};
    const span *last = &w[count - 1], *kind = &w[count - 2];
    if (last->n != 7 || memcmp(last->s, "Council", 7) != 0)
        return 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kind->n == strlen(kinds[i]) && memcmp(kind->s, kinds[i], kind->n) == 0)
            return count >= 3;
    return 0;
}

/* "Public Business" and its kin divide an agenda: a heading that ends the item before it. */
static int
is_business_heading(const char *s, size_t n)
{
    return equals_ci(s, n, "Public Business") || equals_ci(s, n, "Private Business") ||
           equals_ci(s, n, "Exempt Business");
}

static int
is_blank_page(const char *s, size_t n)
{
    return equals_ci(s, n, "This page is intentionally left blank") ||
           equals_ci(s, n, "This page has been intentionally left blank");
}

/* If the clean line is "Agenda Item 5", the span of its number. */
static int
is_pack_item_header(const char *s, size_t n, span *number)
{
    const char *prefix = "Agenda Item ";
    size_t k = strlen(prefix);
    if (!starts_with_ci(s, n, prefix))
        return 0;
    size_t i = k;
    while (i < n && (is_digit(s[i]) || is_alpha(s[i])) && i - k < ITEM_NUMBER_DIGITS_MAX + 1)
        i++;
    if (i == k || i != n || !is_digit(s[k]))
        return 0;
    number->s = s + k;
    number->n = n - k;
    return 1;
}

/* "Minutes of the Meeting of Cabinet", not the sentence "Minutes of the meeting of Cabinet
 * held on 3 March were approved." */
static int
is_minutes_header(const char *s, size_t n)
{
    if (n == 0 || n > HEADING_TITLE_MAX || s[n - 1] == '.')
        return 0;
    return starts_with_ci(s, n, "Minutes of the Meeting of ") ||
           starts_with_ci(s, n, "Minutes of a Meeting of ") ||
           starts_with_ci(s, n, "Minutes of the Proceedings of ");
}

/* Whether a block's clean lines are a header that starts a section; if so its document type
 * and, for "Agenda Item 5", the pack's item number. */
static int
section_trigger(segmenter *sg, const clean_line *cl, size_t count, const char **doc_type,
                const char **pack_item)
{
    *doc_type = NULL;
    *pack_item = NULL;
    for (size_t i = 0; i < count && i < 4; i++)
        if (is_minutes_header(cl[i].text, cl[i].len)) {
            *doc_type = "minutes";
            return 1;
        }
    if (count != 1)
        return 0;
    const char *s = cl[0].text;
    size_t n = cl[0].len;
    span number;
    if (equals_ci(s, n, "Briefing note"))
        *doc_type = "briefing-note";
    else if (equals_ci(s, n, "Agenda and minutes"))
        *doc_type = "minutes"; /* ModernGov's page of an agenda with its minutes */
    else if (equals_ci(s, n, "Agenda item"))
        *doc_type = "agenda-item"; /* ModernGov's page of one item */
    else if (equals_ci(s, n, "Agenda") || equals_ci(s, n, "Agenda pack"))
        *doc_type = "agenda";
    else if (is_pack_item_header(s, n, &number)) {
        /* A paper filed under an agenda item is a report to the meeting. */
        *doc_type = "report";
        *pack_item = arena_strndup(sg->a, number.s, number.n);
        if (!*pack_item)
            *doc_type = NULL;
    } else if (starts_with_ci(s, n, "Appendix ") && n <= 40 && s[n - 1] != '.')
        *doc_type = "appendix";
    return *doc_type != NULL;
}

/* Whether the clean line says the section is an agenda though no header line says so: an
 * agenda front page's "Time and Date", or an item's "(Pages 7 - 36)". */
static int
is_agenda_sign(const char *s, size_t n)
{
    return equals_ci(s, n, "Time and Date") || equals_ci(s, n, "Date and Time") ||
           find_ci(s, n, "(Pages ") != NULL;
}

/* ---- paragraphs ------------------------------------------------------------------------- */

/* Whether a paragraph's text holds anything a search could find. */
static int
has_words(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit((char)c) || c >= 0x80)
            return 1;
    }
    return 0;
}

static paragraph *
new_paragraph(segmenter *sg, size_t first, size_t last, para_kind kind)
{
    paragraph *p = &sg->paras[sg->para_count];
    memset(p, 0, sizeof *p);
    p->line_first = (unsigned)first + 1;
    p->line_last = (unsigned)last + 1;
    p->offset = sg->lines[first].start;
    p->length = sg->lines[last].end - sg->lines[first].start;
    p->kind = kind;
    p->item_number = sg->item.number;
    p->item_title = sg->item.title;
    p->section = (unsigned)sg->section_count - 1;
    return p;
}

static void
keep_paragraph(segmenter *sg, paragraph *p)
{
    if (!has_words(p->text, p->text_len))
        return;
    p->ordinal = (unsigned)sg->para_count + 1;
    sg->para_count++;
    if (!sg->header_block)
        sg->section_paras++;
    if (p->kind == PARA_HEADING && p->item_number)
        sg->section_items++;
}

/* Whether the current section holds a document of its own, so that a header starts another.
 * A header a few lines into a section - under a board's name or a logo's text - names that
 * section instead. */
static int
section_has_content(const segmenter *sg)
{
    return sg->section_items > 0 || sg->section_paras > SECTION_PREAMBLE_MAX;
}

/* Start an agenda item; `num` may be NULL for an item known only by its title. */
static minutes_status
start_item(segmenter *sg, const char *num, size_t num_len, const char *title, size_t title_len,
           int level)
{
    sg->item.number = num ? arena_strndup(sg->a, num, num_len) : NULL;
    sg->item.title = arena_strndup(sg->a, title, title_len);
    sg->item.markdown_level = level;
    return (sg->item.number || !num) && sg->item.title ? MINUTES_OK : MINUTES_NO_MEMORY;
}

/* A heading paragraph "N. Title" (or "Title" when num is NULL) spanning lines first..last. */
static minutes_status
emit_heading(segmenter *sg, size_t first, size_t last, const char *num, size_t num_len,
             const char *title, size_t title_len, int level)
{
    minutes_status st = start_item(sg, num, num_len, title, title_len, level);
    if (st != MINUTES_OK)
        return st;
    paragraph *p = new_paragraph(sg, first, last, PARA_HEADING);
    size_t prefix = num ? num_len + 2 : 0;
    size_t n = prefix + title_len;
    char *text = arena_alloc(sg->a, n + 1);
    if (!text)
        return MINUTES_NO_MEMORY;
    if (num) {
        memcpy(text, num, num_len);
        memcpy(text + num_len, ". ", 2);
    }
    memcpy(text + prefix, title, title_len);
    text[n] = '\0';
    p->text = text;
    p->text_len = n;
    keep_paragraph(sg, p);
    return MINUTES_OK;
}

static minutes_status
clean_block(segmenter *sg, size_t first, size_t last, clean_line *out)
{
    for (size_t i = first; i <= last; i++) {
        const line *l = &sg->lines[i];
        out[i - first].text =
            segment_clean_line(sg->a, sg->text + l->start, l->end - l->start, &out[i - first].len);
        if (!out[i - first].text)
            return MINUTES_NO_MEMORY;
    }
    return MINUTES_OK;
}

/* Join clean lines first..last of a block into one paragraph of the given kind, dropping
 * `skip` bytes (a bullet) from the first. */
static minutes_status
emit_joined(segmenter *sg, size_t block_first, const clean_line *cl, size_t first, size_t last,
            size_t skip, para_kind kind)
{
    size_t n = 0;
    for (size_t i = first; i <= last; i++)
        n += cl[i].len + 1;
    char *text = arena_alloc(sg->a, n + 1);
    if (!text)
        return MINUTES_NO_MEMORY;
    size_t k = 0;
    for (size_t i = first; i <= last; i++) {
        const char *s = cl[i].text;
        size_t len = cl[i].len;
        if (i == first) {
            s += skip;
            len -= skip;
        }
        if (len == 0)
            continue;
        if (k > 0)
            text[k++] = '\n';
        memcpy(text + k, s, len);
        k += len;
    }
    text[k] = '\0';
    paragraph *p = new_paragraph(sg, block_first + first, block_first + last, kind);
    p->text = text;
    p->text_len = k;
    keep_paragraph(sg, p);
    return MINUTES_OK;
}

/* Lines from..to of a block: one paragraph, or one per list entry. */
static minutes_status
emit_lines(segmenter *sg, size_t block_first, const clean_line *cl, size_t from, size_t to)
{
    size_t entry = from;
    int entry_marker = list_marker(cl[from].text, cl[from].len);
    for (size_t i = from + 1; i <= to + 1; i++) {
        int marker = i <= to ? list_marker(cl[i].text, cl[i].len) : 0;
        if (i <= to && marker < 0)
            continue;
        minutes_status st = emit_joined(sg, block_first, cl, entry, i - 1,
                                        entry_marker > 0 ? (size_t)entry_marker : 0,
                                        entry_marker >= 0 ? PARA_LIST_ITEM : PARA_TEXT);
        if (st != MINUTES_OK)
            return st;
        entry = i;
        entry_marker = marker;
    }
    return MINUTES_OK;
}

/* ---- tables ----------------------------------------------------------------------------- */

/* The number of tab-separated cells of a raw line that hold more than spaces. */
static size_t
filled_cells(const char *s, const char *end)
{
    size_t filled = 0;
    while (s <= end) {
        const char *tab = memchr(s, '\t', (size_t)(end - s));
        const char *cell_end = tab ? tab : end;
        if (skip_spaces(s, cell_end) < cell_end)
            filled++;
        if (!tab)
            break;
        s = tab + 1;
    }
    return filled;
}

static int
line_has_tab(const segmenter *sg, size_t i)
{
    const line *l = &sg->lines[i];
    return memchr(sg->text + l->start, '\t', l->end - l->start) != NULL;
}

/* A block is a table when a line of it has two filled cells; its other tabbed lines (a row
 * with only its first cell filled, such as a group heading) are rows too. */
static int
is_table_block(const segmenter *sg, size_t first, size_t last)
{
    for (size_t i = first; i <= last; i++) {
        const line *l = &sg->lines[i];
        if (filled_cells(sg->text + l->start, sg->text + l->end) >= 2)
            return 1;
    }
    return 0;
}

/* One table row: its cells' clean text joined by " | ", empty cells left out. */
static minutes_status
emit_table_row(segmenter *sg, size_t li)
{
    const line *l = &sg->lines[li];
    const char *s = sg->text + l->start, *end = sg->text + l->end;
    size_t cells = 1;
    for (const char *t = s; t < end; t++)
        cells += *t == '\t';
    char *text = arena_alloc(sg->a, (size_t)(end - s) + 3 * cells + 1);
    if (!text)
        return MINUTES_NO_MEMORY;
    size_t k = 0;
    while (s <= end) {
        const char *tab = memchr(s, '\t', (size_t)(end - s));
        const char *cell_end = tab ? tab : end;
        size_t n;
        char *cell = segment_clean_line(sg->a, s, (size_t)(cell_end - s), &n);
        if (!cell)
            return MINUTES_NO_MEMORY;
        if (has_words(cell, n)) {
            if (k > 0) {
                memcpy(text + k, " | ", 3);
                k += 3;
            }
            memcpy(text + k, cell, n);
            k += n;
        }
        if (!tab)
            break;
        s = tab + 1;
    }
    text[k] = '\0';
    paragraph *p = new_paragraph(sg, li, li, PARA_TABLE_ROW);
    p->text = text;
    p->text_len = k;
    keep_paragraph(sg, p);
    return MINUTES_OK;
}

/* A block of lines first..last that is not a heading: one paragraph per list entry or table
 * row, else one paragraph. */
static minutes_status
emit_block(segmenter *sg, size_t first, size_t last, const clean_line *cl)
{
    size_t count = last - first + 1;
    if (!is_table_block(sg, first, last))
        return emit_lines(sg, first, cl, 0, count - 1);
    for (size_t i = 0; i < count;) {
        minutes_status st;
        if (line_has_tab(sg, first + i)) {
            st = emit_table_row(sg, first + i);
            i++;
        } else {
            size_t j = i;
            while (j + 1 < count && !line_has_tab(sg, first + j + 1))
                j++;
            st = emit_lines(sg, first, cl, i, j);
            i = j + 1;
        }
        if (st != MINUTES_OK)
            return st;
    }
    return MINUTES_OK;
}

/* ---- sections --------------------------------------------------------------------------- */

/* A header line begins a new section unless the current one holds little but header lines
 * (then the header adds to it: "Agenda Item 4" followed by "Briefing note"). The council's
 * name written just above the header belongs to the new section. After a page left blank,
 * anything at all before it is another paper; a plain title there (`weak`) only names the
 * type of a section that has none. */
static void
start_section(segmenter *sg, const char *doc_type, const char *pack_item, int after_blank_page,
              int weak)
{
    int split =
        after_blank_page ? sg->section_paras > 0 || sg->section_items > 0 : section_has_content(sg);
    if (split) {
        section_info *cur = &sg->sections[sg->section_count - 1];
        size_t first = sg->para_count;
        while (first > cur->first_para + 1 &&
               is_council_name(sg->paras[first - 1].text, sg->paras[first - 1].text_len))
            first--;
        section_info *next = &sg->sections[sg->section_count];
        memset(next, 0, sizeof *next);
        next->first_para = first;
        sg->section_count++;
        for (size_t i = first; i < sg->para_count; i++) {
            sg->paras[i].section = (unsigned)sg->section_count - 1;
            sg->paras[i].item_number = NULL;
            sg->paras[i].item_title = NULL;
        }
        sg->section_paras = sg->section_items = 0;
        memset(&sg->item, 0, sizeof sg->item);
    }
    section_info *cur = &sg->sections[sg->section_count - 1];
    if (doc_type && (!weak || !cur->doc_type))
        cur->doc_type = doc_type;
    if (pack_item)
        cur->pack_item = pack_item;
}

/* ---- headings inside blocks ------------------------------------------------------------- */

/* Whether the n bytes at s look like a title in title case: its longer words capitalized. */
static int
is_title_case(const char *s, size_t n)
{
    span w[32];
    size_t count = split_words(s, n, w, 32);
    for (size_t i = 0; i < count; i++)
        if (w[i].n >= 4 && is_lower(w[i].s[0]))
            return 0;
    return count > 0;
}

/* Whether a raw line holds Markdown bold. */
static int
is_bold(const char *raw, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (raw[i] == '*' && raw[i + 1] == '*')
            return 1;
    return 0;
}

/* A part of an agenda item such as "(a) Children & Young People's Plan - Priorities" or
 * "b) Matters Arising" on a line of its own: a heading within the item, not a new item. */
static int
is_part_heading(const char *s, size_t n, const char *raw, size_t raw_len)
{
    if (list_marker(s, n) != 0)
        return 0;
    size_t i = s[0] == '(' ? 1 : 0;
    if (i >= n || !is_lower(s[i]))
        return 0;
    const char *close = memchr(s, ')', n);
    if (!close || (size_t)(close - s) + 2 > n)
        return 0;
    const char *title = close + 2;
    size_t tn = n - (size_t)(title - s);
    return is_title(title, tn) && (is_title_case(title, tn) || is_bold(raw, raw_len));
}

/* Agenda packs run item headings together on one line, each in bold:
 * "Public Business**1. Apologies and Substitutions****2. Declarations of Interests**". If the
 * line at `li` is such a line, emit a heading per item (with the span of its own text) and
 * set *done. */
static minutes_status
split_run_together(segmenter *sg, size_t li, int level, int *done)
{
    enum { RUN_MAX = 32 };
    const line *l = &sg->lines[li];
    const char *raw = sg->text + l->start, *end = sg->text + l->end;
    const char *content = skip_spaces(raw, end);
    while (content < end && *content == '#')
        content++;
    content = skip_spaces(content, end);
    size_t cuts[RUN_MAX + 2];
    size_t ncuts = 0;
    cuts[ncuts++] = (size_t)(content - raw);
    for (const char *p = content + 1; p + 4 <= end && ncuts <= RUN_MAX; p++) {
        if (p[0] != '*' || p[1] != '*')
            continue;
        const char *d = p + 2;
        while (d < end && is_digit(*d) && d - p - 2 < ITEM_NUMBER_DIGITS_MAX)
            d++;
        if (d == p + 2 || d + 1 >= end || d[0] != '.' || d[1] != ' ')
            continue;
        cuts[ncuts++] = (size_t)(p - raw);
        p++;
    }
    *done = 0;
    if (ncuts < 2)
        return MINUTES_OK;
    cuts[ncuts] = (size_t)(end - raw);

    clean_line pieces[RUN_MAX + 1];
    for (size_t i = 0; i < ncuts; i++) {
        pieces[i].text =
            segment_clean_line(sg->a, raw + cuts[i], cuts[i + 1] - cuts[i], &pieces[i].len);
        if (!pieces[i].text)
            return MINUTES_NO_MEMORY;
    }
    const char *num, *title;
    size_t num_len, title_len;
    for (size_t i = 1; i < ncuts; i++)
        if (!parse_heading(pieces[i].text, pieces[i].len, &num, &num_len, &title, &title_len))
            return MINUTES_OK;

    *done = 1;
    for (size_t i = 0; i < ncuts; i++) {
        size_t before = sg->para_count;
        minutes_status st = MINUTES_OK;
        if (parse_heading(pieces[i].text, pieces[i].len, &num, &num_len, &title, &title_len)) {
            st = emit_heading(sg, li, li, num, num_len, title, title_len, level);
        } else {
            /* What precedes the first item, such as "Public Business", heads the items. */
            memset(&sg->item, 0, sizeof sg->item);
            paragraph *p = new_paragraph(sg, li, li, PARA_HEADING);
            p->text = pieces[i].text;
            p->text_len = pieces[i].len;
            keep_paragraph(sg, p);
        }
        if (st != MINUTES_OK)
            return st;
        if (sg->para_count > before) {
            paragraph *p = &sg->paras[sg->para_count - 1];
            p->offset = l->start + cuts[i];
            p->length = cuts[i + 1] - cuts[i];
        }
    }
    return MINUTES_OK;
}

/* Index of the first line of the next block after line i, or line_count. */
static size_t
next_block(const segmenter *sg, size_t i)
{
    while (i < sg->line_count && sg->lines[i].blank)
        i++;
    return i;
}

static size_t
block_end(const segmenter *sg, size_t first)
{
    size_t last = first;
    while (last + 1 < sg->line_count && !sg->lines[last + 1].blank)
        last++;
    return last;
}

/* A block that is a section's header: noted, and kept as one heading paragraph. */
static minutes_status
emit_header_block(segmenter *sg, size_t first, size_t last, const clean_line *cl)
{
    sg->header_block = 1;
    minutes_status st = emit_joined(sg, first, cl, 0, last - first, 0, PARA_HEADING);
    sg->header_block = 0;
    return st;
}

/* Segment the block first..last; *resume is set to the line after what was consumed (a
 * ModernGov heading consumes the next block too). */
static minutes_status
segment_block(segmenter *sg, size_t first, size_t last, size_t *resume)
{
    size_t count = last - first + 1;
    clean_line *cl = arena_alloc(sg->a, count * sizeof(clean_line));
    if (!cl)
        return MINUTES_NO_MEMORY;
    minutes_status st = clean_block(sg, first, last, cl);
    if (st != MINUTES_OK)
        return st;
    *resume = last + 1;

    if (count == 1 && is_blank_page(cl[0].text, cl[0].len)) {
        sg->after_blank_page = 1; /* the page says nothing; what follows is a new paper */
        return MINUTES_OK;
    }
    const char *doc_type, *pack_item;
    if (section_trigger(sg, cl, count, &doc_type, &pack_item)) {
        start_section(sg, doc_type, pack_item, sg->after_blank_page, 0);
        sg->after_blank_page = 0;
        sg->expect_item_title = strcmp(doc_type, "agenda-item") == 0;
        return emit_header_block(sg, first, last, cl);
    }
    if (sg->after_blank_page) {
        start_section(sg, "appendix", NULL, 1, 1);
        sg->after_blank_page = 0;
    }
    section_info *section = &sg->sections[sg->section_count - 1];
    for (size_t i = 0; i < count && !section->doc_type; i++)
        if (is_agenda_sign(cl[i].text, cl[i].len))
            section->doc_type = "agenda";
    if (count == 1 && is_council_name(cl[0].text, cl[0].len))
        return emit_header_block(sg, first, last, cl);

    if (sg->expect_item_title) {
        /* ModernGov's "Agenda item" page: the next line is the item's title; it has no
         * number. */
        sg->expect_item_title = 0;
        size_t tn = cl[0].len;
        strip_title_noise(cl[0].text, &tn);
        if (count == 1 && is_title(cl[0].text, tn))
            return emit_heading(sg, first, last, NULL, 0, cl[0].text, tn, 0);
    }

    /* Page references on their own lines belong to the heading above them. */
    size_t content = count;
    while (content > 1 && is_page_reference(cl[content - 1].text, cl[content - 1].len))
        content--;

    const line *l = &sg->lines[first];
    int level = markdown_level(sg->text + l->start, sg->text + l->end);
    if (content == 1) {
        int done;
        st = split_run_together(sg, first, level, &done);
        if (st != MINUTES_OK || done)
            return st;

        const char *num, *title;
        size_t num_len, title_len;
        if (parse_heading(cl[0].text, cl[0].len, &num, &num_len, &title, &title_len))
            return emit_heading(sg, first, last, num, num_len, title, title_len, level);

        if (is_bare_number(cl[0].text, cl[0].len, &num_len)) {
            size_t t_first = next_block(sg, last + 1);
            if (t_first < sg->line_count && block_end(sg, t_first) == t_first) {
                const line *tl = &sg->lines[t_first];
                size_t tn;
                char *t = segment_clean_line(sg->a, sg->text + tl->start, tl->end - tl->start, &tn);
                if (!t)
                    return MINUTES_NO_MEMORY;
                strip_title_noise(t, &tn);
                if (is_title(t, tn)) {
                    *resume = t_first + 1;
                    return emit_heading(sg, first, t_first, cl[0].text, num_len, t, tn, 0);
                }
            }
        }

        if (is_business_heading(cl[0].text, cl[0].len) && level == 0)
            memset(&sg->item, 0, sizeof sg->item);
        if (level > 0) {
            /* A Markdown heading that is not an item's, such as "## Public Business": a
             * higher-level one ends the current item. */
            if (sg->item.markdown_level > 0 && level < sg->item.markdown_level)
                memset(&sg->item, 0, sizeof sg->item);
        }
        if (level > 0 || is_business_heading(cl[0].text, cl[0].len) ||
            (count == 1 &&
             is_part_heading(cl[0].text, cl[0].len, sg->text + l->start, l->end - l->start))) {
            paragraph *p = new_paragraph(sg, first, last, PARA_HEADING);
            p->text = cl[0].text;
            p->text_len = cl[0].len;
            keep_paragraph(sg, p);
            return MINUTES_OK;
        }
    }
    return emit_block(sg, first, last, cl);
}

/* ---- the header area: council, board and meeting date ---------------------------------- */

/* What a section's header says about its meeting. */
typedef struct section_meta {
    const char *council;
    span board;
    int board_rank; /* how directly the board is named: lower is better */
    char date[11];
    int date_rank; /* how surely the date is the meeting's: lower is better */
} section_meta;

#define RANK_NONE 99

static int
is_body_keyword(const char *s, size_t n)
{
    static const char *const words[] = {"Board", "Committee", "Sub-Committee", "Panel",
                                        "Commission"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (n == strlen(words[i]) && memcmp(s, words[i], n) == 0)
            return 1;
    return 0;
}

static int
is_connector(const span *w)
{
    static const char *const words[] = {"and", "&", "of", "for", "the", "on"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (w->n == strlen(words[i]) && memcmp(w->s, words[i], w->n) == 0)
            return 1;
    return 0;
}

/* A board named in running text - "The Education and Children's Services Scrutiny Board
 * (2) received ..." - as "Education and Children's Services Scrutiny Board (2)": capitalized
 * words (and "and", "of", ...) before "Board", "Committee" or "Panel", and a "(2)" after.
 * In running text three words at least, so that "the Scrutiny Board" does not pass for a
 * name; a line of its own may be shorter ("Audit Committee"). */
static int
find_board_mention(const char *s, size_t n, size_t min_words, span *out)
{
    enum { WORDS_MAX = 128 };
    span w[WORDS_MAX];
    size_t count = split_words(s, n, w, WORDS_MAX);
    for (size_t i = 0; i < count; i++) {
        size_t wn = w[i].n;
        while (wn > 0 && strchr(",.;:", w[i].s[wn - 1]))
            wn--;
        if (!is_body_keyword(w[i].s, wn))
            continue;
        size_t j = i;
        while (j > 0) {
            const span *prev = &w[j - 1];
            if (strchr(",.;:", prev->s[prev->n - 1]))
                break;
            if (!is_connector(prev) && !is_upper(prev->s[0]))
                break;
            j--;
        }
        while (j < i && (is_connector(&w[j]) || (w[j].n == 3 && memcmp(w[j].s, "The", 3) == 0)))
            j++;
        if (i - j + 1 < min_words)
            continue;
        const char *end = w[i].s + wn;
        if (wn == w[i].n && i + 1 < count && w[i + 1].s[0] == '(') {
            const char *close = memchr(w[i + 1].s, ')', w[i + 1].n);
            if (close && close - w[i + 1].s <= 4)
                end = close + 1;
        }
        out->s = w[j].s;
        out->n = (size_t)(end - w[j].s);
        return 1;
    }
    return 0;
}

/* ModernGov's page title "Education and Children's Services Scrutiny Board (2) - Thursday,
 * 16th September, 2021 10.30 am": the board before the dash, the meeting's date after it. */
static int
is_moderngov_title(const char *s, size_t n, span *board, char date[11])
{
    for (size_t i = 1; i + 3 < n; i++) {
        size_t dash = 0;
        if (s[i] == ' ' && s[i + 1] == '-' && s[i + 2] == ' ')
            dash = 3;
        else if (s[i] == ' ' && i + 5 <= n && memcmp(s + i + 1, "\xE2\x80\x93 ", 4) == 0)
            dash = 5; /* an en dash */
        if (!dash)
            continue;
        const char *rest = s + i + dash;
        size_t rn = n - i - dash;
        if (!is_weekday(rest, rn) || !is_title_case(s, i) || i > NAME_LINE_MAX + 40)
            return 0;
        if (!meta_find_date(rest, rn < 48 ? rn : 48, date))
            return 0;
        board->s = s;
        board->n = i;
        trim_span(board);
        return board->n > 0 && is_upper(board->s[0]);
    }
    return 0;
}

/* If the line is a label announcing the meeting's date ("Time and Date", "Date:"), returns 1
 * and points `rest` at what follows the label on the same line. */
static int
is_date_label(const char *s, size_t n, span *rest)
{
    static const char *const labels[] = {"Time and Date", "Date and Time", "Date of Meeting",
                                         "Meeting Date", "Date"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        size_t k = strlen(labels[i]);
        if (equals_ci(s, n, labels[i])) {
            rest->s = s + n;
            rest->n = 0;
            return 1;
        }
        if (starts_with_ci(s, n, labels[i]) && n > k && s[k] == ':') {
            rest->s = s + k + 1;
            rest->n = n - k - 1;
            return 1;
        }
    }
    return 0;
}

/* A paragraph that is a date and nothing more ("16 September 2021" under a briefing note's
 * "To:" line). */
static int
is_date_line(const paragraph *p, char date[11])
{
    const char *s = p->text;
    size_t n = p->text_len;
    if (n == 0 || n > 50 || memchr(s, '\n', n) || strchr(".:;", s[n - 1]))
        return 0;
    return (is_digit(s[0]) || is_weekday(s, n)) && meta_find_date(s, n, date);
}

static void
set_date(section_meta *m, int rank, const char *date)
{
    if (rank < m->date_rank) {
        memcpy(m->date, date, 11);
        m->date_rank = rank;
    }
}

static void
set_board(section_meta *m, int rank, span board)
{
    trim_span(&board);
    if (rank < m->board_rank && board.n > 0) {
        m->board = board;
        m->board_rank = rank;
    }
}

/* Whether the paragraph opens the attendance list. */
static int
is_present_line(const paragraph *p)
{
    const char *s = p->text;
    size_t n = p->text_len;
    return (starts_with_ci(s, n, "Present") && (n == 7 || s[7] == ':' || s[7] == '\n')) ||
           starts_with_ci(s, n, "Members present");
}

/* Read lines of a section's header area - up to its first agenda item, "Present:" or
 * "Public Business" - for its board and meeting date, and the whole section for the
 * council's name. Dates are taken only where the header says they are the meeting's ("held
 * at 2.00 pm on ...", "Time and Date", ModernGov's title, a date line of its own), never
 * from a publication date or a deadline further down. */
static void
read_header(const segmenter *sg, size_t first, size_t end, section_meta *m)
{
    memset(m, 0, sizeof *m);
    m->board_rank = m->date_rank = RANK_NONE;
    size_t header_end = first;
    while (header_end < end && header_end - first < HEADER_AREA_MAX) {
        const paragraph *p = &sg->paras[header_end];
        if ((p->kind == PARA_HEADING && p->item_number) || is_present_line(p) ||
            (p->kind == PARA_HEADING && is_business_heading(p->text, p->text_len)))
            break;
        header_end++;
    }

    int label_pending = 0;
    char date[11];
    for (size_t i = first; i < header_end; i++) {
        const paragraph *p = &sg->paras[i];
        const char *cursor = p->text, *text_end = p->text + p->text_len;
        span l, rest, board;
        while (next_line(&cursor, text_end, &l)) {
            trim_span(&l);
            if (label_pending && meta_find_date(l.s, l.n, date))
                set_date(m, 0, date);
            label_pending = 0;
            if (is_minutes_header(l.s, l.n)) {
                const char *of = find_ci(l.s + 8, l.n - 8, " of ") + 4; /* after "Meeting" */
                board.s = of;
                board.n = (size_t)(l.s + l.n - of);
                const char *held = find_ci(board.s, board.n, " held ");
                if (held) {
                    board.n = (size_t)(held - board.s);
                    if (meta_find_date(held, (size_t)(l.s + l.n - held), date))
                        set_date(m, 0, date);
                }
                set_board(m, 0, board);
            } else if (starts_with_ci(l.s, l.n, "held ")) {
                if (meta_find_date(l.s, l.n, date))
                    set_date(m, 0, date);
            } else if (is_date_label(l.s, l.n, &rest)) {
                if (meta_find_date(rest.s, rest.n, date))
                    set_date(m, 0, date);
                else
                    label_pending = 1;
            } else if (starts_with_ci(l.s, l.n, "To:")) {
                board.s = l.s + 3;
                board.n = l.n - 3;
                set_board(m, 1, board);
            } else if (is_moderngov_title(l.s, l.n, &board, date)) {
                set_board(m, 2, board);
                set_date(m, 0, date);
            }
        }
        if (is_date_line(p, date))
            set_date(m, 1, date);
        span whole = {p->text, p->text_len}, name;
        trim_span(&whole);
        if (find_board_mention(whole.s, whole.n, 2, &name) && name.s == whole.s &&
            name.n == whole.n)
            set_board(m, 3, name);
    }

    /* A board named only in the text, early on. */
    for (size_t i = first; i < end && i - first < BOARD_MENTION_PARAS_MAX && !m->board.n; i++) {
        span board;
        if (find_board_mention(sg->paras[i].text, sg->paras[i].text_len, 3, &board))
            set_board(m, 4, board);
    }

    for (size_t i = first; i < end && !m->council; i++) {
        const char *cursor = sg->paras[i].text, *text_end = cursor + sg->paras[i].text_len;
        span l;
        while (!m->council && next_line(&cursor, text_end, &l)) {
            trim_span(&l);
            if (is_council_name(l.s, l.n))
                m->council = arena_strndup(sg->a, l.s, l.n);
        }
    }
}

/* ---- what a paragraph is ---------------------------------------------------------------- */

static int
is_resolution(const char *s, size_t n)
{
    return starts_with_ci(s, n, "RESOLVED") &&
           (memcmp(s, "RESOLVED", 8) == 0 || starts_with_ci(s, n, "resolved that") ||
            (n > 8 && strchr(":-,", s[8])) || starts_with_ci(s, n, "resolved \xE2\x80\x93"));
}

static int
is_resolution_paragraph(const paragraph *p)
{
    const char *s = p->text;
    size_t n = p->text_len;
    if (starts_with_ci(s, n, "It was "))
        return is_resolution(s + 7, n - 7);
    return is_resolution(s, n);
}

/* A resolution that introduces a list: "RESOLVED that", "RESOLVED that the Board:". */
static int
is_resolution_lead_in(const paragraph *p)
{
    span t = {p->text, p->text_len};
    while (t.n > 0 && t.s[t.n - 1] == ' ')
        t.n--;
    if (t.n == 0)
        return 0;
    char last = t.s[t.n - 1];
    return last == ':' || last == '-' || (t.n >= 4 && starts_with_ci(t.s + t.n - 4, 4, "that")) ||
           equals_ci(t.s, t.n, "RESOLVED");
}

/* A briefing note's numbered section heading, "1 Purpose of the Note" (no full stop after the
 * number, so not an agenda item). */
static int
is_note_heading(const paragraph *p)
{
    const char *s = p->text;
    size_t n = p->text_len;
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i == 0 || i > 2 || i + 1 >= n || s[i] != ' ' || !is_upper(s[i + 1]))
        return 0;
    char date[11];
    if (memchr(s, '\n', n) || strchr(".,;:", s[n - 1]) || meta_find_date(s, n, date))
        return 0;
    span w[10];
    return split_words(s, n, w, 10) <= 9;
}

/* ---- minute references ------------------------------------------------------------------ */

/* "84/16", "63/2015": the number and year of a minute reference at s[*i]; normalized (no
 * leading zeros, two-digit year) into out. */
static int
read_minute_ref(const char *s, size_t n, size_t *i, char *out, size_t out_size)
{
    size_t j = *i, start = j;
    while (j < n && is_digit(s[j]) && j - start < 4)
        j++;
    if (j == start || j >= n || s[j] != '/')
        return 0;
    size_t num_end = j++;
    size_t year_start = j;
    while (j < n && is_digit(s[j]) && j - year_start < 4)
        j++;
    size_t year_len = j - year_start;
    if ((year_len != 2 && year_len != 4) || (j < n && (is_digit(s[j]) || s[j] == '/')))
        return 0;
    while (start + 1 < num_end && s[start] == '0')
        start++;
    size_t num_len = num_end - start;
    if (num_len + 4 > out_size)
        return 0;
    memcpy(out, s + start, num_len);
    out[num_len] = '/';
    memcpy(out + num_len + 1, s + j - 2, 2);
    out[num_len + 3] = '\0';
    *i = j;
    return 1;
}

/* The minutes a paragraph refers to: "minute 84/16", "Minute 63/15 refers", "minutes 9/16
 * and 10/16", "min. 4/21". */
static minutes_status
find_minute_refs(arena *a, paragraph *p)
{
    const char *s = p->text;
    size_t n = p->text_len;
    size_t slashes = 0;
    for (size_t i = 0; i < n; i++)
        slashes += s[i] == '/';
    if (slashes == 0)
        return MINUTES_OK;
    const char **refs = NULL;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && is_alpha(s[i - 1]))
            continue;
        size_t j;
        if (starts_with_ci(s + i, n - i, "minutes"))
            j = i + 7;
        else if (starts_with_ci(s + i, n - i, "minute"))
            j = i + 6;
        else if (starts_with_ci(s + i, n - i, "min."))
            j = i + 4;
        else
            continue;
        while (j < n && s[j] == ' ')
            j++;
        if (starts_with_ci(s + j, n - j, "no.") || starts_with_ci(s + j, n - j, "no "))
            for (j += 3; j < n && s[j] == ' ';)
                j++;
        char ref[16];
        while (read_minute_ref(s, n, &j, ref, sizeof ref)) {
            int seen = 0;
            for (size_t k = 0; k < count; k++)
                seen |= strcmp(refs[k], ref) == 0;
            if (!seen) {
                if (!refs && !(refs = arena_alloc(a, slashes * sizeof *refs)))
                    return MINUTES_NO_MEMORY;
                if (!(refs[count++] = arena_strndup(a, ref, strlen(ref))))
                    return MINUTES_NO_MEMORY;
            }
            /* A list of references: "9/16, 10/16 and 11/16". */
            size_t k = j;
            while (k < n && (s[k] == ' ' || s[k] == ',' || s[k] == '&'))
                k++;
            if (starts_with_ci(s + k, n - k, "and "))
                k += 4;
            while (k < n && s[k] == ' ')
                k++;
            j = k;
        }
        i = j > i ? j - 1 : i;
    }
    p->minute_refs = refs;
    p->minute_ref_count = count;
    return MINUTES_OK;
}

/* ---- metadata --------------------------------------------------------------------------- */

static const char *
copy_string(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* The first section that is an agenda: the pack's front page, which names the items that
 * the papers after it belong to. */
static const section_info *
pack_agenda(const segmenter *sg, size_t *first, size_t *end)
{
    for (size_t s = 0; s < sg->section_count; s++) {
        if (!sg->sections[s].doc_type || strcmp(sg->sections[s].doc_type, "agenda") != 0)
            continue;
        *first = sg->sections[s].first_para;
        *end = s + 1 < sg->section_count ? sg->sections[s + 1].first_para : sg->para_count;
        return &sg->sections[s];
    }
    return NULL;
}

/* The pack agenda's heading for item `number`, or for the item titled `title`. */
static const paragraph *
agenda_item(const segmenter *sg, const char *number, const char *title)
{
    size_t first, end;
    if (!pack_agenda(sg, &first, &end))
        return NULL;
    char *want = title ? meta_name_id(sg->a, title, strlen(title)) : NULL;
    for (size_t i = first; i < end; i++) {
        const paragraph *p = &sg->paras[i];
        if (p->kind != PARA_HEADING || !p->item_number || !p->item_title)
            continue;
        if (number && strcmp(p->item_number, number) == 0)
            return p;
        if (want) {
            char *id = meta_name_id(sg->a, p->item_title, strlen(p->item_title));
            if (id && strcmp(id, want) == 0)
                return p;
        }
    }
    return NULL;
}

/* Papers outside the agenda's numbered headings still belong to an item: a briefing note to
 * the item its Subject names, a paper headed "Agenda Item 5" to item 5. */
static minutes_status
assign_paper_item(segmenter *sg, size_t s, size_t first, size_t end)
{
    const section_info *sec = &sg->sections[s];
    const char *number = sec->pack_item, *title = NULL;
    int briefing = sec->doc_type && strcmp(sec->doc_type, "briefing-note") == 0;
    for (size_t i = first; briefing && i < end && i - first < HEADER_AREA_MAX && !title; i++) {
        const paragraph *p = &sg->paras[i];
        if (starts_with_ci(p->text, p->text_len, "Subject:")) {
            span t = {p->text + 8, p->text_len - 8};
            const char *nl = memchr(t.s, '\n', t.n);
            if (nl)
                t.n = (size_t)(nl - t.s);
            trim_span(&t);
            if (t.n && !(title = arena_strndup(sg->a, t.s, t.n)))
                return MINUTES_NO_MEMORY;
        }
    }
    if (!number && !title)
        return MINUTES_OK;
    const paragraph *listed = agenda_item(sg, number, title);
    if (listed) {
        number = listed->item_number;
        if (!title)
            title = listed->item_title;
    }
    for (size_t i = first; i < end; i++)
        if (!sg->paras[i].item_number && !sg->paras[i].item_title) {
            sg->paras[i].item_number = number;
            sg->paras[i].item_title = title;
        }
    return MINUTES_OK;
}

/* Kinds that need the paragraphs around them: the attendance list from "Present:" to the
 * first heading, and the list entries of a resolution. */
static void
assign_kinds(segmenter *sg, size_t first, size_t end, const char *doc_type)
{
    int attendance = 0, resolution_list = 0;
    int note =
        doc_type && (strcmp(doc_type, "briefing-note") == 0 || strcmp(doc_type, "report") == 0);
    for (size_t i = first; i < end; i++) {
        paragraph *p = &sg->paras[i];
        if (p->kind == PARA_HEADING || p->kind == PARA_TABLE_ROW) {
            attendance = resolution_list = 0;
            continue;
        }
        int resolution = is_resolution_paragraph(p);
        if (is_present_line(p))
            attendance = 1;
        if (attendance && !resolution) {
            p->kind = PARA_ATTENDANCE;
            continue;
        }
        attendance = 0;
        if (resolution) {
            p->kind = PARA_RESOLUTION;
            resolution_list = is_resolution_lead_in(p);
            continue;
        }
        if (resolution_list && p->kind == PARA_LIST_ITEM) {
            p->kind = PARA_RESOLUTION;
            continue;
        }
        resolution_list = 0;
        if (note && p->kind == PARA_TEXT && is_note_heading(p))
            p->kind = PARA_HEADING;
    }
}

static int
is_doc_type(const char *doc_type, const char *want)
{
    return doc_type && strcmp(doc_type, want) == 0;
}

/* Fill every paragraph's meeting, item type, kind, minute number and references. */
static minutes_status
annotate(segmenter *sg, const para_meeting *sidecar, segmentation *out)
{
    size_t count = sg->section_count;
    section_meta *metas = arena_alloc(sg->a, count * sizeof *metas);
    para_meeting *meetings = arena_alloc(sg->a, count * sizeof *meetings);
    if (!metas || !meetings)
        return MINUTES_NO_MEMORY;

    const char *doc_council = NULL;
    span doc_board = {NULL, 0};
    const char *pack_date = NULL;
    for (size_t s = 0; s < count; s++) {
        size_t first = sg->sections[s].first_para;
        size_t end = s + 1 < count ? sg->sections[s + 1].first_para : sg->para_count;
        read_header(sg, first, end, &metas[s]);
        if (!doc_council)
            doc_council = metas[s].council;
        if (!doc_board.n)
            doc_board = metas[s].board;
        if (!pack_date && metas[s].date_rank != RANK_NONE &&
            is_doc_type(sg->sections[s].doc_type, "agenda"))
            pack_date = metas[s].date;
    }

    for (size_t s = 0; s < count; s++) {
        section_meta *m = &metas[s];
        para_meeting *mt = &meetings[s];
        memset(mt, 0, sizeof *mt);
        const char *doc_type = sg->sections[s].doc_type;
        mt->doc_type = doc_type;
        /* A section that does not name its council or board is the document's. */
        mt->council = m->council ? m->council : doc_council;
        span board = m->board.n ? m->board : doc_board;
        if (board.n && !(mt->board = arena_strndup(sg->a, board.s, board.n)))
            return MINUTES_NO_MEMORY;
        const char *date = NULL;
        if (m->date_rank != RANK_NONE) {
            date = m->date;
        } else if (pack_date &&
                   (is_doc_type(doc_type, "report") || is_doc_type(doc_type, "appendix") ||
                    is_doc_type(doc_type, "briefing-note"))) {
            /* A paper in an agenda pack is presented to the pack's meeting. */
            date = pack_date;
        }
        if (date && !(mt->date = arena_strndup(sg->a, date, 10)))
            return MINUTES_NO_MEMORY;
        if (sidecar) {
            if (sidecar->council)
                mt->council = copy_string(sg->a, sidecar->council);
            if (sidecar->board)
                mt->board = copy_string(sg->a, sidecar->board);
            if (sidecar->date)
                mt->date = copy_string(sg->a, sidecar->date);
            if (sidecar->doc_type)
                mt->doc_type = copy_string(sg->a, sidecar->doc_type);
            if (sidecar->source_url)
                mt->source_url = copy_string(sg->a, sidecar->source_url);
        }
        if (sidecar && sidecar->board_id)
            mt->board_id = copy_string(sg->a, sidecar->board_id);
        else if (mt->board)
            mt->board_id = meta_name_id(sg->a, mt->board, strlen(mt->board));
        if ((sidecar && ((sidecar->council && !mt->council) || (sidecar->board && !mt->board) ||
                         (sidecar->date && !mt->date) || (sidecar->doc_type && !mt->doc_type) ||
                         (sidecar->source_url && !mt->source_url))))
            return MINUTES_NO_MEMORY;

        size_t first = sg->sections[s].first_para;
        size_t end = s + 1 < count ? sg->sections[s + 1].first_para : sg->para_count;
        minutes_status st = assign_paper_item(sg, s, first, end);
        if (st != MINUTES_OK)
            return st;
        assign_kinds(sg, first, end, mt->doc_type);

        /* Only minutes number their items; an agenda's item 3 has no minute yet. */
        int numbered = is_doc_type(mt->doc_type, "minutes") && mt->date;
        const char *last_item = NULL, *last_minute = NULL;
        for (size_t i = first; i < end; i++) {
            paragraph *p = &sg->paras[i];
            p->meeting = mt;
            p->item_type = p->item_title || p->item_number ? meta_item_type(p->item_title) : NULL;
            if (numbered && p->item_number) {
                if (p->item_number != last_item) {
                    last_item = p->item_number;
                    last_minute = meta_minute_number(sg->a, p->item_number, mt->date);
                }
                p->minute_number = last_minute;
            }
            if ((st = find_minute_refs(sg->a, p)) != MINUTES_OK)
                return st;
            if (!mt->date)
                out->undated++;
        }
    }
    return MINUTES_OK;
}

/* ---- the document ----------------------------------------------------------------------- */

minutes_status
segment_document(const char *text, size_t len, const para_meeting *sidecar, arena *a,
                 segmentation *out)
{
    segmenter sg;
    memset(&sg, 0, sizeof sg);
    memset(out, 0, sizeof *out);
    sg.text = text;
    sg.a = a;

    minutes_status st = split_lines(&sg, text, len);
    if (st != MINUTES_OK)
        return st;

    /* No block gives more paragraphs than it has lines, except a line of run-together
     * headings, which gives one per "**". */
    size_t max_paras = 1;
    for (size_t i = 0; i < sg.line_count; i++)
        max_paras += !sg.lines[i].blank;
    size_t sections_max = max_paras;
    for (size_t i = 0; i + 1 < len; i++)
        max_paras += text[i] == '*' && text[i + 1] == '*';
    sg.paras = arena_alloc(a, max_paras * sizeof(paragraph));
    sg.sections = arena_alloc(a, sections_max * sizeof(section_info));
    if (!sg.paras || !sg.sections)
        return MINUTES_NO_MEMORY;
    memset(&sg.sections[0], 0, sizeof sg.sections[0]);
    sg.section_count = 1;

    size_t i = next_block(&sg, 0);
    while (i < sg.line_count) {
        size_t resume;
        st = segment_block(&sg, i, block_end(&sg, i), &resume);
        if (st != MINUTES_OK)
            return st;
        i = next_block(&sg, resume);
    }
    out->paras = sg.paras;
    out->count = sg.para_count;
    return annotate(&sg, sidecar, out);
}
