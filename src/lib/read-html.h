/* read-html.h - what the two files of the HTML reader share: the document as the parser
 * leaves it, a flat list of events (read-html.c), which read-html-lines.c writes out as
 * lines of text. Not part of the library's interface.
 */
#ifndef MINUTES_READ_HTML_H
#define MINUTES_READ_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "bytebuf.h"
#include "minutes.h"

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

/* What an event is. */
enum { EVENT_START, EVENT_END, EVENT_TEXT };

typedef struct html_event {
    unsigned char type;
    unsigned char kind;  /* START, END: KIND_* */
    unsigned char level; /* KIND_HEADING: 1-6 */
    unsigned char data;  /* KIND_TABLE: it holds data (nothing inside lays out a page) */
    uint32_t len;        /* TEXT: bytes of text */
    size_t offset;       /* TEXT: where they are in the document's text */
} html_event;

/* The document: its events in document order, and the text they point into. The rest is the
 * parser's own state while it runs: elements inside one that is left out are not noted,
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

/* HTML's white space. */
static inline int
is_html_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* ---- read-html-lines.c ------------------------------------------------------------------ */

/* The text of the document's events as lines the segmenter understands (see
 * read-html-lines.c), in a new NUL-terminated buffer of *out_len bytes, at most
 * read_max_bytes(). Fails with MINUTES_NO_MEMORY or MINUTES_UNSUPPORTED_FILE ("file too
 * large as text (...)"), *reason set. */
minutes_status read_html_lines(const html_doc *d, char **out, size_t *out_len,
                               const char **reason);

#endif /* MINUTES_READ_HTML_H */
