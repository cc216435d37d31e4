/* body.c - the names of the bodies that meet: councils ("Coventry City Council", "Cyngor Sir
 * Penfro", "The Highland Council") and their boards, committees and panels ("Cabinet",
 * "Licensing Sub-Committee", "PENSION FUND COMMITTEE"). Whether a line or a name is one, a
 * board named in running text, and a name as written trimmed to the name itself.
 *
 * A council is told from a board because a council's own meeting has no board: "Westleigh
 * Parish Council" is the council, "Council" alone (ModernGov's full council) a board.
 */
#include "segment-internal.h"

#include <string.h>

/* ---- councils and boards ---------------------------------------------------------------- */

/* Whether a clean line is a council's name and nothing else: "Coventry City Council",
 * "Warwick District Council", "Council of the Isles of Scilly". A council named in passing
 * ("City Council guidelines") is not a header, and an e-mail domain such as coventry.gov.uk
 * is not taken to name a council: mapping domains to names would need a per-council table,
 * so documents that never write their council's name leave it unknown (a sidecar can give
 * it). */
int
body_is_council_name(const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0 || n > NAME_LINE_MAX)
        return 0;
    span w[12];
    size_t count = text_split_words(s, n, w, 12);
    if (count < 2 || count >= 12)
        return 0;
    for (size_t i = 0; i < count; i++) {
        int connector = (w[i].n == 2 && memcmp(w[i].s, "of", 2) == 0) ||
                        (w[i].n == 3 && memcmp(w[i].s, "and", 3) == 0) ||
                        (w[i].n == 3 && memcmp(w[i].s, "the", 3) == 0) ||
                        (w[i].n == 4 && memcmp(w[i].s, "upon", 4) == 0);
        if (!connector && !is_upper(w[i].s[0]))
            return 0;
    }
    if (w[0].n == 7 && memcmp(w[0].s, "Council", 7) == 0)
        return count >= 3 && w[1].n == 2 && memcmp(w[1].s, "of", 2) == 0;
    static const char *const kinds[] = {"City", "Borough", "County", "District", "Town", "Parish"};
    const span *last = &w[count - 1], *kind = &w[count - 2];
    if (last->n != 7 || memcmp(last->s, "Council", 7) != 0)
        return 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kind->n == strlen(kinds[i]) && memcmp(kind->s, kinds[i], kind->n) == 0)
            return count >= 3;
    return 0;
}

/* The words that end a body's name, capitalized ("Committee") or, with `capitals`, in
 * capitals ("COMMITTEE"). */
static int
is_kind(const char *s, size_t n, int capitals)
{
    static const char *const words[] = {"Board",     "Committee", "Sub-Committee", "Panel",
                                        "Commission", "Authority", "Forum",         "Group"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (n != strlen(words[i]) || !text_equals_ci(s, n, words[i]))
            continue;
        size_t k = 1;
        while (k < n && (capitals ? !is_lower(s[k]) : s[k] == words[i][k]))
            k++;
        if (k == n && s[0] == words[i][0])
            return 1;
    }
    return 0;
}

int
body_is_keyword(const char *s, size_t n)
{
    return is_kind(s, n, 0);
}

static int
is_connector(const span *w)
{
    static const char *const words[] = {"and", "&", "of", "for", "the", "on"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (w->n == strlen(words[i]) && memcmp(w->s, words[i], w->n) == 0)
            return 1;
    return 0;
}

/* A board named in running text - "The Education and Children's Services Scrutiny Board
 * (2) received ..." - as "Education and Children's Services Scrutiny Board (2)": capitalized
 * words (and "and", "of", ...) before "Board", "Committee" or "Panel", and a "(2)" after.
 * In running text three words at least, so that "the Scrutiny Board" does not pass for a
 * name; a line of its own may be shorter ("Audit Committee"). */
int
body_find_board_mention(const char *s, size_t n, size_t min_words, span *out)
{
    enum { WORDS_MAX = 128 };
    span w[WORDS_MAX];
    size_t count = text_split_words(s, n, w, WORDS_MAX);
    for (size_t i = 0; i < count; i++) {
        size_t wn = w[i].n;
        while (wn > 0 && strchr(",.;:", w[i].s[wn - 1]))
            wn--;
        if (!body_is_keyword(w[i].s, wn))
            continue;
        size_t j = i;
        while (j > 0) {
            const span *prev = &w[j - 1];
            if (strchr(",.;:", prev->s[prev->n - 1]))
                break;
            if (!is_connector(prev) && !is_upper(prev->s[0]))
                break;
            j--;
        }
        while (j < i && (is_connector(&w[j]) || (w[j].n == 3 && memcmp(w[j].s, "The", 3) == 0)))
            j++;
        if (i - j + 1 < min_words)
            continue;
        const char *end = w[i].s + wn;
        if (wn == w[i].n && i + 1 < count && w[i + 1].s[0] == '(') {
            const char *close = memchr(w[i + 1].s, ')', w[i + 1].n);
            if (close && close - w[i + 1].s <= 4)
                end = close + 1;
        }
        out->s = w[j].s;
        out->n = (size_t)(end - w[j].s);
        return 1;
    }
    return 0;
}

/* The boards whose name is one word, on a line of their own. */
int
body_is_one_word_board(const char *s, size_t n)
{
    return text_equals_ci(s, n, "Cabinet") || text_equals_ci(s, n, "Executive") ||
           text_equals_ci(s, n, "Council") || text_equals_ci(s, n, "Assembly");
}

/* Whether a name, whole, is a body's: "Cabinet", "Licensing Sub-Committee", and in capitals
 * "PENSION FUND COMMITTEE" (but not a line about one: "REPORT TO PLANNING COMMITTEE"). */
int
body_is_name(const char *s, size_t n)
{
    span named;
    if (body_is_one_word_board(s, n) ||
        (body_find_board_mention(s, n, 1, &named) && named.s == s && named.n == n))
        return 1;
    /* In capitals: words of capital letters ('&', '-', '\'' aside), the last a body's kind,
     * and none that makes the line about a body rather than its name. */
    static const char *const not_names[] = {"TO", "REPORT", "MINUTES", "MINUTE", "AGENDA",
                                            "NOTICE", "MEETING"};
    span w[12];
    size_t count = n <= NAME_LINE_MAX ? text_split_words(s, n, w, 12) : 0;
    if (count < 2 || count >= 12 || !is_kind(w[count - 1].s, w[count - 1].n, 1) ||
        text_equals_ci(w[0].s, w[0].n, "OF"))
        return 0;
    for (size_t i = 0; i < count; i++) {
        for (size_t k = 0; k < sizeof not_names / sizeof not_names[0]; k++)
            if (text_equals_ci(w[i].s, w[i].n, not_names[k]))
                return 0;
        for (size_t k = 0; k < w[i].n; k++)
            if (!is_upper(w[i].s[k]) && !strchr("&-'", w[i].s[k]))
                return 0;
    }
    return 1;
}

/* ---- a name as written ------------------------------------------------------------------ */

/* Trim a board's name as written to the name itself: a leading "the", a trailing
 * " - Expired 13/07/20" or " (Item 4)", an acronym in brackets "(OSC)", a trailing
 * "Meeting", and punctuation. */
void
body_clean_name(span *b)
{
    text_trim_span(b);
    for (int again = 1; again && b->n;) {
        again = 0;
        if (b->n > 4 && text_starts_with_ci(b->s, b->n, "the ")) {
            b->s += 4;
            b->n -= 4;
            again = 1;
        }
        const char *dash = text_find_ci(b->s, b->n, " - ");
        if (!dash)
            dash = text_find_ci(b->s, b->n, " \xE2\x80\x93 ");
        if (dash && dash > b->s) {
            b->n = (size_t)(dash - b->s);
            again = 1;
        }
        while (b->n && strchr(" ,.;:", b->s[b->n - 1])) {
            b->n--;
            again = 1;
        }
        /* "Council Meeting, Monday, 2 March 2020": the body is "Council". */
        if (b->n > 8 && text_equals_ci(b->s + b->n - 8, 8, " Meeting")) {
            b->n -= 8;
            again = 1;
        }
        if (b->n > 3 && b->s[b->n - 1] == ')') {
            const char *open = NULL;
            for (size_t i = b->n; i-- > 0;)
                if (b->s[i] == '(') {
                    open = b->s + i;
                    break;
                }
            /* "(2)" numbers a board; "(OSC)" or "(Item 4)" does not name it. */
            int digits = open && b->s + b->n - open <= 4;
            for (const char *p = open ? open + 1 : NULL; digits && p < b->s + b->n - 1; p++)
                digits = is_digit(*p);
            if (open && open > b->s && !digits) {
                b->n = (size_t)(open - b->s);
                again = 1;
            }
        }
        text_trim_span(b);
    }
}

/* Whether a name is a council's own ("Westleigh Parish Council", "Parish Council"): the
 * council meeting as a whole, whose board is not another body. "Council" alone, as
 * ModernGov names a full council meeting, is a board. */
int
body_is_council(const char *s, size_t n)
{
    static const char *const kinds[] = {"parish council", "town council", "city council",
                                        "county council", "borough council", "district council",
                                        "community council", "cyngor cymuned"};
    /* Welsh names put the kind first: "Cyngor Sir Penfro", "Cyngor Bwrdeistref Sirol ..." */
    static const char *const welsh[] = {"Cyngor Sir ", "Cyngor Bwrdeistref Sirol ",
                                        "Cyngor Dinas ", "Cyngor Tref ", "Cyngor Cymuned "};
    for (size_t i = 0; i < sizeof welsh / sizeof welsh[0]; i++)
        if (n > strlen(welsh[i]) && text_starts_with_ci(s, n, welsh[i]))
            return 1;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t k = strlen(kinds[i]);
        if (n >= k && text_equals_ci(s + n - k, k, kinds[i]) &&
            (n == k || s[n - k - 1] == ' '))
            return 1;
    }
    return body_is_council_name(s, n);
}

/* Whether a name is a council's by its form: "Moray Council", "The Highland Council" - a
 * place's capitalized name before "Council" - but not "Full Council" or "Youth Council",
 * which name a meeting or a body of the council. */
int
body_is_named_council(const char *s, size_t n)
{
    static const char *const not_places[] = {"full", "special", "extraordinary", "annual",
                                             "youth", "ordinary", "executive", "joint",
                                             "area", "local", "shadow", "schools", "the"};
    span w[12];
    size_t count = text_split_words(s, n, w, 12);
    if (count < 2 || count >= 12 || !text_equals_ci(w[count - 1].s, w[count - 1].n, "Council") ||
        !is_upper(w[count - 2].s[0]))
        return 0;
    for (size_t i = 0; i < sizeof not_places / sizeof not_places[0]; i++)
        if (text_equals_ci(w[count - 2].s, w[count - 2].n, not_places[i]))
            return 0;
    for (size_t i = 0; i + 1 < count; i++)
        if (!is_upper(w[i].s[0]) && !text_equals_ci(w[i].s, w[i].n, "and") &&
            !text_equals_ci(w[i].s, w[i].n, "of") && !text_equals_ci(w[i].s, w[i].n, "upon"))
            return 0;
    return 1;
}
