/* test-read.c - reading files: formats by extension, UTF-8 cleaning, and refusals with a
 * reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "read.h"

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
    assert_false(read_format_for_path("minutes.pdf", NULL));
    assert_false(read_format_for_path(".txt", NULL));
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
    source_release(&src);
    assert_null(src.text);
}

static void
test_clean_utf8_keeps_layout(void **state)
{
    (void)state;
    /* Valid multibyte text stays; a stray continuation byte, an overlong form, a surrogate
     * and control characters are replaced one byte each, so offsets do not move. */
    char text[] = "caf\xC3\xA9 \xE2\x80\x99 \x80 \xC0\xAF \xED\xA0\x80 a\x01\x1B\tb\r\n";
    size_t len = sizeof text - 1;
    read_clean_utf8(text, len);
    assert_int_equal(strlen(text), len);
    assert_string_equal(text, "caf\xC3\xA9 \xE2\x80\x99 ? ?? ??? a  \tb\r\n");
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
    assert_non_null(strstr(reason, "binary"));

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
    assert_int_equal(read_source(path, &src, &reason), MINUTES_OK);
    assert_int_equal(src.len, 0);
    assert_int_equal(src.format, SOURCE_MARKDOWN);
    source_release(&src);
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
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
