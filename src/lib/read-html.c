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
 * libxml2 (and the ICU and lzma libraries it brings) is loaded with dlopen when the first
 * HTML file is read, not linked: loading it costs every process about a millisecond and a
 * half at start-up, and a search never reads HTML.
 */
#include "read-internal.h"

#include <dlfcn.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- libxml2, loaded on first use ------------------------------------------------------- */

static struct libxml2 {
    int tried;
    const char *error; /* why it could not be loaded; NULL once loaded */
    htmlDocPtr (*read_memory)(const char *, int, const char *, const char *, int);
    void (*free_doc)(xmlDocPtr);
    xmlChar *(*get_no_ns_prop)(const xmlNode *, const xmlChar *);
    xmlAttrPtr (*has_prop)(const xmlNode *, const xmlChar *);
    void (*set_generic_error_func)(void *, xmlGenericErrorFunc);
    void (*set_structured_error_func)(void *, xmlStructuredErrorFunc);
    xmlFreeFunc *free; /* the library's variable xmlFree */
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
    XML_SYMBOL(read_memory, "htmlReadMemory");
    XML_SYMBOL(free_doc, "xmlFreeDoc");
    XML_SYMBOL(get_no_ns_prop, "xmlGetNoNsProp");
    XML_SYMBOL(has_prop, "xmlHasProp");
    XML_SYMBOL(set_generic_error_func, "xmlSetGenericErrorFunc");
    XML_SYMBOL(set_structured_error_func, "xmlSetStructuredErrorFunc");
    xml.free = dlsym(lib, "xmlFree");
#undef XML_SYMBOL
    if (!xml.read_memory || !xml.free_doc || !xml.get_no_ns_prop || !xml.has_prop ||
        !xml.set_generic_error_func || !xml.set_structured_error_func || !xml.free) {
        snprintf(why, sizeof why, "cannot read HTML: libxml2.so.2 lacks a function it needs");
        return xml.error = why;
    }
    return xml.error = NULL;
}

/* Pending break between what has been written and what comes next. */
enum { BREAK_NONE, BREAK_SPACE, BREAK_LINE, BREAK_PARAGRAPH };

typedef struct html_text {
    char *buf;
    size_t len, cap, max;
    minutes_status status;
    int brk;            /* the strongest break asked for since the last text */
    const char *prefix; /* "- " or "## ", written before the next text */
    int in_pre;         /* inside <pre>: white space is kept */
    int in_heading;     /* inside h1-h6: breaks are spaces, the heading is one line */
    int in_data_table;  /* inside a table of data: rows are lines, cells tab-separated */
    int in_cell;        /* inside a cell of such a table: breaks are spaces */
    unsigned row_cells; /* cells begun in the current row */
} html_text;

/* ---- output ----------------------------------------------------------------------------- */

static int
reserve(html_text *t, size_t n)
{
    if (t->status != MINUTES_OK)
        return 0;
    if (t->len + n > t->max) {
        t->status = MINUTES_UNSUPPORTED_FILE;
        return 0;
    }
    if (t->len + n <= t->cap)
        return 1;
    size_t cap = t->cap ? t->cap : 4096;
    while (cap < t->len + n)
        cap *= 2;
    char *grown = realloc(t->buf, cap + 1);
    if (!grown) {
        t->status = MINUTES_NO_MEMORY;
        return 0;
    }
    t->buf = grown;
    t->cap = cap;
    return 1;
}

static void
append(html_text *t, const char *s, size_t n)
{
    if (n && reserve(t, n)) {
        memcpy(t->buf + t->len, s, n);
        t->len += n;
    }
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
    if (t->len == 0)
        return;
    char last = t->buf[t->len - 1];
    if (brk == BREAK_SPACE && last != '\n' && last != '\t' && last != ' ') {
        append(t, " ", 1);
    } else if (brk >= BREAK_LINE) {
        while (t->len > 0 && t->buf[t->len - 1] == ' ')
            t->len--;
        size_t newlines = 0;
        while (newlines < t->len && newlines < 2 && t->buf[t->len - 1 - newlines] == '\n')
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

/* A text node's content: runs of white space become one (pending) space, except in <pre>,
 * where lines are kept as they are. */
static void
text_node(html_text *t, const char *s)
{
    size_t n = strlen(s);
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

static int
name_is(const xmlNode *node, const char *name)
{
    return strcasecmp((const char *)node->name, name) == 0;
}

static int
name_in(const xmlNode *node, const char *const *names)
{
    for (; *names; names++)
        if (name_is(node, *names))
            return 1;
    return 0;
}

/* 1-6 for h1-h6, else 0. */
static int
heading_level(const xmlNode *node)
{
    const char *name = (const char *)node->name;
    if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && !name[2])
        return name[1] - '0';
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

/* Words of a class or id that mark boilerplate anywhere in a word ("mainmenu",
 * "breadcrumbs", "cookie-banner", "topnavigation") ... */
static const char *const boilerplate_inside[] = {"breadcrumb", "cookie", "menu",
                                                 "navigation", "navbar", NULL};
/* ... and at either end of one only, being parts of other words too ("site-nav", "navlinks",
 * "skip-link", but not "unavailable" or "skipped"). */
static const char *const boilerplate_ends[] = {"nav", "skip", NULL};

static int
is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

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
        while (*v && !is_word_char(*v))
            v++;
        const char *w = v;
        while (is_word_char(*v))
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

static int
attribute_is_boilerplate(xmlNode *node, const char *name)
{
    xmlChar *v = xml.get_no_ns_prop(node, (const xmlChar *)name);
    if (!v)
        return 0;
    int yes = is_boilerplate_value((const char *)v);
    (*xml.free)(v);
    return yes;
}

/* Whether an element is not part of the document's content. */
static int
is_skipped(xmlNode *node)
{
    if (name_in(node, skipped_elements))
        return 1;
    if (xml.has_prop(node, (const xmlChar *)"hidden"))
        return 1;
    xmlChar *role = xml.get_no_ns_prop(node, (const xmlChar *)"role");
    if (role) {
        static const char *const roles[] = {"navigation", "search", "banner", "contentinfo", NULL};
        int landmark = 0;
        for (const char *const *r = roles; *r; r++)
            landmark |= strcasecmp((const char *)role, *r) == 0;
        (*xml.free)(role);
        if (landmark)
            return 1;
    }
    /* The page's frame is never boilerplate, whatever its classes say. */
    if (name_is(node, "html") || name_is(node, "body") || name_is(node, "main"))
        return 0;
    return attribute_is_boilerplate(node, "class") || attribute_is_boilerplate(node, "id");
}

/* Whether a table holds data: nothing inside it is a table, a heading or a list. Only the
 * first layout element is looked for, so a tree of nested tables costs each node one look. */
static int
is_data_table(xmlNode *table)
{
    xmlNode *n = table->children;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (name_in(n, layout_elements) || heading_level(n))
                return 0;
            if (n->children) {
                n = n->children;
                continue;
            }
        }
        while (!n->next) {
            n = n->parent;
            if (!n || n == table)
                return 1;
        }
        n = n->next;
    }
    return 1;
}

/* Entering a node; returns 0 to pass over it and what it holds. */
static int
enter(html_text *t, xmlNode *node)
{
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (node->content)
            text_node(t, (const char *)node->content);
        return 1;
    }
    if (node->type != XML_ELEMENT_NODE || !node->name)
        return 0;
    if (is_skipped(node))
        return 0;
    int level = heading_level(node);
    if (level) {
        static const char *const marks[] = {"# ", "## ", "### ", "#### ", "##### ", "###### "};
        ask_break(t, BREAK_PARAGRAPH);
        if (!t->in_heading && !t->in_cell)
            t->prefix = marks[level - 1];
        t->in_heading++;
    } else if (name_is(node, "br")) {
        ask_break(t, BREAK_LINE);
    } else if (name_is(node, "li")) {
        ask_break(t, BREAK_LINE);
        if (!t->in_heading && !t->in_cell)
            t->prefix = "- ";
    } else if (name_is(node, "table")) {
        ask_break(t, BREAK_PARAGRAPH);
        if (!t->in_data_table && is_data_table(node))
            t->in_data_table = 1;
        else if (t->in_data_table)
            t->in_data_table++; /* cannot happen: a data table holds no table */
    } else if (name_is(node, "tr")) {
        ask_break(t, t->in_data_table ? BREAK_LINE : BREAK_PARAGRAPH);
        t->row_cells = 0;
    } else if (name_is(node, "td") || name_is(node, "th")) {
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
    } else if (name_in(node, block_elements)) {
        ask_break(t, BREAK_PARAGRAPH);
        if (name_is(node, "pre"))
            t->in_pre++;
    }
    return 1;
}

static void
leave(html_text *t, xmlNode *node)
{
    if (node->type != XML_ELEMENT_NODE || !node->name)
        return;
    if (heading_level(node)) {
        t->in_heading--;
        if (!t->in_heading)
            t->prefix = NULL; /* an empty heading */
        ask_break(t, BREAK_PARAGRAPH);
    } else if (name_is(node, "li")) {
        t->prefix = NULL;
        ask_break(t, BREAK_LINE);
    } else if (name_is(node, "table")) {
        if (t->in_data_table)
            t->in_data_table--;
        ask_break(t, BREAK_PARAGRAPH);
    } else if (name_is(node, "tr")) {
        ask_break(t, t->in_data_table ? BREAK_LINE : BREAK_PARAGRAPH);
    } else if (name_is(node, "td") || name_is(node, "th")) {
        if (t->in_data_table == 1 && t->in_cell)
            t->in_cell--;
        else
            ask_break(t, BREAK_PARAGRAPH);
    } else if (name_in(node, block_elements)) {
        if (name_is(node, "pre") && t->in_pre)
            t->in_pre--;
        ask_break(t, BREAK_PARAGRAPH);
    }
}

/* Walk the tree in document order without recursion: documents can nest deeply. */
static void
walk(html_text *t, xmlDoc *doc)
{
    xmlNode *n = doc->children;
    while (n && t->status == MINUTES_OK) {
        int entered = enter(t, n);
        if (entered && n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        if (entered)
            leave(t, n);
        for (;;) {
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            if (!n || (xmlDoc *)n == doc) {
                n = NULL;
                break;
            }
            leave(t, n);
        }
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

minutes_status
read_html_to_text(const char *html, size_t len, const char *encoding, char **out, size_t *out_len,
                  const char **reason)
{
    html_text t;
    memset(&t, 0, sizeof t);
    t.max = read_max_bytes();
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
    xmlDoc *doc = len ? xml.read_memory(html, (int)len, NULL, encoding,
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET)
                      : NULL;
    if (doc) {
        walk(&t, doc);
        xml.free_doc(doc);
    }
    /* The text ends with one line end. */
    while (t.len > 0 && (t.buf[t.len - 1] == '\n' || t.buf[t.len - 1] == ' '))
        t.len--;
    if (t.len > 0)
        append(&t, "\n", 1);
    if (t.status == MINUTES_OK && !t.buf) {
        t.buf = malloc(1);
        if (!t.buf)
            t.status = MINUTES_NO_MEMORY;
    }
    if (t.status != MINUTES_OK) {
        free(t.buf);
        *reason =
            t.status == MINUTES_NO_MEMORY ? "out of memory" : read_reason_too_large(0, "as text");
        return t.status;
    }
    t.buf[t.len] = '\0';
    *out = t.buf;
    *out_len = t.len;
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
