/* schema.h - how a paragraph is laid out in the index: its terms and its stored data.
 *
 * The full schema (prefixes, value slots, data) is written down at the top of schema.c; this
 * header is the C side that builds it. Terms and values name a file by its short id (a hash
 * of its canonical path), never by the path itself: a path repeated in every paragraph's
 * terms and values would make the index several times larger.
 */
#ifndef MINUTES_SCHEMA_H
#define MINUTES_SCHEMA_H

#include <stddef.h>

#include "minutes.h"
#include "segment.h"
#include "xap.h"

/* Boolean terms: filters, each a prefix and a value. */
#define SCHEMA_PREFIX_ID "Q"           /* unique id: file id ':' ordinal */
#define SCHEMA_PREFIX_FILE_ID "XF"     /* every paragraph of a file: its short id */
#define SCHEMA_PREFIX_ITEM_NUMBER "XI" /* agenda item number as written */
#define SCHEMA_PREFIX_BOARD "XB"       /* board id (meta_name_id) */
#define SCHEMA_PREFIX_COUNCIL "XC"     /* council id (meta_name_id) */
#define SCHEMA_PREFIX_ITEM_TYPE "XT"   /* item type */
#define SCHEMA_PREFIX_DOC_TYPE "XO"    /* document type */
#define SCHEMA_PREFIX_KIND "XK"        /* paragraph kind */
#define SCHEMA_PREFIX_YEAR "XY"        /* meeting date: YYYY */
#define SCHEMA_PREFIX_MONTH "XM"       /* YYYYMM */
#define SCHEMA_PREFIX_DAY "XD"         /* YYYYMMDD */
#define SCHEMA_PREFIX_MINUTE "XN"      /* minute number, own or referred to: "4/21" */
/* What a paragraph's meeting does not know: "XUdate" when it has no date (no XY, XM, XD
 * terms), "XUboard" when it has no board (no XB term). A date or board filter says how many
 * matching paragraphs it left out for that, and can keep them. */
#define SCHEMA_TERM_DATE_UNKNOWN "XUdate"
#define SCHEMA_TERM_BOARD_UNKNOWN "XUboard"

/* Free text of a field: the words of the agenda item's title, in every paragraph of the
 * item, with positions, as the text's are, but with no weight (wdf 0): "title:fostering". */
#define SCHEMA_PREFIX_TITLE "S"
#define SCHEMA_FIELD_TITLE "title"

/* Value slots: what hits are sorted, collapsed and counted by. */
enum {
    SCHEMA_SLOT_DATE_DESC,    /* "YYYY-MM-DD"; absent when unknown (sorts last descending;
                               * the year and month facets are cut from it) */
    SCHEMA_SLOT_DATE_ASC,     /* "YYYY-MM-DD", or "~" when unknown (sorts last ascending): two
                               * slots, as a remote database takes no key maker to put the
                               * unknown last both ways from one */
    SCHEMA_SLOT_MEETING,      /* meeting key (schema_meeting_key) */
    SCHEMA_SLOT_ITEM,         /* meeting key '|' item */
    SCHEMA_SLOT_MEETING_FILE, /* meeting key '|' file id: one value per document of a meeting */
    SCHEMA_SLOT_FACETS        /* board id, item type, document type and council (as written),
                               * each ended by SCHEMA_FACET_SEPARATOR, empty when unknown: one
                               * value counted for four facets (schema_facet_value) */
};

/* The facets of SCHEMA_SLOT_FACETS, in their order in its value. A value per facet cost each
 * paragraph four value entries; the combinations that occur are few, and are counted once. */
enum { SCHEMA_FACET_BOARD, SCHEMA_FACET_ITEM_TYPE, SCHEMA_FACET_DOC_TYPE, SCHEMA_FACET_COUNCIL,
       SCHEMA_FACETS };
#define SCHEMA_FACET_SEPARATOR '\x1f'

/* Part `facet` of a SCHEMA_SLOT_FACETS value of `len` bytes: its start, and its length in
 * *part_len (0 when unknown). */
const char *schema_facet_part(const char *value, size_t len, int facet, size_t *part_len);

/* Bytes of a file id: 12 hex digits and the NUL. */
#define SCHEMA_FILE_ID_SIZE 13

/* Longest term schema functions build, including the NUL. */
#define SCHEMA_TERM_MAX 246

/* The index format version, kept in the index's metadata under SCHEMA_VERSION_KEY. An index
 * written with another version is refused rather than misread. */
#define SCHEMA_VERSION_KEY "minutes:schema"
#define SCHEMA_VERSION "12"

/* The index's origin, kept in its metadata under SCHEMA_ORIGIN_KEY: a name for where it was
 * built (the host's name unless given), mixed into its file ids, so that indexes built on
 * two machines from files at the same paths never give two paragraphs one id. */
#define SCHEMA_ORIGIN_KEY "minutes:origin"
/* A merged index (minutes merge) holds files of other origins too: those, one a line. */
#define SCHEMA_ORIGINS_KEY "minutes:origins"
#define SCHEMA_ORIGIN_MAX 64


/* The term every paragraph of the file `file_id` has, into buf (SCHEMA_TERM_MAX bytes). */
void schema_file_term(char *buf, const char *file_id);

/* The unique id term of paragraph `ordinal` of the file `file_id` into buf (SCHEMA_TERM_MAX
 * bytes). */
void schema_id_term(char *buf, const char *file_id, unsigned ordinal);

/* The short id of a file: 12 hex digits of a 64-bit FNV-1a hash of the index's origin (see
 * SCHEMA_ORIGIN_KEY) and the file's canonical path. With ":ORDINAL" it names a paragraph in
 * results and for 'minutes show'. */
void schema_file_id(char *buf, const char *origin, const char *path);

/* Read a paragraph's id, "FILEID:ORDINAL" (12 hex digits, either case, and a number from 1),
 * into file_id (lower case) and *ordinal. 1 if `id` is one, else 0 (file_id and *ordinal
 * then unset). */
int schema_parse_id(const char *id, char file_id[SCHEMA_FILE_ID_SIZE], unsigned *ordinal);

/* The key of the meeting a paragraph belongs to: "DATE|B", B a short id (12 hex digits) of
 * the board id; when either is unknown, "?" in its place and the file id after them
 * ("?|B|FILEID"), so that unrelated files never share a meeting. Malloc'd; NULL when out of
 * memory. */
char *schema_meeting_key(const char *file_id, const paragraph *para);

/* The same from a hit's file id (its id up to the ':' will do), date and board id (each but
 * the file id may be NULL). */
char *schema_meeting_key_of(const char *file_id, const char *date, const char *board_id);

/* A paragraph's stored data: its own fields and its file's id, the ordinal of the first
 * paragraph of its section (`section_first`), and, in that first paragraph only (`path` not
 * NULL), the section's record: what its paragraphs share (the meeting's fields and the
 * path), kept once, not in each paragraph, where they were half of the stored data. A
 * compact form of their own (schema.c). Malloc'd, a string; NULL when out of memory. */
char *schema_encode_data(const char *file_id, const paragraph *para, unsigned section_first,
                         const char *path);

/* Where a paragraph's section record is: in its own data, or in paragraph `first` of its
 * file (found by its id term). */
typedef struct schema_section_ref {
    unsigned first;       /* ordinal of the section's first paragraph */
    const char *record;   /* the record, when this is that paragraph (points into the data) */
    size_t record_len;    /* its length */
} schema_section_ref;

/* Decode a paragraph's data into values (indexed by minutes_field), setting only the fields
 * it has that are still NULL, and the id from its file id and number, and say in *ref where
 * its section's record is. MINUTES_CORRUPT if it is not such data. */
minutes_status schema_decode_data(const char *data, size_t len, char **values,
                                  schema_section_ref *ref);

/* Decode a section record (schema_section_ref.record) into values the same way. */
minutes_status schema_decode_section(const char *record, size_t len, char **values);

/* Add every boolean term and value of `para` (of the file `file_id`, unique id term
 * `id_term`) to `doc`, the unknown date and board markers among them. */
minutes_status schema_add_terms(xap_doc *doc, const char *file_id, const char *id_term,
                                const paragraph *para);

/* `prefix` + `value` into buf (SCHEMA_TERM_MAX bytes); 0 if it does not fit. */
int schema_term(char *buf, const char *prefix, const char *value);

#endif /* MINUTES_SCHEMA_H */
