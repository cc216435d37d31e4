/* read-internal.h - what the files of the reader share. Not part of the library's interface.
 *
 *   read.c             the driver: formats by extension, a file's bytes, what they hold
 *   read-charset.c     UTF-8 checking and cleaning; UTF-16 and Windows-1252 to UTF-8 (iconv)
 *   read-gzip.c        gzip-compressed bytes, inflated in memory with a size limit (zlib)
 *   read-html.c        an HTML document parsed (libxml2) into a list of events
 *   read-html-lines.c  those events written out as lines of text (read-html.h: what the two
 *                      share)
 *   read-pdf.c         a PDF file to text with pdftotext, under a time and size limit
 *   read-reason.c      the size limit, and the reasons a file is not read that all of them give
 *
 * read.c calls the format readers, and they call down only: to read-reason.c, to the byte
 * buffer their output grows in (bytebuf.h), and read-html.c to read-html-lines.c.
 *
 * Each function that can fail returns a minutes_status and sets *reason (see read.h); what it
 * allocates with malloc is the caller's to free.
 */
#ifndef MINUTES_READ_INTERNAL_H
#define MINUTES_READ_INTERNAL_H

#include <stddef.h>

#include "read.h"

/* ---- read-charset.c --------------------------------------------------------------------- */

/* Whether `len` bytes are wholly valid UTF-8. */
int read_is_utf8(const char *text, size_t len);

/* read_clean_utf8(), keeping form feeds when `keep_form_feeds` is set. */
void read_clean_text(char *text, size_t len, int keep_form_feeds);

/* Convert `len` bytes from the iconv encoding `from` to UTF-8 into a new NUL-terminated
 * buffer. A sequence that cannot be converted becomes '?' and `unit` bytes of input are
 * passed over (1 for Windows-1252, 2 for UTF-16). Fails with "file too large when decoded
 * (...)" past the size limit. */
minutes_status read_convert(const char *from, const char *in, size_t len, size_t unit, char **out,
                            size_t *out_len, const char **reason);

/* ---- read-gzip.c ------------------------------------------------------------------------ */

/* Whether the bytes start with gzip's magic number, 1f 8b. */
int read_is_gzip(const char *bytes, size_t len);

/* Inflate gzip data (one member or several in a row) into a new NUL-terminated buffer of at
 * most read_max_bytes(). Fails with "corrupt gzip data", "truncated gzip data" or "file too
 * large when decompressed (...)". */
minutes_status read_gunzip(const char *in, size_t len, char **out, size_t *out_len,
                           const char **reason);

/* ---- read-html.c ------------------------------------------------------------------------ */

/* Whether the text looks like an HTML document: it starts (after spaces and a byte order
 * mark) with "<!DOCTYPE html" or "<html"; or, unless `strict`, with '<' and its first 1 KB
 * holds a common tag such as <head>, <body>, <p> or <div>. Case-insensitive. */
int read_looks_like_html(const char *text, size_t len, int strict);

/* The text of an HTML document, as lines the segmenter understands (see read-html.c), in a
 * new NUL-terminated buffer. `encoding` is NULL to let the document say (its byte order
 * mark or <meta charset>), else the encoding to read it in ("UTF-8", "windows-1252").
 * *warning is NULL, or a static note that some of the text could not be read. */
minutes_status read_html_to_text(const char *html, size_t len, const char *encoding, char **out,
                                 size_t *out_len, const char **warning, const char **reason);

/* ---- read-pdf.c ------------------------------------------------------------------------- */

/* The text pdftotext makes of the PDF at `path`, form feeds ending pages, in a new
 * NUL-terminated buffer. Fails with "pdftotext not installed (...)", "pdftotext timed out
 * after N s", "pdftotext could not read it: ...", or "file too large as text (...)". */
minutes_status read_pdftotext(const char *path, char **out, size_t *out_len, const char **reason);

/* ---- read-reason.c ---------------------------------------------------------------------- */

/* The size limit in force: READ_MAX_BYTES unless a test has set another. */
size_t read_max_bytes(void);

/* "file too large (70 MB; the limit is 64 MB)" for a file of `size` bytes; with `what`
 * ("when decompressed"), "file too large when decompressed (the limit is 64 MB)". The
 * string lives in thread-local storage until the next call. */
const char *read_reason_too_large(size_t size, const char *what);

/* A reason made with printf's format, in the same thread-local storage. */
const char *read_reason_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif /* MINUTES_READ_INTERNAL_H */
