/* xap-db.cc - the shim's database side: handles and their errors, opening, merging and
 * switching in index databases, transactions, metadata, terms, synonyms and documents. With
 * xap-query.cc the only code that includes Xapian headers; no exception ever leaves it.
 *
 * The index schema is decided by the C side and written down at the top of schema.c.
 *
 * Transactions are flushed (begin_transaction(true)): each committed transaction - a batch
 * of whole files - is durable when xap_db_commit returns.
 */
#include "xap-internal.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <new>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

struct xap_doc {
    xap_db *db;
    Xapian::Document doc;
    Xapian::TermGenerator tg;
};

/* Gap in term positions between consecutive xap_doc_index_text calls, so that phrases do
 * not match across them. */
static const Xapian::termpos TEXT_GAP = 100;

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
    } catch (const Xapian::UnimplementedError &e) {
        /* What a remote index cannot do (a match decider: -s/--case-sensitive). */
        msg = "not possible here: " + e.get_msg();
        return MINUTES_BAD_ARGUMENT;
    } catch (const Xapian::NetworkError &e) {
        msg = e.get_msg();
        if (e.get_error_string())
            msg += std::string(" (") + e.get_error_string() + ")";
        return MINUTES_IO_ERROR;
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

minutes_status
classify_safely(std::string &msg, const char *open_path) noexcept
{
    try {
        return classify(msg, open_path);
    } catch (...) {
        msg.clear();
        return MINUTES_NO_MEMORY;
    }
}

minutes_status
fail(xap_db *db) noexcept
{
    std::string msg;
    minutes_status st = classify_safely(msg, nullptr);
    if (db)
        db->errmsg.swap(msg);
    return st;
}

minutes_status
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

char *
dup_string(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

void
give_errmsg(char **errmsg, const std::string &msg) noexcept
{
    if (errmsg)
        *errmsg = strdup(msg.c_str());
}

/* ---- databases ---------------------------------------------------------------------------- */

/* Times a reader tries to open an index whose database is being switched (see the index
 * directory, below): the stub it read may name a generation just removed. */
static const int OPEN_TRIES = 10;

Xapian::Database
open_reader(const char *path)
{
    for (int attempt = 1;; attempt++) {
        try {
            return Xapian::Database(path);
        } catch (const Xapian::DatabaseNotFoundError &) {
            /* No index at all: nothing to wait for. But a stub read just before a switch
             * names a generation removed since: open the new stub. */
            struct stat sb;
            if (attempt == OPEN_TRIES || stat((std::string(path) + "/XAPIANDB").c_str(), &sb) != 0)
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

/* Open `path` in `mode` on db (the default backend, glass). */
static void
open_handle(xap_db *db, const char *path, xap_mode mode)
{
    if (mode == XAP_READ) {
        db->ro = open_reader(path);
        return;
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

/* A compaction that tells its caller which table it starts on. Xapian calls set_status
 * with an empty status as it starts a table and with a note ("done", "doesn't exist") as
 * it ends it; only the starts are passed on. */
class ReportingCompactor : public Xapian::Compactor {
  public:
    ReportingCompactor(xap_compact_status_fn *status, void *ctx) : status_(status), ctx_(ctx) {}
    void set_status(const std::string &table, const std::string &status) override
    {
        if (status_ && status.empty())
            status_(ctx_, table.c_str());
    }

  private:
    xap_compact_status_fn *status_;
    void *ctx_;
};

extern "C" minutes_status
xap_compact_reporting(const char *const *sources, size_t count, const char *dest,
                      xap_compact_status_fn *status, void *ctx, char **errmsg)
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
        ReportingCompactor compactor(status, ctx);
        all.compact(dest, Xapian::Compactor::FULL, 0, compactor);
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_compact(const char *const *sources, size_t count, const char *dest, char **errmsg)
{
    return xap_compact_reporting(sources, count, dest, nullptr, nullptr, errmsg);
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

/* ---- reading and writing a database ------------------------------------------------------- */

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

/* A reader opens its path again rather than calling Database::reopen(): a database switched
 * in whole (see the index directory, above) is a new database, which reopen() would not
 * find. */
void
rejoin(xap_db *db)
{
    Xapian::Database all;
    for (const xap_shard &shard : db->shards)
        all.add_database(shard.db);
    db->ro = all;
}

void
reopen(xap_db *db)
{
    if (db->writable) {
        db->rw.reopen();
    } else if (db->shards.empty()) {
        open_handle(db, db->path.c_str(), XAP_READ);
    } else { /* each database again, a local one by path, a remote one on its connection */
        for (xap_shard &shard : db->shards) {
            if (shard.path.empty())
                shard.db.reopen();
            else
                shard.db = open_reader(shard.path.c_str());
        }
        rejoin(db);
    }
}

extern "C" minutes_status
xap_db_reopen(xap_db *db)
{
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

/* ---- synonyms ----------------------------------------------------------------------------- */

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
         * the same text, which parsing reads back as its words (expand_synonyms,
         * in xap-query.cc). */
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

/* ---- folding ------------------------------------------------------------------------------ */

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

std::string
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

/* ---- the spelling table ------------------------------------------------------------------- */

/* Whether an index term is a word worth suggesting: an unprefixed term (a lower-case word as
 * written: schema.c) of two bytes or more, letters only (non-ASCII bytes count as letters),
 * so numbers, dates and minute numbers are never suggested. */
static bool
is_spelling_word(const std::string &term)
{
    if (term.size() < 2)
        return false;
    for (unsigned char c : term)
        if (!((c >= 'a' && c <= 'z') || c >= 0x80))
            return false;
    return true;
}

extern "C" minutes_status
xap_db_sync_spelling(xap_db *db, unsigned long *changed)
{
    if (changed)
        *changed = 0;
    return guarded(db, [&] {
        if (check_writable(db) != MINUTES_OK)
            return MINUTES_BAD_ARGUMENT;
        Xapian::WritableDatabase &w = db->rw;
        /* Prefixes are capitals and words start with a small letter or a non-ASCII byte, so
         * the words are the terms from "a" on: the prefixed terms (ids, stems, filters) are
         * never walked. Both lists are in byte order and are merged. */
        Xapian::TermIterator term = w.allterms_begin(), terms_end = w.allterms_end();
        term.skip_to("a");
        Xapian::TermIterator spell = w.spellings_begin(), spells_end = w.spellings_end();
        std::vector<std::pair<std::string, long long>> changes;
        auto next_word = [&] {
            while (term != terms_end && !is_spelling_word(*term))
                ++term;
        };
        next_word();
        while (term != terms_end || spell != spells_end) {
            std::string word;
            long long want = 0, have = 0;
            if (spell == spells_end || (term != terms_end && *term < *spell)) {
                word = *term;
                want = term.get_termfreq();
                ++term;
            } else if (term == terms_end || *spell < *term) {
                word = *spell;
                have = spell.get_termfreq();
                ++spell;
            } else {
                word = *term;
                want = term.get_termfreq();
                have = spell.get_termfreq();
                ++term;
                ++spell;
            }
            next_word();
            if (want != have)
                changes.emplace_back(word, want - have);
        }
        for (const auto &c : changes) {
            if (c.second > 0)
                w.add_spelling(c.first, Xapian::termcount(c.second));
            else
                w.remove_spelling(c.first, Xapian::termcount(-c.second));
        }
        if (!changes.empty() && !db->in_txn)
            w.commit();
        if (changed)
            *changed = (unsigned long)changes.size();
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_db_spelling_frequency(xap_db *db, const char *word, unsigned long *out)
{
    if (!db || !word || !out)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, word or result pointer");
    return guarded(db, [&] {
        *out = 0;
        Xapian::Database &rd = db->reader();
        Xapian::TermIterator it = rd.spellings_begin();
        it.skip_to(word);
        if (it != rd.spellings_end() && *it == word)
            *out = it.get_termfreq();
        return MINUTES_OK;
    });
}
