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
    PARA_TEXT,       /* ordinary prose */
    PARA_HEADING,    /* an agenda item's heading, e.g. "3. Ofsted Report", or a section's */
    PARA_LIST_ITEM,  /* one entry of a bulleted or numbered list */
    PARA_RESOLUTION, /* "RESOLVED that ...", and the list entries of a resolution */
    PARA_ATTENDANCE, /* the "Present:" block: members, officers, apologies */
    PARA_TABLE_ROW   /* one row of a table, its cells joined by " | " */
} para_kind;

/* Meeting metadata shared by the paragraphs of a document or one of its sections. Strings
 * live in the document's arena; NULL means unknown. */
typedef struct para_meeting {
    const char *council;    /* "Coventry City Council" */
    const char *board;      /* the board or committee, as written */
    const char *board_id;   /* its normalized id, for matching spellings of one board */
    const char *council_id; /* the council's normalized id */
    const char *date;       /* meeting date, "YYYY-MM-DD" */
    const char *doc_type;   /* minutes, agenda, briefing-note, report, appendix, ... */
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

    const char *item_number;   /* the agenda item it falls under, as written ("3"); NULL if none */
    const char *item_title;    /* that item's title, markup removed; NULL if none */
    const char *item_type;     /* apologies, declarations, minutes, report, ...; NULL unknown */
    const char *minute_number; /* the item's own minute number "3/17" (item/municipal year,
                                * minutes only); NULL if none */
    const char **minute_refs;  /* minute numbers the text refers to, "84/16", normalized */
    size_t minute_ref_count;
    unsigned section; /* which section of the document, from 0 */

    const para_meeting *meeting; /* its section's meeting, shared by the section's paragraphs */
} paragraph;

/* Paragraphs longer than this many bytes of text are cut into several (at spaces). */
#define SEGMENT_PARA_MAX (32 * 1024)

/* A document is segmented into at most this many paragraphs, from at most this many lines:
 * what memory a file takes to index grows with its paragraphs (a file of millions of tiny
 * ones took gigabytes). The text past the limits is indexed whole, cut only into pieces of
 * SEGMENT_PARA_MAX, so that every word in it is still found. */
#define SEGMENT_MAX_PARAS 100000
#define SEGMENT_MAX_LINES 500000

/* The paragraphs of one document, in order. All memory is in the arena given to
 * segment_document(), apart from the text of pieces that may point into the text given. */
typedef struct segmentation {
    paragraph *paras;
    size_t count;
    size_t undated;          /* paragraphs whose meeting date is unknown (the indexer warns) */
    unsigned plain_from_line; /* 0, or the line from which the text, past the limits above,
                               * was indexed in plain pieces (the indexer warns) */
} segmentation;

/* Split `len` bytes of UTF-8 text into paragraphs.
 *
 * Lines end with LF or CRLF; a leading byte order mark is skipped. A blank line - one holding
 * only spaces, tabs or non-breaking spaces - ends a paragraph, and so does the start of a
 * list entry ("- ", "* ", "• ", "· ", "1. ", "1) ", "a) ", "(a) ") inside a block of lines.
 * Lines that continue a list entry stay with it.
 *
 * A block holding a table - a line of it with two non-empty tab-separated cells - gives one
 * paragraph per tabbed line, of kind table-row, its cells' clean text joined by " | ".
 *
 * Sections: a document may hold several (an agenda pack: the agenda, earlier minutes, a
 * briefing note, appendices). A section starts at a header - "Minutes of the Meeting of ...",
 * "Briefing note", "Agenda item" (ModernGov), "Agenda Item 5", "Appendix ..." - written after
 * more than a few lines of the section before or after a page "intentionally left blank"
 * (after which any title starts one). A council's name just above a header belongs to the new
 * section. Items restart in each section.
 *
 * An agenda item starts at a heading: a block of one line such as "3. Ofsted Report",
 * "### **15. Declarations of Interests**" or "## 18. **Quality Assurance Auditing**" (a number,
 * a full stop, a short title not ending in a full stop), or a block holding only "6."
 * followed by a block holding the title (ModernGov's layout), or each bold "**N. Title**" of a
 * line that runs several together. The heading and every paragraph after it, up to the next
 * heading or "Public Business"/"Private Business", carry its number and title; a part such as
 * "(a) Children's Plan" on a line of its own is a heading inside the item. A briefing note's
 * paragraphs belong to the item its "Subject:" names, a paper headed "Agenda Item 5" to item
 * 5 (titled as the pack's agenda titles them); ModernGov's "Agenda item" page to the item
 * titled on the line after it, with no number.
 *
 * Kinds: resolution for "RESOLVED that ..." and the list entries after a lead-in ending in
 * "that" or ":"; attendance from "Present:" to the first heading; heading for item and section
 * headings (and a briefing note's "1 Purpose of the Note").
 *
 * Meetings: each section's header area (up to its first item or "Present:") gives its board
 * ("Minutes of the Meeting of X", "To: X", ModernGov's "X - Thursday, ...", a board's name on
 * a line of its own, else one named early in the text) and its meeting date (after "held",
 * under "Time and Date", in ModernGov's title, or a date on a line of its own) - never a
 * publication date or deadline below it. Its council is a line naming one ("Coventry City
 * Council"). A section that names no council or board has the document's; an appendix,
 * report or briefing note that gives no date has the pack agenda's. Any non-NULL field of
 * `sidecar` (which may be NULL) overrides these in every section, board_id following the
 * board. Items of a dated minutes section get minute numbers (meta_minute_number); every
 * paragraph gets the minute references in its text ("minute 84/16" -> "84/16").
 *
 * Clean text drops Markdown markup - emphasis (**, __, ***), heading marks (#), HTML tags such
 * as <sup> or <td> (block tags such as <p> leave a space) - decodes character references
 * (&amp;, &nbsp;, &#8217;) and collapses runs of spaces (text_clean_line in text.h).
 *
 * Past SEGMENT_MAX_PARAS paragraphs or SEGMENT_MAX_LINES lines, the rest of the text is one
 * plain paragraph of the item it falls in, cut into pieces, and out->plain_from_line says
 * where it starts.
 *
 * Returns MINUTES_OK and fills *out (the arena owns the memory), or MINUTES_NO_MEMORY. */
minutes_status segment_document(const char *text, size_t len, const para_meeting *sidecar, arena *a,
                                segmentation *out);

/* "text", "heading", "list-item", "resolution", "attendance" or "table-row". */
const char *para_kind_name(para_kind kind);

#endif /* MINUTES_SEGMENT_H */
