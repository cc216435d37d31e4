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
 * `path`. Returns 1 if any field was set, else 0. A sidecar that cannot be used (not JSON,
 * a bad date, an unknown document type) is left out or in part, and *warning is set to a
 * one-line description in the arena naming it; otherwise *warning is NULL. */
int sidecar_load(arena *a, const char *path, para_meeting *out, const char **warning);

/* A signature of the sidecar files that may describe `path` (their sizes and times, from
 * stat calls only), so that the indexer notices when one is added, edited or removed. */
uint64_t sidecar_signature(const char *path);

#endif /* MINUTES_SIDECAR_H */
