/* records.c - the records the commands print, each in one place (see records.h). */
#include "records.h"

#include <stdio.h>
#include <string.h>

void
cli_print_fields(printer *p, const minutes_hit *hit)
{
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++) {
        minutes_field field = (minutes_field)f;
        print_type type = field == MINUTES_FIELD_SNIPPET   ? PRINT_MARKED
                          : minutes_field_is_number(field) ? PRINT_NUMBER
                                                           : PRINT_STRING;
        p->ops->field(p, minutes_field_name(field), minutes_hit_get(hit, field), type);
    }
}

/* ---- search hits ---- */

/* Every hit prints these first ("collapsed" only when collapsing), then every field of
 * minutes.h in order. */
static const char *const score_keys[] = {"rank", "score", "percent", "collapsed"};
#define N_SCORE_KEYS (sizeof score_keys / sizeof *score_keys)

size_t
cli_hit_keys(const char **keys, int collapsing)
{
    size_t n = 0;
    for (size_t i = 0; i < N_SCORE_KEYS; i++)
        if (collapsing || strcmp(score_keys[i], "collapsed") != 0)
            keys[n++] = score_keys[i];
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
        keys[n++] = minutes_field_name((minutes_field)f);
    return n;
}

void
cli_print_hit(printer *p, const minutes_hit *hit, int collapsing)
{
    char rank[32], score[32], percent[32], collapsed[32];
    snprintf(rank, sizeof rank, "%zu", minutes_hit_rank(hit));
    snprintf(score, sizeof score, "%.4f", minutes_hit_score(hit));
    snprintf(percent, sizeof percent, "%d", minutes_hit_percent(hit));
    snprintf(collapsed, sizeof collapsed, "%zu", minutes_hit_collapsed(hit));

    p->ops->begin_record(p);
    p->ops->field(p, "rank", rank, PRINT_NUMBER);
    p->ops->field(p, "score", score, PRINT_NUMBER);
    p->ops->field(p, "percent", percent, PRINT_NUMBER);
    if (collapsing)
        p->ops->field(p, "collapsed", collapsed, PRINT_NUMBER);
    cli_print_fields(p, hit);
    p->ops->end_record(p);
}

/* ---- paragraphs shown ---- */

void
cli_paragraph_keys(const char **keys)
{
    keys[0] = "target";
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
        keys[f + 1] = minutes_field_name((minutes_field)f);
}

void
cli_print_paragraph(printer *p, const minutes_hit *hit, int target)
{
    p->ops->begin_record(p);
    p->ops->field(p, "target", target ? "true" : "false", PRINT_BOOLEAN);
    cli_print_fields(p, hit);
    p->ops->end_record(p);
}

/* ---- meetings ---- */

const char *const cli_meeting_keys[CLI_MEETING_KEYS] = {
    "date", "council", "board", "board_id", "documents", "items", "paragraphs", "files"};

void
cli_print_meeting(printer *p, const minutes_meeting *m, int files)
{
    char documents[32], items[32], paragraphs[32];
    snprintf(documents, sizeof documents, "%lu", m->documents);
    snprintf(items, sizeof items, "%lu", m->items);
    snprintf(paragraphs, sizeof paragraphs, "%lu", m->paragraphs);
    p->ops->begin_record(p);
    p->ops->field(p, "date", m->date, PRINT_STRING);
    p->ops->field(p, "council", m->council, PRINT_STRING);
    p->ops->field(p, "board", m->board, PRINT_STRING);
    p->ops->field(p, "board_id", m->board_id, PRINT_STRING);
    p->ops->field(p, "documents", documents, PRINT_NUMBER);
    p->ops->field(p, "items", items, PRINT_NUMBER);
    p->ops->field(p, "paragraphs", paragraphs, PRINT_NUMBER);
    if (files)
        p->ops->list(p, "files", m->files, m->file_count);
    p->ops->end_record(p);
}

/* ---- facet counts ---- */

const char *const cli_facet_keys[CLI_FACET_KEYS] = {"facet", "value", "count"};

/* The year and month are counted from the date. */
const char *
cli_facet_name(const minutes_facet *f)
{
    if (f->name)
        return f->name;
    return f->field == MINUTES_FIELD_DATE ? "year" : minutes_field_name(f->field);
}

void
cli_print_facet(printer *p, const minutes_facet *f)
{
    char count[32];
    snprintf(count, sizeof count, "%lu", f->count);
    p->ops->begin_record(p);
    p->ops->field(p, "facet", cli_facet_name(f), PRINT_STRING);
    p->ops->field(p, "value", f->value, PRINT_STRING);
    p->ops->field(p, "count", count, PRINT_NUMBER);
    p->ops->end_record(p);
}
