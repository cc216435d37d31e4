/* shards.h - several indexes read as one (shards.c): what a joined handle knows of them. */
#ifndef MINUTES_SHARDS_H
#define MINUTES_SHARDS_H

#include "db.h"

/* Free what db->shards holds (nothing for one index). */
void shards_release(minutes_db *db);

/* After a read of a joined handle failed with MINUTES_IO_ERROR: find the indexes that no
 * longer answer. Without `partial` the failure's message is made to name the first of them
 * and MINUTES_IO_ERROR returned; with it they are left out (and listed as missing), and
 * MINUTES_OK returned if any index is left to read again. Returns `st` unchanged when every
 * index answers (the failure was not theirs) or the handle reads one index. */
minutes_status shards_recover(minutes_db *db, minutes_status st);

#endif /* MINUTES_SHARDS_H */
