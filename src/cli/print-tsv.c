/* print-tsv.c - tab-separated output: a header line of field names, then one line per record.
 * Tabs, newlines, carriage returns and backslashes in values are escaped as \t \n \r \\,
 * other control characters and bytes that are not UTF-8 as text output shows them (\x1b,
 * \u009b); unknown values are empty. */
#include <stdlib.h>
#include <string.h>

#include "print.h"

typedef struct tsv_printer {
    printer base;
    int first; /* no separator before the first field of a line */
} tsv_printer;

/* TSV is read by programs but often looked at in a terminal, so it escapes control
 * characters as text output does (print_safe_char); backslashes are doubled so that a reader
 * can undo every escape and have the value back. */
static void
put_escaped(FILE *out, const char *s)
{
    char shown[PRINT_SAFE_MAX];
    while (*s) {
        if (*s == '\\') {
            fputs("\\\\", out);
            s++;
            continue;
        }
        s += print_safe_char(s, shown);
        fputs(shown, out);
    }
}

static void
tsv_begin(printer *p, print_kind kind, const char *const *keys, size_t nkeys)
{
    (void)kind;
    for (size_t i = 0; i < nkeys; i++) {
        if (i)
            fputc('\t', p->out);
        fputs(keys[i], p->out);
    }
    fputc('\n', p->out);
}

static void
tsv_begin_record(printer *p)
{
    ((tsv_printer *)p)->first = 1;
}

static void
tsv_field(printer *p, const char *key, const char *value, print_type type)
{
    tsv_printer *tp = (tsv_printer *)p;
    (void)key;
    if (!tp->first)
        fputc('\t', p->out);
    tp->first = 0;
    if (!value)
        return;
    if (type != PRINT_MARKED) {
        put_escaped(p->out, value);
        return;
    }
    char *plain = malloc(strlen(value) + 1);
    if (!plain)
        return;
    print_strip_marks(value, plain, NULL, 0);
    put_escaped(p->out, plain);
    free(plain);
}

/* The items each escaped, separated by "\n": unescaped, the field is one item per line. */
static void
tsv_list(printer *p, const char *key, const char *const *items, size_t n)
{
    tsv_field(p, key, "", PRINT_STRING);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs("\\n", p->out);
        put_escaped(p->out, items[i]);
    }
}

static void
tsv_end_record(printer *p)
{
    fputc('\n', p->out);
}

static void
tsv_end(printer *p)
{
    (void)p;
}

static void
tsv_destroy(printer *p)
{
    free(p);
}

static const printer_ops tsv_ops = {
    tsv_begin, tsv_begin_record, tsv_field, tsv_list, tsv_end_record, tsv_end, tsv_destroy,
};

printer *
print_tsv_create(FILE *out)
{
    tsv_printer *tp = calloc(1, sizeof *tp);
    if (!tp)
        return NULL;
    tp->base = (printer){&tsv_ops, out, 0};
    return &tp->base;
}
