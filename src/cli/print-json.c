/* print-json.c - JSON Lines output: one object per record, keys as the command names them; or
 * the same records gathered into an array, for a JSON document of the caller's (the server's).
 * Numbers that are not whole (scores) are written with at most 10 significant digits, so that
 * a score rounded to 4 decimals prints as 3.3094, not 3.3094000000000001. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"

#define MAX_HIGHLIGHTS 64

typedef struct json_printer {
    printer base;
    json_t *record;  /* the object being filled */
    json_t *records; /* collecting: the array each record is appended to; NULL when writing */
} json_printer;

static void
json_begin(printer *p, print_kind kind, const char *const *keys, size_t nkeys)
{
    (void)p, (void)kind, (void)keys, (void)nkeys;
}

static void
json_begin_record(printer *p)
{
    json_printer *jp = (json_printer *)p;
    json_decref(jp->record);
    jp->record = json_object();
}

/* The length of the valid UTF-8 sequence at s, or 0 if none starts there. */
static size_t
utf8_sequence(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 2;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        n = 3;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        n = 4;
    else
        return 0;
    /* The second byte's range rules out overlong forms, surrogates and code points past
     * U+10FFFF. */
    unsigned char lo = s[0] == 0xe0 ? 0xa0 : s[0] == 0xf0 ? 0x90 : 0x80;
    unsigned char hi = s[0] == 0xed ? 0x9f : s[0] == 0xf4 ? 0x8f : 0xbf;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    return n;
}

/* A JSON string of s. JSON text is UTF-8, and a value that is not - a file name in another
 * encoding - would be no string at all: each byte of it that is not part of valid UTF-8
 * becomes U+FFFD. */
static json_t *
json_text(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    char *fixed = malloc(strlen(s) * 3 + 1), *out = fixed;
    if (!fixed)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = utf8_sequence(p);
        if (n) {
            memcpy(out, p, n);
            out += n;
            p += n;
        } else {
            memcpy(out, "\xef\xbf\xbd", 3);
            out += 3;
            p++;
        }
    }
    *out = '\0';
    j = json_string(fixed);
    free(fixed);
    return j;
}

/* A snippet becomes its plain text plus "highlights": [[start, end], ...] byte offsets. */
static void
set_marked(json_t *record, const char *key, const char *value)
{
    char *plain = malloc(strlen(value) + 1);
    size_t spans[MAX_HIGHLIGHTS][2];
    if (!plain)
        return;
    size_t n = print_strip_marks(value, plain, spans, MAX_HIGHLIGHTS);
    json_t *list = json_array();
    for (size_t i = 0; i < n && i < MAX_HIGHLIGHTS; i++)
        json_array_append_new(list,
                              json_pack("[II]", (json_int_t)spans[i][0], (json_int_t)spans[i][1]));
    json_object_set_new(record, key, json_text(plain));
    json_object_set_new(record, "highlights", list);
    free(plain);
}

static json_t *
number_value(const char *value)
{
    char *end;
    long long i = strtoll(value, &end, 10);
    if (*end == '\0')
        return json_integer(i);
    return json_real(strtod(value, NULL));
}

static void
json_field(printer *p, const char *key, const char *value, print_type type)
{
    json_printer *jp = (json_printer *)p;
    if (!value) {
        json_object_set_new(jp->record, key, json_null());
        if (type == PRINT_MARKED)
            json_object_set_new(jp->record, "highlights", json_array());
    } else if (type == PRINT_MARKED) {
        set_marked(jp->record, key, value);
    } else if (type == PRINT_BOOLEAN) {
        json_object_set_new(jp->record, key, json_boolean(strcmp(value, "true") == 0));
    } else if (type == PRINT_NUMBER) {
        json_object_set_new(jp->record, key, number_value(value));
    } else {
        json_object_set_new(jp->record, key, json_text(value));
    }
}

static void
json_list(printer *p, const char *key, const char *const *items, size_t n)
{
    json_printer *jp = (json_printer *)p;
    json_t *array = json_array();
    for (size_t i = 0; array && i < n; i++)
        json_array_append_new(array, json_text(items[i]));
    json_object_set_new(jp->record, key, array);
}

/* jansson escapes C0 controls but writes DEL and the C1 controls (U+0080 to U+009F, in UTF-8
 * C2 80 to C2 9F) as they are, and a terminal may act on them: they are escaped too. JSON's
 * own syntax is ASCII, so such bytes are only ever inside strings. */
typedef struct json_sink {
    FILE *out;
    int after_c2; /* the last byte written was a held-back C2 */
} json_sink;

static int
write_escaping_c1(const char *buf, size_t n, void *data)
{
    json_sink *sink = data;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (sink->after_c2) {
            sink->after_c2 = 0;
            if (c >= 0x80 && c <= 0x9F) {
                fprintf(sink->out, "\\u%04x", c);
                continue;
            }
            fputc(0xC2, sink->out);
        }
        if (c == 0xC2)
            sink->after_c2 = 1;
        else if (c == 0x7F)
            fputs("\\u007f", sink->out);
        else
            fputc(c, sink->out);
    }
    return 0;
}

int
print_json_dump(FILE *out, const struct json_t *value)
{
    json_sink sink = {out, 0};
    int failed = json_dump_callback(value, write_escaping_c1, &sink,
                                    JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    if (sink.after_c2)
        fputc(0xC2, out);
    return failed ? -1 : 0;
}

static void
json_end_record(printer *p)
{
    json_printer *jp = (json_printer *)p;
    if (jp->records) {
        json_array_append(jp->records, jp->record);
    } else {
        print_json_dump(p->out, jp->record);
        fputc('\n', p->out);
    }
    json_decref(jp->record);
    jp->record = NULL;
}

static void
json_end(printer *p)
{
    (void)p;
}

static void
json_destroy(printer *p)
{
    json_printer *jp = (json_printer *)p;
    if (jp)
        json_decref(jp->record);
    free(jp);
}

static const printer_ops json_ops = {
    json_begin, json_begin_record, json_field, json_list, json_end_record, json_end, json_destroy,
};

printer *
print_json_create(FILE *out)
{
    json_printer *jp = calloc(1, sizeof *jp);
    if (!jp)
        return NULL;
    jp->base = (printer){&json_ops, out, 0};
    return &jp->base;
}

printer *
print_json_collect(struct json_t *records)
{
    json_printer *jp = calloc(1, sizeof *jp);
    if (!jp)
        return NULL;
    jp->base = (printer){&json_ops, NULL, 0};
    jp->records = records;
    return &jp->base;
}
