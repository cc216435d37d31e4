/* test-segment.c - paragraph splitting and agenda-item tagging, on the seeds and on small
 * texts that exercise one rule each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "read.h"
#include "segment.h"

typedef struct fixture {
    arena a;
    source src;
    segmentation seg;
} fixture;

static int
setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof f);
    arena_init(&f.a, 4096);
    *state = &f;
    return 0;
}

static int
teardown(void **state)
{
    fixture *f = *state;
    arena_release(&f->a);
    source_release(&f->src);
    return 0;
}

static const segmentation *
segment_string(fixture *f, const char *text)
{
    assert_int_equal(segment_document(text, strlen(text), &f->a, &f->seg), MINUTES_OK);
    return &f->seg;
}

static const segmentation *
segment_seed(fixture *f, const char *name)
{
    char path[256];
    const char *reason = NULL;
    snprintf(path, sizeof path, "seeds/%s", name);
    assert_int_equal(read_source(path, &f->src, &reason), MINUTES_OK);
    assert_int_equal(segment_document(f->src.text, f->src.len, &f->a, &f->seg), MINUTES_OK);
    return &f->seg;
}

/* The first paragraph whose text contains `needle`; fails the test if there is none. */
static const paragraph *
find_para(const segmentation *seg, const char *needle)
{
    for (size_t i = 0; i < seg->count; i++)
        if (strstr(seg->paras[i].text, needle))
            return &seg->paras[i];
    fail_msg("no paragraph contains '%s'", needle);
    return NULL;
}

static void
assert_item(const paragraph *p, const char *number, const char *title)
{
    assert_non_null(p->item_number);
    assert_string_equal(p->item_number, number);
    assert_non_null(p->item_title);
    assert_string_equal(p->item_title, title);
}

static void
test_blank_lines_split_paragraphs(void **state)
{
    /* CRLF, a BOM, a line of only a no-break space, a line of spaces and tabs. */
    const segmentation *seg = segment_string(*state, "\xEF\xBB\xBF"
                                                     "First line\r\nstill first\r\n"
                                                     "\xC2\xA0\r\n"
                                                     "Second\n \t \nThird\n");
    assert_int_equal(seg->count, 3);
    assert_string_equal(seg->paras[0].text, "First line\nstill first");
    assert_int_equal(seg->paras[0].line_first, 1);
    assert_int_equal(seg->paras[0].line_last, 2);
    assert_int_equal(seg->paras[0].offset, 3); /* after the BOM */
    assert_int_equal(seg->paras[0].length, strlen("First line\r\nstill first"));
    assert_string_equal(seg->paras[1].text, "Second");
    assert_int_equal(seg->paras[1].line_first, 4);
    assert_string_equal(seg->paras[2].text, "Third");
    assert_int_equal(seg->paras[2].line_first, 6);
    for (size_t i = 0; i < seg->count; i++)
        assert_int_equal(seg->paras[i].ordinal, i + 1);
}

static void
test_offsets_point_into_the_text(void **state)
{
    const char *text = "\n\nAlpha beta\ngamma\n\n\n  Delta\n";
    const segmentation *seg = segment_string(*state, text);
    assert_int_equal(seg->count, 2);
    assert_memory_equal(text + seg->paras[0].offset, "Alpha beta\ngamma", seg->paras[0].length);
    assert_memory_equal(text + seg->paras[1].offset, "  Delta", seg->paras[1].length);
    assert_string_equal(seg->paras[1].text, "Delta");
}

static void
test_markdown_markup_is_removed(void **state)
{
    const segmentation *seg = segment_string(
        *state, "**Coventry City Council**  \nheld on 16<sup>th</sup> June,   2016\n\n"
                "See <http://moderngov.coventry.gov.uk>\n");
    assert_int_equal(seg->count, 2);
    assert_string_equal(seg->paras[0].text, "Coventry City Council\nheld on 16th June, 2016");
    assert_string_equal(seg->paras[1].text, "See <http://moderngov.coventry.gov.uk>");
}

static void
test_headings_start_items(void **state)
{
    const segmentation *seg =
        segment_string(*state, "Preamble\n\n3. Ofsted Report\n\nText of three.\n\n"
                               "### **15. Declarations of Interests**\n\nNone.\n\n"
                               "## 18. **Quality Assurance Auditing**\n\nAudits.\n");
    assert_int_equal(seg->count, 7);
    assert_null(seg->paras[0].item_number);
    assert_int_equal(seg->paras[1].kind, PARA_HEADING);
    assert_item(&seg->paras[1], "3", "Ofsted Report");
    assert_string_equal(seg->paras[1].text, "3. Ofsted Report");
    assert_item(&seg->paras[2], "3", "Ofsted Report");
    assert_int_equal(seg->paras[2].kind, PARA_TEXT);
    assert_item(&seg->paras[3], "15", "Declarations of Interests");
    assert_item(&seg->paras[4], "15", "Declarations of Interests");
    assert_item(&seg->paras[6], "18", "Quality Assurance Auditing");
}

static void
test_sentences_are_not_headings(void **state)
{
    /* A numbered sentence on its own is a list item, not a new agenda item; so is a year. */
    const segmentation *seg =
        segment_string(*state, "3. Ofsted Report\n\n1. Continue to monitor services.\n\n"
                               "2017. A year\n");
    assert_int_equal(seg->count, 3);
    assert_int_equal(seg->paras[1].kind, PARA_LIST_ITEM);
    assert_item(&seg->paras[1], "3", "Ofsted Report");
    assert_item(&seg->paras[2], "3", "Ofsted Report");
}

static void
test_list_entries_are_paragraphs(void **state)
{
    const segmentation *seg =
        segment_string(*state, "RESOLVED that\n- 1) **The report be noted.**\n"
                               "- 2) A group be established:\nCouncillor M Mutton\n"
                               "  \xE2\x80\xA2 Private fostering\na) first\n(ii) second\n");
    assert_int_equal(seg->count, 6);
    assert_int_equal(seg->paras[0].kind, PARA_TEXT);
    assert_string_equal(seg->paras[0].text, "RESOLVED that");
    assert_string_equal(seg->paras[1].text, "1) The report be noted.");
    assert_int_equal(seg->paras[1].kind, PARA_LIST_ITEM);
    assert_string_equal(seg->paras[2].text, "2) A group be established:\nCouncillor M Mutton");
    assert_int_equal(seg->paras[2].line_first, 3);
    assert_int_equal(seg->paras[2].line_last, 4);
    assert_string_equal(seg->paras[3].text, "Private fostering");
    assert_string_equal(seg->paras[4].text, "a) first");
    assert_string_equal(seg->paras[5].text, "(ii) second");
}

static void
test_moderngov_heading_and_noise(void **state)
{
    const segmentation *seg =
        segment_string(*state, "6.\n\nDeclarations of Interests\n\nMinutes:\n\n"
                               "7.\n\nMinutes pdf icon PDF 312 KB\n\nAgreed.\n\n"
                               "4. Work Programme (Pages 37 - 40)\n\n"
                               "5. Ofsted Visit Outcome\n(Pages 7 - 36)\n\nBody.\n");
    assert_int_equal(seg->count, 7);
    assert_int_equal(seg->paras[0].kind, PARA_HEADING);
    assert_int_equal(seg->paras[0].line_first, 1);
    assert_int_equal(seg->paras[0].line_last, 3);
    assert_item(&seg->paras[1], "6", "Declarations of Interests");
    assert_item(&seg->paras[2], "7", "Minutes");
    assert_string_equal(seg->paras[2].text, "7. Minutes");
    assert_item(&seg->paras[3], "7", "Minutes");
    assert_item(&seg->paras[4], "4", "Work Programme");
    assert_item(&seg->paras[5], "5", "Ofsted Visit Outcome");
    assert_int_equal(seg->paras[5].line_last, 16);
    assert_string_equal(seg->paras[6].text, "Body.");
    assert_item(&seg->paras[6], "5", "Ofsted Visit Outcome");
}

static void
test_markdown_section_heading_ends_item(void **state)
{
    const segmentation *seg = segment_string(
        *state, "### **22. Any Other Business**\n\nNone.\n\n## **Private Business**\n\nNil\n");
    assert_int_equal(seg->count, 4);
    assert_item(&seg->paras[1], "22", "Any Other Business");
    assert_int_equal(seg->paras[2].kind, PARA_HEADING);
    assert_string_equal(seg->paras[2].text, "Private Business");
    assert_null(seg->paras[3].item_number);
}

static void
test_empty_and_wordless_input(void **state)
{
    fixture *f = *state;
    assert_int_equal(segment_document("", 0, &f->a, &f->seg), MINUTES_OK);
    assert_int_equal(f->seg.count, 0);
    const segmentation *seg = segment_string(f, "\n \n\xC2\xA0\n---\n\n**\n");
    assert_int_equal(seg->count, 0);
}

static void
test_seed_000_items(void **state)
{
    const segmentation *seg = segment_seed(*state, "000_6f14756a497cac9d.txt");
    assert_null(find_para(seg, "Public Business")->item_number);
    assert_item(find_para(seg, "no Disclosable Pecuniary"), "1", "Declarations of Interests");
    assert_item(find_para(seg, "27th April, 2017"), "2", "Minutes");
    const paragraph *rec = find_para(seg, "privately fostered children");
    assert_item(rec, "3", "Ofsted Report");
    assert_int_equal(rec->kind, PARA_LIST_ITEM);
    assert_int_equal(rec->line_first, 70);
    const paragraph *bullet = find_para(seg, "Private fostering");
    assert_string_equal(bullet->text, "Private fostering");
    assert_int_equal(bullet->line_first, 87);
    assert_item(find_para(seg, "no other items of business"), "4", "Any Other Business");
}

static void
test_seed_001_moderngov_items(void **state)
{
    const segmentation *seg = segment_seed(*state, "001_dbc9e66ed936fc45.txt");
    assert_item(find_para(seg, "no disclosable interests"), "6", "Declarations of Interests");
    assert_item(find_para(seg, "agreed as a true record"), "7", "Minutes");
    assert_item(find_para(seg, "focused assurance visit"), "8",
                "Children's Services Ofsted Visit Outcome and Action Plan Progress");
    assert_item(find_para(seg, "Scrutiny Co-ordinator"), "9", "Work Programme");
    for (size_t i = 0; i < seg->count; i++)
        assert_null(strstr(seg->paras[i].text, "pdf icon"));
}

static void
test_seed_003_markdown_items(void **state)
{
    const segmentation *seg = segment_seed(*state, "003_ece979df50451812.txt");
    assert_item(find_para(seg, "16th June, 2016"), "16", "Minutes");
    assert_item(find_para(seg, "Recording was still inconsistent"), "18",
                "Quality Assurance Auditing");
    assert_item(find_para(seg, "Private Foster Care"), "19", "Staying Put Arrangements and Policy");
    for (size_t i = 0; i < seg->count; i++) {
        assert_null(strstr(seg->paras[i].text, "**"));
        assert_null(strstr(seg->paras[i].text, "<sup>"));
        assert_null(strstr(seg->paras[i].text, "###"));
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_blank_lines_split_paragraphs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_offsets_point_into_the_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_markdown_markup_is_removed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_headings_start_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sentences_are_not_headings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_entries_are_paragraphs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_moderngov_heading_and_noise, setup, teardown),
        cmocka_unit_test_setup_teardown(test_markdown_section_heading_ends_item, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_and_wordless_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_000_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_001_moderngov_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_003_markdown_items, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
