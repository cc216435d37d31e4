/* read-fixture.h - what the reader's unit tests share: a scratch directory for the files
 * they write, and ways to make inputs (gzip, UTF-16, PDF) and to decode bytes. */
#ifndef MINUTES_TEST_READ_FIXTURE_H
#define MINUTES_TEST_READ_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "arena.h"
#include "read.h"
#include "segment.h"

static char tmpdir[64];

static inline int
make_tmpdir(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/minutes-test-read-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static inline int
remove_tmpdir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static inline const char *
write_file(const char *name, const void *bytes, size_t len)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* ---- helpers ---------------------------------------------------------------------------- */

/* `len` bytes gzip-compressed, in a malloc'd buffer. */
static inline char *
gzip_bytes(const char *in, size_t len, size_t *out_len)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&zs, len);
    char *out = malloc(cap);
    assert_non_null(out);
    zs.next_in = (unsigned char *)in;
    zs.avail_in = (unsigned)len;
    zs.next_out = (unsigned char *)out;
    zs.avail_out = (unsigned)cap;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    *out_len = cap - zs.avail_out;
    deflateEnd(&zs);
    return out;
}

/* UTF-8 text as UTF-16 with a byte order mark (BMP characters only). */
static inline char *
utf16_bytes(const char *utf8, int big_endian, size_t *out_len)
{
    size_t n = strlen(utf8);
    char *out = malloc(2 * n + 2);
    assert_non_null(out);
    size_t k = 0;
    unsigned bom = 0xFEFF;
    const unsigned char *s = (const unsigned char *)utf8;
    for (size_t i = 0; i <= n;) {
        unsigned cp;
        if (i == 0 && k == 0) {
            cp = bom;
        } else if (i == n) {
            break;
        } else if (s[i] < 0x80) {
            cp = s[i++];
        } else if (s[i] < 0xE0) {
            cp = (unsigned)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F);
            i += 2;
        } else {
            cp = (unsigned)(s[i] & 0x0F) << 12 | (unsigned)(s[i + 1] & 0x3F) << 6 |
                 (s[i + 2] & 0x3F);
            i += 3;
        }
        out[k++] = (char)(big_endian ? cp >> 8 : cp & 0xFF);
        out[k++] = (char)(big_endian ? cp & 0xFF : cp >> 8);
    }
    *out_len = k;
    return out;
}

/* A minimal PDF with a page per string (Helvetica, one line each), its cross-reference
 * table's offsets computed. */
static inline char *
make_pdf(const char *const *pages, size_t count, size_t *out_len)
{
    size_t cap = 8192;
    char *pdf = malloc(cap);
    assert_non_null(pdf);
    size_t len = 0;
    size_t offsets[32];
    size_t objects = 3 + 2 * count;
    assert_true(objects < 32);
#define PUT(...) (len += (size_t)snprintf(pdf + len, cap - len, __VA_ARGS__))
    PUT("%%PDF-1.4\n");
    offsets[1] = len;
    PUT("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    offsets[2] = len;
    PUT("2 0 obj\n<< /Type /Pages /Count %zu /Kids [", count);
    for (size_t i = 0; i < count; i++)
        PUT(" %zu 0 R", 4 + 2 * i);
    PUT(" ] >>\nendobj\n");
    offsets[3] = len;
    PUT("3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
    for (size_t i = 0; i < count; i++) {
        char content[512];
        int n = snprintf(content, sizeof content, "BT /F1 12 Tf 72 720 Td (%s) Tj ET", pages[i]);
        offsets[4 + 2 * i] = len;
        PUT("%zu 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << "
            "/Font << /F1 3 0 R >> >> /Contents %zu 0 R >>\nendobj\n",
            4 + 2 * i, 5 + 2 * i);
        offsets[5 + 2 * i] = len;
        PUT("%zu 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", 5 + 2 * i, n, content);
    }
    size_t xref = len;
    PUT("xref\n0 %zu\n0000000000 65535 f \n", objects);
    for (size_t i = 1; i < objects; i++)
        PUT("%010zu 00000 n \n", offsets[i]);
    PUT("trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", objects, xref);
#undef PUT
    assert_true(len < cap);
    *out_len = len;
    return pdf;
}

static inline int
have_pdftotext(void)
{
    return system("command -v pdftotext >/dev/null 2>&1") == 0;
}

static inline minutes_status
decode(const char *bytes, size_t len, source_format hint, source *out, const char **reason)
{
    *reason = NULL;
    return read_decode(bytes, len, hint, out, reason);
}

/* ---- extensions and files --------------------------------------------------------------- */

#endif /* MINUTES_TEST_READ_FIXTURE_H */
