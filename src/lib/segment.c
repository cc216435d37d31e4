/* segment.c - splitting a document's text into paragraphs and tagging their agenda items.
 *
 * The text is cut into lines, the lines into blocks (runs of non-blank lines), and each
 * block into paragraphs: usually the whole block, but one paragraph per entry when the block
 * holds a list. A block that is an agenda item's heading starts a new item; every paragraph
 * up to the next heading belongs to it. See segment.h for the rules.
 */
#include "segment.h"

#include <stdint.h>
#include <string.h>

/* Titles longer than this are sentences, not headings. */
#define HEADING_TITLE_MAX 160
/* Item numbers longer than this are not item numbers ("2017. ..." is a year). */
#define ITEM_NUMBER_DIGITS_MAX 3

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

typedef struct segmenter {
    const char *text;
    arena *a;
    line *lines;
    size_t line_count;
    paragraph *paras;
    size_t para_count;
    item_state item;
} segmenter;

const char *
para_kind_name(para_kind kind)
{
    switch (kind) {
    case PARA_HEADING: return "heading";
    case PARA_LIST_ITEM: return "list-item";
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
            s += 2; /* emphasis: "**" or "__" */
            continue;
        }
        if (s[0] == '<') {
            size_t tag = html_tag_length(s, end);
            if (tag) {
                s += tag;
                continue;
            }
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
    return p;
}

static void
keep_paragraph(segmenter *sg, paragraph *p)
{
    if (!has_words(p->text, p->text_len))
        return;
    p->ordinal = (unsigned)sg->para_count + 1;
    sg->para_count++;
}

static minutes_status
start_item(segmenter *sg, const char *num, size_t num_len, const char *title, size_t title_len,
           int level)
{
    sg->item.number = arena_strndup(sg->a, num, num_len);
    sg->item.title = arena_strndup(sg->a, title, title_len);
    sg->item.markdown_level = level;
    return sg->item.number && sg->item.title ? MINUTES_OK : MINUTES_NO_MEMORY;
}

/* A heading paragraph "N. Title" spanning lines first..last. */
static minutes_status
emit_heading(segmenter *sg, size_t first, size_t last, const char *num, size_t num_len,
             const char *title, size_t title_len, int level)
{
    minutes_status st = start_item(sg, num, num_len, title, title_len, level);
    if (st != MINUTES_OK)
        return st;
    paragraph *p = new_paragraph(sg, first, last, PARA_HEADING);
    size_t n = num_len + 2 + title_len;
    char *text = arena_alloc(sg->a, n + 1);
    if (!text)
        return MINUTES_NO_MEMORY;
    memcpy(text, num, num_len);
    memcpy(text + num_len, ". ", 2);
    memcpy(text + num_len + 2, title, title_len);
    text[n] = '\0';
    p->text = text;
    p->text_len = n;
    keep_paragraph(sg, p);
    return MINUTES_OK;
}

typedef struct clean_line {
    char *text;
    size_t len;
} clean_line;

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

/* Join clean lines first..last of a block into one paragraph's text, dropping the bullet of
 * the first. */
static minutes_status
emit_text(segmenter *sg, size_t block_first, const clean_line *cl, size_t first, size_t last,
          int marker)
{
    para_kind kind = marker >= 0 ? PARA_LIST_ITEM : PARA_TEXT;
    size_t skip = marker > 0 ? (size_t)marker : 0;
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

/* A block of lines first..last that is not a heading: one paragraph, or one per list entry. */
static minutes_status
emit_block(segmenter *sg, size_t first, size_t last, const clean_line *cl)
{
    size_t count = last - first + 1;
    size_t entry = 0;
    int entry_marker = list_marker(cl[0].text, cl[0].len);
    for (size_t i = 1; i < count; i++) {
        int marker = list_marker(cl[i].text, cl[i].len);
        if (marker < 0)
            continue;
        minutes_status st = emit_text(sg, first, cl, entry, i - 1, entry_marker);
        if (st != MINUTES_OK)
            return st;
        entry = i;
        entry_marker = marker;
    }
    return emit_text(sg, first, cl, entry, count - 1, entry_marker);
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

    /* Page references on their own lines belong to the heading above them. */
    size_t content = count;
    while (content > 1 && is_page_reference(cl[content - 1].text, cl[content - 1].len))
        content--;

    const line *l = &sg->lines[first];
    int level = markdown_level(sg->text + l->start, sg->text + l->end);
    if (content == 1) {
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

        if (level > 0) {
            /* A Markdown heading that is not an item's, such as "## Public Business": a
             * higher-level one ends the current item. */
            if (sg->item.markdown_level > 0 && level < sg->item.markdown_level)
                memset(&sg->item, 0, sizeof sg->item);
            paragraph *p = new_paragraph(sg, first, last, PARA_HEADING);
            p->text = cl[0].text;
            p->text_len = cl[0].len;
            keep_paragraph(sg, p);
            return MINUTES_OK;
        }
    }
    return emit_block(sg, first, last, cl);
}

minutes_status
segment_document(const char *text, size_t len, arena *a, segmentation *out)
{
    segmenter sg;
    memset(&sg, 0, sizeof sg);
    memset(out, 0, sizeof *out);
    sg.text = text;
    sg.a = a;

    minutes_status st = split_lines(&sg, text, len);
    if (st != MINUTES_OK)
        return st;

    /* No block gives more paragraphs than it has lines. */
    size_t max_paras = 0;
    for (size_t i = 0; i < sg.line_count; i++)
        max_paras += !sg.lines[i].blank;
    sg.paras = arena_alloc(a, (max_paras ? max_paras : 1) * sizeof(paragraph));
    if (!sg.paras)
        return MINUTES_NO_MEMORY;

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
    return MINUTES_OK;
}
