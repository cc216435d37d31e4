/* print-marks.c - turning highlight markers in snippets into plain text and offsets. */
#include "minutes.h"
#include "print.h"

size_t
print_strip_marks(const char *marked, char *plain, size_t (*spans)[2], size_t max_spans)
{
    size_t n = 0, out = 0;
    for (const char *s = marked; *s; s++) {
        if (*s == MINUTES_MARK_START) {
            if (spans && n < max_spans)
                spans[n][0] = spans[n][1] = out;
        } else if (*s == MINUTES_MARK_END) {
            if (spans && n < max_spans)
                spans[n][1] = out;
            n++;
        } else {
            plain[out++] = *s;
        }
    }
    plain[out] = '\0';
    return n;
}
