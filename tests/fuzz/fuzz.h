/* fuzz.h - the fuzzing entry points of tests/fuzz/fuzz-*.c.
 *
 * Each fuzz-NAME.c defines fuzz_one_NAME(), which feeds one input to a part of the library
 * and returns 0, and, unless FUZZ_NO_ENTRY is defined, libFuzzer's LLVMFuzzerTestOneInput()
 * calling it. `make fuzz` links them with libFuzzer; tests/unit/test-fuzz-regressions.c
 * includes them with FUZZ_NO_ENTRY and replays every input kept in tests/fuzz/regressions/.
 */
#ifndef MINUTES_FUZZ_H
#define MINUTES_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* segment_document() on the bytes, with and without a sidecar, raw and cleaned as the reader
 * cleans; text_clean_line() on each line. */
int fuzz_one_segment(const uint8_t *data, size_t size);

/* The query front end on a small index built at the first call: the bytes as query text
 * (with each combination of flags the first byte picks), as the value of every filter and as
 * a date range. */
int fuzz_one_query(const uint8_t *data, size_t size);

/* read_decode(): the reader and normalizer, with each format hint. */
int fuzz_one_read(const uint8_t *data, size_t size);

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif

#endif /* MINUTES_FUZZ_H */
