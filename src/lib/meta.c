/* meta.c - normalizers and vocabularies for meeting metadata (see meta.h): board ids, dates
 * as written in minutes, and minute numbers. The item-type table lives in itemtype.c. */
#include "meta.h"

#include <stdio.h>
#include <string.h>

#include "chars.h"
#include "normalize.h"

const char *const meta_item_types[] = {"apologies",
                                       "declarations",
                                       "minutes",
                                       "report",
                                       "work-programme",
                                       "outstanding-issues",
                                       "any-other-business",
                                       "public-questions",
                                       "petitions",
                                       "exempt",
                                       "motions",
                                       "decision",
                                       "other",
                                       NULL};

const char *const meta_doc_types[] = {
    "minutes", "agenda", "briefing-note", "report", "appendix", "agenda-item", "decision", NULL};

const char *const meta_para_kinds[] = {"text",       "heading",   "list-item", "resolution",
                                       "attendance", "table-row", NULL};

int
meta_in_vocabulary(const char *const *vocabulary, const char *word)
{
    if (!vocabulary || !word)
        return 0;
    for (; *vocabulary; vocabulary++)
        if (strcmp(*vocabulary, word) == 0)
            return 1;
    return 0;
}

/* ---- names ------------------------------------------------------------------------------ */

/* Bytes of an apostrophe at s: ' or U+2019 (or U+2018, which word processors also produce);
 * 0 if none. Apostrophes vanish from ids so that "Children's" and "Children’s" agree. */
static size_t
apostrophe_length(const unsigned char *s, size_t n)
{
    if (n >= 1 && s[0] == '\'')
        return 1;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99))
        return 3;
    return 0;
}

char *
meta_name_id(arena *a, const char *name, size_t len)
{
    if (!name)
        return NULL;
    /* Accents and typographic variants fold as in the text: "Ynys Môn" is "ynys-mon". */
    char *folded = arena_alloc(a, len + 1);
    if (!folded)
        return NULL;
    len = normalize_for_index(name, len, folded);
    /* Worst case: every byte an '&' giving "-and". */
    char *out = arena_alloc(a, len * 4 + 1);
    if (!out)
        return NULL;
    const unsigned char *s = (const unsigned char *)folded;
    size_t n = 0;
    int pending_dash = 0;
    for (size_t i = 0; i < len;) {
        size_t ap = apostrophe_length(s + i, len - i);
        if (ap) {
            i += ap;
            continue;
        }
        if (s[i] == '&' || is_alnum(s[i])) {
            if (pending_dash && n > 0)
                out[n++] = '-';
            pending_dash = 0;
            if (s[i] == '&') {
                memcpy(out + n, "and", 3);
                n += 3;
                pending_dash = 1;
            } else {
                out[n++] = (char)to_lower(s[i]);
            }
            i++;
            continue;
        }
        pending_dash = 1;
        i++;
    }
    if (n == 0)
        return NULL;
    out[n] = '\0';
    return out;
}

/* ---- dates ------------------------------------------------------------------------------ */

/* Years outside this range are page numbers, sums of money or typing slips, not meetings. */
#define YEAR_MIN 1800
#define YEAR_MAX 2199

static const char *const month_names[12] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

/* Whether the n bytes at s equal the lower-case word w, ignoring case. */
static int
word_equal(const unsigned char *s, size_t n, const char *w)
{
    if (strlen(w) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (to_lower(s[i]) != (unsigned char)w[i])
            return 0;
    return 1;
}

int
meta_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static int
valid_date(int year, int month, int day)
{
    return year >= YEAR_MIN && year <= YEAR_MAX && month >= 1 && month <= 12 && day >= 1 &&
           day <= meta_days_in_month(year, month);
}

/* Read 1..max digits at s[*i] into *value; returns the count read. */
static size_t
read_number(const unsigned char *s, size_t n, size_t *i, size_t max, int *value)
{
    size_t start = *i;
    int v = 0;
    while (*i < n && is_digit(s[*i]) && *i - start < max) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
    }
    *value = v;
    return *i - start;
}

static void
skip_spaces_commas(const unsigned char *s, size_t n, size_t *i, int allow_comma)
{
    while (*i < n) {
        if (s[*i] == ' ' || s[*i] == '\t' || (allow_comma && s[*i] == ','))
            (*i)++;
        else if (*i + 1 < n && s[*i] == 0xC2 && s[*i + 1] == 0xA0)
            *i += 2;
        else
            break;
    }
}

/* A month name at s[*i] - full, three letters or "Sept", optionally with a full stop -
 * followed by a non-letter: its number 1..12, else 0. */
static int
read_month(const unsigned char *s, size_t n, size_t *i)
{
    size_t start = *i, end = *i;
    while (end < n && is_alpha(s[end]))
        end++;
    size_t len = end - start;
    int month = 0;
    for (int m = 0; m < 12 && !month; m++) {
        size_t full = strlen(month_names[m]);
        if (len != full && len != 3)
            continue;
        size_t k = 0;
        while (k < len && to_lower(s[start + k]) == (unsigned char)month_names[m][k])
            k++;
        if (k == len)
            month = m + 1;
    }
    if (!month && word_equal(s + start, len, "sept"))
        month = 9;
    /* Welsh, in full: "12 Mawrth 2019", "6 Ionawr 2020". */
    static const char *const welsh[12] = {"ionawr", "chwefror", "mawrth", "ebrill",
                                          "mai",    "mehefin",  "gorffennaf", "awst",
                                          "medi",   "hydref",   "tachwedd", "rhagfyr"};
    for (int m = 0; m < 12 && !month; m++)
        if (word_equal(s + start, len, welsh[m]))
            month = m + 1;
    if (!month)
        return 0;
    *i = end;
    if (len < 5 && *i < n && s[*i] == '.')
        (*i)++;
    return month;
}

int
meta_month_name(const char *word, size_t n)
{
    size_t i = 0;
    int month = read_month((const unsigned char *)word, n, &i);
    return month && (i == n || (i + 1 == n && word[i] == '.')) ? month : 0;
}

/* A four-digit year at s[*i], not followed by another digit; 0 if none. */
static int
read_year(const unsigned char *s, size_t n, size_t *i)
{
    int year;
    size_t start = *i;
    if (read_number(s, n, i, 4, &year) != 4 || (*i < n && is_digit(s[*i]))) {
        *i = start;
        return 0;
    }
    return year;
}

/* "16th September, 2021", "29 June 2017", "3 rd July 2021", "13th of June 2018" starting at
 * s[i]. */
static int
date_day_month_year(const unsigned char *s, size_t n, size_t i, int *y, int *m, int *d)
{
    if (read_number(s, n, &i, 2, d) == 0 || (i < n && is_digit(s[i])))
        return 0;
    size_t after_day = i;
    skip_spaces_commas(s, n, &i, 0);
    /* English ordinals, and Welsh ones: "9fed Hydref", "1af", "2ail", "3ydd", "11eg". */
    static const char *const ordinals[] = {"st", "nd", "rd", "th", "fed", "af", "ail", "ydd",
                                           "edd", "eg", "ed"};
    for (size_t k = 0; k < sizeof ordinals / sizeof ordinals[0]; k++) {
        size_t len = strlen(ordinals[k]), j = 0;
        while (j < len && i + j < n && to_lower(s[i + j]) == (unsigned char)ordinals[k][j])
            j++;
        if (j == len && (i + len == n || !is_alpha(s[i + len]))) {
            i += len;
            break;
        }
    }
    if (i == after_day && i < n && s[i] != ' ')
        return 0; /* "16x": the day must end at a space or an ordinal */
    skip_spaces_commas(s, n, &i, 1);
    /* "13th of June 2018" */
    if (i + 3 <= n && to_lower(s[i]) == 'o' && to_lower(s[i + 1]) == 'f' && s[i + 2] == ' ') {
        i += 3;
        skip_spaces_commas(s, n, &i, 0);
    }
    if ((*m = read_month(s, n, &i)) == 0)
        return 0;
    skip_spaces_commas(s, n, &i, 1);
    return (*y = read_year(s, n, &i)) != 0;
}

/* "June 29, 2017" starting at s[i]. */
static int
date_month_day_year(const unsigned char *s, size_t n, size_t i, int *y, int *m, int *d)
{
    if ((*m = read_month(s, n, &i)) == 0)
        return 0;
    skip_spaces_commas(s, n, &i, 0);
    if (read_number(s, n, &i, 2, d) == 0 || (i < n && is_digit(s[i])))
        return 0;
    if (i + 2 <= n && is_alpha(s[i]) && is_alpha(s[i + 1]))
        i += 2; /* ordinal */
    if (i >= n || s[i] != ',')
        return 0;
    skip_spaces_commas(s, n, &i, 1);
    return (*y = read_year(s, n, &i)) != 0;
}

/* "29/06/2017", "3/6/20": UK order; a two-digit year is of this century up to 69. */
static int
date_numeric(const unsigned char *s, size_t n, size_t i, int *y, int *m, int *d)
{
    if (read_number(s, n, &i, 2, d) == 0 || i >= n || s[i] != '/')
        return 0;
    i++;
    if (read_number(s, n, &i, 2, m) == 0 || i >= n || s[i] != '/')
        return 0;
    i++;
    size_t start = i;
    if ((*y = read_year(s, n, &i)) != 0)
        return i >= n || s[i] != '/';
    i = start;
    if (read_number(s, n, &i, 2, y) != 2 || (i < n && (is_digit(s[i]) || s[i] == '/')))
        return 0;
    *y += *y < 70 ? 2000 : 1900;
    return 1;
}

/* "2017-06-29". */
static int
date_iso(const unsigned char *s, size_t n, size_t i, int *y, int *m, int *d)
{
    if (read_number(s, n, &i, 4, y) != 4 || i >= n || s[i] != '-')
        return 0;
    i++;
    if (read_number(s, n, &i, 2, m) != 2 || i >= n || s[i] != '-')
        return 0;
    i++;
    return read_number(s, n, &i, 2, d) == 2 && (i >= n || !is_digit(s[i]));
}

/* Write `width` decimal digits of value at out. */
static void
put_digits(char *out, int value, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

/* "YYYY-MM-DD" of a valid date. */
static void
write_date(char out[11], int y, int m, int d)
{
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
    out[10] = '\0';
}

int
meta_find_date(const char *text, size_t len, char out[11])
{
    if (!text)
        return 0;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len; i++) {
        /* Dates start at a word: not inside "A12" or "2017" or "Mayor". */
        if (i > 0 && is_alnum(s[i - 1]))
            continue;
        int y = 0, m = 0, d = 0;
        int found = 0;
        if (is_digit(s[i]))
            found = date_iso(s, len, i, &y, &m, &d) || date_numeric(s, len, i, &y, &m, &d) ||
                    date_day_month_year(s, len, i, &y, &m, &d);
        else if (is_alpha(s[i]))
            found = date_month_day_year(s, len, i, &y, &m, &d);
        if (found && valid_date(y, m, d)) {
            write_date(out, y, m, d);
            return 1;
        }
    }
    return 0;
}

/* ---- minute numbers --------------------------------------------------------------------- */

/* Councils whose minutes are numbered by a scheme of their own, not printed beside each
 * minute: the minute number is made from the item number and the meeting's date. An
 * invented number is worse than none, so a council not in this table gets numbers only
 * where its text prints them. To teach another council's scheme, add a line. */
typedef struct minute_scheme {
    const char *council_id; /* meta_name_id of the council's name */
    int municipal_year;     /* item / two-digit year in which the May-to-April year began */
} minute_scheme;

static const minute_scheme minute_schemes[] = {
    {"coventry-city-council", 1},
};

void
meta_minute_id(const char *minute, char *out, size_t size)
{
    const unsigned char *s = (const unsigned char *)minute;
    size_t n = strlen(minute), i = 0;
    int number, year;
    /* "04/21", "4/2021": the number without leading zeros, the year in two digits. */
    if (read_number(s, n, &i, 4, &number) > 0 && i < n && s[i] == '/') {
        size_t year_start = ++i;
        size_t digits = read_number(s, n, &i, 4, &year);
        if (i == n && (digits == 2 || digits == 4) && year_start < n) {
            snprintf(out, size, "%d/%02d", number, year % 100);
            return;
        }
    }
    /* Else as printed, upper case, without spaces: "CM 70/23" and "cm70/23" are one. */
    size_t k = 0;
    for (i = 0; i < n && k + 1 < size; i++)
        if (s[i] != ' ')
            out[k++] = (char)to_upper(s[i]);
    out[k] = '\0';
}

int
meta_numbers_minutes(const char *council_id)
{
    for (size_t i = 0; council_id && i < sizeof minute_schemes / sizeof minute_schemes[0]; i++)
        if (strcmp(minute_schemes[i].council_id, council_id) == 0)
            return minute_schemes[i].municipal_year;
    return 0;
}

/* Digits at s[*i], between min and max of them; advances *i. */
static int
skip_digits(const unsigned char *s, size_t n, size_t *i, size_t min, size_t max)
{
    size_t start = *i;
    while (*i < n && is_digit(s[*i]) && *i - start < max)
        (*i)++;
    return *i - start >= min && !(*i < n && is_digit(s[*i]));
}

size_t
meta_read_minute(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    /* "CM 70/23", "C048/23", "MH05/17.1", "PL 22/19": a short upper-case prefix... */
    while (i < n && i < 4 && is_upper(s[i]))
        i++;
    if (i > 0 && i < n && s[i] == ' ')
        i++;
    /* ...then NUMBER/YEAR, or (with no prefix) "60.3", a numbered paragraph of a minute. */
    size_t digits = i;
    if (!skip_digits(s, n, &i, 1, 4))
        return 0;
    if (i < n && s[i] == '/') {
        i++;
        if (!skip_digits(s, n, &i, 2, 4) || (i < n && s[i] == '/'))
            return 0;
    } else if (digits == 0 && i < n && s[i] == '.' && i <= 3 && s[0] != '0') {
        i++;
        if (!skip_digits(s, n, &i, 1, 2))
            return 0;
        return i < n && (s[i] == ' ' || s[i] == '\t') ? i : 0;
    } else {
        return 0;
    }
    if (i + 2 < n && s[i] == '.' && is_digit(s[i + 1])) {
        i++;
        skip_digits(s, n, &i, 1, 2);
    }
    return i == n || s[i] == ' ' || s[i] == '\t' || s[i] == ':' || s[i] == ')' ? i : 0;
}

char *
meta_minute_number(arena *a, const char *item_number, const char *date)
{
    if (!item_number || !date || !*item_number)
        return NULL;
    const unsigned char *s = (const unsigned char *)date;
    int y, m, d;
    size_t i = 0, n = strlen(date);
    if (n != 10 || !date_iso(s, n, i, &y, &m, &d) || !valid_date(y, m, d))
        return NULL;
    /* The municipal year runs from the annual meeting in May to the end of April. */
    int start_year = m >= 5 ? y : y - 1;
    size_t len = strlen(item_number) + 4;
    char *out = arena_alloc(a, len);
    if (!out)
        return NULL;
    snprintf(out, len, "%s/%02d", item_number, ((start_year % 100) + 100) % 100);
    return out;
}
