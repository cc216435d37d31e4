/* test-xap-query.c - unit tests of parsing queries in the shim (xap-query.cc): syntax,
 * exact and stemmed phrases, filters, field prefixes, literal and fixed text, compounds,
 * titles and synonyms, on real indexes. */
#include "xap-fixture.h"

/* ---- helpers ------------------------------------------------------------------------------- */

/* The weight of paragraph `id` among the matches of `q`; -1 if it does not match. */
static double
weight_of(xap_db *db, xap_query *q, char id)
{
    xap_mset *ms = run(db, q, 0, 100);
    double w = -1;
    for (size_t i = 0; i < xap_mset_size(ms); i++) {
        xap_match m;
        ASSERT_OK(db, xap_mset_get(ms, i, &m));
        if (m.data[0] == id)
            w = m.weight;
    }
    xap_mset_destroy(ms);
    return w;
}

/* ---- queries ------------------------------------------------------------------------------- */

static void
test_query_syntax(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    char ids[16];

    /* Stemmed phrases match inflected forms; exact ones only the words as written. */
    assert_string_equal(search(db, "\"private fostering\"", 0, ids, sizeof ids), "ab");
    assert_string_equal(search(db, "\"private fostering\"", XAP_PARSE_EXACT, ids, sizeof ids), "a");
    assert_string_equal(search(db, "fostering", 0, ids, sizeof ids), "ab");
    assert_string_equal(search(db, "fostering", XAP_PARSE_EXACT, ids, sizeof ids), "a");
    /* Exact phrases inside boolean queries, and NEAR: positions are the stems', and the
     * words as written must be there too. */
    assert_string_equal(
        search(db, "(\"private fostering\" OR biscuits) AND NOT tea", XAP_PARSE_EXACT, ids,
               sizeof ids),
        "a");
    assert_string_equal(search(db, "\"privately fostered\" OR tea", XAP_PARSE_EXACT, ids, sizeof ids),
                        "bd");
    assert_string_equal(search(db, "\"private fostered\"", XAP_PARSE_EXACT, ids, sizeof ids), "");
    assert_string_equal(search(db, "private NEAR fostering", XAP_PARSE_EXACT, ids, sizeof ids), "a");
    assert_string_equal(search(db, "privately NEAR fostering", XAP_PARSE_EXACT, ids, sizeof ids), "");
    assert_string_equal(search(db, "private NEAR fostering", 0, ids, sizeof ids), "ab");
    /* Numbers are words like any other, stemmed or not, alone or in phrases. */
    assert_string_equal(search(db, "2017", 0, ids, sizeof ids), "c");
    assert_string_equal(search(db, "2017", XAP_PARSE_EXACT, ids, sizeof ids), "c");
    assert_string_equal(search(db, "\"march 2017\"", 0, ids, sizeof ids), "c");
    assert_string_equal(search(db, "\"march 2017\"", XAP_PARSE_EXACT, ids, sizeof ids), "c");
    assert_string_equal(search(db, "\"2017 march\"", 0, ids, sizeof ids), "");

    assert_string_equal(search(db, "children", 0, ids, sizeof ids), "bc");
    assert_string_equal(search(db, "children inspected", 0, ids, sizeof ids), "c");
    assert_string_equal(search(db, "children AND visited", 0, ids, sizeof ids), "b");
    assert_string_equal(search(db, "fostering OR biscuits", 0, ids, sizeof ids), "abd");
    assert_string_equal(search(db, "children NOT ofsted", 0, ids, sizeof ids), "b");
    assert_string_equal(search(db, "children -ofsted", 0, ids, sizeof ids), "b");
    assert_string_equal(search(db, "+ofsted children", 0, ids, sizeof ids), "c");
    assert_string_equal(search(db, "(fostering OR tea) AND city", 0, ids, sizeof ids), "a");
    assert_string_equal(search(db, "NOT children", 0, ids, sizeof ids), "ad");
    assert_string_equal(search(db, "foster*", 0, ids, sizeof ids), "ab");
    assert_string_equal(search(db, "foster*", XAP_PARSE_EXACT, ids, sizeof ids), "ab");
    assert_string_equal(search(db, "", 0, ids, sizeof ids), "abcd");
    assert_string_equal(search(db, " \t\n", 0, ids, sizeof ids), "abcd");
    assert_string_equal(search(db, "fostering AND biscuits", 0, ids, sizeof ids), "");

    char *desc = NULL;
    xap_query *q = NULL;
    ASSERT_OK(db, xap_query_parse(db, "fostering", 0, &q));
    ASSERT_OK(db, xap_query_describe(q, &desc));
    assert_non_null(strstr(desc, "Zfoster"));
    free(desc);
    xap_query_destroy(q);
    xap_query_destroy(NULL);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

static void
test_bad_query(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    const char *bad[] = {"fostering AND", "NOT", "OR children"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        xap_query *q = (xap_query *)1;
        assert_int_equal(xap_query_parse(db, bad[i], 0, &q), MINUTES_BAD_QUERY);
        assert_null(q);
        assert_string_not_equal(xap_db_errmsg(db), "");
    }
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

static void
test_filter(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    xap_query *q = NULL;
    char ids[16];
    ASSERT_OK(db, xap_query_parse(db, "children OR fostering", 0, &q));
    assert_string_equal(ids_of(db, q, ids, sizeof ids), "abc");
    double before = weight_of(db, q, 'c');
    assert_true(before > 0);

    ASSERT_OK(db, xap_query_filter_terms(q, NULL, 0)); /* no terms: no change */
    assert_string_equal(ids_of(db, q, ids, sizeof ids), "abc");

    const char *files[] = {"P/c", "P/d"};
    ASSERT_OK(db, xap_query_filter_terms(q, files, 2)); /* OR within a call */
    assert_string_equal(ids_of(db, q, ids, sizeof ids), "c");
    assert_true(weight_of(db, q, 'c') == before);

    const char *other[] = {"P/a"};
    ASSERT_OK(db, xap_query_filter_terms(q, other, 1)); /* AND between calls */
    assert_string_equal(ids_of(db, q, ids, sizeof ids), "");
    xap_query_destroy(q);

    /* A filter on the empty query lists a file's paragraphs. */
    ASSERT_OK(db, xap_query_parse(db, "", 0, &q));
    ASSERT_OK(db, xap_query_filter_terms(q, files, 2));
    assert_string_equal(ids_of(db, q, ids, sizeof ids), "cd");
    xap_query_destroy(q);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

/* The field expander of the tests: "file:X" stands for the file term "P/X" (and "file:ab"
 * for both "P/a" and "P/b"); "file:none" for nothing; "file:bad" is an error. */
static minutes_status
expand_file(void *ctx, const char *prefix, const char *value, xap_terms *out, char **message)
{
    int *calls = ctx;
    (*calls)++;
    assert_string_equal(prefix, "file");
    if (strcmp(value, "bad") == 0) {
        *message = strdup("no such file as 'bad'");
        return MINUTES_BAD_QUERY;
    }
    if (strcmp(value, "none") == 0)
        return MINUTES_OK;
    for (const char *v = value; *v; v++) {
        char term[8] = {'P', '/', *v, 0};
        minutes_status st = xap_terms_add(out, term);
        if (st != MINUTES_OK)
            return st;
    }
    return MINUTES_OK;
}

static const char *
search_fields(xap_db *db, const char *text, char *buf, size_t size, int *calls)
{
    static const char *const prefixes[] = {"file"};
    xap_parse_fields fields = {prefixes, 1, expand_file, calls, NULL, NULL, 0, NULL, 0};
    xap_query *q = NULL;
    ASSERT_OK(db, xap_query_parse_fields(db, text, 0, &fields, &q));
    ids_of(db, q, buf, size);
    xap_query_destroy(q);
    return buf;
}

static void
test_field_prefixes(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    char ids[16];
    int calls = 0;
    assert_string_equal(search_fields(db, "children file:c", ids, sizeof ids, &calls), "c");
    assert_int_equal(calls, 1);
    assert_string_equal(search_fields(db, "children OR fostering", ids, sizeof ids, &calls), "abc");
    /* One prefix repeated: OR; a value standing for several terms: OR. */
    assert_string_equal(search_fields(db, "children file:b file:c", ids, sizeof ids, &calls), "bc");
    assert_string_equal(search_fields(db, "children file:a file:c", ids, sizeof ids, &calls), "c");
    assert_string_equal(search_fields(db, "file:ab", ids, sizeof ids, &calls), "ab");
    assert_string_equal(search_fields(db, "file:ab -visited", ids, sizeof ids, &calls), "a");
    assert_string_equal(search_fields(db, "fostering file:none", ids, sizeof ids, &calls), "");
    /* The filter adds no weight. */
    xap_query *plain = NULL;
    ASSERT_OK(db, xap_query_parse(db, "children", 0, &plain));
    double before = weight_of(db, plain, 'c');
    xap_query_destroy(plain);
    static const char *const prefixes[] = {"file"};
    xap_parse_fields fields = {prefixes, 1, expand_file, &calls, NULL, NULL, 0, NULL, 0};
    xap_query *q = NULL;
    ASSERT_OK(db, xap_query_parse_fields(db, "children file:c", 0, &fields, &q));
    assert_true(weight_of(db, q, 'c') == before);
    xap_query_destroy(q);
    /* An expansion that fails makes the query malformed, with its reason. */
    q = (xap_query *)1;
    assert_int_equal(xap_query_parse_fields(db, "children file:bad", 0, &fields, &q),
                     MINUTES_BAD_QUERY);
    assert_null(q);
    assert_string_equal(xap_db_errmsg(db), "no such file as 'bad'");
    /* Without fields the prefix is just words. */
    ASSERT_OK(db, xap_query_parse_fields(db, "file:c", 0, NULL, &q));
    xap_query_destroy(q);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

/* XAP_PARSE_LITERAL: the words, ANDed, whatever the syntax; XAP_PARSE_FIXED: one phrase. */
static void
test_literal_and_fixed(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    char ids[16];
    int calls = 0;
    const unsigned L = XAP_PARSE_LITERAL, F = XAP_PARSE_FIXED;

    /* What the full syntax rejects parses literally: operators are words. */
    const char *broken[] = {"fostering AND",
                            "NOT",
                            "OR children",
                            "(((",
                            "\"",
                            "*",
                            "-",
                            "+",
                            ":",
                            "children (",
                            "\"private fostering",
                            "AND OR NOT XOR"};
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        xap_query *q = NULL;
        ASSERT_OK(db, xap_query_parse(db, broken[i], L, &q));
        xap_query_destroy(q);
        ASSERT_OK(db, xap_query_parse(db, broken[i], F, &q));
        xap_query_destroy(q);
        ASSERT_OK(db, xap_query_parse(db, broken[i], F | XAP_PARSE_EXACT, &q));
        xap_query_destroy(q);
    }
    assert_string_equal(search(db, "children -ofsted", L, ids, sizeof ids), "c");
    assert_string_equal(search(db, "fostering OR biscuits", L, ids, sizeof ids), "");
    assert_string_equal(search(db, "(private fostering", L, ids, sizeof ids), "ab");
    assert_string_equal(search(db, "foster*", L, ids, sizeof ids), "ab"); /* no wildcard */
    assert_string_equal(search(db, "\"", L, ids, sizeof ids), "");        /* no words */
    assert_string_equal(search(db, "", L, ids, sizeof ids), "abcd");
    /* Field prefixes still filter in literal mode. */
    assert_string_equal(search_fields(db, "children file:c", ids, sizeof ids, &calls), "c");
    static const char *const prefixes[] = {"file"};
    xap_parse_fields fields = {prefixes, 1, expand_file, &calls, NULL, NULL, 0, NULL, 0};
    xap_query *q = NULL;
    ASSERT_OK(db, xap_query_parse_fields(db, "children file:b AND", L, &fields, &q));
    assert_string_equal(ids_of(db, q, ids, sizeof ids), "");
    xap_query_destroy(q);
    ASSERT_OK(db, xap_query_parse_fields(db, "( children file:b", L, &fields, &q));
    assert_string_equal(ids_of(db, q, ids, sizeof ids), "b");
    xap_query_destroy(q);
    q = (xap_query *)1;
    assert_int_equal(xap_query_parse_fields(db, "children file:bad", L, &fields, &q),
                     MINUTES_BAD_QUERY);
    assert_null(q);

    /* Xapian 1.4 leaks on a NEAR/n after an operator: refused unparsed (ASan checks). */
    const char *leaky[] = {"children OR NEAR/2 city", "NOT ADJ/3 city",        "a AND\tNEAR/9 b",
                           "a XOR \xc2\xa0 ADJ/1",    "-fs/ted NEAR/3 report", "-a-b NEAR/2 c"};
    for (size_t i = 0; i < sizeof leaky / sizeof leaky[0]; i++) {
        q = (xap_query *)1;
        assert_int_equal(xap_query_parse(db, leaky[i], 0, &q), MINUTES_BAD_QUERY);
        assert_null(q);
        ASSERT_OK(db, xap_query_parse(db, leaky[i], L, &q));
        xap_query_destroy(q);
    }
    assert_string_equal(search(db, "private NEAR/2 fostering", 0, ids, sizeof ids), "ab");

    /* Fixed: a phrase, stemmed unless exact; no syntax, no prefixes. */
    assert_string_equal(search(db, "private fostering", F, ids, sizeof ids), "ab");
    assert_string_equal(search(db, "private fostering", F | XAP_PARSE_EXACT, ids, sizeof ids), "a");
    assert_string_equal(search(db, "fostering private", F, ids, sizeof ids), "");
    assert_string_equal(search(db, "private \"fostering\"", F, ids, sizeof ids), "ab");
    assert_string_equal(search(db, "children NOT ofsted", F, ids, sizeof ids), "");
    assert_string_equal(search(db, "tea & biscuits", F, ids, sizeof ids), "d");
    assert_string_equal(search(db, "\"", F, ids, sizeof ids), "");
    assert_string_equal(search(db, " ", F, ids, sizeof ids), "abcd");
    calls = 0;
    ASSERT_OK(db, xap_query_parse_fields(db, "file:bad", F, &fields, &q));
    assert_int_equal(calls, 0);
    assert_string_equal(ids_of(db, q, ids, sizeof ids), "");
    xap_query_destroy(q);
    char *desc = NULL;
    ASSERT_OK(db, xap_query_parse(db, "private fostering", F, &q));
    ASSERT_OK(db, xap_query_describe(q, &desc));
    assert_non_null(strstr(desc, "PHRASE"));
    free(desc);
    xap_query_destroy(q);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

/* ---- compounds, titles and synonyms -------------------------------------------------------- */

/* Write paragraph `id` with `text`, whose compound (if any) is `compound`, and `title` (if
 * any) under the prefix "S" with no weight. */
static void
put_field(xap_db *db, xap_doc *doc, const char *id, const char *text, const char *compound,
          const char *title)
{
    char qterm[64];
    snprintf(qterm, sizeof qterm, "Q%s", id);
    xap_doc_clear(doc);
    xap_span span = {0, 0};
    if (compound) {
        span.start = (size_t)(strstr(text, compound) - text);
        span.end = span.start + strlen(compound);
    }
    xap_index_options opt = {NULL, 1, &span, compound ? 1 : 0};
    ASSERT_OK(db, xap_doc_index_field(doc, text, strlen(text), &opt));
    if (title) {
        xap_index_options title_opt = {"S", 0, NULL, 0};
        ASSERT_OK(db, xap_doc_index_field(doc, title, strlen(title), &title_opt));
    }
    ASSERT_OK(db, xap_doc_add_boolean_term(doc, qterm));
    ASSERT_OK(db, xap_doc_set_data(doc, id, strlen(id)));
    ASSERT_OK(db, xap_db_replace_by_term(db, qterm, doc));
}

/* The ids matching `text` parsed with `fields`. */
static const char *
search_with(xap_db *db, const char *text, unsigned flags, const xap_parse_fields *fields, char *buf,
            size_t size)
{
    xap_query *q = NULL;
    ASSERT_OK(db, xap_query_parse_fields(db, text, flags, fields, &q));
    ids_of(db, q, buf, size);
    xap_query_destroy(q);
    return buf;
}

static void
test_compounds_titles_synonyms(void **state)
{
    fixture *f = *state;
    xap_db *db = NULL;
    char *err = NULL;
    assert_int_equal(xap_db_open(f->path, XAP_CREATE, &db, &err), MINUTES_OK);
    xap_doc *doc;
    ASSERT_OK(db, xap_doc_create(db, &doc));
    put_field(db, doc, "a", "Tackling anti-social behaviour now.", "anti-social", NULL);
    put_field(db, doc, "b", "The antisocial behaviour team met.", NULL, NULL);
    put_field(db, doc, "c", "Reports of anti social behaviour rose.", NULL, NULL);
    put_field(db, doc, "d", "The board noted the report.", NULL, "Private Fostering");
    put_field(db, doc, "e", "Looked after children were visited.", NULL, NULL);
    xap_doc_destroy(doc);
    static const char *const group[] = {"asb", "antisocial behaviour", "anti social behaviour"};
    ASSERT_OK(db, xap_db_add_synonyms(db, group, 3));
    static const char *const lac[] = {"LAC", "looked after children"};
    ASSERT_OK(db, xap_db_add_synonyms(db, lac, 2));
    ASSERT_OK(db, xap_db_flush(db));

    /* The compound's closed word is indexed at the positions of its first and last parts. */
    char ids[16];
    assert_string_equal(search(db, "antisocial", 0, ids, sizeof ids), "ab");
    assert_string_equal(search(db, "antisocial", XAP_PARSE_EXACT, ids, sizeof ids), "ab");
    assert_string_equal(search(db, "\"antisocial behaviour\"", 0, ids, sizeof ids), "ab");
    assert_string_equal(search(db, "\"tackling antisocial\"", 0, ids, sizeof ids), "a");
    assert_string_equal(search(db, "\"anti social\"", 0, ids, sizeof ids), "ac");

    /* A compound of the query: the closed word also matches its parts, in phrases too. */
    static const char *const compounds[] = {"anti-social"};
    static const char *const text_fields[] = {"title"};
    static const char *const text_prefixes[] = {"S"};
    xap_parse_fields fields = {NULL, 0, NULL, NULL, text_fields, text_prefixes, 1, compounds, 1};
    assert_string_equal(search_with(db, "antisocial", 0, &fields, ids, sizeof ids), "abc");
    assert_string_equal(search_with(db, "antisocial", XAP_PARSE_EXACT, &fields, ids, sizeof ids),
                        "abc");
    assert_string_equal(
        search_with(db, "\"tackling antisocial behaviour\"", 0, &fields, ids, sizeof ids), "a");
    assert_string_equal(
        search_with(db, "\"antisocial behaviour\"", XAP_PARSE_FIXED, &fields, ids, sizeof ids),
        "abc");

    /* Title words: a phrase of their own, with no weight. */
    assert_string_equal(search_with(db, "title:fostering", 0, &fields, ids, sizeof ids), "d");
    assert_string_equal(search_with(db, "title:\"private fostering\"", 0, &fields, ids, sizeof ids),
                        "d");
    assert_string_equal(search_with(db, "title:\"fostering private\"", 0, &fields, ids, sizeof ids),
                        "");
    assert_string_equal(search_with(db, "fostering", 0, &fields, ids, sizeof ids), "");
    xap_query *q = NULL;
    ASSERT_OK(db, xap_query_parse_fields(db, "title:fostering", 0, &fields, &q));
    assert_true(weight_of(db, q, 'd') == 0.0);
    xap_query_destroy(q);

    /* Synonyms, one word or several, either way, as phrases; only when asked for. */
    assert_string_equal(search(db, "ASB", XAP_PARSE_SYNONYMS, ids, sizeof ids), "abc");
    assert_string_equal(search(db, "ASB", 0, ids, sizeof ids), "");
    assert_string_equal(search(db, "lac", XAP_PARSE_SYNONYMS, ids, sizeof ids), "e");
    assert_string_equal(search(db, "lac", XAP_PARSE_SYNONYMS | XAP_PARSE_EXACT, ids, sizeof ids),
                        "e");
    assert_string_equal(search(db, "\"lac\"", XAP_PARSE_SYNONYMS, ids, sizeof ids), "");
    ASSERT_OK(db, xap_db_clear_synonyms(db));
    assert_string_equal(search(db, "ASB", XAP_PARSE_SYNONYMS, ids, sizeof ids), "");
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

/* ---- spelling ------------------------------------------------------------------------------ */

static char *
suggest(xap_db *db, const char *text, unsigned flags, const xap_parse_fields *fields)
{
    char *s = NULL;
    ASSERT_OK(db, xap_query_suggest(db, text, flags, fields, &s));
    assert_non_null(s);
    return s;
}

static void
expect_suggestion(char *got, const char *want)
{
    assert_string_equal(got, want);
    free(got);
}

/* Words not in the index are corrected from the spelling table, the rest of the text kept;
 * filter values are not; nothing to correct is "". */
static void
test_suggest(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    expect_suggestion(suggest(db, "fosterng", 0, NULL), ""); /* no table yet */
    ASSERT_OK(db, xap_db_sync_spelling(db, NULL));
    expect_suggestion(suggest(db, "fosterng", 0, NULL), "fostering");
    expect_suggestion(suggest(db, "Private fosterng", 0, NULL), "Private fostering");
    expect_suggestion(suggest(db, "\"privat fostering\" OR ofstd", 0, NULL),
                      "\"private fostering\" OR ofsted");
    expect_suggestion(suggest(db, "fostering", 0, NULL), "");
    expect_suggestion(suggest(db, "qqqqzzzz", 0, NULL), "");
    expect_suggestion(suggest(db, "fosterng", XAP_PARSE_EXACT | XAP_PARSE_FIXED, NULL),
                      "fostering");
    static const char *const prefixes[] = {"board"};
    xap_parse_fields fields = {.prefixes = prefixes, .count = 1};
    expect_suggestion(suggest(db, "board:fosterng fosterng", 0, &fields),
                      "board:fosterng fostering");
    /* Unknown syntax: the words as they are. */
    expect_suggestion(suggest(db, "fosterng AND", XAP_PARSE_LITERAL, NULL), "fostering AND");
    assert_int_equal(xap_query_suggest(db, NULL, 0, NULL, NULL), MINUTES_BAD_ARGUMENT);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_query_syntax, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_query, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_field_prefixes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_literal_and_fixed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compounds_titles_synonyms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_suggest, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
