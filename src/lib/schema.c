/* schema.c - building a paragraph's terms and stored data, and reading the data back. */
#include "schema.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t
fnv1a64(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* prefix + path + suffix, with the path replaced by its hash when the term would be too long
 * for Xapian. */
static void
path_term(char *buf, const char *prefix, const char *path, const char *suffix)
{
    size_t plen = strlen(prefix), len = strlen(path), slen = strlen(suffix);
    char hashed[24];
    if (plen + len + slen >= SCHEMA_TERM_MAX) {
        snprintf(hashed, sizeof hashed, "#%016llx", (unsigned long long)fnv1a64(path));
        path = hashed;
        len = strlen(hashed);
    }
    memcpy(buf, prefix, plen);
    memcpy(buf + plen, path, len);
    memcpy(buf + plen + len, suffix, slen + 1);
}

void
schema_file_term(char *buf, const char *path)
{
    path_term(buf, SCHEMA_PREFIX_FILE, path, "");
}

void
schema_id_term(char *buf, const char *path, unsigned ordinal)
{
    char suffix[16];
    snprintf(suffix, sizeof suffix, "#%u", ordinal);
    path_term(buf, SCHEMA_PREFIX_ID, path, suffix);
}

int
schema_term(char *buf, const char *prefix, const char *value)
{
    int n = snprintf(buf, SCHEMA_TERM_MAX, "%s%s", prefix, value);
    return n > 0 && n < SCHEMA_TERM_MAX;
}

static int
set_string(json_t *obj, minutes_field field, const char *value)
{
    if (!value)
        return 0;
    return json_object_set_new(obj, minutes_field_name(field), json_string(value));
}

static int
set_number(json_t *obj, minutes_field field, json_int_t value)
{
    return json_object_set_new(obj, minutes_field_name(field), json_integer(value));
}

char *
schema_encode_data(const char *path, const paragraph *para)
{
    json_t *obj = json_object();
    if (!obj)
        return NULL;
    int bad = set_string(obj, MINUTES_FIELD_PATH, path);
    bad |= set_number(obj, MINUTES_FIELD_PARAGRAPH, para->ordinal);
    bad |= set_number(obj, MINUTES_FIELD_LINE, para->line_first);
    bad |= set_number(obj, MINUTES_FIELD_LINE_END, para->line_last);
    bad |= set_number(obj, MINUTES_FIELD_OFFSET, (json_int_t)para->offset);
    bad |= set_number(obj, MINUTES_FIELD_LENGTH, (json_int_t)para->length);
    bad |= set_string(obj, MINUTES_FIELD_ITEM_NUMBER, para->item_number);
    bad |= set_string(obj, MINUTES_FIELD_ITEM_TITLE, para->item_title);
    bad |= set_string(obj, MINUTES_FIELD_KIND, para_kind_name(para->kind));
    bad |= json_object_set_new(obj, minutes_field_name(MINUTES_FIELD_TEXT),
                               json_stringn(para->text, para->text_len));
    char *data = bad ? NULL : json_dumps(obj, JSON_COMPACT);
    json_decref(obj);
    return data;
}

static char *
value_text(json_t *value)
{
    char buf[32];
    if (json_is_string(value))
        return strdup(json_string_value(value));
    if (json_is_integer(value)) {
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        return strdup(buf);
    }
    return NULL;
}

minutes_status
schema_decode_data(const char *data, size_t len, char **values)
{
    json_error_t error;
    json_t *obj = json_loadb(data, len, 0, &error);
    if (!json_is_object(obj)) {
        json_decref(obj);
        return MINUTES_CORRUPT;
    }
    minutes_status st = MINUTES_OK;
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++) {
        json_t *value = json_object_get(obj, minutes_field_name((minutes_field)f));
        values[f] = NULL;
        if (value && !json_is_null(value) && !(values[f] = value_text(value)))
            st = MINUTES_NO_MEMORY;
    }
    json_decref(obj);
    return st;
}
