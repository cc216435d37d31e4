/* fdio.c - whole buffers to and from file descriptors (see fdio.h). */
#include "fdio.h"

#include <errno.h>
#include <unistd.h>

int
fdio_write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w == 0)
            errno = EIO; /* nothing written and no error: say so rather than leave errno stale */
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int
fdio_read_all(int fd, void *buf, size_t n)
{
    char *p = buf;
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0) {
            if (!got)
                return 0;
            errno = EIO; /* the stream ended within the n bytes */
            return -1;
        }
        got += (size_t)r;
    }
    return 1;
}
