/* segment-fixture.h - what the segmenter's unit tests share: a fixture holding an arena, a
 * source and a segmentation; segmenting a string, a seed, or a string with a sidecar; and
 * assertions on paragraphs, items and meetings. */
#ifndef MINUTES_TEST_SEGMENT_FIXTURE_H
#define MINUTES_TEST_SEGMENT_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "read.h"
#include "meta.h"
#include "segment.h"
#include "text.h"

typedef struct fixture {
    arena a;
    source src;
    segmentation seg;
} fixture;

static inline int
setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof f);
    arena_init(&f.a, 4096);
    *state = &f;
    return 0;
}

static inline int
teardown(void **state)
{
    fixture *f = *state;
    arena_release(&f->a);
    source_release(&f->src);
    return 0;
}

static inline const segmentation *
segment_string(fixture *f, const char *text)
{
    assert_int_equal(segment_document(text, strlen(text), NULL, &f->a, &f->seg), MINUTES_OK);
    return &f->seg;
}

static inline const segmentation *
segment_seed(fixture *f, const char *name)
{
    char path[256];
    const char *reason = NULL;
    snprintf(path, sizeof path, "seeds/%s", name);
    assert_int_equal(read_source(path, &f->src, &reason), MINUTES_OK);
    assert_int_equal(segment_document(f->src.text, f->src.len, NULL, &f->a, &f->seg), MINUTES_OK);
    return &f->seg;
}

static inline const segmentation *
segment_with_sidecar(fixture *f, const char *text, const para_meeting *sidecar)
{
    assert_int_equal(segment_document(text, strlen(text), sidecar, &f->a, &f->seg), MINUTES_OK);
    return &f->seg;
}

/* Compare a possibly NULL string with an expected one (NULL: expect NULL). */
static inline void
assert_optional_string(const char *actual, const char *expected)
{
    if (!expected) {
        assert_null(actual);
        return;
    }
    assert_non_null(actual);
    assert_string_equal(actual, expected);
}

static inline void
assert_meeting(const paragraph *p, const char *council, const char *board, const char *date,
               const char *doc_type)
{
    assert_non_null(p->meeting);
    assert_optional_string(p->meeting->council, council);
    assert_optional_string(p->meeting->board, board);
    assert_optional_string(p->meeting->date, date);
    assert_optional_string(p->meeting->doc_type, doc_type);
}

static inline int
has_ref(const paragraph *p, const char *ref)
{
    for (size_t i = 0; i < p->minute_ref_count; i++)
        if (strcmp(p->minute_refs[i], ref) == 0)
            return 1;
    return 0;
}

/* The heading paragraphs that start items, in order, as "N. Title" joined by "|". */
static inline const char *
item_headings(const segmentation *seg, unsigned section)
{
    static char buf[2048];
    buf[0] = '\0';
    for (size_t i = 0; i < seg->count; i++) {
        const paragraph *p = &seg->paras[i];
        if (p->section != section || p->kind != PARA_HEADING || !p->item_number ||
            strncmp(p->text, p->item_number, strlen(p->item_number)) != 0)
            continue;
        if (buf[0])
            strncat(buf, "|", sizeof buf - strlen(buf) - 1);
        strncat(buf, p->text, sizeof buf - strlen(buf) - 1);
    }
    return buf;
}

/* The first paragraph whose text contains `needle`; fails the test if there is none. */
static inline const paragraph *
find_para(const segmentation *seg, const char *needle)
{
    for (size_t i = 0; i < seg->count; i++)
        if (strstr(seg->paras[i].text, needle))
            return &seg->paras[i];
    fail_msg("no paragraph contains '%s'", needle);
    return NULL;
}

static inline void
assert_item(const paragraph *p, const char *number, const char *title)
{
    assert_non_null(p->item_number);
    assert_string_equal(p->item_number, number);
    assert_non_null(p->item_title);
    assert_string_equal(p->item_title, title);
}

#endif /* MINUTES_TEST_SEGMENT_FIXTURE_H */
