/* test-xap.c - unit tests of the Xapian shim (xap.h) on real indexes in a temporary directory. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "xap.h"

/* Fail the test with the shim's message when a call does not succeed. */
#define ASSERT_OK(db, call)                                                                        \
    do {                                                                                           \
        minutes_status st_ = (call);                                                               \
        if (st_ != MINUTES_OK)                                                                     \
            fail_msg("%s: %s: %s", #call, minutes_status_str(st_), xap_db_errmsg(db));             \
    } while (0)

/* The highlight markers the library uses, as strings to build expectations with. */
#define HS "\x02"
#define HE "\x03"

/* The corpus: one letter names each paragraph (its id term, file term and data). */
static const struct {
    const char *id;
    const char *text;
} corpus[] = {
    {"a", "The Board noted the arrangements for private fostering in the city."},
    {"b", "Privately fostered children were visited by social workers."},
    {"c", "Ofsted inspected Children's Services in March 2017."},
    {"d", "Members were offered tea & biscuits <provided> by the clerk."},
};
#define CORPUS_SIZE (sizeof corpus / sizeof corpus[0])

typedef struct fixture {
    char dir[64];   /* the temporary directory */
    char path[128]; /* the index, two levels below it so that CREATE makes directories */
} fixture;

static int
setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/test-xap-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    /* The shim creates the index's own directory, not its parents. */
    snprintf(f->path, sizeof f->path, "%s/sub", f->dir);
    if (mkdir(f->path, 0700) != 0) {
        rmdir(f->dir);
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/sub/index", f->dir);
    *state = f;
    return 0;
}

/* rm -r */
static int
remove_tree(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return -1;
    if (S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path);
        if (!d)
            return -1;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char child[4096];
            snprintf(child, sizeof child, "%s/%s", path, e->d_name);
            remove_tree(child);
        }
        closedir(d);
        return rmdir(path);
    }
    return unlink(path);
}

static int
teardown(void **state)
{
    fixture *f = *state;
    int rc = remove_tree(f->dir);
    free(f);
    return rc;
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* Write paragraph `id` with `text`: id term "Q<id>", file term "P/<id>", data "<id>". */
static void
put(xap_db *db, xap_doc *doc, const char *id, const char *text)
{
    char qterm[64], pterm[64];
    snprintf(qterm, sizeof qterm, "Q%s", id);
    snprintf(pterm, sizeof pterm, "P/%s", id);
    xap_doc_clear(doc);
    ASSERT_OK(db, xap_doc_index_text(doc, text, strlen(text), NULL));
    ASSERT_OK(db, xap_doc_add_boolean_term(doc, qterm));
    ASSERT_OK(db, xap_doc_add_boolean_term(doc, pterm));
    ASSERT_OK(db, xap_doc_set_data(doc, id, strlen(id)));
    ASSERT_OK(db, xap_db_replace_by_term(db, qterm, doc));
}

static xap_db *
create_corpus(const fixture *f)
{
    xap_db *db = NULL;
    char *err = NULL;
    minutes_status st = xap_db_open(f->path, XAP_CREATE, &db, &err);
    if (st != MINUTES_OK)
        fail_msg("create %s: %s", f->path, err ? err : "?");
    xap_doc *doc;
    ASSERT_OK(db, xap_doc_create(db, &doc));
    for (size_t i = 0; i < CORPUS_SIZE; i++)
        put(db, doc, corpus[i].id, corpus[i].text);
    xap_doc_destroy(doc);
    ASSERT_OK(db, xap_db_flush(db));
    return db;
}

static unsigned long
doccount(xap_db *db)
{
    unsigned long n = 0;
    ASSERT_OK(db, xap_db_doccount(db, &n));
    return n;
}

static unsigned long
termfreq(xap_db *db, const char *term)
{
    unsigned long n = 0;
    ASSERT_OK(db, xap_db_termfreq(db, term, &n));
    return n;
}

static xap_mset *
run(xap_db *db, xap_query *q, size_t offset, size_t limit)
{
    xap_run_options opt = {.offset = offset, .limit = limit, .check_at_least = 100};
    xap_mset *ms = NULL;
    ASSERT_OK(db, xap_query_run(db, q, &opt, &ms));
    return ms;
}

/* The ids (data) of the matches of `q`, sorted, concatenated into buf. */
static const char *
ids_of(xap_db *db, xap_query *q, char *buf, size_t size)
{
    xap_mset *ms = run(db, q, 0, 100);
    size_t n = 0;
    for (size_t i = 0; i < xap_mset_size(ms) && n + 1 < size; i++) {
        xap_match m;
        ASSERT_OK(db, xap_mset_get(ms, i, &m));
        assert_int_equal(m.data_len, 1);
        buf[n++] = m.data[0];
    }
    buf[n] = '\0';
    xap_mset_destroy(ms);
    /* insertion sort: the order of equal weights is not the point here */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && buf[j - 1] > buf[j]; j--) {
            char t = buf[j];
            buf[j] = buf[j - 1];
            buf[j - 1] = t;
        }
    return buf;
}

/* The ids matching query text `text`. */
static const char *
search(xap_db *db, const char *text, unsigned flags, char *buf, size_t size)
{
    xap_query *q = NULL;
    ASSERT_OK(db, xap_query_parse(db, text, flags, &q));
    ids_of(db, q, buf, size);
    xap_query_destroy(q);
    return buf;
}

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

/* Filler paragraphs for test_modified_retry: enough that rewriting them reuses the blocks an
 * older reader still points at. */
#define FILLER 300

static void
put_filler(xap_db *db, xap_doc *doc, const char *text)
{
    for (int i = 0; i < FILLER; i++) {
        char id[16];
        snprintf(id, sizeof id, "f%d", i);
        put(db, doc, id, text);
    }
    ASSERT_OK(db, xap_db_flush(db));
}

/* A reader whose snapshot the writer has since discarded gets DatabaseModifiedError from
 * Xapian; the run reopens and retries on the latest commit. */
static void
test_modified_retry(void **state)
{
    fixture *f = *state;
    xap_db *writer = create_corpus(f);
    xap_doc *doc;
    ASSERT_OK(writer, xap_doc_create(writer, &doc));
    put_filler(writer, doc, "Fostering allowances were reviewed.");

    xap_db *reader = NULL;
    char *err = NULL;
    assert_int_equal(xap_db_open(f->path, XAP_READ, &reader, &err), MINUTES_OK);
    for (int rev = 0; rev < 3; rev++)
        put_filler(writer, doc,
                   rev % 2 ? "Fostering allowances were reviewed." : "Apologies were received.");
    xap_doc_destroy(doc);

    /* The latest commit has the filler without fostering. */
    char ids[16];
    assert_string_equal(search(reader, "fostering", 0, ids, sizeof ids), "ab");
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

/* ---- match sets ---------------------------------------------------------------------------- */

static void
test_mset(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    xap_doc *doc;
    ASSERT_OK(db, xap_doc_create(db, &doc));
    /* Data is bytes: a NUL inside comes back with its length. */
    const char data[] = "{\"path\":\"/x\"}\0tail";
    const char *text = "Fostering fostering fostering allowances were reviewed.";
    ASSERT_OK(db, xap_doc_index_text(doc, text, strlen(text), NULL));
    ASSERT_OK(db, xap_doc_set_data(doc, data, sizeof data));
    ASSERT_OK(db, xap_db_replace_by_term(db, "Qe", doc));
    xap_doc_destroy(doc);

    xap_query *q = NULL;
    ASSERT_OK(db, xap_query_parse(db, "fostering", 0, &q));
    xap_mset *ms = run(db, q, 0, 10);
    assert_int_equal(xap_mset_size(ms), 3);
    assert_int_equal(xap_mset_estimate(ms), 3);
    xap_match m;
    ASSERT_OK(db, xap_mset_get(ms, 0, &m)); /* most occurrences ranks first */
    assert_int_equal(m.rank, 0);
    assert_int_equal(m.data_len, sizeof data);
    assert_memory_equal(m.data, data, sizeof data);
    assert_true(m.weight > 0);
    assert_int_equal(m.percent, 100);
    assert_true(m.docid > 0);
    double top = m.weight;
    for (size_t i = 1; i < xap_mset_size(ms); i++) {
        ASSERT_OK(db, xap_mset_get(ms, i, &m));
        assert_int_equal(m.rank, i);
        assert_true(m.weight <= top);
        assert_in_range(m.percent, 0, 100);
    }
    assert_int_equal(xap_mset_get(ms, 3, &m), MINUTES_BAD_ARGUMENT);
    xap_mset_destroy(ms);

    /* Ranks count the offset. */
    ms = run(db, q, 1, 1);
    assert_int_equal(xap_mset_size(ms), 1);
    ASSERT_OK(db, xap_mset_get(ms, 0, &m));
    assert_int_equal(m.rank, 1);
    xap_mset_destroy(ms);

    /* Limit 0 only counts. */
    ms = run(db, q, 0, 0);
    assert_int_equal(xap_mset_size(ms), 0);
    assert_int_equal(xap_mset_estimate(ms), 3);
    xap_mset_destroy(ms);
    xap_mset_destroy(NULL);
    xap_query_destroy(q);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

/* ---- sorting, collapsing, value counts ----------------------------------------------------- */

/* Value slots of the tests below. */
enum { SLOT_DATE = 0, SLOT_MEETING = 1, SLOT_COMMITTEE = 2, SLOT_NUMBER = 3 };

/* A paragraph for the option tests: id term "Q<id>", file term "P/<file>", data "<id>", the
 * text "Minutes <id>", and the values given (NULL: no value in that slot). */
typedef struct vpara {
    const char *id, *file, *date, *meeting, *committee;
} vpara;

static void
put_values(xap_db *db, xap_doc *doc, const vpara *p)
{
    char qterm[64], pterm[64], text[64];
    snprintf(qterm, sizeof qterm, "Q%s", p->id);
    snprintf(pterm, sizeof pterm, "P/%s", p->file);
    snprintf(text, sizeof text, "Minutes %s", p->id);
    xap_doc_clear(doc);
    ASSERT_OK(db, xap_doc_index_text(doc, text, strlen(text), NULL));
    ASSERT_OK(db, xap_doc_add_boolean_term(doc, qterm));
    ASSERT_OK(db, xap_doc_add_boolean_term(doc, pterm));
    const char *vals[] = {p->date, p->meeting, p->committee};
    for (unsigned slot = 0; slot < 3; slot++)
        if (vals[slot])
            ASSERT_OK(db, xap_doc_set_value(doc, slot, vals[slot], strlen(vals[slot])));
    ASSERT_OK(db, xap_doc_set_data(doc, p->id, strlen(p->id)));
    ASSERT_OK(db, xap_db_replace_by_term(db, qterm, doc));
}

/* A fresh index holding `n` paragraphs. */
static xap_db *
create_values(const fixture *f, const vpara *paras, size_t n)
{
    xap_db *db = NULL;
    char *err = NULL;
    if (xap_db_open(f->path, XAP_CREATE, &db, &err) != MINUTES_OK)
        fail_msg("create %s: %s", f->path, err ? err : "?");
    xap_doc *doc;
    ASSERT_OK(db, xap_doc_create(db, &doc));
    for (size_t i = 0; i < n; i++)
        put_values(db, doc, &paras[i]);
    xap_doc_destroy(doc);
    ASSERT_OK(db, xap_db_flush(db));
    return db;
}

static xap_query *
parse_ok(xap_db *db, const char *text)
{
    xap_query *q = NULL;
    ASSERT_OK(db, xap_query_parse(db, text, 0, &q));
    return q;
}

/* Options that look at every document, so that counts are exact. */
static xap_run_options
all_options(xap_db *db)
{
    xap_run_options opt;
    memset(&opt, 0, sizeof opt);
    opt.limit = 100;
    opt.check_at_least = doccount(db);
    return opt;
}

/* The data of the matches of `q` under `opt`, in rank order, each followed by a space. With
 * `collapsed`, each also followed by "+<collapse_count>". */
static const char *
ranked(xap_db *db, const xap_query *q, const xap_run_options *opt, int collapsed, char *buf,
       size_t size)
{
    xap_mset *ms = NULL;
    ASSERT_OK(db, xap_query_run(db, q, opt, &ms));
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < xap_mset_size(ms); i++) {
        xap_match m;
        ASSERT_OK(db, xap_mset_get(ms, i, &m));
        assert_int_equal(m.rank, opt->offset + i);
        if (collapsed)
            n += (size_t)snprintf(buf + n, size - n, "%.*s+%zu ", (int)m.data_len, m.data,
                                  m.collapse_count);
        else
            n += (size_t)snprintf(buf + n, size - n, "%.*s ", (int)m.data_len, m.data);
        assert_true(n < size);
    }
    xap_mset_destroy(ms);
    return buf;
}

static int
collect_count(void *ctx, const char *value, size_t len, unsigned long count)
{
    char *buf = ctx;
    size_t n = strlen(buf);
    int w = snprintf(buf + n, 256 - n, "%.*s=%lu ", (int)len, value, count);
    assert_true(w > 0 && n + (size_t)w < 256);
    return 0;
}

static int
first_count_only(void *ctx, const char *value, size_t len, unsigned long count)
{
    (void)count;
    char *buf = ctx;
    snprintf(buf, 64, "%.*s", (int)len, value);
    return 1;
}

/* The counts of `slot` in `ms` as "value=count value=count ". */
static const char *
counts(xap_db *db, const xap_mset *ms, unsigned slot, char buf[256])
{
    buf[0] = '\0';
    ASSERT_OK(db, xap_mset_each_count(ms, slot, collect_count, buf));
    return buf;
}

static const vpara dated[] = {
    {"s1", "x", "2017-06-29", NULL, NULL},
    {"s2", "x", "2016-09-15", NULL, NULL},
    {"s3", "y", "2021-09-16", NULL, NULL},
    {"s4", "y", NULL, NULL, NULL}, /* no date */
};

static void
test_sort(void **state)
{
    fixture *f = *state;
    xap_db *db = create_values(f, dated, sizeof dated / sizeof dated[0]);
    char buf[256];
    xap_run_options opt = all_options(db);
    opt.sort_by_value = 1;
    opt.sort_slot = SLOT_DATE;

    /* The empty query (all documents) and a word query sort the same way. */
    const char *texts[] = {"", "minutes"};
    for (size_t i = 0; i < 2; i++) {
        xap_query *q = parse_ok(db, texts[i]);
        opt.sort_descending = 0; /* no value sorts as "": first */
        assert_string_equal(ranked(db, q, &opt, 0, buf, sizeof buf), "s4 s2 s1 s3 ");
        opt.sort_descending = 1; /* ... and last */
        assert_string_equal(ranked(db, q, &opt, 0, buf, sizeof buf), "s3 s1 s2 s4 ");

        /* Offsets apply to the sorted order. */
        opt.offset = 1;
        opt.limit = 2;
        assert_string_equal(ranked(db, q, &opt, 0, buf, sizeof buf), "s1 s2 ");
        opt.offset = 0;
        opt.limit = 100;
        xap_query_destroy(q);
    }

    /* The value decides before the weight: s3 weighs most here but still sorts last. */
    xap_query *q = parse_ok(db, "minutes OR s3");
    opt.sort_descending = 0;
    assert_string_equal(ranked(db, q, &opt, 0, buf, sizeof buf), "s4 s2 s1 s3 ");
    opt.sort_by_value = 0;
    assert_string_equal(ranked(db, q, &opt, 0, buf, sizeof buf), "s3 s1 s2 s4 ");
    opt.sort_by_value = 1;
    xap_query_destroy(q);

    /* With a filter. */
    q = parse_ok(db, "");
    const char *files[] = {"P/y"};
    ASSERT_OK(db, xap_query_filter_terms(q, files, 1));
    opt.sort_descending = 0;
    assert_string_equal(ranked(db, q, &opt, 0, buf, sizeof buf), "s4 s3 ");

    /* An unusable slot is refused before running. */
    opt.sort_slot = 0xffffffffu;
    xap_mset *ms = (xap_mset *)1;
    assert_int_equal(xap_query_run(db, q, &opt, &ms), MINUTES_BAD_ARGUMENT);
    assert_null(ms);
    assert_string_not_equal(xap_db_errmsg(db), "");
    xap_query_destroy(q);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

/* Numbers set with xap_doc_set_value_number sort as numbers, not as text. */
static void
test_sort_numbers(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    xap_doc *doc;
    ASSERT_OK(db, xap_doc_create(db, &doc));
    const double numbers[] = {10, 9, 100, -1.5};
    const char *ids[] = {"n10", "n9", "n100", "nneg"};
    for (size_t i = 0; i < 4; i++) {
        char qterm[16];
        snprintf(qterm, sizeof qterm, "Q%s", ids[i]);
        xap_doc_clear(doc);
        ASSERT_OK(db, xap_doc_add_boolean_term(doc, qterm));
        ASSERT_OK(db, xap_doc_add_boolean_term(doc, "Pnum"));
        ASSERT_OK(db, xap_doc_set_value_number(doc, SLOT_NUMBER, numbers[i]));
        ASSERT_OK(db, xap_doc_set_data(doc, ids[i], strlen(ids[i])));
        ASSERT_OK(db, xap_db_replace_by_term(db, qterm, doc));
    }
    xap_doc_destroy(doc);
    xap_query *q = parse_ok(db, "");
    const char *files[] = {"Pnum"};
    ASSERT_OK(db, xap_query_filter_terms(q, files, 1));
    xap_run_options opt = all_options(db);
    opt.sort_by_value = 1;
    opt.sort_slot = SLOT_NUMBER;
    char buf[256];
    assert_string_equal(ranked(db, q, &opt, 0, buf, sizeof buf), "nneg n9 n10 n100 ");
    xap_query_destroy(q);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

static const vpara meetings[] = {
    {"m1a", "x", "2016-09-15", "m1", "board"}, {"m1b", "x", "2016-09-15", "m1", "board"},
    {"m2a", "y", "2017-06-29", "m2", "panel"}, {"m1c", "y", "2016-09-15", "m1", "board"},
    {"m3a", "x", "2021-09-16", "m3", "board"}, {"m2b", "x", "2017-06-29", "m2", "panel"},
    {"none", "x", NULL, NULL, NULL}, /* no values: never collapsed, never counted */
};
#define MEETINGS (sizeof meetings / sizeof meetings[0])

static void
test_collapse(void **state)
{
    fixture *f = *state;
    xap_db *db = create_values(f, meetings, MEETINGS);
    char buf[256];
    xap_run_options opt = all_options(db);

    /* Without collapsing every match comes back, with a collapse count of 0. */
    xap_query *q = parse_ok(db, "minutes");
    opt.sort_by_value = 1;
    opt.sort_slot = SLOT_MEETING;
    assert_string_equal(ranked(db, q, &opt, 1, buf, sizeof buf),
                        "none+0 m1a+0 m1b+0 m1c+0 m2a+0 m2b+0 m3a+0 ");

    /* One match per meeting (the first of each, by docid, as the weights tie), counting the
     * others; the document without a meeting stays. */
    opt.collapse = 1;
    opt.collapse_slot = SLOT_MEETING;
    assert_string_equal(ranked(db, q, &opt, 1, buf, sizeof buf), "none+0 m1a+2 m2a+1 m3a+0 ");
    opt.sort_descending = 1;
    assert_string_equal(ranked(db, q, &opt, 1, buf, sizeof buf), "m3a+0 m2a+1 m1a+2 none+0 ");

    /* By relevance, on the empty query, with a filter. */
    xap_query_destroy(q);
    q = parse_ok(db, "");
    opt.sort_by_value = 0;
    xap_mset *ms = NULL;
    ASSERT_OK(db, xap_query_run(db, q, &opt, &ms));
    assert_int_equal(xap_mset_size(ms), 4);
    xap_mset_destroy(ms);
    const char *files[] = {"P/x"};
    ASSERT_OK(db, xap_query_filter_terms(q, files, 1));
    opt.sort_by_value = 1;
    opt.sort_descending = 0;
    assert_string_equal(ranked(db, q, &opt, 1, buf, sizeof buf), "none+0 m1a+1 m2b+0 m3a+0 ");

    /* Collapsing on one slot while counting it: the collapsed matches are counted too. */
    xap_query_destroy(q);
    q = parse_ok(db, "");
    const unsigned slots[] = {SLOT_MEETING};
    opt.count_slots = slots;
    opt.count_slot_count = 1;
    ASSERT_OK(db, xap_query_run(db, q, &opt, &ms));
    assert_int_equal(xap_mset_size(ms), 4);
    assert_string_equal(counts(db, ms, SLOT_MEETING, buf), "m1=3 m2=2 m3=1 ");
    xap_mset_destroy(ms);

    opt.collapse_slot = 0xffffffffu;
    assert_int_equal(xap_query_run(db, q, &opt, &ms), MINUTES_BAD_ARGUMENT);
    xap_query_destroy(q);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

static void
test_value_counts(void **state)
{
    fixture *f = *state;
    xap_db *db = create_values(f, meetings, MEETINGS);
    char buf[256];
    const unsigned slots[] = {SLOT_COMMITTEE, SLOT_DATE, SLOT_COMMITTEE}; /* a repeat */
    xap_run_options opt = all_options(db);
    opt.limit = 0; /* only counts */
    opt.count_slots = slots;
    opt.count_slot_count = 3;

    /* All documents. */
    xap_query *q = parse_ok(db, "");
    xap_mset *ms = NULL;
    ASSERT_OK(db, xap_query_run(db, q, &opt, &ms));
    assert_int_equal(xap_mset_size(ms), 0);
    assert_int_equal(xap_mset_estimate(ms), MEETINGS);
    assert_string_equal(counts(db, ms, SLOT_COMMITTEE, buf), "board=4 panel=2 ");
    assert_string_equal(counts(db, ms, SLOT_DATE, buf), "2016-09-15=3 2017-06-29=2 2021-09-16=1 ");
    /* The callback stops the walk; a slot not counted is refused. */
    char first[64] = "";
    ASSERT_OK(db, xap_mset_each_count(ms, SLOT_DATE, first_count_only, first));
    assert_string_equal(first, "2016-09-15");
    assert_int_equal(xap_mset_each_count(ms, SLOT_MEETING, collect_count, buf),
                     MINUTES_BAD_ARGUMENT);
    assert_string_not_equal(xap_db_errmsg(db), "");
    assert_int_equal(xap_mset_each_count(ms, SLOT_DATE, NULL, NULL), MINUTES_BAD_ARGUMENT);
    assert_int_equal(xap_mset_each_count(NULL, SLOT_DATE, collect_count, buf),
                     MINUTES_BAD_ARGUMENT);
    xap_mset_destroy(ms);

    /* A filter: the counts are of the filtered matches only. */
    const char *files[] = {"P/y"};
    ASSERT_OK(db, xap_query_filter_terms(q, files, 1));
    ASSERT_OK(db, xap_query_run(db, q, &opt, &ms));
    assert_int_equal(xap_mset_size(ms), 0);
    assert_int_equal(xap_mset_estimate(ms), 2);
    assert_string_equal(counts(db, ms, SLOT_COMMITTEE, buf), "board=1 panel=1 ");
    assert_string_equal(counts(db, ms, SLOT_DATE, buf), "2016-09-15=1 2017-06-29=1 ");
    xap_mset_destroy(ms);
    xap_query_destroy(q);

    /* A word query with a filter, returning one hit: the counts still cover every match. */
    q = parse_ok(db, "minutes");
    const char *xfiles[] = {"P/x"};
    ASSERT_OK(db, xap_query_filter_terms(q, xfiles, 1));
    opt.limit = 1;
    ASSERT_OK(db, xap_query_run(db, q, &opt, &ms));
    assert_int_equal(xap_mset_size(ms), 1);
    assert_string_equal(counts(db, ms, SLOT_COMMITTEE, buf), "board=3 panel=1 ");
    assert_string_equal(counts(db, ms, SLOT_DATE, buf), "2016-09-15=2 2017-06-29=1 2021-09-16=1 ");
    xap_mset_destroy(ms);

    /* No match: no counts, and no call. */
    xap_query_destroy(q);
    q = parse_ok(db, "nosuchword");
    ASSERT_OK(db, xap_query_run(db, q, &opt, &ms));
    assert_string_equal(counts(db, ms, SLOT_COMMITTEE, buf), "");
    xap_mset_destroy(ms);

    /* Slots missing or unusable. */
    opt.count_slots = NULL;
    ms = (xap_mset *)1;
    assert_int_equal(xap_query_run(db, q, &opt, &ms), MINUTES_BAD_ARGUMENT);
    assert_null(ms);
    const unsigned bad[] = {0xffffffffu};
    opt.count_slots = bad;
    opt.count_slot_count = 1;
    assert_int_equal(xap_query_run(db, q, &opt, &ms), MINUTES_BAD_ARGUMENT);
    xap_query_destroy(q);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

/* Values count as reported only for documents that have them: a cleared document keeps none. */
static void
test_clear_values(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);
    xap_doc *doc;
    ASSERT_OK(db, xap_doc_create(db, &doc));
    ASSERT_OK(db, xap_doc_set_value(doc, SLOT_COMMITTEE, "board", 5));
    ASSERT_OK(db, xap_doc_set_value_number(doc, SLOT_NUMBER, 7));
    ASSERT_OK(db, xap_doc_add_boolean_term(doc, "Qv1"));
    ASSERT_OK(db, xap_db_replace_by_term(db, "Qv1", doc));
    xap_doc_clear(doc);
    ASSERT_OK(db, xap_doc_add_boolean_term(doc, "Qv2"));
    ASSERT_OK(db, xap_db_replace_by_term(db, "Qv2", doc));
    xap_doc_destroy(doc);
    ASSERT_OK(db, xap_db_flush(db));
    assert_int_equal(doccount(db), CORPUS_SIZE + 2);

    xap_query *q = parse_ok(db, "");
    const unsigned slots[] = {SLOT_COMMITTEE, SLOT_NUMBER};
    xap_run_options opt = all_options(db);
    opt.count_slots = slots;
    opt.count_slot_count = 2;
    xap_mset *ms = NULL;
    ASSERT_OK(db, xap_query_run(db, q, &opt, &ms));
    char buf[256];
    assert_string_equal(counts(db, ms, SLOT_COMMITTEE, buf), "board=1 ");
    unsigned long n = 0;
    buf[0] = '\0';
    ASSERT_OK(db, xap_mset_each_count(ms, SLOT_NUMBER, collect_count, buf));
    assert_non_null(strchr(buf, '='));
    assert_null(strchr(strchr(buf, '=') + 1, '=')); /* one value */
    n = strtoul(strrchr(buf, '=') + 1, NULL, 10);
    assert_int_equal(n, 1);
    xap_mset_destroy(ms);
    xap_query_destroy(q);
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

/* The snippet of `text` for query `qtext` run against db. */
static char *
snippet(xap_db *db, const char *qtext, unsigned flags, const char *text, size_t length)
{
    xap_query *q = NULL;
    ASSERT_OK(db, xap_query_parse(db, qtext, flags, &q));
    xap_mset *ms = run(db, q, 0, 10);
    xap_query_destroy(q); /* the set does not need the query */
    char *out = NULL;
    ASSERT_OK(db, xap_mset_snippet(ms, text, strlen(text), length, HS, HE, "…", &out));
    xap_mset_destroy(ms);
    return out;
}

/* Assert that snippet `s` contains `want`, and free it. */
static void
expect_snippet(char *s, const char *want)
{
    if (!strstr(s, want))
        fail_msg("snippet '%s' lacks '%s'", s, want);
    free(s);
}

static void
test_snippet(void **state)
{
    fixture *f = *state;
    xap_db *db = create_corpus(f);

    /* Stemmed words highlight every inflection. */
    const char *b = corpus[1].text;
    expect_snippet(snippet(db, "fostering", 0, b, 200), "Privately " HS "fostered" HE " children");
    /* A stemmed phrase highlights its words. */
    const char *a = corpus[0].text;
    expect_snippet(snippet(db, "\"private fostering\"", 0, a, 200),
                   "for " HS "private" HE " " HS "fostering" HE " in");
    expect_snippet(snippet(db, "\"private fostering\"", 0, b, 200),
                   HS "Privately" HE " " HS "fostered" HE " children");
    /* An exact phrase highlights itself as a whole. */
    expect_snippet(snippet(db, "\"private fostering\"", XAP_PARSE_EXACT, a, 200),
                   "for " HS "private fostering" HE " in");
    /* Exact words do not highlight other inflections. */
    const char *both = "Privately fostered children; fostering matters.";
    char *s = snippet(db, "fostering", XAP_PARSE_EXACT, both, 200);
    assert_string_equal(s, "Privately fostered children; " HS "fostering" HE " matters.");
    free(s);
    /* Wildcards and words inside boolean queries highlight too. */
    expect_snippet(snippet(db, "ofst* AND (march OR april)", 0, corpus[2].text, 200),
                   HS "Ofsted" HE " inspected Children's Services in " HS "March" HE " 2017.");

    /* HTML escaping is undone, once. */
    s = snippet(db, "biscuits", 0, corpus[3].text, 200);
    assert_string_equal(s,
                        "Members were offered tea & " HS "biscuits" HE " <provided> by the clerk.");
    free(s);
    expect_snippet(snippet(db, "biscuits", 0, "Tea &amp; biscuits \"quoted\" 'too'", 200),
                   "Tea &amp; " HS "biscuits" HE " \"quoted\" 'too'");

    /* A long text is cut around the match, with the omission marked. */
    const char *longtext =
        "The meeting opened with apologies from three members and a long discussion of the "
        "minutes of the previous meeting, which were agreed. The Board then noted the "
        "arrangements for private fostering in the city and asked for a further report.";
    s = snippet(db, "fostering", 0, longtext, 60);
    assert_true(strlen(s) < strlen(longtext));
    assert_non_null(strstr(s, HS "fostering" HE));
    assert_non_null(strstr(s, "…"));
    free(s);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_replace_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_modified_retry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_metadata_terms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_document_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_syntax, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_query, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_field_prefixes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_literal_and_fixed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snippet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sort, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sort_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_collapse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clear_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_by_term, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compounds_titles_synonyms, setup, teardown),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
