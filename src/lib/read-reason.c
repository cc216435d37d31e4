/* read-reason.c - the reader's size limit, and the one-line reasons it gives for a file it
 * does not read: what every part of the reader shares, below all of them.
 *
 * A reason is a static string or, when it carries a number or a name, is formatted into
 * thread-local storage that lives until the thread's next call of a read_* function (see
 * read.h).
 */
#include "read-internal.h"

#include <stdarg.h>
#include <stdio.h>

static size_t max_bytes_override;

void
read_set_max_bytes(size_t max)
{
    max_bytes_override = max;
}

size_t
read_max_bytes(void)
{
    return max_bytes_override ? max_bytes_override : READ_MAX_BYTES;
}

static _Thread_local char reason_buffer[256];

const char *
read_reason_printf(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vsnprintf(reason_buffer, sizeof reason_buffer, format, ap);
    va_end(ap);
    return reason_buffer;
}

/* "70 MB", "12 KB", "100 bytes": rounded up, so that a size over the limit never reads as
 * the limit. */
static void
format_size(char *buf, size_t size, size_t bytes)
{
    const size_t mb = (size_t)1024 * 1024, kb = 1024;
    if (bytes >= mb)
        snprintf(buf, size, "%zu MB", (bytes + mb - 1) / mb);
    else if (bytes >= kb)
        snprintf(buf, size, "%zu KB", (bytes + kb - 1) / kb);
    else
        snprintf(buf, size, "%zu bytes", bytes);
}

const char *
read_reason_too_large(size_t size, const char *what)
{
    char limit[32], got[32];
    format_size(limit, sizeof limit, read_max_bytes());
    if (what)
        return read_reason_printf("file too large %s (the limit is %s)", what, limit);
    format_size(got, sizeof got, size);
    return read_reason_printf("file too large (%s; the limit is %s)", got, limit);
}
