/* matchcase.c - which words of a query must match as written (MINUTES_QUERY_MATCH_CASE):
 * the words written in capitals, "SEND" the acronym rather than "send" the verb. The index
 * keeps words in lower case, so the query matches as always and the shim's match decider
 * then keeps only the paragraphs whose stored text has each such word, with its case, as a
 * whole word (xap_run_options.case_words).
 */
#include <string.h>

#include "chars.h"
#include "filter.h"
#include "query-internal.h"

/* Length of "prefix:" at text[i] for a filter prefix (board:, date:, ...), else 0. */
static size_t
filter_prefix_len(const char *text)
{
    for (size_t p = 0; filter_prefix(p); p++) {
        size_t n = strlen(filter_prefix(p));
        if (strncmp(text, filter_prefix(p), n) == 0 && text[n] == ':')
            return n + 1;
    }
    return 0;
}

static int
is_word_byte(unsigned char c)
{
    return is_alnum(c) || c >= 0x80;
}

/* Whether the `len` bytes at `w` are a word in capitals: two or more ASCII letters and
 * digits, at least one a capital and none a small letter. */
static int
is_capitals(const char *w, size_t len)
{
    int upper = 0;
    if (len < 2)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0x80 || is_lower(c))
            return 0;
        upper |= is_upper(c);
    }
    return upper;
}

/* Xapian's operators, which are written in capitals but are no words. */
static int
is_operator(const char *w, size_t len)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strlen(ops[i]) == len && memcmp(ops[i], w, len) == 0)
            return 1;
    return 0;
}

static int
listed(const strlist *list, const char *w, size_t len)
{
    for (size_t i = 0; i < list->count; i++)
        if (strlen(list->items[i]) == len && memcmp(list->items[i], w, len) == 0)
            return 1;
    return 0;
}

/* The words in capitals of the text, into q->case_words: not the values of filter prefixes
 * (board:SEND is a board), not the operators, not words excluded by '-' or NOT (they exclude
 * in any case). With MINUTES_QUERY_FIXED nothing is syntax: every word in capitals counts. */
minutes_status
query_find_case_words(minutes_query *q)
{
    strlist_release(&q->case_words);
    if (!(q->flags & MINUTES_QUERY_MATCH_CASE))
        return MINUTES_OK;
    const char *text = q->text;
    int fixed = (q->flags & MINUTES_QUERY_FIXED) != 0, excluded = 0;
    size_t i = 0, n;
    while (text[i]) {
        int token_start = i == 0 || is_space(text[i - 1]) || text[i - 1] == '(';
        if (!fixed && token_start && (n = filter_prefix_len(text + i)) != 0) {
            i += n;
            const char *end = text[i] == '"' ? strchr(text + i + 1, '"') : NULL;
            if (end)
                i = (size_t)(end - text) + 1;
            while (text[i] && !is_space(text[i]))
                i++;
            excluded = 0;
            continue;
        }
        if (!is_word_byte((unsigned char)text[i])) {
            if (!fixed && text[i] == '-' && token_start)
                excluded = 1;
            i++;
            continue;
        }
        size_t start = i;
        while (is_word_byte((unsigned char)text[i]))
            i++;
        const char *w = text + start;
        size_t len = i - start;
        if (!fixed && is_operator(w, len)) {
            excluded = len == 3 && memcmp(w, "NOT", 3) == 0;
            continue;
        }
        if (!excluded && is_capitals(w, len) && !listed(&q->case_words, w, len) &&
            strlist_add(&q->case_words, w, len) != MINUTES_OK)
            return db_fail(q->db, MINUTES_NO_MEMORY, "out of memory");
        excluded = 0;
    }
    return MINUTES_OK;
}
