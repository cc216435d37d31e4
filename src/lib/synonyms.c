/* synonyms.c - the synonym table of an index: reading tables, writing them into the index
 * (see synonyms.h). */
#include "synonyms.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdio.h"
#include "hash.h"
#include "normalize.h"

/* The metadata key of the hash of the tables last written. */
#define SYNONYMS_HASH_KEY "minutes:synonyms"

/* Changes when the way tables are read does, so that every index writes its table again. */
#define SYNONYMS_FORMAT "minutes synonyms 1\n"

/* At most this many expressions in a group. */
#define MAX_EXPRESSIONS 32

/* ---- reading a table ----------------------------------------------------------------------- */

/* Fold the expression text[0, len) into out (room for len + 1): folded as text is, compounds
 * closed, spaces at its ends taken off; returns its length. */
static size_t
fold_expression(const char *text, size_t len, char *out)
{
    char *folded = malloc(len + 1);
    if (!folded)
        return (size_t)-1;
    size_t n = normalize_for_index(text, len, folded), k = 0, at = 0, pos = 0, start, end;
    while (normalize_next_compound(folded, n, &pos, &start, &end)) {
        memcpy(out + k, folded + at, start - at);
        k += start - at;
        k += normalize_close_compound(folded + start, end - start, out + k);
        at = end;
    }
    memcpy(out + k, folded + at, n - at);
    k += n - at;
    free(folded);
    size_t first = 0;
    while (first < k && (out[first] == ' ' || out[first] == '\t' || out[first] == '\r'))
        first++;
    while (k > first && (out[k - 1] == ' ' || out[k - 1] == '\t' || out[k - 1] == '\r'))
        k--;
    memmove(out, out + first, k - first);
    out[k - first] = '\0';
    return k - first;
}

minutes_status
synonyms_each(const char *text, size_t len,
              minutes_status (*fn)(void *ctx, const char *const *expressions, size_t n,
                                   unsigned line),
              void *ctx)
{
    minutes_status st = MINUTES_OK;
    unsigned number = 0;
    for (size_t at = 0; st == MINUTES_OK && at < len;) {
        const char *line = text + at, *nl = memchr(line, '\n', len - at);
        size_t line_len = nl ? (size_t)(nl - line) : len - at;
        at += line_len + 1;
        number++;
        const char *hash = memchr(line, '#', line_len);
        if (hash)
            line_len = (size_t)(hash - line);
        char *buf = malloc(line_len + 1);
        if (!buf)
            return MINUTES_NO_MEMORY;
        /* Each expression folded into its own place in buf: folding never lengthens it. */
        const char *expressions[MAX_EXPRESSIONS];
        size_t n = 0, used = 0;
        for (size_t from = 0; from <= line_len && n < MAX_EXPRESSIONS;) {
            const char *eq = memchr(line + from, '=', line_len - from);
            size_t to = eq ? (size_t)(eq - line) : line_len;
            size_t k = fold_expression(line + from, to - from, buf + used);
            if (k == (size_t)-1) {
                free(buf);
                return MINUTES_NO_MEMORY;
            }
            if (k) {
                expressions[n++] = buf + used;
                used += k + 1;
            }
            from = to + 1;
        }
        if (n)
            st = fn(ctx, expressions, n, number);
        free(buf);
    }
    return st;
}

/* ---- writing it into the index --------------------------------------------------------------- */


typedef struct writing {
    minutes_db *db;
    int write;            /* add the groups to the index, or only look at them */
    unsigned long groups; /* groups written */
    char lines[160];      /* lines of the index's own table that have no '=' */
    unsigned bad_lines;
} writing;

static minutes_status
write_group(void *ctx, const char *const *expressions, size_t n, unsigned line)
{
    writing *w = ctx;
    if (n < 2) {
        size_t used = strlen(w->lines);
        if (w->bad_lines++ < 5)
            snprintf(w->lines + used, sizeof w->lines - used, "%s%u", used ? ", " : "", line);
        return MINUTES_OK;
    }
    w->groups++;
    return w->write ? xap_db_add_synonyms(w->db->xap, expressions, n) : MINUTES_OK;
}

/* Clear the index's table and write both tables, with their hash, in one transaction. */
static minutes_status
write_tables(minutes_db *db, const char *own, size_t own_len, const char *hash, writing *w)
{
    minutes_status st = xap_db_begin(db->xap);
    if (st == MINUTES_OK)
        st = xap_db_clear_synonyms(db->xap);
    if (st == MINUTES_OK)
        st = synonyms_each(synonyms_builtin, strlen(synonyms_builtin), write_group, w);
    w->bad_lines = 0; /* the built-in table's are not the user's to hear of */
    w->lines[0] = '\0';
    if (st == MINUTES_OK && own)
        st = synonyms_each(own, own_len, write_group, w);
    if (st == MINUTES_OK)
        st = xap_db_set_metadata(db->xap, SYNONYMS_HASH_KEY, hash);
    if (st == MINUTES_OK)
        return xap_db_commit(db->xap);
    xap_db_cancel(db->xap);
    return st;
}

minutes_status
synonyms_sync(minutes_db *db, minutes_index_callback *callback, void *ctx)
{
    size_t n = strlen(db->path) + sizeof "/" SYNONYMS_FILE;
    char *file = malloc(n);
    if (!file)
        return db_fail(db, MINUTES_NO_MEMORY, "out of memory");
    snprintf(file, n, "%s/%s", db->path, SYNONYMS_FILE);
    char why[256];
    size_t own_len = 0;
    char *own = fdio_read_small_file(file, SYNONYMS_MAX_BYTES, &own_len, why, sizeof why);

    uint64_t h = hash_fnv1a(SYNONYMS_FORMAT, strlen(SYNONYMS_FORMAT), HASH_FNV1A_BASIS);
    h = hash_fnv1a(synonyms_builtin, strlen(synonyms_builtin) + 1, h);
    h = hash_fnv1a(own ? own : "", own_len, h);
    char hash[32];
    snprintf(hash, sizeof hash, "%016" PRIx64, h);

    char *stored = NULL;
    minutes_status st = xap_db_get_metadata(db->xap, SYNONYMS_HASH_KEY, &stored);
    writing w = {db, 0, 0, "", 0};
    int rewrite = st == MINUTES_OK && strcmp(stored, hash) != 0;
    /* Worth a word when a table changed, not when a new index gets its first. */
    int news = rewrite && (*stored || own);
    free(stored);
    if (rewrite) {
        w.write = 1;
        st = write_tables(db, own, own_len, hash, &w);
    } else if (st == MINUTES_OK && own) {
        st = synonyms_each(own, own_len, write_group, &w); /* for what it has to say */
    }
    if (st == MINUTES_NO_MEMORY)
        st = db_fail(db, st, "out of memory");
    else if (st != MINUTES_OK)
        st = db_fail_xap(db, st);

    char warning[512] = "";
    if (*why)
        snprintf(warning, sizeof warning, "cannot read it (%s); the built-in synonyms are used",
                 why);
    else if (w.bad_lines)
        snprintf(warning, sizeof warning,
                 "line%s %s%s ha%s no '=' and %s nothing (write "
                 "WORDS = WORDS ...)",
                 w.bad_lines == 1 ? "" : "s", w.lines, w.bad_lines > 5 ? ", ..." : "",
                 w.bad_lines == 1 ? "s" : "ve", w.bad_lines == 1 ? "does" : "do");
    if (st == MINUTES_OK && callback && (news || *warning)) {
        minutes_index_event ev = {.kind = MINUTES_EVENT_SYNONYMS,
                                  .path = file,
                                  .reason = "",
                                  .paragraphs = rewrite ? w.groups : 0,
                                  .warning = *warning ? warning : NULL,
                                  .updated = rewrite,
                                  .read = own != NULL};
        callback(ctx, &ev);
    }
    free(own);
    free(file);
    return st;
}
