/* test-meta.c - meeting metadata normalizers: board ids, dates, minute numbers, item types and
 * the vocabularies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "meta.h"

static int
setup(void **state)
{
    static arena a;
    arena_init(&a, 4096);
    *state = &a;
    return 0;
}

static int
teardown(void **state)
{
    arena_release(*state);
    return 0;
}

static char *
name_id(arena *a, const char *name)
{
    return meta_name_id(a, name, strlen(name));
}

static void
test_name_id_normalizes_spellings(void **state)
{
    arena *a = *state;
    const char *want = "education-and-childrens-services-scrutiny-board-2";
    assert_string_equal(name_id(a, "Education and Children's Services Scrutiny Board (2)"), want);
    assert_string_equal(
        name_id(a, "Education and Children\xE2\x80\x99s Services Scrutiny Board (2)"), want);
    assert_string_equal(name_id(a, "  EDUCATION & Children's Services Scrutiny Board (2) "), want);
    assert_string_equal(name_id(a, "Audit & Procurement Committee"),
                        "audit-and-procurement-committee");
    assert_string_equal(name_id(a, "Cabinet"), "cabinet");
    assert_string_equal(name_id(a, "Scrutiny Co-ordination Committee"),
                        "scrutiny-co-ordination-committee");
    /* Accents fold as in the text. */
    assert_string_equal(name_id(a, "Pwyllgor Ynys M\xC3\xB4n"), "pwyllgor-ynys-mon");
}

static void
test_name_id_of_nothing_is_null(void **state)
{
    arena *a = *state;
    assert_null(name_id(a, ""));
    assert_null(name_id(a, " - () '"));
    assert_null(meta_name_id(a, NULL, 0));
    /* Only `len` bytes are read. */
    assert_string_equal(meta_name_id(a, "Cabinet Member", 7), "cabinet");
}

/* The date meta_find_date() finds in `text`, or "" when none. */
static const char *
find_date(const char *text)
{
    static char out[11];
    if (!meta_find_date(text, strlen(text), out))
        return "";
    return out;
}

static void
test_find_date_formats(void **state)
{
    (void)state;
    assert_string_equal(find_date("held at 2.00 pm on Thursday, 29 June 2017"), "2017-06-29");
    assert_string_equal(find_date("10.30 am on Thursday, 16th September, 2021"), "2021-09-16");
    assert_string_equal(find_date("16th September 2021"), "2021-09-16");
    assert_string_equal(find_date("on 1st May 2019"), "2019-05-01");
    assert_string_equal(find_date("the 22nd Feb 2022"), "2022-02-22");
    assert_string_equal(find_date("3rd Sept. 2020"), "2020-09-03");
    assert_string_equal(find_date("workshop on 3 rd July 2021."), "2021-07-03");
    assert_string_equal(find_date("held Wednesday, 13th of June 2018 at"), "2018-06-13");
    assert_string_equal(find_date("the 2nd of Dec. 2024"), "2024-12-02");
    assert_string_equal(find_date("Wednesday 8 september 2021"), "2021-09-08");
    assert_string_equal(find_date("June 29, 2017"), "2017-06-29");
    assert_string_equal(find_date("dated 29/06/2017"), "2017-06-29");
    assert_string_equal(find_date("dated 1/6/2017"), "2017-06-01");
    assert_string_equal(find_date("file 2017-06-29.pdf"), "2017-06-29");
    /* Two-digit years: this century up to 69, else the last. */
    assert_string_equal(find_date("held on Wednesday 3/6/20 at 7pm"), "2020-06-03");
    assert_string_equal(find_date("Last updated 07/09/21"), "2021-09-07");
    assert_string_equal(find_date("on 31/12/99"), "1999-12-31");
    /* Welsh months, in full. */
    assert_string_equal(find_date("nos Fawrth, 12 Mawrth 2019"), "2019-03-12");
    assert_string_equal(find_date("nos Lun 6 Ionawr 2020"), "2020-01-06");
    assert_string_equal(find_date("9 Ebrill 2019 / 2 Rhagfyr 2019"), "2019-04-09");
    assert_string_equal(find_date("Dydd Iau, 9fed Hydref, 2014 2.00 o'r gloch"), "2014-10-09");
    assert_string_equal(find_date("Dydd Llun, 1af Mawrth 2021"), "2021-03-01");
    /* The first date wins. */
    assert_string_equal(find_date("from 6th to 30th March 2017, published 13th June 2017"),
                        "2017-03-30");
}

static void
test_find_date_rejects_non_dates(void **state)
{
    (void)state;
    assert_string_equal(find_date("31 June 2017"), "");
    assert_string_equal(find_date("29 February 2017"), "");
    assert_string_equal(find_date("30/02/2020"), "");
    assert_string_equal(find_date("2017-13-01"), "");
    assert_string_equal(find_date("0 May 2017"), "");
    assert_string_equal(find_date("4/3/2"), "");     /* a one-digit year */
    assert_string_equal(find_date("4/3/200"), "");   /* three digits */
    assert_string_equal(find_date("12 Mayor 2017"), "");
    assert_string_equal(find_date("A12 May 2017 B"), "");
    assert_string_equal(find_date("12 May 17"), "");
    assert_string_equal(find_date("2.00 pm, 10.30 am, 84/16"), "");
    assert_string_equal(find_date(""), "");
    char out[11];
    assert_int_equal(meta_find_date(NULL, 0, out), 0);
    /* Only `len` bytes are read: the year is cut off. */
    assert_int_equal(meta_find_date("29 June 2017", 10, out), 0);
}

static void
test_find_date_leap_years_and_old_dates(void **state)
{
    (void)state;
    assert_string_equal(find_date("29 February 2016"), "2016-02-29");
    assert_string_equal(find_date("29 February 2000"), "2000-02-29");
    assert_string_equal(find_date("29 February 1900"), "");
    assert_string_equal(find_date("held on 14 October 1966"), "1966-10-14");
    assert_string_equal(find_date("1 January 1900"), "1900-01-01");
    assert_string_equal(find_date("31 December 2099"), "2099-12-31");
}

static void
test_days_in_month(void **state)
{
    (void)state;
    assert_int_equal(meta_days_in_month(2017, 1), 31);
    assert_int_equal(meta_days_in_month(2017, 4), 30);
    assert_int_equal(meta_days_in_month(2017, 2), 28);
    assert_int_equal(meta_days_in_month(2020, 2), 29);
    assert_int_equal(meta_days_in_month(1900, 2), 28); /* a century is not a leap year */
    assert_int_equal(meta_days_in_month(2000, 2), 29); /* unless it divides by 400 */
    assert_int_equal(meta_days_in_month(2024, 12), 31);
}

static void
test_minute_number_follows_the_municipal_year(void **state)
{
    arena *a = *state;
    assert_string_equal(meta_minute_number(a, "3", "2017-06-29"), "3/17");
    assert_string_equal(meta_minute_number(a, "17", "2016-09-15"), "17/16");
    assert_string_equal(meta_minute_number(a, "5", "2017-03-02"), "5/16");
    assert_string_equal(meta_minute_number(a, "1", "2017-04-30"), "1/16");
    assert_string_equal(meta_minute_number(a, "1", "2017-05-01"), "1/17");
    assert_string_equal(meta_minute_number(a, "12", "2000-01-10"), "12/99");
    assert_string_equal(meta_minute_number(a, "4", "2005-06-01"), "4/05");
}

static void
test_minute_number_needs_item_and_date(void **state)
{
    arena *a = *state;
    assert_null(meta_minute_number(a, NULL, "2017-06-29"));
    assert_null(meta_minute_number(a, "3", NULL));
    assert_null(meta_minute_number(a, "", "2017-06-29"));
    assert_null(meta_minute_number(a, "3", "29 June 2017"));
    assert_null(meta_minute_number(a, "3", "2017-13-29"));
    assert_null(meta_minute_number(a, "3", "2017-06-29x"));
}

static void
test_item_types(void **state)
{
    (void)state;
    assert_string_equal(meta_item_type("Apologies and Substitutions"), "apologies");
    assert_string_equal(meta_item_type("Apologies for Absence"), "apologies");
    assert_string_equal(meta_item_type("Declarations of Interests"), "declarations");
    assert_string_equal(meta_item_type("Minutes"), "minutes");
    assert_string_equal(meta_item_type("Minutes of the Previous Meeting"), "minutes");
    assert_string_equal(meta_item_type("Matters Arising"), "minutes");
    assert_string_equal(meta_item_type("Work Programme"), "work-programme");
    assert_string_equal(meta_item_type("Work Programme and Outstanding Issues"), "work-programme");
    assert_string_equal(meta_item_type("Outstanding Issues"), "outstanding-issues");
    assert_string_equal(meta_item_type("Any Other Business"), "any-other-business");
    assert_string_equal(meta_item_type("Any other items of public business"), "any-other-business");
    assert_string_equal(meta_item_type("Public Questions"), "public-questions");
    assert_string_equal(meta_item_type("Petitions"), "petitions");
    assert_string_equal(meta_item_type("Exclusion of the Press and Public"), "exempt");
    assert_string_equal(meta_item_type("Exempt Minutes"), "exempt");
    assert_string_equal(meta_item_type("Date of Next Meeting"), "other");
    assert_string_equal(meta_item_type("Chair\xE2\x80\x99s Announcements"), "other");
    assert_string_equal(meta_item_type("Ofsted Report"), "report");
    assert_string_equal(meta_item_type("Children's Services Ofsted Visit Outcome"), "report");
    /* Patterns match at the start of a word only. */
    assert_string_equal(meta_item_type("Reapologising"), "report");
    assert_string_equal(meta_item_type(NULL), "other");
    assert_string_equal(meta_item_type(""), "other");
}

static void
test_item_types_are_in_the_vocabulary(void **state)
{
    (void)state;
    const char *titles[] = {"Apologies",
                            "Declarations of Interest",
                            "Minutes",
                            "Work Programme",
                            "Outstanding Issues",
                            "Any Other Business",
                            "Public Question Time",
                            "Petitions",
                            "Exempt Business",
                            "Date of Next Meeting",
                            "Budget Report",
                            NULL};
    for (size_t i = 0; titles[i]; i++)
        assert_true(meta_in_vocabulary(meta_item_types, meta_item_type(titles[i])));
}

static void
test_vocabularies(void **state)
{
    (void)state;
    assert_true(meta_in_vocabulary(meta_doc_types, "minutes"));
    assert_true(meta_in_vocabulary(meta_doc_types, "agenda"));
    assert_true(meta_in_vocabulary(meta_doc_types, "briefing-note"));
    assert_true(meta_in_vocabulary(meta_doc_types, "report"));
    assert_true(meta_in_vocabulary(meta_doc_types, "appendix"));
    assert_true(meta_in_vocabulary(meta_doc_types, "agenda-item"));
    assert_false(meta_in_vocabulary(meta_doc_types, "Minutes"));
    assert_false(meta_in_vocabulary(meta_doc_types, "apologies"));
    assert_true(meta_in_vocabulary(meta_item_types, "work-programme"));
    assert_true(meta_in_vocabulary(meta_item_types, "other"));
    assert_false(meta_in_vocabulary(meta_item_types, "minutes "));
    const char *kinds[] = {"text", "heading", "list-item", "resolution", "attendance", "table-row"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        assert_true(meta_in_vocabulary(meta_para_kinds, kinds[i]));
    assert_false(meta_in_vocabulary(meta_para_kinds, NULL));
    assert_false(meta_in_vocabulary(NULL, "text"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_name_id_normalizes_spellings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_name_id_of_nothing_is_null, setup, teardown),
        cmocka_unit_test(test_find_date_formats),
        cmocka_unit_test(test_find_date_rejects_non_dates),
        cmocka_unit_test(test_find_date_leap_years_and_old_dates),
        cmocka_unit_test(test_days_in_month),
        cmocka_unit_test_setup_teardown(test_minute_number_follows_the_municipal_year, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_minute_number_needs_item_and_date, setup, teardown),
        cmocka_unit_test(test_item_types),
        cmocka_unit_test(test_item_types_are_in_the_vocabulary),
        cmocka_unit_test(test_vocabularies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
