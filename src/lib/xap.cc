/* xap.cc - the Xapian shim: the C API of xap.h over Xapian's C++ API. The only C++ file and
 * the only code that includes Xapian headers; no exception ever leaves it.
 *
 * The index schema is decided by the C side and written down at the top of schema.c.
 *
 * Transactions are flushed (begin_transaction(true)): each committed transaction - a batch
 * of whole files - is durable when xap_db_commit returns.
 */
#include "xap.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* ---- handles ------------------------------------------------------------------------------ */

struct xap_db {
    Xapian::Database ro;         /* used when !writable */
    Xapian::WritableDatabase rw; /* used when writable */
    std::string path;            /* as opened: a reader reopens it by path */
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

struct xap_doc {
    xap_db *db;
    Xapian::Document doc;
    Xapian::TermGenerator tg;
};

struct xap_query {
    xap_db *db;
    Xapian::Query query;     /* what is matched */
    Xapian::Query highlight; /* what snippets highlight, when not `query` itself */
};

/* A value count (facet) of one slot. The match set owns the spy; the Enquire only holds a
 * raw pointer to it (add_matchspy without release()), so the spies are declared before the
 * Enquire in xap_mset and are destroyed after it and the MSet. */
struct xap_count {
    Xapian::valueno slot;
    std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
};

struct xap_mset {
    xap_db *db;
    std::vector<xap_count> counts; /* before enquire: must outlive it */
    Xapian::Enquire enquire;       /* kept alive: MSet::snippet() reads its query */
    Xapian::MSet mset;
    std::vector<std::string> data; /* document data of each match, fetched at run time */

    xap_mset(xap_db *db_, const Xapian::Database &rd) : db(db_), enquire(rd)
    {
    }
};

/* Retries of a match whose database changed under it, each after a reopen. */
static const int MODIFIED_RETRIES = 3;

/* A wildcard may stand for at most this many words: expanding "s*" over a large index
 * would take seconds and hundreds of megabytes, for a query that means little. */
static const Xapian::termcount MAX_WILDCARD_TERMS = 2000;

/* Gap in term positions between consecutive xap_doc_index_text calls, so that phrases do
 * not match across them. */
static const Xapian::termpos TEXT_GAP = 100;

static const unsigned SNIPPET_FLAGS =
    Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE;

/* ---- errors ------------------------------------------------------------------------------- */

/* Map the exception being handled to a status and a one-line message. Must be called from
 * inside a catch block. `open_path` is the path being opened, if any, for a clearer message.
 * May itself throw (std::bad_alloc while building the message); callers catch that. */
static minutes_status
classify(std::string &msg, const char *open_path)
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &) {
        msg = "index is locked by another process";
        return MINUTES_LOCKED;
    } catch (const Xapian::QueryParserError &e) {
        /* The library prefixes "malformed query '...': ", so only Xapian's reason here. */
        msg = e.get_msg();
        return MINUTES_BAD_QUERY;
    } catch (const Xapian::DatabaseModifiedError &) {
        /* Xapian's own text advises calling reopen(), which is no use to a user. */
        msg = "the index kept changing while being read, or is damaged; try again";
        return MINUTES_MODIFIED;
    } catch (const Xapian::WildcardError &e) {
        /* Xapian says "Wildcard xw* expands to more than 2000 terms"; name it as typed. */
        std::string pattern = e.get_msg();
        const size_t start = pattern.find(' '), end = pattern.find(" expands");
        pattern = start != std::string::npos && end != std::string::npos && end > start
                      ? pattern.substr(start + 1, end - start - 1)
                      : "*";
        msg = "wildcard '" + pattern + "' matches more than " +
              std::to_string(MAX_WILDCARD_TERMS) + " words; make it longer";
        return MINUTES_BAD_QUERY;
    } catch (const Xapian::DatabaseVersionError &e) { /* before its base, OpeningError */
        msg = "index format not supported: " + e.get_msg();
        return MINUTES_CORRUPT;
    } catch (const Xapian::DatabaseNotFoundError &e) {
        msg = open_path ? "no index at '" + std::string(open_path) + "'" : e.get_msg();
        return MINUTES_NO_INDEX;
    } catch (const Xapian::DatabaseOpeningError &e) {
        msg = open_path ? "cannot open index at '" + std::string(open_path) + "': " + e.get_msg()
                        : e.get_msg();
        return MINUTES_NO_INDEX;
    } catch (const Xapian::DatabaseCorruptError &e) {
        msg = "index is corrupt: " + e.get_msg();
        return MINUTES_CORRUPT;
    } catch (const Xapian::InvalidArgumentError &e) {
        msg = e.get_msg();
        return MINUTES_BAD_ARGUMENT;
    } catch (const Xapian::InvalidOperationError &e) {
        msg = e.get_msg();
        return MINUTES_BAD_ARGUMENT;
    } catch (const Xapian::Error &e) {
        msg = e.get_description();
        return MINUTES_IO_ERROR;
    } catch (const std::bad_alloc &) {
        msg = "out of memory";
        return MINUTES_NO_MEMORY;
    } catch (const std::system_error &e) { /* the index directory's files (and filesystem) */
        msg = e.what();
        return MINUTES_IO_ERROR;
    } catch (const std::exception &e) {
        msg = e.what();
        return MINUTES_INTERNAL;
    } catch (...) {
        msg = "unknown exception";
        return MINUTES_INTERNAL;
    }
}

/* classify() that cannot throw: a failure to build the message is itself out of memory. */
static minutes_status
classify_safely(std::string &msg, const char *open_path) noexcept
{
    try {
        return classify(msg, open_path);
    } catch (...) {
        msg.clear();
        return MINUTES_NO_MEMORY;
    }
}

/* Record the exception being handled on `db`; call only from a catch block. */
static minutes_status
fail(xap_db *db) noexcept
{
    std::string msg;
    minutes_status st = classify_safely(msg, nullptr);
    if (db)
        db->errmsg.swap(msg);
    return st;
}

/* A failure found by the shim itself (bad arguments, wrong mode). */
static minutes_status
refuse(xap_db *db, minutes_status st, const char *msg) noexcept
{
    if (db) {
        try {
            db->errmsg = msg;
        } catch (...) {
            db->errmsg.clear();
        }
    }
    return st;
}

/* A malloc'd copy of s for the C side; throws std::bad_alloc so the caller's handler maps it. */
static char *
dup_string(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

/* Set *errmsg (if wanted) to a malloc'd copy of msg, or NULL if that fails. */
static void
give_errmsg(char **errmsg, const std::string &msg) noexcept
{
    if (errmsg)
        *errmsg = strdup(msg.c_str());
}

/* ---- the guard ---------------------------------------------------------------------------- */

/* The body of every call on a database: forget the previous failure, then run `work`, which
 * returns the call's status. Whatever it throws is recorded on db and mapped to a status
 * (classify_safely), so no exception leaves the shim. */
template <class Work>
static minutes_status
guarded(xap_db *db, Work &&work) noexcept
{
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
static minutes_status
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

/* ---- databases ---------------------------------------------------------------------------- */

/* Times a reader tries to open an index whose database is being switched (see the index
 * directory, below): the stub it read may name a generation just removed. */
static const int OPEN_TRIES = 10;

/* Open `path` in `mode` on db (the default backend, glass). */
static void
open_handle(xap_db *db, const char *path, xap_mode mode)
{
    if (mode == XAP_READ) {
        for (int attempt = 1;; attempt++) {
            try {
                db->ro = Xapian::Database(path);
                return;
            } catch (const Xapian::DatabaseNotFoundError &) {
                /* No index at all: nothing to wait for. But a stub read just before a switch
                 * names a generation removed since: open the new stub. */
                struct stat sb;
                if (attempt == OPEN_TRIES ||
                    stat((std::string(path) + "/XAPIANDB").c_str(), &sb) != 0)
                    throw;
            } catch (const Xapian::DatabaseOpeningError &) {
                if (attempt == OPEN_TRIES)
                    throw;
            } catch (const Xapian::DatabaseModifiedError &) {
                if (attempt == OPEN_TRIES)
                    throw;
            } catch (const Xapian::DatabaseCorruptError &) {
                /* Also what a block overwritten by a commit during the open looks like. */
                if (attempt == OPEN_TRIES)
                    throw;
            }
            usleep(5000u * unsigned(attempt));
        }
    }
    const int how = mode == XAP_CREATE ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
    db->rw = Xapian::WritableDatabase(path, how);
    db->writable = true;
}

/* Xapian reports a lock file it cannot open as a lock another process holds
 * (DatabaseLockError), which a caller would wait for in vain when the index is read-only to
 * this process. Open the lock file for writing as Xapian does: refused for want of
 * permission, the index is read-only, and msg says so. Opening it takes no lock, and closing
 * it releases none: Xapian's lock is on its own open file description, or held by a child. */
static bool
read_only(const char *path, std::string &msg)
{
    const std::string lock = std::string(path) + "/flintlock";
    int fd = open(lock.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, 0666);
    if (fd >= 0) {
        close(fd);
        return false;
    }
    const int e = errno;
    if (e != EACCES && e != EROFS && e != EPERM)
        return false;
    msg = "index '" + std::string(path) +
          "' is read-only: " + std::error_code(e, std::generic_category()).message();
    return true;
}

/* The status of an open for writing refused a lock: MINUTES_READ_ONLY, with *errmsg saying
 * so, if the index is read-only to this process; else MINUTES_LOCKED as it was. */
static minutes_status
lock_refused(const char *path, char **errmsg) noexcept
{
    try {
        std::string msg;
        if (!read_only(path, msg))
            return MINUTES_LOCKED;
        if (errmsg) {
            std::free(*errmsg);
            *errmsg = nullptr;
        }
        give_errmsg(errmsg, msg);
        return MINUTES_READ_ONLY;
    } catch (...) {
        return MINUTES_LOCKED; /* no memory for the message: the lock's will do */
    }
}

extern "C" minutes_status
xap_db_open(const char *path, xap_mode mode, xap_db **out, char **errmsg)
{
    if (errmsg)
        *errmsg = nullptr;
    if (!out)
        return MINUTES_BAD_ARGUMENT;
    *out = nullptr;
    const minutes_status st = guarded_path(errmsg, path, [&] {
        if (!path || !*path || (mode != XAP_READ && mode != XAP_WRITE && mode != XAP_CREATE)) {
            give_errmsg(errmsg, "invalid index path or mode");
            return MINUTES_BAD_ARGUMENT;
        }
        std::unique_ptr<xap_db> db(new xap_db());
        db->path = path;
        open_handle(db.get(), path, mode);
        *out = db.release();
        return MINUTES_OK;
    });
    if (st == MINUTES_LOCKED && mode != XAP_READ)
        return lock_refused(path, errmsg);
    return st;
}

extern "C" minutes_status
xap_db_close(xap_db *db)
{
    if (!db)
        return MINUTES_OK;
    const minutes_status committed = guarded(db, [&] {
        if (db->writable) {
            if (db->in_txn) {
                db->in_txn = false;
                db->rw.cancel_transaction();
            }
            db->rw.commit();
        }
        return MINUTES_OK;
    });
    /* close() releases the write lock even if a stray reference to the database remains. */
    const minutes_status closed = guarded(db, [&] {
        db->reader().close();
        return MINUTES_OK;
    });
    delete db;
    return committed != MINUTES_OK ? committed : closed;
}

extern "C" minutes_status
xap_compact(const char *const *sources, size_t count, const char *dest, char **errmsg)
{
    if (errmsg)
        *errmsg = nullptr;
    if (!sources || !count || !dest) {
        give_errmsg(errmsg, "nothing to compact");
        return MINUTES_BAD_ARGUMENT;
    }
    const char *current = sources[0];
    return guarded_path(errmsg, current, [&] {
        Xapian::Database all;
        for (size_t i = 0; i < count; i++) {
            current = sources[i];
            all.add_database(Xapian::Database(sources[i]));
        }
        current = dest;
        all.compact(dest, Xapian::Compactor::FULL);
        return MINUTES_OK;
    });
}

/* ---- the index directory ------------------------------------------------------------------
 *
 * An index directory holds its database in one of two ways: directly, as the glass files
 * Xapian creates (iamglass, the version file, and its tables), or through a stub file,
 * XAPIANDB, naming a generation directory "db-N" beside it ("auto db-N"). Xapian opens the
 * version file when there is one, else the stub. A database built elsewhere is switched in
 * by renaming a new stub over the old and then removing a direct database's version file:
 * each is one step, so a reader or writer opening the index at any moment finds the old
 * database or the new one, whole, and a run killed anywhere leaves one of the two.
 */

namespace fs = std::filesystem;

static const char STUB_FILE[] = "XAPIANDB";
static const char GENERATION_PREFIX[] = "db-";
static const char *const GLASS_FILES[] = {"iamglass",       "postlist.glass", "termlist.glass",
                                          "position.glass", "docdata.glass",  "spelling.glass",
                                          "synonym.glass",  "iamglass.tmp"};

/* The number of a generation directory's name, or 0 if `name` is not one. */
static unsigned long
generation_number(const std::string &name)
{
    const size_t n = sizeof GENERATION_PREFIX - 1;
    if (name.compare(0, n, GENERATION_PREFIX) != 0 || name.size() == n ||
        name.find_first_not_of("0123456789", n) != std::string::npos || name.size() > n + 9)
        return 0;
    return std::strtoul(name.c_str() + n, nullptr, 10);
}

/* The generation the stub in `index` names ("" if none or not one of ours). */
static std::string
live_generation(const fs::path &index)
{
    std::ifstream in(index / STUB_FILE);
    std::string backend, name;
    if (!(in >> backend >> name) || generation_number(name) == 0)
        return "";
    return name;
}

[[noreturn]] static void
throw_errno(const std::string &what)
{
    throw std::system_error(errno, std::generic_category(), what);
}

/* Make the renames and removals in `dir` so far durable. */
static void
sync_directory(const fs::path &dir)
{
    int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Remove what is not the live database of `index`: a stub or generations left by an
 * interrupted switch, the glass files of a direct database switched away from (or of one
 * whose version file was never written), generations switched away from. */
static void
tidy(const fs::path &index)
{
    std::error_code ec;
    const bool direct = fs::exists(index / "iamglass", ec);
    const std::string live = direct ? "" : live_generation(index);
    fs::remove(index / (std::string(STUB_FILE) + ".tmp"), ec);
    if (direct) {
        fs::remove(index / STUB_FILE, ec);
    } else {
        for (const char *name : GLASS_FILES)
            fs::remove(index / name, ec);
    }
    for (fs::directory_iterator it(index, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename();
        if (generation_number(name) && name != live) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    }
}

extern "C" minutes_status
xap_index_tidy(const char *index, char **errmsg)
{
    if (errmsg)
        *errmsg = nullptr;
    if (!index)
        return MINUTES_BAD_ARGUMENT;
    return guarded_path(errmsg, index, [&] {
        if (fs::is_directory(index))
            tidy(index);
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_index_install(const char *index_path, const char *built, char **errmsg)
{
    if (errmsg)
        *errmsg = nullptr;
    if (!index_path || !built)
        return MINUTES_BAD_ARGUMENT;
    return guarded_path(errmsg, nullptr, [&] {
        const fs::path index(index_path);
        unsigned long last = 0;
        for (const fs::directory_entry &e : fs::directory_iterator(index))
            last = std::max(last, generation_number(e.path().filename()));
        const std::string generation = GENERATION_PREFIX + std::to_string(last + 1);
        if (rename(built, (index / generation).c_str()) != 0)
            throw_errno("cannot move '" + std::string(built) + "' into the index");

        const fs::path stub = index / STUB_FILE, stub_tmp = index / "XAPIANDB.tmp";
        const std::string line = "auto " + generation + "\n";
        int fd = open(stub_tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        bool written = fd >= 0 && write(fd, line.data(), line.size()) == ssize_t(line.size()) &&
                       fsync(fd) == 0;
        if (fd >= 0 && close(fd) != 0)
            written = false;
        if (!written || rename(stub_tmp.c_str(), stub.c_str()) != 0)
            throw_errno("cannot write '" + stub.string() + "'");
        /* The switch, for a database kept directly in the directory until now. */
        if (unlink((index / "iamglass").c_str()) != 0 && errno != ENOENT)
            throw_errno("cannot switch index '" + index.string() + "'");
        sync_directory(index);
        tidy(index);
        return MINUTES_OK;
    });
}

extern "C" const char *
xap_db_errmsg(const xap_db *db)
{
    return db ? db->errmsg.c_str() : "";
}

extern "C" minutes_status
xap_db_doccount(xap_db *db, unsigned long *out)
{
    if (!db || !out)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database or no result pointer");
    return guarded(db, [&] {
        *out = db->reader().get_doccount();
        return MINUTES_OK;
    });
}

/* Read the latest commit. A reader opens its path again rather than calling
 * Database::reopen(): a database switched in whole (see the index directory, below) is a
 * new database, which reopen() would not find. */
static void
reopen(xap_db *db)
{
    if (db->writable)
        db->rw.reopen();
    else
        open_handle(db, db->path.c_str(), XAP_READ);
}

extern "C" minutes_status
xap_db_reopen(xap_db *db)
{
    if (!db)
        return MINUTES_BAD_ARGUMENT;
    return guarded(db, [&] {
        reopen(db);
        return MINUTES_OK;
    });
}

/* Checks shared by every call that writes. */
static minutes_status
check_writable(xap_db *db)
{
    if (!db->writable)
        return refuse(db, MINUTES_BAD_ARGUMENT, "index is open read-only");
    return MINUTES_OK;
}

extern "C" minutes_status
xap_db_begin(xap_db *db)
{
    if (!db)
        return MINUTES_BAD_ARGUMENT;
    return guarded(db, [&] {
        if (check_writable(db) != MINUTES_OK)
            return MINUTES_BAD_ARGUMENT;
        if (db->in_txn)
            return refuse(db, MINUTES_BAD_ARGUMENT, "a transaction is already open");
        /* Flushed: committing the transaction makes it durable on its own. */
        db->rw.begin_transaction(true);
        db->in_txn = true;
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_db_commit(xap_db *db)
{
    if (!db)
        return MINUTES_BAD_ARGUMENT;
    return guarded(db, [&] {
        if (!db->in_txn)
            return refuse(db, MINUTES_BAD_ARGUMENT, "no transaction is open");
        db->in_txn = false; /* Xapian ends the transaction even when the commit fails */
        db->rw.commit_transaction();
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_db_cancel(xap_db *db)
{
    if (!db)
        return MINUTES_BAD_ARGUMENT;
    return guarded(db, [&] {
        if (!db->in_txn)
            return refuse(db, MINUTES_BAD_ARGUMENT, "no transaction is open");
        db->in_txn = false; /* cancelled even if Xapian reports an error */
        db->rw.cancel_transaction();
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_db_flush(xap_db *db)
{
    if (!db)
        return MINUTES_BAD_ARGUMENT;
    return guarded(db, [&] {
        if (check_writable(db) != MINUTES_OK)
            return MINUTES_BAD_ARGUMENT;
        if (db->in_txn)
            return refuse(db, MINUTES_BAD_ARGUMENT, "cannot flush inside a transaction");
        db->rw.commit();
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_db_set_metadata(xap_db *db, const char *key, const char *value)
{
    if (!db || !key || !value)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, key or value");
    return guarded(db, [&] {
        if (check_writable(db) != MINUTES_OK)
            return MINUTES_BAD_ARGUMENT;
        db->rw.set_metadata(key, value);
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_db_get_metadata(xap_db *db, const char *key, char **out)
{
    if (out)
        *out = nullptr;
    if (!db || !key || !out)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, key or result pointer");
    return guarded(db, [&] {
        *out = dup_string(db->reader().get_metadata(key));
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_db_termfreq(xap_db *db, const char *term, unsigned long *out)
{
    if (!db || !term || !out)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, term or result pointer");
    return guarded(db, [&] {
        *out = db->reader().get_termfreq(term);
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_db_each_term(xap_db *db, const char *prefix, int (*fn)(void *ctx, const char *term, size_t len),
                 void *ctx)
{
    if (!db || !fn)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database or no callback");
    return guarded(db, [&] {
        const std::string pfx = prefix ? prefix : "";
        Xapian::Database &rd = db->reader();
        for (Xapian::TermIterator it = rd.allterms_begin(pfx); it != rd.allterms_end(pfx); ++it) {
            const std::string term = *it;
            if (fn(ctx, term.c_str(), term.size()))
                break;
        }
        return MINUTES_OK;
    });
}

/* Call `visit(reader, key)` for every metadata key starting with `prefix`, in key order, until
 * it returns true. */
template <typename Visit>
static minutes_status
each_metadata_key(xap_db *db, const char *prefix, Visit visit)
{
    return guarded(db, [&] {
        const std::string pfx = prefix ? prefix : "";
        Xapian::Database &rd = db->reader();
        for (Xapian::TermIterator it = rd.metadata_keys_begin(pfx);
             it != rd.metadata_keys_end(pfx); ++it) {
            if (visit(rd, *it))
                break;
        }
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_db_each_metadata(xap_db *db, const char *prefix,
                     int (*fn)(void *ctx, const char *key, const char *value, size_t len),
                     void *ctx)
{
    if (!db || !fn)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database or no callback");
    return each_metadata_key(db, prefix, [&](Xapian::Database &rd, const std::string &key) {
        const std::string value = rd.get_metadata(key);
        return fn(ctx, key.c_str(), value.c_str(), value.size()) != 0;
    });
}

extern "C" minutes_status
xap_db_each_metadata_key(xap_db *db, const char *prefix, int (*fn)(void *ctx, const char *key),
                         void *ctx)
{
    if (!db || !fn)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database or no callback");
    return each_metadata_key(db, prefix, [&](Xapian::Database &, const std::string &key) {
        return fn(ctx, key.c_str()) != 0;
    });
}

extern "C" minutes_status
xap_db_get_data_by_term(xap_db *db, const char *term, char **data, size_t *len, int *found)
{
    if (data)
        *data = nullptr;
    if (len)
        *len = 0;
    if (found)
        *found = 0;
    if (!db || !term || !data || !len || !found)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, term or result pointer");
    return guarded(db, [&] {
        /* The posting list of "" is every document: never what a caller means. */
        if (!*term)
            return refuse(db, MINUTES_BAD_ARGUMENT, "empty term");
        Xapian::Database &rd = db->reader();
        Xapian::PostingIterator it = rd.postlist_begin(term);
        if (it == rd.postlist_end(term))
            return MINUTES_OK;
        const std::string d = rd.get_document(*it).get_data();
        *data = dup_string(d);
        *len = d.size();
        *found = 1;
        return MINUTES_OK;
    });
}

/* The words of `text` as the query parser reads them, lower case and unstemmed, in order. */
static std::vector<std::string>
parser_words(const std::string &text)
{
    std::string quoted(1, '"');
    for (char c : text)
        quoted += c == '"' ? ' ' : c;
    quoted += '"';
    const Xapian::Query q =
        Xapian::QueryParser().parse_query(quoted, Xapian::QueryParser::FLAG_PHRASE);
    std::vector<std::string> words;
    if (q.get_type() == Xapian::Query::LEAF_TERM)
        words.push_back(*q.get_terms_begin());
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        if (q.get_subquery(i).get_type() == Xapian::Query::LEAF_TERM)
            words.push_back(*q.get_subquery(i).get_terms_begin());
    return words;
}

extern "C" minutes_status
xap_db_clear_synonyms(xap_db *db)
{
    if (!db)
        return MINUTES_BAD_ARGUMENT;
    return guarded(db, [&] {
        if (check_writable(db) != MINUTES_OK)
            return MINUTES_BAD_ARGUMENT;
        const std::vector<std::string> keys(db->rw.synonym_keys_begin(),
                                            db->rw.synonym_keys_end());
        for (const std::string &key : keys)
            db->rw.clear_synonyms(key);
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_db_add_synonyms(xap_db *db, const char *const *expressions, size_t n)
{
    if (!db || (!expressions && n))
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database or no expressions");
    return guarded(db, [&] {
        if (check_writable(db) != MINUTES_OK)
            return MINUTES_BAD_ARGUMENT;
        /* A key is what the parser looks up: the words joined by one space. A synonym is
         * the same text, which parsing reads back as its words (expand_synonyms). */
        std::vector<std::string> keys;
        for (size_t i = 0; i < n; i++) {
            if (!expressions[i])
                return refuse(db, MINUTES_BAD_ARGUMENT, "an expression is NULL");
            std::string key;
            for (const std::string &word : parser_words(expressions[i]))
                key += (key.empty() ? "" : " ") + word;
            if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end())
                keys.push_back(key);
        }
        for (const std::string &key : keys)
            for (const std::string &other : keys)
                if (other != key)
                    db->rw.add_synonym(key, other);
        return MINUTES_OK;
    });
}

namespace {

/* The English stemmer of a word folded as the index folded its text: MSet::snippet() stems
 * each word of the original text it shows, which must meet the query's folded terms. */
class folding_stem : public Xapian::StemImplementation {
  public:
    explicit folding_stem(xap_fold_fn *fold) : fold_(fold), stem_("english")
    {
    }

    std::string
    operator()(const std::string &word) override
    {
        std::string folded(word.size() + 1, '\0');
        folded.resize(fold_(word.data(), word.size(), &folded[0]));
        return stem_(folded);
    }

    std::string
    get_description() const override
    {
        return "folded " + stem_.get_description();
    }

  private:
    xap_fold_fn *fold_;
    Xapian::Stem stem_;
};

} // namespace

/* Not guarded: it has no failure to report, only a fallback. */
extern "C" void
xap_db_set_fold(xap_db *db, xap_fold_fn *fold)
{
    if (!db)
        return;
    try {
        db->fold = fold;
        db->snippet_stem = fold ? Xapian::Stem(new folding_stem(fold)) : db->stem;
    } catch (...) {
        db->fold = nullptr; /* out of memory: snippets fold nothing */
        db->snippet_stem = db->stem;
    }
}

extern "C" minutes_status
xap_db_delete_by_term(xap_db *db, const char *term)
{
    if (!db || !term)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database or no term");
    return guarded(db, [&] {
        if (check_writable(db) != MINUTES_OK)
            return MINUTES_BAD_ARGUMENT;
        db->rw.delete_document(term);
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_db_replace_by_term(xap_db *db, const char *id_term, xap_doc *doc)
{
    if (!db || !id_term || !doc)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, id term or document");
    return guarded(db, [&] {
        if (check_writable(db) != MINUTES_OK)
            return MINUTES_BAD_ARGUMENT;
        if (!*id_term)
            return refuse(db, MINUTES_BAD_ARGUMENT, "empty id term");
        db->rw.replace_document(id_term, doc->doc);
        return MINUTES_OK;
    });
}

/* ---- documents ---------------------------------------------------------------------------- */

extern "C" minutes_status
xap_doc_create(xap_db *db, xap_doc **out)
{
    if (out)
        *out = nullptr;
    if (!db || !out)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database or no result pointer");
    return guarded(db, [&] {
        std::unique_ptr<xap_doc> doc(new xap_doc{db, Xapian::Document(), Xapian::TermGenerator()});
        doc->tg.set_stemmer(db->stem);
        doc->tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
        doc->tg.set_document(doc->doc);
        *out = doc.release();
        return MINUTES_OK;
    });
}

extern "C" void
xap_doc_destroy(xap_doc *doc)
{
    delete doc;
}

extern "C" void
xap_doc_clear(xap_doc *doc)
{
    if (!doc)
        return;
    guarded(doc->db, [&] {
        doc->doc = Xapian::Document();
        doc->tg.set_document(doc->doc);
        doc->tg.set_termpos(0);
        return MINUTES_OK;
    });
}

/* The word a compound stands for, closed: its letters in lower case, without the hyphens. */
static std::string
closed_word(const std::string &compound)
{
    std::string word;
    for (char c : compound)
        if (c != '-')
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return word;
}

extern "C" minutes_status
xap_doc_index_field(xap_doc *doc, const char *text, size_t len, const xap_index_options *opt)
{
    if (!doc || (!text && len) || !opt || (!opt->compounds && opt->compound_count))
        return refuse(doc ? doc->db : nullptr, MINUTES_BAD_ARGUMENT,
                      "no document, text or options");
    return guarded(doc->db, [&] {
        for (size_t i = 0; i < opt->compound_count; i++) {
            const xap_span &c = opt->compounds[i];
            if (c.start >= c.end || c.end > len || (i && c.start < opt->compounds[i - 1].end))
                return refuse(doc->db, MINUTES_BAD_ARGUMENT, "compounds out of order or range");
        }
        const std::string s(text ? text : "", len);
        Xapian::TermGenerator &tg = doc->tg;
        if (tg.get_termpos() > 0)
            tg.increase_termpos(TEXT_GAP);
        const std::string pre(opt->prefix ? opt->prefix : "");
        const Xapian::termcount wdf = opt->wdf;
        /* Positions for the stems only: phrases are searched as stems, and a second entry
         * per word in the position table - its largest - would double the cost of both. The
         * text goes in pieces around its compounds, whose words' positions are then known;
         * the pieces split where words end, so the words are those of the whole text. */
        size_t at = 0;
        for (size_t i = 0; i < opt->compound_count; i++) {
            const xap_span &c = opt->compounds[i];
            tg.index_text(s.substr(at, c.start - at), wdf, pre);
            const Xapian::termpos before = tg.get_termpos();
            const std::string compound = s.substr(c.start, c.end - c.start);
            tg.index_text(compound, wdf, pre);
            const Xapian::termpos last = tg.get_termpos();
            const std::string word = closed_word(compound);
            if (last > before) {
                const std::string stem = "Z" + pre + doc->db->stem(word);
                doc->doc.add_posting(stem, before + 1, wdf);
                if (last > before + 1)
                    doc->doc.add_posting(stem, last, 0);
                doc->doc.add_term(pre + word, wdf);
            }
            at = c.end;
        }
        tg.index_text(s.substr(at), wdf, pre);
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
        tg.index_text_without_positions(s, wdf, pre);
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_doc_index_text(xap_doc *doc, const char *text, size_t len, const char *prefix)
{
    const xap_index_options opt = {prefix, 1, nullptr, 0};
    return xap_doc_index_field(doc, text, len, &opt);
}

extern "C" minutes_status
xap_doc_add_boolean_term(xap_doc *doc, const char *term)
{
    if (!doc || !term)
        return refuse(doc ? doc->db : nullptr, MINUTES_BAD_ARGUMENT, "no document or no term");
    return guarded(doc->db, [&] {
        doc->doc.add_boolean_term(term);
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_doc_set_value(xap_doc *doc, unsigned slot, const void *bytes, size_t len)
{
    if (!doc || (!bytes && len))
        return refuse(doc ? doc->db : nullptr, MINUTES_BAD_ARGUMENT, "no document or no value");
    return guarded(doc->db, [&] {
        doc->doc.add_value(slot, std::string(static_cast<const char *>(bytes), len));
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_doc_set_value_number(xap_doc *doc, unsigned slot, double number)
{
    if (!doc)
        return MINUTES_BAD_ARGUMENT;
    return guarded(doc->db, [&] {
        doc->doc.add_value(slot, Xapian::sortable_serialise(number));
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_doc_set_data(xap_doc *doc, const void *bytes, size_t len)
{
    if (!doc || (!bytes && len))
        return refuse(doc ? doc->db : nullptr, MINUTES_BAD_ARGUMENT, "no document or no data");
    return guarded(doc->db, [&] {
        doc->doc.set_data(std::string(static_cast<const char *>(bytes), len));
        return MINUTES_OK;
    });
}

/* ---- queries ------------------------------------------------------------------------------ */

static bool
all_space(const char *s)
{
    for (; *s; s++)
        if (!std::strchr(" \t\n\r\f\v", *s))
            return false;
    return true;
}

struct xap_terms {
    std::vector<std::string> terms;
};

/* Not guarded: no database to report on, and the one thing that can fail is memory. */
extern "C" minutes_status
xap_terms_add(xap_terms *terms, const char *term)
{
    if (!terms || !term)
        return MINUTES_BAD_ARGUMENT;
    try {
        terms->terms.emplace_back(term);
        return MINUTES_OK;
    } catch (...) {
        return MINUTES_NO_MEMORY;
    }
}

namespace {

/* A prefixed field of the query ("board:cabinet"): the C side expands the value into the
 * boolean terms it stands for, which become an OR; the parser makes that a filter. A value
 * that cannot be expanded is recorded in `error` rather than thrown: Xapian's parser leaks
 * its state when a field processor throws. */
class field_expander : public Xapian::FieldProcessor {
  public:
    field_expander(std::string prefix, const xap_parse_fields *fields, std::string *error)
        : prefix_(std::move(prefix)), fields_(*fields), error_(error)
    {
    }

    Xapian::Query
    operator()(const std::string &value) override
    {
        xap_terms terms;
        char *message = nullptr;
        minutes_status st =
            fields_.expand(fields_.ctx, prefix_.c_str(), value.c_str(), &terms, &message);
        if (st != MINUTES_OK && error_->empty())
            *error_ = message ? message : minutes_status_str(st);
        std::free(message);
        if (st != MINUTES_OK || terms.terms.empty())
            return Xapian::Query::MatchNothing;
        std::vector<Xapian::Query> any(terms.terms.begin(), terms.terms.end());
        return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
    }

  private:
    std::string prefix_;
    xap_parse_fields fields_;
    std::string *error_;
};

} // namespace

/* Xapian 1.4's query parser leaks the value of a NEAR/n or ADJ/n operator (96 bytes) when
 * a syntax error ("a OR NEAR/2 b", "-a-b NEAR/2 c") is found with that operator next in
 * line - also when it then quietly parses the text again without operators. Plain NEAR and
 * ADJ carry no value, and give the parser the same tokens otherwise; so text with NEAR/n or
 * ADJ/n operators is first parsed with them as NEAR and ADJ, and only if that succeeds, with
 * operators (the result is not what the text means without them), is it parsed as written. */
enum near_widths { NO_WIDTHS, WIDTHS_STRIPPED, WIDTHS_UNSURE };

/* Set `out` to `text` with the widths of NEAR/n and ADJ/n operators blanked out. UNSURE
 * when the parser's reading of one cannot be told from the bytes around it (non-ASCII
 * characters, punctuation other than '(' before it, a width of many digits). */
static near_widths
strip_near_widths(const char *text, std::string &out)
{
    near_widths found = NO_WIDTHS;
    for (const char *p = text; (p = std::strpbrk(p, "AN")) != nullptr; p++) {
        size_t n = std::strncmp(p, "NEAR/", 5) == 0 ? 5 : std::strncmp(p, "ADJ/", 4) == 0 ? 4 : 0;
        if (n == 0 || !(p[n] >= '0' && p[n] <= '9'))
            continue;
        const char *digits = p + n, *after = digits;
        bool width = false;
        while (*after >= '0' && *after <= '9')
            width |= *after++ != '0';
        if (!width)
            continue; /* NEAR/0: a word */
        const unsigned char before = p > text ? static_cast<unsigned char>(p[-1]) : ' ';
        if (std::isalnum(before) || before == '_')
            continue; /* the end of a longer word */
        if (*after && !std::strchr(" \t\n\r\f\v", *after)) {
            if (static_cast<unsigned char>(*after) >= 0x80)
                return WIDTHS_UNSURE; /* Unicode white space or not? */
            continue;                 /* NEAR/2x: words */
        }
        if (!(before == '(' || std::strchr(" \t\n\r\f\v", before)) || after - digits > 9)
            return WIDTHS_UNSURE;
        if (found == NO_WIDTHS)
            out = text;
        found = WIDTHS_STRIPPED;
        out.replace(size_t(p - text) + n - 1, size_t(after - digits) + 1,
                    size_t(after - digits) + 1, ' ');
    }
    return found;
}

/* Operators that take nothing but their subqueries, so can be built again from them. */
static bool
plain_operator(Xapian::Query::op op)
{
    switch (op) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: return true;
    default: return false;
    }
}

/* What the parser made of the text, made into what the text means: the synonyms it found
 * turned into phrases of their words, and closed compounds given their parts. */
class rewriter {
  public:
    rewriter(xap_db *db, unsigned flags, const xap_parse_fields *fields)
    {
        words_.set_stemmer(db->stem);
        words_.set_stemming_strategy((flags & XAP_PARSE_EXACT) ? Xapian::QueryParser::STEM_NONE
                                                               : Xapian::QueryParser::STEM_ALL_Z);
        synonyms_ = (flags & XAP_PARSE_SYNONYMS) != 0;
        if (!fields)
            return;
        std::vector<std::string> prefixes(1, "");
        for (size_t i = 0; i < fields->text_count; i++)
            prefixes.emplace_back(fields->text_prefixes[i]);
        for (size_t i = 0; i < fields->compound_count; i++) {
            const std::string compound = fields->compounds[i];
            const std::string word = closed_word(compound);
            std::string parts = compound;
            std::replace(parts.begin(), parts.end(), '-', ' ');
            /* The term the parser makes of the closed word, in the text or after a prefix. */
            for (const std::string &prefix : prefixes) {
                const std::string term =
                    (flags & XAP_PARSE_EXACT) ? prefix + word : "Z" + prefix + db->stem(word);
                compounds_[term] = std::make_pair(prefix, parts);
            }
        }
    }

    Xapian::Query
    operator()(const Xapian::Query &q)
    {
        const Xapian::Query::op op = q.get_type();
        const size_t n = q.get_num_subqueries();
        if (op == Xapian::Query::LEAF_TERM) {
            const auto it = compounds_.find(*q.get_terms_begin());
            if (it == compounds_.end())
                return q;
            return Xapian::Query(Xapian::Query::OP_SYNONYM, q,
                                 phrase(it->second.second, it->second.first));
        }
        if (op == Xapian::Query::OP_SYNONYM && synonyms_)
            return expand_synonyms(q);
        if (op == Xapian::Query::OP_PHRASE)
            return compound_phrases(q);
        if (n == 0 || !plain_operator(op))
            return q;
        std::vector<Xapian::Query> parts;
        for (size_t i = 0; i < n; i++)
            parts.push_back((*this)(q.get_subquery(i)));
        return Xapian::Query(op, parts.begin(), parts.end());
    }

  private:
    /* The words of `text` as one phrase (one term for one word) of terms with `prefix`,
     * stemmed as the query is. */
    Xapian::Query
    phrase(const std::string &text, const std::string &prefix)
    {
        std::string quoted(1, '"');
        for (char c : text)
            quoted += c == '"' ? ' ' : c;
        quoted += '"';
        return words_.parse_query(quoted, Xapian::QueryParser::FLAG_PHRASE, prefix);
    }

    /* The parser's synonym expansion: its words first, then a term for each synonym whose
     * "term" is the synonym's text - the words of an expression of the table
     * (xap_db_add_synonyms), each made here a phrase of them. Xapian 1.4 also wraps a group
     * of words that only begins a key in a synonym of its own: that is the group. */
    Xapian::Query
    expand_synonyms(const Xapian::Query &q)
    {
        const size_t n = q.get_num_subqueries();
        if (n == 1)
            return (*this)(q.get_subquery(0));
        std::vector<Xapian::Query> parts(1, (*this)(q.get_subquery(0)));
        for (size_t i = 1; i < n; i++) {
            const Xapian::Query sub = q.get_subquery(i);
            parts.push_back(sub.get_type() == Xapian::Query::LEAF_TERM
                                ? phrase(*sub.get_terms_begin(), "")
                                : (*this)(sub));
        }
        return Xapian::Query(Xapian::Query::OP_SYNONYM, parts.begin(), parts.end());
    }

    /* A phrase (only a tight one: a quoted phrase, a hyphenated word, not ADJ) that holds
     * closed compounds: the same phrase with each compound closed or in its parts, every
     * way for up to three compounds, else all closed or all parts. */
    Xapian::Query
    compound_phrases(const Xapian::Query &q)
    {
        const size_t n = q.get_num_subqueries();
        std::vector<Xapian::Query> terms;
        std::vector<size_t> at;
        for (size_t i = 0; i < n; i++) {
            const Xapian::Query sub = q.get_subquery(i);
            if (sub.get_type() != Xapian::Query::LEAF_TERM)
                return q;
            if (compounds_.count(*sub.get_terms_begin()))
                at.push_back(i);
            terms.push_back(sub);
        }
        const Xapian::Query tight(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
        if (at.empty() || tight.get_description() != q.get_description())
            return q;
        const size_t k = at.size();
        const unsigned long ways = k <= 3 ? 1ul << k : 2;
        std::vector<Xapian::Query> variants;
        for (unsigned long way = 0; way < ways; way++) {
            std::vector<Xapian::Query> words;
            for (size_t i = 0, c = 0; i < n; i++) {
                const bool compound = c < k && at[c] == i;
                const bool open = compound && (k <= 3 ? (way >> c & 1) : way == 1);
                c += compound;
                if (!open) {
                    words.push_back(terms[i]);
                    continue;
                }
                const auto &parts = compounds_[*terms[i].get_terms_begin()];
                const Xapian::Query p = phrase(parts.second, parts.first);
                if (p.get_type() == Xapian::Query::LEAF_TERM)
                    words.push_back(p);
                for (size_t j = 0; j < p.get_num_subqueries(); j++)
                    words.push_back(p.get_subquery(j));
            }
            variants.emplace_back(Xapian::Query::OP_PHRASE, words.begin(), words.end());
        }
        return Xapian::Query(Xapian::Query::OP_SYNONYM, variants.begin(), variants.end());
    }

    Xapian::QueryParser words_;
    bool synonyms_ = false;
    std::map<std::string, std::pair<std::string, std::string>> compounds_;
};

static Xapian::Query
parse_as(xap_db *db, const char *text, unsigned flags, const xap_parse_fields *fields)
{
    if (all_space(text))
        return Xapian::Query::MatchAll;
    Xapian::QueryParser qp;
    std::string field_error;
    /* "board:" is two words of a fixed phrase; its compounds are still compounds. */
    const xap_parse_fields *prefixed = (flags & XAP_PARSE_FIXED) ? nullptr : fields;
    for (size_t i = 0; prefixed && i < prefixed->count; i++)
        qp.add_boolean_prefix(
            prefixed->prefixes[i],
            (new field_expander(prefixed->prefixes[i], prefixed, &field_error))->release());
    for (size_t i = 0; prefixed && i < prefixed->text_count; i++)
        qp.add_prefix(prefixed->text_fields[i], prefixed->text_prefixes[i]);
    qp.set_stemmer(db->stem);
    qp.set_database(db->reader()); /* wildcards and synonyms come from the index */
    qp.set_max_expansion(MAX_WILDCARD_TERMS, Xapian::Query::WILDCARD_LIMIT_ERROR,
                         Xapian::QueryParser::FLAG_WILDCARD);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.set_stemming_strategy((flags & XAP_PARSE_EXACT) ? Xapian::QueryParser::STEM_NONE
                                                       : Xapian::QueryParser::STEM_ALL_Z);
    rewriter rewrite(db, flags, fields);
    if (flags & XAP_PARSE_FIXED) {
        /* One phrase of every word: quote the text, its own quotes becoming spaces. With only
         * FLAG_PHRASE nothing else in it is syntax (no operators, brackets, +/-, wildcards). */
        std::string quoted(1, '"');
        for (const char *p = text; *p; p++)
            quoted += *p == '"' ? ' ' : *p;
        quoted += '"';
        return rewrite(qp.parse_query(quoted, Xapian::QueryParser::FLAG_PHRASE));
    }
    /* Literal: no flags, so operators, quotes, brackets, +/- and '*' are words or nothing;
     * field prefixes are still recognised. */
    const unsigned qp_flags =
        (flags & XAP_PARSE_LITERAL)
            ? 0u
            : unsigned(Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                       Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                       Xapian::QueryParser::FLAG_PURE_NOT);
    const unsigned synonym_flags =
        (flags & XAP_PARSE_SYNONYMS) ? unsigned(Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                                                Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS)
                                     : 0u;
    if (qp_flags) {
        std::string stripped;
        switch (strip_near_widths(text, stripped)) {
        case WIDTHS_UNSURE: throw Xapian::QueryParserError("Syntax: NEAR/n or ADJ/n out of place");
        case WIDTHS_STRIPPED: {
            /* Throws where the text would; without operators where the text would be. */
            const std::string full = qp.parse_query(stripped, qp_flags).get_description();
            if (!field_error.empty())
                throw Xapian::QueryParserError(field_error);
            if (full == qp.parse_query(stripped, 0).get_description())
                throw Xapian::QueryParserError("Syntax: NEAR/n or ADJ/n out of place");
            break;
        }
        case NO_WIDTHS: break;
        }
    }
    Xapian::Query query = qp.parse_query(text, qp_flags | synonym_flags);
    if (!field_error.empty())
        throw Xapian::QueryParserError(field_error);
    return rewrite(query);
}

/* The index has positions for stems only, so an exact phrase (or NEAR) of words as written
 * is matched as its words, all of them, filtered by the same phrase of their stems; the
 * words weigh as the phrase did (a phrase weighs as the sum of its terms). `exact`
 * and `stemmed` are the same text parsed without and with stemming: two trees of the same
 * shape, whose positional parts are paired here. A phrase under an operator with a
 * parameter of its own (none that the parser makes) is left as it was. */
static Xapian::Query
exact_phrases(const Xapian::Query &exact, const Xapian::Query &stemmed)
{
    const Xapian::Query::op op = exact.get_type();
    const size_t n = exact.get_num_subqueries();
    if (stemmed.get_type() != op || stemmed.get_num_subqueries() != n)
        return exact;
    if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR) {
        std::vector<Xapian::Query> words;
        for (Xapian::TermIterator t = exact.get_unique_terms_begin();
             t != exact.get_unique_terms_end(); ++t)
            words.emplace_back(*t);
        return Xapian::Query(Xapian::Query::OP_FILTER,
                             Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()),
                             stemmed);
    }
    if (n == 0 || !plain_operator(op))
        return exact;
    std::vector<Xapian::Query> parts;
    for (size_t i = 0; i < n; i++)
        parts.push_back(exact_phrases(exact.get_subquery(i), stemmed.get_subquery(i)));
    return Xapian::Query(op, parts.begin(), parts.end());
}

/* Parse `text` into q->query; an exact query keeps its words as written for highlighting. */
static void
parse(xap_query &q, const char *text, unsigned flags, const xap_parse_fields *fields = nullptr)
{
    q.query = parse_as(q.db, text, flags, fields);
    if (!(flags & XAP_PARSE_EXACT))
        return;
    q.highlight = q.query;
    q.query = exact_phrases(q.query, parse_as(q.db, text, flags & ~XAP_PARSE_EXACT, fields));
}

extern "C" minutes_status
xap_query_parse(xap_db *db, const char *text, unsigned flags, xap_query **out)
{
    if (out)
        *out = nullptr;
    if (!db || !text || !out)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, query text or result pointer");
    return guarded(db, [&] {
        std::unique_ptr<xap_query> q(new xap_query{db, Xapian::Query(), Xapian::Query()});
        parse(*q, text, flags);
        *out = q.release();
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_query_parse_fields(xap_db *db, const char *text, unsigned flags,
                       const xap_parse_fields *fields, xap_query **out)
{
    if (out)
        *out = nullptr;
    if (!db || !text || !out || (fields && fields->count && (!fields->prefixes || !fields->expand)))
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, query text or result pointer");
    return guarded(db, [&] {
        std::unique_ptr<xap_query> q(new xap_query{db, Xapian::Query(), Xapian::Query()});
        parse(*q, text, flags, fields);
        *out = q.release();
        return MINUTES_OK;
    });
}

extern "C" void
xap_query_destroy(xap_query *query)
{
    delete query;
}

extern "C" minutes_status
xap_query_filter_terms(xap_query *query, const char *const *terms, size_t n)
{
    if (!query || (!terms && n))
        return refuse(query ? query->db : nullptr, MINUTES_BAD_ARGUMENT, "no query or no terms");
    return guarded(query->db, [&] {
        if (n == 0)
            return MINUTES_OK;
        std::vector<Xapian::Query> any;
        for (size_t i = 0; i < n; i++) {
            if (!terms[i])
                return refuse(query->db, MINUTES_BAD_ARGUMENT, "a filter term is NULL");
            any.emplace_back(terms[i]);
        }
        /* OP_FILTER: the right side restricts matches but adds nothing to their weight. */
        query->query = Xapian::Query(Xapian::Query::OP_FILTER, query->query,
                                     Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end()));
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_query_describe(const xap_query *query, char **out)
{
    if (out)
        *out = nullptr;
    if (!query || !out)
        return refuse(query ? query->db : nullptr, MINUTES_BAD_ARGUMENT,
                      "no query or no result pointer");
    return guarded(query->db, [&] {
        *out = dup_string(query->query.get_description());
        return MINUTES_OK;
    });
}

/* ---- running a query ---------------------------------------------------------------------- */

/* MSet::snippet() highlights a phrase only where its terms appear verbatim in the text, so a
 * phrase of "Z" stems (STEM_ALL_Z) is never highlighted. For the snippet, such phrases are
 * loosened into their separate stem terms, which the snippet matches word by word through the
 * stemmer. Collects into `parts` every piece of `q` that matters to highlighting (terms,
 * wildcards, phrases); returns true if some stemmed phrase was loosened. */
static bool
loosen_stem_phrases(const Xapian::Query &q, std::vector<Xapian::Query> &parts)
{
    const Xapian::Query::op op = q.get_type();
    if (op == Xapian::Query::LEAF_TERM || op == Xapian::Query::OP_WILDCARD) {
        parts.push_back(q);
        return false;
    }
    if (op == Xapian::Query::OP_PHRASE) {
        bool stemmed = false;
        for (Xapian::TermIterator t = q.get_terms_begin(); t != q.get_terms_end(); ++t)
            stemmed |= (*t)[0] == 'Z';
        if (!stemmed) {
            parts.push_back(q);
            return false;
        }
    }
    bool loosened = op == Xapian::Query::OP_PHRASE;
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        loosened |= loosen_stem_phrases(q.get_subquery(i), parts);
    return loosened;
}

/* Xapian counts in Xapian::doccount; clamp the C side's size_t. */
static Xapian::doccount
clamp_count(size_t n)
{
    const Xapian::doccount max = std::numeric_limits<Xapian::doccount>::max();
    return n > max ? max : static_cast<Xapian::doccount>(n);
}

/* The options' slots, checked before any work: NULL if all are usable, else why not. */
static const char *
check_options(const xap_run_options *opt)
{
    if (opt->sort_by_value && opt->sort_slot == Xapian::BAD_VALUENO)
        return "invalid sort value slot";
    if (opt->collapse && opt->collapse_slot == Xapian::BAD_VALUENO)
        return "invalid collapse value slot";
    if (opt->count_slot_count && !opt->count_slots)
        return "no count slots";
    for (size_t i = 0; i < opt->count_slot_count; i++)
        if (opt->count_slots[i] == Xapian::BAD_VALUENO)
            return "invalid count value slot";
    return nullptr;
}

/* The count of `slot` in the set, or NULL if it was not asked for. */
static const xap_count *
find_count(const xap_mset *ms, Xapian::valueno slot)
{
    for (const xap_count &c : ms->counts)
        if (c.slot == slot)
            return &c;
    return nullptr;
}

/* One attempt at the match: may throw DatabaseModifiedError. Every attempt builds its own
 * set, so value counts never carry over from a failed one. */
static std::unique_ptr<xap_mset>
run_once(xap_db *db, const xap_query *query, const xap_run_options *opt)
{
    std::unique_ptr<xap_mset> ms(new xap_mset(db, db->reader()));
    ms->enquire.set_weighting_scheme(Xapian::BM25Weight());
    ms->enquire.set_query(query->query);
    if (opt->sort_by_value)
        ms->enquire.set_sort_by_value_then_relevance(opt->sort_slot, opt->sort_descending != 0);
    if (opt->collapse)
        ms->enquire.set_collapse_key(opt->collapse_slot);
    ms->counts.reserve(opt->count_slot_count);
    for (size_t i = 0; i < opt->count_slot_count; i++) {
        const Xapian::valueno slot = opt->count_slots[i];
        if (find_count(ms.get(), slot))
            continue; /* a repeated slot is counted once */
        ms->counts.push_back(xap_count{slot, std::make_unique<Xapian::ValueCountMatchSpy>(slot)});
        ms->enquire.add_matchspy(ms->counts.back().spy.get());
    }
    ms->mset = ms->enquire.get_mset(clamp_count(opt->offset), clamp_count(opt->limit),
                                    clamp_count(opt->check_at_least));
    /* fetch() is only a prefetch hint; Xapian 1.4's MSet::fetch() indexes out of bounds
     * when the set does not start at rank 0, so it is skipped then. */
    if (ms->mset.get_firstitem() == 0)
        ms->mset.fetch();
    ms->data.reserve(ms->mset.size());
    for (Xapian::MSetIterator it = ms->mset.begin(); it != ms->mset.end(); ++it)
        ms->data.push_back(it.get_document().get_data());

    /* The MSet shares the Enquire, so its snippets now use the query to highlight - the
     * words as written of an exact query, or the loosened one - while the term weights they
     * need come from the match already run. */
    std::vector<Xapian::Query> parts;
    if (!query->highlight.empty())
        ms->enquire.set_query(query->highlight);
    else if (loosen_stem_phrases(query->query, parts))
        ms->enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()));
    return ms;
}

extern "C" minutes_status
xap_query_run(xap_db *db, const xap_query *query, const xap_run_options *opt, xap_mset **out)
{
    if (out)
        *out = nullptr;
    if (!db || !query || !opt || !out)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, query, options or result pointer");
    return guarded(db, [&] {
        if (const char *why = check_options(opt))
            return refuse(db, MINUTES_BAD_ARGUMENT, why);
        for (int attempt = 0;; attempt++) {
            try {
                *out = run_once(db, query, opt).release();
                return MINUTES_OK;
            } catch (const Xapian::DatabaseModifiedError &) {
                /* A writer committed twice since we opened: read its latest commit. */
                if (attempt == MODIFIED_RETRIES)
                    throw;
                reopen(db);
            }
        }
    });
}

extern "C" void
xap_mset_destroy(xap_mset *mset)
{
    delete mset;
}

extern "C" size_t
xap_mset_size(const xap_mset *mset)
{
    return mset ? mset->mset.size() : 0;
}

extern "C" size_t
xap_mset_estimate(const xap_mset *mset)
{
    return mset ? mset->mset.get_matches_estimated() : 0;
}

extern "C" minutes_status
xap_mset_get(const xap_mset *mset, size_t i, xap_match *out)
{
    if (!mset || !out)
        return refuse(mset ? mset->db : nullptr, MINUTES_BAD_ARGUMENT,
                      "no match set or no result pointer");
    return guarded(mset->db, [&] {
        if (i >= mset->data.size())
            return refuse(mset->db, MINUTES_BAD_ARGUMENT, "match index out of range");
        const Xapian::MSetIterator it = mset->mset[clamp_count(i)];
        out->rank = it.get_rank();
        out->weight = it.get_weight();
        out->percent = it.get_percent();
        out->docid = *it;
        out->data = mset->data[i].c_str();
        out->data_len = mset->data[i].size();
        out->collapse_count = it.get_collapse_count();
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_mset_each_count(const xap_mset *mset, unsigned slot,
                    int (*fn)(void *ctx, const char *value, size_t len, unsigned long count),
                    void *ctx)
{
    if (!mset || !fn)
        return refuse(mset ? mset->db : nullptr, MINUTES_BAD_ARGUMENT,
                      "no match set or no callback");
    return guarded(mset->db, [&] {
        const xap_count *c = find_count(mset, slot);
        if (!c)
            return refuse(mset->db, MINUTES_BAD_ARGUMENT, "value slot was not counted");
        const Xapian::ValueCountMatchSpy &spy = *c->spy;
        for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
            const std::string value = *it;
            if (fn(ctx, value.c_str(), value.size(), it.get_termfreq()))
                break;
        }
        return MINUTES_OK;
    });
}

/* Undo the HTML escaping of MSet::snippet() in one left-to-right pass, so text that itself
 * contained "&amp;" (escaped to "&amp;amp;") comes back unchanged. The highlight and omit
 * markers are inserted unescaped; they must not contain '&'. */
static std::string
unescape_html(const std::string &s)
{
    static const struct {
        const char *entity;
        char ch;
    } entities[] = {{"&amp;", '&'},  {"&lt;", '<'},   {"&gt;", '>'},
                    {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        bool replaced = false;
        if (s[i] == '&') {
            for (const auto &e : entities) {
                const size_t n = std::strlen(e.entity);
                if (s.compare(i, n, e.entity) == 0) {
                    out += e.ch;
                    i += n;
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced)
            out += s[i++];
    }
    return out;
}

extern "C" minutes_status
xap_mset_snippet(const xap_mset *mset, const char *text, size_t len, size_t length,
                 const char *hi_start, const char *hi_end, const char *omit, char **out)
{
    if (out)
        *out = nullptr;
    if (!mset || (!text && len) || !out)
        return refuse(mset ? mset->db : nullptr, MINUTES_BAD_ARGUMENT,
                      "no match set, text or result pointer");
    return guarded(mset->db, [&] {
        const std::string snip = mset->mset.snippet(
            std::string(text ? text : "", len), length, mset->db->snippet_stem, SNIPPET_FLAGS,
            hi_start ? hi_start : "", hi_end ? hi_end : "", omit ? omit : "");
        *out = dup_string(unescape_html(snip));
        return MINUTES_OK;
    });
}
