/* schema.c - a paragraph's terms, stored data and section record, and reading them back.
 *
 * THE INDEX SCHEMA (decided here, with the prefixes, slots and keys in schema.h; the indexer
 * indexes each paragraph's text and its item's title through xap_doc_index_field; the Xapian
 * shim, xap.h, stores it all)
 *
 *   One document per paragraph.
 *   Boolean terms (no positions, no weight):
 *     Q<file id>:<n>     unique id: the file's short id (12 hex digits of a hash of its
 *                        canonical path) and the paragraph's ordinal from 1
 *     XF<file id>        every paragraph of a file
 *     XI XB XC XT XO XK  item number, board id, council id, item type, document type, kind
 *     XY XM XD           meeting year, year-month, day (YYYY, YYYYMM, YYYYMMDD)
 *     XN                 minute number, the paragraph's own and those it refers to
 *     XUdate XUboard     the meeting's date, or its board, is unknown (no XY.., or no XB term)
 *   Free text (TermGenerator), from the text folded (normalize.c: accents, ordinals, ...):
 *     Z<stem>            each word's Snowball English stem, with positions (STEM_ALL_Z)
 *     <word>             the lower-cased word as written, without positions (STEM_NONE):
 *                        for exact searches and wildcards. An exact phrase is matched as
 *                        the phrase of its stems filtered by its words (exact_phrases).
 *                        A hyphenated compound ("anti-social") is its words and also its
 *                        closed word ("antisocial"): the stem at the positions of the first
 *                        and the last part, the word without positions.
 *     ZS<stem>, S<word>  the same of the agenda item's title, in each of its paragraphs, with
 *                        wdf 0: they select (title:), adding no weight and no length.
 *   Synonyms: key the words of an expression as the query parser meets them (lower case,
 *     unstemmed, joined by a space), value another expression's words, read back as a phrase
 *     (xap_db_add_synonyms; the table is synonyms.c's).
 *   Value slots (schema.h): the date twice, for sorting each way with the unknown last, and
 *     for the year and month facets; meeting/item/document keys for collapsing and counting;
 *     and one value holding the board, item type, document type and council, for their
 *     facets.
 *   Document data: the paragraph's file id and own fields in a fixed order, each ended by
 *     0x1F, the ordinal of its section's first paragraph, then its text; in that first
 *     paragraph, before the text, the fields the section's paragraphs share (council,
 *     board, board id, date, document type, source URL, path: schema_encode_data). A hit
 *     finds them in the database it came from, one of several or remote.
 *   User metadata (of one database; not read through several): "minutes:schema" holds the
 *     schema version; "minutes:origin" the name mixed into file ids; "minutes:file:<path>"
 *     each file's record (filestate.c); "minutes:synonyms" a hash of the synonym tables
 *     last written.
 */
#include "schema.h"

#include "chars.h"
#include "meta.h"
#include "hash.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 12 hex digits of a string's hash, into buf (SCHEMA_FILE_ID_SIZE bytes). */
static void
short_id(char *buf, const char *s)
{
    snprintf(buf, SCHEMA_FILE_ID_SIZE, "%012llx",
             (unsigned long long)(hash_fnv1a(s, strlen(s), HASH_FNV1A_BASIS) >> 16));
}

void
schema_file_id(char *buf, const char *origin, const char *path)
{
    /* The origin, a newline (which no origin holds) and the path: files at one path on two
     * machines are two files. */
    uint64_t h = hash_fnv1a(origin, strlen(origin), HASH_FNV1A_BASIS);
    h = hash_fnv1a("\n", 1, h);
    h = hash_fnv1a(path, strlen(path), h);
    snprintf(buf, SCHEMA_FILE_ID_SIZE, "%012llx", (unsigned long long)(h >> 16));
}

void
schema_file_term(char *buf, const char *file_id)
{
    snprintf(buf, SCHEMA_TERM_MAX, "%s%s", SCHEMA_PREFIX_FILE_ID, file_id);
}

void
schema_id_term(char *buf, const char *file_id, unsigned ordinal)
{
    snprintf(buf, SCHEMA_TERM_MAX, "%s%s:%u", SCHEMA_PREFIX_ID, file_id, ordinal);
}

int
schema_parse_id(const char *id, char file_id[SCHEMA_FILE_ID_SIZE], unsigned *ordinal)
{
    const char *colon = strchr(id, ':');
    if (!colon || colon - id != SCHEMA_FILE_ID_SIZE - 1)
        return 0;
    for (const char *p = id; p < colon; p++)
        if (!is_xdigit(*p))
            return 0;
    char *end;
    unsigned long n = strtoul(colon + 1, &end, 10);
    if (!is_digit(colon[1]) || *end || n == 0 || n > 0xFFFFFFFFul)
        return 0;
    for (size_t i = 0; i < SCHEMA_FILE_ID_SIZE - 1; i++)
        file_id[i] = (char)to_lower((unsigned char)id[i]);
    file_id[SCHEMA_FILE_ID_SIZE - 1] = '\0';
    *ordinal = (unsigned)n;
    return 1;
}

static const char *
meeting_date(const paragraph *para)
{
    return para->meeting ? para->meeting->date : NULL;
}

static const char *
meeting_board_id(const paragraph *para)
{
    return para->meeting ? para->meeting->board_id : NULL;
}

char *
schema_meeting_key(const char *file_id, const paragraph *para)
{
    return schema_meeting_key_of(file_id, meeting_date(para), meeting_board_id(para));
}

char *
schema_meeting_key_of(const char *file_id, const char *date, const char *board)
{
    /* The board by a short id of its id: the key is in three values of every paragraph
     * (meeting, item, meeting and file), where board ids of 40-60 bytes made the values a
     * fifth of the index. */
    char board_id[SCHEMA_FILE_ID_SIZE] = "?";
    if (board)
        short_id(board_id, board);
    size_t n = SCHEMA_FILE_ID_SIZE * 2 + 64;
    char *key = malloc(n);
    if (!key)
        return NULL;
    if (date && board)
        snprintf(key, n, "%s|%s", date, board_id);
    else
        snprintf(key, n, "%s|%s|%.12s", date ? date : "?", board_id, file_id);
    return key;
}

int
schema_term(char *buf, const char *prefix, const char *value)
{
    int n = snprintf(buf, SCHEMA_TERM_MAX, "%s%s", prefix, value);
    return n > 0 && n < SCHEMA_TERM_MAX;
}

/* Add the term; *added (if not NULL) says whether it was. */
static minutes_status
add_term_noting(xap_doc *doc, const char *prefix, const char *value, int *added)
{
    char term[SCHEMA_TERM_MAX];
    if (added)
        *added = 0;
    if (!value || !*value || !schema_term(term, prefix, value))
        return MINUTES_OK; /* unknown, or too long to be a useful filter */
    if (added)
        *added = 1;
    return xap_doc_add_boolean_term(doc, term);
}

static minutes_status
add_term(xap_doc *doc, const char *prefix, const char *value)
{
    return add_term_noting(doc, prefix, value, NULL);
}

static minutes_status
add_value(xap_doc *doc, unsigned slot, const char *value)
{
    if (!value)
        return MINUTES_OK;
    return xap_doc_set_value(doc, slot, value, strlen(value));
}

/* Year, month and day terms, so that a date filter can use whole years and months; or the
 * marker of an unknown date. */
static minutes_status
add_date_terms(xap_doc *doc, const char *date)
{
    if (!date || strlen(date) != 10)
        return xap_doc_add_boolean_term(doc, SCHEMA_TERM_DATE_UNKNOWN);
    char digits[9] = {date[0], date[1], date[2], date[3], date[5], date[6], date[8], date[9], 0};
    char year[5], month[7];
    memcpy(year, digits, 4), year[4] = '\0';
    memcpy(month, digits, 6), month[6] = '\0';
    minutes_status st = add_term(doc, SCHEMA_PREFIX_YEAR, year);
    if (st == MINUTES_OK)
        st = add_term(doc, SCHEMA_PREFIX_MONTH, month);
    if (st == MINUTES_OK)
        st = add_term(doc, SCHEMA_PREFIX_DAY, digits);
    return st;
}

/* The facets' value: board id, item type, document type, council, each ended by the
 * separator (which none holds: put_part makes it a space if one did). */
static minutes_status
add_facets_value(xap_doc *doc, const paragraph *para)
{
    const para_meeting *m = para->meeting;
    const char *parts[SCHEMA_FACETS] = {m ? m->board_id : NULL, para->item_type,
                                        m ? m->doc_type : NULL, m ? m->council : NULL};
    char value[1024];
    size_t n = 0;
    for (int i = 0; i < SCHEMA_FACETS; i++) {
        for (const char *p = parts[i] ? parts[i] : ""; *p && n < sizeof value - SCHEMA_FACETS; p++)
            value[n++] = *p == SCHEMA_FACET_SEPARATOR ? ' ' : *p;
        value[n++] = SCHEMA_FACET_SEPARATOR;
    }
    return xap_doc_set_value(doc, SCHEMA_SLOT_FACETS, value, n);
}

const char *
schema_facet_part(const char *value, size_t len, int facet, size_t *part_len)
{
    const char *p = value, *end = value + len;
    for (int i = 0; i < facet && p < end; i++) {
        const char *sep = memchr(p, SCHEMA_FACET_SEPARATOR, (size_t)(end - p));
        p = sep ? sep + 1 : end;
    }
    const char *sep = p < end ? memchr(p, SCHEMA_FACET_SEPARATOR, (size_t)(end - p)) : NULL;
    *part_len = sep ? (size_t)(sep - p) : (size_t)(end - p);
    return p;
}

/* The values that sort, collapse and count hits by meeting and item. */
static minutes_status
add_meeting_values(xap_doc *doc, const char *file_id, const paragraph *para)
{
    char *key = schema_meeting_key(file_id, para);
    if (!key)
        return MINUTES_NO_MEMORY;
    const char *item = para->item_number ? para->item_number : para->item_title;
    size_t n = strlen(key) + SCHEMA_FILE_ID_SIZE + (item ? strlen(item) : 0) + 8;
    char *item_key = malloc(n);
    char *file_key = malloc(n);
    minutes_status st = MINUTES_NO_MEMORY;
    if (item_key && file_key) {
        /* Paragraphs outside any item group by file: "-" cannot be an item number. */
        if (item)
            snprintf(item_key, n, "%s|%s", key, item);
        else
            snprintf(item_key, n, "%s|-|%s", key, file_id);
        snprintf(file_key, n, "%s|%s", key, file_id);
        st = add_value(doc, SCHEMA_SLOT_MEETING, key);
        if (st == MINUTES_OK)
            st = add_value(doc, SCHEMA_SLOT_ITEM, item_key);
        if (st == MINUTES_OK)
            st = add_value(doc, SCHEMA_SLOT_MEETING_FILE, file_key);
    }
    free(key);
    free(item_key);
    free(file_key);
    return st;
}

minutes_status
schema_add_terms(xap_doc *doc, const char *file_id, const char *id_term, const paragraph *para)
{
    const para_meeting *m = para->meeting;
    const char *date = meeting_date(para);

    minutes_status st = xap_doc_add_boolean_term(doc, id_term);
    if (st == MINUTES_OK)
        st = add_term(doc, SCHEMA_PREFIX_FILE_ID, file_id);
    if (st == MINUTES_OK)
        st = add_term(doc, SCHEMA_PREFIX_ITEM_NUMBER, para->item_number);
    if (st == MINUTES_OK)
        st = add_term(doc, SCHEMA_PREFIX_ITEM_TYPE, para->item_type);
    if (st == MINUTES_OK)
        st = add_term(doc, SCHEMA_PREFIX_KIND, para_kind_name(para->kind));
    int has_board = 0;
    if (st == MINUTES_OK)
        st = add_term_noting(doc, SCHEMA_PREFIX_BOARD, m ? m->board_id : NULL, &has_board);
    if (st == MINUTES_OK && !has_board)
        st = xap_doc_add_boolean_term(doc, SCHEMA_TERM_BOARD_UNKNOWN);
    if (st == MINUTES_OK)
        st = add_term(doc, SCHEMA_PREFIX_COUNCIL, m ? m->council_id : NULL);
    if (st == MINUTES_OK && m)
        st = add_term(doc, SCHEMA_PREFIX_DOC_TYPE, m->doc_type);
    char minute[SCHEMA_TERM_MAX / 2];
    if (st == MINUTES_OK && para->minute_number) {
        meta_minute_id(para->minute_number, minute, sizeof minute);
        st = add_term(doc, SCHEMA_PREFIX_MINUTE, minute);
    }
    for (size_t i = 0; st == MINUTES_OK && i < para->minute_ref_count; i++)
        st = add_term(doc, SCHEMA_PREFIX_MINUTE, para->minute_refs[i]);
    if (st == MINUTES_OK)
        st = add_date_terms(doc, date);

    if (st == MINUTES_OK)
        st = add_value(doc, SCHEMA_SLOT_DATE_DESC, date);
    if (st == MINUTES_OK)
        st = add_value(doc, SCHEMA_SLOT_DATE_ASC, date ? date : "~");
    if (st == MINUTES_OK)
        st = add_facets_value(doc, para);
    if (st == MINUTES_OK)
        st = add_meeting_values(doc, file_id, para);
    return st;
}

/* ---- a paragraph's data ------------------------------------------------------------------
 *
 * The paragraph's own fields (the section's are in its section record), in this order, each
 * ended by the unit separator (0x1F), then the text, to the end: an absent field is empty.
 * Not JSON: Xapian compresses each document's data on its own, so the names of a JSON
 * object's keys, in each of millions of records of a couple of hundred bytes, were about a
 * third of the stored data. */
#define DATA_SEPARATOR '\x1f'

static const minutes_field data_fields[] = {
    MINUTES_FIELD_ID, /* its place holds the file id; the id is FILEID:PARAGRAPH */
    MINUTES_FIELD_PARAGRAPH, MINUTES_FIELD_LINE,        MINUTES_FIELD_LINE_END,
    MINUTES_FIELD_OFFSET,    MINUTES_FIELD_LENGTH,      MINUTES_FIELD_PAGE,
    MINUTES_FIELD_SECTION,   MINUTES_FIELD_ITEM_NUMBER, MINUTES_FIELD_ITEM_TITLE,
    MINUTES_FIELD_ITEM_TYPE, MINUTES_FIELD_MINUTE,      MINUTES_FIELD_KIND,
};
#define DATA_FIELDS (sizeof data_fields / sizeof *data_fields)

/* Append a field and its separator; a separator inside it (which no text the readers make
 * holds) becomes a space. */
static char *
put_field(char *out, const char *value)
{
    for (const char *p = value ? value : ""; *p; p++)
        *out++ = *p == DATA_SEPARATOR ? ' ' : *p;
    *out++ = DATA_SEPARATOR;
    return out;
}

/* The text of field f of the paragraph, NULL if it has none; numbers are written into buf. */
static const char *
data_field(const char *file_id, const paragraph *para, minutes_field f, char buf[32])
{
    long long n;
    switch (f) {
    case MINUTES_FIELD_ID: return file_id;
    case MINUTES_FIELD_ITEM_NUMBER: return para->item_number;
    case MINUTES_FIELD_ITEM_TITLE: return para->item_title;
    case MINUTES_FIELD_ITEM_TYPE: return para->item_type;
    case MINUTES_FIELD_MINUTE: return para->minute_number;
    case MINUTES_FIELD_KIND: return para_kind_name(para->kind);
    case MINUTES_FIELD_PARAGRAPH: n = para->ordinal; break;
    case MINUTES_FIELD_LINE: n = para->line_first; break;
    case MINUTES_FIELD_LINE_END: n = para->line_last; break;
    case MINUTES_FIELD_OFFSET: n = (long long)para->offset; break;
    case MINUTES_FIELD_LENGTH: n = (long long)para->length; break;
    case MINUTES_FIELD_SECTION: n = para->section; break;
    case MINUTES_FIELD_PAGE:
        if (para->page == 0)
            return NULL; /* not known */
        n = para->page;
        break;
    default: return NULL;
    }
    snprintf(buf, 32, "%lld", n);
    return buf;
}

/* ---- a section's record --------------------------------------------------------------
 *
 * The meeting's fields, in this order, each ended by the unit separator, then the path's
 * length in bytes and a separator, then the path: a path may hold any byte but NUL, the
 * other fields come from the readers and the sidecars. It is kept in the data of the
 * section's first paragraph, between that paragraph's fields and its text: there it is
 * found in whichever database holds the paragraph, local or remote, one of many or not
 * (user metadata, where it was kept before, is read from the first database only). Not
 * JSON: every hit of a search reads its section's record, and parsing JSON was a tenth of a
 * search on a small index. */
static const minutes_field section_fields[] = {
    MINUTES_FIELD_COUNCIL, MINUTES_FIELD_BOARD,    MINUTES_FIELD_BOARD_ID,
    MINUTES_FIELD_DATE,    MINUTES_FIELD_DOC_TYPE, MINUTES_FIELD_SOURCE_URL,
};
#define SECTION_FIELDS (sizeof section_fields / sizeof *section_fields)

static const char *
section_field(const para_meeting *m, minutes_field f)
{
    if (!m)
        return NULL;
    switch (f) {
    case MINUTES_FIELD_COUNCIL: return m->council;
    case MINUTES_FIELD_BOARD: return m->board;
    case MINUTES_FIELD_BOARD_ID: return m->board_id;
    case MINUTES_FIELD_DATE: return m->date;
    case MINUTES_FIELD_DOC_TYPE: return m->doc_type;
    case MINUTES_FIELD_SOURCE_URL: return m->source_url;
    default: return NULL;
    }
}

/* Bytes the record of `path` and `m` takes (without a NUL). */
static size_t
section_size(const char *path, const para_meeting *m)
{
    size_t n = strlen(path) + 24;
    for (size_t i = 0; i < SECTION_FIELDS; i++) {
        const char *value = section_field(m, section_fields[i]);
        n += (value ? strlen(value) : 0) + 1;
    }
    return n;
}

static char *
put_section(char *out, const char *path, const para_meeting *m)
{
    for (size_t i = 0; i < SECTION_FIELDS; i++)
        out = put_field(out, section_field(m, section_fields[i]));
    size_t len = strlen(path);
    out += sprintf(out, "%zu%c", len, DATA_SEPARATOR);
    memcpy(out, path, len);
    return out + len;
}

char *
schema_encode_data(const char *file_id, const paragraph *para, unsigned section_first,
                   const char *path)
{
    const char *fields[DATA_FIELDS];
    char numbers[DATA_FIELDS][32];
    size_t n = para->text_len + 32 + (path ? section_size(path, para->meeting) : 0);
    for (size_t i = 0; i < DATA_FIELDS; i++) {
        fields[i] = data_field(file_id, para, data_fields[i], numbers[i]);
        n += (fields[i] ? strlen(fields[i]) : 0) + 1;
    }
    char *data = malloc(n), *out = data;
    if (!data)
        return NULL;
    for (size_t i = 0; i < DATA_FIELDS; i++)
        out = put_field(out, fields[i]);
    out += sprintf(out, "%u%c", path ? para->ordinal : section_first, DATA_SEPARATOR);
    if (path)
        out = put_section(out, path, para->meeting);
    memcpy(out, para->text, para->text_len);
    out[para->text_len] = '\0';
    return data;
}

/* The field at *p, up to its separator: its start, and its length in *n, with *p moved past
 * the separator; NULL when no separator comes before end. */
static const char *
next_field(const char **p, const char *end, size_t *n)
{
    const char *start = *p, *sep = memchr(start, DATA_SEPARATOR, (size_t)(end - start));
    if (!sep)
        return NULL;
    *n = (size_t)(sep - start);
    *p = sep + 1;
    return start;
}

/* Copy the n bytes at s into values[f], unless it is set already or n is 0; 0 when out of
 * memory. */
static int
keep_value(char **values, minutes_field f, const char *s, size_t n)
{
    return !n || values[f] || (values[f] = strndup(s, n)) != NULL;
}

/* The number in the field at *p (decimal, at most 10 digits), *p moved past it; 0 if none. */
static int
next_number(const char **p, const char *end, unsigned long *value)
{
    size_t n = 0;
    const char *field = next_field(p, end, &n);
    if (!field || n == 0 || n > 10)
        return 0;
    unsigned long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(field[i]))
            return 0;
        v = v * 10 + (unsigned long)(field[i] - '0');
    }
    *value = v;
    return 1;
}

/* The extent of the section record at `p`: the bytes up to the end of its path; 0 if no
 * whole record starts there. */
static size_t
section_extent(const char *p, const char *end)
{
    const char *start = p;
    size_t n;
    for (size_t i = 0; i < SECTION_FIELDS; i++)
        if (!next_field(&p, end, &n))
            return 0;
    unsigned long path_len;
    if (!next_number(&p, end, &path_len) || path_len == 0 || path_len > (size_t)(end - p))
        return 0; /* every section has its file's path */
    return (size_t)(p - start) + path_len;
}

minutes_status
schema_decode_data(const char *data, size_t len, char **values, schema_section_ref *ref)
{
    const char *p = data, *end = data + len;
    const char *file = NULL, *number = NULL;
    size_t file_len = 0, number_len = 0;
    for (size_t i = 0; i < DATA_FIELDS; i++) {
        size_t n;
        const char *field = next_field(&p, end, &n);
        if (!field)
            return MINUTES_CORRUPT;
        minutes_field f = data_fields[i];
        if (f == MINUTES_FIELD_ID)
            file = field, file_len = n;
        else if (!keep_value(values, f, field, n))
            return MINUTES_NO_MEMORY;
        if (f == MINUTES_FIELD_PARAGRAPH)
            number = field, number_len = n;
    }
    unsigned long first, ordinal = number ? strtoul(number, NULL, 10) : 0;
    if (!file_len || !number_len || !next_number(&p, end, &first) || first == 0 ||
        first > ordinal)
        return MINUTES_CORRUPT;
    ref->first = (unsigned)first;
    ref->record = NULL;
    ref->record_len = 0;
    if (first == ordinal) { /* the section's first paragraph: its record follows */
        if (!(ref->record_len = section_extent(p, end)))
            return MINUTES_CORRUPT;
        ref->record = p;
        p += ref->record_len;
    }
    if (!values[MINUTES_FIELD_TEXT] &&
        !(values[MINUTES_FIELD_TEXT] = strndup(p, (size_t)(end - p))))
        return MINUTES_NO_MEMORY;
    if (!values[MINUTES_FIELD_ID]) {
        char id[64];
        snprintf(id, sizeof id, "%.*s:%.*s", (int)(file_len < 16 ? file_len : 16), file,
                 (int)(number_len < 20 ? number_len : 20), number);
        if (!(values[MINUTES_FIELD_ID] = strdup(id)))
            return MINUTES_NO_MEMORY;
    }
    return MINUTES_OK;
}

minutes_status
schema_decode_section(const char *record, size_t len, char **values)
{
    const char *p = record, *end = record + len;
    if (len == 0 || section_extent(p, end) != len)
        return MINUTES_CORRUPT;
    for (size_t i = 0; i < SECTION_FIELDS; i++) {
        size_t n = 0;
        const char *field = next_field(&p, end, &n);
        if (!keep_value(values, section_fields[i], field, n))
            return MINUTES_NO_MEMORY;
    }
    unsigned long path_len;
    next_number(&p, end, &path_len);
    if (!keep_value(values, MINUTES_FIELD_PATH, p, path_len))
        return MINUTES_NO_MEMORY;
    return MINUTES_OK;
}
