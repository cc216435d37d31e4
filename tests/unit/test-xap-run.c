/* test-xap-run.c - unit tests of running queries in the shim (xap-query.cc): match sets,
 * retrying on a changed index, sorting, collapsing, value counts, snippets and matching
 * words' case, on real
 * indexes. */
#include "xap-fixture.h"

/* ---- helpers ------------------------------------------------------------------------------- */

/* The highlight markers the library uses, as strings to build expectations with. */
#define HS "\x02"
#define HE "\x03"

/* ---- reading while a writer commits -------------------------------------------------------- */

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

/* ---- snippets ------------------------------------------------------------------------------ */

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

/* ---- case ---------------------------------------------------------------------------------- */

/* The index keeps words in lower case; case_words keeps only the documents whose text (the
 * data after its last separator) holds each word as written, as a whole word, and the
 * estimate counts only those. */
static void
test_case_words(void **state)
{
    fixture *f = *state;
    xap_db *db = NULL;
    char *err = NULL;
    assert_int_equal(xap_db_open(f->path, XAP_CREATE, &db, &err), MINUTES_OK);
    static const char *const docs[] = {
        "1\x1fSEND\x1fThe SEND strategy was approved.",    /* a field holds it, the text too */
        "2\x1fSEND\x1fMembers agreed to send the letter.", /* only a field holds it */
        "3\x1f\x1fSend the report, SENDER said.",          /* neither, as a whole word */
        "4\x1f\x1fPupils with SEND; officers will send it.",
        "5\x1f\x1fSENDé and SEND", /* after a non-ASCII letter: no */
    };
    xap_doc *doc;
    ASSERT_OK(db, xap_doc_create(db, &doc));
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        char qterm[8];
        snprintf(qterm, sizeof qterm, "Q%zu", i);
        const char *text = strrchr(docs[i], 0x1f) + 1;
        xap_doc_clear(doc);
        ASSERT_OK(db, xap_doc_index_text(doc, text, strlen(text), NULL));
        ASSERT_OK(db, xap_doc_add_boolean_term(doc, qterm));
        ASSERT_OK(db, xap_doc_set_data(doc, docs[i], strlen(docs[i])));
        ASSERT_OK(db, xap_db_replace_by_term(db, qterm, doc));
    }
    xap_doc_destroy(doc);
    ASSERT_OK(db, xap_db_flush(db));

    xap_query *q = NULL;
    ASSERT_OK(db, xap_query_parse(db, "send", XAP_PARSE_EXACT, &q));
    static const char *const send[] = {"SEND"};
    xap_run_options opt = {.limit = 10, .check_at_least = 100};
    xap_mset *ms = NULL;
    ASSERT_OK(db, xap_query_run(db, q, &opt, &ms));
    assert_int_equal(xap_mset_estimate(ms), 5);
    xap_mset_destroy(ms);

    opt.case_words = send;
    opt.case_word_count = 1;
    opt.case_text_after = 0x1f;
    ASSERT_OK(db, xap_query_run(db, q, &opt, &ms));
    assert_int_equal(xap_mset_size(ms), 3);
    assert_int_equal(xap_mset_estimate(ms), 3);
    char ids[8] = "";
    for (size_t i = 0; i < xap_mset_size(ms); i++) {
        xap_match m;
        ASSERT_OK(db, xap_mset_get(ms, i, &m));
        ids[i] = m.data[0];
    }
    assert_non_null(strchr(ids, '1'));
    assert_non_null(strchr(ids, '4'));
    assert_non_null(strchr(ids, '5'));
    xap_mset_destroy(ms);

    /* Without a separator byte the whole data is the text: a field's SEND counts. */
    opt.case_text_after = 0;
    ASSERT_OK(db, xap_query_run(db, q, &opt, &ms));
    assert_int_equal(xap_mset_estimate(ms), 4);
    xap_mset_destroy(ms);
    xap_query_destroy(q);
    assert_int_equal(xap_db_close(db), MINUTES_OK);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_modified_retry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snippet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sort, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sort_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_collapse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clear_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_case_words, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
