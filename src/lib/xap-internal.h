/* xap-internal.h - what the shim's two files share: the database handle, the error helpers
 * and the guard every entry point runs its work in. Only xap-db.cc and xap-query.cc include
 * it; the rest of the library sees xap.h alone.
 *
 * The index schema these files store is written down at the top of schema.c.
 */
#ifndef MINUTES_XAP_INTERNAL_H
#define MINUTES_XAP_INTERNAL_H

#include "xap.h"

#include <xapian.h>

#include <string>
#include <vector>

/* ---- the database handle ------------------------------------------------------------------ */

/* One database of a handle that reads several as one (xap_db_join). */
struct xap_shard {
    Xapian::Database db;
    std::string path; /* a local one's, reopened by path (see reopen); "" for a remote one */
};

struct xap_db {
    Xapian::Database ro;         /* used when !writable */
    Xapian::WritableDatabase rw; /* used when writable */
    std::string path;            /* as opened: a reader reopens it by path */
    std::vector<xap_shard> shards; /* a joined reader's databases, which `ro` holds as one */
    bool writable = false;
    bool in_txn = false;
    std::string errmsg;
    Xapian::Stem stem{"english"};
    xap_fold_fn *fold = nullptr;          /* how the index folded its text (xap_db_set_fold) */
    Xapian::Stem snippet_stem{"english"}; /* the stemmer of snippets: `stem` after `fold` */

    Xapian::Database &reader()
    {
        return writable ? rw : ro;
    }
};

/* A wildcard may stand for at most this many words: expanding "s*" over a large index
 * would take seconds and hundreds of megabytes, for a query that means little. */
static const Xapian::termcount MAX_WILDCARD_TERMS = 2000;

/* Read the latest commit (xap-db.cc says how). */
void reopen(xap_db *db);

/* The database at `path`, read-only, tried again while the index's database is being
 * switched (xap-db.cc). */
Xapian::Database open_reader(const char *path);

/* Make db->ro the one database of db->shards, after one of them changed or went. */
void rejoin(xap_db *db);

/* The word a compound stands for, closed: its letters in lower case, without the hyphens. */
std::string closed_word(const std::string &compound);

/* ---- errors (xap-db.cc) ------------------------------------------------------------------- */

/* Map the exception being handled to a status and a one-line message; call only from a
 * catch block. `open_path` is the path being opened, if any, for a clearer message. A
 * failure to build the message is itself out of memory. */
minutes_status classify_safely(std::string &msg, const char *open_path) noexcept;

/* Record the exception being handled on `db` (may be NULL); call only from a catch block. */
minutes_status fail(xap_db *db) noexcept;

/* A failure found by the shim itself (bad arguments, wrong mode), recorded on `db` (may be
 * NULL); returns `st`. */
minutes_status refuse(xap_db *db, minutes_status st, const char *msg) noexcept;

/* A malloc'd copy of s for the C side; throws std::bad_alloc so the guard maps it. */
char *dup_string(const std::string &s);

/* Set *errmsg (if wanted) to a malloc'd copy of msg, or NULL if that fails. */
void give_errmsg(char **errmsg, const std::string &msg) noexcept;

/* ---- the guard ---------------------------------------------------------------------------- */

/* The body of every call on a database: no handle is MINUTES_BAD_ARGUMENT; else forget the
 * previous failure, then run `work`, which returns the call's status. Whatever it throws is
 * recorded on db and mapped to a status (classify_safely), so no exception leaves the shim. */
template <class Work>
minutes_status
guarded(xap_db *db, Work &&work) noexcept
{
    if (!db)
        return MINUTES_BAD_ARGUMENT;
    db->errmsg.clear();
    try {
        return work();
    } catch (...) {
        return fail(db);
    }
}

/* The same for a call with no database handle to report on: the message goes to *errmsg
 * (malloc'd, if errmsg is not NULL; the caller frees it) and names `path`, the path being
 * opened when the failure came (read then, so that `work` may move it on; NULL: none). */
template <class Work>
minutes_status
guarded_path(char **errmsg, const char *const &path, Work &&work) noexcept
{
    try {
        return work();
    } catch (...) {
        std::string msg;
        const minutes_status st = classify_safely(msg, path);
        give_errmsg(errmsg, msg);
        return st;
    }
}

#endif /* MINUTES_XAP_INTERNAL_H */
