/* read-pdf.c - a PDF file to text with poppler's pdftotext, run as an external filter.
 *
 * The command is `pdftotext -enc UTF-8 -eol unix FILE -`: UTF-8 out, LF line ends, the text
 * on stdout, a form feed at the end of each page. Not -layout: it keeps each line where it
 * is on the page, padding with spaces, so that text in columns comes out side by side and a
 * paragraph's lines are interleaved with its neighbour column's; without it pdftotext
 * follows the reading order, which is what prose and the segmenter need.
 *
 * It runs without a shell (posix_spawnp, the path an argument of its own), in a process
 * group of its own, with stdin from /dev/null and stderr to /dev/null. It may take
 * MINUTES_PDFTOTEXT_TIMEOUT seconds (default 30) and write read_max_bytes(); past either
 * its process group is killed with SIGKILL and the file skipped.
 */
#include "read-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bytebuf.h"

extern char **environ;

/* The time limit in seconds: $MINUTES_PDFTOTEXT_TIMEOUT if it is a positive number. */
static double
pdftotext_timeout(void)
{
    const char *env = getenv(READ_PDFTOTEXT_TIMEOUT_ENV);
    if (env && *env) {
        char *end;
        double seconds = strtod(env, &end);
        if (*end == '\0' && seconds > 0 && seconds < 1e6)
            return seconds;
    }
    return READ_PDFTOTEXT_TIMEOUT_DEFAULT;
}

static double
now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Start pdftotext on `path` with its stdout on *out_fd. */
static minutes_status
spawn_pdftotext(const char *path, pid_t *pid, int *out_fd, const char **reason)
{
    /* A relative path that starts with '-' must not be read as an option. */
    char *arg = malloc(strlen(path) + 3);
    if (!arg) {
        *reason = "out of memory";
        return MINUTES_NO_MEMORY;
    }
    strcpy(arg, path[0] == '/' ? "" : "./");
    strcat(arg, path);
    char *argv[] = {"pdftotext", "-enc", "UTF-8", "-eol", "unix", arg, "-", NULL};

    int fds[2];
    if (pipe(fds) != 0) {
        *reason = strerror(errno);
        free(arg);
        return MINUTES_UNREADABLE_FILE;
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    /* Its own process group, to kill it and anything it starts; default signal handling and
     * no blocked signals, whatever ours are. */
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGINT);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                        POSIX_SPAWN_SETSIGDEF);

    int rc = posix_spawnp(pid, "pdftotext", &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(fds[1]);
    free(arg);
    if (rc != 0) {
        close(fds[0]);
        if (rc == ENOENT) {
            *reason = "pdftotext not installed (apt-get install poppler-utils)";
            return MINUTES_UNSUPPORTED_FILE;
        }
        *reason = read_reason_printf("cannot run pdftotext: %s", strerror(rc));
        return MINUTES_UNSUPPORTED_FILE;
    }
    *out_fd = fds[0];
    return MINUTES_OK;
}

/* Kill pdftotext's process group (and it, should it have left the group). */
static void
kill_pdftotext(pid_t pid)
{
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
}

static int
wait_for(pid_t pid)
{
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    return wstatus;
}

minutes_status
read_pdftotext(const char *path, char **out, size_t *out_len, const char **reason)
{
    pid_t pid;
    int fd;
    minutes_status status = spawn_pdftotext(path, &pid, &fd, reason);
    if (status != MINUTES_OK)
        return status;

    double timeout = pdftotext_timeout();
    double deadline = now_seconds() + timeout;
    /* One byte past the limit, to see whether the text goes past it. */
    size_t max = read_max_bytes();
    bytebuf buf;
    bytebuf_init(&buf, max + 1);
    int timed_out = 0, too_large = 0;
    if (bytebuf_reserve(&buf, 65536 < max + 1 ? 65536 : max + 1) != BYTEBUF_OK)
        status = MINUTES_NO_MEMORY;
    while (status == MINUTES_OK) {
        double left = deadline - now_seconds();
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        struct pollfd pfd = {fd, POLLIN, 0};
        int ready = poll(&pfd, 1, (int)(left * 1000) + 1);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0) {
            *reason = strerror(errno);
            status = MINUTES_UNREADABLE_FILE;
            break;
        }
        if (ready == 0)
            continue; /* the deadline is checked above */
        bytebuf_status grown = buf.len == buf.cap ? bytebuf_reserve(&buf, 1) : BYTEBUF_OK;
        if (grown == BYTEBUF_TOO_LARGE) {
            too_large = 1;
            break;
        }
        if (grown == BYTEBUF_NO_MEMORY) {
            status = MINUTES_NO_MEMORY;
            break;
        }
        ssize_t got = read(fd, buf.data + buf.len, buf.cap - buf.len);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got < 0) {
            *reason = strerror(errno);
            status = MINUTES_UNREADABLE_FILE;
            break;
        }
        if (got == 0)
            break;
        buf.len += (size_t)got;
        if (buf.len > max) {
            too_large = 1;
            break;
        }
    }
    close(fd);
    if (status != MINUTES_OK || timed_out || too_large)
        kill_pdftotext(pid);
    int wstatus = wait_for(pid);

    if (status == MINUTES_NO_MEMORY)
        *reason = "out of memory";
    if (status == MINUTES_OK && timed_out) {
        *reason = read_reason_printf("pdftotext timed out after %g s", timeout);
        status = MINUTES_UNSUPPORTED_FILE;
    } else if (status == MINUTES_OK && too_large) {
        *reason = read_reason_too_large(0, "as text");
        status = MINUTES_UNSUPPORTED_FILE;
    } else if (status == MINUTES_OK && wstatus == -1) {
        *reason = strerror(errno);
        status = MINUTES_UNREADABLE_FILE;
    } else if (status == MINUTES_OK && WIFSIGNALED(wstatus)) {
        *reason = read_reason_printf("pdftotext was killed by signal %d", WTERMSIG(wstatus));
        status = MINUTES_UNSUPPORTED_FILE;
    } else if (status == MINUTES_OK && WEXITSTATUS(wstatus) != 0) {
        /* pdftotext's exit codes: 1 the PDF cannot be opened, 3 copying is not allowed; 127
         * is the child's own when exec fails, should posix_spawnp not say (under valgrind,
         * which runs it with a plain fork). */
        int code = WEXITSTATUS(wstatus);
        *reason = code == 1     ? "pdftotext could not read it: damaged or encrypted PDF"
                  : code == 3   ? "pdftotext could not read it: the PDF does not allow copying"
                  : code == 127 ? "pdftotext not installed (apt-get install poppler-utils)"
                                : read_reason_printf("pdftotext failed (exit status %d)", code);
        status = MINUTES_UNSUPPORTED_FILE;
    }
    if (status != MINUTES_OK) {
        bytebuf_release(&buf);
        return status;
    }
    *out = bytebuf_finish(&buf, out_len);
    return MINUTES_OK;
}
