/* test-read.c - reading files: formats by extension and by content, encodings, limits, and
 * refusals with a reason (test-read-html.c: HTML; test-read-gzip-pdf.c: gzip and PDF). Every
 * input is made here. */
#include "read-fixture.h"

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
        cmocka_unit_test(test_sniffing),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
