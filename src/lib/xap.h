/* xap.h - the C face of the Xapian shim (xap-db.cc: databases and documents; xap-query.cc:
 * queries and match sets), the only code in the project that talks to Xapian.
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
 * data) is decided by the library's C code and written down at the top of schema.c.
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
    XAP_CREATE /* writable, created if absent (its parent directory must exist) */
} xap_mode;

/* Open the database at `path`. Maps Xapian's errors: not found -> MINUTES_NO_INDEX, lock ->
 * MINUTES_LOCKED, corrupt/version -> MINUTES_CORRUPT, others -> MINUTES_IO_ERROR. */
minutes_status xap_db_open(const char *path, xap_mode mode, xap_db **out, char **errmsg);

/* A database served by xapian-tcpsrv (`host` and `port`) or by a program speaking the
 * same protocol on its standard input and output (`program` and `args`, e.g. "ssh" and
 * "host xapian-progsrv /srv/index"), which is used when `program` is not NULL. */
typedef struct xap_remote {
    const char *host;
    unsigned port;
    const char *program, *args;
} xap_remote;

/* Open a remote database, read-only. `timeout_ms` bounds the connection and each exchange
 * with the server (a server that does not answer in time is an error, MINUTES_IO_ERROR). */
minutes_status xap_db_open_remote(const xap_remote *remote, unsigned timeout_ms, xap_db **out,
                                  char **errmsg);

/* One read-only handle over the `count` read-only databases `dbs` (local or remote, each
 * perhaps itself joined), which Xapian reads as one: the statistics are merged, so that a
 * query ranks as it would over one database holding all their documents. The handles in
 * `dbs` are consumed, whether it succeeds or not. Reopening the joined handle reopens each. */
minutes_status xap_db_join(xap_db **dbs, size_t count, xap_db **out, char **errmsg);

/* The number of databases a handle reads (1 unless joined or remote). */
size_t xap_db_shard_count(const xap_db *db);

/* Check each database of a joined handle answers (a remote one is asked; a local one is
 * reopened), calling fn(ctx, i, message) for each that does not, by its place in the order
 * they were joined; with `drop`, leave those out of the handle from now on. */
minutes_status xap_db_check_shards(xap_db *db, int drop,
                                   void (*fn)(void *ctx, size_t i, const char *msg), void *ctx);

/* Merge the databases `sources` (none of them open for writing) into a new database at
 * `dest`, which must not exist: Xapian's compaction, which also packs the tables full. The
 * documents get new numbers; terms, values, data and user metadata are kept (for a metadata
 * key in several sources, the first one's value, as Xapian resolves it). On failure *errmsg
 * (if not NULL) is a malloc'd message for the caller to free. */
minutes_status xap_compact(const char *const *sources, size_t count, const char *dest,
                           char **errmsg);

/* xap_compact telling `status` (if not NULL) the name of each table as it starts merging it
 * ("postlist", "docdata", ...), with `ctx`; the name lives only during the call. */
typedef void xap_compact_status_fn(void *ctx, const char *table);
minutes_status xap_compact_reporting(const char *const *sources, size_t count, const char *dest,
                                     xap_compact_status_fn *status, void *ctx, char **errmsg);

/* The index directory. It holds its database either directly (Xapian's files) or as a stub
 * file naming a generation directory inside it; xap-db.cc says how it is switched. */

/* Make the database built at `built` (a directory inside `index`, closed, as xap_compact
 * writes it) the index's database, in one step that readers and writers see whole: until it
 * they open the old database, after it the new one. The index must not be open for writing;
 * the caller holds the writer's lock. On failure *errmsg (if not NULL) is a malloc'd
 * message the caller frees, and the index is the old one or the new one. */
minutes_status xap_index_install(const char *index, const char *built, char **errmsg);

/* Remove from `index` what is not its live database: what an install killed part-way left,
 * a database switched away from, table files without their version file (a build killed
 * before it wrote one). Call with the writer's lock held, before opening the index for
 * writing. An index directory that does not exist is left alone. */
minutes_status xap_index_tidy(const char *index, char **errmsg);

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

/* Call `fn` for every metadata key starting with `prefix`, in key order, with its value,
 * until it returns nonzero. Key and value live only during the call. Setting a key to ""
 * deletes it. */
minutes_status xap_db_each_metadata(xap_db *db, const char *prefix,
                                    int (*fn)(void *ctx, const char *key, const char *value,
                                              size_t len),
                                    void *ctx);
/* As xap_db_each_metadata, with the keys only: no lookup of each value. */
minutes_status xap_db_each_metadata_key(xap_db *db, const char *prefix,
                                        int (*fn)(void *ctx, const char *key), void *ctx);

/* Number of documents indexed by `term` (0 if none). */
minutes_status xap_db_termfreq(xap_db *db, const char *term, unsigned long *out);

/* Call `fn` for every term starting with `prefix`, in order, until it returns nonzero.
 * The term string lives only during the call. */
minutes_status xap_db_each_term(xap_db *db, const char *prefix,
                                int (*fn)(void *ctx, const char *term, size_t len), void *ctx);

/* The stored data of the first document (lowest docid) indexed by `term`, e.g. a unique id
 * term. On success *found is 1 and *data a malloc'd copy of the data, the caller frees it
 * (NUL-terminated for convenience, but the data may itself contain NULs: *len is its length
 * without the terminator; data may be empty, *data is then a malloc'd ""). If no document
 * has the term, *found is 0, *data NULL and *len 0, and the call succeeds. An empty term is
 * MINUTES_BAD_ARGUMENT. On failure *data is NULL, *len and *found 0. `len` and `found` are
 * required. */
minutes_status xap_db_get_data_by_term(xap_db *db, const char *term, char **data, size_t *len,
                                       int *found);

/* The synonym table, which the query parser expands words with (XAP_PARSE_SYNONYMS). Clear
 * removes every entry. Add makes each of the `n` expressions (a word, or several words - the
 * text is split into words as documents are) a synonym of every other: looked up by its words
 * as the parser meets them (lower case, unstemmed, one space between), each stands for the
 * others, which match as phrases of their words (stemmed as the query is). Only on writable
 * databases. */
minutes_status xap_db_clear_synonyms(xap_db *db);
minutes_status xap_db_add_synonyms(xap_db *db, const char *const *expressions, size_t n);

/* How words are folded before they are matched (normalize_for_index's signature): `out` has
 * room for len + 1 bytes; returns the length written. Snippets fold each word of the text
 * they highlight with it before stemming it, so that a query's "climbie" highlights
 * "Climbié". NULL (the default): words are not folded. */
typedef size_t xap_fold_fn(const char *in, size_t len, char *out);
void xap_db_set_fold(xap_db *db, xap_fold_fn *fold);

/* Delete every document indexed by `term`; deleting none is not an error. */
minutes_status xap_db_delete_by_term(xap_db *db, const char *term);

/* Add `doc`, replacing any document indexed by `id_term` (which `doc` should also carry as a
 * boolean term so that the next replace finds it). */
minutes_status xap_db_replace_by_term(xap_db *db, const char *id_term, xap_doc *doc);

/* The spelling table (Xapian's), from which xap_query_suggest draws its corrections. Sync
 * makes it hold exactly the index's words: every unprefixed term (a lower-case word as
 * written) of two bytes or more made of letters only (any non-ASCII byte counts as one), with
 * its document frequency; words no longer in the index are removed. Only the differences are
 * written (so a second sync of an unchanged index writes nothing), and committed unless a
 * transaction is open. The table then depends only on the index's terms, however it was
 * built (in one process, in parallel and merged, or updated). *changed (may be NULL) is the
 * number of words added, removed or given a new frequency. Only on writable databases. */
minutes_status xap_db_sync_spelling(xap_db *db, unsigned long *changed);

/* A word's frequency in the spelling table (0: not in it). */
minutes_status xap_db_spelling_frequency(xap_db *db, const char *word, unsigned long *out);

/* ---- documents -------------------------------------------------------------------------- */

/* A document under construction. It indexes text with a TermGenerator using the Snowball
 * English stemmer: every word gives a "Z"-prefixed stem with positions (STEM_ALL_Z) and an
 * unstemmed lower-case term without them (STEM_NONE). Phrases match on the stems' positions;
 * an exact phrase is that phrase of stems filtered by its words as written. */
minutes_status xap_doc_create(xap_db *db, xap_doc **out);
void xap_doc_destroy(xap_doc *doc);

/* Empty the document for reuse (terms, values, data; term position back to 0). */
void xap_doc_clear(xap_doc *doc);

/* Index `len` bytes of text with positions. With a non-empty `prefix` the terms get that
 * prefix instead (a field: "S" + words of a title); prefix may be NULL. Consecutive calls
 * continue the positions with a gap, so phrases do not match across calls. */
minutes_status xap_doc_index_text(xap_doc *doc, const char *text, size_t len, const char *prefix);

/* A part of a text: bytes [start, end). */
typedef struct xap_span {
    size_t start, end;
} xap_span;

/* How xap_doc_index_field indexes a text. */
typedef struct xap_index_options {
    const char *prefix; /* NULL or "": the paragraph's words; else a field's ("S" + title) */
    unsigned wdf;       /* what each word adds to its term's frequency: 1; or 0 for a field
                           that only selects, adding nothing to weights or document length */
    /* Hyphenated compounds of the text ("anti-social"), in order, not overlapping: each is
     * indexed as its words, as the rest of the text is, and also as the one word of its
     * letters ("antisocial"): the stem at the positions of its first and of its last word (so
     * that a phrase finds it with a word before or after it), the word unstemmed without
     * positions. */
    const xap_span *compounds;
    size_t compound_count;
} xap_index_options;

/* xap_doc_index_text as the options say. */
minutes_status xap_doc_index_field(xap_doc *doc, const char *text, size_t len,
                                   const xap_index_options *opt);

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
    XAP_PARSE_EXACT = 1 << 0,   /* no stemming: match the unstemmed terms */
    XAP_PARSE_LITERAL = 1 << 1, /* no syntax: the words of the text ANDed (QueryParser with
                                 * no flags: AND, OR, NOT, quotes, brackets, + and - are words
                                 * or nothing, '*' is no wildcard); field prefixes still work */
    XAP_PARSE_FIXED = 1 << 2,   /* one phrase of all the words of the text, in order: nothing
                                 * is syntax, not even field prefixes ("board:x" is the two
                                 * words); quotes in the text are ignored. A single word is a
                                 * plain term. Stemmed (Z terms) unless XAP_PARSE_EXACT */
    XAP_PARSE_SYNONYMS = 1 << 3 /* expand words, and groups of words outside quotes, with the
                                 * database's synonym table (xap_db_add_synonyms): "lac" is
                                 * lac SYNONYM "looked after children" */
};

/* Parse `text` with Xapian's QueryParser (English stemmer; default operator AND; phrases,
 * boolean operators in upper case, +/- (love/hate), brackets, trailing wildcards, pure NOT).
 * Without XAP_PARSE_EXACT every term, including the words of phrases, is stemmed and
 * matched against the "Z" terms (STEM_ALL_Z), so "private fostering" matches "privately
 * fostered". With it nothing is stemmed. Empty or all-space text gives a query matching all
 * documents; text with no words (all punctuation) a query matching none. Parse errors return
 * MINUTES_BAD_QUERY, with Xapian's reason in the message; with XAP_PARSE_LITERAL or
 * XAP_PARSE_FIXED the text itself cannot be malformed (a failing field expansion still is). */
minutes_status xap_query_parse(xap_db *db, const char *text, unsigned flags, xap_query **out);
void xap_query_destroy(xap_query *query);

/* Field prefixes in the query text ("board:cabinet", "date:2017..2018"). For each prefix
 * the parser meets, `expand` is called with the value (without the prefix; a quoted value
 * without its quotes) and adds the boolean terms the value stands for with xap_terms_add();
 * the document must carry one of them (none added: nothing matches). Values of one prefix
 * are ORed, of different prefixes ANDed, and they filter without weight, as Xapian's boolean
 * prefixes do. On failure `expand` returns a status other than MINUTES_OK and may set
 * *message to a malloc'd reason (the shim frees it); parsing then fails with
 * MINUTES_BAD_QUERY and that reason. */
typedef struct xap_terms xap_terms;
minutes_status xap_terms_add(xap_terms *terms, const char *term);

typedef minutes_status xap_field_expand_fn(void *ctx, const char *prefix, const char *value,
                                           xap_terms *out, char **message);
typedef struct xap_parse_fields {
    const char *const *prefixes; /* "board", "date", ... */
    size_t count;
    xap_field_expand_fn *expand;
    void *ctx;
    /* Free-text fields: a word or phrase after text_fields[i] ("title:fostering") matches the
     * terms with prefix text_prefixes[i] ("S"), stemmed as the rest of the text. */
    const char *const *text_fields;
    const char *const *text_prefixes;
    size_t text_count;
    /* The hyphenated compounds the text had ("anti-social"), now written closed in it
     * ("antisocial"; in any case): the closed word, as a term of its own, also matches its
     * parts as a phrase (closed SYNONYM "anti social"); a quoted phrase that holds it also
     * matches the phrase with the parts in its place. So "anti-social" finds "anti-social",
     * "antisocial" and "anti social". */
    const char *const *compounds;
    size_t compound_count;
} xap_parse_fields;

/* xap_query_parse() with field prefixes (`fields` may be NULL: none). */
minutes_status xap_query_parse_fields(xap_db *db, const char *text, unsigned flags,
                                      const xap_parse_fields *fields, xap_query **out);

/* The text with its misspelt words corrected, as Xapian's QueryParser corrects them
 * (FLAG_SPELLING_CORRECTION): each word of free text that is not an unprefixed term of the
 * index is replaced by the spelling table's nearest word (at most two edits away, the most
 * frequent on a tie), the rest of the text kept as it was. Parsed with `flags` and `fields`
 * as xap_query_parse_fields would, except that filter values (fields->prefixes) are never
 * corrected and nothing is expanded by callbacks or synonyms. *out is a malloc'd string, ""
 * when nothing needs correcting or the text does not parse; the caller frees it. */
minutes_status xap_query_suggest(xap_db *db, const char *text, unsigned flags,
                                 const xap_parse_fields *fields, char **out);

/* Restrict `query` to documents carrying at least one of the `n` boolean terms (OR); the
 * restriction does not change weights (OP_FILTER). Calls AND together. */
minutes_status xap_query_filter_terms(xap_query *query, const char *const *terms, size_t n);

/* The query as Xapian describes it (Query::get_description()). */
minutes_status xap_query_describe(const xap_query *query, char **out);

/* ---- running a query -------------------------------------------------------------------- */

/* How to run a query. Zero-initialise the struct and set what is wanted: all zeros beyond
 * offset/limit/check_at_least means by relevance, no collapsing, no counts. Fields are only
 * ever added at the end, so positional initialisers of the first ones stay valid. */
typedef struct xap_run_options {
    size_t offset;         /* first rank to return, from 0 */
    size_t limit;          /* how many to return; 0 only counts (estimate, value counts) */
    size_t check_at_least; /* make the estimate exact up to this many matches (0: none); also
                              how many matches at least the value counts and the collapse
                              counts look at: pass >= the document count for exact ones */

    /* Sorting. sort_by_value 0 (the default): by relevance (BM25 weight), best first.
     * Nonzero: by the raw bytes of value slot `sort_slot` compared as strings (numbers set
     * with xap_doc_set_value_number sort as numbers), ascending, or descending if
     * sort_descending is nonzero; equal values then by relevance
     * (Enquire::set_sort_by_value_then_relevance). A document without a value in the slot
     * sorts as the empty string: first ascending, last descending. */
    int sort_by_value;
    unsigned sort_slot;
    int sort_descending;

    /* Collapsing. collapse nonzero: at most one match per distinct value of slot
     * `collapse_slot` is returned, the best ranked (Enquire::set_collapse_key). Documents
     * without a value in the slot are never collapsed. See xap_match.collapse_count. */
    int collapse;
    unsigned collapse_slot;

    /* Value counts (facets): for each of the `count_slot_count` slots in `count_slots` (may
     * be NULL when the count is 0; read only during xap_query_run, repeats are ignored), count
     * the matches by their value in that slot; read them with xap_mset_each_count. The
     * counts cover only the matches Xapian examined, which is at least check_at_least of
     * them (or all, if fewer): pass check_at_least >= the document count for exact counts.
     * Matches removed by collapsing are counted too. */
    const unsigned *count_slots;
    size_t count_slot_count;

    /* Case (a match decider, so the estimate, the counts and the hits all reflect it): keep
     * only documents whose text holds each of the `case_word_count` words of `case_words`
     * (may be NULL when the count is 0) byte for byte as given, as a whole word (the bytes
     * next to it, if any, neither ASCII letters or digits nor non-ASCII). The text is the
     * document's data after the last byte `case_text_after` in it (all of it if none, or if
     * case_text_after is 0). Read only during xap_query_run. */
    const char *const *case_words;
    size_t case_word_count;
    char case_text_after;
} xap_run_options;

/* Run `query` against `db`, ranking with BM25 (Xapian's BM25Weight with default
 * parameters) or as `opt` says. The match set is independent of `query` and `opt`
 * afterwards; it owns its value counts. A slot equal to 0xffffffff (Xapian::BAD_VALUENO) in
 * sort, collapse or counts is MINUTES_BAD_ARGUMENT. */
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
    /* With collapsing: how many other matches with the same collapse value were collapsed
     * into this one (MSetIterator::get_collapse_count()). A lower bound - the matcher may
     * skip documents without looking at them - unless check_at_least covers all matches,
     * when it is exact. 0 without collapsing. */
    size_t collapse_count;
} xap_match;
minutes_status xap_mset_get(const xap_mset *mset, size_t i, xap_match *out);

/* Call `fn` for each distinct value counted in slot `slot` (which must be one of the
 * options' count_slots, else MINUTES_BAD_ARGUMENT), in ascending byte order of the values,
 * with the number of counted matches having that value, until it returns nonzero. Matches
 * without a value in the slot are not counted. `value` is raw bytes (`len` of them, may
 * contain NULs; a NUL follows them) and lives only during the call. See
 * xap_run_options.count_slots for when the counts are exact. */
minutes_status xap_mset_each_count(const xap_mset *mset, unsigned slot,
                                   int (*fn)(void *ctx, const char *value, size_t len,
                                             unsigned long count),
                                   void *ctx);

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
