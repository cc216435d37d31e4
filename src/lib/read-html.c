/* read-html.c - an HTML document to lines of text the segmenter understands, with libxml2's
 * HTML parser (which copes with tag soup, decodes entities and honours the document's
 * charset).
 *
 * The tree is walked in document order and its text written out, shaped for the segmenter:
 *
 *   - each block element (p, div, li, h1-h6, table, blockquote, pre, dd, dt, section, ...)
 *     is a paragraph: a blank line comes before and after it; <br> ends a line;
 *   - a list item is a line "- item", so that every entry is a list-item paragraph;
 *   - a heading h1-h6 is a line "# Title" ... "###### Title", which the segmenter reads as
 *     a Markdown heading ("## 3. Ofsted Report" starts item 3);
 *   - a table row is one line with its cells separated by tabs - the segmenter makes it a
 *     table-row paragraph - unless the table lays out a page rather than holding data (it
 *     has tables, headings or lists inside it): then each cell is a block;
 *   - white space runs inside text become one space, except in <pre>;
 *   - what is not the document's content is left out: script, style, noscript, template,
 *     the head, nav, header, footer, aside, forms and their controls, elements marked
 *     hidden, landmarks with a role of navigation, search, banner or contentinfo, and
 *     elements whose class or id names a menu, a navigation bar, a breadcrumb trail, a
 *     cookie notice or a skip link.
 *
 * The parser builds no tree: its SAX callbacks note the starts and ends of the elements that
 * shape the text, and the text, in document order, in a flat list that is then walked in one
 * pass. libxml2 builds a tree at most 256 elements deep (2048 with XML_PARSE_HUGE, in later
 * versions) and stops parsing there, the rest of the text lost; a page that opens a <font>
 * in every paragraph and never closes one nests that deep soon enough. The list has no depth
 * to limit, and walking it needs no recursion.
 *
 * libxml2 (and the ICU and lzma libraries it brings) is loaded with dlopen when the first
 * HTML file is read, not linked: loading it costs every process about a millisecond and a
 * half at start-up, and a search never reads HTML.
 */
#include "read-internal.h"

#include <dlfcn.h>
#include <libxml/HTMLparser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bytebuf.h"
#include "chars.h"

/* ---- libxml2, loaded on first use ------------------------------------------------------- */

static struct libxml2 {
    int tried;
    const char *error; /* why it could not be loaded; NULL once loaded */
    htmlParserCtxtPtr (*new_parser)(const char *, int);
    int (*use_options)(htmlParserCtxtPtr, int);
    xmlCharEncodingHandlerPtr (*find_encoding)(const char *);
    int (*switch_encoding)(xmlParserCtxtPtr, xmlCharEncodingHandlerPtr);
    int (*parse)(htmlParserCtxtPtr);
    void (*free_parser)(htmlParserCtxtPtr);
    void (*free_doc)(xmlDocPtr);
    void (*set_generic_error_func)(void *, xmlGenericErrorFunc);
    void (*set_structured_error_func)(void *, xmlStructuredErrorFunc);
} xml;

/* Load libxml2 once; NULL when loaded, else why not. */
static const char *
load_libxml2(void)
{
    if (xml.tried)
        return xml.error;
    xml.tried = 1;
    static char why[256];
    void *lib = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(why, sizeof why, "cannot load libxml2 to read HTML: %s", dlerror());
        return xml.error = why;
    }
    /* POSIX allows converting dlsym's result to a function pointer; ISO C does not say. */
#define XML_SYMBOL(field, name) *(void **)&xml.field = dlsym(lib, name)
    XML_SYMBOL(new_parser, "htmlCreateMemoryParserCtxt");
    XML_SYMBOL(use_options, "htmlCtxtUseOptions");
    XML_SYMBOL(find_encoding, "xmlFindCharEncodingHandler");
    XML_SYMBOL(switch_encoding, "xmlSwitchToEncoding");
    XML_SYMBOL(parse, "htmlParseDocument");
    XML_SYMBOL(free_parser, "htmlFreeParserCtxt");
    XML_SYMBOL(free_doc, "xmlFreeDoc");
    XML_SYMBOL(set_generic_error_func, "xmlSetGenericErrorFunc");
    XML_SYMBOL(set_structured_error_func, "xmlSetStructuredErrorFunc");
#undef XML_SYMBOL
    if (!xml.new_parser || !xml.use_options || !xml.find_encoding || !xml.switch_encoding ||
        !xml.parse || !xml.free_parser || !xml.free_doc || !xml.set_generic_error_func ||
        !xml.set_structured_error_func) {
        snprintf(why, sizeof why, "cannot read HTML: libxml2.so.2 lacks a function it needs");
        return xml.error = why;
    }
    return xml.error = NULL;
}

/* Pending break between what has been written and what comes next. */
enum { BREAK_NONE, BREAK_SPACE, BREAK_LINE, BREAK_PARAGRAPH };

typedef struct html_text {
    bytebuf out;
    minutes_status status; /* MINUTES_UNSUPPORTED_FILE once the text passes the size limit */
    int brk;            /* the strongest break asked for since the last text */
    const char *prefix; /* "- " or "## ", written before the next text */
    int in_pre;         /* inside <pre>: white space is kept */
    int in_heading;     /* inside h1-h6: breaks are spaces, the heading is one line */
    int in_data_table;  /* inside a table of data: rows are lines, cells tab-separated */
    int in_cell;        /* inside a cell of such a table: breaks are spaces */
    unsigned row_cells; /* cells begun in the current row */
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

static int
is_html_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
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

/* ---- elements --------------------------------------------------------------------------- */

/* What an element is to the text. */
enum {
    KIND_INLINE,  /* its text runs on with what is around it */
    KIND_BLOCK,   /* a paragraph */
    KIND_PRE,     /* a paragraph whose white space is kept */
    KIND_HEADING, /* h1-h6 */
    KIND_BR,
    KIND_LI,
    KIND_TABLE,
    KIND_TR,
    KIND_CELL, /* td, th */
};

/* 1-6 for h1-h6, else 0. */
static int
heading_level(const char *name)
{
    if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && !name[2])
        return name[1] - '0';
    return 0;
}

static int
name_in(const char *name, const char *const *names)
{
    for (; *names; names++)
        if (strcasecmp(name, *names) == 0)
            return 1;
    return 0;
}

static const char *const skipped_elements[] = {
    "script", "style",  "noscript", "template", "head",   "title",    "nav",
    "header", "footer", "aside",    "form",     "button", "select",   "textarea",
    "input",  "option", "iframe",   "object",   "embed",  "svg",      "math",
    "canvas", "video",  "audio",    "map",      "dialog", "frameset", NULL,
};

static const char *const block_elements[] = {
    "p",      "div",        "section", "article", "blockquote", "pre",     "dd",
    "dt",     "dl",         "ul",      "ol",      "main",       "hr",      "address",
    "figure", "figcaption", "caption", "center",  "details",    "summary", "fieldset",
    "legend", "body",       "html",    "menu",    "hgroup",     NULL,
};

/* What inside a table makes it lay out a page rather than hold data. */
static const char *const layout_elements[] = {
    "table", "ul", "ol", "dl", "blockquote", "pre", "section", "article", "main", "address", NULL,
};

static int
element_kind(const char *name)
{
    if (heading_level(name))
        return KIND_HEADING;
    if (strcasecmp(name, "br") == 0)
        return KIND_BR;
    if (strcasecmp(name, "li") == 0)
        return KIND_LI;
    if (strcasecmp(name, "table") == 0)
        return KIND_TABLE;
    if (strcasecmp(name, "tr") == 0)
        return KIND_TR;
    if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0)
        return KIND_CELL;
    if (strcasecmp(name, "pre") == 0)
        return KIND_PRE;
    if (name_in(name, block_elements))
        return KIND_BLOCK;
    return KIND_INLINE;
}

/* Words of a class or id that mark boilerplate anywhere in a word ("mainmenu",
 * "breadcrumbs", "cookie-banner", "topnavigation") ... */
static const char *const boilerplate_inside[] = {"breadcrumb", "cookie", "menu",
                                                 "navigation", "navbar", NULL};
/* ... and at either end of one only, being parts of other words too ("site-nav", "navlinks",
 * "skip-link", but not "unavailable" or "skipped"). */
static const char *const boilerplate_ends[] = {"nav", "skip", NULL};

/* Whether the word of n bytes at w contains `needle` (case-insensitive). */
static int
word_contains(const char *w, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(w + i, needle, k) == 0)
            return 1;
    return 0;
}

/* Whether a class or id value names a menu, a navigation bar, a breadcrumb trail, a cookie
 * notice or a skip link. */
static int
is_boilerplate_value(const char *v)
{
    while (*v) {
        while (*v && !is_alnum(*v))
            v++;
        const char *w = v;
        while (is_alnum(*v))
            v++;
        size_t n = (size_t)(v - w);
        for (const char *const *b = boilerplate_inside; *b; b++)
            if (word_contains(w, n, *b))
                return 1;
        if (n == 4 && strncasecmp(w, "navy", 4) == 0)
            continue; /* a colour */
        for (const char *const *b = boilerplate_ends; *b; b++) {
            size_t bn = strlen(*b);
            if (n >= bn && (strncasecmp(w, *b, bn) == 0 || strncasecmp(w + n - bn, *b, bn) == 0))
                return 1;
        }
    }
    return 0;
}

/* Whether an element is not part of the document's content, by its name and attributes
 * (name, value pairs, a value NULL for an attribute without one). */
static int
is_skipped(const char *name, const xmlChar **atts)
{
    if (name_in(name, skipped_elements))
        return 1;
    static const char *const roles[] = {"navigation", "search", "banner", "contentinfo", NULL};
    /* The page's frame is never boilerplate, whatever its classes say. */
    int frame = strcasecmp(name, "html") == 0 || strcasecmp(name, "body") == 0 ||
                strcasecmp(name, "main") == 0;
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *attr = (const char *)atts[i], *value = (const char *)atts[i + 1];
        if (strcasecmp(attr, "hidden") == 0)
            return 1;
        if (!value)
            continue;
        if (strcasecmp(attr, "role") == 0 && name_in(value, roles))
            return 1;
        if (!frame && (strcasecmp(attr, "class") == 0 || strcasecmp(attr, "id") == 0) &&
            is_boilerplate_value(value))
            return 1;
    }
    return 0;
}

/* ---- the document as a list of events --------------------------------------------------- */

enum { EVENT_START, EVENT_END, EVENT_TEXT };

typedef struct html_event {
    unsigned char type;
    unsigned char kind;  /* START, END: KIND_* */
    unsigned char level; /* KIND_HEADING: 1-6 */
    unsigned char data;  /* KIND_TABLE: it holds data (nothing inside lays out a page) */
    uint32_t len;        /* TEXT: bytes of text */
    size_t offset;       /* TEXT: where they are in the document's text */
} html_event;

/* What the parser's callbacks collect. Elements inside one that is left out are not noted,
 * only counted, so that their ends are known. */
typedef struct html_doc {
    html_event *events;
    size_t count, cap;
    bytebuf text; /* the text of every TEXT event */
    unsigned char *open; /* the kinds of the elements open (and noted), outermost first */
    size_t open_count, open_cap;
    size_t *tables; /* the START events of the tables open, outermost first */
    size_t table_count, table_cap;
    size_t skipping; /* elements open inside (and including) one left out */
    minutes_status status;
} html_doc;

/* `items`, an array of *cap items of `size` bytes with `count` in use, with room for one more:
 * itself, or a larger copy; NULL when out of memory (and `items` is left as it is). */
static void *
room_for_one(void *items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return items;
    size_t more = *cap ? *cap * 2 : 256;
    void *grown = more <= SIZE_MAX / size ? realloc(items, more * size) : NULL;
    if (grown)
        *cap = more;
    return grown;
}

static html_event *
add_event(html_doc *d, int type, int kind)
{
    html_event *events = room_for_one(d->events, &d->cap, d->count, sizeof *events);
    if (!events) {
        d->status = MINUTES_NO_MEMORY;
        return NULL;
    }
    d->events = events;
    html_event *ev = &events[d->count++];
    memset(ev, 0, sizeof *ev);
    ev->type = (unsigned char)type;
    ev->kind = (unsigned char)kind;
    return ev;
}

/* Whether a block's start or end would follow another's with nothing between: both ask for
 * a paragraph break, and one is enough (a thousand nested <div>s are two events). Inline
 * elements are not noted at all, asking for nothing. */
static int
repeats_block(const html_doc *d, int kind)
{
    return kind == KIND_BLOCK && d->count && d->events[d->count - 1].type != EVENT_TEXT &&
           d->events[d->count - 1].kind == KIND_BLOCK;
}

static void
sax_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    html_doc *d = ctx;
    const char *name = xname ? (const char *)xname : "";
    if (d->status != MINUTES_OK)
        return;
    /* A heading or a layout element inside a table makes it lay out a page, even inside
     * something left out. */
    if (d->table_count && (heading_level(name) || name_in(name, layout_elements)))
        d->events[d->tables[d->table_count - 1]].data = 0;
    if (d->skipping || is_skipped(name, atts)) {
        d->skipping++;
        return;
    }
    int kind = element_kind(name);
    unsigned char *open = room_for_one(d->open, &d->open_cap, d->open_count, 1);
    if (!open) {
        d->status = MINUTES_NO_MEMORY;
        return;
    }
    d->open = open;
    if (kind == KIND_TABLE) {
        size_t *tables = room_for_one(d->tables, &d->table_cap, d->table_count, sizeof *tables);
        if (!tables) {
            d->status = MINUTES_NO_MEMORY;
            return;
        }
        d->tables = tables;
    }
    d->open[d->open_count++] = (unsigned char)kind;
    if (kind == KIND_INLINE || repeats_block(d, kind))
        return;
    html_event *ev = add_event(d, EVENT_START, kind);
    if (!ev)
        return;
    ev->level = (unsigned char)heading_level(name);
    if (kind == KIND_TABLE) {
        ev->data = 1;
        d->tables[d->table_count++] = d->count - 1;
    }
}

static void
sax_end(void *ctx, const xmlChar *name)
{
    html_doc *d = ctx;
    (void)name; /* the parser ends the elements it started, innermost first */
    if (d->status != MINUTES_OK)
        return;
    if (d->skipping) {
        d->skipping--;
        return;
    }
    if (!d->open_count)
        return;
    int kind = d->open[--d->open_count];
    if (kind == KIND_TABLE && d->table_count)
        d->table_count--;
    if (kind != KIND_INLINE && !repeats_block(d, kind))
        add_event(d, EVENT_END, kind);
}

static void
sax_text(void *ctx, const xmlChar *s, int n)
{
    html_doc *d = ctx;
    /* Text outside every element (a stray "<" before the document) is not the document's. */
    if (d->status != MINUTES_OK || d->skipping || !d->open_count || n <= 0)
        return;
    size_t len = (size_t)n, offset = d->text.len;
    if (bytebuf_append(&d->text, s, len) != BYTEBUF_OK) {
        d->status = MINUTES_NO_MEMORY;
        return;
    }
    /* The parser hands text over in pieces: a run of them is one event. */
    html_event *last = d->count ? &d->events[d->count - 1] : NULL;
    if (last && last->type == EVENT_TEXT && last->len <= UINT32_MAX - len) {
        last->len += (uint32_t)len;
    } else {
        html_event *ev = add_event(d, EVENT_TEXT, KIND_INLINE);
        if (!ev)
            return;
        ev->offset = offset;
        ev->len = (uint32_t)len;
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

/* libxml2 reports some errors (encoding errors, "I/O error : encoder error") on stderr even
 * with HTML_PARSE_NOERROR; the library never prints, so they go here instead. */
static void
html_ignore_error(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void
html_ignore_structured_error(void *ctx, xmlErrorPtr error)
{
    (void)ctx;
    (void)error;
}

/* Parse the document into *d, setting *stopped if the parser gave up part way. MINUTES_OK,
 * else why not in *reason. */
static minutes_status
parse(const char *html, size_t len, const char *encoding, html_doc *d, int *stopped,
      const char **reason)
{
    htmlParserCtxtPtr ctxt = xml.new_parser(html, (int)len);
    if (!ctxt || !ctxt->sax) {
        if (ctxt)
            xml.free_parser(ctxt);
        *reason = "out of memory";
        return MINUTES_NO_MEMORY;
    }
    /* Only what the walk needs: no tree, no comments, no document type. */
    xmlSAXHandler *sax = ctxt->sax;
    memset(sax, 0, sizeof *sax);
    sax->initialized = 1;
    sax->startElement = sax_start;
    sax->endElement = sax_end;
    sax->characters = sax_text;
    sax->cdataBlock = sax_text;
    ctxt->userData = d;
    /* Until the document says otherwise, it is UTF-8 (as htmlReadMemory has it; a parser made
     * this way would take a letter that is not ASCII as Latin-1). */
    ctxt->charset = XML_CHAR_ENCODING_UTF8;
    /* XML_PARSE_HUGE lifts what limits a version of the parser puts on a run of text, a
     * comment or an attribute: ours is the file's size. An encoding we are given overrides
     * the document's. */
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                  HTML_PARSE_NONET | XML_PARSE_HUGE;
    if (encoding) {
        xmlCharEncodingHandlerPtr handler = xml.find_encoding(encoding);
        if (handler) {
            xml.switch_encoding(ctxt, handler);
            options |= HTML_PARSE_IGNORE_ENC;
        }
    }
    xml.use_options(ctxt, options);
    xml.parse(ctxt);
    if (ctxt->myDoc)
        xml.free_doc(ctxt->myDoc);
    ctxt->myDoc = NULL;
    /* The parser turns its callbacks off when it gives up (a limit of its own, an error it
     * cannot recover from): nothing after that point was seen. */
    *stopped = ctxt->disableSAX != 0;
    if (ctxt->errNo == XML_ERR_NO_MEMORY)
        d->status = MINUTES_NO_MEMORY;
    xml.free_parser(ctxt);
    if (d->status != MINUTES_OK) {
        *reason = "out of memory";
        return d->status;
    }
    return MINUTES_OK;
}

minutes_status
read_html_to_text(const char *html, size_t len, const char *encoding, char **out, size_t *out_len,
                  const char **warning, const char **reason)
{
    *warning = NULL;
    html_text t;
    memset(&t, 0, sizeof t);
    bytebuf_init(&t.out, read_max_bytes());
    t.status = MINUTES_OK;
    if (len > (size_t)0x7FFFFFFF) {
        *reason = read_reason_too_large(len, NULL);
        return MINUTES_UNSUPPORTED_FILE;
    }
    const char *unavailable = load_libxml2();
    if (unavailable) {
        *reason = unavailable;
        return MINUTES_UNSUPPORTED_FILE;
    }
    xml.set_generic_error_func(NULL, html_ignore_error);
    xml.set_structured_error_func(NULL, html_ignore_structured_error);
    html_doc d;
    memset(&d, 0, sizeof d);
    bytebuf_init(&d.text, BYTEBUF_UNLIMITED);
    d.status = MINUTES_OK;
    int stopped = 0;
    minutes_status st = len ? parse(html, len, encoding, &d, &stopped, reason) : MINUTES_OK;
    /* Whatever limit made it stop, what was read is kept and the loss said. */
    if (stopped)
        *warning = "the HTML parser stopped part way: the rest of the text is left out";
    if (st == MINUTES_OK)
        walk(&t, &d);
    free(d.events);
    bytebuf_release(&d.text);
    free(d.open);
    free(d.tables);
    if (st != MINUTES_OK) {
        bytebuf_release(&t.out);
        return st;
    }
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

/* ---- sniffing --------------------------------------------------------------------------- */

static int
starts_with_ci(const char *s, const char *end, const char *prefix)
{
    size_t n = strlen(prefix);
    return (size_t)(end - s) >= n && strncasecmp(s, prefix, n) == 0;
}

int
read_looks_like_html(const char *text, size_t len, int strict)
{
    const char *s = text, *end = text + len;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    while (s < end && is_html_space(*s))
        s++;
    if (s == end || *s != '<')
        return 0;
    if (starts_with_ci(s, end, "<!doctype html") || starts_with_ci(s, end, "<html"))
        return 1;
    if (strict)
        return 0;
    static const char *const tags[] = {
        "<head", "<body", "<meta", "<title", "<p>",     "<p ",      "<div",     "<table",  "<h1",
        "<h2",   "<h3",   "<h4",   "<h5",    "<h6",     "<ul",      "<ol",      "<li",     "<br",
        "<span", "<a ",   "<link", "<style", "<script", "<section", "<article", "<strong", NULL,
    };
    const char *limit = end - s > 1024 ? s + 1024 : end;
    for (const char *p = s; p < limit; p++) {
        if (*p != '<')
            continue;
        for (const char *const *tag = tags; *tag; tag++)
            if (starts_with_ci(p, limit, *tag))
                return 1;
    }
    return 0;
}
