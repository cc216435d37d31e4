/* fdio.c - whole buffers to and from file descriptors (see fdio.h). */
#include "fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

char *
fdio_read_small_file(const char *path, size_t max, size_t *len, char *why, size_t why_size)
{
    *why = '\0';
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        if (errno != ENOENT && errno != ENOTDIR) /* else there is none: nothing to say */
            snprintf(why, why_size, "%s", strerror(errno));
        return NULL;
    }
    struct stat st;
    char *bytes = NULL;
    size_t got = 0;
    if (fstat(fd, &st) != 0)
        snprintf(why, why_size, "%s", strerror(errno));
    else if (!S_ISREG(st.st_mode))
        snprintf(why, why_size, "not a regular file");
    else if (!(bytes = malloc(max + 1)))
        snprintf(why, why_size, "out of memory");
    /* Up to one byte past the limit, which the file may have grown to since fstat. */
    while (bytes && got <= max) {
        ssize_t n = read(fd, bytes + got, max + 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            snprintf(why, why_size, "%s", strerror(errno));
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (!*why && got > max)
        snprintf(why, why_size, "too large (more than %zu bytes)", max);
    if (*why) {
        free(bytes);
        return NULL;
    }
    *len = got;
    return bytes;
}
