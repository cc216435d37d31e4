/* test-strlist.c - the growable list of strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "strlist.h"

static void
test_add_copies(void **state)
{
    (void)state;
    strlist list = {0};
    char name[] = "Cabinet Member";
    assert_int_equal(strlist_add(&list, name, 7), MINUTES_OK);
    name[0] = 'X'; /* the list holds its own copy */
    assert_int_equal(list.count, 1);
    assert_string_equal(list.items[0], "Cabinet");
    assert_int_equal(strlist_add(&list, "", 0), MINUTES_OK);
    assert_string_equal(list.items[1], "");
    strlist_release(&list);
    assert_int_equal(list.count, 0);
    assert_null(list.items);
    strlist_release(&list); /* releasing twice is harmless */
}

static void
test_grows_in_order(void **state)
{
    (void)state;
    strlist list = {0};
    for (int i = 0; i < 1000; i++) {
        char s[16];
        int n = snprintf(s, sizeof s, "item %d", i);
        assert_int_equal(strlist_add(&list, s, (size_t)n), MINUTES_OK);
    }
    assert_int_equal(list.count, 1000);
    assert_true(list.cap >= 1000);
    assert_string_equal(list.items[0], "item 0");
    assert_string_equal(list.items[999], "item 999");
    strlist_release(&list);
}

static void
test_take_owns(void **state)
{
    (void)state;
    strlist list = {0};
    char *s = malloc(4);
    assert_non_null(s);
    memcpy(s, "abc", 4);
    assert_int_equal(strlist_take(&list, s), MINUTES_OK);
    assert_ptr_equal(list.items[0], s);
    strlist_release(&list); /* frees s */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_copies),
        cmocka_unit_test(test_grows_in_order),
        cmocka_unit_test(test_take_owns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
