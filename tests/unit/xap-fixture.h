/* xap-fixture.h - what the shim's unit tests share: a small corpus written into a real index
 * in a temporary directory (created for each test, removed after it), and helpers to write
 * paragraphs and read back which ones a query matches. Included by the test-xap-*.c programs
 * only; its helpers are static inline, so that each program uses those it needs. */
#ifndef MINUTES_TEST_XAP_FIXTURE_H
#define MINUTES_TEST_XAP_FIXTURE_H

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
static inline void
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

static inline xap_db *
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

static inline unsigned long
doccount(xap_db *db)
{
    unsigned long n = 0;
    ASSERT_OK(db, xap_db_doccount(db, &n));
    return n;
}

static inline xap_mset *
run(xap_db *db, xap_query *q, size_t offset, size_t limit)
{
    xap_run_options opt = {.offset = offset, .limit = limit, .check_at_least = 100};
    xap_mset *ms = NULL;
    ASSERT_OK(db, xap_query_run(db, q, &opt, &ms));
    return ms;
}

/* The ids (data) of the matches of `q`, sorted, concatenated into buf. */
static inline const char *
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
static inline const char *
search(xap_db *db, const char *text, unsigned flags, char *buf, size_t size)
{
    xap_query *q = NULL;
    ASSERT_OK(db, xap_query_parse(db, text, flags, &q));
    ids_of(db, q, buf, size);
    xap_query_destroy(q);
    return buf;
}

#endif /* MINUTES_TEST_XAP_FIXTURE_H */
