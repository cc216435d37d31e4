/* test-arena.c - the per-document bump allocator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"

static void
test_alignment_and_separation(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 256);
    char *prev = NULL;
    for (int i = 0; i < 100; i++) {
        char *p = arena_alloc(&a, (size_t)(i % 37) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, i, (size_t)(i % 37) + 1);
        if (prev)
            assert_ptr_not_equal(p, prev);
        prev = p;
    }
    arena_release(&a);
}

static void
test_large_requests_and_reset(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 1024);
    char *small = arena_strndup(&a, "Ofsted Report", 6);
    assert_string_equal(small, "Ofsted");
    char *big = arena_alloc(&a, 100000); /* its own block */
    assert_non_null(big);
    memset(big, 'x', 100000);
    char *after = arena_strndup(&a, "fostering", 9);
    assert_string_equal(after, "fostering");
    assert_string_equal(small, "Ofsted"); /* untouched by the big block */

    arena_reset(&a);
    char *again = arena_alloc(&a, 64);
    assert_non_null(again);
    memset(again, 0, 64);
    arena_reset(&a);
    arena_reset(&a);
    arena_release(&a);
    arena_release(&a); /* releasing twice is harmless */
}

static void
test_overflowing_size_fails(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    assert_null(arena_alloc(&a, SIZE_MAX));
    assert_null(arena_alloc(&a, SIZE_MAX - 8));
    arena_release(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alignment_and_separation),
        cmocka_unit_test(test_large_requests_and_reset),
        cmocka_unit_test(test_overflowing_size_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
