/* status.c - the text of each minutes_status. */
#include "minutes.h"

const char *
minutes_status_str(minutes_status status)
{
    switch (status) {
    case MINUTES_OK: return "success";
    case MINUTES_NO_MEMORY: return "out of memory";
    case MINUTES_BAD_ARGUMENT: return "invalid argument";
    case MINUTES_NO_INDEX: return "no index";
    case MINUTES_LOCKED: return "index is locked by another process";
    case MINUTES_BAD_QUERY: return "malformed query";
    case MINUTES_MODIFIED: return "index changed while being read";
    case MINUTES_CORRUPT: return "index is corrupt or of an unknown format";
    case MINUTES_IO_ERROR: return "input/output error";
    case MINUTES_UNREADABLE_FILE: return "cannot read file";
    case MINUTES_UNSUPPORTED_FILE: return "unsupported file";
    case MINUTES_INTERNAL: return "internal error";
    case MINUTES_READ_ONLY: return "index is read-only";
    }
    return "unknown status";
}
