/* schema.h - how a paragraph is laid out in the index: its terms and its stored data.
 *
 * The full schema (prefixes, value slots, data) is written down at the top of xap.cc; this
 * header is the C side that builds it. Terms naming files embed the file's canonical path;
 * Xapian limits a term to 245 bytes, so a path that would make a longer term is replaced by
 * '#' and a 64-bit FNV-1a hash of it in hex.
 */
#ifndef MINUTES_SCHEMA_H
#define MINUTES_SCHEMA_H

#include <stddef.h>

#include "minutes.h"
#include "segment.h"

#define SCHEMA_PREFIX_ID "Q"           /* unique id: path '#' ordinal */
#define SCHEMA_PREFIX_FILE "P"         /* every paragraph of a file: path */
#define SCHEMA_PREFIX_ITEM_NUMBER "XI" /* agenda item number as written */

/* Longest term schema functions build, including the NUL. */
#define SCHEMA_TERM_MAX 246

/* The index format version, kept in the index's metadata under SCHEMA_VERSION_KEY. An index
 * written with another version is refused rather than misread. */
#define SCHEMA_VERSION_KEY "minutes:schema"
#define SCHEMA_VERSION "1"

/* The file term of `path` into buf (SCHEMA_TERM_MAX bytes). */
void schema_file_term(char *buf, const char *path);

/* The unique id term of paragraph `ordinal` of `path` into buf (SCHEMA_TERM_MAX bytes). */
void schema_id_term(char *buf, const char *path, unsigned ordinal);

/* `prefix` + `value` into buf (SCHEMA_TERM_MAX bytes); 0 if it does not fit. */
int schema_term(char *buf, const char *prefix, const char *value);

/* The stored data of a paragraph of `path`: a JSON object whose keys are the field names of
 * minutes.h (fields that are unknown are left out). Returns a malloc'd string, or NULL when
 * out of memory. */
char *schema_encode_data(const char *path, const paragraph *para);

/* Parse stored data into values[MINUTES_FIELD_COUNT_]: each a malloc'd string or NULL.
 * Returns MINUTES_OK, MINUTES_CORRUPT (not a JSON object) or MINUTES_NO_MEMORY. */
minutes_status schema_decode_data(const char *data, size_t len, char **values);

#endif /* MINUTES_SCHEMA_H */
