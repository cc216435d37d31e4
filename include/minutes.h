/* minutes.h - the public C API of libminutes: index council meeting minutes, search them.
 *
 * This header is the library's manual. Everything a program needs to open an index, add
 * documents to it and search it is declared here, and nothing else of the library is public.
 *
 * Conventions, true of every function below unless its comment says otherwise:
 *
 *  - Functions return a minutes_status; MINUTES_OK (zero) means success. Objects come back
 *    through an out-parameter, which is set to NULL on failure.
 *  - After a failure on a handle, minutes_db_errmsg() on the database the handle belongs to
 *    describes it. The text lives until the next call on that database. Failures that happen
 *    before a handle exists (opening) come back through a `char **errmsg` out-parameter: a
 *    malloc'd string the caller frees with free().
 *  - Ownership: a returned `char *` is malloc'd and the caller frees it; a returned
 *    `const char *` belongs to the handle it came from and lives as long as that handle.
 *    Children belong to their parent: hits to their result set, result sets to their query,
 *    queries to nothing but the caller (destroy them before closing the database).
 *  - Lifecycle verbs: _open/_close for the database, _create/_destroy for other handles.
 *    Passing NULL to _close or _destroy does nothing.
 *  - The library never prints and never exits. It is not thread-safe: use one database
 *    handle per thread.
 *
 * Typical use:
 *
 *     minutes_db *db; char *err;
 *     if (minutes_db_open("index", MINUTES_DB_READ_ONLY, &db, &err) != MINUTES_OK) {
 *         fprintf(stderr, "%s\n", err); free(err); return 2;
 *     }
 *     minutes_query *q;
 *     minutes_results *res;
 *     if (minutes_query_create(db, "\"private fostering\"", &q) == MINUTES_OK &&
 *         minutes_query_run(q, &res) == MINUTES_OK) {
 *         for (size_t i = 0; i < minutes_results_size(res); i++) {
 *             const minutes_hit *hit = minutes_results_hit(res, i);
 *             printf("%s:%s\n", minutes_hit_get(hit, MINUTES_FIELD_PATH),
 *                    minutes_hit_get(hit, MINUTES_FIELD_LINE));
 *         }
 *     }
 *     minutes_query_destroy(q);
 *     minutes_db_close(db);
 */
#ifndef MINUTES_H
#define MINUTES_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MINUTES_VERSION "0.1.0"

/* ---------------------------------------------------------------------------------------- */
/* Status                                                                                   */
/* ---------------------------------------------------------------------------------------- */

typedef enum minutes_status {
    MINUTES_OK = 0,
    MINUTES_NO_MEMORY,        /* an allocation failed */
    MINUTES_BAD_ARGUMENT,     /* a NULL handle, an unknown field, an out-of-range option */
    MINUTES_NO_INDEX,         /* there is no index at the path given */
    MINUTES_LOCKED,           /* another process is writing to the index */
    MINUTES_BAD_QUERY,        /* the query text could not be parsed */
    MINUTES_MODIFIED,         /* the index changed under a reader too often to retry */
    MINUTES_CORRUPT,          /* the index is damaged or of a format this build cannot read */
    MINUTES_IO_ERROR,         /* reading or writing the index failed */
    MINUTES_UNREADABLE_FILE,  /* an input file could not be opened or read */
    MINUTES_UNSUPPORTED_FILE, /* an input file is of a type the library does not read */
    MINUTES_INTERNAL,         /* an unexpected failure: a bug worth reporting */
    MINUTES_READ_ONLY         /* a writable open of an index this process may not write (a
                                 read-only file system, no write permission): unlike
                                 MINUTES_LOCKED, waiting will not help */
} minutes_status;

/* A short lower-case description of a status, e.g. "index is locked". Never NULL; the
 * string is static. */
const char *minutes_status_str(minutes_status status);

/* ---------------------------------------------------------------------------------------- */
/* The database                                                                             */
/* ---------------------------------------------------------------------------------------- */

typedef struct minutes_db minutes_db;

/* How minutes_db_open opens the index. */
typedef enum minutes_db_mode {
    MINUTES_DB_READ_ONLY, /* search only; MINUTES_NO_INDEX if there is no index at path */
    MINUTES_DB_WRITABLE,  /* search and index; MINUTES_NO_INDEX if there is no index at path */
    MINUTES_DB_CREATE     /* as WRITABLE, but creates the index (and the directory) if absent */
} minutes_db_mode;

/* Open the index in directory `path`.
 *
 * Returns MINUTES_OK and sets *out to a handle the caller closes with minutes_db_close();
 * or MINUTES_NO_INDEX, MINUTES_LOCKED (a writable open while another process writes),
 * MINUTES_READ_ONLY (a writable open of an index this process cannot write),
 * MINUTES_CORRUPT, MINUTES_IO_ERROR, MINUTES_NO_MEMORY, MINUTES_BAD_ARGUMENT, with *out set
 * to NULL and, if errmsg is not NULL, *errmsg set to a malloc'd one-line message the caller
 * frees (NULL when the message itself could not be allocated). */
minutes_status minutes_db_open(const char *path, minutes_db_mode mode, minutes_db **out,
                               char **errmsg);

/* Close the database, committing any indexing not yet committed, and free the handle.
 * Returns MINUTES_OK, or the status of a failed final commit (MINUTES_IO_ERROR, ...): the
 * handle is freed either way, and the index keeps its last successful commit. */
minutes_status minutes_db_close(minutes_db *db);

/* The message describing the last failure of a call on `db` or on a handle belonging to it;
 * "" if there was none. Belongs to `db`; valid until the next call on it. */
const char *minutes_db_errmsg(const minutes_db *db);

/* Read the index's latest commit: a handle open for reading otherwise goes on seeing the
 * index as it was when opened (or last reopened), which a long-lived reader - a server - does
 * not want. Follows an index whose database a parallel build switched in whole, and reopens
 * each of several indexes opened as one (a remote one over its connection; with `partial`, one
 * that no longer answers is left out, as a search would). Cheap for a local index: a few
 * file reads. Returns MINUTES_OK; MINUTES_IO_ERROR, MINUTES_CORRUPT, MINUTES_NO_MEMORY,
 * MINUTES_BAD_ARGUMENT (the message says why); a later reopen may succeed. */
minutes_status minutes_db_reopen(minutes_db *db);

/* Set *out to the number of paragraphs in the index. */
minutes_status minutes_db_count_paragraphs(minutes_db *db, unsigned long *out);

/* The directory the database was opened from (for several, their names joined by ", ").
 * Belongs to `db`. */
const char *minutes_db_path(const minutes_db *db);

/* The index's origin: a name for where it was built, mixed into its file ids so that
 * indexes built on two machines from files at the same paths can be searched together (the
 * host's name unless set). NULL for several indexes opened as one. Belongs to `db`. */
const char *minutes_db_origin(const minutes_db *db);

/* Name a writable index's origin (1 to 63 characters, one line). Only an index with no
 * paragraphs yet can change it: MINUTES_BAD_ARGUMENT otherwise, with the reason. */
minutes_status minutes_db_set_origin(minutes_db *db, const char *origin);

/* How long a remote index may take to answer, by default: a few seconds. */
#define MINUTES_DEFAULT_TIMEOUT_MS 5000

/* How minutes_db_open_shards opens several indexes as one. Zeroed, the defaults. */
typedef struct minutes_shard_options {
    unsigned timeout_ms; /* bound on connecting to a remote index and on each exchange with
                          * it; 0 for MINUTES_DEFAULT_TIMEOUT_MS */
    int partial;         /* leave out an index that cannot be read, instead of failing:
                          * minutes_db_missing_shard() says which */
} minutes_shard_options;

/* Open several indexes read-only, searched as one: Xapian merges their statistics, so that
 * hits, scores and counts are those of one index holding all their paragraphs. Each of the
 * `count` paths is an index directory or a Xapian stub file, whose lines name indexes:
 * "auto PATH" (relative to the stub's directory), "remote HOST:PORT" (a server started with
 * 'xapian-tcpsrv --port PORT INDEX...') or "remote :PROGRAM ARGS" (a program speaking the
 * same protocol on its standard input and output, such as "ssh HOST xapian-progsrv INDEX").
 * Every index must have this format. Returns as minutes_db_open does; a message names the
 * index (a stub's line as "STUB:LINE") that failed and why. With `opt->partial`, an index that
 * cannot be opened or stops answering is left out and the rest are searched: MINUTES_OK, with
 * minutes_db_missing_shard() listing those left out (all of them failing is still an error).
 * `opt` may be NULL. */
minutes_status minutes_db_open_shards(const char *const *paths, size_t count,
                                      const minutes_shard_options *opt, minutes_db **out,
                                      char **errmsg);

/* The number of indexes the handle reads as one, those left out not counted (1 for an index
 * opened with minutes_db_open). */
size_t minutes_db_shard_count(const minutes_db *db);

/* With `partial`: the i-th index left out (from 0), its name, and in *reason (if not NULL)
 * why; NULL when i is past the last. Belongs to `db`; valid until the next call on it. */
const char *minutes_db_missing_shard(const minutes_db *db, size_t i, const char **reason);

/* ---------------------------------------------------------------------------------------- */
/* Indexing                                                                                 */
/* ---------------------------------------------------------------------------------------- */

/* What an indexing run reports about each file it meets. */
typedef enum minutes_index_event_kind {
    MINUTES_EVENT_INDEXED,   /* the file's paragraphs were written (new, or changed) */
    MINUTES_EVENT_SKIPPED,   /* the file could not be indexed; `status` and `reason` say why.
                              * What the index held for it before is kept. */
    MINUTES_EVENT_UNCHANGED, /* the file is as last indexed; nothing was written */
    MINUTES_EVENT_REMOVED,   /* the file has gone; its paragraphs were removed */
    MINUTES_EVENT_MERGING,   /* a parallel build has read every file and now merges the
                              * workers' databases into the index; `path` is the index */
    MINUTES_EVENT_SYNONYMS   /* at the end of a run: the index's synonym table was written
                              * again (`updated` 1, `paragraphs` the number of groups), the
                              * built-in table or the index's own, `path` (INDEX/synonyms.txt,
                              * `read` 1 if there is one), having changed - not for the first
                              * table of a new index without one of its own; or `warning` says
                              * what of the index's own table is not used */
} minutes_index_event_kind;

typedef struct minutes_index_event {
    minutes_index_event_kind kind;
    const char *path;         /* the file, as found under the path given */
    minutes_status status;    /* MINUTES_OK unless SKIPPED */
    const char *reason;       /* for SKIPPED: one line, e.g. "Permission denied"; else "" */
    unsigned long paragraphs; /* paragraphs written (INDEXED) or removed (REMOVED) */
    const char *warning;      /* for INDEXED: what is missing or was guessed, e.g. "meeting
                               * date not found"; NULL if nothing */
    int updated;              /* for INDEXED: 1 if the file was in the index before */
    int read;                 /* 1 if the file was read in this run (always for INDEXED) */
    unsigned long long bytes; /* if read: the file's size; for MERGING: the databases' size */
    unsigned databases;       /* for MERGING: how many databases are merged */
} minutes_index_event;

/* Called once per file; the event and its strings live only during the call. */
typedef void minutes_index_callback(void *ctx, const minutes_index_event *event);

/* Running totals of an indexing run. Initialise to zeros; calls add to it. */
typedef struct minutes_index_stats {
    unsigned long files_indexed; /* added + updated */
    unsigned long files_skipped; /* failed: could not be read, or failed before and unchanged */
    unsigned long paragraphs;    /* paragraphs written */
    unsigned long files_added, files_updated, files_unchanged, files_removed;
    unsigned long files_read;    /* files read (some found unchanged or unreadable) */
    unsigned long long bytes;    /* bytes of the files read (their size on disk) */
    /* Known once the paths have been walked, before any file is read, for progress: the
     * files that must be read (new, changed, or failed and retried) and their bytes. */
    unsigned long files_to_read;
    unsigned long long bytes_to_read;
} minutes_index_stats;

/* The defaults of indexing: paragraphs written between commits, and with jobs, paragraphs a
 * worker writes before it starts a database of its own. */
#define MINUTES_DEFAULT_BATCH_PARAGRAPHS 2000
#define MINUTES_DEFAULT_SHARD_PARAGRAPHS 100000

/* How to index; zero-initialise for the defaults. */
typedef struct minutes_index_options {
    int no_delete;    /* keep the paragraphs of files that have vanished from the paths */
    int retry_failed; /* read again files that failed before, even if unchanged */
    int force;        /* read every file again, changed or not */
    size_t batch_paragraphs; /* commit after about this many paragraphs (0: the default) */
    unsigned jobs;    /* worker processes for building a new index (0: none) */
    size_t shard_paragraphs; /* with jobs, each worker starts a new database of its own after
                                about this many paragraphs (0: the default); all are merged */
} minutes_index_options;

/* Index files and directories, incrementally.
 *
 * Each path is a file or a directory walked recursively (entries named with a leading '.'
 * are passed over; symbolic links to files are followed, to directories only when named).
 * A file whose size and modification time are as the index recorded them is not read; one
 * whose time changed but whose text is the same is not written. A file that is new or
 * changed has all its paragraphs replaced. Files the index holds under a directory given
 * (or a file given) that no longer exist have their paragraphs removed, unless
 * options->no_delete. A file that cannot be read is reported, recorded as failed, and
 * skipped; what the index held for it stays. Changes are committed in batches, each file's
 * paragraphs and record all together, so an interrupted run leaves an index that works and
 * that the next run completes.
 *
 * With options->jobs set, a run that builds a new index (one with no paragraphs and no file
 * records) reads the files in that many worker processes, each writing a database of its
 * own, and then merges those into the index with Xapian's compaction, which also packs it
 * tight; the index stays empty until the merge, which is all or nothing. Callbacks still
 * come from the calling process. Runs that update an index write to it directly, in this
 * process, as do all runs with jobs 0.
 *
 * `db` must be open WRITABLE or CREATE; options, callback and stats may be NULL. Returns
 * MINUTES_OK when every path was walked (even if files were skipped), or a status of the
 * index itself, which stops the run (what was committed stays). A path that cannot be read
 * at all is reported as a SKIPPED event. */
minutes_status minutes_index_paths(minutes_db *db, const char *const *paths, size_t count,
                                   const minutes_index_options *options,
                                   minutes_index_callback *callback, void *ctx,
                                   minutes_index_stats *stats);

/* minutes_index_paths() of one path with default options. */
minutes_status minutes_index_path(minutes_db *db, const char *path,
                                  minutes_index_callback *callback, void *ctx,
                                  minutes_index_stats *stats);

/* Index one file now, whether changed or not, replacing what the index held for it; never
 * removes anything. If `paragraphs` is not NULL it receives the number written. Returns
 * MINUTES_OK; MINUTES_UNREADABLE_FILE or MINUTES_UNSUPPORTED_FILE for a file that cannot be
 * indexed (the index is unchanged; the message says why); or a status of the index. */
minutes_status minutes_index_file(minutes_db *db, const char *path, unsigned long *paragraphs);

/* ---------------------------------------------------------------------------------------- */
/* Merging                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* Make a new index at `out` holding every paragraph, file record and synonym of the `count`
 * indexes `indexes` (built apart: one per council, per year, per machine), with Xapian's
 * compaction. A search of the merged index ranks and scores as one built from all their
 * files at once would; updating it with minutes_index_paths() works as on any index.
 *
 * `out` must not exist, or be an empty directory. Each index is opened as
 * minutes_db_open(MINUTES_DB_READ_ONLY) opens it (a missing one, or one of another format,
 * is refused with its message), and no file may be in two of them. The merged database is
 * written into a directory beside `out` (`out` + ".merging-XXXXXX") and renamed to `out`
 * only when whole: on failure it is removed and `out` is as it was; a process killed
 * part-way leaves that directory, never a part of an index at `out`. The indexes may be
 * searched, but not written, meanwhile (a merge reads each as its last commit left it).
 *
 * `progress` (may be NULL) is called with `ctx` and the name of each table of the database
 * as the merge starts on it ("postlist", "docdata", ...); the name lives only during the
 * call. Returns MINUTES_OK; MINUTES_BAD_ARGUMENT (`out` exists, two indexes hold the same
 * file, no index given), a status of opening an index (MINUTES_NO_INDEX, MINUTES_CORRUPT,
 * ...), MINUTES_IO_ERROR (writing the merged index), MINUTES_NO_MEMORY; on failure, if
 * errmsg is not NULL, *errmsg is a malloc'd one-line message naming the index or file
 * concerned, which the caller frees (NULL when it could not be allocated). */
minutes_status minutes_merge(const char *out, const char *const *indexes, size_t count,
                             void (*progress)(void *ctx, const char *what), void *ctx,
                             char **errmsg);

/* ---------------------------------------------------------------------------------------- */
/* Fields of a hit                                                                          */
/* ---------------------------------------------------------------------------------------- */

/* What a hit knows about its paragraph. minutes_field_name() gives each field's stable name,
 * used as the JSON key and the TSV column; fields print in this order. Values are text
 * (numbers in decimal); a value not known is NULL. */
typedef enum minutes_field {
    MINUTES_FIELD_ID,          /* "id": short stable id of the paragraph, "FILEID:ORDINAL" */
    MINUTES_FIELD_PATH,        /* "path": canonical absolute path of the source file */
    MINUTES_FIELD_PARAGRAPH,   /* "paragraph": ordinal of the paragraph in its file, from 1 */
    MINUTES_FIELD_LINE,        /* "line": first line of the paragraph, from 1 */
    MINUTES_FIELD_LINE_END,    /* "line_end": last line of the paragraph */
    MINUTES_FIELD_OFFSET,      /* "offset": byte offset of the paragraph in the file */
    MINUTES_FIELD_LENGTH,      /* "length": bytes the paragraph spans in the file */
    MINUTES_FIELD_PAGE,        /* "page": page of a paginated source (PDF), from 1; null when
                                * not known */
    MINUTES_FIELD_COUNCIL,     /* "council": e.g. "Coventry City Council" */
    MINUTES_FIELD_BOARD,       /* "board": the board or committee, as written */
    MINUTES_FIELD_BOARD_ID,    /* "board_id": its normalized id, the same for all spellings */
    MINUTES_FIELD_DATE,        /* "date": the meeting's date, YYYY-MM-DD */
    MINUTES_FIELD_DOC_TYPE,    /* "doc_type": minutes, agenda, briefing-note, report,
                                * appendix, agenda-item or decision */
    MINUTES_FIELD_SECTION,     /* "section": which section of its file, from 0 */
    MINUTES_FIELD_ITEM_NUMBER, /* "item_number": agenda item number as written, e.g. "3" */
    MINUTES_FIELD_ITEM_TITLE,  /* "item_title": agenda item title, markup removed */
    MINUTES_FIELD_ITEM_TYPE,   /* "item_type": one of the item types (see README) */
    MINUTES_FIELD_MINUTE,      /* "minute": the item's minute number, e.g. "3/17" */
    MINUTES_FIELD_KIND,        /* "kind": text, heading, list-item, resolution, attendance or
                                * table-row */
    MINUTES_FIELD_SOURCE_URL,  /* "source_url": where the document was published */
    MINUTES_FIELD_TEXT,        /* "text": the paragraph's text, markup removed */
    MINUTES_FIELD_SNIPPET,     /* "snippet": an extract with matches between the markers */
    MINUTES_FIELD_COUNT_       /* not a field: the number of fields */
} minutes_field;

/* In the SNIPPET field each match is wrapped in these bytes, which never occur in indexed
 * text. Printers turn them into colour, offsets or nothing. */
#define MINUTES_MARK_START '\x02'
#define MINUTES_MARK_END '\x03'

/* The stable name of a field ("path", "line", ...), or NULL for an unknown field. */
const char *minutes_field_name(minutes_field field);

/* 1 if the field's values are decimal integers (to be printed as JSON numbers), else 0. */
int minutes_field_is_number(minutes_field field);

/* ---------------------------------------------------------------------------------------- */
/* Searching                                                                                */
/* ---------------------------------------------------------------------------------------- */

typedef struct minutes_query minutes_query;
typedef struct minutes_results minutes_results;
typedef struct minutes_hit minutes_hit;

/* Query flags for minutes_query_set_flags(). */
enum {
    /* Match words exactly as written: no stemming, so "fostering" does not match
     * "fostered". Without it every word, in phrases too, matches its Snowball English stem. */
    MINUTES_QUERY_EXACT = 1 << 0,
    /* Take the text as literal words, not query syntax: it matches as one phrase of all its
     * words, in order (`private fostering` as "private fostering"). Operators, quotes,
     * brackets, + and -, * and field prefixes are words or punctuation like any other
     * ("board:" is the word "board"). Combines with MINUTES_QUERY_EXACT. */
    MINUTES_QUERY_FIXED = 1 << 1,
    /* Do not expand words with the index's synonym table ("LAC" then matches only "LAC",
     * not "looked after children"; see the README's "Matching"). */
    MINUTES_QUERY_NO_SYNONYMS = 1 << 2,
    /* Date filters also keep the paragraphs whose meeting date is unknown. */
    MINUTES_QUERY_UNDATED = 1 << 3,
    /* Board filters also keep the paragraphs whose board is unknown. */
    MINUTES_QUERY_UNKNOWN_BOARD = 1 << 4,
    /* Match words written in capitals as written: "SEND" then matches the acronym, not
     * "send" or "Send". A word counts when it has two or more ASCII letters and digits, a
     * capital and no small letter; operators (AND, OR, NOT, XOR, NEAR, ADJ), filter values
     * (board:...) and excluded words (-WORD, NOT WORD: they exclude in any case) do not.
     * Other words match in any case as before. The paragraphs must hold each such word with
     * that case as a whole word; the count (minutes_results_estimate) is of those. */
    MINUTES_QUERY_MATCH_CASE = 1 << 5
};

/* Create a query for `text` in Xapian's query syntax: words (all must match), "quoted
 * phrases", AND, OR, NOT, XOR, parentheses, +required and -excluded words, trailing
 * wildcards (ofst*), title:WORD or title:"PHRASE" for words of the agenda item's title. An
 * empty text matches every paragraph; a text with no words (only punctuation) matches none.
 * Bytes that are not UTF-8 become '?' and control characters spaces. The text is folded as
 * the index is (accents, ordinals, typographic variants), a hyphenated word also matches its
 * closed and spaced forms, and words are expanded with the synonym table (unless
 * MINUTES_QUERY_NO_SYNONYMS); filter values (board:"...") are taken as typed. The text is
 * parsed when the query runs; a text that does not parse as query syntax (`Ofsted AND`, an
 * unbalanced bracket) is searched for as literal words, all of which must match, field
 * prefixes still filtering (minutes_query_describe() then starts "(literal)").
 * Returns MINUTES_OK and a handle the caller frees with minutes_query_destroy(), before
 * closing `db`; or MINUTES_NO_MEMORY / MINUTES_BAD_ARGUMENT. */
minutes_status minutes_query_create(minutes_db *db, const char *text, minutes_query **out);

/* Free the query, its results and their hits. */
void minutes_query_destroy(minutes_query *query);

/* Set MINUTES_QUERY_* flags (replacing earlier ones). */
minutes_status minutes_query_set_flags(minutes_query *query, unsigned flags);

/* The defaults of a query: how many hits, and snippets of about how many bytes. */
#define MINUTES_DEFAULT_LIMIT 10
#define MINUTES_DEFAULT_SNIPPET_BYTES 240

/* Return hits ranked `offset` (from 0) to `offset + limit - 1`. The default is 0 and
 * MINUTES_DEFAULT_LIMIT. MINUTES_BAD_ARGUMENT if limit is 0. */
minutes_status minutes_query_set_range(minutes_query *query, size_t offset, size_t limit);

/* Ask for snippets of about `bytes` bytes (default MINUTES_DEFAULT_SNIPPET_BYTES). Zero turns
 * snippets off. */
minutes_status minutes_query_set_snippet_length(minutes_query *query, size_t bytes);

/* Keep only paragraphs whose `field` matches `value`. Filters on the same field are ORed, on
 * different fields ANDed; they restrict the hits without changing their ranking. The query
 * text can say the same with prefixes (board:cabinet date:2017), with the same meaning.
 *
 *   MINUTES_FIELD_PATH         a file's path, as given or canonical
 *   MINUTES_FIELD_ITEM_NUMBER  an agenda item number, "3"
 *   MINUTES_FIELD_BOARD        a board name or a distinctive part of it, any case or
 *   MINUTES_FIELD_COUNCIL        spelling ("scrutiny board (2)", "cabinet"): every board
 *                                whose id contains the part's id, word for word (paragraphs
 *                                with unknown board match only with
 *                                MINUTES_QUERY_UNKNOWN_BOARD)
 *   MINUTES_FIELD_DATE         a date or range: 2017, 2017-06, 2017-06-29, 29/06/2017,
 *                                2017-01-01..2018-12-31, 2017.., ..2018-12 (inclusive;
 *                                paragraphs with unknown date match only with
 *                                MINUTES_QUERY_UNDATED; minutes_query_left_out counts them)
 *   MINUTES_FIELD_ITEM_TYPE    an item type; MINUTES_FIELD_DOC_TYPE a document type;
 *   MINUTES_FIELD_KIND           a paragraph kind (each checked against its vocabulary)
 *   MINUTES_FIELD_MINUTE       a minute number, "4/21": the item of that number and every
 *                                paragraph that refers to it
 *
 * Returns MINUTES_OK; MINUTES_BAD_QUERY for a value that cannot mean anything (an unknown
 * item type, a malformed date; minutes_db_errmsg() says why); MINUTES_BAD_ARGUMENT for any
 * other field; MINUTES_NO_MEMORY. */
minutes_status minutes_query_add_filter(minutes_query *query, minutes_field field,
                                        const char *value);

/* Keep only paragraphs of meetings from `since` to `until` (dates or date ranges as for
 * MINUTES_FIELD_DATE, inclusive; either may be NULL for an open end). Unlike repeated date
 * filters, which are ORed, this range is ANDed with them. Errors as minutes_query_add_filter. */
minutes_status minutes_query_set_date_range(minutes_query *query, const char *since,
                                            const char *until);

/* The order of hits. Sorting by date never drops hits; paragraphs with unknown date come
 * last, and hits of one date are in order of relevance. */
typedef enum minutes_sort {
    MINUTES_SORT_RELEVANCE, /* best BM25 first (the default) */
    MINUTES_SORT_DATE,      /* oldest meeting first */
    MINUTES_SORT_DATE_DESC  /* newest meeting first */
} minutes_sort;
minutes_status minutes_query_set_sort(minutes_query *query, minutes_sort sort);

/* Return only the best hit of each meeting or agenda item; minutes_hit_collapsed() says
 * how many other matching paragraphs it stands for. */
typedef enum minutes_collapse {
    MINUTES_COLLAPSE_NONE,
    MINUTES_COLLAPSE_MEETING, /* a meeting: its date and board */
    MINUTES_COLLAPSE_ITEM     /* an agenda item of a meeting */
} minutes_collapse;
minutes_status minutes_query_set_collapse(minutes_query *query, minutes_collapse collapse);

/* Count the matching paragraphs (all of them, exactly) per board, item type, document type,
 * year, month and council, or with collapsing the meetings or items; read the counts with
 * minutes_results_facet(). Costs a pass over every match. */
minutes_status minutes_query_set_facets(minutes_query *query, int on);

/* Run the query, ranking with BM25. Returns MINUTES_OK and sets *out to a result set owned
 * by the query (freed by minutes_query_destroy or by running the query again); or
 * MINUTES_BAD_QUERY (a field prefix's value means nothing, "date:2017-13", or the text has
 * more than 1000 words; minutes_db_errmsg() says why),
 * MINUTES_CORRUPT, MINUTES_IO_ERROR, MINUTES_MODIFIED, MINUTES_NO_MEMORY. */
minutes_status minutes_query_run(minutes_query *query, minutes_results **out);

/* The query as the engine understood it, for --debug output, or NULL before the query has
 * run. Belongs to the query. */
const char *minutes_query_describe(const minutes_query *query);

/* "Did you mean": a query whose run matched fewer than this many paragraphs gets a
 * suggestion when the index knows a word near one of its own. */
#define MINUTES_SUGGEST_BELOW 3

/* After minutes_query_run: the query's text with its misspelt words corrected, when the run
 * matched fewer than MINUTES_SUGGEST_BELOW paragraphs and some word of the free text is in
 * no paragraph while the index has a word at most two edits away from it (the most frequent
 * such word): "fostring" -> "fostering". The rest of the text is kept, folded as the index
 * folds words (accents, typographic variants; a hyphenated compound closed); filter values
 * (board:..., date:...) are never corrected, and words in title: and phrases are corrected
 * as others. NULL when there is no suggestion, before a run, and after
 * minutes_query_meetings. The query itself is never changed: run a new query with the
 * suggestion to search for it. Belongs to the query, valid until its next run or
 * minutes_query_destroy. */
const char *minutes_query_suggestion(const minutes_query *query);

/* After minutes_query_run or minutes_query_meetings: how many paragraphs matching the query
 * were left out by its date filters (`field` MINUTES_FIELD_DATE: options or date: in the
 * text) for their date being unknown, or by its board filters (MINUTES_FIELD_BOARD) for their
 * board being unknown - exactly those MINUTES_QUERY_UNDATED or MINUTES_QUERY_UNKNOWN_BOARD
 * would add, the other filters applying as they do. 0 without such a filter, when the flag
 * keeps them, before a run, or for any other field. Counting costs one more pass over the
 * matching paragraphs of unknown date or board, only when there is such a filter. */
unsigned long minutes_query_left_out(const minutes_query *query, minutes_field field);

/* Number of hits in the result set (at most the limit). */
size_t minutes_results_size(const minutes_results *results);

/* Number of matching paragraphs in the whole index: exact up to 500, estimated above. */
size_t minutes_results_estimate(const minutes_results *results);

/* Hit `i` (0 <= i < size), best first; NULL if i is out of range. Belongs to the results. */
const minutes_hit *minutes_results_hit(const minutes_results *results, size_t i);

/* The hit's rank in the whole result list, from 1 (offset + position + 1). */
size_t minutes_hit_rank(const minutes_hit *hit);

/* The hit's BM25 weight. */
double minutes_hit_score(const minutes_hit *hit);

/* The hit's weight as a percentage of the best possible for the query (0-100). */
int minutes_hit_percent(const minutes_hit *hit);

/* With collapsing: how many other matching paragraphs of its meeting or item this hit
 * stands for (exact); 0 without collapsing. */
size_t minutes_hit_collapsed(const minutes_hit *hit);

/* One count of the facets: `count` matching paragraphs have `value` in `field`
 * (MINUTES_FIELD_BOARD_ID, MINUTES_FIELD_ITEM_TYPE, MINUTES_FIELD_DOC_TYPE,
 * MINUTES_FIELD_DATE for the year, "2017", or the month, "2017-06", or
 * MINUTES_FIELD_COUNCIL, the council's name as written). With collapsing
 * (minutes_query_set_collapse) the count is of meetings or agenda items, each counted once
 * under the values of its best paragraph. `value` is NULL for the count of those with no
 * value (unknown, or no agenda item), so that each facet's counts add up to the number of
 * matches. `name` says which facet: "board_id", "item_type", "doc_type", "year", "month"
 * or "council". */
typedef struct minutes_facet {
    minutes_field field;
    const char *value;
    unsigned long count;
    const char *name;
} minutes_facet;

/* Number of facet counts (0 unless facets were asked for), and count `i`, grouped by field
 * in the order above and by value within a field; NULL if i is out of range. Belongs to the
 * results. */
size_t minutes_results_facet_count(const minutes_results *results);
const minutes_facet *minutes_results_facet(const minutes_results *results, size_t i);

/* ---------------------------------------------------------------------------------------- */
/* Meetings and paragraphs                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* A meeting in the index: paragraphs of one board on one date. */
typedef struct minutes_meeting {
    const char *date;     /* YYYY-MM-DD, or NULL when unknown (one entry per such file) */
    const char *council;  /* as written, or NULL */
    const char *board;    /* as written, or NULL */
    const char *board_id; /* normalized, or NULL */
    unsigned long documents, items, paragraphs; /* matching ones */
    const char *const *files; /* the paths of its matching documents, in byte order */
    size_t file_count;        /* how many: `documents` */
} minutes_meeting;

/* The meetings that have paragraphs matching the query (its text and filters), oldest
 * first, unknown dates last. Sets *out to an array of *count meetings that belongs to the
 * query (freed by minutes_query_destroy or the next run). */
minutes_status minutes_query_meetings(minutes_query *query, const minutes_meeting **out,
                                      size_t *count);

/* The paragraph with id `id` ("FILEID:ORDINAL", the ID field of a hit) and up to `context`
 * paragraphs of the same file either side, in file order. Sets *out to a result set whose
 * hits are those paragraphs (no score, no snippet) and *target to the index of the one asked
 * for; the caller frees it with minutes_results_destroy(). MINUTES_BAD_ARGUMENT for a
 * malformed id; MINUTES_OK with *out NULL when no paragraph has that id. */
minutes_status minutes_db_show(minutes_db *db, const char *id, size_t context,
                               minutes_results **out, size_t *target);

/* Free a result set made by minutes_db_show(). (Results of a query belong to the query.) */
void minutes_results_destroy(minutes_results *results);

/* The value of a field as text (numbers in decimal), or NULL if it is unknown for this
 * paragraph. Belongs to the hit. */
const char *minutes_hit_get(const minutes_hit *hit, minutes_field field);

#ifdef __cplusplus
}
#endif

#endif /* MINUTES_H */
