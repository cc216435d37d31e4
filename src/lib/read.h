/* read.h - reading a source document into memory as UTF-8 text, whatever its format.
 *
 * Every reader produces the same thing: the document's text as UTF-8 bytes that the
 * segmenter can split into paragraphs.
 *
 * Formats. Plain text (.txt, .text) and Markdown (.md, .markdown) are read as they are; HTML
 * (.html, .htm) is parsed with libxml2's HTML parser and turned into lines of text (see
 * read-html.c); PDF (.pdf) goes through poppler's pdftotext (see read-pdf.c). Any of them may
 * be gzip-compressed (NAME.txt.gz, ...). The extension only suggests the format: the content
 * decides - gzip's magic bytes, "%PDF-", an HTML document's first tags, else text - and
 * when the two disagree the source carries a warning such as "extension says PDF but content
 * is text: read as text".
 *
 * Encodings. UTF-8, with or without a byte order mark, is kept byte for byte, so that byte
 * offsets and line numbers point into the file. UTF-16 (LE or BE, with a byte order mark) is
 * converted to UTF-8; other text that is not valid UTF-8 is read as Windows-1252 and
 * converted, with the warning "not UTF-8: read as Windows-1252". For converted, decompressed,
 * HTML and PDF sources, offsets refer to the decoded text (line numbers still match the
 * file's for converted text, whose line breaks are kept). The text is then cleaned: control
 * characters other than tab, LF and CR become spaces, bytes that are not valid UTF-8 become
 * '?', one for one; a paginated source (PDF) keeps its form feeds, one at the end of each
 * page, and the segmenter numbers the pages by them.
 *
 * Limits. A file, and what it decompresses or converts to, may hold at most READ_MAX_BYTES;
 * pdftotext may run for MINUTES_PDFTOTEXT_TIMEOUT seconds (an environment variable, default
 * 30) before it is killed and the file skipped.
 */
#ifndef MINUTES_READ_H
#define MINUTES_READ_H

#include <stddef.h>

#include "minutes.h"

/* The most bytes a file, its decompressed content or its decoded text may have. */
#define READ_MAX_BYTES ((size_t)64 * 1024 * 1024)

/* The environment variable giving pdftotext's time limit in seconds (default 30). */
#define READ_PDFTOTEXT_TIMEOUT_ENV "MINUTES_PDFTOTEXT_TIMEOUT"
#define READ_PDFTOTEXT_TIMEOUT_DEFAULT 30.0

typedef enum source_format {
    SOURCE_TEXT,     /* .txt, .text */
    SOURCE_MARKDOWN, /* .md, .markdown */
    SOURCE_HTML,     /* .html, .htm */
    SOURCE_PDF       /* .pdf */
} source_format;

typedef struct source {
    char *text; /* malloc'd, NUL-terminated (the NUL is not counted in len) */
    size_t len;
    source_format format; /* what the content turned out to be */
    int paginated;        /* 1 when the text marks page ends with form feeds (PDF) */
    const char *warning;  /* a static one-line note on how the file was read, or NULL:
                           * "not UTF-8: read as Windows-1252", "extension says PDF but
                           * content is text: read as text", ... */
} source;

/* Whether `path` names a format we read, judged by its extension (case-insensitive): .txt
 * .text .md .markdown .html .htm .pdf, each also with ".gz" after it. If so and `format` is
 * not NULL, sets *format (the format of what is inside a .gz). A directory walk uses it to
 * pass over other files without reading them. */
int read_format_for_path(const char *path, source_format *format);

/* Read the file at `path`: its bytes (at most READ_MAX_BYTES), then read_decode(), with
 * pdftotext for a PDF. Returns MINUTES_OK and fills *out, which the caller empties with
 * source_release(); or MINUTES_UNREADABLE_FILE (it cannot be opened or read, or is a
 * directory), MINUTES_UNSUPPORTED_FILE or MINUTES_NO_MEMORY, with *reason set to a one-line
 * reason: lower case, no full stop, for system errors strerror's text. Reasons of
 * MINUTES_UNSUPPORTED_FILE:
 *
 *   unsupported file type          an extension we do not read
 *   binary file                    NUL bytes in what should be text
 *   empty file                     no bytes, or only white space once decoded
 *   file too large (70 MB; the limit is 64 MB), or ... when decompressed, ... as text
 *   file changed while being read
 *   corrupt gzip data, truncated gzip data
 *   pdftotext could not read it: damaged or encrypted PDF
 *   pdftotext timed out after 30 s
 *   pdftotext not installed (apt-get install poppler-utils)
 *   no text in the PDF (scanned pages need OCR first)
 *
 * A reason is a static string or lives in thread-local storage until this thread's next
 * call of a read_* function. */
minutes_status read_source(const char *path, source *out, const char **reason);

/* Everything read_source() does after getting the file's bytes, on `len` bytes in memory
 * (which are not modified): gunzip them if they are gzip, look at what they hold, decode
 * UTF-16 or Windows-1252, turn HTML into text, clean the text. `hint` is the format the
 * file's extension suggests. A PDF cannot be read from memory: it gives
 * MINUTES_UNSUPPORTED_FILE with the reason "PDF needs a file". Returns and sets *reason as
 * read_source() does. Safe on any bytes (a fuzzing entry point). */
minutes_status read_decode(const char *bytes, size_t len, source_format hint, source *out,
                           const char **reason);

/* Clean `len` bytes in place as described at the top of this file (form feeds become spaces
 * too). Exposed for tests and for readers that produce text by other means. */
void read_clean_utf8(char *text, size_t len);

/* Free the text and zero the struct; safe on a zeroed struct. */
void source_release(source *src);

/* For tests: make the size limit `max` bytes instead of READ_MAX_BYTES; 0 restores it. */
void read_set_max_bytes(size_t max);

#endif /* MINUTES_READ_H */
