/* fuzz-segment.c - libFuzzer target: the segmenter on arbitrary bytes. See fuzz.h. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "read.h"
#include "segment.h"
#include "text.h"

/* Read every field of every paragraph, so that a bad pointer shows. */
static size_t
segment_touch(const segmentation *seg)
{
    size_t sum = 0;
    for (size_t i = 0; i < seg->count; i++) {
        const paragraph *p = &seg->paras[i];
        sum += p->text_len + (p->text ? strlen(p->text) : 0);
        sum += p->item_number ? strlen(p->item_number) : 0;
        sum += p->item_title ? strlen(p->item_title) : 0;
        sum += p->item_type ? strlen(p->item_type) : 0;
        sum += p->minute_number ? strlen(p->minute_number) : 0;
        for (size_t r = 0; r < p->minute_ref_count; r++)
            sum += strlen(p->minute_refs[r]);
        sum += strlen(para_kind_name(p->kind));
        const para_meeting *m = p->meeting;
        if (m) {
            sum += m->council ? strlen(m->council) : 0;
            sum += m->board ? strlen(m->board) : 0;
            sum += m->board_id ? strlen(m->board_id) : 0;
            sum += m->date ? strlen(m->date) : 0;
            sum += m->doc_type ? strlen(m->doc_type) : 0;
            sum += m->source_url ? strlen(m->source_url) : 0;
        }
    }
    return sum;
}

static void
segment_run(const char *text, size_t len, const para_meeting *sidecar)
{
    arena a;
    arena_init(&a, 4096);
    segmentation seg;
    memset(&seg, 0, sizeof seg);
    if (segment_document(text, len, sidecar, &a, &seg) == MINUTES_OK) {
        volatile size_t sum = segment_touch(&seg);
        (void)sum;
    }
    arena_release(&a);
}

int
fuzz_one_segment(const uint8_t *data, size_t size)
{
    /* An exact-size copy (no terminating NUL), so that reading past the end shows. */
    char *raw = calloc(size ? size : 1, 1);
    if (!raw)
        return 0;
    if (size)
        memcpy(raw, data, size);

    static const para_meeting sidecar = {.council = "Coventry City Council",
                                         .board = "Cabinet",
                                         .board_id = "cabinet",
                                         .date = "2017-06-29",
                                         .doc_type = "minutes",
                                         .source_url = "https://example.org/m"};
    static const para_meeting partial = {.board = "Scrutiny Board (2)",
                                         .board_id = "scrutiny-board-2"};
    segment_run(raw, size, NULL);
    segment_run(raw, size, (size & 1) ? &sidecar : &partial);

    /* As the reader hands it over: cleaned UTF-8. */
    read_clean_utf8(raw, size);
    segment_run(raw, size, NULL);

    /* Each line alone through the line cleaner. */
    arena a;
    arena_init(&a, 4096);
    for (size_t start = 0; start < size;) {
        const char *nl = memchr(raw + start, '\n', size - start);
        size_t end = nl ? (size_t)(nl - raw) : size;
        size_t out_len = 0;
        char *clean = text_clean_line(&a, raw + start, end - start, &out_len);
        if (clean && strlen(clean) < out_len)
            abort(); /* out_len must be the length of the clean text */
        start = end + 1;
    }
    arena_release(&a);
    free(raw);
    return 0;
}

#ifndef FUZZ_NO_ENTRY
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one_segment(data, size);
}
#endif
