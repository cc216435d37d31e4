/* fdio.h - whole buffers to and from file descriptors: writes and reads that go on after a
 * short transfer or an interrupted call, for the pipes between workers and the run's
 * temporary file. */
#ifndef MINUTES_FDIO_H
#define MINUTES_FDIO_H

#include <stddef.h>

/* Write all n bytes; 0, or -1 with errno set. */
int fdio_write_all(int fd, const void *buf, size_t n);

/* Read exactly n bytes: 1 when read, 0 at the end of the stream before any byte, -1 on an
 * error or an end within them (errno set). */
int fdio_read_all(int fd, void *buf, size_t n);

#endif /* MINUTES_FDIO_H */
