/* header.c - what one line of a page's header says about its meeting: the page titles of the
 * publishing systems councils use, and the labelled lines that give a meeting's board and
 * date.
 *
 * Councils publish through a few systems, each with its own page shapes: ModernGov (a
 * meeting's "Agenda and minutes", an item's "Issue - meetings" history with its "Meeting:
 * 14/11/2024 - Cabinet (Item 46)" lines, "Decision details" records), CMIS ("Meeting
 * Details"), their own sites, and PDFs whose first lines say "MINUTES of a meeting of the
 * CABINET held on ...". The rules here read those lines, with body.c telling which names are
 * bodies'; meeting.c weighs what they say.
 */
#include "segment-internal.h"

#include "meta.h"

/* ---- page titles ------------------------------------------------------------------------ */

typedef struct page_title {
    const char *title;
    const char *doc_type;
} page_title;

/* A page's title line and the document type it announces. */
static const page_title page_titles[] = {
    {"Agenda and minutes", "minutes"},
    {"Agenda and draft minutes", "minutes"},
    {"Agenda, decisions and minutes", "minutes"},
    {"Agenda, decisions and draft minutes", "minutes"},
    {"Agenda, minutes and decisions", "minutes"},
    {"Agenda and decisions", "agenda"},
    {"Agenda", "agenda"},
    {"Agenda pack", "agenda"},
    {"Minutes", "minutes"},
    {"Draft minutes", "minutes"},
    {"Meeting Details", "agenda"}, /* CMIS */
    {"Meeting Summary", "agenda"},
    {"Agenda item", "agenda-item"}, /* ModernGov's page of one item */
    {"Issue - meetings", "agenda-item"}, /* ModernGov's history of one item */
    {"Issue - decisions", "decision"},
    {"Decision details", "decision"},
    {"Briefing note", "briefing-note"},
    /* ModernGov in Welsh */
    {"Rhaglen", "agenda"},
    {"Rhaglen a chofnodion", "minutes"},
    {"Rhaglen a chofnodion drafft", "minutes"},
    {"Rhaglen, penderfyniadau a chofnodion", "minutes"},
    {"Rhaglen a phenderfyniadau", "agenda"},
    {"Cofnodion", "minutes"},
    {"Eitem agenda", "agenda-item"},
    {"Eitem ar yr agenda", "agenda-item"},
    {"Manylion y penderfyniad", "decision"},
};

/* A title printed with its letters spaced out, "A G E N D A": written as "AGENDA" into out
 * (of `cap` bytes); 0 if the line is not one. */
static size_t
unspaced_title(const char *s, size_t n, char *out, size_t cap)
{
    if (n < 5 || n >= 2 * cap)
        return 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i += 2) {
        if (!is_alpha(s[i]) || (i + 1 < n && s[i + 1] != ' '))
            return 0;
        out[k++] = s[i];
    }
    return k;
}

const char *
header_page_title(const char *s, size_t n)
{
    /* A title is not a label: "Minutes:" heads an item's minutes on ModernGov's pages. */
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0 || s[n - 1] == ':')
        return NULL;
    /* "Issue – meetings" with an en dash is the same title. */
    char buf[64];
    if (n < sizeof buf) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (i + 2 < n && memcmp(s + i, "\xE2\x80\x93", 3) == 0) {
                buf[k++] = '-';
                i += 2;
            } else {
                buf[k++] = s[i];
            }
        }
        s = buf;
        n = k;
    }
    char letters[32];
    size_t unspaced = unspaced_title(s, n, letters, sizeof letters);
    if (unspaced) {
        s = letters;
        n = unspaced;
    }
    for (size_t i = 0; i < sizeof page_titles / sizeof page_titles[0]; i++)
        if (text_equals_ci(s, n, page_titles[i].title))
            return page_titles[i].doc_type;
    /* A browser's title for one item's page: "Agenda item - Minutes". */
    if (n > 14 && text_starts_with_ci(s, n, "Agenda item - "))
        return "agenda-item";
    /* A bilingual title, "Rhaglen / Agenda": the English after the slash. */
    const char *slash = text_find_ci(s, n, " / ");
    if (slash && slash > s)
        return header_page_title(slash + 3, (size_t)(s + n - slash - 3));
    return NULL;
}

/* ---- dated lines ------------------------------------------------------------------------ */

/* Labels of dates that are not the meeting's: when it was published, a deadline, when a
 * decision takes effect, a meeting moved from. */
static const char *const not_meeting_dates[] = {
    "Publication date", "Date of publication", "Published", "Issue date", "Date of issue",
    "Effective from", "Deadline", "Call-in", "Call in", "Meeting rearranged from",
    "Rearranged from", "Date published", "Despatch date", "Dispatch date", "Printed",
    "Last updated", "Updated", "Posted on", "Date of next meeting", "Next meeting",
};

int
header_is_other_date(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof not_meeting_dates / sizeof not_meeting_dates[0]; i++)
        if (text_starts_with_ci(s, n, not_meeting_dates[i]))
            return 1;
    return 0;
}

/* The date written right after `s` (a label's end), within the next few words. */
static int
date_after(const char *s, size_t n, char date[11])
{
    return meta_find_date(s, n < 64 ? n : 64, date);
}

/* "Label: value" where the label is one of `labels` (case aside, spaces before the colon
 * allowed): the value's span. */
static int
labelled(const char *s, size_t n, const char *label, span *value)
{
    size_t k = strlen(label);
    if (!text_starts_with_ci(s, n, label))
        return 0;
    while (k < n && s[k] == ' ')
        k++;
    if (k >= n || s[k] != ':')
        return 0;
    value->s = s + k + 1;
    value->n = n - k - 1;
    text_trim_span(value);
    return 1;
}

/* The item's number in ModernGov's "(Item 46)", "(Item 12.)", "(Item 50/25)" at `paren`,
 * before `end`: its letters, digits, points and slashes, less a trailing point or slash. */
static void
read_item_number(const char *paren, const char *end, header_line *out)
{
    const char *num = paren + 6, *e = num;
    while (e < end && (is_digit(*e) || is_alpha(*e) || *e == '.' || *e == '/'))
        e++;
    while (e > num && (e[-1] == '.' || e[-1] == '/'))
        e--;
    if (e > num) {
        out->item_number.s = num;
        out->item_number.n = (size_t)(e - num);
    }
}

/* "DATE - Board (Item N)" after ModernGov's "Meeting:" or "Decided at meeting:". */
static void
read_dated_board(const char *s, size_t n, header_line *out, int with_item)
{
    if (!meta_find_date(s, n < 20 ? n : 20, out->date))
        return;
    out->date_rank = 0;
    const char *dash = text_find_ci(s, n, " - ");
    size_t skip = 3;
    if (!dash) {
        dash = text_find_ci(s, n, " \xE2\x80\x93 ");
        skip = 5;
    }
    if (!dash)
        return;
    span b = {dash + skip, (size_t)(s + n - dash - skip)};
    const char *item = text_find_ci(b.s, b.n, "(Item ");
    if (item && with_item)
        read_item_number(item, b.s + b.n, out);
    if (item)
        b.n = (size_t)(item - b.s);
    body_clean_name(&b);
    if (b.n) {
        out->board = b;
        out->board_rank = 0;
    }
}

/* "Meeting of Cabinet, Tuesday 5th March 2024 6.30 pm (Item 12.)": the board before the
 * comma, the date after it, and the item's number. */
static int
read_meeting_of(span l, header_line *out)
{
    const char *name = l.s + 11, *end = l.s + l.n;
    const char *comma = NULL;
    for (const char *p = name; p + 2 < end; p++)
        if (p[0] == ',' && p[1] == ' ' && header_is_weekday(p + 2, (size_t)(end - p - 2))) {
            comma = p;
            break;
        }
    if (!comma || !meta_find_date(comma, (size_t)(end - comma) < 48 ? (size_t)(end - comma) : 48,
                                  out->date))
        return 0;
    out->date_rank = 0;
    span b = {name, (size_t)(comma - name)};
    body_clean_name(&b);
    if (b.n && is_upper(b.s[0]) && !body_is_council(b.s, b.n)) {
        out->board = b;
        out->board_rank = 0;
    }
    const char *item = text_find_ci(comma, (size_t)(end - comma), "(Item ");
    if (item)
        read_item_number(item, end, out);
    return 1;
}

/* The kinds of meeting a title may name before "Meeting of": "Minutes of the Annual Meeting
 * of Ashcombe Parish Council", "Minutes of Special Meeting of the Highland Council". */
static int
is_meeting_kind(const char *s, size_t n)
{
    static const char *const kinds[] = {
        "annual", "special", "extraordinary", "extra-ordinary", "ordinary", "adjourned",
        "reconvened", "statutory", "budget", "annual general", "annual parish", "emergency",
        "inaugural", "additional", "virtual", "remote", "monthly", "full", "general"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (text_equals_ci(s, n, kinds[i]))
            return 1;
    return 0;
}

/* The board named in a minutes title, between `from` and the end of the name: before
 * " held", " on DATE", " at ", a comma, or "meeting" when the title says "the X meeting". */
static void
title_board(const char *from, const char *end, int before_meeting, header_line *out)
{
    span b = {from, (size_t)(end - from)};
    static const char *const stops[] = {" held", " HELD", " on ", " ON ", " at ", " AT ", ",",
                                        " which ", " in the ", " to be", " will be"};
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        const char *stop = text_find_ci(b.s, b.n, stops[i]);
        if (stop)
            b.n = (size_t)(stop - b.s);
    }
    if (before_meeting) {
        const char *meeting = text_find_ci(b.s, b.n, " meeting");
        if (!meeting)
            return;
        b.n = (size_t)(meeting - b.s);
    }
    body_clean_name(&b);
    /* Only a name: capitalized, not a sentence or a date; a council's own name is its
     * council. */
    char date[11];
    if (b.n == 0 || b.n > 100 || !is_upper(b.s[0]) || meta_find_date(b.s, b.n, date))
        return;
    if (body_is_council(b.s, b.n) || body_is_named_council(b.s, b.n)) {
        out->council = b;
        return;
    }
    if (text_equals_ci(b.s, b.n, "meeting") || is_meeting_kind(b.s, b.n))
        return;
    out->board = b;
    out->board_rank = 0;
}

/* Whether what comes before "Minutes of" on a line makes it a reference to minutes rather
 * than their title: an item's number ("3. Minutes of the meeting held on ..."), or running
 * English ("To approve the Minutes of ..."). A council's name or an item reference in
 * capitals ("Item No. 4 (a) MINUTE OF MEETING OF ...") may stand before a title. */
static int
refers_to_minutes(const char *s, size_t n)
{
    static const char *const words[] = {"the", "of", "and"};
    static const char *const verbs[] = {"to", "that", "be", "were", "was", "approve", "receive",
                                        "confirm", "agree", "sign"};
    span w[32];
    size_t count = text_split_words(s, n, w, 32);
    /* After an item's number: "3. Minutes of ...", "3. Cofnodion ... / Minutes of ...". */
    if (count >= 1 && is_digit(w[0].s[0]))
        return 1; /* also "4Confirm Draft Minutes of ...", a number glued to its title */
    /* After a bullet: an entry of a list. */
    if (count >= 1 && ((unsigned char)w[0].s[0] >= 0x80 || w[0].s[0] == '-' || w[0].s[0] == '*'))
        return 1;
    /* "TP06/17.3: Minutes of the meeting held on ...": an item of these minutes. */
    if (count >= 1 && meta_read_minute(w[0].s, n - (size_t)(w[0].s - s)))
        return 1;
    for (size_t i = 0; i < count; i++) {
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
            if (w[i].n == strlen(words[k]) && memcmp(w[i].s, words[k], w[i].n) == 0)
                return 1;
        /* "To approve", "Confirm Draft Minutes of ...": in any case */
        for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++)
            if (text_equals_ci(w[i].s, w[i].n, verbs[k]))
                return 1;
    }
    return 0;
}

/* Whether the text names a month and a year, "June 2011": a time, not a body. */
static int
month_year(const char *s, size_t n)
{
    span w[16];
    size_t count = text_split_words(s, n, w, 16);
    for (size_t i = 0; i + 1 < count; i++)
        if (meta_month_name(w[i].s, w[i].n) && is_digit(w[i + 1].s[0]))
            return 1;
    return 0;
}

/* A minutes title: "Minutes of the Meeting of the Cabinet held on ...", "MINUTES OF THE
 * CABINET MEETING HELD ON ...", "MINUTE of MEETING of the EDUCATION COMMITTEE held in ...",
 * "At a MEETING of the POLICY AND RESOURCES COMMITTEE held ...", "Minutes of a meeting held
 * on 28th November, 2011", "Minutes of Parish Council 22 November 2023". The phrase may
 * follow a council's name or an item reference on the same line ("Item No. 4 (a) MINUTE OF
 * MEETING OF ..."), but is capitalized: "the minutes of the meeting held on 4 March were
 * agreed" refers to another meeting. */
static int
read_minutes_title(const char *s, size_t n, header_line *out)
{
    static const char *const openings[] = {"minutes of ", "minute of ", "at a meeting of ",
                                           "cofnodion "};
    const char *at = NULL, *end = s + n;
    size_t k = 0;
    for (size_t i = 0; i < sizeof openings / sizeof openings[0] && !at; i++) {
        size_t len = strlen(openings[i]);
        for (const char *p = s; p + len <= end && !at; p++) {
            /* Capitalized, at the start of a word, and not a reference to other minutes. */
            if (!is_upper(*p) || (p > s && p[-1] != ' ' && p[-1] != '(') ||
                !text_starts_with_ci(p, (size_t)(end - p), openings[i]) ||
                refers_to_minutes(s, (size_t)(p - s)))
                continue;
            at = p;
            k = len;
        }
    }
    if (!at)
        return 0;
    const char *rest = at + k;
    size_t rn = (size_t)(end - rest);
    /* "Minutes of the Previous Meeting" is an item's title. */
    if (text_starts_with_ci(rest, rn, "the previous") || text_starts_with_ci(rest, rn, "the last") ||
        text_starts_with_ci(rest, rn, "previous") || text_starts_with_ci(rest, rn, "last"))
        return 0;
    /* Not a sentence that goes on after the title: "Minutes of the meeting held on 3 March
     * 2020 were agreed." (read near the title: a PDF's first line may run on for pages); nor
     * an item's label, "Minutes of the Meeting held on 10 January 2013:". */
    size_t near = rn < 80 ? rn : 80;
    if (text_find_ci(rest, near, " were ") || text_find_ci(rest, near, " be ") ||
        text_find_ci(rest, near, " was ") || (end > s && end[-1] == ':'))
        return 0;
    int at_meeting = text_starts_with_ci(at, (size_t)(end - at), "At a ");
    if (text_starts_with_ci(at, (size_t)(end - at), "Cofnodion ")) {
        /* Welsh minutes, of "y Cyngor": the council itself. */
        const char *held_cy = text_find_ci(rest, rn, " gynhaliwyd ");
        if (meta_find_date(held_cy ? held_cy : rest, (size_t)(end - (held_cy ? held_cy : rest)),
                           out->date))
            out->date_rank = 0;
        out->doc_type = "minutes";
        out->title = 1;
        return 1;
    }
    const char *held = text_find_ci(rest, rn, " held ");
    if (!held)
        held = text_find_ci(rest, rn, " gynhaliwyd "); /* Welsh: held */
    const char *dated_from = held ? held : rest;
    if (meta_find_date(dated_from, (size_t)(end - dated_from), out->date))
        out->date_rank = 0;
    if (at_meeting) {
        title_board(text_starts_with_ci(rest, rn, "the ") ? rest + 4 : rest, end, 0, out);
    } else if (text_starts_with_ci(rest, rn, "the meeting of ") ||
               text_starts_with_ci(rest, rn, "a meeting of ") ||
               text_starts_with_ci(rest, rn, "meeting of ") ||
               text_starts_with_ci(rest, rn, "the proceedings of ")) {
        const char *of = text_find_ci(rest, rn, "of ") + 3;
        title_board(of, end, 0, out);
    } else if (text_starts_with_ci(rest, rn, "the meeting ") ||
               text_starts_with_ci(rest, rn, "a meeting ") ||
               text_starts_with_ci(rest, rn, "meeting ")) {
        /* "Minutes of a meeting held on ...": no board */
    } else if (text_find_ci(rest, (size_t)((held ? held : end) - rest), " meeting")) {
        /* "MINUTES OF THE JUNE 2011 COUNCIL MEETING": another meeting's minutes, an item. The
         * word is looked for before "held": "... held on 4 June at the Hall. The meeting
         * opened ..." is a title and more. */
        const char *meeting = text_find_ci(rest, (size_t)((held ? held : end) - rest), " meeting");
        char other[11];
        if (meta_find_date(rest, (size_t)(meeting - rest), other) ||
            month_year(rest, (size_t)(meeting - rest)))
            return 0;
        const char *kind = text_starts_with_ci(rest, rn, "the ") ? rest + 4 : rest;
        const char *after = meeting + 8;
        if (is_meeting_kind(kind, (size_t)(meeting - kind)) &&
            text_starts_with_ci(after, (size_t)(end - after), " of ")) {
            /* "the Annual Meeting of X": X's meeting, of a kind */
            title_board(after + 4, end, 0, out);
        } else {
            title_board(kind, end, 1, out);
        }
    } else {
        /* "Minutes of Parish Council 22 November 2023": the name up to the date. */
        const char *stop = rest;
        while (stop < end && !is_digit(*stop))
            stop++;
        title_board(rest, stop, 0, out);
    }
    out->doc_type = "minutes";
    out->title = 1;
    return 1;
}

/* "Finance Committee - Agenda - 3/6/20": a board, a document type and a date. */
static int
read_typed_title(const char *s, size_t n, header_line *out)
{
    static const struct {
        const char *word;
        const char *doc_type;
    } kinds[] = {{" - Agenda - ", "agenda"},
                 {" - Minutes - ", "minutes"},
                 {" Agenda - ", "agenda"},
                 {" Minutes - ", "minutes"},
                 {" \xE2\x80\x93 Agenda \xE2\x80\x93 ", "agenda"},
                 {" \xE2\x80\x93 Minutes \xE2\x80\x93 ", "minutes"},
                 {" Agenda \xE2\x80\x93 ", "agenda"},
                 {" Minutes \xE2\x80\x93 ", "minutes"}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        const char *at = text_find_ci(s, n, kinds[i].word);
        const char *after = at ? at + strlen(kinds[i].word) : NULL;
        if (!at || !meta_find_date(after, (size_t)(s + n - after), out->date))
            continue;
        out->date_rank = 0;
        span b = {s, (size_t)(at - s)};
        body_clean_name(&b);
        if (b.n && !body_is_council(b.s, b.n)) {
            out->board = b;
            out->board_rank = 0;
        }
        out->doc_type = kinds[i].doc_type;
        out->title = 1;
        return 1;
    }
    /* "Economy, Environment and Infrastructure Committee Minutes": a body's name and the
     * document's type, as a title on its own. */
    static const struct {
        const char *word;
        const char *doc_type;
    } ends[] = {{" Minutes", "minutes"}, {" Agenda", "agenda"}, {" Draft Minutes", "minutes"}};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t k = strlen(ends[i].word);
        if (n <= k || n > 120 || !text_equals_ci(s + n - k, k, ends[i].word) ||
            !is_upper(s[n - k + 1]))
            continue;
        span b = {s, n - k}, w[16];
        body_clean_name(&b);
        size_t count = b.n ? text_split_words(b.s, b.n, w, 16) : 0;
        if (count == 0 || count >= 16 || !body_is_keyword(w[count - 1].s, w[count - 1].n) ||
            !heading_is_title_case(b.s, b.n))
            continue;
        if (!body_is_council(b.s, b.n)) {
            out->board = b;
            out->board_rank = 1;
        }
        out->doc_type = ends[i].doc_type;
        out->title = 1;
        return 1;
    }
    return 0;
}

int
header_read_decision_field(const char *s, size_t n, header_line *out)
{
    memset(out, 0, sizeof *out);
    out->board_rank = out->date_rank = HEADER_RANK_NONE;
    span v;
    if (labelled(s, n, "Decided at meeting", &v)) {
        read_dated_board(v.s, v.n, out, 0);
    } else if (labelled(s, n, "Decision Maker", &v) || labelled(s, n, "Decision taker", &v)) {
        body_clean_name(&v);
        if (v.n) {
            out->board = v;
            out->board_rank = 0;
        }
    } else if (labelled(s, n, "Date of decision", &v) || labelled(s, n, "Decision date", &v)) {
        if (date_after(v.s, v.n, out->date))
            out->date_rank = 0;
    } else {
        return 0;
    }
    out->doc_type = "decision";
    return 1;
}

void
header_read_line(const char *s, size_t n, header_line *out)
{
    memset(out, 0, sizeof *out);
    out->board_rank = out->date_rank = HEADER_RANK_NONE;
    span v;
    if (n == 0)
        return;
    /* What a header line says, it says near its start: the rest of a long line (a PDF's
     * page run into one) is not read, so every block costs the same few scans. */
    if (n > HEADER_LINE_MAX)
        n = HEADER_LINE_MAX;
    /* A bilingual label, "Dyddiad / Date: ...": read as its English. */
    const char *slash = text_find_ci(s, n < 40 ? n : 40, " / ");
    const char *colon = memchr(s, ':', n);
    if (slash && colon && slash < colon) {
        header_read_line(slash + 3, (size_t)(s + n - slash - 3), out);
        if (out->date_rank != HEADER_RANK_NONE || out->other_date || out->date_label)
            return;
        memset(out, 0, sizeof *out);
        out->board_rank = out->date_rank = HEADER_RANK_NONE;
    }
    if (read_typed_title(s, n, out))
        return;
    if (header_is_other_date(s, n)) {
        out->other_date = 1;
        return;
    }
    /* ModernGov's newer item page: "Meeting of National Park Authority, Friday 9th May 2025
     * 10.00 am (Item 50/25)", perhaps as a list's entry. */
    span entry = {s, n};
    if (entry.n > 2 && entry.s[0] == '-' && entry.s[1] == ' ') {
        entry.s += 2;
        entry.n -= 2;
    }
    if (text_starts_with_ci(entry.s, entry.n, "Meeting of ") && read_meeting_of(entry, out))
        return;
    if (labelled(s, n, "Meeting", &v)) {
        /* ModernGov's item history: one block per meeting that took the item. */
        read_dated_board(v.s, v.n, out, 1);
        out->new_meeting = out->date_rank == 0;
        return;
    }
    if (header_read_decision_field(s, n, out))
        return;
    /* "Date:", "Meeting date: 3 May 2016", or a label alone with the date on the next line. */
    static const char *const date_labels[] = {"Time and Date", "Date and Time", "Date of Meeting",
                                              "Meeting Date", "Date"};
    for (size_t i = 0; i < sizeof date_labels / sizeof date_labels[0]; i++) {
        if (text_equals_ci(s, n, date_labels[i])) {
            out->date_label = 1;
            return;
        }
        if (labelled(s, n, date_labels[i], &v)) {
            if (date_after(v.s, v.n, out->date))
                out->date_rank = 0;
            else
                out->date_label = 1;
            return;
        }
    }
    if (read_minutes_title(s, n, out))
        return;
    /* A summons: "You are hereby summoned to attend the meeting of X Parish Council on
     * Wednesday 10th November 2021 at 7.30pm". */
    const char *summoned = text_find_ci(s, n, "summoned to attend");
    if (summoned) {
        const char *on = text_find_ci(summoned, (size_t)(s + n - summoned), " on ");
        if (on && meta_find_date(on, (size_t)(s + n - on), out->date))
            out->date_rank = 0;
        /* "... to attend the next meeting of the Burial Committee to be held at 7pm on ..." */
        const char *of = text_find_ci(summoned, (size_t)(s + n - summoned), "meeting of ");
        if (of) {
            span b = {of + 11, (size_t)(s + n - of - 11)};
            title_board(b.s, b.s + b.n, 0, out);
            if (out->board_rank == 0)
                out->board_rank = 1;
        }
        out->doc_type = "agenda";
        return;
    }
    /* "A virtual meeting of the Finance Committee will be held on Wednesday 3/6/20". */
    const char *will = text_find_ci(s, n, " will be held ");
    if (will && text_find_ci(s, (size_t)(will - s), "meeting")) {
        if (meta_find_date(will, (size_t)(s + n - will), out->date))
            out->date_rank = 0;
        out->doc_type = "agenda"; /* a notice of the meeting: its agenda */
        const char *of = text_find_ci(s, (size_t)(will - s), "meeting of ");
        if (of) {
            span b = {of + 11, (size_t)(will - of - 11)};
            body_clean_name(&b);
            if (b.n && (is_upper(b.s[0])) && !body_is_council(b.s, b.n) &&
                !text_equals_ci(b.s, b.n, "Council")) {
                out->board = b;
                out->board_rank = 1;
            }
        }
        return;
    }
    /* A report to a meeting: "Report of the Director of Children's Services", "Report of
     * Head of Public Health", "Purpose of Report". */
    if (((text_starts_with_ci(s, n, "Report of ") || text_starts_with_ci(s, n, "Report by ")) &&
         n > 10 && is_upper(s[10])) ||
        text_starts_with_ci(s, n, "Report of the ") || text_starts_with_ci(s, n, "Report by the ") ||
        text_equals_ci(s, n, "Purpose of Report") || text_equals_ci(s, n, "Purpose of the Report")) {
        out->doc_type = "report";
        return;
    }
    /* A briefing note's title: "Elected Member Briefing Note 2025, Issue 4", "Briefing Note:
     * Winter Gritting" (but "Briefing Note of the Scrutiny Co-ordinator" names an item's
     * paper). */
    const char *note = n <= 80 ? text_find_ci(s, n, "Briefing Note") : NULL;
    const char *after = note ? note + 13 : NULL;
    if (note && is_upper(note[0]) && is_upper(note[9]) && s[n - 1] != '.' &&
        (after == s + n || *after == ',' || *after == ':' ||
         (*after == ' ' && after + 1 < s + n && (is_digit(after[1]) || after[1] == '-' ||
                                                 text_starts_with_ci(after + 1, (size_t)(s + n - after - 1), "No") ||
                                                 text_starts_with_ci(after + 1, (size_t)(s + n - after - 1), "Issue"))))) {
        out->doc_type = "briefing-note";
        out->title = 1;
        return;
    }
    /* "A meeting to be held at 13:30 on 11 December 2003." */
    if (text_starts_with_ci(s, n, "A meeting to be held ") ||
        text_starts_with_ci(s, n, "Meeting to be held ") || text_starts_with_ci(s, n, "held ")) {
        if (meta_find_date(s, n, out->date))
            out->date_rank = 0;
        return;
    }
    /* An agenda's front page run into one line: "Children's Services Committee Date:
     * Tuesday, 16 January 2018 Time: 10:00 Venue: ...". */
    const char *date_label = text_find_ci(s, n, " Date: ");
    if (date_label && date_after(date_label + 7, (size_t)(s + n - date_label - 7), out->date)) {
        out->date_rank = 0;
        span b = {s, (size_t)(date_label - s)};
        body_clean_name(&b);
        if (b.n && b.n <= 100 && heading_is_title_case(b.s, b.n) && !body_is_council(b.s, b.n)) {
            out->board = b;
            out->board_rank = 2;
        }
        if (text_find_ci(s, n, "Venue:")) {
            out->doc_type = "agenda";
            out->title = 1;
        }
        return;
    }
    /* A report's cover in an agenda pack: "COUNTY COUNCIL Agenda Item No. CHILDREN'S
     * SERVICES PANEL WEDNESDAY 10 SEPTEMBER 2008 AT 10.00 a.m.": a report to that meeting. */
    const char *item = text_find_ci(s, n, "Agenda Item No");
    if (item) {
        const char *p = item + 14;
        while (p < s + n && (*p == '.' || *p == ' ' || *p == ':'))
            p++;
        span b = {p, 0};
        span w[40];
        size_t count = text_split_words(p, (size_t)(s + n - p), w, 40);
        for (size_t i = 0; i < count; i++)
            if (header_is_weekday(w[i].s, w[i].n)) {
                b.n = (size_t)(w[i].s - p);
                if (meta_find_date(w[i].s, (size_t)(s + n - w[i].s), out->date))
                    out->date_rank = 0;
                break;
            }
        body_clean_name(&b);
        if (b.n && b.n <= 100) {
            out->board = b;
            out->board_rank = 1;
        }
        out->doc_type = "report";
        out->title = 1;
        return;
    }
    /* A decision record's "07/12/2007 - Title": the day it was taken. */
    if (n > 13 && is_digit(s[0]) && (text_find_ci(s, n < 16 ? n : 16, " - ") ||
                                     text_find_ci(s, n < 18 ? n : 18, " \xE2\x80\x93 ")) &&
        meta_find_date(s, n < 12 ? n : 12, out->date))
        out->date_rank = 1;
}

int
header_is_weekday(const char *s, size_t n)
{
    static const char *const days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday",
                                       /* Welsh: "Dydd Iau, 9fed Hydref, 2014" */
                                       "Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau",
                                       "Dydd Gwener", "Dydd Sadwrn", "Dydd Sul"};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
        if (text_starts_with_ci(s, n, days[i]))
            return 1;
    return 0;
}
