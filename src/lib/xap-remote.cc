/* xap-remote.cc - the shim's remote and joined databases: an index served by xapian-tcpsrv
 * or xapian-progsrv, and several databases read as one (see xap.h). Xapian's remote
 * backend is the distributed engine: a joined handle's searches merge the statistics of
 * every database, local or remote, so ranking is that of one index.
 */
#include "xap-internal.h"

#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

/* Milliseconds left until `deadline` (a CLOCK_MONOTONIC time in ms), at least 0. */
static int
left_ms(long long deadline)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    const long long ms = deadline - (now.tv_sec * 1000LL + now.tv_nsec / 1000000);
    return ms > 0 ? int(ms) : 0;
}

/* Whether one socket to `ai` connects and receives the server's greeting by `deadline`;
 * if not, why, and *late says whether it was for want of time. */
static bool
greets(const struct addrinfo *ai, long long deadline, std::string &why, bool *late)
{
    const int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                          ai->ai_protocol);
    if (fd < 0) {
        why = std::strerror(errno);
        return false;
    }
    bool ok = false;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 || errno == EINPROGRESS) {
        struct pollfd p = {fd, POLLOUT, 0};
        int err = 0;
        socklen_t len = sizeof err;
        if (poll(&p, 1, left_ms(deadline)) != 1) {
            why = "no connection";
            *late = true;
        } else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
            why = std::strerror(err ? err : errno);
        } else {
            p = {fd, POLLIN, 0};
            char byte;
            if (poll(&p, 1, left_ms(deadline)) != 1) {
                why = "connected, but the server did not answer";
                *late = true;
            } else if (recv(fd, &byte, 1, 0) != 1) {
                why = "the connection was closed without an answer";
            } else {
                ok = true;
                /* The rest of the greeting read too, the connection ends as a client's
                 * does, not as an error in the server's log. */
                char rest[512];
                while (recv(fd, rest, sizeof rest, MSG_DONTWAIT) > 0) {
                }
                shutdown(fd, SHUT_WR);
            }
        }
    } else {
        why = std::strerror(errno);
    }
    close(fd);
    return ok;
}

/* Xapian bounds a remote database's exchanges by its timeout, but not the wait for the
 * server's first message: a server that accepts and never answers (stopped, overloaded)
 * would hang the open. So the server is asked first on a connection of our own, which must
 * bring its greeting within the timeout. */
static void
check_server_answers(const char *host, unsigned port, unsigned timeout_ms)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    const long long deadline = now.tv_sec * 1000LL + now.tv_nsec / 1000000 + timeout_ms;
    struct addrinfo hints;
    std::memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    struct addrinfo *found = nullptr;
    const std::string service = std::to_string(port);
    const int gai = getaddrinfo(host, service.c_str(), &hints, &found);
    if (gai != 0)
        throw Xapian::NetworkError(std::string("cannot find host '") + host +
                                   "': " + gai_strerror(gai));
    std::string why = "no address";
    bool ok = false, late = false;
    for (const struct addrinfo *ai = found; ai && !ok; ai = ai->ai_next)
        ok = greets(ai, deadline, why, &late);
    freeaddrinfo(found);
    if (!ok && late)
        throw Xapian::NetworkTimeoutError(why + " within " + std::to_string(timeout_ms) +
                                          " ms (--timeout)");
    if (!ok)
        throw Xapian::NetworkError(why);
}

/* Xapian runs the program with its end of a socket pair as standard input and output; when
 * this process has one of its standard descriptors closed, the pair takes its number and
 * the program's copy of it is lost (the server then never answers). So a closed standard
 * descriptor is first held open on /dev/null. */
static void
keep_standard_fds_open()
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            const int held = open("/dev/null", O_RDWR | O_CLOEXEC);
            if (held >= 0 && held != fd)
                close(held); /* a lower one was free after all */
        }
}

extern "C" minutes_status
xap_db_open_remote(const xap_remote *remote, unsigned timeout_ms, xap_db **out, char **errmsg)
{
    if (errmsg)
        *errmsg = nullptr;
    if (!out || !remote || (!remote->program && (!remote->host || !remote->port)))
        return MINUTES_BAD_ARGUMENT;
    *out = nullptr;
    const char *none = nullptr;
    return guarded_path(errmsg, none, [&] {
        std::unique_ptr<xap_db> db(new xap_db());
        /* Xapian 1.4 takes these timeouts in milliseconds (though typed useconds_t). */
        if (remote->program) {
            keep_standard_fds_open();
            db->ro = Xapian::Remote::open(remote->program, remote->args ? remote->args : "",
                                          timeout_ms);
        } else {
            check_server_answers(remote->host, remote->port, timeout_ms);
            db->ro = Xapian::Remote::open(remote->host, remote->port, timeout_ms, timeout_ms);
        }
        db->shards.push_back(xap_shard{db->ro, ""});
        *out = db.release();
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_db_join(xap_db **dbs, size_t count, xap_db **out, char **errmsg)
{
    if (errmsg)
        *errmsg = nullptr;
    if (out)
        *out = nullptr;
    const char *none = nullptr;
    const minutes_status st = guarded_path(errmsg, none, [&] {
        if (!out || !dbs || !count)
            return MINUTES_BAD_ARGUMENT;
        std::unique_ptr<xap_db> all(new xap_db());
        for (size_t i = 0; i < count; i++) {
            xap_db *db = dbs[i];
            if (!db || db->writable)
                return MINUTES_BAD_ARGUMENT;
            if (db->shards.empty())
                all->shards.push_back(xap_shard{db->ro, db->path});
            else
                all->shards.insert(all->shards.end(), db->shards.begin(), db->shards.end());
        }
        rejoin(all.get());
        all->fold = dbs[0]->fold;
        all->snippet_stem = dbs[0]->snippet_stem;
        *out = all.release();
        return MINUTES_OK;
    });
    for (size_t i = 0; dbs && i < count; i++)
        delete dbs[i]; /* not closed: the joined handle reads their databases */
    return st;
}

extern "C" size_t
xap_db_shard_count(const xap_db *db)
{
    return db && !db->shards.empty() ? db->shards.size() : 1;
}

extern "C" minutes_status
xap_db_check_shards(xap_db *db, int drop, void (*fn)(void *ctx, size_t i, const char *msg),
                    void *ctx)
{
    return guarded(db, [&] {
        bool dropped = false;
        for (size_t i = db->shards.size(); i-- > 0;) {
            std::string msg;
            try {
                xap_shard &shard = db->shards[i];
                if (shard.path.empty())
                    shard.db.reopen(); /* a round trip to the server */
                else
                    shard.db = open_reader(shard.path.c_str());
                (void)shard.db.get_doccount();
                continue;
            } catch (...) {
                classify_safely(msg, nullptr);
            }
            if (fn)
                fn(ctx, i, msg.c_str());
            if (drop) {
                db->shards.erase(db->shards.begin() + long(i));
                dropped = true;
            }
        }
        if (dropped || !db->shards.empty())
            rejoin(db);
        return MINUTES_OK;
    });
}
