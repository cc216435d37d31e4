/* workers.h - building a new index in parallel worker processes, each writing a database of
 * its own, merged into the index at the end (workers.c). */
#ifndef MINUTES_WORKERS_H
#define MINUTES_WORKERS_H

#include "indexer.h"

/* Read ix's todo list in `jobs` worker processes (at most 64, and no more than there are
 * files), each indexing its share as ix would, and merge their databases into ix->db, which
 * must have no paragraphs and no file records. The workers' events are reported through ix
 * as they come, and counted once the merge is in. Returns MINUTES_OK or an error with the
 * message on ix->db; either way ix->db is open again. */
minutes_status workers_read_todo(indexer *ix, unsigned jobs);

/* Remove what remains of an interrupted parallel run in the index directory `index`. */
void workers_clean(const char *index);

#endif /* MINUTES_WORKERS_H */
