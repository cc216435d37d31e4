/* indexer.c - indexing file by file: deciding whether a file the walk found has changed,
 * reading it and writing its paragraphs, committing in batches, recording the files that
 * cannot be read, and removing files that have gone.
 *
 * The run (index.c) shows the indexer each file the walk finds. The file's record
 * (filestate.c) says whether it can be passed over with a stat call; if not, it goes on the
 * list of files to read (todo.c), and once read, it may still turn out to have the same
 * text; otherwise its old paragraphs are deleted and its new ones added, together with its
 * new record. Changes are grouped into batches, each one Xapian transaction: a file's
 * paragraphs and record are always in the same batch, so a run killed at any moment leaves
 * every file as it was or as it now is, never half-written, and the next run redoes what
 * was lost. Per-file memory comes from the indexer's arena, reset for each file.
 *
 * A file the index holds under a path given is gone when the walk did not see it, unless
 * it lies under a path the walk could not look into (an unreadable directory, a path given
 * that is missing): what the index holds there is kept.
 */
#include "indexer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "array.h"
#include "filestate.h"
#include "hash.h"
#include "normalize.h"
#include "read.h"
#include "schema.h"
#include "segment.h"
#include "sidecar.h"

/* ---- the indexer ------------------------------------------------------------------------ */

void
indexer_init(indexer *ix, minutes_db *db, const minutes_index_options *options,
             minutes_index_callback *callback, void *ctx, minutes_index_stats *stats)
{
    memset(ix, 0, sizeof *ix);
    ix->db = db;
    if (options)
        ix->opt = *options;
    ix->batch_paragraphs =
        ix->opt.batch_paragraphs ? ix->opt.batch_paragraphs : MINUTES_DEFAULT_BATCH_PARAGRAPHS;
    ix->callback = callback;
    ix->ctx = ctx;
    ix->stats = stats;
    ix->todo.fd = -1;
    arena_init(&ix->file_arena, 64 * 1024);
}

void
indexer_release(indexer *ix)
{
    todo_release(&ix->todo);
    pathset_release(&ix->seen);
    strlist_release(&ix->kept);
    sidecar_cache_release(&ix->sidecars);
    indexer_drop_document(ix);
    free(ix->fold);
    free(ix->spans);
    ix->fold = NULL;
    ix->spans = NULL;
    ix->fold_cap = ix->spans_cap = 0;
    arena_release(&ix->file_arena);
}

void
indexer_drop_document(indexer *ix)
{
    xap_doc_destroy(ix->doc);
    ix->doc = NULL;
}

/* ---- reporting -------------------------------------------------------------------------- */

void
indexer_report(indexer *ix, const minutes_index_event *ev)
{
    minutes_index_stats *s = ix->stats;
    /* What the open batch (or the workers) change counts once it is in the index. */
    minutes_index_stats *changes = ix->in_batch || ix->merging ? &ix->uncommitted : s;
    if (ev->read) {
        s->files_read++;
        s->bytes += ev->bytes;
    }
    switch (ev->kind) {
    case MINUTES_EVENT_INDEXED:
        changes->files_indexed++;
        changes->paragraphs += ev->paragraphs;
        if (ev->updated)
            changes->files_updated++;
        else
            changes->files_added++;
        break;
    case MINUTES_EVENT_SKIPPED: s->files_skipped++; break;
    case MINUTES_EVENT_UNCHANGED: s->files_unchanged++; break;
    case MINUTES_EVENT_REMOVED: changes->files_removed++; break;
    case MINUTES_EVENT_MERGING:
    case MINUTES_EVENT_SYNONYMS: break;
    }
    if (ix->callback)
        ix->callback(ix->ctx, ev);
}

void
indexer_settle_changes(indexer *ix, int kept)
{
    const minutes_index_stats *c = &ix->uncommitted;
    if (kept) {
        ix->stats->files_indexed += c->files_indexed;
        ix->stats->paragraphs += c->paragraphs;
        ix->stats->files_added += c->files_added;
        ix->stats->files_updated += c->files_updated;
        ix->stats->files_removed += c->files_removed;
    }
    memset(&ix->uncommitted, 0, sizeof ix->uncommitted);
}

void
indexer_skip(indexer *ix, const char *path, minutes_status status, const char *reason)
{
    minutes_index_event ev = {.kind = MINUTES_EVENT_SKIPPED, .path = path, .status = status,
                              .reason = reason};
    indexer_report(ix, &ev);
}

/* ---- batches ---------------------------------------------------------------------------- */

/* A commit needs room for the blocks it writes; Xapian 1.4 can abort the process when the
 * disk fills during one (an exception thrown while it unwinds another), so a batch is not
 * committed with less than this free. */
#define MIN_FREE_BYTES (16ULL * 1024 * 1024)

static minutes_status
check_space(minutes_db *db)
{
    struct statvfs vfs;
    if (statvfs(db->path, &vfs) != 0)
        return MINUTES_OK; /* cannot tell: let the commit say */
    /* The superuser may also use the blocks kept back for it. */
    unsigned long long blocks = geteuid() == 0 ? vfs.f_bfree : vfs.f_bavail;
    unsigned long long free_bytes = blocks * vfs.f_frsize;
    if (free_bytes >= MIN_FREE_BYTES)
        return MINUTES_OK;
    return db_fail(db, MINUTES_IO_ERROR,
                   "no space left on the device of index '%s' (%llu kB free; a commit needs "
                   "%llu MB)",
                   db->path, free_bytes / 1024, MIN_FREE_BYTES / (1024 * 1024));
}

static minutes_status
batch_open(indexer *ix)
{
    if (ix->in_batch)
        return MINUTES_OK;
    minutes_status st = xap_db_begin(ix->db->xap);
    if (st != MINUTES_OK)
        return db_fail_xap(ix->db, st);
    ix->in_batch = 1;
    ix->pending = 0;
    return MINUTES_OK;
}

minutes_status
indexer_commit(indexer *ix)
{
    if (!ix->in_batch)
        return MINUTES_OK;
    ix->in_batch = 0;
    minutes_status st = check_space(ix->db);
    if (st != MINUTES_OK)
        xap_db_cancel(ix->db->xap); /* nothing of the batch is written */
    else if ((st = xap_db_commit(ix->db->xap)) != MINUTES_OK)
        db_fail_xap(ix->db, st);
    indexer_settle_changes(ix, st == MINUTES_OK);
    return st;
}

void
indexer_cancel(indexer *ix)
{
    if (!ix->in_batch)
        return;
    ix->in_batch = 0;
    xap_db_cancel(ix->db->xap);
    indexer_settle_changes(ix, 0);
}

/* Commit once the batch is big enough: large enough batches are what make Xapian fast,
 * small enough ones keep memory flat. */
static minutes_status
batch_grew(indexer *ix, size_t paragraphs)
{
    ix->pending += paragraphs + 1;
    return ix->pending >= ix->batch_paragraphs ? indexer_commit(ix) : MINUTES_OK;
}

/* ---- writing a file --------------------------------------------------------------------- */

/* Index `len` bytes of `text` into ix->doc, folded (curly quotes, ligatures, soft hyphens,
 * accents, ordinals) with its hyphenated compounds also closed, as the query is; with
 * `prefix` and `wdf` as xap_doc_index_field takes them. The stored text keeps the original
 * characters. */
static minutes_status
index_words(indexer *ix, const char *text, size_t len, const char *prefix, unsigned wdf)
{
    if (len + 1 > ix->fold_cap) {
        char *bigger = realloc(ix->fold, len + 1);
        if (!bigger)
            return MINUTES_NO_MEMORY;
        ix->fold = bigger;
        ix->fold_cap = len + 1;
    }
    size_t folded_len = normalize_for_index(text, len, ix->fold);
    size_t count = 0, pos = 0, start, end;
    while (normalize_next_compound(ix->fold, folded_len, &pos, &start, &end)) {
        xap_span *grown = array_room_for_one(ix->spans, &ix->spans_cap, count, sizeof *grown);
        if (!grown)
            return MINUTES_NO_MEMORY;
        ix->spans = grown;
        ix->spans[count++] = (xap_span){start, end};
    }
    xap_index_options opt = {prefix, wdf, ix->spans, count};
    return xap_doc_index_field(ix->doc, ix->fold, folded_len, &opt);
}

/* Make ix->doc ready for a paragraph: emptied, or made for ix->db the first time. */
static minutes_status
empty_document(indexer *ix)
{
    if (!ix->doc)
        return xap_doc_create(ix->db->xap, &ix->doc);
    xap_doc_clear(ix->doc);
    return MINUTES_OK;
}

/* Write one paragraph as one document, replacing any with the same id; the first of its
 * section (`path` not NULL) carries the section's record. */
static minutes_status
add_paragraph(indexer *ix, const char *file_id, const paragraph *para, unsigned section_first,
              const char *path)
{
    char id_term[SCHEMA_TERM_MAX];
    schema_id_term(id_term, file_id, para->ordinal);

    minutes_status st = empty_document(ix);
    if (st == MINUTES_OK)
        st = index_words(ix, para->text, para->text_len, NULL, 1);
    /* The item's title in every paragraph of the item, for title:, adding nothing to the
     * paragraph's weight or length: a title is a filter, and would rank long titles low. */
    if (st == MINUTES_OK && para->item_title)
        st = index_words(ix, para->item_title, strlen(para->item_title), SCHEMA_PREFIX_TITLE, 0);
    if (st == MINUTES_OK)
        st = schema_add_terms(ix->doc, file_id, id_term, para);
    if (st != MINUTES_OK)
        return st;

    char *data = schema_encode_data(file_id, para, section_first, path);
    if (!data)
        return MINUTES_NO_MEMORY;
    st = xap_doc_set_data(ix->doc, data, strlen(data));
    free(data);
    if (st == MINUTES_OK)
        st = xap_db_replace_by_term(ix->db->xap, id_term, ix->doc);
    return st;
}

/* Delete what the index holds for `path` (its paragraphs) and, unless seg is NULL, write its
 * paragraphs, the first of each section with the section's record; *sections (if not NULL)
 * is then the number of sections the file has. */
static minutes_status
replace_paragraphs(indexer *ix, const char *path, const segmentation *seg, unsigned *sections)
{
    minutes_db *db = ix->db;
    char file_id[SCHEMA_FILE_ID_SIZE], file_term[SCHEMA_TERM_MAX];
    db_file_id(db, file_id, path);
    schema_file_term(file_term, file_id);
    minutes_status st = batch_open(ix);
    if (st != MINUTES_OK)
        return st;
    st = xap_db_delete_by_term(db->xap, file_term);
    unsigned written = 0, section_first = 0;
    for (size_t i = 0; seg && st == MINUTES_OK && i < seg->count; i++) {
        const paragraph *para = &seg->paras[i];
        int starts_section = i == 0 || para->section != seg->paras[i - 1].section;
        if (starts_section)
            section_first = para->ordinal;
        if (para->section + 1 > written)
            written = para->section + 1;
        st = add_paragraph(ix, file_id, para, section_first, starts_section ? path : NULL);
    }
    if (sections)
        *sections = written;
    if (st == MINUTES_NO_MEMORY)
        return db_fail(db, st, "out of memory while indexing '%s'", path);
    return st == MINUTES_OK ? st : db_fail_xap(db, st);
}

/* The warning for a file indexed with something missing, in the arena; NULL if none. */
static const char *
file_warning(arena *a, const segmentation *seg, const char *read_warning,
             const char *sidecar_warning)
{
    char plain[160] = "";
    if (seg->plain_from_line)
        snprintf(plain, sizeof plain,
                 "more than %d paragraphs or %d lines: from line %u on, the text is indexed "
                 "in plain pieces",
                 SEGMENT_MAX_PARAS, SEGMENT_MAX_LINES, seg->plain_from_line);
    const char *parts[4] = {read_warning, sidecar_warning, plain[0] ? plain : NULL, NULL};
    if (seg->undated && seg->count)
        parts[3] = "meeting date not found (a NAME.meta.json sidecar can give it)";
    size_t n = 1;
    for (int i = 0; i < 4; i++)
        n += parts[i] ? strlen(parts[i]) + 2 : 0;
    if (n == 1)
        return NULL;
    char *joined = arena_alloc(a, n);
    if (!joined)
        return "(warnings lost: out of memory)";
    joined[0] = '\0';
    for (int i = 0; i < 4; i++) {
        if (!parts[i])
            continue;
        if (joined[0])
            strcat(joined, "; ");
        strcat(joined, parts[i]);
    }
    return joined;
}

/* Record a failure to read `path`: its old paragraphs stay, and the next run passes over
 * the file until it changes (or --retry-failed). */
static minutes_status
record_failure(indexer *ix, const char *path, const filestate *now, const filestate *before,
               int found, const char *reason)
{
    filestate fs = *now;
    fs.failed = 1;
    fs.reason = (char *)reason;
    fs.paragraphs = found ? before->paragraphs : 0;
    fs.sections = found ? before->sections : 0;
    fs.hash = found ? before->hash : 0;
    minutes_status st = batch_open(ix);
    if (st == MINUTES_OK)
        st = filestate_store(ix->db, path, &fs);
    if (st == MINUTES_OK)
        st = batch_grew(ix, 0);
    return st;
}

minutes_status
indexer_read_file(indexer *ix, const todo_file *file)
{
    minutes_db *db = ix->db;
    const char *path = file->path, *shown = file->shown ? file->shown : path;
    filestate now_record = file->now, *now = &now_record;
    const filestate *before = &file->before;
    int found = file->found;
    unsigned long long bytes = (unsigned long long)now->size;

    /* The previous file's memory goes now, not after it, so that its messages outlive it. */
    arena_reset(&ix->file_arena);
    const char *reason = NULL;
    source src = {0};
    minutes_status st = read_source(path, &src, &reason);
    if (st == MINUTES_NO_MEMORY && !reason)
        reason = "out of memory reading it";
    if (st != MINUTES_OK) {
        if (!reason)
            reason = minutes_status_str(st);
        minutes_index_event ev = {.kind = MINUTES_EVENT_SKIPPED, .path = shown, .status = st,
                                  .reason = reason, .read = 1, .bytes = bytes};
        indexer_report(ix, &ev);
        return record_failure(ix, path, now, before, found, reason);
    }
    now->hash = hash_fnv1a(src.text, src.len, HASH_FNV1A_BASIS);

    /* Touched but not changed: only the record's time is new. */
    if (found && !before->failed && !ix->opt.force && before->hash == now->hash &&
        before->sidecars == now->sidecars) {
        source_release(&src);
        now->paragraphs = before->paragraphs;
        now->sections = before->sections;
        st = batch_open(ix);
        if (st == MINUTES_OK)
            st = filestate_store(db, path, now);
        if (st == MINUTES_OK)
            st = batch_grew(ix, 0);
        minutes_index_event ev = {.kind = MINUTES_EVENT_UNCHANGED, .path = shown, .reason = "",
                                  .updated = 1, .read = 1, .bytes = bytes};
        if (st == MINUTES_OK)
            indexer_report(ix, &ev);
        return st;
    }

    para_meeting sidecar;
    const char *sidecar_warning;
    int has_sidecar = sidecar_load(&ix->file_arena, path, &sidecar, &sidecar_warning);
    segmentation seg;
    st = segment_document(src.text, src.len, has_sidecar ? &sidecar : NULL, &ix->file_arena, &seg);
    if (st != MINUTES_OK) {
        /* One file too big for the memory there is: skipped and remembered, as any other. */
        source_release(&src);
        arena_reset(&ix->file_arena);
        reason = "out of memory segmenting it";
        minutes_index_event ev = {.kind = MINUTES_EVENT_SKIPPED, .path = shown, .status = st,
                                  .reason = reason, .read = 1, .bytes = bytes};
        indexer_report(ix, &ev);
        return record_failure(ix, path, now, before, found, reason);
    }
    now->paragraphs = seg.count;
    st = replace_paragraphs(ix, path, &seg, &now->sections);
    if (st == MINUTES_OK)
        st = filestate_store(db, path, now);
    if (st == MINUTES_OK)
        st = batch_grew(ix, seg.count);
    if (st == MINUTES_OK) {
        minutes_index_event ev = {
            .kind = MINUTES_EVENT_INDEXED,
            .path = shown,
            .reason = "",
            .paragraphs = seg.count,
            .warning = file_warning(&ix->file_arena, &seg, src.warning, sidecar_warning),
            .updated = found && !before->failed,
            .read = 1,
            .bytes = bytes};
        indexer_report(ix, &ev);
    }
    source_release(&src);
    return st;
}

minutes_status
indexer_visit_file(indexer *ix, const char *shown, const char *path, const struct stat *st)
{
    minutes_db *db = ix->db;
    arena_reset(&ix->file_arena);
    int added;
    minutes_status status = pathset_add(&ix->seen, path, &added);
    if (status != MINUTES_OK)
        return db_fail(db, status, "out of memory");
    if (!added)
        return MINUTES_OK; /* the same file under another name */

    filestate before, now = {0};
    int found = 0;
    status = filestate_load(db, path, &before, &found);
    if (status != MINUTES_OK)
        return status;
    filestate_from_stat(&now, st);
    now.sidecars = sidecar_signature(path, &ix->sidecars);

    int same_stat = found && before.size == now.size && before.mtime_ns == now.mtime_ns &&
                    before.sidecars == now.sidecars && !ix->opt.force;
    if (same_stat && before.failed && !ix->opt.retry_failed) {
        char *reason = arena_alloc(&ix->file_arena, strlen(before.reason ? before.reason : "") + 64);
        if (reason)
            sprintf(reason, "%s (unchanged since it failed; --retry-failed reads it again)",
                    before.reason ? before.reason : "failed");
        indexer_skip(ix, shown, MINUTES_UNSUPPORTED_FILE, reason ? reason : "failed before");
    } else if (same_stat && !before.failed) {
        minutes_index_event ev = {.kind = MINUTES_EVENT_UNCHANGED, .path = shown, .reason = "",
                                  .updated = 1};
        indexer_report(ix, &ev);
    } else {
        status = todo_add(&ix->todo, db, shown, path, &now, &before, found);
        if (status == MINUTES_OK) {
            ix->stats->files_to_read++;
            ix->stats->bytes_to_read += (unsigned long long)now.size;
        }
    }
    filestate_release(&before);
    return status;
}

/* ---- removing files that have gone ------------------------------------------------------ */

minutes_status
indexer_keep(indexer *ix, const char *path)
{
    if (strlist_add(&ix->kept, path, strlen(path)) != MINUTES_OK)
        return db_fail(ix->db, MINUTES_NO_MEMORY, "out of memory");
    return MINUTES_OK;
}

/* Whether `path` is `dir` or below it. */
static int
is_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 &&
           (path[n] == '\0' || path[n] == '/' || (n && dir[n - 1] == '/'));
}

static int
is_kept(const indexer *ix, const char *path)
{
    for (size_t i = 0; i < ix->kept.count; i++)
        if (is_under(path, ix->kept.items[i]))
            return 1;
    return 0;
}

typedef struct gone_list {
    const char *root;
    const indexer *ix;
    strlist paths;
    int failed;
} gone_list;

static int
collect_gone(void *ctx, const char *path)
{
    gone_list *g = ctx;
    if (!is_under(path, g->root) || pathset_contains(&g->ix->seen, path) || is_kept(g->ix, path))
        return 0;
    if (strlist_add(&g->paths, path, strlen(path)) != MINUTES_OK) {
        g->failed = 1;
        return 1;
    }
    return 0;
}

static minutes_status
remove_file(indexer *ix, const char *path)
{
    filestate before;
    int found = 0;
    minutes_status st = filestate_load(ix->db, path, &before, &found);
    if (st == MINUTES_OK)
        st = replace_paragraphs(ix, path, NULL, NULL);
    if (st == MINUTES_OK)
        st = filestate_store(ix->db, path, NULL);
    if (st == MINUTES_OK)
        st = batch_grew(ix, before.paragraphs);
    if (st == MINUTES_OK) {
        minutes_index_event ev = {.kind = MINUTES_EVENT_REMOVED, .path = path, .reason = "",
                                  .paragraphs = found ? before.paragraphs : 0};
        indexer_report(ix, &ev);
    }
    filestate_release(&before);
    return st;
}

minutes_status
indexer_remove_gone(indexer *ix, const char *root)
{
    gone_list g = {root, ix, {0}, 0};
    minutes_status st = filestate_each(ix->db, root, collect_gone, &g);
    if (st == MINUTES_OK && g.failed)
        st = db_fail(ix->db, MINUTES_NO_MEMORY, "out of memory");
    for (size_t i = 0; st == MINUTES_OK && i < g.paths.count; i++)
        st = remove_file(ix, g.paths.items[i]);
    strlist_release(&g.paths);
    return st;
}
