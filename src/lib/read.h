/* read.h - reading a source document into memory as UTF-8 text, whatever its format.
 *
 * Every reader produces the same thing: the document's text as UTF-8 bytes that the
 * segmenter can split. For plain text and Markdown that is the file's own bytes, cleaned
 * in place so that byte offsets and line numbers still point into the file: control
 * characters other than tab, LF and CR become spaces, and bytes that are not valid UTF-8
 * become '?'. A UTF-8 byte order mark and CRLF line ends are left for the segmenter, which
 * tolerates both.
 */
#ifndef MINUTES_READ_H
#define MINUTES_READ_H

#include <stddef.h>

#include "minutes.h"

typedef enum source_format {
    SOURCE_TEXT,    /* .txt, .text */
    SOURCE_MARKDOWN /* .md, .markdown */
} source_format;

typedef struct source {
    char *text; /* malloc'd, NUL-terminated (the NUL is not counted in len) */
    size_t len;
    source_format format;
} source;

/* Whether `path` names a format we read, judged by its extension (case-insensitive); if so
 * and `format` is not NULL, sets *format. A directory walk uses it to pass over other files
 * without reading them. */
int read_format_for_path(const char *path, source_format *format);

/* Read the file at `path`. Returns MINUTES_OK and fills *out, which the caller empties with
 * source_release(); or MINUTES_UNREADABLE_FILE (cannot open or read it, or it is a
 * directory), MINUTES_UNSUPPORTED_FILE (an extension we do not read, or binary content:
 * a NUL byte), MINUTES_NO_MEMORY; then *reason is set to a static one-line reason such as
 * "unsupported file type" or, for system errors, strerror's text. */
minutes_status read_source(const char *path, source *out, const char **reason);

/* Clean `len` bytes in place as described at the top of this file. Exposed for tests and
 * for readers that produce text by other means. */
void read_clean_utf8(char *text, size_t len);

/* Free the text and zero the struct; safe on a zeroed struct. */
void source_release(source *src);

#endif /* MINUTES_READ_H */
