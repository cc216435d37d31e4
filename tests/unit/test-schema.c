/* test-schema.c - how a paragraph is laid out in the index: its stored data and its section's
 * record, read back as they were written, the keys that group paragraphs by meeting, and
 * paragraph ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "schema.h"

static void
release(char **values)
{
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++) {
        free(values[f]);
        values[f] = NULL;
    }
}

/* Every field comes back as written, the id made from the file id and number. */
static void
test_data_round_trip(void **state)
{
    (void)state;
    const char text[] = "3.3 The Chair said:\n- Ofsted's visit; \"private fostering\"\tnoted.";
    paragraph para = {.ordinal = 13,
                      .line_first = 25,
                      .line_last = 27,
                      .offset = 1785,
                      .length = 378,
                      .page = 4,
                      .text = text,
                      .text_len = strlen(text),
                      .kind = PARA_TEXT,
                      .item_number = "3",
                      .item_title = "Ofsted Report",
                      .item_type = "report",
                      .minute_number = "3/17",
                      .section = 2};
    char *data = schema_encode_data("645cdd099262", &para, 9, NULL);
    assert_non_null(data);
    char *values[MINUTES_FIELD_COUNT_] = {0};
    schema_section_ref ref;
    assert_int_equal(schema_decode_data(data, strlen(data), values, &ref), MINUTES_OK);
    assert_int_equal(ref.first, 9); /* its section's record is in paragraph 9 */
    assert_null(ref.record);
    static const struct {
        minutes_field field;
        const char *value;
    } want[] = {
        {MINUTES_FIELD_ID, "645cdd099262:13"}, {MINUTES_FIELD_PARAGRAPH, "13"},
        {MINUTES_FIELD_LINE, "25"},            {MINUTES_FIELD_LINE_END, "27"},
        {MINUTES_FIELD_OFFSET, "1785"},        {MINUTES_FIELD_LENGTH, "378"},
        {MINUTES_FIELD_PAGE, "4"},             {MINUTES_FIELD_SECTION, "2"},
        {MINUTES_FIELD_ITEM_NUMBER, "3"},      {MINUTES_FIELD_ITEM_TITLE, "Ofsted Report"},
        {MINUTES_FIELD_ITEM_TYPE, "report"},   {MINUTES_FIELD_MINUTE, "3/17"},
        {MINUTES_FIELD_KIND, "text"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        assert_string_equal(values[want[i].field], want[i].value);
    assert_string_equal(values[MINUTES_FIELD_TEXT], text);
    assert_null(values[MINUTES_FIELD_PATH]); /* the section's, not the paragraph's */
    assert_null(values[MINUTES_FIELD_DATE]);
    release(values);
    free(data);
}

/* What a paragraph has not got stays NULL; a field already known is kept. */
static void
test_data_absent_fields(void **state)
{
    (void)state;
    paragraph para = {.ordinal = 1,
                      .line_first = 1,
                      .line_last = 1,
                      .text = "",
                      .text_len = 0,
                      .kind = PARA_HEADING};
    char *data = schema_encode_data("000000000001", &para, 1, "/a.txt");
    assert_non_null(data);
    char *values[MINUTES_FIELD_COUNT_] = {0};
    values[MINUTES_FIELD_ITEM_TITLE] = strdup("known already");
    schema_section_ref ref;
    assert_int_equal(schema_decode_data(data, strlen(data), values, &ref), MINUTES_OK);
    assert_non_null(ref.record); /* the first of its section carries the record */
    assert_null(values[MINUTES_FIELD_PATH]); /* which is decoded on its own */
    assert_null(values[MINUTES_FIELD_PAGE]);
    assert_null(values[MINUTES_FIELD_ITEM_NUMBER]);
    assert_null(values[MINUTES_FIELD_ITEM_TYPE]);
    assert_null(values[MINUTES_FIELD_MINUTE]);
    assert_string_equal(values[MINUTES_FIELD_ITEM_TITLE], "known already");
    assert_string_equal(values[MINUTES_FIELD_TEXT], "");
    assert_string_equal(values[MINUTES_FIELD_KIND], "heading");
    release(values);
    free(data);
}

/* A separator inside a field cannot shift the fields after it. */
static void
test_data_separator_in_field(void **state)
{
    (void)state;
    paragraph para = {.ordinal = 2,
                      .text = "body\x1fwith one",
                      .text_len = 14,
                      .kind = PARA_TEXT,
                      .item_title = "odd\x1ftitle",
                      .item_type = "report"};
    char *data = schema_encode_data("000000000002", &para, 1, NULL);
    char *values[MINUTES_FIELD_COUNT_] = {0};
    schema_section_ref ref;
    assert_int_equal(schema_decode_data(data, strlen(data), values, &ref), MINUTES_OK);
    assert_string_equal(values[MINUTES_FIELD_ITEM_TITLE], "odd title");
    assert_string_equal(values[MINUTES_FIELD_ITEM_TYPE], "report");
    assert_string_equal(values[MINUTES_FIELD_TEXT], "body\x1fwith one"); /* text is last: kept */
    release(values);
    free(data);
}

/* Data that is not a paragraph's is refused, not misread. */
static void
test_data_corrupt(void **state)
{
    (void)state;
    char *values[MINUTES_FIELD_COUNT_] = {0};
    schema_section_ref ref;
    const char *bad[] = {"", "{\"file\":\"645cdd099262\",\"text\":\"x\"}",
                         "645cdd099262\x1f"
                         "13\x1f"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(schema_decode_data(bad[i], strlen(bad[i]), values, &ref),
                         MINUTES_CORRUPT);
        release(values);
    }
    /* cut short anywhere, with its section's record or without, it is refused too */
    paragraph para = {.ordinal = 5, .text = "text", .text_len = 4, .kind = PARA_TEXT};
    for (int first = 0; first < 2; first++) {
        char *data = schema_encode_data("000000000005", &para, first ? 5 : 2,
                                        first ? "/a.txt" : NULL);
        size_t len = strlen(data);
        for (size_t cut = 0; cut < len - 4; cut++) {
            assert_int_equal(schema_decode_data(data, cut, values, &ref), MINUTES_CORRUPT);
            release(values);
        }
        free(data);
    }
    /* a section said to start after the paragraph */
    char *data = schema_encode_data("000000000005", &para, 6, NULL);
    assert_int_equal(schema_decode_data(data, strlen(data), values, &ref), MINUTES_CORRUPT);
    release(values);
    free(data);
}

/* The record of a section as the data of its first paragraph carries it: malloc'd, with its
 * length in *len. */
static char *
encode_section(const char *path, const para_meeting *m, size_t *len)
{
    paragraph para = {.ordinal = 3, .text = "t", .text_len = 1, .kind = PARA_TEXT, .meeting = m};
    char *data = schema_encode_data("000000000003", &para, 3, path);
    char *values[MINUTES_FIELD_COUNT_] = {0};
    schema_section_ref ref;
    assert_int_equal(schema_decode_data(data, strlen(data), values, &ref), MINUTES_OK);
    release(values);
    assert_non_null(ref.record);
    char *record = malloc(ref.record_len + 1);
    memcpy(record, ref.record, ref.record_len);
    record[ref.record_len] = '\0';
    *len = ref.record_len;
    free(data);
    return record;
}

/* A section's record gives back its meeting's fields and its path, whatever bytes the path
 * holds; absent fields stay absent; and fields a paragraph already has are kept. */
static void
test_section_round_trip(void **state)
{
    (void)state;
    const para_meeting m = {.council = "Coventry City Council",
                            .board = "Education and Children's Services Scrutiny Board (2)",
                            .board_id = "education-and-childrens-services-scrutiny-board-2",
                            .date = "2017-06-29",
                            .doc_type = "minutes",
                            .source_url = "https://example.org/ieListDocuments.aspx?MId=1"};
    const char path[] = "/data/odd \x1f name|\"quoted\"/minutes 29.06.2017.txt";
    size_t len;
    char *record = encode_section(path, &m, &len);
    char *values[MINUTES_FIELD_COUNT_] = {0};
    assert_int_equal(schema_decode_section(record, len, values), MINUTES_OK);
    assert_string_equal(values[MINUTES_FIELD_PATH], path);
    assert_string_equal(values[MINUTES_FIELD_COUNCIL], m.council);
    assert_string_equal(values[MINUTES_FIELD_BOARD], m.board);
    assert_string_equal(values[MINUTES_FIELD_BOARD_ID], m.board_id);
    assert_string_equal(values[MINUTES_FIELD_DATE], m.date);
    assert_string_equal(values[MINUTES_FIELD_DOC_TYPE], m.doc_type);
    assert_string_equal(values[MINUTES_FIELD_SOURCE_URL], m.source_url);
    assert_null(values[MINUTES_FIELD_TEXT]);
    release(values);

    /* a field already decoded (from the paragraph) is not overwritten */
    values[MINUTES_FIELD_DATE] = strdup("2020-01-01");
    assert_int_equal(schema_decode_section(record, len, values), MINUTES_OK);
    assert_string_equal(values[MINUTES_FIELD_DATE], "2020-01-01");
    release(values);
    free(record);

    /* no meeting: only the path */
    record = encode_section("/a.txt", NULL, &len);
    assert_int_equal(schema_decode_section(record, len, values), MINUTES_OK);
    assert_string_equal(values[MINUTES_FIELD_PATH], "/a.txt");
    for (int f = 0; f < MINUTES_FIELD_COUNT_; f++)
        if (f != MINUTES_FIELD_PATH)
            assert_null(values[f]);
    release(values);
    free(record);
}

/* A record of the JSON form an older index kept, or one cut short, is refused. */
static void
test_section_corrupt(void **state)
{
    (void)state;
    char *values[MINUTES_FIELD_COUNT_] = {0};
    const char *bad[] = {"", "{\"path\":\"/a.txt\",\"date\":\"2017-06-29\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(schema_decode_section(bad[i], strlen(bad[i]), values), MINUTES_CORRUPT);
        release(values);
    }
    const para_meeting m = {.council = "C", .date = "2017-06-29"};
    size_t len;
    char *record = encode_section("/a.txt", &m, &len);
    for (size_t cut = 0; cut < len; cut++) {
        assert_int_equal(schema_decode_section(record, cut, values), MINUTES_CORRUPT);
        release(values);
    }
    free(record);
}

/* Meeting keys group a meeting's paragraphs: the same date and board give the same key,
 * short whatever the board's name; what is unknown is stood in for by the file. */
static void
test_meeting_keys(void **state)
{
    (void)state;
    const char *board = "business-economy-and-enterprise-scrutiny-board-3";
    char *a = schema_meeting_key_of("8bb16f847b7a", "2018-04-03", board);
    char *b = schema_meeting_key_of("000000000001", "2018-04-03", board);
    char *other_board = schema_meeting_key_of("8bb16f847b7a", "2018-04-03", "cabinet");
    char *other_date = schema_meeting_key_of("8bb16f847b7a", "2018-04-04", board);
    char *undated = schema_meeting_key_of("8bb16f847b7a", NULL, board);
    char *undated2 = schema_meeting_key_of("000000000001", NULL, board);
    assert_non_null(a);
    assert_string_equal(a, b); /* two documents of one meeting */
    assert_true(strlen(a) <= strlen("2018-04-03|") + 12);
    assert_string_not_equal(a, other_board);
    assert_string_not_equal(a, other_date);
    assert_string_not_equal(undated, undated2); /* undated files never share a meeting */
    assert_non_null(strstr(undated, "8bb16f847b7a"));
    free(a), free(b), free(other_board), free(other_date), free(undated), free(undated2);
}

/* A file's id mixes the index's origin with its path: one path on two machines is two files;
 * one origin and path is always the same id. */
static void
test_file_id_origin(void **state)
{
    (void)state;
    char a[SCHEMA_FILE_ID_SIZE], b[SCHEMA_FILE_ID_SIZE], again[SCHEMA_FILE_ID_SIZE];
    schema_file_id(a, "leeds-1", "/srv/minutes/cabinet.pdf");
    schema_file_id(b, "leeds-2", "/srv/minutes/cabinet.pdf");
    schema_file_id(again, "leeds-1", "/srv/minutes/cabinet.pdf");
    assert_string_not_equal(a, b);
    assert_string_equal(a, again);
    assert_int_equal(strlen(a), SCHEMA_FILE_ID_SIZE - 1);
    /* the origin and the path cannot be run together into another pair */
    schema_file_id(b, "leeds-1/srv", "/minutes/cabinet.pdf");
    assert_string_not_equal(a, b);
}

/* A paragraph's id is what schema_file_id and the ordinal make, and nothing else: ids read
 * back as written, upper-case hex folded, anything malformed refused. */
static void
test_parse_id(void **state)
{
    (void)state;
    char file_id[SCHEMA_FILE_ID_SIZE], written[SCHEMA_FILE_ID_SIZE], id[64];
    unsigned ordinal = 0;
    schema_file_id(written, "hostname", "/minutes/cabinet-2018-04-03.pdf");
    snprintf(id, sizeof id, "%s:%u", written, 4294967295u);
    assert_true(schema_parse_id(id, file_id, &ordinal));
    assert_string_equal(file_id, written);
    assert_int_equal(ordinal, 4294967295u);

    assert_true(schema_parse_id("C83679B4AC7B:42", file_id, &ordinal));
    assert_string_equal(file_id, "c83679b4ac7b");
    assert_int_equal(ordinal, 42);

    static const char *const malformed[] = {
        "",
        "c83679b4ac7b",
        "c83679b4ac7b:",
        "c83679b4ac7b:0",
        "c83679b4ac7b:-1",
        "c83679b4ac7b:+1",
        "c83679b4ac7b: 1",
        "c83679b4ac7b:1x",
        "c83679b4ac7b:4294967296",
        "c83679b4ac7:1",
        "c83679b4ac7bb:1",
        "c83679b4ac7g:1",
        ":1",
        "zz:1",
    };
    for (size_t i = 0; i < sizeof malformed / sizeof *malformed; i++)
        assert_false(schema_parse_id(malformed[i], file_id, &ordinal));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_data_round_trip),
        cmocka_unit_test(test_data_absent_fields),
        cmocka_unit_test(test_data_separator_in_field),
        cmocka_unit_test(test_data_corrupt),
        cmocka_unit_test(test_section_round_trip),
        cmocka_unit_test(test_section_corrupt),
        cmocka_unit_test(test_meeting_keys),
        cmocka_unit_test(test_parse_id),
        cmocka_unit_test(test_file_id_origin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
