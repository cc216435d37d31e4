/* test-bytebuf.c - the growable byte buffer with a ceiling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bytebuf.h"

static void
test_appends_and_finishes(void **state)
{
    (void)state;
    bytebuf b;
    bytebuf_init(&b, 1 << 20);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(bytebuf_append(&b, "minutes ", 8), BYTEBUF_OK);
    assert_int_equal(b.len, 8000);
    assert_true(b.cap >= b.len);
    size_t len;
    char *text = bytebuf_finish(&b, &len);
    assert_non_null(text);
    assert_int_equal(len, 8000);
    assert_int_equal(text[len], '\0');
    assert_memory_equal(text + 7992, "minutes ", 8);
    /* finishing empties the buffer, which is ready for more */
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    free(text);
}

static void
test_ceiling(void **state)
{
    (void)state;
    bytebuf b;
    bytebuf_init(&b, 10);
    assert_int_equal(bytebuf_append(&b, "0123456789", 10), BYTEBUF_OK);
    assert_int_equal(b.cap, 10); /* never past the ceiling, even at first */
    assert_int_equal(bytebuf_append(&b, "x", 1), BYTEBUF_TOO_LARGE);
    assert_int_equal(bytebuf_reserve(&b, 1), BYTEBUF_TOO_LARGE);
    assert_int_equal(b.len, 10); /* unchanged by the refusal */
    assert_int_equal(bytebuf_reserve(&b, SIZE_MAX), BYTEBUF_TOO_LARGE);
    size_t len;
    char *text = bytebuf_finish(&b, &len);
    assert_string_equal(text, "0123456789");
    free(text);
}

static void
test_reserve_for_direct_writes(void **state)
{
    (void)state;
    bytebuf b;
    bytebuf_init(&b, BYTEBUF_UNLIMITED);
    assert_int_equal(bytebuf_reserve(&b, 100000), BYTEBUF_OK);
    assert_true(b.cap >= 100000);
    memset(b.data, 'a', 100000);
    b.len = 100000;
    assert_int_equal(bytebuf_reserve(&b, 1), BYTEBUF_OK);
    assert_true(b.cap >= 200000); /* doubled, not grown a byte at a time */
    bytebuf_release(&b);
    bytebuf_release(&b); /* releasing twice is harmless */
    assert_null(b.data);
}

static void
test_empty_finish(void **state)
{
    (void)state;
    bytebuf b;
    bytebuf_init(&b, 100);
    size_t len = 99;
    char *text = bytebuf_finish(&b, &len);
    assert_non_null(text);
    assert_string_equal(text, "");
    assert_int_equal(len, 0);
    free(text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_appends_and_finishes),
        cmocka_unit_test(test_ceiling),
        cmocka_unit_test(test_reserve_for_direct_writes),
        cmocka_unit_test(test_empty_finish),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
