/* read-html-lines.c - the lines of text an HTML document makes, shaped for the segmenter.
 *
 * The parser (read-html.c) leaves the document as a list of events - an element's start or
 * end, a run of text - which is walked once, in order, writing:
 *
 *   - each block element (p, div, li, h1-h6, table, blockquote, pre, dd, dt, section, ...)
 *     as a paragraph: a blank line comes before and after it; <br> ends a line;
 *   - a list item as a line "- item", so that every entry is a list-item paragraph;
 *   - a heading h1-h6 as a line "# Title" ... "###### Title", which the segmenter reads as
 *     a Markdown heading ("## 3. Ofsted Report" starts item 3);
 *   - a table row as one line with its cells separated by tabs - the segmenter makes it a
 *     table-row paragraph - unless the table lays out a page rather than holding data (the
 *     parser found tables, headings or lists inside it): then each cell is a block;
 *   - runs of white space inside text as one space, except in <pre>.
 *
 * Breaks are asked for and written lazily: the strongest break asked for since the last
 * text is written before the next, so nested blocks give one blank line, not many.
 */
#include "read-internal.h"

#include <string.h>

#include "read-html.h"

/* Pending break between what has been written and what comes next. */
enum { BREAK_NONE, BREAK_SPACE, BREAK_LINE, BREAK_PARAGRAPH };

typedef struct html_text {
    bytebuf out;           /* the text written so far */
    minutes_status status; /* MINUTES_UNSUPPORTED_FILE once it passes the size limit */
    int brk;               /* the strongest break asked for since the last text */
    const char *prefix;    /* "- " or "## ", written before the next text */
    int in_pre;            /* inside <pre>: white space is kept */
    int in_heading;        /* inside h1-h6: breaks are spaces, the heading is one line */
    int in_data_table;     /* inside a table of data: rows are lines, cells tab-separated */
    int in_cell;           /* inside a cell of such a table: breaks are spaces */
    unsigned row_cells;    /* cells begun in the current row */
} html_text;

/* ---- output ----------------------------------------------------------------------------- */

static void
append(html_text *t, const char *s, size_t n)
{
    if (!n || t->status != MINUTES_OK)
        return;
    bytebuf_status st = bytebuf_append(&t->out, s, n);
    if (st != BYTEBUF_OK)
        t->status = st == BYTEBUF_NO_MEMORY ? MINUTES_NO_MEMORY : MINUTES_UNSUPPORTED_FILE;
}

static void
ask_break(html_text *t, int level)
{
    if ((t->in_cell || t->in_heading) && level > BREAK_SPACE)
        level = BREAK_SPACE;
    if (level > t->brk)
        t->brk = level;
}

/* Write the pending break (a space is dropped at the start of a line or cell). */
static void
flush_break(html_text *t)
{
    int brk = t->brk;
    t->brk = BREAK_NONE;
    bytebuf *out = &t->out;
    if (out->len == 0)
        return;
    char last = out->data[out->len - 1];
    if (brk == BREAK_SPACE && last != '\n' && last != '\t' && last != ' ') {
        append(t, " ", 1);
    } else if (brk >= BREAK_LINE) {
        while (out->len > 0 && out->data[out->len - 1] == ' ')
            out->len--;
        size_t newlines = 0;
        while (newlines < out->len && newlines < 2 && out->data[out->len - 1 - newlines] == '\n')
            newlines++;
        size_t want = brk == BREAK_PARAGRAPH ? 2 : 1;
        if (newlines < want)
            append(t, "\n\n", want - newlines);
    }
}

/* Text that is not white space, written after the pending break and prefix. */
static void
write_text(html_text *t, const char *s, size_t n)
{
    flush_break(t);
    if (t->prefix) {
        append(t, t->prefix, strlen(t->prefix));
        t->prefix = NULL;
    }
    append(t, s, n);
}

/* A run of text: runs of white space become one (pending) space, except in <pre>, where
 * lines are kept as they are. */
static void
text_run(html_text *t, const char *s, size_t n)
{
    if (t->in_pre && !t->in_cell && !t->in_heading) {
        size_t i = 0;
        while (i < n) {
            size_t j = i;
            while (j < n && s[j] != '\n' && s[j] != '\r')
                j++;
            if (j > i)
                write_text(t, s + i, j - i);
            if (j < n && s[j] == '\n') {
                ask_break(t, BREAK_LINE);
                flush_break(t);
            }
            i = j + 1;
        }
        return;
    }
    size_t i = 0;
    while (i < n) {
        if (is_html_space(s[i])) {
            ask_break(t, BREAK_SPACE);
            while (i < n && is_html_space(s[i]))
                i++;
            continue;
        }
        size_t j = i;
        while (j < n && !is_html_space(s[j]))
            j++;
        write_text(t, s + i, j - i);
        i = j;
    }
}

/* ---- the walk --------------------------------------------------------------------------- */

static void
enter(html_text *t, const html_event *ev)
{
    switch (ev->kind) {
    case KIND_HEADING: {
        static const char *const marks[] = {"# ", "## ", "### ", "#### ", "##### ", "###### "};
        ask_break(t, BREAK_PARAGRAPH);
        if (!t->in_heading && !t->in_cell)
            t->prefix = marks[ev->level - 1];
        t->in_heading++;
        break;
    }
    case KIND_BR: ask_break(t, BREAK_LINE); break;
    case KIND_LI:
        ask_break(t, BREAK_LINE);
        if (!t->in_heading && !t->in_cell)
            t->prefix = "- ";
        break;
    case KIND_TABLE:
        ask_break(t, BREAK_PARAGRAPH);
        if (!t->in_data_table && ev->data)
            t->in_data_table = 1;
        else if (t->in_data_table)
            t->in_data_table++; /* cannot happen: a data table holds no table */
        break;
    case KIND_TR:
        ask_break(t, t->in_data_table ? BREAK_LINE : BREAK_PARAGRAPH);
        t->row_cells = 0;
        break;
    case KIND_CELL:
        if (t->in_data_table == 1) {
            if (t->row_cells++ > 0) {
                t->brk = t->brk == BREAK_SPACE ? BREAK_NONE : t->brk;
                flush_break(t);
                append(t, "\t", 1);
            }
            t->in_cell++;
        } else {
            ask_break(t, BREAK_PARAGRAPH);
        }
        break;
    case KIND_PRE:
        ask_break(t, BREAK_PARAGRAPH);
        t->in_pre++;
        break;
    case KIND_BLOCK: ask_break(t, BREAK_PARAGRAPH); break;
    }
}

static void
leave(html_text *t, const html_event *ev)
{
    switch (ev->kind) {
    case KIND_HEADING:
        t->in_heading--;
        if (!t->in_heading)
            t->prefix = NULL; /* an empty heading */
        ask_break(t, BREAK_PARAGRAPH);
        break;
    case KIND_LI:
        t->prefix = NULL;
        ask_break(t, BREAK_LINE);
        break;
    case KIND_TABLE:
        if (t->in_data_table)
            t->in_data_table--;
        ask_break(t, BREAK_PARAGRAPH);
        break;
    case KIND_TR: ask_break(t, t->in_data_table ? BREAK_LINE : BREAK_PARAGRAPH); break;
    case KIND_CELL:
        if (t->in_data_table == 1 && t->in_cell)
            t->in_cell--;
        else
            ask_break(t, BREAK_PARAGRAPH);
        break;
    case KIND_PRE:
        if (t->in_pre)
            t->in_pre--;
        ask_break(t, BREAK_PARAGRAPH);
        break;
    case KIND_BLOCK: ask_break(t, BREAK_PARAGRAPH); break;
    }
}

/* The events in order: a loop, however deep the elements nest. */
static void
walk(html_text *t, const html_doc *d)
{
    for (size_t i = 0; i < d->count && t->status == MINUTES_OK; i++) {
        const html_event *ev = &d->events[i];
        if (ev->type == EVENT_TEXT)
            text_run(t, d->text.data + ev->offset, ev->len);
        else if (ev->type == EVENT_START)
            enter(t, ev);
        else
            leave(t, ev);
    }
}

minutes_status
read_html_lines(const html_doc *d, char **out, size_t *out_len, const char **reason)
{
    html_text t;
    memset(&t, 0, sizeof t);
    bytebuf_init(&t.out, read_max_bytes());
    t.status = MINUTES_OK;
    walk(&t, d);
    /* The text ends with one line end. */
    bytebuf *text = &t.out;
    while (text->len > 0 &&
           (text->data[text->len - 1] == '\n' || text->data[text->len - 1] == ' '))
        text->len--;
    if (text->len > 0)
        append(&t, "\n", 1);
    if (t.status == MINUTES_OK && !(*out = bytebuf_finish(text, out_len)))
        t.status = MINUTES_NO_MEMORY;
    if (t.status != MINUTES_OK) {
        bytebuf_release(text);
        *reason =
            t.status == MINUTES_NO_MEMORY ? "out of memory" : read_reason_too_large(0, "as text");
        return t.status;
    }
    return MINUTES_OK;
}
