/* read.c - reading a document into memory as clean UTF-8 text: the driver.
 *
 * read_source() gets a file's bytes, bounded in size and checked for changing underneath,
 * and hands them to read_decode(), which looks at what they hold rather than trusting the
 * extension: gzip (inflated, then looked at again), PDF (pdftotext, which needs a file), HTML
 * (libxml2), else text in UTF-8, UTF-16 or Windows-1252. See read.h for the contract and
 * read-internal.h for the files that do each part.
 */
#include "read-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- formats by extension --------------------------------------------------------------- */

static const struct {
    const char *extension;
    source_format format;
} read_extensions[] = {
    {".txt", SOURCE_TEXT},          {".text", SOURCE_TEXT}, {".md", SOURCE_MARKDOWN},
    {".markdown", SOURCE_MARKDOWN}, {".html", SOURCE_HTML}, {".htm", SOURCE_HTML},
    {".pdf", SOURCE_PDF},
};

int
read_format_for_path(const char *path, source_format *format)
{
    size_t path_len = strlen(path);
    /* NAME.txt.gz is a NAME.txt, compressed. */
    if (path_len > 3 && strcasecmp(path + path_len - 3, ".gz") == 0)
        path_len -= 3;
    /* The extension must follow a name: ".txt" alone, or "dir/.txt", is not a document. */
    for (size_t i = 0; i < sizeof read_extensions / sizeof read_extensions[0]; i++) {
        const char *ext = read_extensions[i].extension;
        size_t ext_len = strlen(ext);
        if (path_len > ext_len && strncasecmp(path + path_len - ext_len, ext, ext_len) == 0 &&
            path[path_len - ext_len - 1] != '/') {
            if (format)
                *format = read_extensions[i].format;
            return 1;
        }
    }
    return 0;
}

/* ---- what the bytes hold ---------------------------------------------------------------- */

static int
is_pdf(const char *bytes, size_t len)
{
    return len >= 5 && memcmp(bytes, "%PDF-", 5) == 0;
}

/* Whether the text holds nothing but white space (ASCII's, form feeds, a byte order mark,
 * no-break spaces). */
static int
is_blank(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))
            i++;
        else if (i + 3 <= len && s[i] == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF)
            i += 3;
        else if (i + 2 <= len && s[i] == 0xC2 && s[i + 1] == 0xA0)
            i += 2;
        else
            return 0;
    }
    return 1;
}

/* The warning for an extension that says one format and content that is another; NULL when
 * they agree (Markdown is text). */
static const char *
mismatch_warning(source_format hint, source_format found)
{
    static const char *const warnings[4][4] = {
        [SOURCE_TEXT][SOURCE_HTML] = "extension says text but content is HTML: read as HTML",
        [SOURCE_TEXT][SOURCE_PDF] = "extension says text but content is PDF: read as PDF",
        [SOURCE_MARKDOWN][SOURCE_HTML] =
            "extension says Markdown but content is HTML: read as HTML",
        [SOURCE_MARKDOWN][SOURCE_PDF] = "extension says Markdown but content is PDF: read as PDF",
        [SOURCE_HTML][SOURCE_TEXT] = "extension says HTML but content is text: read as text",
        [SOURCE_HTML][SOURCE_PDF] = "extension says HTML but content is PDF: read as PDF",
        [SOURCE_PDF][SOURCE_TEXT] = "extension says PDF but content is text: read as text",
        [SOURCE_PDF][SOURCE_HTML] = "extension says PDF but content is HTML: read as HTML",
    };
    if ((unsigned)hint > SOURCE_PDF || (unsigned)found > SOURCE_PDF)
        return NULL;
    return warnings[hint][found];
}

/* Whether an HTML document that is not UTF-8 names its encoding anywhere near its start
 * (<meta charset=...> or http-equiv's "content=text/html; charset=..."). */
static int
html_names_charset(const char *html, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 7 <= n; i++)
        if (strncasecmp(html + i, "charset", 7) == 0)
            return 1;
    return 0;
}

/* Text bytes (not gzip, not PDF) to clean UTF-8, as HTML or as text. *buf holds them, in a
 * malloc'd buffer with room for a NUL after them; when the text is the bytes themselves it
 * is taken (and *buf set to NULL) rather than copied, so a large file is held once. */
static minutes_status
decode_text(char **buf, size_t len, source_format hint, source *out, const char **reason)
{
    const char *bytes = *buf;
    const unsigned char *u = (const unsigned char *)bytes;
    int utf16le = len >= 2 && u[0] == 0xFF && u[1] == 0xFE;
    int utf16be = len >= 2 && u[0] == 0xFE && u[1] == 0xFF;
    char *converted = NULL;
    size_t converted_len = 0;
    minutes_status st;
    if (utf16le || utf16be) {
        st = read_convert(utf16le ? "UTF-16LE" : "UTF-16BE", bytes + 2, len - 2, 2, &converted,
                          &converted_len, reason);
        if (st != MINUTES_OK)
            return st;
        bytes = converted;
        len = converted_len;
    }
    if (memchr(bytes, '\0', len)) {
        free(converted);
        *reason = "binary file";
        return MINUTES_UNSUPPORTED_FILE;
    }

    /* A Markdown file may hold HTML; only a whole HTML document makes it one. */
    source_format found = hint == SOURCE_MARKDOWN ? SOURCE_MARKDOWN : SOURCE_TEXT;
    if (read_looks_like_html(bytes, len, hint == SOURCE_MARKDOWN))
        found = SOURCE_HTML;
    out->format = found;
    out->warning = mismatch_warning(hint, found);

    int utf8 = converted || read_is_utf8(bytes, len);
    int bom = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0;
    char *text = NULL;
    size_t text_len = 0;
    st = MINUTES_OK;
    if (found == SOURCE_HTML) {
        /* libxml2 reads the document's own byte order mark and <meta charset>; a document
         * that names none and is not UTF-8 is read as Windows-1252, as browsers do. */
        const char *encoding = converted ? "UTF-8" : NULL;
        if (!utf8 && !bom && !html_names_charset(bytes, len)) {
            encoding = "windows-1252";
            if (!out->warning)
                out->warning = "not UTF-8: read as Windows-1252";
        }
        const char *lost;
        st = read_html_to_text(bytes, len, encoding, &text, &text_len, &lost, reason);
        /* Text left out matters more than how the rest was decoded. */
        if (st == MINUTES_OK && lost)
            out->warning = lost;
    } else if (!utf8 && !bom) {
        st = read_convert("CP1252", bytes, len, 1, &text, &text_len, reason);
        if (!out->warning)
            out->warning = "not UTF-8: read as Windows-1252";
    } else if (converted) {
        text = converted, text_len = converted_len, converted = NULL;
    } else {
        text = *buf, text_len = len, *buf = NULL;
        text[len] = '\0';
    }
    free(converted);
    if (st != MINUTES_OK)
        return st;
    read_clean_text(text, text_len, 0);
    out->text = text;
    out->len = text_len;
    return MINUTES_OK;
}

/* read_decode() on the `len` bytes in *buf (malloc'd, with room for a NUL after them), which
 * it may take or replace (*buf is the caller's to free after). A PDF, which it does not read,
 * gives MINUTES_UNSUPPORTED_FILE with *pdf set: the PDF's bytes are in *buf, *pdf_len of
 * them, and *gzipped says whether they were compressed. */
static minutes_status
decode(char **buf, size_t len, source_format hint, source *out, const char **reason, int *pdf,
       size_t *pdf_len, int *gzipped)
{
    memset(out, 0, sizeof *out);
    *pdf = 0;
    *gzipped = 0;
    if (len > read_max_bytes()) {
        *reason = read_reason_too_large(len, NULL);
        return MINUTES_UNSUPPORTED_FILE;
    }
    if (read_is_gzip(*buf, len)) {
        char *inflated;
        minutes_status st = read_gunzip(*buf, len, &inflated, &len, reason);
        if (st != MINUTES_OK)
            return st;
        free(*buf);
        *buf = inflated;
        *gzipped = 1;
    }
    if (is_pdf(*buf, len)) {
        *pdf = 1;
        *pdf_len = len;
        out->format = SOURCE_PDF;
        out->paginated = 1;
        out->warning = mismatch_warning(hint, SOURCE_PDF);
        *reason = "PDF needs a file";
        return MINUTES_UNSUPPORTED_FILE;
    }
    minutes_status st = decode_text(buf, len, hint, out, reason);
    if (st == MINUTES_OK && is_blank(out->text, out->len)) {
        *reason = "empty file";
        st = MINUTES_UNSUPPORTED_FILE;
    }
    if (st != MINUTES_OK)
        source_release(out);
    return st;
}

minutes_status
read_decode(const char *bytes, size_t len, source_format hint, source *out, const char **reason)
{
    memset(out, 0, sizeof *out);
    if (len > read_max_bytes()) {
        *reason = read_reason_too_large(len, NULL);
        return MINUTES_UNSUPPORTED_FILE;
    }
    char *buf = malloc(len + 1);
    if (!buf) {
        *reason = "out of memory";
        return MINUTES_NO_MEMORY;
    }
    if (len)
        memcpy(buf, bytes, len);
    int pdf, gzipped;
    size_t pdf_len;
    minutes_status st = decode(&buf, len, hint, out, reason, &pdf, &pdf_len, &gzipped);
    free(buf);
    if (st != MINUTES_OK)
        memset(out, 0, sizeof *out);
    return st;
}

/* ---- files ------------------------------------------------------------------------------ */

/* Read exactly the `size` bytes fstat reported; a file that is longer or shorter by then, or
 * was modified meanwhile, is changing under us. */
static minutes_status
read_whole_file(int fd, const struct stat *before, char **out, size_t *out_len, const char **reason)
{
    size_t size = (size_t)before->st_size;
    char *buf = malloc(size + 2);
    if (!buf) {
        *reason = "out of memory";
        return MINUTES_NO_MEMORY;
    }
    size_t len = 0;
    /* One byte more than expected, to see whether the file grew. */
    while (len < size + 1) {
        ssize_t got = read(fd, buf + len, size + 1 - len);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            *reason = strerror(errno);
            free(buf);
            return MINUTES_UNREADABLE_FILE;
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    struct stat after;
    if (len != size || fstat(fd, &after) != 0 || after.st_size != before->st_size ||
        after.st_mtim.tv_sec != before->st_mtim.tv_sec ||
        after.st_mtim.tv_nsec != before->st_mtim.tv_nsec) {
        free(buf);
        *reason = "file changed while being read";
        return MINUTES_UNSUPPORTED_FILE;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return MINUTES_OK;
}

/* pdftotext on the PDF at `path`, or on `bytes` (a PDF that was compressed) written to a
 * temporary file first. */
static minutes_status
read_pdf(const char *path, const char *bytes, size_t len, int from_bytes, source *out,
         const char **reason)
{
    char tmp[4096];
    if (from_bytes) {
        const char *dir = getenv("TMPDIR");
        if (!dir || !*dir)
            dir = "/tmp";
        snprintf(tmp, sizeof tmp, "%s/minutes-pdf-XXXXXX", dir);
        int fd = mkstemp(tmp);
        if (fd < 0) {
            *reason = read_reason_printf("cannot make a temporary file: %s", strerror(errno));
            return MINUTES_UNREADABLE_FILE;
        }
        size_t done = 0;
        while (done < len) {
            ssize_t n = write(fd, bytes + done, len - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                *reason = read_reason_printf("cannot write a temporary file: %s",
                                             n < 0 ? strerror(errno) : "no space");
                close(fd);
                unlink(tmp);
                return MINUTES_UNREADABLE_FILE;
            }
            done += (size_t)n;
        }
        close(fd);
        path = tmp;
    }
    char *text;
    size_t text_len;
    minutes_status st = read_pdftotext(path, &text, &text_len, reason);
    if (from_bytes)
        unlink(tmp);
    if (st != MINUTES_OK)
        return st;
    /* pdftotext writes UTF-8; clean it as any text, but keep the page ends. */
    read_clean_text(text, text_len, 1);
    if (is_blank(text, text_len)) {
        free(text);
        *reason = "no text in the PDF (scanned pages need OCR first)";
        return MINUTES_UNSUPPORTED_FILE;
    }
    out->text = text;
    out->len = text_len;
    out->format = SOURCE_PDF;
    out->paginated = 1;
    return MINUTES_OK;
}

minutes_status
read_source(const char *path, source *out, const char **reason)
{
    memset(out, 0, sizeof *out);
    source_format hint;
    if (!read_format_for_path(path, &hint)) {
        *reason = "unsupported file type";
        return MINUTES_UNSUPPORTED_FILE;
    }

    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        *reason = strerror(errno);
        return MINUTES_UNREADABLE_FILE;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *reason = strerror(errno);
        close(fd);
        return MINUTES_UNREADABLE_FILE;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        *reason = "is a directory";
        return MINUTES_UNREADABLE_FILE;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        *reason = "not a regular file";
        return MINUTES_UNSUPPORTED_FILE;
    }
    if ((size_t)st.st_size > read_max_bytes()) {
        close(fd);
        *reason = read_reason_too_large((size_t)st.st_size, NULL);
        return MINUTES_UNSUPPORTED_FILE;
    }
    char *bytes;
    size_t len;
    minutes_status status = read_whole_file(fd, &st, &bytes, &len, reason);
    close(fd);
    if (status != MINUTES_OK)
        return status;

    if (len == 0) {
        free(bytes);
        *reason = "empty file";
        return MINUTES_UNSUPPORTED_FILE;
    }
    int pdf, gzipped;
    size_t pdf_len;
    status = decode(&bytes, len, hint, out, reason, &pdf, &pdf_len, &gzipped);
    if (status != MINUTES_OK && pdf) {
        const char *warning = out->warning;
        status = read_pdf(path, bytes, pdf_len, gzipped, out, reason);
        out->warning = warning;
    }
    free(bytes);
    if (status != MINUTES_OK)
        memset(out, 0, sizeof *out);
    return status;
}

void
source_release(source *src)
{
    free(src->text);
    src->text = NULL;
    src->len = 0;
}
