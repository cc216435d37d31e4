/* print-text.c - output for people: a header line per hit (path:line, agenda item, score)
 * and the snippet below it, matches in colour when colour is on. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "minutes.h"
#include "print.h"

#define COLOR_PATH "\033[35m"
#define COLOR_LINE "\033[32m"
#define COLOR_ITEM "\033[36m"
#define COLOR_MATCH "\033[1;31m"
#define COLOR_DIM "\033[2m"
#define COLOR_OFF "\033[0m"

/* The fields this format shows. */
enum {
    T_RANK,
    T_SCORE,
    T_COLLAPSED,
    T_ID,
    T_PATH,
    T_LINE,
    T_PAGE,
    T_DATE,
    T_BOARD,
    T_DOC_TYPE,
    T_COUNCIL,
    T_ITEM_NUMBER,
    T_ITEM_TITLE,
    T_ITEM_TYPE,
    T_MINUTE,
    T_SNIPPET,
    T_TEXT,
    T_N
};
static const char *const shown[T_N] = {
    "rank",       "score",     "collapsed", "id",       "path",    "line",
    "page",       "date",      "board",     "doc_type", "council", "item_number",
    "item_title", "item_type", "minute",    "snippet",  "text",
};

typedef struct text_printer {
    printer base;
    char *cwd; /* paths under it are shown relative to it */
    size_t cwd_len;
    char *values[T_N];
    size_t hits;
} text_printer;

static void
text_begin(printer *p, const char *const *keys, size_t nkeys)
{
    (void)p, (void)keys, (void)nkeys;
}

static void
clear_values(text_printer *tp)
{
    for (int i = 0; i < T_N; i++) {
        free(tp->values[i]);
        tp->values[i] = NULL;
    }
}

static void
text_begin_hit(printer *p)
{
    clear_values((text_printer *)p);
}

static void
color_on(printer *p, const char *code)
{
    if (p->color)
        fputs(code, p->out);
}

static void
color_off(printer *p)
{
    if (p->color)
        fputs(COLOR_OFF, p->out);
}

static const char *
display_path(const text_printer *tp, const char *path)
{
    if (tp->cwd && strncmp(path, tp->cwd, tp->cwd_len) == 0 && path[tp->cwd_len] == '/')
        return path + tp->cwd_len + 1;
    return path;
}

/* What a snippet or a paragraph's text keeps as it is: print_snippet() lays these out. */
static const char body_keep[] = {'\n', '\t', MINUTES_MARK_START, MINUTES_MARK_END, '\0'};

/* Values are kept escaped (print_safe_dup), so that everything below prints them as they
 * are and no control character from the data reaches the terminal. */
static void
text_field(printer *p, const char *key, const char *value, print_type type)
{
    text_printer *tp = (text_printer *)p;
    (void)type;
    for (int i = 0; i < T_N; i++) {
        if (!value || strcmp(key, shown[i]) != 0)
            continue;
        if (i == T_PATH)
            value = display_path(tp, value);
        tp->values[i] = print_safe_dup(value, i == T_SNIPPET || i == T_TEXT ? body_keep : "");
    }
}

/* The snippet on one line: newlines become spaces, markers become colour or nothing. */
static void
print_snippet(printer *p, const char *s)
{
    fputs("    ", p->out);
    for (; *s; s++) {
        if (*s == MINUTES_MARK_START)
            color_on(p, COLOR_MATCH);
        else if (*s == MINUTES_MARK_END)
            color_off(p);
        else
            fputc(*s == '\n' || *s == '\t' ? ' ' : *s, p->out);
    }
    fputc('\n', p->out);
}

/* The meeting the paragraph belongs to, its id, and what collapsing folded into it. */
static void
print_meeting_line(printer *p, char **v)
{
    color_on(p, COLOR_DIM);
    fprintf(p->out, "    %s", v[T_DATE] ? v[T_DATE] : "date unknown");
    if (v[T_BOARD])
        fprintf(p->out, " · %s", v[T_BOARD]);
    if (v[T_COUNCIL])
        fprintf(p->out, " · %s", v[T_COUNCIL]);
    if (v[T_DOC_TYPE])
        fprintf(p->out, " · %s", v[T_DOC_TYPE]);
    if (v[T_ID])
        fprintf(p->out, " · %s", v[T_ID]);
    if (v[T_COLLAPSED] && strcmp(v[T_COLLAPSED], "0") != 0)
        fprintf(p->out, " · +%s more", v[T_COLLAPSED]);
    color_off(p);
    fputc('\n', p->out);
}

static void
text_end_hit(printer *p)
{
    text_printer *tp = (text_printer *)p;
    char **v = tp->values;
    if (tp->hits++)
        fputc('\n', p->out);
    fprintf(p->out, "%s. ", v[T_RANK] ? v[T_RANK] : "?");
    color_on(p, COLOR_PATH);
    fputs(v[T_PATH] ? display_path(tp, v[T_PATH]) : "?", p->out);
    color_off(p);
    fputc(':', p->out);
    color_on(p, COLOR_LINE);
    fputs(v[T_LINE] ? v[T_LINE] : "?", p->out);
    color_off(p);
    if (v[T_PAGE]) /* "report.pdf:12 p. 3" */
        fprintf(p->out, " p. %s", v[T_PAGE]);
    if (v[T_ITEM_NUMBER] || v[T_ITEM_TITLE]) {
        fputs("  ", p->out);
        color_on(p, COLOR_ITEM);
        /* "[item 3: Ofsted Report", or just the title of an unnumbered item */
        fprintf(p->out, "[%s%s%s%s", v[T_ITEM_NUMBER] ? "item " : "",
                v[T_ITEM_NUMBER] ? v[T_ITEM_NUMBER] : "",
                v[T_ITEM_NUMBER] && v[T_ITEM_TITLE] ? ": " : "",
                v[T_ITEM_TITLE] ? v[T_ITEM_TITLE] : "");
        if (v[T_ITEM_TYPE])
            fprintf(p->out, " · %s", v[T_ITEM_TYPE]);
        if (v[T_MINUTE])
            fprintf(p->out, " · minute %s", v[T_MINUTE]);
        fputc(']', p->out);
        color_off(p);
    }
    fputs("  ", p->out);
    color_on(p, COLOR_DIM);
    fprintf(p->out, "score %s", v[T_SCORE] ? v[T_SCORE] : "?");
    color_off(p);
    fputc('\n', p->out);
    print_meeting_line(p, v);
    const char *body = v[T_SNIPPET] ? v[T_SNIPPET] : v[T_TEXT];
    if (body)
        print_snippet(p, body);
}

static void
text_end(printer *p)
{
    (void)p;
}

static void
text_destroy(printer *p)
{
    text_printer *tp = (text_printer *)p;
    if (!tp)
        return;
    clear_values(tp);
    free(tp->cwd);
    free(tp);
}

static const printer_ops text_ops = {
    text_begin, text_begin_hit, text_field, text_end_hit, text_end, text_destroy,
};

printer *
print_text_create(FILE *out, int color)
{
    text_printer *tp = calloc(1, sizeof *tp);
    if (!tp)
        return NULL;
    tp->base = (printer){&text_ops, out, color};
    tp->cwd = getcwd(NULL, 0);
    tp->cwd_len = tp->cwd ? strlen(tp->cwd) : 0;
    return &tp->base;
}
