/* print.h - one printer interface for every output format, so that text, JSON Lines and TSV
 * share one code path and a new field appears in all of them at once.
 *
 * A search prints: begin (with the list of field names), then per hit begin_hit, one field
 * call per name in the same order, end_hit; and finally end.
 */
#ifndef MINUTES_PRINT_H
#define MINUTES_PRINT_H

#include <stddef.h>
#include <stdio.h>

typedef enum print_type {
    PRINT_STRING,  /* text */
    PRINT_NUMBER,  /* a decimal number, written as text */
    PRINT_BOOLEAN, /* "true" or "false" */
    PRINT_MARKED   /* text with matches between MINUTES_MARK_START and MINUTES_MARK_END */
} print_type;

typedef struct printer printer;

typedef struct printer_ops {
    void (*begin)(printer *p, const char *const *keys, size_t nkeys);
    void (*begin_hit)(printer *p);
    /* `value` is NULL when the field is unknown for this hit. */
    void (*field)(printer *p, const char *key, const char *value, print_type type);
    void (*end_hit)(printer *p);
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

/* Copy `marked` without the highlight markers into `plain` (at least as large). If `spans`
 * is not NULL, store the byte offsets [start, end) of each highlighted run in plain, up to
 * max_spans pairs, and return how many there were. */
size_t print_strip_marks(const char *marked, char *plain, size_t (*spans)[2], size_t max_spans);

#endif /* MINUTES_PRINT_H */
