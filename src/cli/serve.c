/* serve.c - 'minutes serve': an HTTP server of the index, read-only - a search page and a
 * JSON API (serve-page.c, serve-api.c). This file is the daemon around them: the command's
 * options, the socket it listens on, libmicrohttpd's threads and the index handle each uses,
 * the bounds on requests, routing, a log line per request, and stopping on SIGINT/SIGTERM.
 *
 * Xapian's handles are not thread-safe, so each of the daemon's threads answers with an
 * index handle of its own: the handles are opened before the threads start (cli_open_index
 * prints its errors and reads global options, which threads must not share), and each
 * thread takes one the first time it answers. One handle behind a mutex would serve one
 * request at a time; a search takes milliseconds, and with a handle per thread a slow one
 * (facets over many matches, a remote shard) does not hold up the others. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "mhd.h"
#include "print.h"
#include "serve.h"

/* ---- options, their defaults and help ---- */

#define DEFAULT_LISTEN "127.0.0.1:8080"
#define DEFAULT_MAX_CONNECTIONS 64
#define THREADS 4                     /* the daemon's threads, each with its own index handle */
#define CONNECTION_TIMEOUT 10         /* seconds a connection may stay idle */
#define CONNECTION_MEMORY (64 * 1024) /* per connection: the request's headers, the reply's */
/* A handle reads the index's latest commit before a request at most this often: reopening a
 * local index takes about 0.14 ms (the seeds' index: 1000 reopens in 0.14 s), a remote one a
 * round trip, and a search a fifth of a second behind the index is as good as current. */
#define REOPEN_SECONDS 0.2
#define LOG_TARGET_MAX 2000 /* a request's target is logged up to this many bytes */

enum { OPT_LISTEN = 256, OPT_MAX_CONNECTIONS };

static const struct option options[] = {
    {"index", required_argument, NULL, 'd'},
    CLI_SHARD_OPTIONS,
    {"listen", required_argument, NULL, OPT_LISTEN},
    {"max-connections", required_argument, NULL, OPT_MAX_CONNECTIONS},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The help is laid out as it prints. */
/* clang-format off */
const cli_help cmd_serve_help = {
    "minutes serve [-d DIR]... [--timeout MS] [--partial] [--listen ADDR:PORT]\n"
    "                     [--max-connections N] [-q]",
    CLI_READ_INDEX_HELP
    "      --listen ADDR:PORT  where to listen (default " DEFAULT_LISTEN "; [::1]:8080 for\n"
    "                          IPv6; port 0 for any free one). Any address but a loopback\n"
    "                          one exposes the index to whoever can reach it: there is no\n"
    "                          authentication (put a reverse proxy in front)\n"
    "      --max-connections N  connections open at once (default "
    CLI_STRING(DEFAULT_MAX_CONNECTIONS) ")\n"
    "  -q, --quiet             no line on stderr per request\n"
    "Serves a search page at / and a JSON API: /api/search?q=QUERY (and the filters and\n"
    "options of 'minutes search', as parameters), /api/meetings, /api/show/ID. Read-only:\n"
    "it serves no file; each search reads the index's latest commit. A line on stderr per\n"
    "request: method, target, status, time. SIGINT or SIGTERM stops it (exit status 0).\n",
};
/* clang-format on */

/* ---- the index handles, one per thread ---- */

static struct {
    minutes_db *db[THREADS];
    struct timespec reopened[THREADS];
    size_t count, taken;
    pthread_mutex_t lock;
    int quiet;
} server = {.lock = PTHREAD_MUTEX_INITIALIZER};

static _Thread_local int thread_handle = -1;

static double
seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* This thread's handle, on a commit at most REOPEN_SECONDS old: NULL with the reason in
 * `err` and the status in *status when there is none or it cannot be reopened. */
static minutes_db *
thread_db(int *status, char *err, size_t errsize)
{
    if (thread_handle < 0) {
        pthread_mutex_lock(&server.lock);
        if (server.taken < server.count)
            thread_handle = (int)server.taken++;
        pthread_mutex_unlock(&server.lock);
    }
    if (thread_handle < 0) { /* more threads than handles: not as the daemon is started */
        snprintf(err, errsize, "no index handle for this thread");
        *status = 500;
        return NULL;
    }
    minutes_db *db = server.db[thread_handle];
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (seconds_between(&server.reopened[thread_handle], &now) >= REOPEN_SECONDS) {
        minutes_status st = minutes_db_reopen(db);
        if (st != MINUTES_OK) {
            snprintf(err, errsize, "%s",
                     *minutes_db_errmsg(db) ? minutes_db_errmsg(db) : minutes_status_str(st));
            *status = serve_http_status(st);
            return NULL;
        }
        server.reopened[thread_handle] = now;
    }
    return db;
}

static int
open_handles(const cli_command *cmd)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    for (server.count = 0; server.count < THREADS; server.count++) {
        int status = cli_open_index(cmd, 0, &server.db[server.count]);
        if (status)
            return status;
        server.reopened[server.count] = now;
    }
    return 0;
}

static void
close_handles(void)
{
    for (size_t i = 0; i < server.count; i++)
        minutes_db_close(server.db[i]);
    server.count = 0;
}

/* ---- a request: its log line ---- */

/* What is known of a request from its first line on, for its log line. */
typedef struct request_log {
    struct timespec start;
    char method[16];
    char *target; /* as sent, up to LOG_TARGET_MAX bytes */
    size_t target_length;
    int status;         /* 0 until a reply is queued */
    int called;         /* the handler has been called once: its headers are in */
    size_t body_length; /* of a GET's body, which is refused */
} request_log;

/* Called by the daemon with the request's target as sent, before anything else: its log
 * record becomes the request's context. */
static void *
begin_request(void *cls, const char *uri, struct MHD_Connection *connection)
{
    (void)cls, (void)connection;
    request_log *log = calloc(1, sizeof *log);
    if (!log)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &log->start);
    log->target_length = strlen(uri);
    log->target = strndup(uri, LOG_TARGET_MAX);
    return log;
}

/* "GET /api/search?q=fostering 200 1.2 ms" on stderr, in one write; control characters
 * escaped. */
static void
end_request(void *cls, struct MHD_Connection *connection, void **context,
            enum MHD_RequestTerminationCode how)
{
    (void)cls, (void)connection, (void)how;
    request_log *log = *context;
    if (!log)
        return;
    if (!server.quiet) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        char status[16] = "-";
        if (log->status)
            snprintf(status, sizeof status, "%d", log->status);
        flockfile(stderr);
        print_safe_format(stderr, "%s %s%s %s %.1f ms", log->method[0] ? log->method : "-",
                          log->target ? log->target : "",
                          log->target_length > LOG_TARGET_MAX ? "..." : "", status,
                          seconds_between(&log->start, &now) * 1000);
        fputc('\n', stderr);
        funlockfile(stderr);
    }
    free(log->target);
    free(log);
    *context = NULL;
}

/* ---- a request: reading it ---- */

typedef struct collected {
    serve_request *request;
    const char *problem; /* why the parameters are refused, or NULL */
} collected;

static enum MHD_Result
collect_param(void *cls, enum MHD_ValueKind kind, const char *name, size_t name_size,
              const char *value, size_t value_size)
{
    (void)kind;
    collected *c = cls;
    if (strlen(name) != name_size || (value && strlen(value) != value_size)) {
        c->problem = "a parameter holds a NUL byte";
        return MHD_NO;
    }
    if (c->request->nparams == SERVE_MAX_PARAMS) {
        c->problem = "too many parameters (at most " CLI_STRING(SERVE_MAX_PARAMS) ")";
        return MHD_NO;
    }
    c->request->params[c->request->nparams++] = (serve_param){name, value ? value : ""};
    return MHD_YES;
}

/* Answer the request at `path` with the parameters in `r`. */
static void
route(serve_request *r, serve_reply *reply)
{
    const char *path = r->path;
    if (strcmp(path, "/") == 0)
        serve_page_search(r, reply);
    else if (strncmp(path, "/show/", 6) == 0 && path[6])
        serve_page_show(r, path + 6, reply);
    else if (strcmp(path, "/api/search") == 0)
        serve_api_search(r, reply);
    else if (strcmp(path, "/api/meetings") == 0)
        serve_api_meetings(r, reply);
    else if (strncmp(path, "/api/show/", 10) == 0 && path[10])
        serve_api_show(r, path + 10, reply);
    else
        serve_api_error(reply, 404, "no such page (see / and /api/search?q=...)");
}

/* Send the reply, with the headers every reply carries. */
static enum MHD_Result
send_reply(struct MHD_Connection *connection, request_log *log, serve_reply *reply, int allow)
{
    if (!reply->body) /* out of memory making it */
        *reply = (serve_reply){500, "text/plain; charset=utf-8", strdup("out of memory\n"), 14};
    struct MHD_Response *response =
        reply->body
            ? mhd_create_response_from_buffer(reply->length, reply->body, MHD_RESPMEM_MUST_FREE)
            : NULL;
    if (!response) {
        free(reply->body);
        return MHD_NO; /* the daemon closes the connection */
    }
    mhd_add_response_header(response, "Content-Type", reply->content_type);
    mhd_add_response_header(response, "Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    mhd_add_response_header(response, "X-Content-Type-Options", "nosniff");
    mhd_add_response_header(response, "Referrer-Policy", "no-referrer");
    mhd_add_response_header(response, "Cache-Control", "no-store");
    if (allow)
        mhd_add_response_header(response, "Allow", "GET, HEAD");
    enum MHD_Result queued = mhd_queue_response(connection, (unsigned)reply->status, response);
    mhd_destroy_response(response);
    if (queued == MHD_YES)
        log->status = reply->status;
    return queued;
}

/* The daemon's handler of every request: called once its headers are in. */
static enum MHD_Result
answer(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
       const char *version, const char *upload_data, size_t *upload_data_size, void **context)
{
    (void)cls, (void)version, (void)upload_data;
    request_log *log = *context;
    if (!log)
        return MHD_NO; /* out of memory: the connection is closed */
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    serve_reply reply = {0};
    char err[512];
    int status = 200, allow = 0;
    /* A reply queued at the first call, before the daemon knows the request has no body,
     * closes the connection: a GET is answered at the second, keeping it alive. */
    if (!log->called++) {
        snprintf(log->method, sizeof log->method, "%s", method);
        if (get && log->target_length <= SERVE_MAX_URI)
            return MHD_YES;
    }
    if (get && *upload_data_size) { /* a body to a GET: read, dropped, refused at its end */
        log->body_length += *upload_data_size;
        *upload_data_size = 0;
        return log->body_length <= CONNECTION_MEMORY ? MHD_YES : MHD_NO;
    }
    if (log->body_length) {
        serve_api_error(&reply, 413, "a GET request has no body");
    } else if (log->target_length > SERVE_MAX_URI) {
        serve_api_error(&reply, 414,
                        "request target too long (at most " CLI_STRING(SERVE_MAX_URI) " bytes)");
    } else if (!get) {
        serve_api_error(&reply, 405, "only GET and HEAD: the server is read-only");
        allow = 1;
    } else {
        serve_request *r = calloc(1, sizeof *r); /* its parameters are too many for the stack */
        collected c = {r, NULL};
        if (!r)
            serve_api_error(&reply, 500, "out of memory");
        else if (r->path = url,
                 mhd_get_connection_values_n(connection, MHD_GET_ARGUMENT_KIND, collect_param, &c),
                 c.problem)
            serve_api_error(&reply, 400, c.problem);
        else if (!(r->db = thread_db(&status, err, sizeof err)))
            serve_api_error(&reply, status, err);
        else
            route(r, &reply);
        free(r);
    }
    return send_reply(connection, log, &reply, allow);
}

/* ---- where to listen ---- */

/* Split "ADDR:PORT" or "[ADDR6]:PORT" into the socket address to bind; 0 after a message. */
static int
parse_listen(const char *text, struct sockaddr_storage *addr, socklen_t *length)
{
    char host[256];
    const char *colon = strrchr(text, ':'), *port = colon ? colon + 1 : NULL, *start = text;
    size_t host_length = colon ? (size_t)(colon - text) : 0;
    if (host_length >= 2 && text[0] == '[' && text[host_length - 1] == ']')
        start++, host_length -= 2;
    char *end = NULL;
    long number = port && *port ? strtol(port, &end, 10) : -1;
    if (!colon || !host_length || host_length >= sizeof host || !end || *end || number < 0 ||
        number > 65535) {
        cli_error("invalid --listen '%s' (ADDR:PORT, e.g. 127.0.0.1:8080 or [::1]:8080)", text);
        return 0;
    }
    memcpy(host, start, host_length);
    host[host_length] = '\0';
    struct addrinfo hints = {.ai_flags = AI_NUMERICSERV | AI_PASSIVE, .ai_socktype = SOCK_STREAM},
                    *found = NULL;
    int failed = getaddrinfo(host, port, &hints, &found);
    if (failed || !found || found->ai_addrlen > sizeof *addr) {
        cli_error("invalid --listen address '%s': %s", host,
                  failed ? gai_strerror(failed) : "no address");
        if (found)
            freeaddrinfo(found);
        return 0;
    }
    memcpy(addr, found->ai_addr, found->ai_addrlen);
    *length = found->ai_addrlen;
    freeaddrinfo(found);
    return 1;
}

/* The address as text, "127.0.0.1:8080" or "[::1]:8080". */
static void
format_address(const struct sockaddr_storage *addr, char *buf, size_t size)
{
    char host[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;
    if (addr->ss_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)addr;
        inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
        port = ntohs(a->sin6_port);
        snprintf(buf, size, "[%s]:%u", host, port);
    } else {
        const struct sockaddr_in *a = (const struct sockaddr_in *)addr;
        inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
        port = ntohs(a->sin_port);
        snprintf(buf, size, "%s:%u", host, port);
    }
}

static int
is_loopback(const struct sockaddr_storage *addr)
{
    if (addr->ss_family == AF_INET6)
        return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)addr)->sin6_addr);
    return (ntohl(((const struct sockaddr_in *)addr)->sin_addr.s_addr) >> 24) == 127;
}

/* A socket listening on `addr`, non-blocking (the daemon's threads all accept on it); -1
 * after a message naming the address and the reason ("Address already in use"). */
static int
listen_on(const char *given, struct sockaddr_storage *addr, socklen_t length)
{
    int fd = socket(addr->ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), on = 1;
    if (fd >= 0) {
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on); /* past TIME_WAIT only */
        if (addr->ss_family == AF_INET6)
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
    }
    if (fd < 0 || bind(fd, (struct sockaddr *)addr, length) != 0 || listen(fd, 128) != 0) {
        cli_error("cannot listen on %s: %s", given, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    socklen_t bound = sizeof *addr; /* port 0: the one chosen */
    getsockname(fd, (struct sockaddr *)addr, &bound);
    return fd;
}

/* ---- the command ---- */

typedef struct serve_options {
    const char *listen;
    size_t max_connections;
} serve_options;

/* Returns 1 to go on, 0 after printing help, -1 on a usage error. */
static int
parse_options(const cli_command *cmd, int argc, char **argv, serve_options *o)
{
    int c, ok = 1;
    while (ok && (c = cli_getopt(argc, argv, "d:qh", options)) != -1) {
        int taken = cli_shard_option(c, optarg);
        if (taken >= 0) {
            ok = taken;
            continue;
        }
        switch (c) {
        case 'd': ok = cli_add_index(optarg, 0); break;
        case OPT_LISTEN: o->listen = optarg; break;
        case OPT_MAX_CONNECTIONS:
            ok = cli_parse_size("--max-connections", optarg, &o->max_connections);
            if (ok && (o->max_connections < 1 || o->max_connections > 100000)) {
                cli_error("invalid --max-connections '%s' (from 1 to 100000)", optarg);
                ok = 0;
            }
            break;
        case 'q': server.quiet = 1; break;
        case 'h': return cli_print_help(cmd);
        default: ok = 0;
        }
    }
    if (ok && optind < argc) {
        cli_error("unexpected argument '%s' (serve takes options only)", argv[optind]);
        ok = 0;
    }
    return ok ? 1 : -1;
}

/* Start the daemon on the socket `fd`, which it then owns; NULL after a message. */
static struct MHD_Daemon *
start_daemon(int fd, const serve_options *o)
{
    unsigned threads = o->max_connections < THREADS ? (unsigned)o->max_connections : THREADS;
    struct MHD_Daemon *daemon = mhd_start_daemon(
        MHD_USE_AUTO_INTERNAL_THREAD, 0, NULL, NULL, answer, NULL, MHD_OPTION_LISTEN_SOCKET, fd,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)o->max_connections, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY, MHD_OPTION_URI_LOG_CALLBACK,
        begin_request, NULL, MHD_OPTION_NOTIFY_COMPLETED, end_request, NULL,
        MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_END);
    if (!daemon) {
        cli_error("cannot start the HTTP server");
        close(fd);
    }
    return daemon;
}

int
cmd_serve(const cli_command *cmd, int argc, char **argv)
{
    serve_options o = {DEFAULT_LISTEN, DEFAULT_MAX_CONNECTIONS};
    int go = parse_options(cmd, argc, argv, &o);
    if (go <= 0)
        return go == 0 ? EXIT_FOUND : cli_usage_error(cmd);
    struct sockaddr_storage addr;
    socklen_t length = 0;
    if (!parse_listen(o.listen, &addr, &length))
        return cli_usage_error(cmd);
    char why[512];
    if (!mhd_load(why, sizeof why)) {
        cli_error("%s", why);
        return EXIT_TROUBLE;
    }
    int status = open_handles(cmd);
    if (status) {
        close_handles();
        return status;
    }
    /* SIGINT and SIGTERM are waited for below: blocked before the daemon's threads start, so
     * that they inherit the mask and the signal comes to this thread. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN); /* a client gone: a failed write, not the end of the server */
    json_object_seed(0);      /* jansson's hash seed, chosen once before the threads */
    int fd = listen_on(o.listen, &addr, length);
    struct MHD_Daemon *daemon = fd >= 0 ? start_daemon(fd, &o) : NULL;
    if (!daemon) {
        close_handles();
        return EXIT_TROUBLE;
    }
    char where[INET6_ADDRSTRLEN + 16];
    format_address(&addr, where, sizeof where);
    if (!is_loopback(&addr))
        cli_warning("listening on %s: anyone who can reach it can read the index", where);
    if (!server.quiet) {
        print_safe_format(stderr, "minutes: serving %s at http://%s/",
                          minutes_db_path(server.db[0]), where);
        fputc('\n', stderr);
    }
    int signal_number = 0;
    while (sigwait(&stop, &signal_number) != 0)
        ;
    mhd_stop_daemon(daemon);
    close(fd);
    close_handles();
    return EXIT_FOUND;
}
