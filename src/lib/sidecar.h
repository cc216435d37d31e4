/* sidecar.h - meeting metadata given beside a document rather than found in it.
 *
 * A file NAME.meta.json next to a document (NAME being the document's file name, with or
 * without its extension) and a file minutes.json in the document's directory may each hold
 * a JSON object with any of "council", "board", "date" (YYYY-MM-DD or as meta_find_date
 * reads it), "doc_type" and "source_url". The directory's file gives defaults; the
 * document's own overrides them; both override what the document's text says.
 */
#ifndef MINUTES_SIDECAR_H
#define MINUTES_SIDECAR_H

#include <stdint.h>

#include "arena.h"
#include "segment.h"

/* Fill *out (zeroed first; strings in the arena) from the sidecars of the document at
 * `path`. Returns 1 if any field was set, else 0. A sidecar that cannot be used (not a
 * regular file, larger than 64 KiB, unreadable, not JSON, a bad date, an unknown document
 * type) is left out or in part, and *warning is set to a one-line description in the arena
 * naming it - every such sidecar and value, separated by "; "; otherwise *warning is NULL.
 * A sidecar is opened without blocking, so a FIFO in its place is named, not waited on. */
int sidecar_load(arena *a, const char *path, para_meeting *out, const char **warning);

/* What sidecar_signature remembers of the last directory it looked in: a run meets the
 * files of a directory one after another, and they share its minutes.json. Zero it before
 * the first call; sidecar_cache_release frees it. */
typedef struct sidecar_cache {
    char *file;          /* the path of the directory's minutes.json; NULL for none yet */
    long long parts[2];  /* its size and time, zeros when absent */
} sidecar_cache;

void sidecar_cache_release(sidecar_cache *cache);

/* A signature of the sidecar files that may describe `path` (their sizes and times, from
 * stat calls only), so that the indexer notices when one is added, edited or removed.
 * `cache` (may be NULL) saves a stat of the directory's file for each file of a directory. */
uint64_t sidecar_signature(const char *path, sidecar_cache *cache);

#endif /* MINUTES_SIDECAR_H */
