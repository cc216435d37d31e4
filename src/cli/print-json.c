/* print-json.c - JSON Lines output: one object per hit, keys as minutes_field_name(). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"

#define MAX_HIGHLIGHTS 64

typedef struct json_printer {
    printer base;
    json_t *hit;
} json_printer;

static void
json_begin(printer *p, const char *const *keys, size_t nkeys)
{
    (void)p, (void)keys, (void)nkeys;
}

static void
json_begin_hit(printer *p)
{
    json_printer *jp = (json_printer *)p;
    json_decref(jp->hit);
    jp->hit = json_object();
}

/* A snippet becomes its plain text plus "highlights": [[start, end], ...] byte offsets. */
static void
set_marked(json_t *hit, const char *key, const char *value)
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
    json_object_set_new(hit, key, json_string(plain));
    json_object_set_new(hit, "highlights", list);
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
        json_object_set_new(jp->hit, key, json_null());
        if (type == PRINT_MARKED)
            json_object_set_new(jp->hit, "highlights", json_array());
    } else if (type == PRINT_MARKED) {
        set_marked(jp->hit, key, value);
    } else if (type == PRINT_BOOLEAN) {
        json_object_set_new(jp->hit, key, json_boolean(strcmp(value, "true") == 0));
    } else if (type == PRINT_NUMBER) {
        json_object_set_new(jp->hit, key, number_value(value));
    } else {
        json_object_set_new(jp->hit, key, json_string(value));
    }
}

static void
json_end_hit(printer *p)
{
    json_printer *jp = (json_printer *)p;
    json_dumpf(jp->hit, p->out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    fputc('\n', p->out);
    json_decref(jp->hit);
    jp->hit = NULL;
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
        json_decref(jp->hit);
    free(jp);
}

static const printer_ops json_ops = {
    json_begin, json_begin_hit, json_field, json_end_hit, json_end, json_destroy,
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
