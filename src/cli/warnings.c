/* warnings.c - what a query would otherwise get wrong without a word, said on stderr as
 * warnings (see options.h): a date range that is empty (by --since and --until, --date or
 * date: in the query), a leading '*' (which is not a
 * wildcard), and a text that is not query syntax, searched for as plain words. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "options.h"

/* A date as the filters take it (2017, 2017-06, 2017-06-29, 29/06/2017) as YYYYMMDD: its
 * first day if `end` is 0, else its last (any month's last is taken as the 31st, which
 * orders the same). Returns 0 for anything else, which the library will judge. */
static long
date_bound(const char *text, size_t length, int end)
{
    char buf[32];
    if (length == 0 || length >= sizeof buf)
        return 0;
    memcpy(buf, text, length);
    buf[length] = '\0';
    int y = 0, m = 0, d = 0, used = 0;
    if (sscanf(buf, "%2d/%2d/%4d%n", &d, &m, &y, &used) == 3 && (size_t)used == length) {
    } else if (sscanf(buf, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && (size_t)used == length) {
    } else if (sscanf(buf, "%4d-%2d%n", &y, &m, &used) == 2 && (size_t)used == length) {
        d = end ? 31 : 1;
    } else if (sscanf(buf, "%4d%n", &y, &used) == 1 && (size_t)used == length) {
        m = end ? 12 : 1;
        d = end ? 31 : 1;
    } else {
        return 0;
    }
    return (long)y * 10000 + m * 100 + d;
}

/* The first day of --since's date (or of a range's first end), or the last of --until's. */
static long
range_bound(const char *text, int end)
{
    const char *dots = strstr(text, "..");
    if (!dots)
        return date_bound(text, strlen(text), end);
    return end ? date_bound(dots + 2, strlen(dots + 2), 1)
               : date_bound(text, (size_t)(dots - text), 0);
}

/* Whether the range "A..B" (`length` bytes) ends before it starts. */
static int
is_empty_range(const char *text, size_t length)
{
    char buf[64];
    if (length >= sizeof buf)
        return 0;
    memcpy(buf, text, length);
    buf[length] = '\0';
    const char *dots = strstr(buf, "..");
    if (!dots || dots == buf || !dots[2])
        return 0; /* not a range, or open at one end */
    long since = range_bound(buf, 0), until = range_bound(buf, 1);
    return since && until && since > until;
}

/* --since after --until, --date B..A, or date:B..A in the query text. */
static void
warn_empty_ranges(const cli_filters *filters, const char *text)
{
    if (filters->since && filters->until) {
        long since = range_bound(filters->since, 0), until = range_bound(filters->until, 1);
        if (since && until && since > until)
            cli_warning("--since %s is after --until %s; nothing can match", filters->since,
                        filters->until);
    }
    for (size_t i = 0; i < filters->count; i++) {
        const char *value = filters->list[i].value;
        if (filters->list[i].field == MINUTES_FIELD_DATE && is_empty_range(value, strlen(value)))
            cli_warning("--date %s ends before it starts; nothing can match it", value);
    }
    for (const char *s = text; (s = strstr(s, "date:")) != NULL; s += 5) {
        if (s > text && !strchr(" \t\n(+-", s[-1]))
            continue; /* part of another word ("update:") */
        const char *range = s + 5;
        size_t length = strcspn(range, " \t\n()\"");
        if (is_empty_range(range, length))
            cli_warning("'date:%.*s' ends before it starts; nothing can match it", (int)length,
                        range);
    }
}

/* Whether byte b may start a word: a letter, a digit, or part of a character not ASCII. */
static int
is_word_start(unsigned char b)
{
    return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || b >= 0x80;
}

/* Each word written with a leading '*' ("*ostering"): the '*' is dropped, not a wildcard. */
static void
warn_leading_stars(const char *text)
{
    for (const char *s = text; *s; s++) {
        if (*s != '*' || (s > text && !strchr(" \t\n(\"+-:", s[-1])))
            continue;
        const char *word = s + strspn(s, "*");
        if (!is_word_start((unsigned char)*word))
            continue;
        int star_length = (int)(word - s), length = (int)strcspn(word, " \t\n()\"*");
        cli_warning("'%.*s' searches for '%.*s': a leading '*' is not a wildcard (a trailing "
                    "one is: '%.*s*')",
                    star_length + length, s, length, word, length, word);
        s = word + length - 1;
    }
}

void
cli_warn_query(const minutes_query *query, const char *text, const cli_filters *filters,
               unsigned flags)
{
    warn_empty_ranges(filters, text);
    warn_leading_stars(text);
    const char *described = query ? minutes_query_describe(query) : NULL;
    if (described && strncmp(described, "(literal)", 9) == 0 && !(flags & MINUTES_QUERY_FIXED))
        cli_warning("'%s' is not valid query syntax: searched for as plain words, all of "
                    "which must match",
                    text);
}
