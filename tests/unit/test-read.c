/* test-read.c - reading files: formats by extension and by content, encodings, HTML, gzip,
 * PDF through pdftotext, limits, and refusals with a reason. Every input is made here. */
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

static int
make_tmpdir(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/minutes-test-read-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int
remove_tmpdir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *
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
static char *
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
static char *
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
static char *
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

static int
have_pdftotext(void)
{
    return system("command -v pdftotext >/dev/null 2>&1") == 0;
}

static minutes_status
decode(const char *bytes, size_t len, source_format hint, source *out, const char **reason)
{
    *reason = NULL;
    return read_decode(bytes, len, hint, out, reason);
}

/* ---- extensions and files --------------------------------------------------------------- */

static void
test_format_by_extension(void **state)
{
    (void)state;
    source_format format = SOURCE_TEXT;
    assert_true(read_format_for_path("a/minutes.md", &format));
    assert_int_equal(format, SOURCE_MARKDOWN);
    assert_true(read_format_for_path("MINUTES.TXT", &format));
    assert_int_equal(format, SOURCE_TEXT);
    assert_true(read_format_for_path("notes.markdown", NULL));
    assert_true(read_format_for_path("page.htm", &format));
    assert_int_equal(format, SOURCE_HTML);
    assert_true(read_format_for_path("page.HTML", &format));
    assert_int_equal(format, SOURCE_HTML);
    assert_true(read_format_for_path("minutes.pdf", &format));
    assert_int_equal(format, SOURCE_PDF);
    assert_true(read_format_for_path("minutes.PDF.GZ", &format));
    assert_int_equal(format, SOURCE_PDF);
    assert_true(read_format_for_path("minutes.md.gz", &format));
    assert_int_equal(format, SOURCE_MARKDOWN);
    assert_true(read_format_for_path("x.txt.gz", &format));
    assert_int_equal(format, SOURCE_TEXT);
    assert_false(read_format_for_path("archive.gz", NULL));
    assert_false(read_format_for_path("archive.tar.gz", NULL));
    assert_false(read_format_for_path("slides.pptx", NULL));
    assert_false(read_format_for_path(".txt", NULL));
    assert_false(read_format_for_path("dir/.txt", NULL));
    assert_false(read_format_for_path(".txt.gz", NULL));
    assert_false(read_format_for_path("txt", NULL));
}

static void
test_reads_seed_whole(void **state)
{
    (void)state;
    source src;
    const char *reason = NULL;
    assert_int_equal(read_source("seeds/003_ece979df50451812.txt", &src, &reason), MINUTES_OK);
    struct stat st;
    assert_int_equal(stat("seeds/003_ece979df50451812.txt", &st), 0);
    assert_int_equal(src.len, (size_t)st.st_size);
    assert_int_equal(src.text[src.len], '\0');
    assert_non_null(strstr(src.text, "Children\xE2\x80\x99s")); /* curly quote kept */
    assert_int_equal(src.format, SOURCE_TEXT);
    assert_false(src.paginated);
    assert_null(src.warning);
    source_release(&src);
    assert_null(src.text);
}

static void
test_clean_utf8_keeps_layout(void **state)
{
    (void)state;
    /* Valid multibyte text stays; a stray continuation byte, an overlong form, a surrogate
     * and control characters (a form feed too) are replaced one byte each, so offsets do not
     * move. */
    char text[] = "caf\xC3\xA9 \xE2\x80\x99 \x80 \xC0\xAF \xED\xA0\x80 a\x01\x1B\tb\f\r\n";
    size_t len = sizeof text - 1;
    read_clean_utf8(text, len);
    assert_int_equal(strlen(text), len);
    assert_string_equal(text, "caf\xC3\xA9 \xE2\x80\x99 ? ?? ??? a  \tb \r\n");
}

static void
test_truncated_sequence_at_end(void **state)
{
    (void)state;
    char text[] = "end \xE2\x80";
    read_clean_utf8(text, sizeof text - 1);
    assert_string_equal(text, "end ??");
}

static void
test_refuses_with_reason(void **state)
{
    (void)state;
    source src;
    const char *reason = NULL;

    assert_int_equal(read_source("seeds/does-not-exist.txt", &src, &reason),
                     MINUTES_UNREADABLE_FILE);
    assert_non_null(reason);
    assert_non_null(strstr(reason, "No such file"));

    const char *path = write_file("binary.txt", "abc\0def", 7);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "binary file");

    path = write_file("slides.pptx", "hello", 5);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "unsupported file type");

    char dir[128];
    snprintf(dir, sizeof dir, "%s/folder.txt", tmpdir);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(read_source(dir, &src, &reason), MINUTES_UNREADABLE_FILE);
    assert_string_equal(reason, "is a directory");
    assert_null(src.text);
}

static void
test_empty_file(void **state)
{
    (void)state;
    source src;
    const char *reason = NULL;
    const char *path = write_file("empty.md", "", 0);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "empty file");
    assert_null(src.text);

    path = write_file("blank.txt", " \r\n\t\n\xEF\xBB\xBF \xC2\xA0\n", 11);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "empty file");

    assert_int_equal(decode("", 0, SOURCE_TEXT, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "empty file");
    /* HTML with no content but what is left out */
    const char *html = "<html><head><title>T</title></head><body><nav>Home</nav>"
                       "<script>x()</script></body></html>";
    assert_int_equal(decode(html, strlen(html), SOURCE_HTML, &src, &reason),
                     MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "empty file");
}

static void
test_too_large(void **state)
{
    (void)state;
    source src;
    const char *reason = NULL;
    /* The real limit, on a sparse file that costs nothing to make. */
    char path[256];
    snprintf(path, sizeof path, "%s/huge.txt", tmpdir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(ftruncate(fileno(f), (off_t)READ_MAX_BYTES + 1024 * 1024), 0);
    fclose(f);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "file too large (65 MB; the limit is 64 MB)");
    unlink(path);

    /* A smaller limit, for files, decoded text and what gzip inflates to. */
    read_set_max_bytes(1000);
    char text[2000];
    memset(text, 'a', sizeof text);
    assert_int_equal(decode(text, 1001, SOURCE_TEXT, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "file too large (1001 bytes; the limit is 1000 bytes)");
    assert_int_equal(decode(text, 1000, SOURCE_TEXT, &src, &reason), MINUTES_OK);
    source_release(&src);
    /* 400 Windows-1252 bytes that become 1200 bytes of UTF-8 */
    memset(text, '\x80', 400);
    assert_int_equal(decode(text, 400, SOURCE_TEXT, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "file too large when decoded (the limit is 1000 bytes)");
    /* a zip bomb in small */
    char *zeros = malloc(1 << 19);
    memset(zeros, 'z', 1 << 19);
    size_t gz_len;
    char *gz = gzip_bytes(zeros, 1 << 19, &gz_len);
    assert_true(gz_len < 1000);
    assert_int_equal(decode(gz, gz_len, SOURCE_TEXT, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "file too large when decompressed (the limit is 1000 bytes)");
    free(gz);
    /* exactly the limit inflates */
    gz = gzip_bytes(zeros, 1000, &gz_len);
    assert_int_equal(decode(gz, gz_len, SOURCE_TEXT, &src, &reason), MINUTES_OK);
    assert_int_equal(src.len, 1000);
    source_release(&src);
    free(gz);
    free(zeros);
    read_set_max_bytes(0);
}

static void
test_file_changed_while_read(void **state)
{
    (void)state;
    /* A file whose size is not what it holds: /proc's say 0. */
    char path[256];
    snprintf(path, sizeof path, "%s/proc-status.txt", tmpdir);
    if (symlink("/proc/self/status", path) != 0)
        skip();
    source src;
    const char *reason = NULL;
    assert_int_equal(read_source(path, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "file changed while being read");
}

/* ---- encodings -------------------------------------------------------------------------- */

static void
test_utf8_with_bom(void **state)
{
    (void)state;
    source src;
    const char *reason = NULL;
    const char *text = "\xEF\xBB\xBF"
                       "Children\xE2\x80\x99s Services\r\n";
    assert_int_equal(decode(text, strlen(text), SOURCE_TEXT, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, text); /* byte for byte: offsets point into the file */
    assert_int_equal(src.len, strlen(text));
    assert_null(src.warning);
    source_release(&src);
}

static void
test_utf16(void **state)
{
    (void)state;
    const char *want = "Children\xE2\x80\x99s Services \xE2\x82\xAC"
                       "5\r\nline 2\n";
    for (int be = 0; be <= 1; be++) {
        size_t len;
        char *bytes = utf16_bytes(want, be, &len);
        source src;
        const char *reason = NULL;
        assert_int_equal(decode(bytes, len, SOURCE_TEXT, &src, &reason), MINUTES_OK);
        assert_string_equal(src.text, want);
        assert_null(src.warning);
        source_release(&src);

        /* A NUL character in UTF-16 is still binary. */
        bytes[len - 2] = bytes[len - 1] = '\0';
        assert_int_equal(decode(bytes, len, SOURCE_TEXT, &src, &reason), MINUTES_UNSUPPORTED_FILE);
        assert_string_equal(reason, "binary file");
        free(bytes);
    }
    /* UTF-16 without a byte order mark is NUL bytes: binary. */
    source src;
    const char *reason = NULL;
    assert_int_equal(decode("h\0i\0", 4, SOURCE_TEXT, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "binary file");
    /* An odd byte at the end is a '?' */
    assert_int_equal(decode("\xFF\xFEh\0i\0!", 7, SOURCE_TEXT, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "hi?");
    source_release(&src);
}

static void
test_windows_1252(void **state)
{
    (void)state;
    source src;
    const char *reason = NULL;
    const char *text = "Children\x92s \x93quoted\x94 \x80 5\nundefined \x81 byte\n";
    assert_int_equal(decode(text, strlen(text), SOURCE_TEXT, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text,
                        "Children\xE2\x80\x99s \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC"
                        " 5\nundefined ? byte\n");
    assert_string_equal(src.warning, "not UTF-8: read as Windows-1252");
    source_release(&src);

    /* With a UTF-8 byte order mark, a bad byte is only a bad byte. */
    text = "\xEF\xBB\xBF"
           "caf\xE9";
    assert_int_equal(decode(text, strlen(text), SOURCE_TEXT, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "\xEF\xBB\xBF"
                                  "caf?");
    assert_null(src.warning);
    source_release(&src);

    /* Through a file, control characters still become spaces. */
    const char *path = write_file("cp1252.txt", "a\x01\x92\n", 4);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "a \xE2\x80\x99\n");
    source_release(&src);
}

/* ---- HTML ------------------------------------------------------------------------------- */

static void
test_html_to_text(void **state)
{
    (void)state;
    const char *html =
        "<!DOCTYPE html>\n<html><head><title>Meetings</title><style>p { color: red }</style>"
        "<script>var hidden = 1;</script></head>\n"
        "<body class=\"has-nav\"><header>Council website</header>\n"
        "<nav><ul><li>Home</li><li>Meetings</li></ul></nav>\n"
        "<div class=\"breadcrumb\">Home &gt; Meetings</div>\n"
        "<div id=\"cookie-notice\">We use cookies</div>\n"
        "<div role=\"navigation\">Skip</div><a class=\"skip-link\" href=\"#c\">Skip to main</a>\n"
        "<div id=\"main-menu\">Menu</div><div class=\"topnavigation\">Top</div>\n"
        "<div class=\"SiteNav\">Site</div><div hidden>Hidden</div>\n"
        "<div id=\"content\">\n"
        "<h1>Scrutiny   Board</h1>\n"
        "<h2>3. Ofsted Report</h2>\n"
        "<p class=\"status-unavailable bg-navy\">Kept despite its classes.</p>\n"
        "<p>The Board considered\n   the report of the\n<b>Director</b> &amp; noted "
        "&ldquo;good&rdquo;"
        "&nbsp;progress.</p>\n"
        "<p>RESOLVED that:</p><ol><li>the report be noted;</li><li><p>officers report back.</p>"
        "</li></ol>\n"
        "<table><tr><th>Name</th><th>Role</th></tr>\n<tr><td>Cllr Smith</td><td>Chair</td></tr>"
        "<tr><td></td><td>Vice <br>Chair</td></tr></table>\n"
        "<p>Line one<br>line two</p>\n"
        "<noscript>Enable JavaScript</noscript><template>Template</template>"
        "<form><button>Go</button><select><option>One</option></select></form>\n"
        "<aside>Related pages</aside>\n"
        "<pre>  kept\n  as is</pre>\n"
        "</div><footer>Copyright</footer></body></html>\n";
    source src;
    const char *reason = NULL;
    assert_int_equal(decode(html, strlen(html), SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_int_equal(src.format, SOURCE_HTML);
    assert_null(src.warning);
    assert_string_equal(src.text, "# Scrutiny Board\n"
                                  "\n"
                                  "## 3. Ofsted Report\n"
                                  "\n"
                                  "Kept despite its classes.\n"
                                  "\n"
                                  "The Board considered the report of the Director & noted "
                                  "\xE2\x80\x9Cgood\xE2\x80\x9D\xC2\xA0progress.\n"
                                  "\n"
                                  "RESOLVED that:\n"
                                  "\n"
                                  "- the report be noted;\n"
                                  "\n"
                                  "- officers report back.\n"
                                  "\n"
                                  "Name\tRole\n"
                                  "Cllr Smith\tChair\n"
                                  "\tVice Chair\n"
                                  "\n"
                                  "Line one\n"
                                  "line two\n"
                                  "\n"
                                  "  kept\n"
                                  "  as is\n");
    source_release(&src);
}

static void
test_html_layout_table(void **state)
{
    (void)state;
    /* A table that lays out a page: its cells are blocks, not a row. */
    const char *html = "<html><body><table><tr><td><h2>4. Budget</h2><p>First.</p></td>"
                       "<td><ul><li>Point</li></ul></td></tr></table></body></html>";
    source src;
    const char *reason = NULL;
    assert_int_equal(decode(html, strlen(html), SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "## 4. Budget\n\nFirst.\n\n- Point\n");
    source_release(&src);
}

static void
test_html_charset(void **state)
{
    (void)state;
    source src;
    const char *reason = NULL;
    /* The document's <meta charset> */
    const char *html = "<html><head><meta charset=\"windows-1252\"></head>"
                       "<body><p>Children\x92s \x80 5</p></body></html>";
    assert_int_equal(decode(html, strlen(html), SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "Children\xE2\x80\x99s \xE2\x82\xAC 5\n");
    assert_null(src.warning);
    source_release(&src);
    /* http-equiv's */
    html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
           "charset=iso-8859-1\"></head><body><p>caf\xE9</p></body></html>";
    assert_int_equal(decode(html, strlen(html), SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "caf\xC3\xA9\n");
    source_release(&src);
    /* none, and not UTF-8: Windows-1252 */
    html = "<p>Children\x92s page</p>";
    assert_int_equal(decode(html, strlen(html), SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "Children\xE2\x80\x99s page\n");
    assert_string_equal(src.warning, "not UTF-8: read as Windows-1252");
    source_release(&src);
    /* UTF-16 */
    size_t len;
    char *bytes = utf16_bytes("<html><body><p>Children\xE2\x80\x99s</p></body></html>", 0, &len);
    assert_int_equal(decode(bytes, len, SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "Children\xE2\x80\x99s\n");
    source_release(&src);
    free(bytes);
}

/* A growing string for the deep documents below. */
typedef struct {
    char *s;
    size_t len, cap;
} strbuf;

static void
strbuf_add(strbuf *b, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(NULL, 0, format, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = (b->len + (size_t)n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        assert_non_null(b->s);
    }
    va_start(ap, format);
    vsnprintf(b->s + b->len, b->cap - b->len, format, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static void
test_html_deep_nesting(void **state)
{
    (void)state;
    source src;
    const char *reason = NULL;
    strbuf html = {0}, want = {0};

    /* 400 paragraphs, each opening a <font> it never closes: every one nests deeper. */
    strbuf_add(&html, "<html><body>\n");
    for (int i = 0; i < 400; i++) {
        strbuf_add(&html, "<p><font face=\"Arial\">para%d words\n", i);
        strbuf_add(&want, "%spara%d words", i ? "\n\n" : "", i);
    }
    strbuf_add(&html, "</body></html>\n");
    strbuf_add(&want, "\n");
    assert_int_equal(decode(html.s, html.len, SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_null(src.warning);
    assert_string_equal(src.text, want.s);
    source_release(&src);

    /* 100,000 nested <div>s, with text on the way down, at the bottom and after them. */
    html.len = want.len = 0;
    strbuf_add(&html, "<html><body>");
    for (int i = 0; i < 100000; i++) {
        strbuf_add(&html, "<div>");
        if (i % 10000 == 0) {
            strbuf_add(&html, "level%d", i);
            strbuf_add(&want, "level%d\n\n", i);
        }
    }
    strbuf_add(&html, "bottom words");
    for (int i = 0; i < 100000; i++)
        strbuf_add(&html, "</div>");
    strbuf_add(&html, "after words</body></html>");
    strbuf_add(&want, "bottom words\n\nafter words\n");
    assert_int_equal(decode(html.s, html.len, SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_null(src.warning);
    assert_string_equal(src.text, want.s);
    source_release(&src);

    /* Deep down, what is left out is still left out, and headings and tables keep their
     * shape. */
    html.len = 0;
    for (int i = 0; i < 5000; i++)
        strbuf_add(&html, "<div>");
    strbuf_add(&html, "<nav>Home</nav><h2>4. Budget</h2><table><tr><td>Cllr Smith</td>"
                      "<td>Chair</td></tr></table>");
    for (int i = 0; i < 5000; i++)
        strbuf_add(&html, "</div>");
    strbuf_add(&html, "<p>Last.</p>");
    assert_int_equal(decode(html.s, html.len, SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "## 4. Budget\n\nCllr Smith\tChair\n\nLast.\n");
    source_release(&src);
    free(html.s);
    free(want.s);
}

static void
test_sniffing(void **state)
{
    (void)state;
    source src;
    const char *reason = NULL;
    /* .txt holding HTML */
    const char *html = "  <!doctype HTML><html><body><p>Hello <i>there</i></p></body></html>";
    assert_int_equal(decode(html, strlen(html), SOURCE_TEXT, &src, &reason), MINUTES_OK);
    assert_int_equal(src.format, SOURCE_HTML);
    assert_string_equal(src.text, "Hello there\n");
    assert_string_equal(src.warning, "extension says text but content is HTML: read as HTML");
    source_release(&src);
    /* a fragment: a leading '<' and common tags */
    html = "<div class=x>\n<p>Fragment</p></div>";
    assert_int_equal(decode(html, strlen(html), SOURCE_TEXT, &src, &reason), MINUTES_OK);
    assert_int_equal(src.format, SOURCE_HTML);
    source_release(&src);
    /* ... but in Markdown only a whole document is HTML */
    assert_int_equal(decode(html, strlen(html), SOURCE_MARKDOWN, &src, &reason), MINUTES_OK);
    assert_int_equal(src.format, SOURCE_MARKDOWN);
    assert_null(src.warning);
    source_release(&src);
    /* text that merely mentions a tag is text */
    const char *text = "Use <p> for paragraphs.\n";
    assert_int_equal(decode(text, strlen(text), SOURCE_TEXT, &src, &reason), MINUTES_OK);
    assert_int_equal(src.format, SOURCE_TEXT);
    source_release(&src);
    /* .html holding plain text */
    text = "Minutes of the meeting\n\n1. Apologies\n";
    assert_int_equal(decode(text, strlen(text), SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_int_equal(src.format, SOURCE_TEXT);
    assert_string_equal(src.text, text);
    assert_string_equal(src.warning, "extension says HTML but content is text: read as text");
    source_release(&src);
    /* .pdf holding plain text */
    assert_int_equal(decode(text, strlen(text), SOURCE_PDF, &src, &reason), MINUTES_OK);
    assert_int_equal(src.format, SOURCE_TEXT);
    assert_false(src.paginated);
    assert_string_equal(src.warning, "extension says PDF but content is text: read as text");
    source_release(&src);
    /* a PDF in memory cannot be read */
    assert_int_equal(decode("%PDF-1.4\n", 9, SOURCE_TEXT, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "PDF needs a file");
    assert_null(src.text);
    /* random bytes */
    char noise[256];
    for (int i = 0; i < 256; i++)
        noise[i] = (char)(i * 37);
    assert_int_equal(decode(noise, sizeof noise, SOURCE_TEXT, &src, &reason),
                     MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "binary file");
}

/* ---- gzip ------------------------------------------------------------------------------- */

static void
test_gzip(void **state)
{
    (void)state;
    source src;
    const char *reason = NULL;
    const char *text = "3. Ofsted Report\n\nChildren\xE2\x80\x99s services.\n";
    size_t gz_len;
    char *gz = gzip_bytes(text, strlen(text), &gz_len);
    assert_int_equal(decode(gz, gz_len, SOURCE_TEXT, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, text);
    source_release(&src);

    /* through a file, NAME.md.gz */
    const char *path = write_file("minutes.md.gz", gz, gz_len);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, text);
    assert_int_equal(src.format, SOURCE_MARKDOWN);
    source_release(&src);

    /* two members in a row, as `cat a.gz b.gz` makes */
    char *two = malloc(2 * gz_len);
    memcpy(two, gz, gz_len);
    memcpy(two + gz_len, gz, gz_len);
    assert_int_equal(decode(two, 2 * gz_len, SOURCE_TEXT, &src, &reason), MINUTES_OK);
    assert_int_equal(src.len, 2 * strlen(text));
    source_release(&src);

    /* truncated */
    assert_int_equal(decode(gz, gz_len - 12, SOURCE_TEXT, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "truncated gzip data");
    /* corrupt */
    memcpy(two, gz, gz_len);
    memset(two + 10, 0xFF, gz_len - 18);
    assert_int_equal(decode(two, gz_len, SOURCE_TEXT, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "corrupt gzip data");
    assert_int_equal(decode("\x1F\x8B", 2, SOURCE_TEXT, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "truncated gzip data");
    free(two);
    free(gz);

    /* HTML, gzipped */
    const char *html = "<html><body><h3>5. Budget</h3><p>Spend &pound;5</p></body></html>";
    gz = gzip_bytes(html, strlen(html), &gz_len);
    path = write_file("page.html.gz", gz, gz_len);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_OK);
    assert_int_equal(src.format, SOURCE_HTML);
    assert_string_equal(src.text, "### 5. Budget\n\nSpend \xC2\xA3"
                                  "5\n");
    source_release(&src);
    free(gz);

    /* an empty member is an empty file */
    gz = gzip_bytes("", 0, &gz_len);
    assert_int_equal(decode(gz, gz_len, SOURCE_TEXT, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "empty file");
    free(gz);
}

/* ---- PDF -------------------------------------------------------------------------------- */

static void
test_pdf(void **state)
{
    (void)state;
    if (!have_pdftotext())
        skip();
    const char *const pages[] = {"3. Budget Report", "The Ofsted inspection"};
    size_t len;
    char *pdf = make_pdf(pages, 2, &len);
    const char *path = write_file("report.pdf", pdf, len);
    source src;
    const char *reason = NULL;
    assert_int_equal(read_source(path, &src, &reason), MINUTES_OK);
    assert_int_equal(src.format, SOURCE_PDF);
    assert_true(src.paginated);
    assert_null(src.warning);
    assert_string_equal(src.text, "3. Budget Report\n\n\fThe Ofsted inspection\n\n\f");

    /* The segmenter numbers the pages by the form feeds. */
    arena a;
    arena_init(&a, 0);
    segmentation seg;
    assert_int_equal(segment_document(src.text, src.len, NULL, &a, &seg), MINUTES_OK);
    assert_int_equal(seg.count, 2);
    assert_int_equal(seg.paras[0].page, 1);
    assert_string_equal(seg.paras[1].text, "The Ofsted inspection");
    assert_int_equal(seg.paras[1].page, 2);
    assert_int_equal(seg.paras[1].line_first, 3);
    arena_release(&a);
    source_release(&src);

    /* gzipped; and under another extension */
    size_t gz_len;
    char *gz = gzip_bytes(pdf, len, &gz_len);
    path = write_file("report.pdf.gz", gz, gz_len);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_OK);
    assert_true(src.paginated);
    assert_non_null(strstr(src.text, "\fThe Ofsted inspection"));
    source_release(&src);
    path = write_file("report-pdf.txt", pdf, len);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_OK);
    assert_int_equal(src.format, SOURCE_PDF);
    assert_string_equal(src.warning, "extension says text but content is PDF: read as PDF");
    source_release(&src);
    free(gz);

    /* damaged */
    path = write_file("broken.pdf", "%PDF-1.4\nnothing here\n", 22);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "pdftotext could not read it: damaged or encrypted PDF");
    free(pdf);
}

static void
test_pdf_without_text(void **state)
{
    (void)state;
    if (!have_pdftotext())
        skip();
    const char *const pages[] = {""};
    size_t len;
    char *pdf = make_pdf(pages, 1, &len);
    const char *path = write_file("scan.pdf", pdf, len);
    source src;
    const char *reason = NULL;
    assert_int_equal(read_source(path, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "no text in the PDF (scanned pages need OCR first)");
    free(pdf);
}

static void
test_pdftotext_missing_or_slow(void **state)
{
    (void)state;
    const char *const pages[] = {"Ofsted"};
    size_t len;
    char *pdf = make_pdf(pages, 1, &len);
    char path[256];
    snprintf(path, sizeof path, "%s", write_file("slow.pdf", pdf, len));
    free(pdf);
    char *saved_path = strdup(getenv("PATH"));

    /* not installed */
    setenv("PATH", "/nonexistent", 1);
    source src;
    const char *reason = NULL;
    assert_int_equal(read_source(path, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "pdftotext not installed (apt-get install poppler-utils)");

    /* too slow: a pdftotext that sleeps, killed after the time limit */
    char bin[256], script[300];
    snprintf(bin, sizeof bin, "%s/bin", tmpdir);
    assert_int_equal(mkdir(bin, 0700), 0);
    snprintf(script, sizeof script, "%s/pdftotext", bin);
    FILE *f = fopen(script, "w");
    assert_non_null(f);
    fputs("#!/bin/sh\necho partial\nsleep 100\n", f);
    fclose(f);
    assert_int_equal(chmod(script, 0755), 0);
    char new_path[1024];
    snprintf(new_path, sizeof new_path, "%s:%s", bin, saved_path);
    setenv("PATH", new_path, 1);
    setenv(READ_PDFTOTEXT_TIMEOUT_ENV, "0.5", 1);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_string_equal(reason, "pdftotext timed out after 0.5 s");
    double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(took >= 0.4 && took < 5);

    /* output over the limit */
    f = fopen(script, "w");
    assert_non_null(f);
    fputs("#!/bin/sh\nwhile :; do echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; done\n", f);
    fclose(f);
    read_set_max_bytes(100000);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "file too large as text (the limit is 98 KB)");
    read_set_max_bytes(0);

    /* fails */
    f = fopen(script, "w");
    assert_non_null(f);
    fputs("#!/bin/sh\nexit 99\n", f);
    fclose(f);
    assert_int_equal(read_source(path, &src, &reason), MINUTES_UNSUPPORTED_FILE);
    assert_string_equal(reason, "pdftotext failed (exit status 99)");

    unsetenv(READ_PDFTOTEXT_TIMEOUT_ENV);
    setenv("PATH", saved_path, 1);
    free(saved_path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_by_extension),
        cmocka_unit_test(test_reads_seed_whole),
        cmocka_unit_test(test_clean_utf8_keeps_layout),
        cmocka_unit_test(test_truncated_sequence_at_end),
        cmocka_unit_test(test_refuses_with_reason),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_file_changed_while_read),
        cmocka_unit_test(test_utf8_with_bom),
        cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_windows_1252),
        cmocka_unit_test(test_html_to_text),
        cmocka_unit_test(test_html_layout_table),
        cmocka_unit_test(test_html_charset),
        cmocka_unit_test(test_html_deep_nesting),
        cmocka_unit_test(test_sniffing),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_pdf_without_text),
        cmocka_unit_test(test_pdftotext_missing_or_slow),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
