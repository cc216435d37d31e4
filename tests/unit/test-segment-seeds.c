/* test-segment-seeds.c - the segmenter on the five seed documents: their items, meetings and
 * the acceptance checks written for each. */
#include "segment-fixture.h"

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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_seed_000_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_001_moderngov_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_003_markdown_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_000_acceptance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_001_acceptance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_002_acceptance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_003_acceptance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_004_acceptance, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
