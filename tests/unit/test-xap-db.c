/* test-xap-db.c - unit tests of the shim's database side (xap-db.cc): opening, locks,
 * transactions, metadata, terms, documents and their data, on real indexes. */
#include "xap-fixture.h"

/* ---- helpers ------------------------------------------------------------------------------- */

static unsigned long
termfreq(xap_db *db, const char *term)
{
    unsigned long n = 0;
    ASSERT_OK(db, xap_db_termfreq(db, term, &n));
    return n;
}

/* ---- databases ----------------------------------------------------------------------------- */

static void
test_open_missing(void **state)
{
    fixture *f = *state;
    char missing[160];
    snprintf(missing, sizeof missing, "%s/nowhere", f->dir);
    const xap_mode modes[] = {XAP_READ, XAP_WRITE};
    for (size_t i = 0; i < 2; i++) {
        xap_db *db = (xap_db *)1;
        char *err = NULL;
        assert_int_equal(xap_db_open(missing, modes[i], &db, &err), MINUTES_NO_INDEX);
        assert_null(db);
        assert_non_null(err);
        assert_non_null(strstr(err, missing));
        free(err);
    }
    /* An existing directory that holds no index is no index either. */
    xap_db *db = NULL;
    char *err = NULL;
    assert_int_equal(xap_db_open(f->dir, XAP_READ, &db, &err), MINUTES_NO_INDEX);
    assert_non_null(err);
    free(err);
    assert_int_equal(xap_db_close(NULL), MINUTES_OK);
}

static void
test_add_replace_delete(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    assert_int_equal(doccount(db), CORPUS_SIZE);

    /* The same id term replaces, and the cleared document keeps nothing of before. */
    xap_doc *doc;
    ASSERT_OK(db, xap_doc_create(db, &doc));
    put(db, doc, "a", "The Panel approved the budget.");
    ASSERT_OK(db, xap_db_flush(db));
    assert_int_equal(doccount(db), CORPUS_SIZE);
    assert_int_equal(termfreq(db, "budget"), 1);
    assert_int_equal(termfreq(db, "arrangements"), 0);
    assert_int_equal(termfreq(db, "Qa"), 1);

    ASSERT_OK(db, xap_db_delete_by_term(db, "Qa"));
    ASSERT_OK(db, xap_db_delete_by_term(db, "Qnone")); /* deleting nothing is fine */
    assert_int_equal(doccount(db), CORPUS_SIZE - 1);
    assert_int_equal(termfreq(db, "budget"), 0);

    xap_doc_destroy(doc);
    assert_int_equal(xap_db_close(db), MINUTES_OK);

    /* What was flushed and closed is there when reopened read-only. */
    char *err = NULL;
    assert_int_equal(xap_db_open(f->path, XAP_READ, &db, &err), MINUTES_OK);
    assert_int_equal(doccount(db), CORPUS_SIZE - 1);
    xap_doc_destroy(NULL);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

static void
test_transactions(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    xap_doc *doc;
    ASSERT_OK(db, xap_doc_create(db, &doc));

    ASSERT_OK(db, xap_db_begin(db));
    put(db, doc, "e", "The item was deferred.");
    assert_int_equal(xap_db_begin(db), MINUTES_BAD_ARGUMENT);
    assert_string_not_equal(xap_db_errmsg(db), "");
    ASSERT_OK(db, xap_db_cancel(db));
    assert_int_equal(termfreq(db, "Qe"), 0);
    assert_int_equal(doccount(db), CORPUS_SIZE);

    ASSERT_OK(db, xap_db_begin(db));
    put(db, doc, "e", "The item was deferred.");
    ASSERT_OK(db, xap_db_delete_by_term(db, "Qa"));
    ASSERT_OK(db, xap_db_commit(db));
    assert_int_equal(termfreq(db, "Qe"), 1);
    assert_int_equal(termfreq(db, "Qa"), 0);

    assert_int_equal(xap_db_commit(db), MINUTES_BAD_ARGUMENT); /* none open */
    assert_int_equal(xap_db_cancel(db), MINUTES_BAD_ARGUMENT);

    /* A transaction left open at close is cancelled. */
    ASSERT_OK(db, xap_db_begin(db));
    put(db, doc, "f", "Any other business.");
    xap_doc_destroy(doc);
    assert_int_equal(xap_db_close(db), MINUTES_OK);

    /* The committed transaction is durable; the abandoned one is gone. */
    char *err = NULL;
    assert_int_equal(xap_db_open(f->path, XAP_READ, &db, &err), MINUTES_OK);
    assert_int_equal(termfreq(db, "Qe"), 1);
    assert_int_equal(termfreq(db, "Qf"), 0);
    assert_int_equal(doccount(db), CORPUS_SIZE);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

static void
test_locked(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    xap_db *second = (xap_db *)1;
    char *err = NULL;
    assert_int_equal(xap_db_open(f->path, XAP_WRITE, &second, &err), MINUTES_LOCKED);
    assert_null(second);
    assert_non_null(err);
    assert_non_null(strstr(err, "locked"));
    free(err);

    /* Readers are not locked out, and the lock goes with the writer. */
    err = NULL;
    assert_int_equal(xap_db_open(f->path, XAP_READ, &second, &err), MINUTES_OK);
    assert_int_equal(xap_db_close(second), MINUTES_OK);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
    assert_int_equal(xap_db_open(f->path, XAP_WRITE, &db, &err), MINUTES_OK);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

static void
test_read_only(void **state)
{
    fixture *f = *state;
    xap_db *writer = create_corpus(f);
    xap_db *reader = NULL;
    char *err = NULL;
    assert_int_equal(xap_db_open(f->path, XAP_READ, &reader, &err), MINUTES_OK);
    assert_int_equal(doccount(reader), CORPUS_SIZE);

    /* The reader keeps its snapshot until it reopens. */
    xap_doc *doc;
    ASSERT_OK(writer, xap_doc_create(writer, &doc));
    put(writer, doc, "e", "Councillor Smith declared an interest in item 4.");
    ASSERT_OK(writer, xap_db_flush(writer));
    assert_int_equal(doccount(reader), CORPUS_SIZE);
    ASSERT_OK(reader, xap_db_reopen(reader));
    assert_int_equal(doccount(reader), CORPUS_SIZE + 1);
    char ids[16];
    assert_string_equal(search(reader, "interest", 0, ids, sizeof ids), "e");

    /* Writing through a reader is refused. */
    assert_int_equal(xap_db_begin(reader), MINUTES_BAD_ARGUMENT);
    assert_string_not_equal(xap_db_errmsg(reader), "");
    assert_int_equal(xap_db_flush(reader), MINUTES_BAD_ARGUMENT);
    assert_int_equal(xap_db_set_metadata(reader, "k", "v"), MINUTES_BAD_ARGUMENT);
    assert_int_equal(xap_db_delete_by_term(reader, "Qa"), MINUTES_BAD_ARGUMENT);
    assert_int_equal(xap_db_replace_by_term(reader, "Qe", doc), MINUTES_BAD_ARGUMENT);
    /* ... and a success clears the message. */
    assert_int_equal(doccount(reader), CORPUS_SIZE + 1);
    assert_string_equal(xap_db_errmsg(reader), "");

    xap_doc_destroy(doc);
    assert_int_equal(xap_db_close(reader), MINUTES_OK);
    assert_int_equal(xap_db_close(writer), MINUTES_OK);
}

static int
collect_term(void *ctx, const char *term, size_t len)
{
    char *buf = ctx;
    size_t n = strlen(buf);
    if (n + len + 2 < 256) {
        memcpy(buf + n, term, len);
        buf[n + len] = ' ';
        buf[n + len + 1] = '\0';
    }
    return 0;
}

static int
first_term_only(void *ctx, const char *term, size_t len)
{
    char *buf = ctx;
    if (len < 64) {
        memcpy(buf, term, len);
        buf[len] = '\0';
    }
    return 1;
}

static void
test_metadata_terms(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);

    ASSERT_OK(db, xap_db_set_metadata(db, "minutes:schema", "1"));
    char *value = NULL;
    ASSERT_OK(db, xap_db_get_metadata(db, "minutes:schema", &value));
    assert_string_equal(value, "1");
    free(value);
    ASSERT_OK(db, xap_db_get_metadata(db, "minutes:none", &value));
    assert_string_equal(value, "");
    free(value);

    /* Unstemmed words and Z stems, both counted per paragraph. */
    assert_int_equal(termfreq(db, "Zfoster"), 2);
    assert_int_equal(termfreq(db, "fostering"), 1);
    assert_int_equal(termfreq(db, "children's"), 1);
    assert_int_equal(termfreq(db, "Zchildren"), 2);
    assert_int_equal(termfreq(db, "nosuchterm"), 0);

    char buf[256] = "";
    ASSERT_OK(db, xap_db_each_term(db, "P", collect_term, buf));
    assert_string_equal(buf, "P/a P/b P/c P/d ");
    char first[64] = "";
    ASSERT_OK(db, xap_db_each_term(db, "Q", first_term_only, first));
    assert_string_equal(first, "Qa");
    buf[0] = '\0';
    ASSERT_OK(db, xap_db_each_term(db, "XI", collect_term, buf));
    assert_string_equal(buf, "");
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

/* ---- documents ----------------------------------------------------------------------------- */

static void
test_document_fields(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    xap_doc *doc;
    ASSERT_OK(db, xap_doc_create(db, &doc));

    /* Two calls: the first word of the second does not follow the last of the first. */
    const char *title = "Private";
    const char *body = "fostering report";
    ASSERT_OK(db, xap_doc_index_text(doc, title, strlen(title), NULL));
    ASSERT_OK(db, xap_doc_index_text(doc, body, strlen(body), NULL));
    const char *heading = "Annual Reports";
    ASSERT_OK(db, xap_doc_index_text(doc, heading, strlen(heading), "S"));
    ASSERT_OK(db, xap_doc_add_boolean_term(doc, "Qe"));
    ASSERT_OK(db, xap_doc_add_boolean_term(doc, "XI3"));
    ASSERT_OK(db, xap_doc_set_value(doc, 0, "raw\0bytes", 9));
    ASSERT_OK(db, xap_doc_set_value_number(doc, 1, 2017.5));
    ASSERT_OK(db, xap_doc_set_data(doc, "e", 1));
    ASSERT_OK(db, xap_db_replace_by_term(db, "Qe", doc));
    ASSERT_OK(db, xap_db_flush(db));

    assert_int_equal(termfreq(db, "Sreports"), 1);
    assert_int_equal(termfreq(db, "ZSreport"), 1);
    assert_int_equal(termfreq(db, "XI3"), 1);
    char ids[16];
    assert_string_equal(search(db, "\"fostering report\"", XAP_PARSE_EXACT, ids, sizeof ids), "e");
    assert_string_equal(search(db, "\"private fostering\"", XAP_PARSE_EXACT, ids, sizeof ids), "a");
    assert_string_equal(search(db, "\"private fostering\"", 0, ids, sizeof ids), "ab");

    assert_int_equal(xap_doc_add_boolean_term(doc, ""), MINUTES_BAD_ARGUMENT);
    assert_string_not_equal(xap_db_errmsg(db), "");
    assert_int_equal(xap_doc_add_boolean_term(NULL, "x"), MINUTES_BAD_ARGUMENT);
    xap_doc_destroy(doc);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

static void
test_data_by_term(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    xap_doc *doc;
    ASSERT_OK(db, xap_doc_create(db, &doc));
    const char binary[] = "{\"a\":1}\0\xff tail";
    ASSERT_OK(db, xap_doc_add_boolean_term(doc, "Qbin"));
    ASSERT_OK(db, xap_doc_set_data(doc, binary, sizeof binary));
    ASSERT_OK(db, xap_db_replace_by_term(db, "Qbin", doc));
    xap_doc_clear(doc);
    ASSERT_OK(db, xap_doc_add_boolean_term(doc, "Qempty"));
    ASSERT_OK(db, xap_db_replace_by_term(db, "Qempty", doc));
    xap_doc_destroy(doc);

    char *data = NULL;
    size_t len = 99;
    int found = -1;
    ASSERT_OK(db, xap_db_get_data_by_term(db, "Qc", &data, &len, &found));
    assert_int_equal(found, 1);
    assert_int_equal(len, 1);
    assert_string_equal(data, "c");
    free(data);

    /* Bytes, NULs included, come back whole. */
    ASSERT_OK(db, xap_db_get_data_by_term(db, "Qbin", &data, &len, &found));
    assert_int_equal(found, 1);
    assert_int_equal(len, sizeof binary);
    assert_memory_equal(data, binary, sizeof binary);
    free(data);

    /* Empty data is found, as "". */
    ASSERT_OK(db, xap_db_get_data_by_term(db, "Qempty", &data, &len, &found));
    assert_int_equal(found, 1);
    assert_int_equal(len, 0);
    assert_non_null(data);
    assert_string_equal(data, "");
    free(data);

    /* A term no document has: success, nothing found. */
    data = (char *)1;
    len = 99;
    found = -1;
    ASSERT_OK(db, xap_db_get_data_by_term(db, "Qnone", &data, &len, &found));
    assert_int_equal(found, 0);
    assert_null(data);
    assert_int_equal(len, 0);

    /* A term several documents have gives the first (P/ terms are per paragraph here, so use
     * a word). */
    ASSERT_OK(db, xap_db_get_data_by_term(db, "Zfoster", &data, &len, &found));
    assert_int_equal(found, 1);
    assert_string_equal(data, "a");
    free(data);

    data = (char *)1;
    assert_int_equal(xap_db_get_data_by_term(db, "", &data, &len, &found), MINUTES_BAD_ARGUMENT);
    assert_null(data);
    assert_string_not_equal(xap_db_errmsg(db), "");
    assert_int_equal(xap_db_get_data_by_term(db, "Qa", &data, NULL, &found), MINUTES_BAD_ARGUMENT);
    assert_int_equal(xap_db_get_data_by_term(NULL, "Qa", &data, &len, &found),
                     MINUTES_BAD_ARGUMENT);
    assert_int_equal(xap_db_close(db), MINUTES_OK);

    /* A reader sees what was committed. */
    char *err = NULL;
    assert_int_equal(xap_db_open(f->path, XAP_READ, &db, &err), MINUTES_OK);
    ASSERT_OK(db, xap_db_get_data_by_term(db, "Qbin", &data, &len, &found));
    assert_int_equal(found, 1);
    assert_int_equal(len, sizeof binary);
    free(data);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

static void
test_bad_arguments(void **state)
{
    (void)state;
    xap_db *db = NULL;
    char *err = NULL;
    assert_int_equal(xap_db_open("", XAP_READ, &db, &err), MINUTES_BAD_ARGUMENT);
    assert_non_null(err);
    free(err);
    assert_int_equal(xap_db_open("/tmp", XAP_READ, NULL, NULL), MINUTES_BAD_ARGUMENT);
    unsigned long n;
    assert_int_equal(xap_db_doccount(NULL, &n), MINUTES_BAD_ARGUMENT);
    assert_string_equal(xap_db_errmsg(NULL), "");
    assert_int_equal(xap_mset_size(NULL), 0);
}

/* ---- the spelling table ---------------------------------------------------------------------- */

static unsigned long
spelling(xap_db *db, const char *word)
{
    unsigned long n = 99;
    ASSERT_OK(db, xap_db_spelling_frequency(db, word, &n));
    return n;
}

/* The table holds the index's words with their document frequencies, and follows the index
 * as it changes, writing only the differences. */
static void
test_spelling_sync(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    assert_int_equal(spelling(db, "fostering"), 0);
    unsigned long changed = 0;
    ASSERT_OK(db, xap_db_sync_spelling(db, &changed));
    assert_true(changed > 10);
    assert_int_equal(spelling(db, "fostering"), 1);
    assert_int_equal(spelling(db, "private"), 1);
    assert_int_equal(spelling(db, "the"), 2);
    assert_int_equal(spelling(db, "2017"), 0);    /* numbers are no words */
    assert_int_equal(spelling(db, "Zfoster"), 0); /* nor are stems and other prefixed terms */
    assert_int_equal(spelling(db, "Qa"), 0);
    ASSERT_OK(db, xap_db_sync_spelling(db, &changed));
    assert_int_equal(changed, 0);

    /* A paragraph gone: its words leave the table, the shared ones lose one. */
    ASSERT_OK(db, xap_db_delete_by_term(db, "Qa"));
    ASSERT_OK(db, xap_db_sync_spelling(db, &changed));
    assert_true(changed > 0);
    assert_int_equal(spelling(db, "private"), 0);
    assert_int_equal(spelling(db, "the"), 1);
    assert_int_equal(xap_db_close(db), MINUTES_OK);

    /* Committed: a reader sees it. */
    xap_db *reader = NULL;
    char *err = NULL;
    assert_int_equal(xap_db_open(f->path, XAP_READ, &reader, &err), MINUTES_OK);
    assert_int_equal(spelling(reader, "privately"), 1);
    assert_int_equal(xap_db_sync_spelling(reader, NULL), MINUTES_BAD_ARGUMENT);
    assert_int_equal(xap_db_close(reader), MINUTES_OK);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_replace_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_metadata_terms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_document_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_by_term, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spelling_sync, setup, teardown),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
