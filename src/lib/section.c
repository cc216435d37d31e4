/* section.c - the documents within a document's text: where each starts, and the agenda
 * item a paper of a pack belongs to.
 *
 * An agenda pack holds several documents: its agenda, earlier minutes, briefing notes,
 * reports and appendices. A header line ("Minutes of the Meeting of ...", "Briefing note",
 * "Agenda Item 5") or a page left blank starts a new section. Once all paragraphs are cut,
 * a paper filed under an agenda item gets that item, and a page of one item its type; each
 * section's meeting is meeting.c's.
 */
#include "segment-internal.h"

#include <string.h>

#include "meta.h"

/* A header line this many paragraphs into a section, before any agenda item, still belongs
 * to it. */
#define SECTION_PREAMBLE_MAX 3

/* ---- header lines: what starts a section ------------------------------------------------ */

int
section_is_blank_page(const char *s, size_t n)
{
    return text_equals_ci(s, n, "This page is intentionally left blank") ||
           text_equals_ci(s, n, "This page has been intentionally left blank");
}

/* If the clean line is "Agenda Item 5", the span of its number. */
static int
is_pack_item_header(const char *s, size_t n, span *number)
{
    const char *prefix = "Agenda Item ";
    size_t k = strlen(prefix);
    if (!text_starts_with_ci(s, n, prefix))
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

/* Whether a block's clean lines, whose first ones `hl` are as header.c reads them, are a
 * header that starts a section; if so its document type and, for "Agenda Item 5", the
 * pack's item number. */
int
section_trigger(arena *a, const clean_line *cl, const header_line *hl, size_t count,
                const char **doc_type, const char **pack_item)
{
    *doc_type = NULL;
    *pack_item = NULL;
    for (size_t i = 0; i < count && i < SECTION_HEADER_LINES; i++)
        if (hl[i].doc_type && hl[i].title) {
            *doc_type = hl[i].doc_type;
            return 1;
        }
    const char *s = cl[0].text;
    size_t n = cl[0].len;
    span number;
    /* A page's title, also atop a block of lines run together (text copied from a page). */
    if ((*doc_type = header_page_title(s, n)) != NULL)
        return 1;
    if (count != 1)
        return 0;
    if (is_pack_item_header(s, n, &number)) {
        /* A paper filed under an agenda item is a report to the meeting. */
        *doc_type = "report";
        *pack_item = arena_strndup(a, number.s, number.n);
        if (!*pack_item)
            *doc_type = NULL;
    } else if (text_starts_with_ci(s, n, "Appendix ") && n <= 40 && s[n - 1] != '.')
        *doc_type = "appendix";
    return *doc_type != NULL;
}

/* The document type a labelled field announces ("Decision Maker:", "Date of decision:"
 * in a decision record) among a block's first lines `hl`, for a section that has none yet;
 * NULL if none. */
const char *
section_label_doc_type(const header_line *hl, size_t count)
{
    for (size_t i = 0; i < count && i < SECTION_HEADER_LINES; i++)
        if (hl[i].doc_type && !hl[i].title)
            return hl[i].doc_type;
    return NULL;
}

/* Whether the clean line says the section is an agenda though no header line says so: an
 * agenda front page's "Time and Date", or an item's "(Pages 7 - 36)". */
int
section_is_agenda_sign(const char *s, size_t n)
{
    return text_equals_ci(s, n, "Time and Date") || text_equals_ci(s, n, "Date and Time") ||
           text_find_ci(s, n, "(Pages ") != NULL ||
           /* an agenda's table of items; an item that says what the meeting is to do */
           text_starts_with_ci(s, n, "Item no. ") || text_starts_with_ci(s, n, "Item No Agenda") ||
           (heading_list_marker(s, n) && (text_find_ci(s, n < 16 ? n : 16, " To receive ") ||
                                          text_find_ci(s, n < 16 ? n : 16, " To consider ")));
}

/* ---- sections --------------------------------------------------------------------------- */

/* Whether the current section holds a document of its own, so that a header starts another.
 * A header a few lines into a section - under a board's name or a logo's text - names that
 * section instead. */
static int
section_has_content(const segmenter *sg)
{
    return sg->section_items > 0 || sg->section_paras > SECTION_PREAMBLE_MAX;
}

/* A header line begins a new section unless the current one holds little but header lines
 * (then the header adds to it: "Agenda Item 4" followed by "Briefing note"). The council's
 * name written just above the header belongs to the new section. After a page left blank,
 * anything at all before it is another paper; a plain title there (`weak`) only names the
 * type of a section that has none. */
void
section_start(segmenter *sg, const char *doc_type, const char *pack_item, int after_blank_page,
              int weak)
{
    /* Lines before any header - a site's navigation, the board's name, the date - are the
     * page's preamble: a header there names the section they are in. */
    /* Nor does a title that repeats the section's type ("Agenda" on a CMIS meeting's page
     * of agenda documents) start another. */
    const char *current = sg->sections[sg->section_count - 1].doc_type;
    int split = after_blank_page ? sg->section_paras > 0 || sg->section_items > 0
                                 : section_has_content(sg) && current &&
                                       !(doc_type && strcmp(current, doc_type) == 0 && !pack_item &&
                                         !is_doc_type(doc_type, "minutes"));
    if (split) {
        section_info *cur = &sg->sections[sg->section_count - 1];
        size_t first = sg->para_count;
        while (first > cur->first_para + 1 &&
               body_is_council_name(sg->paras[first - 1].text, sg->paras[first - 1].text_len))
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

/* The index of the paragraph after section s: the next section's first, or the end. */
size_t
section_end(const segmenter *sg, size_t s)
{
    return s + 1 < sg->section_count ? sg->sections[s + 1].first_para : sg->para_count;
}

/* ---- papers of a pack ------------------------------------------------------------------- */

/* The first section that is an agenda: the pack's front page, which names the items that
 * the papers after it belong to. */
static const section_info *
pack_agenda(const segmenter *sg, size_t *first, size_t *end)
{
    for (size_t s = 0; s < sg->section_count; s++) {
        if (!is_doc_type(sg->sections[s].doc_type, "agenda"))
            continue;
        *first = sg->sections[s].first_para;
        *end = section_end(sg, s);
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

/* Papers outside the agenda's numbered headings still belong to an item: section s, if it is
 * such a paper, gets its item: a briefing note to
 * the item its Subject names, a paper headed "Agenda Item 5" to item 5. */
minutes_status
section_assign_paper_item(segmenter *sg, size_t s)
{
    const section_info *sec = &sg->sections[s];
    size_t first = sec->first_para, end = section_end(sg, s);
    const char *number = sec->pack_item, *title = NULL;
    int briefing = is_doc_type(sec->doc_type, "briefing-note");
    for (size_t i = first; briefing && i < end && i - first < HEADER_AREA_MAX && !title; i++) {
        const paragraph *p = &sg->paras[i];
        if (text_starts_with_ci(p->text, p->text_len, "Subject:")) {
            span t = {p->text + 8, p->text_len - 8};
            const char *nl = memchr(t.s, '\n', t.n);
            if (nl)
                t.n = (size_t)(nl - t.s);
            text_trim_span(&t);
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

/* ---- the item of a page of one item ----------------------------------------------------- */

/* Whether a paragraph is one of the labels a decision is given under on an item's page. */
static int
is_decision_label(const paragraph *p)
{
    return text_starts_with_ci(p->text, p->text_len, "Decision:") ||
           text_starts_with_ci(p->text, p->text_len, "Decisions:") ||
           text_starts_with_ci(p->text, p->text_len, "Penderfyniad:") ||
           text_starts_with_ci(p->text, p->text_len, "Reason for Decision") ||
           text_starts_with_ci(p->text, p->text_len, "Reasons for Decision") ||
           text_starts_with_ci(p->text, p->text_len, "Implementation of Decision");
}

const char *
section_page_item_type(const segmenter *sg, size_t s, const char *doc_type)
{
    /* A decision record is one decision. */
    if (is_doc_type(doc_type, "decision"))
        return "decision";
    int report = is_doc_type(doc_type, "report") || is_doc_type(doc_type, "briefing-note");
    if (!is_doc_type(doc_type, "agenda-item") && !report)
        return NULL;
    size_t first = sg->sections[s].first_para, end = section_end(sg, s);
    int decision = 0, minutes = 0;
    const paragraph *titled = NULL, *body = NULL;
    for (size_t i = first; i < end; i++) {
        const paragraph *p = &sg->paras[i];
        decision |= is_decision_label(p);
        minutes |= text_starts_with_ci(p->text, p->text_len, "Minutes:");
        if (!titled && p->item_title)
            titled = p;
        /* (Not a label such as "Minutes:": the words after it.) */
        if (!body && p->kind != PARA_HEADING && !p->item_title && p->text_len &&
            p->text[p->text_len - 1] != ':')
            body = p;
    }
    /* A report to a meeting is the meeting's business, unless an agenda pack's item gives
     * its type; its own numbered parts ("1. PURPOSE OF THE REPORT") are not items. */
    if (report)
        return sg->sections[s].pack_item ? NULL : "report";
    /* Lines run together: the title is the line under the page's title. */
    const paragraph *top = &sg->paras[first];
    const char *nl = first < end ? memchr(top->text, '\n', top->text_len) : NULL;
    if (!titled && nl && header_page_title(top->text, (size_t)(nl - top->text))) {
        const char *under = nl + 1, *text_end = top->text + top->text_len;
        const char *stop = memchr(under, '\n', (size_t)(text_end - under));
        size_t n = (size_t)((stop ? stop : text_end) - under);
        char title[HEADING_TITLE_MAX + 1];
        if (n > HEADING_TITLE_MAX)
            n = HEADING_TITLE_MAX;
        memcpy(title, under, n);
        title[n] = '\0';
        if (!decision || minutes)
            return meta_item_type(title);
    }
    /* An item's page that records only a decision, under its labels, with no minutes. */
    if (decision && !minutes)
        return "decision";
    if (titled)
        return NULL; /* the title says */
    /* A page that gives no title: its first words do ("To receive the minutes of ..."). */
    if (body) {
        char first_line[HEADING_TITLE_MAX + 1];
        size_t n = body->text_len < HEADING_TITLE_MAX ? body->text_len : HEADING_TITLE_MAX;
        memcpy(first_line, body->text, n);
        first_line[n] = '\0';
        return meta_item_type(first_line);
    }
    return NULL;
}
