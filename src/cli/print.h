/* print.h - one printer interface for every output format: each command hands its records
 * to a printer, so that text, JSON Lines and TSV share one code path.
 *
 * A command prints: begin (what its records are, and their field names), then per record
 * begin_record, one field call per name in the same order, end_record; and finally end.
 * JSON Lines writes each record as an object and TSV as a line under a header of the names,
 * whatever the records are, so a new field appears in both at once. Text output is for
 * people: print-text.c lays out each kind of record in its own way (a search hit as a header
 * line and its snippet, a shown paragraph as grep's context lines under a heading, a meeting
 * or a facet count as one line), showing the fields that layout names.
 */
#ifndef MINUTES_PRINT_H
#define MINUTES_PRINT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef enum print_type {
    PRINT_STRING,  /* text */
    PRINT_NUMBER,  /* a decimal number, written as text */
    PRINT_BOOLEAN, /* "true" or "false" */
    PRINT_MARKED   /* text with matches between MINUTES_MARK_START and MINUTES_MARK_END */
} print_type;

/* What the records are, for the text layout; the field names are minutes_field_name()'s. */
typedef enum print_kind {
    PRINT_HITS,       /* search hits: rank, score, collapsed, then the hit's fields */
    PRINT_PARAGRAPHS, /* a paragraph and those around it: target (true for it), then fields */
    PRINT_MEETINGS,   /* date, council, board, board_id, documents, items, paragraphs,
                       * and perhaps files (a list) */
    PRINT_FACETS      /* facet, value, count; the records of one facet together */
} print_kind;

typedef struct printer printer;

typedef struct printer_ops {
    /* `keys` (the array and its strings) must stay valid until end. */
    void (*begin)(printer *p, print_kind kind, const char *const *keys, size_t nkeys);
    void (*begin_record)(printer *p);
    /* `value` is NULL when the field is unknown for this record. */
    void (*field)(printer *p, const char *key, const char *value, print_type type);
    /* A field whose value is a list of `n` strings: an array in JSON, the items separated by
     * an (escaped) newline in TSV, one line each in text. */
    void (*list)(printer *p, const char *key, const char *const *items, size_t n);
    void (*end_record)(printer *p);
    void (*end)(printer *p);
    void (*destroy)(printer *p);
} printer_ops;

struct printer {
    const printer_ops *ops;
    FILE *out;
    int color; /* use ANSI colours (text only) */
};

/* Printers for each format; NULL when out of memory. Destroy with p->ops->destroy(p). */
printer *print_text_create(FILE *out, int color);
printer *print_json_create(FILE *out);
printer *print_tsv_create(FILE *out);
printer *print_grep_create(FILE *out); /* path:line:col:text, for editors (print-grep.c) */

/* A JSON printer that writes nothing: it appends each record, the object JSON Lines would
 * write, to the jansson array `records` (which it holds no reference to). */
struct json_t;
printer *print_json_collect(struct json_t *records);

/* Write a JSON value compact, keys in order, as the JSON printer writes its records (DEL and
 * the C1 controls escaped too); no newline. Returns 0, or -1 when out of memory. */
int print_json_dump(FILE *out, const struct json_t *value);

/* Copy `marked` without the highlight markers into `plain` (at least as large). If `spans`
 * is not NULL, store the byte offsets [start, end) of each highlighted run in plain, up to
 * max_spans pairs, and return how many there were. */
size_t print_strip_marks(const char *marked, char *plain, size_t (*spans)[2], size_t max_spans);

/* Data for people (print-safe.c). A terminal acts on control characters, so text output and
 * messages show them as escapes: TAB, LF and CR as \t \n \r, other C0 controls and DEL as
 * \xHH (ESC is \x1b), the C1 controls U+0080 to U+009F as \u00HH (CSI is \u009b), and each
 * byte that is not part of valid UTF-8 as \xHH. Everything else, backslashes included, is
 * written as it is. */
#define PRINT_SAFE_MAX 8 /* room for what print_safe_char() writes, NUL included */

/* A path as text output shows it: below the directory `cwd` (which may be NULL), relative
 * to it; else as it is. Points into `path`. */
const char *print_shown_path(const char *path, const char *cwd);

/* How the character at `s` (not the terminating NUL) is shown: written to `shown` as a
 * string; returns how many bytes of `s` it stands for. */
size_t print_safe_char(const char *s, char shown[PRINT_SAFE_MAX]);

/* Write `s` to `out`, escaped, except for the bytes in `keep` (control bytes the caller lays
 * out itself, such as the highlight markers), which are written as they are. */
void print_safe(FILE *out, const char *s, const char *keep);

/* The same as a malloc'd string; NULL when out of memory. */
char *print_safe_dup(const char *s, const char *keep);

/* printf to `out` with the whole result escaped: for lines that quote data (paths, values)
 * in our own words, which contain no control characters. The caller writes the newline. */
void print_safe_format(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void print_safe_vformat(FILE *out, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#endif /* MINUTES_PRINT_H */
