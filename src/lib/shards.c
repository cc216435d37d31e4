/* shards.c - several indexes opened read-only and searched as one (minutes_db_open_shards):
 * index directories, and the indexes a Xapian stub file names, local or served by
 * xapian-tcpsrv or xapian-progsrv. Each is checked for this format, then all are joined into
 * one handle, which Xapian searches with their statistics merged, so that ranking is that
 * of one index. With `partial`, an index that cannot be read, or stops answering, is left
 * out and named, instead of failing the whole. */
#include "shards.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "normalize.h"
#include "schema.h"

/* What a joined handle knows of its indexes. */
struct shard_set {
    char **names; /* of those joined, in the order joined (the shim numbers them so) */
    size_t count;
    char **missing, **reasons; /* those left out, and why */
    size_t missing_count;
    int partial;
};

/* An index to open: a local directory, or a remote one. */
typedef struct shard_source {
    char *name;        /* for messages: the path, or "HOST:PORT (STUB:LINE)" */
    char *path;        /* a local index's directory; NULL for a remote one */
    char *line;        /* a remote one's line of the stub, which `remote` points into */
    xap_remote remote;
} shard_source;

typedef struct source_list {
    shard_source *list;
    size_t count, cap;
} source_list;

/* A stub file bigger than this is not a stub file. */
#define STUB_MAX_BYTES (1 << 20)

/* Stub files may name stub files, this deep: deeper, one names itself. */
#define STUB_MAX_DEPTH 8

static minutes_status read_stub(const char *stub, unsigned depth, source_list *sources,
                                char **errmsg);

/* printf into a malloc'd string; NULL when out of memory. */
static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

/* *errmsg (if wanted) := the message, malloc'd. */
#define set_message(errmsg, ...)                                                                   \
    do {                                                                                           \
        char **set_message_to = (errmsg);                                                          \
        if (set_message_to) {                                                                      \
            free(*set_message_to);                                                                 \
            *set_message_to = format(__VA_ARGS__);                                                 \
        }                                                                                          \
    } while (0)

static shard_source *
add_source(source_list *sources)
{
    if (sources->count == sources->cap) {
        size_t cap = sources->cap ? sources->cap * 2 : 8;
        shard_source *grown = realloc(sources->list, cap * sizeof *grown);
        if (!grown)
            return NULL;
        sources->list = grown;
        sources->cap = cap;
    }
    shard_source *s = &sources->list[sources->count++];
    memset(s, 0, sizeof *s);
    return s;
}

static void
release_sources(source_list *sources)
{
    for (size_t i = 0; i < sources->count; i++) {
        free(sources->list[i].name);
        free(sources->list[i].path);
        free(sources->list[i].line);
    }
    free(sources->list);
}

/* A stub's line "remote :PROGRAM ARGS" or "remote HOST:PORT" ([HOST] for IPv6) into s;
 * 0 if it is neither. */
static int
parse_remote(shard_source *s, char *spec)
{
    s->line = spec;
    if (spec[0] == ':') {
        char *space = strchr(spec, ' ');
        if (space)
            *space = '\0';
        s->remote.program = spec + 1;
        s->remote.args = space ? space + 1 : "";
        return *s->remote.program != '\0';
    }
    char *colon = strrchr(spec, ':'), *end;
    if (!colon || colon == spec)
        return 0;
    unsigned long port = strtoul(colon + 1, &end, 10);
    if (*end || !colon[1] || port == 0 || port > 65535)
        return 0;
    *colon = '\0';
    size_t n = strlen(spec);
    if (spec[0] == '[' && spec[n - 1] == ']') {
        spec[n - 1] = '\0';
        spec++;
    }
    s->remote.host = spec;
    s->remote.port = (unsigned)port;
    return 1;
}

/* One line of the stub file `stub` (line number `number`, newline removed) into a source;
 * `first` says it is the first line naming an index. */
static minutes_status
read_stub_line(const char *stub, unsigned depth, unsigned number, const char *line, int first,
               source_list *sources, char **errmsg)
{
    const char *space = strchr(line, ' ');
    size_t type_len = space ? (size_t)(space - line) : strlen(line);
    const char *rest = space ? space + 1 : "";
    shard_source *s = add_source(sources);
    if (!s)
        return MINUTES_NO_MEMORY;
    int local = (type_len == 4 && memcmp(line, "auto", 4) == 0) ||
                (type_len == 5 && memcmp(line, "glass", 5) == 0);
    int remote = type_len == 6 && memcmp(line, "remote", 6) == 0;
    if (local && *rest) {
        /* A relative path is relative to the stub's directory, as Xapian reads it. */
        const char *slash = strrchr(stub, '/');
        int dir_len = slash && rest[0] != '/' ? (int)(slash - stub) + 1 : 0;
        s->path = format("%.*s%s", dir_len, stub, rest);
        s->name = s->path ? strdup(s->path) : NULL;
        if (!s->name)
            return MINUTES_NO_MEMORY;
        struct stat sb;
        if (stat(s->path, &sb) != 0 || !S_ISREG(sb.st_mode))
            return MINUTES_OK; /* a directory; or missing, which its opening will say */
        char *nested = s->path; /* a stub file itself: its lines instead of it */
        free(s->name);
        sources->count--;
        minutes_status st = read_stub(nested, depth + 1, sources, errmsg);
        free(nested);
        return st;
    }
    if (remote && *rest) {
        char *copy = strdup(rest);
        if (!copy || !(s->name = format("%s (%s:%u)", rest, stub, number))) {
            free(copy);
            return MINUTES_NO_MEMORY;
        }
        if (parse_remote(s, copy))
            return MINUTES_OK;
    }
    /* Not the line itself: a file that is not a stub could hold anything. */
    if (first) /* not a stub at all */
        set_message(errmsg,
                    "'%s' is not a directory: an index is a directory (-d DIR), or a stub file "
                    "of lines 'auto PATH', 'remote HOST:PORT' or 'remote :PROGRAM ARGS'",
                    stub);
    else
        set_message(errmsg,
                    "'%s' line %u: not an index line (auto PATH, remote HOST:PORT or remote "
                    ":PROGRAM ARGS)",
                    stub, number);
    return MINUTES_BAD_ARGUMENT;
}

/* The indexes the stub file `stub` names, each line one; `depth` stubs name it. */
static minutes_status
read_stub(const char *stub, unsigned depth, source_list *sources, char **errmsg)
{
    if (depth > STUB_MAX_DEPTH) {
        set_message(errmsg, "stub file '%s': stub files naming stub files go more than %d deep "
                            "(does one name itself?)",
                    stub, STUB_MAX_DEPTH);
        return MINUTES_BAD_ARGUMENT;
    }
    FILE *f = fopen(stub, "re");
    if (!f) {
        set_message(errmsg, "cannot read '%s': %s", stub, strerror(errno));
        return MINUTES_NO_INDEX;
    }
    char *line = NULL;
    size_t cap = 0, total = 0, before = sources->count;
    ssize_t n;
    unsigned number = 0;
    minutes_status st = MINUTES_OK;
    while (st == MINUTES_OK && (n = getline(&line, &cap, f)) >= 0) {
        number++;
        total += (size_t)n;
        if (total > STUB_MAX_BYTES || memchr(line, '\0', (size_t)n)) {
            set_message(errmsg, "'%s' is not an index directory or a stub file", stub);
            st = MINUTES_BAD_ARGUMENT;
            break;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        st = read_stub_line(stub, depth, number, line, sources->count == before, sources, errmsg);
    }
    free(line);
    fclose(f);
    if (st == MINUTES_OK && sources->count == before) {
        set_message(errmsg,
                    "'%s' is not a directory: an index is a directory (-d DIR), or a stub file "
                    "naming indexes, and it names none",
                    stub);
        st = MINUTES_BAD_ARGUMENT;
    }
    if (st == MINUTES_NO_MEMORY)
        set_message(errmsg, "out of memory");
    return st;
}

/* The origins but the first, one a line (malloc'd), as SCHEMA_ORIGINS_KEY holds them. */
static char *
other_origins(const minutes_db *db)
{
    size_t n = 1;
    for (size_t i = 1; i < db->origin_count; i++)
        n += strlen(db->origins[i]) + 1;
    char *lines = malloc(n), *out = lines;
    for (size_t i = 1; lines && i < db->origin_count; i++)
        out += sprintf(out, "%s\n", db->origins[i]);
    if (lines)
        *out = '\0';
    return lines;
}

/* Open one index and check it, giving its database, its origin and the other origins of its
 * files (one a line); on failure *errmsg says why (the caller names the index). */
static minutes_status
open_source(const shard_source *s, unsigned timeout_ms, xap_db **xap, char **origin,
            char **others, char **errmsg)
{
    *xap = NULL;
    *origin = NULL;
    *others = NULL;
    char *msg = NULL;
    minutes_status st;
    if (s->path) {
        minutes_db *one = NULL;
        if ((st = minutes_db_open(s->path, MINUTES_DB_READ_ONLY, &one, &msg)) == MINUTES_OK) {
            *xap = one->xap;
            one->xap = NULL;
            /* minutes_db_open read its origins already */
            if (!(*origin = strdup(one->origin ? one->origin : "")) ||
                !(*others = other_origins(one)))
                st = MINUTES_NO_MEMORY;
            minutes_db_close(one);
        }
        if (st == MINUTES_NO_INDEX)
            set_message(errmsg, "no index there");
        else if (st != MINUTES_OK)
            set_message(errmsg, "%s", msg ? msg : minutes_status_str(st));
    } else {
        st = xap_db_open_remote(&s->remote, timeout_ms, xap, &msg);
        if (st == MINUTES_OK) {
            xap_db_set_fold(*xap, normalize_for_index);
            free(msg);
            msg = NULL;
            st = db_check_format(*xap, s->name, origin, &msg);
        }
        if (st == MINUTES_OK && (st = xap_db_get_metadata(*xap, SCHEMA_ORIGINS_KEY, others)) !=
                                    MINUTES_OK)
            msg = strdup(xap_db_errmsg(*xap));
        if (st != MINUTES_OK)
            set_message(errmsg, "%s", msg ? msg : minutes_status_str(st));
    }
    free(msg);
    if (st != MINUTES_OK) {
        xap_db_close(*xap);
        *xap = NULL;
        free(*origin);
        free(*others);
        *origin = *others = NULL;
    }
    return st;
}

/* Append `name` (and `reason`, for a missing one) to a list of names. */
static int
push_name(char ***list, char ***reasons, size_t *count, const char *name, const char *reason)
{
    char **grown = realloc(*list, (*count + 1) * sizeof *grown);
    if (!grown)
        return 0;
    *list = grown;
    if (reasons) {
        char **more = realloc(*reasons, (*count + 1) * sizeof *more);
        if (!more)
            return 0;
        *reasons = more;
        (*reasons)[*count] = strdup(reason ? reason : "");
    }
    grown[*count] = strdup(name);
    (*count)++;
    return grown[*count - 1] && (!reasons || (*reasons)[*count - 1]);
}

void
shards_release(minutes_db *db)
{
    struct shard_set *set = db->shards;
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++)
        free(set->names[i]);
    for (size_t i = 0; i < set->missing_count; i++) {
        free(set->missing[i]);
        free(set->reasons[i]);
    }
    free(set->names);
    free(set->missing);
    free(set->reasons);
    free(set);
    db->shards = NULL;
}

/* "a, b, c": the names of the indexes read, for minutes_db_path. */
static char *
joined_names(const struct shard_set *set)
{
    size_t n = 1;
    for (size_t i = 0; i < set->count; i++)
        n += strlen(set->names[i]) + 2;
    char *s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < set->count; i++) {
        if (i)
            strcat(s, ", ");
        strcat(s, set->names[i]);
    }
    return s;
}

/* The sources of `paths`: each directory (or missing path) one index, each file a stub. */
static minutes_status
gather_sources(const char *const *paths, size_t count, source_list *sources, char **errmsg)
{
    for (size_t i = 0; i < count; i++) {
        struct stat sb;
        if (!paths[i] || !*paths[i]) {
            set_message(errmsg, "invalid index path");
            return MINUTES_BAD_ARGUMENT;
        }
        if (stat(paths[i], &sb) == 0 && S_ISREG(sb.st_mode)) {
            minutes_status st = read_stub(paths[i], 0, sources, errmsg);
            if (st != MINUTES_OK)
                return st;
            continue;
        }
        shard_source *s = add_source(sources);
        if (!s || !(s->path = strdup(paths[i])) || !(s->name = strdup(paths[i]))) {
            set_message(errmsg, "out of memory");
            return MINUTES_NO_MEMORY;
        }
    }
    return MINUTES_OK;
}

/* One index opened on a thread of its own: the opening of a remote one is round trips to
 * its server (connecting, the format, the origins), and many servers are waited for at
 * once rather than one after another. */
typedef struct open_job {
    const shard_source *source;
    unsigned timeout_ms;
    xap_db *xap;  /* the database, when status is MINUTES_OK */
    char *origin; /* its origin, and the other origins of its files, one a line */
    char *others;
    char *msg; /* why not, otherwise */
    minutes_status status;
} open_job;

static void *
run_open_job(void *arg)
{
    open_job *job = arg;
    job->status = open_source(job->source, job->timeout_ms, &job->xap, &job->origin,
                              &job->others, &job->msg);
    return NULL;
}

/* Open every source into jobs[i], at most OPEN_THREADS at a time. */
#define OPEN_THREADS 32
static void
open_all(const source_list *sources, unsigned timeout_ms, open_job *jobs)
{
    for (size_t first = 0; first < sources->count; first += OPEN_THREADS) {
        pthread_t threads[OPEN_THREADS];
        int started[OPEN_THREADS] = {0};
        size_t n = sources->count - first < OPEN_THREADS ? sources->count - first : OPEN_THREADS;
        for (size_t k = 0; k < n; k++) {
            open_job *job = &jobs[first + k];
            job->source = &sources->list[first + k];
            job->timeout_ms = timeout_ms;
            /* one index alone, or no thread to be had: opened here */
            started[k] = n > 1 && pthread_create(&threads[k], NULL, run_open_job, job) == 0;
            if (!started[k])
                run_open_job(job);
        }
        for (size_t k = 0; k < n; k++)
            if (started[k])
                pthread_join(threads[k], NULL);
    }
}

static const shard_ops ops = {shards_release, shards_recover};

minutes_status
minutes_db_open_shards(const char *const *paths, size_t count, const minutes_shard_options *opt,
                       minutes_db **out, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (!out)
        return MINUTES_BAD_ARGUMENT;
    *out = NULL;
    if (!paths || !count) {
        set_message(errmsg, "no index given");
        return MINUTES_BAD_ARGUMENT;
    }
    unsigned timeout = opt && opt->timeout_ms ? opt->timeout_ms : MINUTES_DEFAULT_TIMEOUT_MS;
    int partial = opt && opt->partial;
    source_list sources = {0};
    minutes_db *db = calloc(1, sizeof *db);
    struct shard_set *set = calloc(1, sizeof *set);
    xap_db **xaps = NULL;
    size_t opened = 0;
    minutes_status st = db && set ? MINUTES_OK : MINUTES_NO_MEMORY;
    if (db) {
        db->mode = MINUTES_DB_READ_ONLY;
        db->writer_fd = -1;
        db->shards = set;
        db->shard_ops = &ops;
        set->partial = partial;
    }
    if (st == MINUTES_OK)
        st = gather_sources(paths, count, &sources, errmsg);
    if (st == MINUTES_OK && !(xaps = calloc(sources.count, sizeof *xaps)))
        st = MINUTES_NO_MEMORY;
    open_job *jobs = st == MINUTES_OK ? calloc(sources.count, sizeof *jobs) : NULL;
    if (st == MINUTES_OK && !jobs)
        st = MINUTES_NO_MEMORY;
    if (st == MINUTES_OK)
        open_all(&sources, timeout, jobs);
    char *first_failure = NULL;
    for (size_t i = 0; st == MINUTES_OK && i < sources.count; i++) {
        open_job *job = &jobs[i];
        const char *name = sources.list[i].name, *msg = job->msg;
        if (job->status == MINUTES_OK) {
            xaps[opened++] = job->xap;
            job->xap = NULL;
            if (db_add_origin_lines(db, job->origin, job->others) != MINUTES_OK ||
                !push_name(&set->names, NULL, &set->count, name, NULL))
                st = MINUTES_NO_MEMORY;
        } else if (partial && job->status != MINUTES_NO_MEMORY) {
            if (!push_name(&set->missing, &set->reasons, &set->missing_count, name, msg))
                st = MINUTES_NO_MEMORY;
            if (!first_failure)
                first_failure =
                    format("index %s: %s", name, msg ? msg : minutes_status_str(job->status));
        } else {
            st = job->status;
            set_message(errmsg, "index %s: %s", name,
                        msg ? msg : minutes_status_str(job->status));
        }
    }
    for (size_t i = 0; jobs && i < sources.count; i++) {
        xap_db_close(jobs[i].xap); /* those not joined, after a failure */
        free(jobs[i].origin);
        free(jobs[i].others);
        free(jobs[i].msg);
    }
    free(jobs);
    if (st == MINUTES_OK && opened == 0) { /* with partial, every one failed */
        set_message(errmsg, "no index could be read: %s", first_failure ? first_failure : "");
        st = MINUTES_NO_INDEX;
    }
    free(first_failure);
    if (st == MINUTES_OK) {
        char *msg = NULL;
        st = xap_db_join(xaps, opened, &db->xap, &msg);
        opened = 0; /* consumed */
        if (st != MINUTES_OK && errmsg)
            *errmsg = msg, msg = NULL;
        free(msg);
    }
    if (st == MINUTES_OK && !(db->path = joined_names(set)))
        st = MINUTES_NO_MEMORY;
    for (size_t i = 0; i < opened; i++)
        xap_db_close(xaps[i]);
    free(xaps);
    release_sources(&sources);
    if (st == MINUTES_NO_MEMORY)
        set_message(errmsg, "out of memory");
    if (st != MINUTES_OK) {
        if (db) {
            db->shards = set;
            db->shard_ops = &ops;
            minutes_db_close(db);
        } else {
            free(set);
        }
        return st;
    }
    *out = db;
    return MINUTES_OK;
}

size_t
minutes_db_shard_count(const minutes_db *db)
{
    return db && db->shards ? db->shards->count : db ? 1 : 0;
}

const char *
minutes_db_missing_shard(const minutes_db *db, size_t i, const char **reason)
{
    if (!db || !db->shards || i >= db->shards->missing_count)
        return NULL;
    if (reason)
        *reason = db->shards->reasons[i];
    return db->shards->missing[i];
}

/* What xap_db_check_shards found: the indexes that did not answer, last first. */
typedef struct failures {
    size_t index[16];
    char *message[16];
    size_t count;
} failures;

static void
note_failure(void *ctx, size_t i, const char *msg)
{
    failures *f = ctx;
    if (f->count < sizeof f->index / sizeof *f->index) {
        f->index[f->count] = i;
        f->message[f->count++] = strdup(msg);
    }
}

minutes_status
shards_recover(minutes_db *db, minutes_status st)
{
    struct shard_set *set = db->shards;
    if (!set || st != MINUTES_IO_ERROR)
        return st;
    failures f = {.count = 0};
    minutes_status checked = xap_db_check_shards(db->xap, set->partial, note_failure, &f);
    minutes_status result = st;
    if (checked == MINUTES_OK && f.count && !set->partial) {
        size_t first = f.index[f.count - 1]; /* found last first */
        db_fail(db, MINUTES_IO_ERROR, "index %s does not answer: %s", set->names[first],
                f.message[f.count - 1] ? f.message[f.count - 1] : "");
    } else if (checked == MINUTES_OK && f.count) {
        for (size_t k = 0; k < f.count; k++) { /* highest index first: the rest keep theirs */
            size_t i = f.index[k];
            if (!push_name(&set->missing, &set->reasons, &set->missing_count, set->names[i],
                           f.message[k]))
                result = MINUTES_NO_MEMORY;
            free(set->names[i]);
            memmove(&set->names[i], &set->names[i + 1], (set->count - i - 1) * sizeof *set->names);
            set->count--;
        }
        if (result == MINUTES_NO_MEMORY)
            db_fail(db, result, "out of memory");
        else if (set->count == 0)
            db_fail(db, MINUTES_IO_ERROR, "no index answers");
        else
            result = MINUTES_OK;
    }
    for (size_t k = 0; k < f.count; k++)
        free(f.message[k]);
    return result;
}
