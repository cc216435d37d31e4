/* heading.c - what makes a line a heading or a list entry: list markers ("- ", "1. ", "(a) "),
 * agenda-item headings ("3. Ofsted Report", ModernGov's bare "6."), an item's parts ("(a)
 * Matters Arising"), "Public Business", and the noise publishing systems append to titles.
 *
 * They read a line's clean text (see text_clean_line) and emit nothing themselves.
 */
#include "segment-internal.h"

#include <string.h>

/* ---- list entries ----------------------------------------------------------------------- */

static int
is_roman(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != 'i' && s[i] != 'v' && s[i] != 'x')
            return 0;
    return n > 0 && n <= 4;
}

/* If the clean line starts a list entry, the number of bytes of its bullet (which the
 * paragraph text drops) - 0 for a number or letter, which the text keeps - else -1.
 * Bullets: "- ", "* ", "+ ", "• ", "· ", "▪ ", "◦ "; numbers: "1. ", "1) ", "(1) ";
 * letters: "a) ", "(a) ", "iv) ", "(iv) ". */
int
heading_list_marker(const char *s, size_t n)
{
    static const char *const bullets[] = {
        "-", "*", "+", "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA", "\xE2\x97\xA6"};
    for (size_t i = 0; i < sizeof bullets / sizeof bullets[0]; i++) {
        size_t b = strlen(bullets[i]);
        if (n > b && memcmp(s, bullets[i], b) == 0 && s[b] == ' ')
            return (int)b + 1;
    }

    size_t i = 0;
    int bracketed = n > 0 && s[0] == '(';
    if (bracketed)
        i++;
    size_t first = i;
    while (i < n && is_digit(s[i]) && i - first < ITEM_NUMBER_DIGITS_MAX)
        i++;
    if (i > first) {
        if (i + 1 < n && (s[i] == ')' || (s[i] == '.' && !bracketed)) && s[i + 1] == ' ')
            return 0;
        return -1;
    }
    while (i < n && is_lower(s[i]) && i - first < 4)
        i++;
    size_t letters = i - first;
    if ((letters == 1 || is_roman(s + first, letters)) && i + 1 < n && s[i] == ')' &&
        s[i + 1] == ' ')
        return 0;
    return -1;
}

/* ---- headings --------------------------------------------------------------------------- */

static int
ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static void
trim_trailing_spaces(const char *s, size_t *n)
{
    while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
        (*n)--;
}

/* Drop what publishing systems append to item titles: ModernGov's "pdf icon PDF 312 KB"
 * link text and agenda packs' "(Pages 3 - 6)". */
void
heading_strip_title_noise(const char *s, size_t *n)
{
    for (int again = 1; again;) {
        again = 0;
        trim_trailing_spaces(s, n);
        if (*n > 0 && s[*n - 1] == ')') {
            const char *open = NULL;
            for (size_t i = *n; i-- > 0;)
                if (s[i] == '(') {
                    open = s + i;
                    break;
                }
            if (open && (size_t)(s + *n - open) > 6 && memcmp(open, "(Page", 5) == 0) {
                *n = (size_t)(open - s);
                again = 1;
                continue;
            }
        }
        if (ends_with(s, *n, " KB") || ends_with(s, *n, " MB")) {
            size_t m = *n - 3;
            while (m > 0 && (is_digit(s[m - 1]) || s[m - 1] == '.'))
                m--;
            if (m < *n - 3 && ends_with(s, m, "pdf icon PDF ")) {
                *n = m - strlen("pdf icon PDF ");
                again = 1;
            }
        }
    }
}

/* Whether a clean line is only a page reference such as "(Pages 7 - 36)". */
int
heading_is_page_reference(const char *s, size_t n)
{
    size_t m = n;
    heading_strip_title_noise(s, &m);
    return m == 0 && n > 0;
}

/* Whether `s` can be an item title: short, starting like a title, not a sentence. */
int
heading_is_title(const char *s, size_t n)
{
    if (n == 0 || n > HEADING_TITLE_MAX)
        return 0;
    unsigned char c = (unsigned char)s[0];
    int starts_ok = is_upper(c) || is_digit(c) || c == '\'' || c == '"' || c >= 0x80;
    if (!starts_ok)
        return 0;
    char last = s[n - 1];
    return last != '.' && last != ',' && last != ';';
}

/* If the clean line is "N. Title", set the number and title spans and return 1. */
int
heading_parse(const char *s, size_t n, const char **num, size_t *num_len, const char **title,
              size_t *title_len)
{
    size_t i = 0;
    while (i < n && is_digit(s[i]) && i < ITEM_NUMBER_DIGITS_MAX + 1)
        i++;
    if (i == 0 || i > ITEM_NUMBER_DIGITS_MAX || i + 2 > n || s[i] != '.' || s[i + 1] != ' ')
        return 0;
    const char *t = s + i + 2;
    size_t tn = n - i - 2;
    heading_strip_title_noise(t, &tn);
    if (!heading_is_title(t, tn))
        return 0;
    *num = s;
    *num_len = i;
    *title = t;
    *title_len = tn;
    return 1;
}

/* Whether the clean line is only an item number, "6." or "1a" - ModernGov puts the title in
 * the next block. (A bare "6" is not: it may be a page's number.) */
int
heading_is_bare_number(const char *s, size_t n, size_t *num_len)
{
    size_t digits = 0;
    while (digits < n && is_digit(s[digits]))
        digits++;
    if (digits == 0 || digits > ITEM_NUMBER_DIGITS_MAX)
        return 0;
    size_t k = digits;
    if (k < n && is_lower(s[k]))
        k++; /* "1a" */
    if (k < n && s[k] == '.' && k + 1 == n) {
        *num_len = k;
        return 1;
    }
    if (k == n && k > digits) {
        *num_len = k;
        return 1;
    }
    return 0;
}

/* "Public Business" and its kin divide an agenda: a heading that ends the item before it. */
int
heading_is_business(const char *s, size_t n)
{
    return text_equals_ci(s, n, "Public Business") || text_equals_ci(s, n, "Private Business") ||
           text_equals_ci(s, n, "Exempt Business");
}

/* ---- parts of an item ------------------------------------------------------------------- */

/* Whether the n bytes at s look like a title in title case: its longer words capitalized. */
int
heading_is_title_case(const char *s, size_t n)
{
    span w[32];
    size_t count = text_split_words(s, n, w, 32);
    for (size_t i = 0; i < count; i++)
        if (w[i].n >= 4 && is_lower(w[i].s[0]))
            return 0;
    return count > 0;
}

/* Whether a raw line holds Markdown bold. */
static int
is_bold(const char *raw, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (raw[i] == '*' && raw[i + 1] == '*')
            return 1;
    return 0;
}

/* A part of an agenda item such as "(a) Children & Young People's Plan - Priorities" or
 * "b) Matters Arising" on a line of its own: a heading within the item, not a new item. */
int
heading_is_part(const char *s, size_t n, const char *raw, size_t raw_len)
{
    if (heading_list_marker(s, n) != 0)
        return 0;
    size_t i = s[0] == '(' ? 1 : 0;
    if (i >= n || !is_lower(s[i]))
        return 0;
    const char *close = memchr(s, ')', n);
    if (!close || (size_t)(close - s) + 2 > n)
        return 0;
    const char *title = close + 2;
    size_t tn = n - (size_t)(title - s);
    return heading_is_title(title, tn) &&
           (heading_is_title_case(title, tn) || is_bold(raw, raw_len));
}
