/* test-segment.c - paragraph splitting, agenda-item tagging and meetings, on small texts that
 * exercise one rule each (test-segment-seeds.c runs the seeds). */
#include "segment-fixture.h"

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
