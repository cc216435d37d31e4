/* path.c - joining a directory and a name, and the canonical form of a path given to a run
 * (see path.h). */
#include "path.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *
path_join(const char *dir, const char *name)
{
    size_t len = strlen(dir), n = len + strlen(name) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s", dir, len && dir[len - 1] == '/' ? "" : "/", name);
    return s;
}

char *
path_canonical(const char *path)
{
    char *real = realpath(path, NULL);
    if (real)
        return real;
    /* Gone: the absolute path it had, without trailing slashes. */
    char cwd[PATH_MAX];
    size_t n = strlen(path) + (path[0] == '/' ? 1 : sizeof cwd + 1);
    char *abs = malloc(n);
    if (!abs)
        return NULL;
    if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
        snprintf(abs, n, "%s", path);
    else
        snprintf(abs, n, "%s/%s", cwd, path);
    for (size_t len = strlen(abs); len > 1 && abs[len - 1] == '/'; len--)
        abs[len - 1] = '\0';
    return abs;
}
