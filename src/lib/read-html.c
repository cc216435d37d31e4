/* read-html.c - an HTML document to lines of text the segmenter understands, with libxml2's
 * HTML parser (which copes with tag soup, decodes entities and honours the document's
 * charset): the parsing. read-html-lines.c writes the lines.
 *
 * What is not the document's content is left out: script, style, noscript, template, the
 * head, nav, header, footer, aside, forms and their controls, elements marked hidden,
 * landmarks with a role of navigation, search, banner or contentinfo, and elements whose
 * class or id names a menu, a navigation bar, a breadcrumb trail, a cookie notice or a skip
 * link.
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

#include "array.h"
#include "bytebuf.h"
#include "chars.h"
#include "read-html.h"

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

/* ---- elements --------------------------------------------------------------------------- */

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

static html_event *
add_event(html_doc *d, int type, int kind)
{
    html_event *events = array_room_for_one(d->events, &d->cap, d->count, sizeof *events);
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
    unsigned char *open = array_room_for_one(d->open, &d->open_cap, d->open_count, 1);
    if (!open) {
        d->status = MINUTES_NO_MEMORY;
        return;
    }
    d->open = open;
    if (kind == KIND_TABLE) {
        size_t *tables = array_room_for_one(d->tables, &d->table_cap, d->table_count, sizeof *tables);
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

/* ---- parsing ---------------------------------------------------------------------------- */

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
        st = read_html_lines(&d, out, out_len, reason);
    free(d.events);
    bytebuf_release(&d.text);
    free(d.open);
    free(d.tables);
    return st;
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
