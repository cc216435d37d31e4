/* read.c - reading plain-text and Markdown documents into memory as clean UTF-8.
 *
 * The text keeps the file's byte layout (see read.h), so that every paragraph's line
 * numbers and byte offsets point into the file a user can open.
 */
#include "read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Larger files are refused rather than read whole: the reader holds a document in memory. */
#define READ_MAX_BYTES ((size_t)256 * 1024 * 1024)

static const struct {
    const char *extension;
    source_format format;
} read_extensions[] = {
    {".txt", SOURCE_TEXT},
    {".text", SOURCE_TEXT},
    {".md", SOURCE_MARKDOWN},
    {".markdown", SOURCE_MARKDOWN},
};

int
read_format_for_path(const char *path, source_format *format)
{
    size_t path_len = strlen(path);
    for (size_t i = 0; i < sizeof read_extensions / sizeof read_extensions[0]; i++) {
        const char *ext = read_extensions[i].extension;
        size_t ext_len = strlen(ext);
        if (path_len > ext_len && strcasecmp(path + path_len - ext_len, ext) == 0) {
            if (format)
                *format = read_extensions[i].format;
            return 1;
        }
    }
    return 0;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if it is not valid:
 * overlong forms, surrogates and code points above U+10FFFF are all rejected. */
static size_t
utf8_sequence_length(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    unsigned min;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

void
read_clean_utf8(char *text, size_t len)
{
    unsigned char *s = (unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
                s[i] = ' ';
            i++;
            continue;
        }
        size_t n = utf8_sequence_length(s + i, len - i);
        if (n == 0) {
            s[i++] = '?';
            continue;
        }
        i += n;
    }
}

static minutes_status
read_whole_file(int fd, size_t size_hint, char **out, size_t *out_len, const char **reason)
{
    size_t cap = size_hint + 1;
    size_t len = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        *reason = "out of memory";
        return MINUTES_NO_MEMORY;
    }
    for (;;) {
        if (len == cap) {
            /* The file grew while we read it; keep going up to the limit. */
            if (cap >= READ_MAX_BYTES) {
                free(buf);
                *reason = "file too large";
                return MINUTES_UNSUPPORTED_FILE;
            }
            size_t bigger = cap * 2;
            char *grown = realloc(buf, bigger + 1);
            if (!grown) {
                free(buf);
                *reason = "out of memory";
                return MINUTES_NO_MEMORY;
            }
            buf = grown;
            cap = bigger;
        }
        ssize_t got = read(fd, buf + len, cap - len);
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
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return MINUTES_OK;
}

minutes_status
read_source(const char *path, source *out, const char **reason)
{
    memset(out, 0, sizeof *out);
    source_format format;
    if (!read_format_for_path(path, &format)) {
        *reason = "unsupported file type";
        return MINUTES_UNSUPPORTED_FILE;
    }

    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
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
    if ((size_t)st.st_size > READ_MAX_BYTES) {
        close(fd);
        *reason = "file too large";
        return MINUTES_UNSUPPORTED_FILE;
    }

    char *text;
    size_t len;
    minutes_status status = read_whole_file(fd, (size_t)st.st_size, &text, &len, reason);
    close(fd);
    if (status != MINUTES_OK)
        return status;

    if (memchr(text, '\0', len)) {
        free(text);
        *reason = "binary content (NUL bytes)";
        return MINUTES_UNSUPPORTED_FILE;
    }
    read_clean_utf8(text, len);
    out->text = text;
    out->len = len;
    out->format = format;
    return MINUTES_OK;
}

void
source_release(source *src)
{
    free(src->text);
    src->text = NULL;
    src->len = 0;
}
