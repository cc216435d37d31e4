/* fdio.h - whole buffers to and from file descriptors: writes and reads that go on after a
 * short transfer or an interrupted call, for the pipes between workers and the run's
 * temporary file; and small files read whole, with care. */
#ifndef MINUTES_FDIO_H
#define MINUTES_FDIO_H

#include <stddef.h>

/* Write all n bytes; 0, or -1 with errno set. */
int fdio_write_all(int fd, const void *buf, size_t n);

/* Read exactly n bytes: 1 when read, 0 at the end of the stream before any byte, -1 on an
 * error or an end within them (errno set). */
int fdio_read_all(int fd, void *buf, size_t n);

/* Read the small file at `path` whole, as documents are opened: a regular file only, without
 * blocking (a FIFO would hang the run), at most `max` bytes. Returns the bytes (malloc'd,
 * *len of them; the caller frees), or NULL: with `why` empty when there is no such file,
 * else saying why it could not be read ("not a regular file", "too large (more than N
 * bytes)", an errno text). */
char *fdio_read_small_file(const char *path, size_t max, size_t *len, char *why,
                           size_t why_size);

#endif /* MINUTES_FDIO_H */
