/* suggest.c - "did you mean": the name nearest to a mistyped one (a command, a long option),
 * by the number of letters inserted, deleted, replaced or swapped with a neighbour (see
 * cli.h). */
#include <getopt.h>
#include <string.h>

#include "cli.h"

#define MAX_COMPARED 64 /* longer words are nothing we could suggest for */

/* The optimal string alignment distance (Damerau-Levenshtein without re-editing a swapped
 * pair) between a and b, both at most MAX_COMPARED bytes. */
static size_t
edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t d[MAX_COMPARED + 1][MAX_COMPARED + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

/* A typo is at most a third of the word's letters (and at least one), so that "serach"
 * finds "search" and "x" finds nothing. */
void
cli_nearest_begin(cli_nearest *n, const char *word)
{
    n->word = word;
    n->length = strlen(word);
    n->best_distance = n->length / 3 > 1 ? n->length / 3 : 1;
    n->best = NULL;
}

void
cli_nearest_consider(cli_nearest *n, const char *candidate)
{
    size_t length = strlen(candidate);
    if (n->length > MAX_COMPARED || length > MAX_COMPARED)
        return;
    size_t d = edit_distance(n->word, n->length, candidate, length);
    if (d <= n->best_distance && (!n->best || d < n->best_distance)) {
        n->best = candidate;
        n->best_distance = d;
    }
}

const char *
cli_suggest_option(const struct option *options, const char *name)
{
    cli_nearest n;
    cli_nearest_begin(&n, name);
    for (const struct option *o = options; o->name; o++)
        cli_nearest_consider(&n, o->name);
    return n.best;
}
