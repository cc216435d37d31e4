/* xap.h - the C face of xap.cc, the only code in the project that talks to Xapian.
 *
 * Handles are opaque. Every function returns a minutes_status (the library's one status
 * enum) and catches every exception inside; after a failure, xap_db_errmsg() on the
 * database handle describes it (queries, documents and match sets report on the database
 * they were made from). Errors before a database handle exists come back through
 * `char **errmsg` (malloc'd; the caller frees it).
 *
 * Ownership: _create/_destroy pairs for documents, queries and match sets; _open/_close for
 * databases; every _destroy/_close accepts NULL. A `char **out` receives a malloc'd string
 * the caller frees; a `const char *` or `const void *` result belongs to the handle it came
 * from. Documents, queries and match sets must be destroyed before their database closes.
 *
 * Text given to the shim is UTF-8. The index schema (term prefixes, value slots, document
 * data) is decided by the library's C code and written down at the top of xap.cc.
 */
#ifndef MINUTES_XAP_H
#define MINUTES_XAP_H

#include <stddef.h>

#include "minutes.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xap_db xap_db;
typedef struct xap_doc xap_doc;
typedef struct xap_query xap_query;
typedef struct xap_mset xap_mset;

/* ---- databases -------------------------------------------------------------------------- */

typedef enum xap_mode {
    XAP_READ,  /* read-only; MINUTES_NO_INDEX if absent */
    XAP_WRITE, /* writable, must exist; MINUTES_NO_INDEX if absent */
    XAP_CREATE /* writable, created (with its directory) if absent */
} xap_mode;

/* Open the database at `path`. Maps Xapian's errors: not found -> MINUTES_NO_INDEX, lock ->
 * MINUTES_LOCKED, corrupt/version -> MINUTES_CORRUPT, others -> MINUTES_IO_ERROR. */
minutes_status xap_db_open(const char *path, xap_mode mode, xap_db **out, char **errmsg);

/* Commit pending changes of a writable database (unless a transaction is open, which is
 * cancelled) and free the handle. Returns the status of that commit. */
minutes_status xap_db_close(xap_db *db);

/* The last failure's message; "" if none. Valid until the next call on db. */
const char *xap_db_errmsg(const xap_db *db);

/* Number of documents. */
minutes_status xap_db_doccount(xap_db *db, unsigned long *out);

/* Reopen a read-only database on its latest commit (after MINUTES_MODIFIED). */
minutes_status xap_db_reopen(xap_db *db);

/* A transaction: everything between begin and commit is written all at once or not at all.
 * Only on writable databases; no nesting (MINUTES_BAD_ARGUMENT otherwise). */
minutes_status xap_db_begin(xap_db *db);
minutes_status xap_db_commit(xap_db *db);
minutes_status xap_db_cancel(xap_db *db);

/* Commit outside any transaction: make all changes so far durable. */
minutes_status xap_db_flush(xap_db *db);

/* User metadata: small key/value strings kept with the index. A missing key reads as "". */
minutes_status xap_db_set_metadata(xap_db *db, const char *key, const char *value);
minutes_status xap_db_get_metadata(xap_db *db, const char *key, char **out);

/* Number of documents indexed by `term` (0 if none). */
minutes_status xap_db_termfreq(xap_db *db, const char *term, unsigned long *out);

/* Call `fn` for every term starting with `prefix`, in order, until it returns nonzero.
 * The term string lives only during the call. */
minutes_status xap_db_each_term(xap_db *db, const char *prefix,
                                int (*fn)(void *ctx, const char *term, size_t len), void *ctx);

/* Delete every document indexed by `term`; deleting none is not an error. */
minutes_status xap_db_delete_by_term(xap_db *db, const char *term);

/* Add `doc`, replacing any document indexed by `id_term` (which `doc` should also carry as a
 * boolean term so that the next replace finds it). */
minutes_status xap_db_replace_by_term(xap_db *db, const char *id_term, xap_doc *doc);

/* ---- documents -------------------------------------------------------------------------- */

/* A document under construction. It indexes text with a TermGenerator using the Snowball
 * English stemmer: every word gives an unstemmed lower-case term and a "Z"-prefixed stem,
 * both with positions (STEM_SOME_FULL_POS), so stemmed and exact phrases both work. */
minutes_status xap_doc_create(xap_db *db, xap_doc **out);
void xap_doc_destroy(xap_doc *doc);

/* Empty the document for reuse (terms, values, data; term position back to 0). */
void xap_doc_clear(xap_doc *doc);

/* Index `len` bytes of text with positions. With a non-empty `prefix` the terms get that
 * prefix instead (a field: "S" + words of a title); prefix may be NULL. Consecutive calls
 * continue the positions with a gap, so phrases do not match across calls. */
minutes_status xap_doc_index_text(xap_doc *doc, const char *text, size_t len, const char *prefix);

/* Add a term that carries no positions or frequency (a filter or id term). */
minutes_status xap_doc_add_boolean_term(xap_doc *doc, const char *term);

/* Set value slot `slot` to raw bytes, or to a number encoded so that values sort as
 * numbers (Xapian's sortable_serialise). */
minutes_status xap_doc_set_value(xap_doc *doc, unsigned slot, const void *bytes, size_t len);
minutes_status xap_doc_set_value_number(xap_doc *doc, unsigned slot, double number);

/* Set the document's stored data (opaque bytes returned with each match). */
minutes_status xap_doc_set_data(xap_doc *doc, const void *bytes, size_t len);

/* ---- queries ---------------------------------------------------------------------------- */

/* Parse flags. */
enum {
    XAP_PARSE_EXACT = 1 << 0 /* no stemming: match the unstemmed terms */
};

/* Parse `text` with Xapian's QueryParser (English stemmer; default operator AND; phrases,
 * boolean operators in upper case, +/- (love/hate), brackets, trailing wildcards, pure NOT).
 * Without XAP_PARSE_EXACT every term, including the words of phrases, is stemmed and
 * matched against the "Z" terms (STEM_ALL_Z), so "private fostering" matches "privately
 * fostered". With it nothing is stemmed. Empty or all-space text gives a query matching all
 * documents. Parse errors return MINUTES_BAD_QUERY, with Xapian's reason in the message. */
minutes_status xap_query_parse(xap_db *db, const char *text, unsigned flags, xap_query **out);
void xap_query_destroy(xap_query *query);

/* Restrict `query` to documents carrying at least one of the `n` boolean terms (OR); the
 * restriction does not change weights (OP_FILTER). Calls AND together. */
minutes_status xap_query_filter_terms(xap_query *query, const char *const *terms, size_t n);

/* The query as Xapian describes it (Query::get_description()). */
minutes_status xap_query_describe(const xap_query *query, char **out);

/* ---- running a query -------------------------------------------------------------------- */

typedef struct xap_run_options {
    size_t offset;         /* first rank to return, from 0 */
    size_t limit;          /* how many to return */
    size_t check_at_least; /* make the estimate exact up to this many matches (0: none) */
} xap_run_options;

/* Run `query` against `db`, ranking with BM25 (Xapian's BM25Weight with default
 * parameters). The match set is independent of `query` afterwards. */
minutes_status xap_query_run(xap_db *db, const xap_query *query, const xap_run_options *opt,
                             xap_mset **out);
void xap_mset_destroy(xap_mset *mset);

/* Number of matches in the set, and Xapian's estimate of all matches. */
size_t xap_mset_size(const xap_mset *mset);
size_t xap_mset_estimate(const xap_mset *mset);

/* One match, 0 <= i < size. `data` points into the set and lives as long as it does. */
typedef struct xap_match {
    size_t rank;   /* from 0, counting the offset */
    double weight; /* BM25 weight */
    int percent;   /* 0-100 */
    unsigned docid;
    const char *data; /* the stored document data */
    size_t data_len;
} xap_match;
minutes_status xap_mset_get(const xap_mset *mset, size_t i, xap_match *out);

/* A snippet of `text` of about `length` bytes around the best matches of the set's query
 * (MSet::snippet with the English stemmer), matches wrapped in `hi_start` / `hi_end`,
 * `omit` where text was cut. The result is plain UTF-8 text: the HTML escaping Xapian
 * applies is undone. Sets *out to a malloc'd string. */
minutes_status xap_mset_snippet(const xap_mset *mset, const char *text, size_t len, size_t length,
                                const char *hi_start, const char *hi_end, const char *omit,
                                char **out);

#ifdef __cplusplus
}
#endif

#endif /* MINUTES_XAP_H */
