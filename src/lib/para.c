/* para.c - what a paragraph is, once its section's paragraphs are all cut: its kind where its
 * text and its neighbours tell (a resolution and the list it leads, the attendance list, a
 * briefing note's numbered headings), and the minutes its text refers to ("minute 84/16").
 */
#include "segment-internal.h"

#include <string.h>

#include "meta.h"

/* The kind's name, as the index stores it. */
const char *
para_kind_name(para_kind kind)
{
    switch (kind) {
    case PARA_HEADING: return "heading";
    case PARA_LIST_ITEM: return "list-item";
    case PARA_RESOLUTION: return "resolution";
    case PARA_ATTENDANCE: return "attendance";
    case PARA_TABLE_ROW: return "table-row";
    case PARA_TEXT: break;
    }
    return "text";
}

/* ---- what a paragraph is ---------------------------------------------------------------- */

/* Whether the paragraph opens the attendance list. */
int
para_is_present_line(const paragraph *p)
{
    const char *s = p->text;
    size_t n = p->text_len;
    return (text_starts_with_ci(s, n, "Present") && (n == 7 || s[7] == ':' || s[7] == '\n')) ||
           text_starts_with_ci(s, n, "Members present");
}

static int
is_resolution(const char *s, size_t n)
{
    return text_starts_with_ci(s, n, "RESOLVED") &&
           (memcmp(s, "RESOLVED", 8) == 0 || text_starts_with_ci(s, n, "resolved that") ||
            (n > 8 && strchr(":-,", s[8])) || text_starts_with_ci(s, n, "resolved \xE2\x80\x93"));
}

static int
is_resolution_paragraph(const paragraph *p)
{
    const char *s = p->text;
    size_t n = p->text_len;
    if (text_starts_with_ci(s, n, "It was "))
        return is_resolution(s + 7, n - 7);
    return is_resolution(s, n);
}

/* A resolution that introduces a list: "RESOLVED that", "RESOLVED that the Board:". */
static int
is_resolution_lead_in(const paragraph *p)
{
    span t = {p->text, p->text_len};
    while (t.n > 0 && t.s[t.n - 1] == ' ')
        t.n--;
    if (t.n == 0)
        return 0;
    char last = t.s[t.n - 1];
    return last == ':' || last == '-' ||
           (t.n >= 4 && text_starts_with_ci(t.s + t.n - 4, 4, "that")) ||
           text_equals_ci(t.s, t.n, "RESOLVED");
}

/* A briefing note's numbered section heading, "1 Purpose of the Note" (no full stop after the
 * number, so not an agenda item). */
static int
is_note_heading(const paragraph *p)
{
    const char *s = p->text;
    size_t n = p->text_len;
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i == 0 || i > 2 || i + 1 >= n || s[i] != ' ' || !is_upper(s[i + 1]))
        return 0;
    char date[11];
    if (memchr(s, '\n', n) || strchr(".,;:", s[n - 1]) || meta_find_date(s, n, date))
        return 0;
    span w[10];
    return text_split_words(s, n, w, 10) <= 9;
}

/* The kinds of a section's `count` paragraphs that need the paragraphs around them: the attendance
 * list from "Present:" to the first heading, and the list entries of a resolution. */
void
para_assign_kinds(paragraph *paras, size_t count, const char *doc_type)
{
    int attendance = 0, resolution_list = 0;
    int note = is_doc_type(doc_type, "briefing-note") || is_doc_type(doc_type, "report");
    for (size_t i = 0; i < count; i++) {
        paragraph *p = &paras[i];
        if (p->kind == PARA_HEADING || p->kind == PARA_TABLE_ROW) {
            attendance = resolution_list = 0;
            continue;
        }
        int resolution = is_resolution_paragraph(p);
        if (para_is_present_line(p))
            attendance = 1;
        if (attendance && !resolution) {
            p->kind = PARA_ATTENDANCE;
            continue;
        }
        attendance = 0;
        if (resolution) {
            p->kind = PARA_RESOLUTION;
            resolution_list = is_resolution_lead_in(p);
            continue;
        }
        if (resolution_list && p->kind == PARA_LIST_ITEM) {
            p->kind = PARA_RESOLUTION;
            continue;
        }
        resolution_list = 0;
        if (note && p->kind == PARA_TEXT && is_note_heading(p))
            p->kind = PARA_HEADING;
    }
}

/* ---- minute references ------------------------------------------------------------------ */

/* "84/16", "63/2015": the number and year of a minute reference at s[*i]; normalized (no
 * leading zeros, two-digit year) into out. */
static int
read_minute_ref(const char *s, size_t n, size_t *i, char *out, size_t out_size)
{
    size_t j = *i, start = j;
    while (j < n && is_digit(s[j]) && j - start < 4)
        j++;
    if (j == start || j >= n || s[j] != '/')
        return 0;
    size_t num_end = j++;
    size_t year_start = j;
    while (j < n && is_digit(s[j]) && j - year_start < 4)
        j++;
    size_t year_len = j - year_start;
    if ((year_len != 2 && year_len != 4) || (j < n && (is_digit(s[j]) || s[j] == '/')))
        return 0;
    while (start + 1 < num_end && s[start] == '0')
        start++;
    size_t num_len = num_end - start;
    if (num_len + 4 > out_size)
        return 0;
    memcpy(out, s + start, num_len);
    out[num_len] = '/';
    memcpy(out + num_len + 1, s + j - 2, 2);
    out[num_len + 3] = '\0';
    *i = j;
    return 1;
}

/* The minutes a paragraph refers to: "minute 84/16", "Minute 63/15 refers", "minutes 9/16
 * and 10/16", "min. 4/21". */
minutes_status
para_find_minute_refs(arena *a, paragraph *p)
{
    const char *s = p->text;
    size_t n = p->text_len;
    size_t slashes = 0;
    for (size_t i = 0; i < n; i++)
        slashes += s[i] == '/';
    if (slashes == 0)
        return MINUTES_OK;
    const char **refs = NULL;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && is_alpha(s[i - 1]))
            continue;
        size_t j;
        if (text_starts_with_ci(s + i, n - i, "minutes"))
            j = i + 7;
        else if (text_starts_with_ci(s + i, n - i, "minute"))
            j = i + 6;
        else if (text_starts_with_ci(s + i, n - i, "min."))
            j = i + 4;
        else
            continue;
        while (j < n && s[j] == ' ')
            j++;
        if (text_starts_with_ci(s + j, n - j, "no.") || text_starts_with_ci(s + j, n - j, "no "))
            for (j += 3; j < n && s[j] == ' ';)
                j++;
        char ref[16];
        while (read_minute_ref(s, n, &j, ref, sizeof ref)) {
            int seen = 0;
            for (size_t k = 0; k < count; k++)
                seen |= strcmp(refs[k], ref) == 0;
            if (!seen) {
                if (!refs && !(refs = arena_alloc(a, slashes * sizeof *refs)))
                    return MINUTES_NO_MEMORY;
                if (!(refs[count++] = arena_strndup(a, ref, strlen(ref))))
                    return MINUTES_NO_MEMORY;
            }
            /* A list of references: "9/16, 10/16 and 11/16". */
            size_t k = j;
            while (k < n && (s[k] == ' ' || s[k] == ',' || s[k] == '&'))
                k++;
            if (text_starts_with_ci(s + k, n - k, "and "))
                k += 4;
            while (k < n && s[k] == ' ')
                k++;
            j = k;
        }
        i = j > i ? j - 1 : i;
    }
    p->minute_refs = refs;
    p->minute_ref_count = count;
    return MINUTES_OK;
}
