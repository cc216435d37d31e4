/* meeting.c - the meeting of each section of a document: its council, board, date and
 * document type.
 *
 * Once all paragraphs are cut, each section's header area - up to its first agenda item or
 * "Present:" - is read line by line (header.c says what each line says) and the surest
 * statement of each field wins: a minutes title or ModernGov's page title before a date
 * on a line of its own, a board named in a title before one named as the body acting at the
 * meeting. What a section leaves unsaid comes from the document: its council and board, and
 * for a paper in an agenda pack the pack's date. A sidecar overrides them all.
 */
#include "segment-internal.h"

#include <string.h>
#include <strings.h>

#include "meta.h"

/* A body acting at the meeting names its board this early in its section at most. */
#define BOARD_MENTION_PARAS_MAX 40
/* A date on a line of its own in a paragraph of several is the meeting's only this near the
 * top of its section. */
#define DATE_LINE_PARAS_MAX 3
/* A decision record's labelled fields are read this far into it. */
#define DECISION_FIELDS_MAX 200

/* ---- the header area: council, board and meeting date ----------------------------------- */

/* What a section's header says about its meeting. */
typedef struct section_meta {
    const char *council;
    span board;
    int board_rank; /* how directly the board is named: lower is better */
    char date[11];
    int date_rank; /* how surely the date is the meeting's: lower is better */
    /* What the header area's labelled lines announce ("Report of Head of ...", "A meeting
     * of ... will be held"), for a section no title gives a type. */
    const char *label_doc_type;
    int moderngov_title; /* ModernGov's "Board - Thursday, 17th July, 2025 6.00 pm" */
    int addressed;       /* a "To:" line names a board: a paper for its meeting */
} section_meta;

#define RANK_NONE 99

/* Whether a line is a board's name of two words or more, and nothing else: "Audit
 * Committee", "PENSION FUND COMMITTEE"; not a council's. */
static int
is_board_line(span l)
{
    span w[2];
    return l.n && memchr(l.s, '\n', l.n) == NULL && text_split_words(l.s, l.n, w, 2) == 2 &&
           body_is_name(l.s, l.n) && !body_is_council(l.s, l.n);
}

/* Rescheduled meetings' ModernGov titles start "Moved from 9th October 2018, ": the rest is
 * the title. */
static span
skip_moved_from(span l)
{
    static const char *const leads[] = {"Moved from ", "Rearranged from ", "Postponed from ",
                                        "Meeting rearranged from "};
    char date[11];
    for (size_t i = 0; i < sizeof leads / sizeof leads[0]; i++) {
        if (!text_starts_with_ci(l.s, l.n, leads[i]))
            continue;
        const char *comma = memchr(l.s, ',', l.n < 48 ? l.n : 48);
        if (comma && meta_find_date(l.s, (size_t)(comma - l.s), date)) {
            span rest = {comma + 1, (size_t)(l.s + l.n - comma - 1)};
            text_trim_span(&rest);
            return rest;
        }
    }
    return l;
}

/* ModernGov's page title "Education and Children's Services Scrutiny Board (2) - Thursday,
 * 16th September, 2021 10.30 am": the board before the dash, the meeting's date after it. */
static int
is_moderngov_title(const char *s, size_t n, span *board, char date[11])
{
    span moved = skip_moved_from((span){s, n});
    s = moved.s;
    n = moved.n;
    for (size_t i = 1; i + 3 < n; i++) {
        size_t dash = 0;
        if (s[i] == ' ' && s[i + 1] == '-' && s[i + 2] == ' ')
            dash = 3;
        else if (s[i] == ' ' && i + 5 <= n && memcmp(s + i + 1, "\xE2\x80\x93 ", 4) == 0)
            dash = 5; /* an en dash */
        else if (s[i] == ',' && s[i + 1] == ' ' && header_is_weekday(s + i + 2, n - i - 2))
            dash = 2; /* "Cabinet, Monday 8 January 2018" */
        if (!dash)
            continue;
        const char *rest = s + i + dash;
        size_t rn = n - i - dash;
        if (!header_is_weekday(rest, rn) || !heading_is_title_case(s, i) || i > NAME_LINE_MAX + 40)
            return 0;
        if (!meta_find_date(rest, rn < 48 ? rn : 48, date))
            return 0;
        board->s = s;
        board->n = i;
        text_trim_span(board);
        return board->n > 0 && is_upper(board->s[0]);
    }
    return 0;
}

/* "November 5, 2024": a date written month first. */
static int
is_month_first(const char *s, size_t n)
{
    char date[11];
    const char *space = memchr(s, ' ', n);
    return space && space - s >= 3 && is_upper(s[0]) && meta_find_date(s, n < 24 ? n : 24, date) &&
           is_digit(space[1]);
}

/* A line that is a date and nothing more ("16 September 2021" under a briefing note's "To:"
 * line, "24 Mar 2022 - 14:00" under a CMIS page's board). */
static int
is_date_text(const char *s, size_t n, char date[11])
{
    if (n == 0 || n > 50 || memchr(s, '\n', n) || strchr(".:;", s[n - 1]))
        return 0;
    return (is_digit(s[0]) || header_is_weekday(s, n) || is_month_first(s, n)) &&
           meta_find_date(s, n, date);
}

/* A line that is a place and a date: "Town House, Aberdeen, 2 March 2020" atop Scottish
 * minutes. The date ends the line; before it, after a comma, only capitalized words. */
static int
is_placed_date_text(const char *s, size_t n, char date[11])
{
    if (n == 0 || n > 60 || memchr(s, '\n', n))
        return 0;
    size_t comma = n;
    while (comma > 0 && s[comma - 1] != ',')
        comma--;
    if (comma < 2)
        return 0;
    span tail = {s + comma, n - comma};
    text_trim_span(&tail);
    if (!is_date_text(tail.s, tail.n, date) || !is_digit(tail.s[0]))
        return 0;
    span w[8];
    size_t count = text_split_words(s, comma - 1, w, 8);
    if (count == 0 || count >= 8)
        return 0;
    for (size_t i = 0; i < count; i++)
        if (!is_upper(w[i].s[0]) && w[i].s[0] != ',')
            return 0;
    return 1;
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
    text_trim_span(&board);
    /* A title cut short and then given whole ("... the Scottish Borders Licensing" before
     * "... the SCOTTISH BORDERS LICENSING BOARD held ..."): the whole name. */
    int longer = rank == m->board_rank && board.n > m->board.n &&
                 strncasecmp(board.s, m->board.s, m->board.n) == 0;
    if ((rank < m->board_rank || longer) && board.n > 0) {
        m->board = board;
        m->board_rank = rank;
    }
}

/* Whether the paragraph as written ends with a colon: "Minutes:" labels an item's minutes,
 * "Minutes" titles a page (clean text may have lost the colon). */
static int
raw_ends_with_colon(const segmenter *sg, const paragraph *p)
{
    size_t n = p->length;
    const char *raw = sg->text + p->offset;
    while (n > 0 && (raw[n - 1] == ' ' || raw[n - 1] == '\r' || raw[n - 1] == '*'))
        n--;
    return n > 0 && raw[n - 1] == ':';
}

/* The line under a page's title, if it is a name: the board (CMIS: "Meeting Details", then
 * "Planning applications committee"). */
static void
read_title_board(section_meta *m, span l)
{
    char date[11];
    text_trim_span(&l);
    span w[12];
    if (l.n && l.n <= NAME_LINE_MAX && !is_digit(l.s[0]) && is_upper(l.s[0]) &&
        !text_starts_with_ci(l.s, l.n, "To ") && heading_is_title(l.s, l.n) &&
        !memchr(l.s, ':', l.n) &&
        text_split_words(l.s, l.n, w, 12) < 12 &&
        !meta_find_date(l.s, l.n, date) && !body_is_council(l.s, l.n) &&
        !header_page_title(l.s, l.n))
        set_board(m, 2, l);
}

/* ModernGov's page title on two lines: "Cumbria Health and Wellbeing Board" above
 * "Thursday, 18th April, 2019 10.00 am". */
static void
read_two_line_title(const paragraph *p, section_meta *m)
{
    const char *nl = memchr(p->text, '\n', p->text_len);
    if (!nl || memchr(nl + 1, '\n', (size_t)(p->text + p->text_len - nl - 1)))
        return;
    span name = {p->text, (size_t)(nl - p->text)};
    span when = {nl + 1, (size_t)(p->text + p->text_len - nl - 1)};
    char date[11];
    text_trim_span(&name);
    text_trim_span(&when);
    if (!(header_is_weekday(when.s, when.n) || is_digit(when.s[0])) ||
        !meta_find_date(when.s, when.n < 48 ? when.n : 48, date) ||
        name.n > NAME_LINE_MAX || !heading_is_title_case(name.s, name.n) ||
        !heading_is_title(name.s, name.n) || body_is_council(name.s, name.n))
        return;
    body_clean_name(&name);
    set_board(m, 2, name);
    set_date(m, 0, date);
}

/* The body a "To:" line addresses: "To: all Members of X Parish Council" is the council. */
static void
read_addressee(section_meta *m, span to)
{
    text_trim_span(&to);
    static const char *const lead[] = {"all Members of ", "all members of ", "Members of ",
                                       "the Members of ", "Councillors of "};
    for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
        if (text_starts_with_ci(to.s, to.n, lead[i])) {
            to.s += strlen(lead[i]);
            to.n -= strlen(lead[i]);
        }
    body_clean_name(&to);
    /* A body, not a person: "To: The Chairman - Cllr Allen, ..." names no board. */
    if (to.n && !body_is_council(to.s, to.n) && body_is_name(to.s, to.n)) {
        set_board(m, 1, to);
        m->addressed = 1;
    }
}

/* A body acting at the meeting, at the start of a paragraph: "Cabinet considered the report",
 * "The Planning Committee resolved". A name alone: "the Committee" names no one. */
static int
find_acting_body(const char *s, size_t n, span *out)
{
    static const char *const verbs[] = {"considered", "received", "noted", "agreed",
                                        "resolved", "welcomed", "approved", "discussed",
                                        "heard", "endorsed", "accepted", "RESOLVED",
                                        "resolves", "agrees", "notes"};
    span w[16];
    size_t count = text_split_words(s, n, w, 16);
    size_t first = 0;
    /* "That the Audit Committee resolves to:", a recommendation */
    if (count && text_equals_ci(w[0].s, w[0].n, "that"))
        first++;
    if (count > first && text_equals_ci(w[first].s, w[first].n, "the"))
        first++;
    for (size_t i = first; i + 1 < count && i < first + 10; i++) {
        int verb = 0;
        for (size_t k = 0; k < sizeof verbs / sizeof verbs[0] && !verb; k++)
            verb = w[i + 1].n == strlen(verbs[k]) && memcmp(w[i + 1].s, verbs[k], w[i + 1].n) == 0;
        if (!verb)
            continue;
        span name = {w[first].s, (size_t)(w[i].s + w[i].n - w[first].s)};
        int cabinet = name.n == 7 && memcmp(name.s, "Cabinet", 7) == 0;
        size_t words = i - first + 1;
        span named;
        if (cabinet || (words >= 2 && body_find_board_mention(name.s, name.n, 2, &named) &&
                        named.s == name.s && named.n == name.n)) {
            *out = name;
            return 1;
        }
        return 0;
    }
    return 0;
}

/* The body in "minutes of the meeting of the X held ..." or "MINUTES FROM X MEETING": a
 * name ending in a body's kind, in any case; not a council's own name. */
static int
find_approving_body(const char *s, size_t n, span *out)
{
    static const char *const leads[] = {"minutes of the meeting of the ", "minutes from "};
    static const char *const kinds[] = {"sub-committee", "committee", "board", "panel",
                                        "authority"};
    for (size_t i = 0; i < sizeof leads / sizeof leads[0]; i++) {
        const char *at = text_find_ci(s, n, leads[i]);
        if (!at)
            continue;
        span b = {at + strlen(leads[i]), 0};
        const char *end = s + n;
        for (const char *p = b.s; p < end && p - b.s < NAME_LINE_MAX; p++) {
            for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
                size_t kn = strlen(kinds[k]);
                if (p + kn <= end && text_starts_with_ci(p, (size_t)(end - p), kinds[k]) &&
                    (p + kn == end || !is_alpha(p[kn])) && (p == b.s || p[-1] == ' '))
                    b.n = (size_t)(p + kn - b.s);
            }
            if (*p == ',' || *p == '.' || text_starts_with_ci(p, (size_t)(end - p), " held") ||
                text_starts_with_ci(p, (size_t)(end - p), " meeting"))
                break;
        }
        body_clean_name(&b);
        span w[12];
        size_t words = b.n ? text_split_words(b.s, b.n, w, 12) : 0;
        if (words >= 2 && words < 12 && !body_is_council(b.s, b.n)) {
            *out = b;
            return 1;
        }
    }
    return 0;
}

/* "The quorum for Cabinet is 3 members": the meeting's own body. */
static int
find_quorum_body(const char *s, size_t n, span *out)
{
    const char *q = text_find_ci(s, n, "quorum for ");
    if (!q)
        return 0;
    const char *name = q + 11, *is = text_find_ci(name, (size_t)(s + n - name), " is ");
    if (!is || is - name > NAME_LINE_MAX)
        return 0;
    span b = {name, (size_t)(is - name)}, named;
    body_clean_name(&b);
    if (body_is_one_word_board(b.s, b.n) ||
        (body_find_board_mention(b.s, b.n, 2, &named) && named.s == b.s && named.n == b.n)) {
        *out = b;
        return 1;
    }
    return 0;
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
        if ((p->kind == PARA_HEADING && p->item_number) || para_is_present_line(p) ||
            (p->kind == PARA_HEADING && heading_is_business(p->text, p->text_len)))
            break;
        header_end++;
    }

    int label_pending = 0, after_title = 0;
    char date[11];
    for (size_t i = first; i < header_end; i++) {
        const paragraph *p = &sg->paras[i];
        const char *cursor = p->text, *text_end = p->text + p->text_len;
        span l, board;
        int title = 0, title_line = 0, title_pending = 0;
        while (text_next_line(&cursor, text_end, &l)) {
            text_trim_span(&l);
            header_line h;
            header_read_line(l.s, l.n, &h);
            if ((label_pending || title_pending) && !h.other_date &&
                meta_find_date(l.s, l.n, date)) {
                set_date(m, 0, date);
                title_pending = 0;
            }
            label_pending = h.date_label;
            /* A title that runs on to its date: "At a MEETING of the HOUSING COMMITTEE held
             * in Committee Room 2,\nPort Ellan on 17th May, 2021." */
            if (h.title && h.date_rank == HEADER_RANK_NONE)
                title_pending = 1;
            /* A date on a line of its own: a paragraph's, or near the section's top, a line's
             * (not one of a table of dates further down). */
            int own_line = l.s == p->text && l.n == p->text_len;
            if (!h.other_date && (own_line || i - first < DATE_LINE_PARAS_MAX) &&
                (is_date_text(l.s, l.n, date) ||
                 (i - first < DATE_LINE_PARAS_MAX && is_placed_date_text(l.s, l.n, date))))
                set_date(m, 1, date);
            const char *page = raw_ends_with_colon(sg, p) ? NULL : header_page_title(l.s, l.n);
            /* Under a page's title, on the next line of the same paragraph, its board. */
            if (title_line && !page)
                read_title_board(m, l);
            title_line = is_doc_type(page, "minutes") || is_doc_type(page, "agenda");
            title |= title_line;
            if (h.date_rank != HEADER_RANK_NONE)
                set_date(m, h.date_rank, h.date);
            if (h.board_rank != HEADER_RANK_NONE)
                set_board(m, h.board_rank, h.board);
            if (h.council.n && !m->council)
                m->council = arena_strndup(sg->a, h.council.s, h.council.n);
            if (h.doc_type && !m->label_doc_type)
                m->label_doc_type = h.doc_type;
            if (h.other_date)
                continue;
            if (text_starts_with_ci(l.s, l.n, "To:")) {
                read_addressee(m, (span){l.s + 3, l.n - 3});
            } else if (is_moderngov_title(l.s, l.n, &board, date)) {
                body_clean_name(&board);
                if (body_is_council(board.s, board.n)) {
                    /* the council's own meeting: "Cyngor Sir Penfro - Dydd Iau, ..." */
                    if (!m->council)
                        m->council = arena_strndup(sg->a, board.s, board.n);
                } else {
                    set_board(m, 2, board);
                }
                set_date(m, 0, date);
                m->moderngov_title = 1;
            } else if (!own_line && is_board_line(l)) {
                /* A board's name on a line of its own among lines run together ("Meeting
                 * documents\nHealth Scrutiny Panel\nMonday 16 June 2025"). */
                set_board(m, 3, l);
            }
        }
        read_two_line_title(p, m);
        span whole = {p->text, p->text_len};
        text_trim_span(&whole);
        /* The board's name on a line of its own (but a report or advice "of" a body names its
         * author); under a page's title, any short name (CMIS: "Meeting Details", then
         * "Planning applications committee"). */
        int authored = text_starts_with_ci(whole.s, whole.n, "Report ") ||
                       text_starts_with_ci(whole.s, whole.n, "Advice ");
        const char *eol = memchr(whole.s, '\n', whole.n);
        if (is_board_line(whole) && !authored)
            set_board(m, 3, whole);
        else if (after_title)
            read_title_board(m, (span){whole.s, eol ? (size_t)(eol - whole.s) : whole.n});
        else if (body_is_one_word_board(whole.s, whole.n))
            set_board(m, 3, whole);
        after_title = title;
    }

    /* A decision record's fields may stand at its foot: "Date of decision:", "Decided at
     * meeting:", "Decision Maker:". */
    for (size_t i = header_end; i < end && i - first < DECISION_FIELDS_MAX; i++) {
        const paragraph *p = &sg->paras[i];
        const char *cursor = p->text, *text_end = p->text + p->text_len;
        span l;
        while (text_next_line(&cursor, text_end, &l)) {
            text_trim_span(&l);
            header_line h;
            if (!header_read_decision_field(l.s, l.n, &h))
                continue;
            if (h.date_rank != HEADER_RANK_NONE)
                set_date(m, h.date_rank, h.date);
            if (h.board_rank != HEADER_RANK_NONE)
                set_board(m, h.board_rank, h.board);
        }
    }

    /* A board named only as the body acting at the meeting, or whose quorum is set, early
     * on. */
    for (size_t i = first; i < end && i - first < BOARD_MENTION_PARAS_MAX && !m->board.n; i++) {
        /* (At the start of any of a paragraph's first lines: lines run together keep
         * "Minutes:" above "The Cabinet considered ...".) */
        const char *cursor = sg->paras[i].text, *text_end = cursor + sg->paras[i].text_len;
        span l, board;
        for (int k = 0; k < 3 && !m->board.n && text_next_line(&cursor, text_end, &l); k++)
            if (find_acting_body(l.s, l.n, &board) || find_quorum_body(l.s, l.n, &board))
                set_board(m, 4, board);
    }

    /* A board named only as the body whose earlier minutes the meeting approves: "the
     * minutes of the meeting of the Executive Board held on 5th February, 2018 be signed",
     * "APPROVAL OF MINUTES FROM LICENSING BOARD MEETING OF 14TH NOVEMBER 2023". A body
     * confirms its own minutes; the least sure of the ways a board is known. */
    for (size_t i = first; i < end && i - first < BOARD_MENTION_PARAS_MAX && !m->board.n; i++) {
        span board;
        if (find_approving_body(sg->paras[i].text, sg->paras[i].text_len, &board))
            set_board(m, 5, board);
    }

    for (size_t i = first; i < end && !m->council; i++) {
        const char *cursor = sg->paras[i].text, *text_end = cursor + sg->paras[i].text_len;
        span l;
        while (!m->council && text_next_line(&cursor, text_end, &l)) {
            text_trim_span(&l);
            if (body_is_council_name(l.s, l.n))
                m->council = arena_strndup(sg->a, l.s, l.n);
        }
    }
}

/* ---- the meeting ------------------------------------------------------------------------ */

/* How many of section s's paragraphs (or lines) are ModernGov's "Minutes:" label (in
 * Welsh, "Cofnod:"). */
static size_t
minutes_labels(const segmenter *sg, size_t s)
{
    static const char *const labels[] = {"Minutes:", "Cofnod:"};
    size_t count = 0;
    for (size_t i = sg->sections[s].first_para; i < section_end(sg, s); i++) {
        const paragraph *p = &sg->paras[i];
        for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
            size_t len = strlen(labels[k]);
            for (const char *at = p->text;
                 (at = text_find_ci(at, (size_t)(p->text + p->text_len - at), labels[k])) != NULL;
                 at += len)
                count += at == p->text || at[-1] == '\n' || at[-1] == ' ';
        }
    }
    return count;
}

/* Whether section s opens with a "Present:" list, as minutes do. */
static int
records_attendance(const segmenter *sg, size_t s)
{
    size_t first = sg->sections[s].first_para, end = section_end(sg, s);
    for (size_t i = first; i < end && i - first < HEADER_AREA_MAX * 2; i++) {
        const paragraph *p = &sg->paras[i];
        const char *cursor = p->text, *text_end = p->text + p->text_len;
        span l;
        while (text_next_line(&cursor, text_end, &l)) {
            paragraph one = *p;
            one.text = l.s;
            one.text_len = l.n;
            if (para_is_present_line(&one))
                return 1;
        }
    }
    return 0;
}

static const char *
copy_string(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* The meeting of each section, in an array of section_count in the arena; NULL when out of
 * memory. A section that does not say has the document's council and board, and a paper in an
 * agenda pack the pack's date; any field of `sidecar` (which may be NULL) overrides them. */
para_meeting *
meeting_read_sections(const segmenter *sg, const para_meeting *sidecar)
{
    size_t count = sg->section_count;
    section_meta *metas = arena_alloc(sg->a, count * sizeof *metas);
    para_meeting *meetings = arena_alloc(sg->a, count * sizeof *meetings);
    if (!metas || !meetings)
        return NULL;

    const char *doc_council = NULL;
    span doc_board = {NULL, 0};
    const char *pack_date = NULL;
    for (size_t s = 0; s < count; s++) {
        read_header(sg, sg->sections[s].first_para, section_end(sg, s), &metas[s]);
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
        /* A record that says who was present is minutes, titled or not; so is a page whose
         * items each carry their "Minutes:", and one item's minutes are an item's page. */
        size_t labels = doc_type ? 0 : minutes_labels(sg, s);
        if (!doc_type && (records_attendance(sg, s) || labels > 1))
            doc_type = "minutes";
        else if (!doc_type && labels == 1)
            doc_type = "agenda-item";
        else if (!doc_type && m->label_doc_type)
            doc_type = m->label_doc_type;
        else if (!doc_type && m->moderngov_title)
            doc_type = "agenda"; /* a meeting's page whose items carry no minutes */
        mt->doc_type = doc_type;
        /* A section that does not name its council or board is the document's. */
        mt->council = m->council ? m->council : doc_council;
        span board = m->board.n ? m->board : doc_board;
        if (board.n && !(mt->board = arena_strndup(sg->a, board.s, board.n)))
            return NULL;
        const char *date = NULL;
        int briefing = is_doc_type(doc_type, "briefing-note");
        if (m->date_rank != RANK_NONE && (!briefing || m->addressed)) {
            /* (A briefing note to no board is for no meeting: its date is when it was
             * written.) */
            date = m->date;
        } else if (pack_date &&
                   (is_doc_type(doc_type, "report") || is_doc_type(doc_type, "appendix") ||
                    is_doc_type(doc_type, "briefing-note"))) {
            /* A paper in an agenda pack is presented to the pack's meeting. */
            date = pack_date;
        }
        if (date && !(mt->date = arena_strndup(sg->a, date, 10)))
            return NULL;
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
        if (mt->council)
            mt->council_id = meta_name_id(sg->a, mt->council, strlen(mt->council));
        if (sidecar && ((sidecar->council && !mt->council) || (sidecar->board && !mt->board) ||
                        (sidecar->date && !mt->date) || (sidecar->doc_type && !mt->doc_type) ||
                        (sidecar->source_url && !mt->source_url)))
            return NULL;
    }
    return meetings;
}
