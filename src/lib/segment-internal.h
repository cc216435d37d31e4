/* segment-internal.h - what the files of the segmenter share: the segmenter's state, and the
 * functions each file offers the others. Not part of the library's interface.
 *
 *   segment.c  the driver: lines, blocks and what each is, the second pass
 *   emit.c     the paragraphs a block is written out as: text, list entries, table rows,
 *              headings
 *   text.c     the text layer they all stand on: characters, words, clean text (text.h)
 *   heading.c  list markers, agenda-item headings and the noise in their titles
 *   header.c   what one header line says: page titles, labelled dates, boards, minutes titles
 *   body.c     the names of councils and boards
 *   section.c  sections: where each starts, the item a paper of a pack belongs to
 *   meeting.c  each section's meeting, from what its header area says
 *   para.c     what a paragraph is (resolution, attendance), and the minutes it refers to
 */
#ifndef MINUTES_SEGMENT_INTERNAL_H
#define MINUTES_SEGMENT_INTERNAL_H

#include <stddef.h>
#include <string.h>

#include "chars.h"
#include "segment.h"
#include "text.h"

/* Titles longer than this are sentences, not headings. */
#define HEADING_TITLE_MAX 160
/* Item numbers longer than this are not item numbers ("2017. ..." is a year). */
#define ITEM_NUMBER_DIGITS_MAX 3

typedef struct line {
    size_t start; /* byte offset of the first character (after a BOM on line 1) */
    size_t end;   /* byte offset of the line end, CR and LF excluded */
    int blank;
    unsigned number; /* line number in the text, from 1 (a form feed does not count) */
    unsigned page;   /* page, from 1, when the text holds form feeds; else 0 */
} line;

/* Where the agenda item being read started. */
typedef struct item_state {
    const char *number;
    const char *title;
    int markdown_level; /* '#' count of its heading; 0 if not a Markdown heading */
} item_state;

/* A line's clean text (see text_clean_line). */
typedef struct clean_line {
    char *text;
    size_t len;
} clean_line;

/* One document within the text: a pack's agenda, the minutes it carries, a briefing note. */
typedef struct section_info {
    size_t first_para;     /* index of its first paragraph */
    const char *doc_type;  /* as its header says; NULL when it does not say */
    const char *pack_item; /* "5" for a section headed "Agenda Item 5"; NULL otherwise */
} section_info;

typedef struct segmenter {
    const char *text;
    arena *a;
    line *lines;
    size_t line_count;
    size_t len;          /* of the text */
    size_t rest_offset;  /* where the lines past SEGMENT_MAX_LINES start; 0 if none */
    unsigned rest_line;  /* and their first line's number */
    paragraph *paras;
    size_t para_count;
    item_state item;

    section_info *sections;
    size_t section_count;
    size_t section_paras;  /* paragraphs of the current section besides header lines */
    size_t section_items;  /* item headings in the current section */
    int header_block;      /* the block being emitted is a section's header line */
    int after_blank_page;  /* "This page is intentionally left blank": a new section next */
    int expect_item_title; /* ModernGov's "Agenda item" page: its title comes next */
    const char *meeting_item; /* after ModernGov's "Meeting: ... (Item 46)": the number that
                               * the item's heading line, "46 Title", starts with */
} segmenter;

/* ---- document types --------------------------------------------------------------------- */

/* Whether a document type, which may be NULL, is `want`. */
static inline int
is_doc_type(const char *doc_type, const char *want)
{
    return doc_type && strcmp(doc_type, want) == 0;
}

/* ---- emit.c ----------------------------------------------------------------------------- */

/* Write the paragraph of `kind` and clean `text` that runs from the start of line `first` to
 * byte `end` on line number `line_last`, under the current item and section; dropped if its
 * text holds no words. */
void emit_span(segmenter *sg, const line *first, unsigned line_last, size_t end, para_kind kind,
               const char *text, size_t len);
/* The same for a paragraph spanning lines first..last. */
void emit_text(segmenter *sg, size_t first, size_t last, para_kind kind, const char *text,
               size_t len);
/* Start an agenda item (`num` NULL for one known only by its title) and write its heading
 * paragraph "N. Title" spanning lines first..last; `level` is its Markdown level or 0. */
minutes_status emit_heading(segmenter *sg, size_t first, size_t last, const char *num,
                            size_t num_len, const char *title, size_t title_len, int level);
/* A block that is a section's header: one heading paragraph, not counted as the section's
 * content. */
minutes_status emit_header_block(segmenter *sg, size_t first, size_t last, const clean_line *cl);
/* A block that is not a heading: one paragraph per list entry or table row, else one. */
minutes_status emit_block(segmenter *sg, size_t first, size_t last, const clean_line *cl);
/* If line `li` runs several bold item headings together, write a heading per item and set
 * *done. */
minutes_status emit_run_together(segmenter *sg, size_t li, int level, int *done);

/* ---- heading.c -------------------------------------------------------------------------- */

int heading_list_marker(const char *s, size_t n);
void heading_strip_title_noise(const char *s, size_t *n);
int heading_is_page_reference(const char *s, size_t n);
int heading_is_title(const char *s, size_t n);
int heading_parse(const char *s, size_t n, const char **num, size_t *num_len, const char **title,
                  size_t *title_len);
int heading_is_bare_number(const char *s, size_t n, size_t *num_len);
int heading_is_title_case(const char *s, size_t n);
int heading_is_part(const char *s, size_t n, const char *raw, size_t raw_len);
int heading_is_business(const char *s, size_t n);

/* ---- body.c ----------------------------------------------------------------------------- */

/* A line longer than this is prose, not a body's name or a date line. */
#define NAME_LINE_MAX 80

/* A council's name and nothing else: "Coventry City Council", "Council of the Isles of
 * Scilly". */
int body_is_council_name(const char *s, size_t n);
/* Whether a name is a council's own, "Westleigh Parish Council", "Cyngor Sir Penfro" (a
 * council's name as above, or one ending in its kind). */
int body_is_council(const char *s, size_t n);
/* Whether a name is a council's by its form: "Moray Council", "The Highland Council". */
int body_is_named_council(const char *s, size_t n);
/* Whether a word is the kind of body a board's name ends in: "Board", "Committee", ... */
int body_is_keyword(const char *s, size_t n);
/* A board's name in text ("The Education Scrutiny Board (2) received"), of at least
 * min_words words, into *out. */
int body_find_board_mention(const char *s, size_t n, size_t min_words, span *out);
/* The boards named in one word on a line of their own: "Cabinet", "Executive", ... */
int body_is_one_word_board(const char *s, size_t n);
/* Whether a name, whole, is a body's ("Cabinet", "Licensing Sub-Committee"). */
int body_is_name(const char *s, size_t n);
/* Trim a board's name as written to the name itself: a leading "the", a trailing " - ..." or
 * "(Item 4)", "Meeting", punctuation. */
void body_clean_name(span *b);

/* ---- header.c --------------------------------------------------------------------------- */

/* How surely a header line gives the meeting's board or date: lower is surer. */
#define HEADER_RANK_NONE 99

/* What one line of a page's header says about its meeting. */
typedef struct header_line {
    const char *doc_type; /* the document type it announces, or NULL */
    int title;            /* the line is a document's title (a new document starts there),
                           * not one of its labelled fields */
    span board;           /* the board it names, or empty */
    int board_rank;
    span council;         /* the council it names as the meeting's body, or empty */
    char date[11];        /* the meeting's date, "YYYY-MM-DD", if date_rank is set */
    int date_rank;
    span item_number;     /* ModernGov's "(Item 46)" */
    int new_meeting;      /* ModernGov's "Meeting: DATE - Board": another meeting's block */
    int other_date;       /* a date that is not the meeting's: publication, deadline, ... */
    int date_label;       /* "Date:" with the date on the next line */
} header_line;

/* Read one clean line (of which at most HEADER_LINE_MAX bytes are looked at). */
#define HEADER_LINE_MAX 320
void header_read_line(const char *s, size_t n, header_line *out);
/* Only a decision record's labelled fields ("Date of decision:", "Decided at meeting:",
 * "Decision Maker:"), which may stand at its foot: 1 if the line is one. */
int header_read_decision_field(const char *s, size_t n, header_line *out);
const char *header_page_title(const char *s, size_t n);
int header_is_other_date(const char *s, size_t n);
int header_is_weekday(const char *s, size_t n);

/* ---- section.c -------------------------------------------------------------------------- */

/* A section's header area - where its council, board and date are written - ends at its
 * first agenda item or attendance list, and is never longer than this many paragraphs. */
#define HEADER_AREA_MAX 12

int section_is_blank_page(const char *s, size_t n);
/* A block's first lines as header.c reads them: at most this many. */
#define SECTION_HEADER_LINES 4
int section_trigger(arena *a, const clean_line *cl, const header_line *hl, size_t count,
                    const char **doc_type, const char **pack_item);
int section_is_agenda_sign(const char *s, size_t n);
const char *section_label_doc_type(const header_line *hl, size_t count);
void section_start(segmenter *sg, const char *doc_type, const char *pack_item,
                   int after_blank_page, int weak);
size_t section_end(const segmenter *sg, size_t s);
minutes_status section_assign_paper_item(segmenter *sg, size_t s);
/* The item type of every paragraph of section s when the section is one item's page or a
 * decision record whose type its title does not give ("decision" for a decision); NULL when
 * the paragraphs' own items say. */
const char *section_page_item_type(const segmenter *sg, size_t s, const char *doc_type);

/* ---- meeting.c -------------------------------------------------------------------------- */

/* The meeting of each section, in an array of section_count in the arena; NULL when out of
 * memory. A section that does not say has the document's council and board, and a paper in
 * an agenda pack the pack's date; any field of `sidecar` (which may be NULL) overrides them. */
para_meeting *meeting_read_sections(const segmenter *sg, const para_meeting *sidecar);

/* ---- para.c ----------------------------------------------------------------------------- */

int para_is_present_line(const paragraph *p);
void para_assign_kinds(paragraph *paras, size_t count, const char *doc_type);
minutes_status para_find_minute_refs(arena *a, paragraph *p);

#endif /* MINUTES_SEGMENT_INTERNAL_H */
