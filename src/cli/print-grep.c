/* print-grep.c - grep's format for editors: "path:line:col:text", one line per record that
 * has a path and a line, as 'rg --vimgrep' writes it, so that 'vim -q' and other editors'
 * quickfix lists open each hit where it is. The line is the paragraph's first line in its
 * file; the column is 1 (the paragraph's start: its text is normalized, so a match's column
 * in the file is not known); the text is the snippet (else the paragraph) on one line,
 * without highlight markers, escaped as text output escapes data. Paths are as stored
 * (absolute). Records without a path or a line print nothing. */
#include <stdlib.h>
#include <string.h>

#include "print.h"

typedef struct grep_printer {
    printer base;
    char *path, *line, *snippet, *text; /* the record's values; NULL when unknown */
} grep_printer;

static void
clear(grep_printer *gp)
{
    free(gp->path), free(gp->line), free(gp->snippet), free(gp->text);
    gp->path = gp->line = gp->snippet = gp->text = NULL;
}

static void
grep_begin(printer *p, print_kind kind, const char *const *keys, size_t nkeys)
{
    (void)p, (void)kind, (void)keys, (void)nkeys;
}

static void
grep_begin_record(printer *p)
{
    clear((grep_printer *)p);
}

static void
grep_field(printer *p, const char *key, const char *value, print_type type)
{
    grep_printer *gp = (grep_printer *)p;
    char **slot = strcmp(key, "path") == 0      ? &gp->path
                  : strcmp(key, "line") == 0    ? &gp->line
                  : strcmp(key, "snippet") == 0 ? &gp->snippet
                  : strcmp(key, "text") == 0    ? &gp->text
                                                : NULL;
    (void)type;
    if (!slot || !value)
        return;
    free(*slot);
    *slot = strdup(value);
}

/* The text on one line: markers dropped, line breaks and tabs as spaces. */
static void
put_one_line(FILE *out, const char *marked)
{
    char *plain = malloc(strlen(marked) + 1);
    if (!plain)
        return;
    print_strip_marks(marked, plain, NULL, 0);
    for (char *s = plain; *s; s++)
        if (*s == '\n' || *s == '\t' || *s == '\r')
            *s = ' ';
    print_safe(out, plain, "");
    free(plain);
}

static void
grep_end_record(printer *p)
{
    grep_printer *gp = (grep_printer *)p;
    if (gp->path && gp->line) {
        print_safe(p->out, gp->path, "");
        fprintf(p->out, ":%s:1:", gp->line);
        const char *body = gp->snippet && *gp->snippet ? gp->snippet : gp->text;
        if (body)
            put_one_line(p->out, body);
        fputc('\n', p->out);
    }
    clear(gp);
}

static void
grep_end(printer *p)
{
    (void)p;
}

static void
grep_destroy(printer *p)
{
    grep_printer *gp = (grep_printer *)p;
    if (!gp)
        return;
    clear(gp);
    free(gp);
}

static void
grep_list(printer *p, const char *key, const char *const *items, size_t n)
{
    (void)p, (void)key, (void)items, (void)n; /* no list has a path and a line */
}

static const printer_ops grep_ops = {
    grep_begin, grep_begin_record, grep_field, grep_list, grep_end_record, grep_end, grep_destroy,
};

printer *
print_grep_create(FILE *out)
{
    grep_printer *gp = calloc(1, sizeof *gp);
    if (!gp)
        return NULL;
    gp->base = (printer){&grep_ops, out, 0};
    return &gp->base;
}
