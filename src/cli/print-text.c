/* print-text.c - output for people. The printer keeps the fields of a record and, at its end,
 * lays it out as its kind asks: a search hit as a header line (path:line, agenda item,
 * score) with its snippet below, matches in colour when colour is on; a shown paragraph as
 * grep's context lines under the heading of its meeting and item; a meeting or a facet count
 * as one line.
 *
 * Data is escaped as it is written (print_safe*), so that no control character from a
 * document reaches the terminal; our own colour codes are written apart from it.
 */
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

typedef struct text_printer {
    printer base;
    print_kind kind;
    const char *const *keys; /* the fields of a record, as begin named them */
    size_t nkeys;
    char **values;  /* the record's values by key, as given; NULL when unknown */
    size_t records; /* records laid out so far */
    char *cwd;      /* paths under it are shown relative to it */
    char *facet; /* facets: the facet whose counts are being listed */
    char *item;  /* paragraphs: the agenda item of the last one, as item_key() makes it */
    /* Paragraphs: those before the one asked for wait here until its heading is out. */
    FILE *held;
    char *held_text;
    size_t held_size;
    int heading_done;
} text_printer;

/* The value of field `key` in the record, or NULL when it is unknown. */
static const char *
value(const text_printer *tp, const char *key)
{
    for (size_t i = 0; i < tp->nkeys; i++)
        if (strcmp(tp->keys[i], key) == 0)
            return tp->values[i];
    return NULL;
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

/* ---- search hits ---- */

/* The fields a hit shows. */
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
    T_SOURCE_URL,
    T_SNIPPET,
    T_TEXT,
    T_N
};
static const char *const shown[T_N] = {
    "rank",       "score",     "collapsed", "id",         "path",    "line",
    "page",       "date",      "board",     "doc_type",   "council", "item_number",
    "item_title", "item_type", "minute",    "source_url", "snippet", "text",
};

const char *
print_shown_path(const char *path, const char *cwd)
{
    size_t len = cwd ? strlen(cwd) : 0;
    if (len && strncmp(path, cwd, len) == 0 && path[len] == '/')
        return path + len + 1;
    return path;
}

/* What a snippet or a paragraph's text keeps as it is: print_snippet() lays these out. */
static const char body_keep[] = {'\n', '\t', MINUTES_MARK_START, MINUTES_MARK_END, '\0'};

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
print_hit(printer *p, char **v)
{
    fprintf(p->out, "%s. ", v[T_RANK] ? v[T_RANK] : "?");
    color_on(p, COLOR_PATH);
    fputs(v[T_PATH] ? v[T_PATH] : "?", p->out);
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
    if (v[T_SOURCE_URL]) { /* where it was published, to cite */
        color_on(p, COLOR_DIM);
        fprintf(p->out, "    source: %s", v[T_SOURCE_URL]);
        color_off(p);
        fputc('\n', p->out);
    }
    const char *body = v[T_SNIPPET] ? v[T_SNIPPET] : v[T_TEXT];
    if (body)
        print_snippet(p, body);
}

/* Hits are blank-line separated. Their values are escaped first, all but the layout
 * characters of a snippet, so that everything above prints them as they are. */
static void
lay_out_hit(text_printer *tp)
{
    char *v[T_N];
    for (int i = 0; i < T_N; i++) {
        const char *raw = value(tp, shown[i]);
        if (raw && i == T_PATH)
            raw = print_shown_path(raw, tp->cwd);
        v[i] = raw ? print_safe_dup(raw, i == T_SNIPPET || i == T_TEXT ? body_keep : "") : NULL;
    }
    if (tp->records)
        fputc('\n', tp->base.out);
    print_hit(&tp->base, v);
    for (int i = 0; i < T_N; i++)
        free(v[i]);
}

/* ---- a paragraph with its context ---- */

/* The heading: file, meeting, item. */
static void
print_heading(const text_printer *tp, FILE *out)
{
    const char *number = value(tp, "item_number"), *title = value(tp, "item_title");
    print_safe_format(out, "%s", value(tp, "path") ? value(tp, "path") : "?");
    fputc('\n', out);
    print_safe_format(out, "%s", value(tp, "date") ? value(tp, "date") : "date unknown");
    static const char *const meeting[] = {"board", "council", "doc_type"};
    for (size_t i = 0; i < sizeof meeting / sizeof *meeting; i++)
        if (value(tp, meeting[i]))
            print_safe_format(out, " · %s", value(tp, meeting[i]));
    fputc('\n', out);
    if (value(tp, "source_url")) {
        print_safe_format(out, "source: %s", value(tp, "source_url"));
        fputc('\n', out);
    }
    if (number || title) {
        print_safe_format(out, "item %s%s%s", number ? number : "", number && title ? ": " : "",
                          title ? title : "");
        if (value(tp, "item_type"))
            print_safe_format(out, " (%s)", value(tp, "item_type"));
        if (value(tp, "minute"))
            print_safe_format(out, ", minute %s", value(tp, "minute"));
        fputc('\n', out);
    }
    fputc('\n', out);
}

/* "LINE: text" for the paragraph asked for and "LINE- text" around it, as grep prints
 * matches and context; continuation lines indented under it. Line breaks and tabs are the
 * text's layout; every other control character is escaped (print_safe_char). */
static void
print_paragraph(const text_printer *tp, FILE *out, int is_target)
{
    const char *line = value(tp, "line");
    const char *text = value(tp, "text");
    char shown_char[PRINT_SAFE_MAX];
    /* The line number coloured as grep colours it; the width is what shows. */
    if (tp->base.color)
        fputs(COLOR_LINE, out);
    int width = fprintf(out, "%6s", line ? line : "?");
    if (tp->base.color)
        fputs(COLOR_OFF, out);
    width += fprintf(out, "%c ", is_target ? ':' : '-');
    for (const char *s = text ? text : ""; *s;) {
        if (*s == '\n' || *s == '\t') {
            fputc(*s, out);
            if (*s++ == '\n')
                fprintf(out, "%*s", width, "");
            continue;
        }
        s += print_safe_char(s, shown_char);
        fputs(shown_char, out);
    }
    fputc('\n', out);
}

/* What tells one agenda item from the next: its file, section, number and title. */
static char *
item_key(const text_printer *tp)
{
    static const char *const parts[] = {"path", "section", "item_number", "item_title"};
    size_t len = 1;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        len += (value(tp, parts[i]) ? strlen(value(tp, parts[i])) : 0) + 1;
    char *key = malloc(len);
    if (!key)
        return NULL;
    key[0] = '\0';
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        strcat(key, value(tp, parts[i]) ? value(tp, parts[i]) : "");
        strcat(key, "\x1f");
    }
    return key;
}

/* Where one agenda item ends and the next begins among the paragraphs, a line saying so:
 * "    -- item 4: Any Other Business", or "    -- (no agenda item)". */
static void
mark_item_change(text_printer *tp, FILE *out)
{
    char *key = item_key(tp);
    int changed = key && tp->item && strcmp(key, tp->item) != 0;
    free(tp->item);
    tp->item = key;
    if (!changed)
        return;
    const char *number = value(tp, "item_number"), *title = value(tp, "item_title");
    if (number || title)
        print_safe_format(out, "%6s item %s%s%s", "--", number ? number : "",
                          number && title ? ": " : "", title ? title : "");
    else
        print_safe_format(out, "%6s (no agenda item)", "--");
    fputc('\n', out);
}

/* Write out the paragraphs held back, if any. */
static void
release_held(text_printer *tp)
{
    if (!tp->held)
        return;
    fclose(tp->held);
    tp->held = NULL;
    fwrite(tp->held_text, 1, tp->held_size, tp->base.out);
    free(tp->held_text);
    tp->held_text = NULL;
}

/* The heading comes from the paragraph asked for, which need not be the first: those before
 * it are held back until it comes (or, out of memory, printed as they come). */
static void
lay_out_paragraph(text_printer *tp)
{
    const char *target = value(tp, "target");
    int is_target = target && strcmp(target, "true") == 0;
    if (is_target && !tp->heading_done) {
        print_heading(tp, tp->base.out);
        tp->heading_done = 1;
        release_held(tp);
    } else if (!tp->heading_done && tp->records == 0) {
        tp->held = open_memstream(&tp->held_text, &tp->held_size);
    }
    mark_item_change(tp, tp->held ? tp->held : tp->base.out);
    print_paragraph(tp, tp->held ? tp->held : tp->base.out, is_target);
}

/* ---- meetings and facets ---- */

static const char *
plural(const char *count)
{
    return count && strcmp(count, "1") == 0 ? "" : "s";
}

/* "2017-06-29  Cabinet, Coventry City Council  (1 document, 4 items, 54 paragraphs)", and
 * below it each of its files, indented, when the record lists them. */
static void
lay_out_meeting(text_printer *tp)
{
    const char *date = value(tp, "date"), *board = value(tp, "board");
    const char *council = value(tp, "council"), *documents = value(tp, "documents");
    const char *items = value(tp, "items"), *paragraphs = value(tp, "paragraphs");
    print_safe_format(tp->base.out, "%-10s  %s%s%s  (%s document%s, %s item%s, %s paragraph%s)",
                      date ? date : "unknown", board ? board : "(board unknown)",
                      council ? ", " : "", council ? council : "", documents ? documents : "?",
                      plural(documents), items ? items : "?", plural(items),
                      paragraphs ? paragraphs : "?", plural(paragraphs));
    fputc('\n', tp->base.out);
    const char *files = value(tp, "files"); /* escaped already, one per line */
    for (const char *line = files; line && *line;) {
        size_t len = strcspn(line, "\n");
        fprintf(tp->base.out, "    %.*s\n", (int)len, line);
        line += len + (line[len] == '\n');
    }
}

/* Each facet under its name, a blank line between facets: "board_id:", "       16  cabinet". */
static void
lay_out_facet(text_printer *tp)
{
    const char *facet = value(tp, "facet"), *val = value(tp, "value"), *count = value(tp, "count");
    if (!facet || !count)
        return;
    if (!tp->facet || strcmp(tp->facet, facet) != 0) {
        if (tp->facet)
            fputc('\n', tp->base.out);
        print_safe_format(tp->base.out, "%s:", facet);
        fputc('\n', tp->base.out);
        free(tp->facet);
        tp->facet = strdup(facet);
    }
    print_safe_format(tp->base.out, "  %7s  %s", count, val ? val : "(unknown)");
    fputc('\n', tp->base.out);
}

/* ---- the printer ---- */

static void (*const layouts[])(text_printer *tp) = {
    [PRINT_HITS] = lay_out_hit,
    [PRINT_PARAGRAPHS] = lay_out_paragraph,
    [PRINT_MEETINGS] = lay_out_meeting,
    [PRINT_FACETS] = lay_out_facet,
};

static void
clear_values(text_printer *tp)
{
    for (size_t i = 0; i < tp->nkeys; i++) {
        free(tp->values[i]);
        tp->values[i] = NULL;
    }
}

static void
text_begin(printer *p, print_kind kind, const char *const *keys, size_t nkeys)
{
    text_printer *tp = (text_printer *)p;
    tp->kind = kind;
    tp->keys = keys;
    tp->values = calloc(nkeys, sizeof *tp->values);
    tp->nkeys = tp->values ? nkeys : 0; /* out of memory, every field is unknown */
}

static void
text_begin_record(printer *p)
{
    clear_values((text_printer *)p);
}

static void
text_field(printer *p, const char *key, const char *val, print_type type)
{
    text_printer *tp = (text_printer *)p;
    (void)type;
    for (size_t i = 0; val && i < tp->nkeys; i++)
        if (strcmp(tp->keys[i], key) == 0) {
            free(tp->values[i]);
            tp->values[i] = strdup(val);
        }
}

/* A list (of paths: the only lists there are) is kept as its items shown as text shows
 * them, escaped, one per line. */
static void
text_list(printer *p, const char *key, const char *const *items, size_t n)
{
    text_printer *tp = (text_printer *)p;
    char *joined = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&joined, &size);
    if (!f)
        return;
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc('\n', f);
        print_safe(f, print_shown_path(items[i], tp->cwd), "");
    }
    fclose(f);
    for (size_t i = 0; joined && i < tp->nkeys; i++)
        if (strcmp(tp->keys[i], key) == 0) {
            free(tp->values[i]);
            tp->values[i] = joined;
            return;
        }
    free(joined);
}

static void
text_end_record(printer *p)
{
    text_printer *tp = (text_printer *)p;
    layouts[tp->kind](tp);
    tp->records++;
}

static void
text_end(printer *p)
{
    release_held((text_printer *)p);
}

static void
text_destroy(printer *p)
{
    text_printer *tp = (text_printer *)p;
    if (!tp)
        return;
    if (tp->held)
        fclose(tp->held);
    free(tp->held_text);
    clear_values(tp);
    free(tp->values);
    free(tp->facet);
    free(tp->item);
    free(tp->cwd);
    free(tp);
}

static const printer_ops text_ops = {
    text_begin, text_begin_record, text_field, text_list, text_end_record, text_end,
    text_destroy,
};

printer *
print_text_create(FILE *out, int color)
{
    text_printer *tp = calloc(1, sizeof *tp);
    if (!tp)
        return NULL;
    tp->base = (printer){&text_ops, out, color};
    tp->cwd = getcwd(NULL, 0);
    return &tp->base;
}
