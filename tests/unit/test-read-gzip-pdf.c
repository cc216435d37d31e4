/* test-read-gzip-pdf.c - reading gzip-compressed documents, and PDF through pdftotext: text,
 * a PDF without text, and pdftotext missing or too slow. Every input is made here. */
#include "read-fixture.h"

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
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_pdf_without_text),
        cmocka_unit_test(test_pdftotext_missing_or_slow),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
