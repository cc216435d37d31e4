/* test-normalize.c - folding typographic characters for matching: spaces, soft hyphens,
 * ligatures, quotes, dashes and ellipses become what a user types. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normalize.h"

/* The folded text of a NUL-terminated string, in a static buffer. */
static const char *
fold(const char *in)
{
    static char out[1024];
    size_t len = strlen(in);
    assert_true(len < sizeof out);
    memset(out, 'X', sizeof out);
    size_t n = normalize_for_index(in, len, out);
    assert_true(n <= len);
    assert_int_equal(out[n], '\0');
    assert_int_equal(strlen(out), n);
    return out;
}

static void
test_apostrophes_match(void **state)
{
    (void)state;
    char curly[64], straight[64];
    strcpy(curly, fold("Children\xE2\x80\x99s Services"));
    strcpy(straight, fold("Children's Services"));
    assert_string_equal(curly, straight);
    assert_string_equal(curly, "Children's Services");
}

static void
test_quotes(void **state)
{
    (void)state;
    assert_string_equal(
        fold("\xE2\x80\x98single\xE2\x80\x99 \xE2\x80\x9A\xE2\x80\x9B 5\xE2\x80\xB2"),
        "'single' '' 5'");
    assert_string_equal(fold("\xE2\x80\x9C"
                             "double\xE2\x80\x9D \xE2\x80\x9E\xE2\x80\x9F 6\xE2\x80\xB3"),
                        "\"double\" \"\" 6\"");
}

static void
test_spaces(void **state)
{
    (void)state;
    /* NBSP, en quad, thin space, hair space, narrow NBSP, medium math space, ideographic
     * space, line separator */
    assert_string_equal(fold("a\xC2\xA0"
                             "b\xE2\x80\x80"
                             "c\xE2\x80\x89"
                             "d\xE2\x80\x8A"
                             "e\xE2\x80\xAF"
                             "f\xE2\x81\x9F"
                             "g\xE3\x80\x80"
                             "h\xE2\x80\xA8i"),
                        "a b c d e f g h i");
    /* soft hyphen and zero-width characters go */
    assert_string_equal(fold("co\xC2\xAD"
                             "operation \xEF\xBB\xBFword\xE2\x80\x8Bjoin\xE2\x81\xA0"
                             "ed"),
                        "cooperation wordjoined");
}

static void
test_ligatures(void **state)
{
    (void)state;
    assert_string_equal(fold("\xEF\xAC\x80 \xEF\xAC\x81 \xEF\xAC\x82 \xEF\xAC\x83 \xEF\xAC\x84 "
                             "\xEF\xAC\x85 \xEF\xAC\x86"),
                        "ff fi fl ffi ffl st st");
    assert_string_equal(fold("\xEF\xAC\x81nance o\xEF\xAC\x83"
                             "ce"),
                        "finance office");
}

static void
test_dashes_and_ellipsis(void **state)
{
    (void)state;
    assert_string_equal(fold("a\xE2\x80\x90"
                             "b\xE2\x80\x91"
                             "c\xE2\x80\x92"
                             "d\xE2\x80\x93"
                             "e\xE2\x80\x94"
                             "f\xE2\x80\x95"
                             "g\xE2\x88\x92h"),
                        "a-b-c-d-e-f-g-h");
    assert_string_equal(fold("and so on\xE2\x80\xA6"), "and so on...");
}

static void
test_everything_else_kept(void **state)
{
    (void)state;
    /* other characters, invalid and truncated UTF-8 are copied as they are */
    const char *kept = "caf\xC3\xA9 \xE2\x82\xAC 5 \xF0\x9F\x98\x80 \xFF\xC2 end \xE2\x80";
    assert_string_equal(fold(kept), kept);
    assert_string_equal(fold(""), "");
    assert_string_equal(fold("plain ASCII, untouched."), "plain ASCII, untouched.");
}

static void
test_in_place(void **state)
{
    (void)state;
    char text[] = "\xE2\x80\x9C"
                  "Children\xE2\x80\x99s\xE2\x80\x9D\xC2\xA0\xE2\x80\x93 "
                  "\xEF\xAC\x81ne\xE2\x80\xA6";
    size_t n = normalize_for_index(text, strlen(text), text);
    assert_string_equal(text, "\"Children's\" - fine...");
    assert_int_equal(n, strlen(text));
    /* only the given length is read */
    char part[] = "a\xE2\x80\x99z";
    char out[8];
    n = normalize_for_index(part, 2, out);
    assert_int_equal(n, 2);
    assert_memory_equal(out, "a\xE2", 3);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apostrophes_match),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_spaces),
        cmocka_unit_test(test_ligatures),
        cmocka_unit_test(test_dashes_and_ellipsis),
        cmocka_unit_test(test_everything_else_kept),
        cmocka_unit_test(test_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
