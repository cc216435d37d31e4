/* segment.h - splitting a document's text into paragraphs and tagging their agenda items.
 *
 * A paragraph is the unit the index stores and search returns. This file defines the
 * paragraph record, which carries everything known about a paragraph: where it is in its
 * file, its clean text, and the meeting metadata (council, board, date, document type,
 * agenda item and its type, paragraph kind) that the metadata extractor fills in.
 */
#ifndef MINUTES_SEGMENT_H
#define MINUTES_SEGMENT_H

#include <stddef.h>

#include "arena.h"
#include "minutes.h"

/* What a paragraph is, as far as its shape tells. */
typedef enum para_kind {
    PARA_TEXT,     /* ordinary prose */
    PARA_HEADING,  /* an agenda item's heading, e.g. "3. Ofsted Report" */
    PARA_LIST_ITEM /* one entry of a bulleted or numbered list */
} para_kind;

/* Meeting metadata shared by the paragraphs of a document or one of its sections. Strings
 * live in the document's arena; NULL means unknown. */
typedef struct para_meeting {
    const char *council;  /* "Coventry City Council" */
    const char *board;    /* the board or committee, as written */
    const char *board_id; /* its normalized id, for matching spellings of one board */
    const char *date;     /* meeting date, "YYYY-MM-DD" */
    const char *doc_type; /* minutes, agenda, briefing-note, report, appendix, ... */
    const char *source_url;
} para_meeting;

typedef struct paragraph {
    unsigned ordinal;    /* position in the document, from 1 */
    unsigned line_first; /* first and last line in the file, from 1 */
    unsigned line_last;
    size_t offset; /* byte offset in the file of its first character */
    size_t length; /* bytes it spans in the file, to the end of its last line */
    unsigned page; /* page in a paginated source, from 1; 0 when not known */

    const char *text; /* clean text: markup removed, its lines joined by '\n' */
    size_t text_len;
    para_kind kind;

    const char *item_number; /* the agenda item it falls under, as written ("3"); NULL if none */
    const char *item_title;  /* that item's title, markup removed; NULL if none */
    const char *item_type;   /* apologies, declarations, minutes, report, ...; NULL unknown */

    const para_meeting *meeting; /* NULL until metadata extraction; shared, not owned */
} paragraph;

/* The paragraphs of one document, in order. All memory is in the arena given to
 * segment_document(). */
typedef struct segmentation {
    paragraph *paras;
    size_t count;
} segmentation;

/* Split `len` bytes of UTF-8 text into paragraphs.
 *
 * Lines end with LF or CRLF; a leading byte order mark is skipped. A blank line - one holding
 * only spaces, tabs or non-breaking spaces - ends a paragraph, and so does the start of a
 * list entry ("- ", "* ", "• ", "· ", "1. ", "1) ", "a) ", "(a) ") inside a block of lines.
 * Lines that continue a list entry stay with it.
 *
 * An agenda item starts at a heading: a block of one line such as "3. Ofsted Report",
 * "### **15. Declarations of Interests**" or "## 18. **Quality Assurance Auditing**" (a number,
 * a full stop, a short title not ending in a full stop), or a block holding only "6."
 * followed by a block holding the title (ModernGov's layout). The heading and every
 * paragraph after it, up to the next heading, carry its number and title.
 *
 * Clean text drops Markdown markup - emphasis (**, __), heading marks (#), HTML tags such as
 * <sup> - and collapses runs of spaces.
 *
 * Returns MINUTES_OK and fills *out (the arena owns the memory), or MINUTES_NO_MEMORY. */
minutes_status segment_document(const char *text, size_t len, arena *a, segmentation *out);

/* The clean text of one line (see above), allocated in the arena; NULL when out of memory.
 * Exposed for tests. */
char *segment_clean_line(arena *a, const char *line, size_t len, size_t *out_len);

/* "heading", "list-item" or "text". */
const char *para_kind_name(para_kind kind);

#endif /* MINUTES_SEGMENT_H */
