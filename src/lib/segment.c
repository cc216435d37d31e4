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
 *
 * This file is the driver: lines, blocks and what each block is, and the second pass. What
 * it asks of a line, a section or a paragraph is answered by text.c (characters and clean
 * text), heading.c (list markers and headings), header.c (what a header line says),
 * section.c (sections), meeting.c (a section's meeting) and para.c (paragraph kinds and
 * minute references); emit.c writes the paragraphs out. segment-internal.h declares what
 * they share.
 */
#include "segment-internal.h"

#include <string.h>

#include "meta.h"

/* ---- lines ------------------------------------------------------------------------------ */

/* The end of the line that starts at `start`: its LF, or a form feed (a page break in a
 * paginated source), or the end of the text. */
static const char *
line_break(const char *text, size_t start, size_t len)
{
    for (const char *p = text + start; p < text + len; p++)
        if (*p == '\n' || *p == '\f')
            return p;
    return NULL;
}

/* Cut the text into lines. A form feed - the reader keeps them only for paginated sources,
 * where each ends a page - ends a line and is followed by a blank line of its own, so that no
 * paragraph runs across a page break; it does not count as a line end for line numbers. When
 * the text holds a form feed, every line's page is 1 + the form feeds before it; else 0. */
static minutes_status
split_lines(segmenter *sg, const char *text, size_t len)
{
    size_t count = 1;
    int paginated = 0;
    for (size_t i = 0; i < len; i++) {
        count += text[i] == '\n' ? 1 : text[i] == '\f' ? 2 : 0;
        paginated |= text[i] == '\f';
    }
    int capped = count > SEGMENT_MAX_LINES;
    if (capped)
        count = SEGMENT_MAX_LINES;
    sg->lines = arena_alloc(sg->a, count * sizeof(line));
    if (!sg->lines)
        return MINUTES_NO_MEMORY;

    size_t start = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
    size_t n = 0;
    unsigned number = 1, page = paginated ? 1 : 0;
    while (start <= len) {
        if (capped && n + 2 > count) { /* the lines past the limit: the plain rest */
            sg->rest_offset = start;
            sg->rest_line = number;
            break;
        }
        const char *nl = line_break(text, start, len);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t stop = end;
        if (stop > start && text[stop - 1] == '\r')
            stop--;
        sg->lines[n].start = start;
        sg->lines[n].end = stop;
        sg->lines[n].blank = text_is_blank(text + start, text + stop);
        sg->lines[n].number = number;
        sg->lines[n].page = page;
        n++;
        if (!nl)
            break;
        if (*nl == '\f') {
            /* The page break: a blank line that ends the page's last paragraph. */
            sg->lines[n] = (line){end, end, 1, number, page};
            n++;
            page++;
        } else {
            number++;
        }
        start = end + 1;
    }
    sg->line_count = n;
    return MINUTES_OK;
}

/* ---- blocks ----------------------------------------------------------------------------- */

/* The clean text of lines first..last, into out. */
static minutes_status
clean_block(segmenter *sg, size_t first, size_t last, clean_line *out)
{
    for (size_t i = first; i <= last; i++) {
        const line *l = &sg->lines[i];
        out[i - first].text =
            text_clean_line(sg->a, sg->text + l->start, l->end - l->start, &out[i - first].len);
        if (!out[i - first].text)
            return MINUTES_NO_MEMORY;
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

/* Index of the last line of the block that starts at line `first`. */
static size_t
block_end(const segmenter *sg, size_t first)
{
    size_t last = first;
    while (last + 1 < sg->line_count && !sg->lines[last + 1].blank)
        last++;
    return last;
}

/* ModernGov's item history gives a block per meeting that took the item: "Meeting:
 * 14/11/2024 - Children's Select Committee (Item 46)". Each is a meeting of its own, a
 * section, of the same item: its number from the line, its title kept. */
static minutes_status
read_meeting_line(segmenter *sg, size_t first, const clean_line *cl, const header_line *h)
{
    if (!h->new_meeting)
        return MINUTES_OK;
    item_state item = sg->item;
    section_start(sg, "agenda-item", NULL, 0, 0);
    sg->item = item;
    /* The line itself is the meeting's header, read for its board and date: it comes
     * before the item's heading. */
    emit_header_block(sg, first, first, cl);
    if (h->item_number.n) {
        sg->item.number = arena_strndup(sg->a, h->item_number.s, h->item_number.n);
        if (!sg->item.number)
            return MINUTES_NO_MEMORY;
    }
    sg->meeting_item = sg->item.number ? sg->item.number : "";
    return MINUTES_OK;
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

    if (count == 1 && section_is_blank_page(cl[0].text, cl[0].len)) {
        sg->after_blank_page = 1; /* the page says nothing; what follows is a new paper */
        return MINUTES_OK;
    }
    /* The block's first lines as header lines, read once. */
    header_line hl[SECTION_HEADER_LINES];
    for (size_t i = 0; i < count && i < SECTION_HEADER_LINES; i++)
        header_read_line(cl[i].text, cl[i].len, &hl[i]);
    const char *meeting_item = sg->meeting_item;
    sg->meeting_item = NULL;
    if (count == 1)
        st = read_meeting_line(sg, first, cl, &hl[0]);
    if (st != MINUTES_OK || sg->meeting_item)
        return st;
    const char *doc_type, *pack_item;
    /* After ModernGov's "Agenda item", a title such as "Minutes" is the item's, not a page's
     * (but "Agenda item" printed again is the page's title again). */
    const char *again = sg->expect_item_title && count == 1
                            ? header_page_title(cl[0].text, cl[0].len) : NULL;
    int item_title_next = sg->expect_item_title && count == 1 &&
                          !is_doc_type(again, "agenda-item") && !is_doc_type(again, "decision");
    if (!item_title_next && section_trigger(sg->a, cl, hl, count, &doc_type, &pack_item)) {
        section_start(sg, doc_type, pack_item, sg->after_blank_page, 0);
        sg->after_blank_page = 0;
        /* The pages of one item, or one decision, give its title on the next line. */
        const char *page = count == 1 ? header_page_title(cl[0].text, cl[0].len) : NULL;
        sg->expect_item_title = is_doc_type(page, "agenda-item") || is_doc_type(page, "decision");
        return emit_header_block(sg, first, last, cl);
    }
    if (meeting_item && count == 1) {
        /* After "Meeting: ... (Item 46)", ModernGov's "46 Title pdf icon PDF 256 KB" (or
         * "46. Title"). */
        size_t k = strlen(meeting_item), tn;
        size_t point = cl[0].len > k && cl[0].text[k] == '.';
        if (cl[0].len > k + point + 1 && memcmp(cl[0].text, meeting_item, k) == 0 &&
            cl[0].text[k + point] == ' ') {
            const char *t = cl[0].text + k + point + 1;
            tn = cl[0].len - k - point - 1;
            heading_strip_title_noise(t, &tn);
            if (heading_is_title(t, tn))
                return emit_heading(sg, first, last, meeting_item, k, t, tn, 0);
        }
    }
    if (sg->after_blank_page) {
        section_start(sg, "appendix", NULL, 1, 1);
        sg->after_blank_page = 0;
    }
    section_info *section = &sg->sections[sg->section_count - 1];
    if (!section->doc_type)
        section->doc_type = section_label_doc_type(hl, count);
    for (size_t i = 0; i < count && !section->doc_type; i++)
        if (section_is_agenda_sign(cl[i].text, cl[i].len))
            section->doc_type = "agenda";
    if (count == 1 && body_is_council_name(cl[0].text, cl[0].len))
        return emit_header_block(sg, first, last, cl);

    if (sg->expect_item_title) {
        /* ModernGov's "Agenda item" page: the next line is the item's title; it has no
         * number. */
        sg->expect_item_title = 0;
        size_t tn = cl[0].len;
        heading_strip_title_noise(cl[0].text, &tn);
        if (count == 1 && heading_is_title(cl[0].text, tn))
            return emit_heading(sg, first, last, NULL, 0, cl[0].text, tn, 0);
    }

    /* Page references on their own lines belong to the heading above them. */
    size_t content = count;
    while (content > 1 && heading_is_page_reference(cl[content - 1].text, cl[content - 1].len))
        content--;

    const line *l = &sg->lines[first];
    int level = text_markdown_level(sg->text + l->start, sg->text + l->end);
    if (content == 1) {
        int done;
        st = emit_run_together(sg, first, level, &done);
        if (st != MINUTES_OK || done)
            return st;

        const char *num, *title;
        size_t num_len, title_len;
        if (heading_parse(cl[0].text, cl[0].len, &num, &num_len, &title, &title_len))
            return emit_heading(sg, first, last, num, num_len, title, title_len, level);

        if (heading_is_bare_number(cl[0].text, cl[0].len, &num_len)) {
            size_t t_first = next_block(sg, last + 1);
            if (t_first < sg->line_count && block_end(sg, t_first) == t_first) {
                const line *tl = &sg->lines[t_first];
                size_t tn;
                char *t = text_clean_line(sg->a, sg->text + tl->start, tl->end - tl->start, &tn);
                if (!t)
                    return MINUTES_NO_MEMORY;
                heading_strip_title_noise(t, &tn);
                if (heading_is_title(t, tn)) {
                    *resume = t_first + 1;
                    return emit_heading(sg, first, t_first, cl[0].text, num_len, t, tn, 0);
                }
            }
        }

        if (heading_is_business(cl[0].text, cl[0].len) && level == 0)
            memset(&sg->item, 0, sizeof sg->item);
        if (level > 0) {
            /* A Markdown heading that is not an item's, such as "## Public Business": a
             * higher-level one ends the current item. */
            if (sg->item.markdown_level > 0 && level < sg->item.markdown_level)
                memset(&sg->item, 0, sizeof sg->item);
        }
        if (level > 0 || heading_is_business(cl[0].text, cl[0].len) ||
            (count == 1 &&
             heading_is_part(cl[0].text, cl[0].len, sg->text + l->start, l->end - l->start))) {
            emit_text(sg, first, last, PARA_HEADING, cl[0].text, cl[0].len);
            return MINUTES_OK;
        }
    }
    return emit_block(sg, first, last, cl);
}

/* ---- the second pass -------------------------------------------------------------------- */

/* Fill every paragraph's meeting, item type, kind, minute number and references. */
static minutes_status
annotate(segmenter *sg, const para_meeting *sidecar, segmentation *out)
{
    para_meeting *meetings = meeting_read_sections(sg, sidecar);
    if (!meetings)
        return MINUTES_NO_MEMORY;
    for (size_t s = 0; s < sg->section_count; s++) {
        const para_meeting *mt = &meetings[s];
        size_t first = sg->sections[s].first_para;
        size_t end = section_end(sg, s);
        minutes_status st = section_assign_paper_item(sg, s);
        if (st != MINUTES_OK)
            return st;
        para_assign_kinds(sg->paras + first, end - first, mt->doc_type);
        const char *page_type = section_page_item_type(sg, s, mt->doc_type);

        /* Only minutes number their items; an agenda's item 3 has no minute yet. A number
         * is indexed where the text prints one, or where the council's scheme makes one. */
        int minutes = is_doc_type(mt->doc_type, "minutes");
        int printed = minutes || is_doc_type(mt->doc_type, "agenda-item") ||
                      is_doc_type(mt->doc_type, "decision");
        int numbered = minutes && mt->date && meta_numbers_minutes(mt->council_id);
        const char *last_item = NULL, *last_minute = NULL;
        const char *printed_minute = NULL, *printed_item = NULL; /* and the item it is of */
        for (size_t i = first; i < end; i++) {
            paragraph *p = &sg->paras[i];
            p->meeting = mt;
            if (p->item_number != printed_item || (p->kind == PARA_HEADING && p->item_number))
                printed_minute = NULL;
            size_t k = printed ? meta_read_minute(p->text, p->text_len) : 0;
            if (k && !(printed_minute = arena_strndup(sg->a, p->text, k)))
                return MINUTES_NO_MEMORY;
            if (k)
                printed_item = p->item_number;
            p->item_type = page_type                           ? page_type
                           : p->item_title || p->item_number ? meta_item_type(p->item_title)
                                                             : NULL;
            if (numbered && p->item_number) {
                if (p->item_number != last_item) {
                    last_item = p->item_number;
                    last_minute = meta_minute_number(sg->a, p->item_number, mt->date);
                }
                p->minute_number = last_minute;
            }
            if (printed_minute)
                p->minute_number = printed_minute;
            if ((st = para_find_minute_refs(sg->a, p)) != MINUTES_OK)
                return st;
            if (!mt->date)
                out->undated++;
        }
    }
    return MINUTES_OK;
}

/* ---- the document ----------------------------------------------------------------------- */

/* Where to cut `len` bytes of text to leave at most `max`: at the last space or newline
 * before the limit, else at the last UTF-8 character boundary. */
static size_t
chunk_end(const char *text, size_t len, size_t max)
{
    if (len <= max)
        return len;
    for (size_t i = max; i > max / 2; i--)
        if (text[i] == ' ' || text[i] == '\n')
            return i;
    size_t i = max;
    while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
        i--;
    return i ? i : max;
}

/* A paragraph longer than SEGMENT_PARA_MAX (a file that is one enormous line, a table dumped
 * without line breaks) becomes several, so that no one document costs the index unbounded
 * memory and a hit still shows a readable extract. The pieces keep the paragraph's place in
 * the file and its metadata; ordinals are numbered afresh. */
static minutes_status
split_long_paragraphs(arena *a, segmentation *seg)
{
    size_t extra = 0;
    for (size_t i = 0; i < seg->count; i++)
        if (seg->paras[i].text_len > SEGMENT_PARA_MAX)
            extra += seg->paras[i].text_len / (SEGMENT_PARA_MAX / 2);
    if (extra == 0)
        return MINUTES_OK;
    paragraph *paras = arena_alloc(a, (seg->count + extra) * sizeof *paras);
    if (!paras)
        return MINUTES_NO_MEMORY;
    size_t n = 0;
    for (size_t i = 0; i < seg->count; i++) {
        const paragraph *p = &seg->paras[i];
        size_t done = 0;
        do {
            size_t take = chunk_end(p->text + done, p->text_len - done, SEGMENT_PARA_MAX);
            paras[n] = *p;
            paras[n].text = arena_strndup(a, p->text + done, take);
            if (!paras[n].text)
                return MINUTES_NO_MEMORY;
            paras[n].text_len = take;
            paras[n].ordinal = (unsigned)n + 1;
            n++;
            done += take;
            while (done < p->text_len && (p->text[done] == ' ' || p->text[done] == '\n'))
                done++;
        } while (done < p->text_len);
    }
    seg->paras = paras;
    seg->count = n;
    return MINUTES_OK;
}

/* At most how many paragraphs segment_block can make of the block at line `first` (and the
 * block after it, which a ModernGov heading takes too): one per line, and one per "**" of a
 * line of run-together headings. */
static size_t
block_paragraphs_bound(const segmenter *sg, size_t first)
{
    size_t last = block_end(sg, first), next = next_block(sg, last + 1);
    if (next < sg->line_count)
        last = block_end(sg, next);
    size_t bound = last - first + 1;
    for (size_t i = sg->lines[first].start; i + 1 < sg->lines[last].end; i++)
        bound += sg->text[i] == '*' && sg->text[i + 1] == '*';
    return bound;
}

/* The text from line `first` (or from the lines past SEGMENT_MAX_LINES) to the end as one
 * plain paragraph of the current item, which split_long_paragraphs cuts into pieces. */
static minutes_status
emit_rest(segmenter *sg, size_t first, segmentation *out)
{
    size_t offset = first < sg->line_count ? sg->lines[first].start : sg->rest_offset;
    unsigned number = first < sg->line_count ? sg->lines[first].number : sg->rest_line;
    size_t len = sg->len - offset;
    while (len && (sg->text[offset + len - 1] == '\n' || sg->text[offset + len - 1] == '\r'))
        len--; /* the last line is the last with text */
    unsigned last = number;
    for (size_t i = offset; i < offset + len; i++)
        last += sg->text[i] == '\n';
    /* A long rest is cut into copies; a short one is copied here. */
    const char *text = len > SEGMENT_PARA_MAX ? sg->text + offset
                                              : arena_strndup(sg->a, sg->text + offset, len);
    if (!text)
        return MINUTES_NO_MEMORY;
    line start = {offset, offset, 0, number, first < sg->line_count ? sg->lines[first].page : 0};
    size_t before = sg->para_count;
    emit_span(sg, &start, last, offset + len, PARA_TEXT, text, len);
    if (sg->para_count > before)
        out->plain_from_line = number;
    return MINUTES_OK;
}

minutes_status
segment_document(const char *text, size_t len, const para_meeting *sidecar, arena *a,
                 segmentation *out)
{
    segmenter sg;
    memset(&sg, 0, sizeof sg);
    memset(out, 0, sizeof *out);
    sg.text = text;
    sg.len = len;
    sg.a = a;

    minutes_status st = split_lines(&sg, text, len);
    if (st != MINUTES_OK)
        return st;

    /* No block gives more paragraphs than it has lines, except a line of run-together
     * headings, which gives one per "**"; and no document more than SEGMENT_MAX_PARAS, and
     * the plain rest. */
    size_t max_paras = 1;
    for (size_t i = 0; i < sg.line_count; i++)
        max_paras += !sg.lines[i].blank;
    size_t sections_max = max_paras;
    for (size_t i = 0; i + 1 < len && max_paras <= SEGMENT_MAX_PARAS; i++)
        max_paras += text[i] == '*' && text[i + 1] == '*';
    if (max_paras > SEGMENT_MAX_PARAS)
        max_paras = SEGMENT_MAX_PARAS;
    max_paras++;
    sg.paras = arena_alloc(a, max_paras * sizeof(paragraph));
    sg.sections = arena_alloc(a, sections_max * sizeof(section_info));
    if (!sg.paras || !sg.sections)
        return MINUTES_NO_MEMORY;
    memset(&sg.sections[0], 0, sizeof sg.sections[0]);
    sg.section_count = 1;

    size_t i = next_block(&sg, 0);
    while (i < sg.line_count) {
        if (sg.para_count + block_paragraphs_bound(&sg, i) > SEGMENT_MAX_PARAS)
            break;
        size_t resume;
        st = segment_block(&sg, i, block_end(&sg, i), &resume);
        if (st != MINUTES_OK)
            return st;
        i = next_block(&sg, resume);
    }
    if (i < sg.line_count || sg.rest_offset)
        st = emit_rest(&sg, i, out);
    if (st != MINUTES_OK)
        return st;
    out->paras = sg.paras;
    out->count = sg.para_count;
    st = annotate(&sg, sidecar, out);
    return st == MINUTES_OK ? split_long_paragraphs(a, out) : st;
}
