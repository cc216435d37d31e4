/* emit.c - the paragraphs the segmenter writes out: a block of lines as one paragraph, or one
 * per list entry or table row, an agenda item's heading, a section's header, the headings of
 * a line that runs several together. Each paragraph carries the current item and section and
 * is kept only if it holds words.
 *
 * segment.c decides what a block is; these functions write it out, and keep the segmenter's
 * counts of what the current section holds (see segment-internal.h).
 */
#include "segment-internal.h"

#include <string.h>

/* ---- paragraphs ------------------------------------------------------------------------- */

/* A paragraph of the given kind and clean text, from the start of line `first` to byte `end`
 * on line number `line_last`, under the current item and section; kept if its text holds
 * anything a search could find. */
void
emit_span(segmenter *sg, const line *first, unsigned line_last, size_t end, para_kind kind,
          const char *text, size_t len)
{
    paragraph *p = &sg->paras[sg->para_count];
    memset(p, 0, sizeof *p);
    p->line_first = first->number;
    p->line_last = line_last;
    p->page = first->page;
    p->offset = first->start;
    p->length = end - first->start;
    p->kind = kind;
    p->item_number = sg->item.number;
    p->item_title = sg->item.title;
    p->section = (unsigned)sg->section_count - 1;
    p->text = text;
    p->text_len = len;
    if (!text_has_words(text, len))
        return;
    p->ordinal = (unsigned)sg->para_count + 1;
    sg->para_count++;
    if (!sg->header_block)
        sg->section_paras++;
    if (kind == PARA_HEADING && p->item_number)
        sg->section_items++;
}

/* A paragraph of the given kind and clean text, spanning lines first..last. */
void
emit_text(segmenter *sg, size_t first, size_t last, para_kind kind, const char *text, size_t len)
{
    emit_span(sg, &sg->lines[first], sg->lines[last].number, sg->lines[last].end, kind, text,
              len);
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
minutes_status
emit_heading(segmenter *sg, size_t first, size_t last, const char *num, size_t num_len,
             const char *title, size_t title_len, int level)
{
    minutes_status st = start_item(sg, num, num_len, title, title_len, level);
    if (st != MINUTES_OK)
        return st;
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
    emit_text(sg, first, last, PARA_HEADING, text, n);
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
    emit_text(sg, block_first + first, block_first + last, kind, text, k);
    return MINUTES_OK;
}

/* Lines from..to of a block: one paragraph, or one per list entry. */
static minutes_status
emit_lines(segmenter *sg, size_t block_first, const clean_line *cl, size_t from, size_t to)
{
    size_t entry = from;
    int entry_marker = heading_list_marker(cl[from].text, cl[from].len);
    for (size_t i = from + 1; i <= to + 1; i++) {
        int marker = i <= to ? heading_list_marker(cl[i].text, cl[i].len) : 0;
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

/* A block that is a section's header: noted, and kept as one heading paragraph. */
minutes_status
emit_header_block(segmenter *sg, size_t first, size_t last, const clean_line *cl)
{
    sg->header_block = 1;
    minutes_status st = emit_joined(sg, first, cl, 0, last - first, 0, PARA_HEADING);
    sg->header_block = 0;
    return st;
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
        if (text_skip_spaces(s, cell_end) < cell_end)
            filled++;
        if (!tab)
            break;
        s = tab + 1;
    }
    return filled;
}

/* Whether raw line i holds a tab. */
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
        char *cell = text_clean_line(sg->a, s, (size_t)(cell_end - s), &n);
        if (!cell)
            return MINUTES_NO_MEMORY;
        if (text_has_words(cell, n)) {
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
    emit_text(sg, li, li, PARA_TABLE_ROW, text, k);
    return MINUTES_OK;
}

/* A block of lines first..last that is not a heading: one paragraph per list entry or table
 * row, else one paragraph. */
minutes_status
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

/* ---- headings run together -------------------------------------------------------------- */

/* Agenda packs run item headings together on one line, each in bold:
 * "Public Business**1. Apologies and Substitutions****2. Declarations of Interests**". If the
 * line at `li` is such a line, emit a heading per item (with the span of its own text) and
 * set *done. */
minutes_status
emit_run_together(segmenter *sg, size_t li, int level, int *done)
{
    enum { RUN_MAX = 32 };
    const line *l = &sg->lines[li];
    const char *raw = sg->text + l->start, *end = sg->text + l->end;
    const char *content = text_skip_spaces(raw, end);
    while (content < end && *content == '#')
        content++;
    content = text_skip_spaces(content, end);
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
            text_clean_line(sg->a, raw + cuts[i], cuts[i + 1] - cuts[i], &pieces[i].len);
        if (!pieces[i].text)
            return MINUTES_NO_MEMORY;
    }
    const char *num, *title;
    size_t num_len, title_len;
    for (size_t i = 1; i < ncuts; i++)
        if (!heading_parse(pieces[i].text, pieces[i].len, &num, &num_len, &title, &title_len))
            return MINUTES_OK;

    *done = 1;
    for (size_t i = 0; i < ncuts; i++) {
        size_t before = sg->para_count;
        minutes_status st = MINUTES_OK;
        if (heading_parse(pieces[i].text, pieces[i].len, &num, &num_len, &title, &title_len)) {
            st = emit_heading(sg, li, li, num, num_len, title, title_len, level);
        } else {
            /* What precedes the first item, such as "Public Business", heads the items. */
            memset(&sg->item, 0, sizeof sg->item);
            emit_text(sg, li, li, PARA_HEADING, pieces[i].text, pieces[i].len);
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
