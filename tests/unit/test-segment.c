/* test-segment.c - paragraph splitting and agenda-item tagging, on the seeds and on small
 * texts that exercise one rule each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "read.h"
#include "meta.h"
#include "segment.h"
#include "text.h"

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
    assert_int_equal(segment_document(text, strlen(text), NULL, &f->a, &f->seg), MINUTES_OK);
    return &f->seg;
}

static const segmentation *
segment_seed(fixture *f, const char *name)
{
    char path[256];
    const char *reason = NULL;
    snprintf(path, sizeof path, "seeds/%s", name);
    assert_int_equal(read_source(path, &f->src, &reason), MINUTES_OK);
    assert_int_equal(segment_document(f->src.text, f->src.len, NULL, &f->a, &f->seg), MINUTES_OK);
    return &f->seg;
}

static const segmentation *
segment_with_sidecar(fixture *f, const char *text, const para_meeting *sidecar)
{
    assert_int_equal(segment_document(text, strlen(text), sidecar, &f->a, &f->seg), MINUTES_OK);
    return &f->seg;
}

/* Compare a possibly NULL string with an expected one (NULL: expect NULL). */
static void
assert_optional_string(const char *actual, const char *expected)
{
    if (!expected) {
        assert_null(actual);
        return;
    }
    assert_non_null(actual);
    assert_string_equal(actual, expected);
}

static void
assert_meeting(const paragraph *p, const char *council, const char *board, const char *date,
               const char *doc_type)
{
    assert_non_null(p->meeting);
    assert_optional_string(p->meeting->council, council);
    assert_optional_string(p->meeting->board, board);
    assert_optional_string(p->meeting->date, date);
    assert_optional_string(p->meeting->doc_type, doc_type);
}

static int
has_ref(const paragraph *p, const char *ref)
{
    for (size_t i = 0; i < p->minute_ref_count; i++)
        if (strcmp(p->minute_refs[i], ref) == 0)
            return 1;
    return 0;
}

/* The heading paragraphs that start items, in order, as "N. Title" joined by "|". */
static const char *
item_headings(const segmentation *seg, unsigned section)
{
    static char buf[2048];
    buf[0] = '\0';
    for (size_t i = 0; i < seg->count; i++) {
        const paragraph *p = &seg->paras[i];
        if (p->section != section || p->kind != PARA_HEADING || !p->item_number ||
            strncmp(p->text, p->item_number, strlen(p->item_number)) != 0)
            continue;
        if (buf[0])
            strncat(buf, "|", sizeof buf - strlen(buf) - 1);
        strncat(buf, p->text, sizeof buf - strlen(buf) - 1);
    }
    return buf;
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
    /* A resolution's lead-in and its entries are resolutions (see the resolution tests). */
    assert_int_equal(seg->paras[0].kind, PARA_RESOLUTION);
    assert_string_equal(seg->paras[0].text, "RESOLVED that");
    assert_string_equal(seg->paras[1].text, "1) The report be noted.");
    assert_int_equal(seg->paras[1].kind, PARA_RESOLUTION);
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
    assert_int_equal(segment_document("", 0, NULL, &f->a, &f->seg), MINUTES_OK);
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

/* ---- the seed acceptance table ---------------------------------------------------------- */

#define BOARD_2 "Education and Children's Services Scrutiny Board (2)"
#define BOARD_2_ID "education-and-childrens-services-scrutiny-board-2"
#define COVENTRY "Coventry City Council"

static void
test_seed_000_acceptance(void **state)
{
    const segmentation *seg = segment_seed(*state, "000_6f14756a497cac9d.txt");
    assert_int_equal(seg->undated, 0);
    for (size_t i = 0; i < seg->count; i++) {
        assert_meeting(&seg->paras[i], COVENTRY, BOARD_2, "2017-06-29", "minutes");
        assert_string_equal(seg->paras[i].meeting->board_id, BOARD_2_ID);
        assert_int_equal(seg->paras[i].section, 0);
    }
    assert_string_equal(item_headings(seg, 0), "1. Declarations of Interests|2. Minutes|"
                                               "3. Ofsted Report|4. Any Other Business");
    assert_string_equal(find_para(seg, "no Disclosable Pecuniary")->item_type, "declarations");
    assert_string_equal(find_para(seg, "27th April, 2017")->item_type, "minutes");
    assert_string_equal(find_para(seg, "nine recommendations")->item_type, "report");
    assert_string_equal(find_para(seg, "no other items of business")->item_type,
                        "any-other-business");

    /* The Present block, up to "Public Business". */
    const char *attendance[] = {"Present:",
                                "Members: Councillor M Mutton",
                                "Co-Opted Members",
                                "Cabinet Members",
                                "Other Members",
                                "Employees (by",
                                "J Gregg, People Directorate"};
    for (size_t i = 0; i < sizeof attendance / sizeof attendance[0]; i++)
        assert_int_equal(find_para(seg, attendance[i])->kind, PARA_ATTENDANCE);
    const paragraph *business = find_para(seg, "Public Business");
    assert_int_equal(business->kind, PARA_HEADING);
    assert_null(business->item_type);
    assert_null(business->minute_number);

    const char *resolutions[] = {"RESOLVED that", "1) The report be noted",
                                 "2) A Task and Finish group", "3) The work programme"};
    for (size_t i = 0; i < sizeof resolutions / sizeof resolutions[0]; i++)
        assert_int_equal(find_para(seg, resolutions[i])->kind, PARA_RESOLUTION);

    /* The nine recommendations are list items of item 3, not items. */
    size_t recommendations = 0;
    for (size_t i = 0; i < seg->count; i++) {
        const paragraph *p = &seg->paras[i];
        if (p->line_first >= 64 && p->line_first <= 72) {
            assert_int_equal(p->kind, PARA_LIST_ITEM);
            assert_item(p, "3", "Ofsted Report");
            recommendations++;
        }
        if (p->item_number && strcmp(p->item_number, "3") == 0)
            assert_string_equal(p->minute_number, "3/17");
    }
    assert_int_equal(recommendations, 9);

    const paragraph *further = find_para(seg, "Further to minute 84/16");
    assert_int_equal(further->minute_ref_count, 1);
    assert_true(has_ref(further, "84/16"));
    assert_int_equal(find_para(seg, "27th April, 2017")->minute_ref_count, 0);
}

static void
test_seed_001_acceptance(void **state)
{
    const segmentation *seg = segment_seed(*state, "001_dbc9e66ed936fc45.txt");
    assert_int_equal(seg->undated, 0);
    for (size_t i = 0; i < seg->count; i++) {
        /* ModernGov's page never writes the council's name. */
        assert_meeting(&seg->paras[i], NULL, BOARD_2, "2021-09-16", "minutes");
        assert_string_equal(seg->paras[i].meeting->board_id, BOARD_2_ID);
    }
    assert_string_equal(item_headings(seg, 0),
                        "6. Declarations of Interests|7. Minutes|"
                        "8. Children's Services Ofsted Visit Outcome and Action Plan Progress|"
                        "9. Work Programme|10. Any Other Business");
    const paragraph *record = find_para(seg, "agreed as a true record");
    assert_item(record, "7", "Minutes");
    assert_string_equal(record->item_type, "minutes");
    /* The page neither names its council nor prints minute numbers: none is made up. */
    assert_null(record->minute_number);
    assert_item(find_para(seg, "To agree the minutes"), "7", "Minutes");
    assert_true(has_ref(find_para(seg, "Further to Minute 4/21"), "4/21"));
    assert_string_equal(find_para(seg, "noted their Work Programme")->item_type, "work-programme");

    /* A sidecar naming the council brings its scheme: Coventry numbers minutes by item and
     * municipal year. */
    para_meeting sidecar = {.council = "Coventry City Council",
                            .council_id = "coventry-city-council"};
    struct fixture *f = *state;
    assert_int_equal(segment_document(f->src.text, f->src.len, &sidecar, &f->a, &f->seg),
                     MINUTES_OK);
    seg = &f->seg;
    assert_string_equal(find_para(seg, "agreed as a true record")->minute_number, "7/21");
    assert_string_equal(find_para(seg, "no disclosable interests")->minute_number, "6/21");
    assert_string_equal(find_para(seg, "focused assurance visit")->minute_number, "8/21");
    assert_string_equal(find_para(seg, "Councillor Innes thanked")->minute_number, "10/21");
    assert_int_equal(find_para(seg, "RESOLVED that further detail")->kind, PARA_RESOLUTION);
    assert_null(find_para(seg, "Venue:")->item_number);
}

static void
test_seed_002_acceptance(void **state)
{
    fixture *f = *state;
    const segmentation *seg = segment_seed(f, "002_fc1f1cea019d2c05.txt");
    assert_int_equal(seg->undated, seg->count);
    for (size_t i = 0; i < seg->count; i++) {
        const paragraph *p = &seg->paras[i];
        assert_meeting(p, NULL, "Education and Children\xE2\x80\x99s Services Scrutiny Board (2)",
                       NULL, "agenda-item");
        assert_string_equal(p->meeting->board_id, BOARD_2_ID);
        assert_null(p->item_number);
        assert_null(p->minute_number);
        if (i > 0) {
            assert_string_equal(p->item_title, "Children's Services Ofsted Outcome");
            assert_string_equal(p->item_type, "report");
        }
    }
    assert_int_equal(find_para(seg, "Consider the recommendations")->kind, PARA_RESOLUTION);
    assert_int_equal(find_para(seg, "It was unanimously agreed")->kind, PARA_RESOLUTION);
    assert_int_equal(find_para(seg, "Supporting documents")->kind, PARA_TEXT);

    /* A sidecar knows the date. */
    para_meeting sidecar = {.date = "2022-09-22"};
    assert_int_equal(segment_document(f->src.text, f->src.len, &sidecar, &f->a, &f->seg),
                     MINUTES_OK);
    assert_int_equal(f->seg.undated, 0);
    for (size_t i = 0; i < f->seg.count; i++) {
        assert_string_equal(f->seg.paras[i].meeting->date, "2022-09-22");
        assert_string_equal(f->seg.paras[i].meeting->doc_type, "agenda-item");
        assert_null(f->seg.paras[i].minute_number);
    }
}

static void
test_seed_003_acceptance(void **state)
{
    const segmentation *seg = segment_seed(*state, "003_ece979df50451812.txt");
    assert_int_equal(seg->undated, 0);
    for (size_t i = 0; i < seg->count; i++) {
        assert_meeting(&seg->paras[i], COVENTRY, BOARD_2, "2016-09-15", "minutes");
        assert_null(strstr(seg->paras[i].text, "**"));
        assert_null(strstr(seg->paras[i].text, "<sup>"));
    }
    assert_string_equal(item_headings(seg, 0),
                        "15. Declarations of Interests|16. Minutes|"
                        "17. 'Stepping Up' and 'Stepping Down' Process for Social Care Cases|"
                        "18. Quality Assurance Auditing|19. Staying Put Arrangements and Policy|"
                        "20. Outstanding Issues|21. Work Programme|22. Any Other Business");
    const paragraph *seventeen = find_para(seg, "the impact of the lack of step up/down");
    assert_string_equal(seventeen->item_number, "17");
    assert_string_equal(seventeen->minute_number, "17/16");
    assert_true(has_ref(seventeen, "63/15"));
    const paragraph *staying = find_para(seg, "Further to Minute 54/15");
    assert_int_equal(staying->minute_ref_count, 2);
    assert_true(has_ref(staying, "54/15"));
    assert_true(has_ref(staying, "26/15"));
    assert_string_equal(find_para(seg, "outstanding actions")->item_type, "outstanding-issues");
    assert_int_equal(find_para(seg, "Apologies: Councillor K Maton")->kind, PARA_ATTENDANCE);
    assert_int_equal(find_para(seg, "RESOLVED that the work programme")->kind, PARA_RESOLUTION);
    /* The sixteen audit headlines are list items of item 18. */
    const paragraph *headline = find_para(seg, "16. Supervision was task focused");
    assert_int_equal(headline->kind, PARA_LIST_ITEM);
    assert_item(headline, "18", "Quality Assurance Auditing");
}

static void
test_seed_004_acceptance(void **state)
{
    const segmentation *seg = segment_seed(*state, "004_d98d4017c5ce876e.txt");
    assert_int_equal(seg->undated, 0);

    /* Sections in order, each with its meeting. */
    const char *types[] = {"agenda", "minutes", "briefing-note", "appendix", "report"};
    const char *dates[] = {"2021-09-16", "2021-06-24", "2021-09-16", "2021-09-16", "2021-09-16"};
    unsigned last_section = 0;
    for (size_t i = 0; i < seg->count; i++) {
        const paragraph *p = &seg->paras[i];
        assert_true(p->section == last_section || p->section == last_section + 1);
        last_section = p->section;
        assert_true(p->section < 5);
        assert_meeting(p, COVENTRY, BOARD_2, dates[p->section], types[p->section]);
        /* The agenda's publication date is nobody's meeting date. */
        assert_string_not_equal(p->meeting->date, "2021-09-08");
        const char *markup[] = {"<td", "<ul", "<li", "<i>", "<p>", "</p>", "&amp;", "&nbsp;", "**"};
        for (size_t k = 0; k < sizeof markup / sizeof markup[0]; k++)
            assert_null(strstr(p->text, markup[k]));
        if (p->section != 1)
            assert_null(p->minute_number);
    }
    assert_int_equal(last_section, 4);

    /* The agenda: items 1-6, 1-3 from one run-together line. */
    assert_string_equal(item_headings(seg, 0),
                        "1. Apologies and Substitutions|2. Declarations of Interests|3. Minutes|"
                        "4. Children's Services Ofsted Visit Outcome and Action Plan Progress|"
                        "5. Work Programme|6. Any Other Business");
    for (size_t i = 0; i < seg->count; i++)
        if (seg->paras[i].line_first == 17 && seg->paras[i].item_number)
            assert_int_equal(seg->paras[i].kind, PARA_HEADING);
    assert_string_equal(find_para(seg, "1. Apologies")->item_type, "apologies");
    const paragraph *agree = find_para(seg, "To agree the minutes of the meeting held on 24th");
    assert_int_equal(agree->section, 0);
    assert_item(agree, "3", "Minutes");
    assert_item(find_para(seg, "Matters Arising"), "3", "Minutes");
    assert_int_equal(find_para(seg, "Wednesday, 8 September 2021")->section, 0);
    assert_null(find_para(seg, "Wednesday, 8 September 2021")->item_number);

    /* The minutes of 24 June 2021: items 1-5, with item 3's parts inside item 3. */
    assert_string_equal(item_headings(seg, 1),
                        "1. Declarations of Interests|2. Minutes|"
                        "3. Education and Children's Services|"
                        "4. Work Programme and Outstanding Issues|5. Any Other Business");
    assert_int_equal(find_para(seg, "Minutes of the Meeting of")->section, 1);
    assert_int_equal(find_para(seg, "Present:")->kind, PARA_ATTENDANCE);
    const char *parts[] = {"(a) Children & Young People's Plan",
                           "(b) Children's Services \xE2\x80\x93 COVID-19",
                           "(c) Coventry Holiday Activities", "Agreed to receive a feedback"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        const paragraph *p = find_para(seg, parts[i]);
        assert_int_equal(p->section, 1);
        assert_item(p, "3", "Education and Children's Services");
        assert_string_equal(p->minute_number, "3/21");
    }
    assert_int_equal(find_para(seg, "Agreed to receive a feedback")->kind, PARA_RESOLUTION);
    assert_int_equal(find_para(seg, "Note the refreshed draft")->kind, PARA_RESOLUTION);
    assert_int_equal(find_para(seg, "(b) Children's Services")->kind, PARA_HEADING);
    const paragraph *wp = find_para(seg, "with the addition of the additional item");
    assert_item(wp, "4", "Work Programme and Outstanding Issues");
    assert_string_equal(wp->minute_number, "4/21");
    assert_string_equal(wp->item_type, "work-programme");
    assert_int_equal(find_para(seg, "Report back on the Holiday Activity")->kind, PARA_RESOLUTION);

    /* The briefing note: one item, its Subject; numbered sections are not items. */
    const char *subject = "Children's Services Ofsted Visit Outcome and Action Plan Progress";
    const char *note[] = {"Briefing note",         "To: Education",         "Subject:",
                          "1 Purpose of the Note", "4.2 The two-day visit", "Contact details"};
    for (size_t i = 0; i < sizeof note / sizeof note[0]; i++) {
        const paragraph *p = find_para(seg, note[i]);
        assert_int_equal(p->section, 2);
        assert_item(p, "4", subject); /* the agenda's item 4 */
        assert_string_equal(p->item_type, "report");
    }
    for (size_t i = 0; i < seg->count; i++)
        if (strcmp(seg->paras[i].text, COVENTRY) == 0) /* above the header it belongs to */
            assert_int_equal(seg->paras[i].section, seg->paras[i].line_first < 193 ? 1 : 2);
    assert_int_equal(find_para(seg, "1 Purpose of the Note")->kind, PARA_HEADING);
    assert_int_equal(find_para(seg, "4.2 The two-day visit")->kind, PARA_TEXT);

    /* The improvement plan: a table. */
    const paragraph *plan = find_para(seg, "Coventry Children's Services Improvement Plan");
    assert_int_equal(plan->section, 3);
    assert_null(plan->item_number);
    assert_null(plan->item_type);
    const paragraph *row = find_para(seg, "1.1 | To deliver a Workshop");
    assert_int_equal(row->kind, PARA_TABLE_ROW);
    assert_int_equal(row->section, 3);
    assert_int_equal(find_para(seg, "Children who need Help and Protection")->kind, PARA_TABLE_ROW);
    const paragraph *cells = find_para(seg, "This will include:");
    assert_int_equal(cells->kind, PARA_TABLE_ROW);
    assert_non_null(strstr(cells->text, "This will include: \xE2\x80\xA2 PLO Flowchart"));

    /* The work programme, filed under agenda item 5. */
    const paragraph *programme = find_para(seg, "Last updated");
    assert_int_equal(programme->section, 4);
    assert_item(programme, "5", "Work Programme");
    assert_string_equal(programme->item_type, "work-programme");
    assert_int_equal(find_para(seg, "Date | Title | Detail")->kind, PARA_TABLE_ROW);
}

/* ---- the rules, one at a time ----------------------------------------------------------- */

static void
test_sections_split_at_headers(void **state)
{
    const segmentation *seg = segment_string(
        *state,
        "Cabinet\n\nAgenda\n\n1. Apologies\n\nNone.\n\n2. The Budget\n\n"
        "Warwick District Council\n\nMinutes of the Meeting of Cabinet held on "
        "3 March 2020\n\n1. Apologies\n\nCllr A.\n\n"
        "Briefing note\n\nTo: Finance Panel\n\n4 March 2020\n\nSubject: The budget\n\nText.\n");
    /* "Agenda" under the board's name names the first section; it does not start one. */
    assert_int_equal(find_para(seg, "Agenda")->section, 0);
    const paragraph *council = find_para(seg, "Warwick District Council");
    assert_int_equal(council->section, 1);
    assert_null(council->item_number);
    const paragraph *cllr = find_para(seg, "Cllr A.");
    assert_int_equal(cllr->section, 1);
    assert_item(cllr, "1", "Apologies");
    assert_meeting(cllr, "Warwick District Council", "Cabinet", "2020-03-03", "minutes");
    /* Warwick's scheme is not known, and its text prints no numbers: none is made up. */
    assert_null(cllr->minute_number);
    assert_string_equal(cllr->item_type, "apologies");
    const paragraph *text = find_para(seg, "Text.");
    assert_int_equal(text->section, 2);
    assert_meeting(text, "Warwick District Council", "Finance Panel", "2020-03-04",
                   "briefing-note");
    /* The agenda lists the note's Subject as item 2. */
    assert_item(text, "2", "The budget");
    assert_null(text->minute_number);
    /* The first section names no council, nor a board of more than one word: the
     * document's. */
    assert_meeting(find_para(seg, "None."), "Warwick District Council", "Cabinet", NULL, "agenda");
    assert_int_equal(seg->undated, 5);
}

static void
test_blank_page_and_pack_items(void **state)
{
    const segmentation *seg = segment_string(
        *state, "Audit Committee\n\nTime and Date\n\n2.00 pm on Monday, 5th October, 2015\n\n"
                "1. Minutes\n\n2. Annual Governance Statement (Pages 3 - 9)\n\n"
                "Issued on Friday, 25 September 2015\n\n"
                "Agenda Item 2\n\nThe statement for 2014-15, agreed on 1 June 2015.\n\n"
                "This page is intentionally left blank\n\nRisk Register\n\nRisk 1 | High\n");
    assert_meeting(find_para(seg, "1. Minutes"), NULL, "Audit Committee", "2015-10-05", "agenda");
    assert_null(find_para(seg, "1. Minutes")->minute_number);
    const paragraph *statement = find_para(seg, "The statement");
    assert_int_equal(statement->section, 1);
    assert_meeting(statement, NULL, "Audit Committee", "2015-10-05", "report");
    assert_item(statement, "2", "Annual Governance Statement");
    assert_string_equal(statement->item_type, "report");
    for (size_t i = 0; i < seg->count; i++)
        assert_null(strstr(seg->paras[i].text, "intentionally"));
    const paragraph *risk = find_para(seg, "Risk Register");
    assert_int_equal(risk->section, 2);
    assert_meeting(risk, NULL, "Audit Committee", "2015-10-05", "appendix");
    assert_null(risk->item_number);
}

static void
test_meeting_date_comes_from_the_header(void **state)
{
    /* Dates below the header - a previous meeting, a deadline - are not the meeting's. */
    const segmentation *seg = segment_string(
        *state, "Minutes of the Meeting of Planning Committee\n\n"
                "The minutes of the meeting held on 27th April, 2017 were approved.\n\n"
                "1. Minutes\n\nReplies by 20 September 2017.\n");
    assert_int_equal(seg->undated, seg->count);
    assert_null(find_para(seg, "Replies")->minute_number);
    assert_meeting(find_para(seg, "Replies"), NULL, "Planning Committee", NULL, "minutes");

    seg = segment_string(*state,
                         "Agenda and minutes\n\nCabinet - Tuesday, 3rd March, 2020 2.00 pm\n\n"
                         "Venue: Council House\n\n1.\n\nMinutes\n\nAgreed.\n");
    assert_meeting(find_para(seg, "Agreed."), NULL, "Cabinet", "2020-03-03", "minutes");
    assert_null(find_para(seg, "Agreed.")->minute_number); /* no council, no scheme */
    seg = segment_string(*state, "Coventry City Council\n\nAgenda and minutes\n\n"
                                 "Cabinet - Tuesday, 3rd March, 2020 2.00 pm\n\n"
                                 "Venue: Council House\n\n1.\n\nMinutes\n\nAgreed.\n");
    assert_string_equal(find_para(seg, "Agreed.")->minute_number, "1/19"); /* Coventry's */

    /* A date line of its own counts; one inside a sentence does not. */
    seg = segment_string(*state, "Briefing note\n\nTo: Cabinet\n\nWednesday 12 May 1965\n");
    assert_string_equal(find_para(seg, "To:")->meeting->date, "1965-05-12");
    seg = segment_string(*state, "Briefing note\n\nTo: Cabinet\n\nWritten on 12 May 2021.\n");
    assert_null(find_para(seg, "To:")->meeting->date);
    /* The first date the header gives wins. */
    seg = segment_string(*state, "Briefing note\n\nTo: Cabinet\n\n4 March 2020\n\n5 March 2020\n");
    assert_string_equal(seg->paras[0].meeting->date, "2020-03-04");
    /* A label's date on the line below it. */
    seg = segment_string(*state, "Cabinet\n\nTime and Date\n\n"
                                 "Thursday, 16th September, 2021 at the Council House.\n");
    assert_string_equal(seg->paras[0].meeting->date, "2021-09-16");
    /* The header ends at the first item: a date line below it is a publication date. */
    seg = segment_string(*state, "Cabinet\n\n1. Apologies\n\nWednesday, 8 September 2021\n");
    assert_null(seg->paras[0].meeting->date);
}

static void
test_council_is_named_not_guessed(void **state)
{
    const segmentation *seg = segment_string(
        *state, "Cabinet - Tuesday, 3rd March, 2020 2.00 pm\n\nEmail: a.b@coventry.gov.uk\n\n"
                "In line with City Council guidelines.\n");
    assert_null(seg->paras[0].meeting->council);
    seg = segment_string(*state, "Report to the City Council\n");
    assert_null(seg->paras[0].meeting->council);
    seg = segment_string(*state, "**Council of the Isles of Scilly**\n\nText\n");
    assert_string_equal(seg->paras[1].meeting->council, "Council of the Isles of Scilly");
}

static void
test_board_named_in_text(void **state)
{
    /* The body acting at the meeting is its board... */
    const segmentation *seg = segment_string(
        *state, "Agenda item\n\nBus Lanes\n\nMinutes:\n\n"
                "The Audit and Procurement Committee (3) considered the report and agreed it.\n");
    assert_string_equal(seg->paras[0].meeting->board, "Audit and Procurement Committee (3)");
    assert_string_equal(seg->paras[0].meeting->board_id, "audit-and-procurement-committee-3");
    assert_string_equal(seg->paras[0].meeting->doc_type, "agenda-item");
    assert_null(seg->paras[0].item_title); /* "Agenda item" itself */
    assert_string_equal(seg->paras[1].item_title, "Bus Lanes");
    assert_int_equal(seg->paras[1].kind, PARA_HEADING);
    assert_null(seg->paras[1].item_number);

    /* ...but a body merely mentioned is not, nor is "the Committee". */
    seg = segment_string(*state, "Agenda item\n\nBus Lanes\n\nMinutes:\n\n"
                                 "The Committee considered a report of the Homelessness Scrutiny "
                                 "Panel and agreed it.\n");
    assert_null(seg->paras[0].meeting->board);

    /* The body whose earlier minutes the meeting approves is the meeting's, when nothing
     * else names it; a council approving minutes is the council. */
    seg = segment_string(*state, "Agenda and minutes\n\n1.\n\nMinutes\n\nRESOLVED that the "
                                 "minutes of the meeting of the Executive Board held on 5th "
                                 "February, 2018 be signed as a correct record.\n");
    assert_string_equal(seg->paras[0].meeting->board, "Executive Board");
    seg = segment_string(*state, "Agenda and minutes\n\n1.\n\nMinutes\n\nRESOLVED that the "
                                 "minutes of the meeting of the County Council held on 5th "
                                 "February, 2018 be signed.\n");
    assert_null(seg->paras[0].meeting->board);

    /* The body whose quorum the page sets is the meeting's. */
    seg = segment_string(*state, "Agenda and minutes\n\n1.\n\nApologies\n\n"
                                 "To receive any apologies. The quorum for Cabinet is 3 members.\n");
    assert_string_equal(seg->paras[0].meeting->board, "Cabinet");
}

static void
test_run_together_headings(void **state)
{
    const char *text = "Public Business**1. Apologies****2. Declarations of Interests**"
                       "**3. Minutes** (Pages 3 - 6)\n\n- a) To agree the minutes\n";
    const segmentation *seg = segment_string(*state, text);
    assert_int_equal(seg->count, 5);
    assert_string_equal(seg->paras[0].text, "Public Business");
    assert_null(seg->paras[0].item_number);
    assert_string_equal(seg->paras[1].text, "1. Apologies");
    assert_string_equal(seg->paras[2].text, "2. Declarations of Interests");
    assert_string_equal(seg->paras[3].text, "3. Minutes");
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(seg->paras[i].kind, PARA_HEADING);
        assert_int_equal(seg->paras[i].line_first, 1);
        assert_int_equal(seg->paras[i].line_last, 1);
    }
    assert_memory_equal(text + seg->paras[2].offset, "**2. Declarations of Interests**",
                        seg->paras[2].length);
    assert_item(&seg->paras[4], "3", "Minutes");
    assert_string_equal(seg->paras[4].item_type, "minutes");
    assert_string_equal(seg->paras[1].item_type, "apologies");
    /* What precedes the first heading ends the item before it. */
    seg = segment_string(*state, "7. Old\n\nPublic Business**1. New**\n");
    assert_string_equal(seg->paras[1].text, "Public Business");
    assert_null(seg->paras[1].item_number);
    assert_item(&seg->paras[2], "1", "New");
    /* Bold that does not start a numbered heading is left alone. */
    seg = segment_string(*state, "See **the 2. report** here\n");
    assert_int_equal(seg->count, 1);
}

static void
test_item_parts_stay_in_their_item(void **state)
{
    const segmentation *seg = segment_string(
        *state, "3. Plans\n\nRESOLVED that the Board:\n\n1. Note it.\n2. Add:\n - (a) Poverty\n\n"
                "(b) **Covid Context**\n\nText.\n\nb) Matters Arising\n\n"
                "a) To agree the minutes of the last meeting\n\n4. Next\n");
    const paragraph *part = find_para(seg, "(b) Covid Context");
    assert_int_equal(part->kind, PARA_HEADING);
    assert_item(part, "3", "Plans");
    assert_item(find_para(seg, "Text."), "3", "Plans");
    assert_int_equal(find_para(seg, "(a) Poverty")->kind, PARA_RESOLUTION);
    assert_int_equal(find_para(seg, "b) Matters Arising")->kind, PARA_HEADING);
    assert_int_equal(find_para(seg, "a) To agree")->kind, PARA_LIST_ITEM);
    assert_item(find_para(seg, "a) To agree"), "3", "Plans");
    assert_item(find_para(seg, "4. Next"), "4", "Next");
}

static void
test_resolutions(void **state)
{
    const segmentation *seg = segment_string(
        *state, "RESOLVED that the report be noted.\n\n- Not resolved\n\nText after.\n\n"
                "Resolved: to agree.\n\nIt was RESOLVED that X.\n\nRESOLVED that:\n\n"
                "1) First\n\n2) Second\n\nAfter the list\n\n- not in the list\n\n"
                "Resolvedly text\n");
    assert_int_equal(find_para(seg, "the report be noted")->kind, PARA_RESOLUTION);
    assert_int_equal(find_para(seg, "Text after.")->kind, PARA_TEXT);
    assert_int_equal(find_para(seg, "Not resolved")->kind, PARA_LIST_ITEM);
    assert_int_equal(find_para(seg, "Resolved: to agree")->kind, PARA_RESOLUTION);
    assert_int_equal(find_para(seg, "It was RESOLVED")->kind, PARA_RESOLUTION);
    assert_int_equal(find_para(seg, "1) First")->kind, PARA_RESOLUTION);
    assert_int_equal(find_para(seg, "2) Second")->kind, PARA_RESOLUTION);
    assert_int_equal(find_para(seg, "After the list")->kind, PARA_TEXT);
    assert_int_equal(find_para(seg, "not in the list")->kind, PARA_LIST_ITEM);
    assert_int_equal(find_para(seg, "Resolvedly")->kind, PARA_TEXT);
}

static void
test_attendance_block(void **state)
{
    const segmentation *seg = segment_string(
        *state, "Minutes\n\nPresent:\n\nMembers: Cllr A\nCllr B\n\n- Cllr C\n\n"
                "Apologies: Cllr D\n\n1. Declarations of Interest\n\nPresent: none\n\n"
                "Not present.\n");
    assert_int_equal(find_para(seg, "Minutes")->kind, PARA_HEADING); /* the page's title */
    assert_int_equal(find_para(seg, "Present:")->kind, PARA_ATTENDANCE);
    assert_int_equal(find_para(seg, "Members: Cllr A")->kind, PARA_ATTENDANCE);
    assert_int_equal(find_para(seg, "Cllr C")->kind, PARA_ATTENDANCE);
    assert_int_equal(find_para(seg, "Apologies: Cllr D")->kind, PARA_ATTENDANCE);
    assert_int_equal(find_para(seg, "1. Declarations")->kind, PARA_HEADING);
    assert_string_equal(find_para(seg, "1. Declarations")->item_type, "declarations");
    assert_int_equal(find_para(seg, "Not present.")->kind, PARA_ATTENDANCE);

    /* A resolution ends the list too. */
    seg = segment_string(*state, "Present: Cllr A\n\nRESOLVED that X.\n\nText\n");
    assert_int_equal(seg->paras[0].kind, PARA_ATTENDANCE);
    assert_int_equal(seg->paras[1].kind, PARA_RESOLUTION);
    assert_int_equal(seg->paras[2].kind, PARA_TEXT);
}

static void
test_table_rows(void **state)
{
    const segmentation *seg = segment_string(
        *state, "Plan\n\nNo.\tAction\t\tBy When\n"
                "Group heading\t\t\t\n"
                "1.1\t<p>Train&nbsp;staff</p><p>Audit</p>\t\t<i>1 July</i> &amp; later\n"
                "---\t---\t---\n"
                "Not a row\n\n"
                "Prose with\ta stray tab\n\n"
                "\tIndented prose\n");
    assert_int_equal(seg->count, 7);
    assert_string_equal(seg->paras[1].text, "No. | Action | By When");
    assert_int_equal(seg->paras[1].kind, PARA_TABLE_ROW);
    assert_string_equal(seg->paras[2].text, "Group heading");
    assert_int_equal(seg->paras[2].kind, PARA_TABLE_ROW);
    assert_string_equal(seg->paras[3].text, "1.1 | Train staff Audit | 1 July & later");
    assert_int_equal(seg->paras[3].line_first, 5);
    assert_string_equal(seg->paras[4].text, "Not a row");
    assert_int_equal(seg->paras[4].kind, PARA_TEXT);
    assert_int_equal(seg->paras[5].kind, PARA_TABLE_ROW); /* two filled cells */
    assert_int_equal(seg->paras[6].kind, PARA_TEXT);      /* one */
    assert_string_equal(seg->paras[6].text, "Indented prose");
}

static void
test_html_entities_are_decoded(void **state)
{
    fixture *f = *state;
    size_t n;
    const char *in = "A&amp;B &lt;tag&gt; &#8217;s &#x2019; &quot;q&quot; x&nbsp;y &bogus; & T&C;";
    char *out = text_clean_line(&f->a, in, strlen(in), &n);
    assert_string_equal(out, "A&B <tag> \xE2\x80\x99s \xE2\x80\x99 \"q\" x y &bogus; & T&C;");
    assert_int_equal(n, strlen(out));
    in = "<ul style=\"x\"><li>One</li><li>Two</li></ul>16<sup>th</sup> ***bold***";
    out = text_clean_line(&f->a, in, strlen(in), &n);
    assert_string_equal(out, "One Two 16th bold");
    /* A reference cut off at the end of the line is text. */
    out = text_clean_line(&f->a, "a &amp", 6, &n);
    assert_string_equal(out, "a &amp");
}

static void
test_minute_references(void **state)
{
    const segmentation *seg = segment_string(
        *state, "Further to Minute 04/21 and minutes 9/16 and 10/2016, min. 5/21; minute 4/21.\n\n"
                "Minute 3 above; the minutes 16/06/2016; administrative 1/21; minuted 5/21\n");
    const paragraph *p = &seg->paras[0];
    assert_int_equal(p->minute_ref_count, 4); /* 4/21 twice, kept once */
    assert_string_equal(p->minute_refs[0], "4/21");
    assert_string_equal(p->minute_refs[1], "9/16");
    assert_string_equal(p->minute_refs[2], "10/16");
    assert_string_equal(p->minute_refs[3], "5/21");
    assert_int_equal(seg->paras[1].minute_ref_count, 0);
    assert_null(seg->paras[1].minute_refs);
}

static void
test_sidecar_overrides(void **state)
{
    const char *text = "Coventry City Council\nMinutes of the Meeting of Cabinet\n"
                       "held at 2.00 pm on Thursday, 29 June 2017\n\n3. Budget\n\nAgreed.\n";
    para_meeting sidecar = {.board = "Cabinet Member (Policing)",
                            .date = "2017-04-30",
                            .source_url = "https://example.org/m.pdf"};
    const segmentation *seg = segment_with_sidecar(*state, text, &sidecar);
    const paragraph *p = find_para(seg, "Agreed.");
    assert_meeting(p, "Coventry City Council", "Cabinet Member (Policing)", "2017-04-30",
                   "minutes");
    assert_string_equal(p->meeting->board_id, "cabinet-member-policing");
    assert_string_equal(p->meeting->source_url, "https://example.org/m.pdf");
    assert_string_equal(p->minute_number, "3/16");

    /* A sidecar saying it is an agenda: no minute numbers. */
    para_meeting agenda = {.doc_type = "agenda", .council = "Other Council"};
    seg = segment_with_sidecar(*state, text, &agenda);
    p = find_para(seg, "Agreed.");
    assert_meeting(p, "Other Council", "Cabinet", "2017-06-29", "agenda");
    assert_null(p->minute_number);
    assert_string_equal(p->meeting->board_id, "cabinet");
}

static void
test_no_item_means_no_item_type(void **state)
{
    const segmentation *seg = segment_string(*state, "Intro\n\n2. Date of Next Meeting\n\nSoon\n");
    assert_null(seg->paras[0].item_type);
    assert_string_equal(seg->paras[1].item_type, "other");
    assert_string_equal(seg->paras[2].item_type, "other");
    assert_int_equal(seg->undated, 3);
    assert_non_null(seg->paras[0].meeting);
    assert_ptr_equal(seg->paras[0].meeting, seg->paras[2].meeting);
}

/* A text of more paragraphs than SEGMENT_MAX_PARAS: the first ones as usual, the rest one
 * plain paragraph cut into pieces, every word of it kept. */
/* Minute numbers where the text prints them, in the forms councils use; none elsewhere. */
static void
test_printed_minute_numbers(void **state)
{
    const segmentation *seg = segment_string(
        *state, "MINUTES OF THE CABINET MEETING HELD ON WEDNESDAY 12TH SEPTEMBER 2012\n\n"
                "60.0 Apologies for Absence\n\n60.1 An apology was received.\n\n"
                "CM 70/23 The Council considered the budget.\n\nIt was agreed.\n\n"
                "C048/23 1. APOLOGIES FOR ABSENCE\n\nMH05/17.1: Apologies: Cllr K Griffin\n\n"
                "3/4 of members agreed on 14/11/2024.\n");
    assert_string_equal(find_para(seg, "An apology")->minute_number, "60.1");
    assert_string_equal(find_para(seg, "CM 70/23")->minute_number, "CM 70/23");
    assert_string_equal(find_para(seg, "It was agreed")->minute_number, "CM 70/23");
    assert_string_equal(find_para(seg, "C048/23")->minute_number, "C048/23");
    assert_string_equal(find_para(seg, "MH05/17.1")->minute_number, "MH05/17.1");
    assert_string_equal(find_para(seg, "3/4 of")->minute_number, "MH05/17.1");
    /* An agenda's item numbers are not minutes, nor is a date. */
    seg = segment_string(*state, "Agenda\n\n35/23 Apologies\n\n14/11/2024 was the date.\n");
    assert_null(find_para(seg, "35/23")->minute_number);
    assert_int_equal(meta_read_minute("14/11/2024 x", 12), 0);
    assert_int_equal(meta_read_minute("2.5 million", 11), 3);
    assert_int_equal(meta_read_minute("CM 70/23 x", 10), 8);
}

static void
test_paragraph_limit(void **state)
{
    fixture *f = *state;
    size_t paras = SEGMENT_MAX_PARAS + 50000, cap = paras * 16 + 64, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (size_t i = 0; i < paras; i++)
        len += (size_t)snprintf(text + len, cap - len, "word%zu\n\n", i);
    const segmentation *seg = segment_string(f, text);
    /* Paragraph r (from 0) is the first of the rest; it starts on line 2r + 1. */
    size_t r = (seg->plain_from_line - 1) / 2;
    assert_int_equal(seg->plain_from_line, 2 * r + 1);
    assert_true(r <= SEGMENT_MAX_PARAS && r + 3 >= SEGMENT_MAX_PARAS);
    char expected[32];
    snprintf(expected, sizeof expected, "word%zu", r - 1);
    assert_string_equal(seg->paras[r - 1].text, expected);
    const paragraph *rest = &seg->paras[r];
    assert_int_equal(rest->line_first, seg->plain_from_line);
    snprintf(expected, sizeof expected, "word%zu\n", r);
    assert_true(strncmp(rest->text, expected, strlen(expected)) == 0);
    assert_true(seg->count < SEGMENT_MAX_PARAS + 100);
    size_t kept = 0;
    for (size_t i = r; i < seg->count; i++) {
        assert_true(seg->paras[i].text_len <= SEGMENT_PARA_MAX);
        for (const char *p = seg->paras[i].text; p < seg->paras[i].text + seg->paras[i].text_len;
             p++)
            kept += strncmp(p, "word", 4) == 0;
    }
    assert_int_equal(kept, paras - r);
    free(text);
}

/* Past SEGMENT_MAX_LINES lines (here blank), the rest is a plain paragraph too. */
static void
test_line_limit(void **state)
{
    fixture *f = *state;
    size_t blank = SEGMENT_MAX_LINES + 1000, len = 0;
    char *text = malloc(blank + 64);
    assert_non_null(text);
    len += (size_t)sprintf(text, "first words\n");
    memset(text + len, '\n', blank);
    len += blank;
    strcpy(text + len, "last words\n");
    const segmentation *seg = segment_string(f, text);
    assert_int_equal(seg->plain_from_line, SEGMENT_MAX_LINES);
    assert_int_equal(seg->count, 2);
    assert_string_equal(seg->paras[0].text, "first words");
    assert_non_null(strstr(seg->paras[1].text, "last words"));
    assert_int_equal(seg->paras[1].line_last, blank + 2);
    free(text);
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
        cmocka_unit_test_setup_teardown(test_seed_000_acceptance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_001_acceptance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_002_acceptance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_003_acceptance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_004_acceptance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sections_split_at_headers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blank_page_and_pack_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_meeting_date_comes_from_the_header, setup, teardown),
        cmocka_unit_test_setup_teardown(test_council_is_named_not_guessed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_board_named_in_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_together_headings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_item_parts_stay_in_their_item, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resolutions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attendance_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_html_entities_are_decoded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_minute_references, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sidecar_overrides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_item_means_no_item_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_printed_minute_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paragraph_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_limit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
