/* cli.c - what every command shares: messages, usage, and opening the index (see cli.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "print.h"

/* One line on stderr after `prefix`. The message is escaped as a whole: the paths and values
 * it quotes may hold control characters, and our own words have none. */
static void
report(const char *prefix, const char *fmt, va_list ap)
{
    fflush(stdout);
    fputs(prefix, stderr);
    print_safe_vformat(stderr, fmt, ap);
    fputc('\n', stderr);
}

void
cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report("minutes: ", fmt, ap);
    va_end(ap);
}

void
cli_warning(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report("minutes: warning: ", fmt, ap);
    va_end(ap);
}

/* ---- options ---- */

static int global_color = -1;

void
cli_set_global_color(int color)
{
    global_color = color;
}

int
cli_global_color(void)
{
    return global_color;
}

/* The long option written in `arg` ("--colapse=x"), without dashes or argument, into buf. */
static const char *
long_option_name(const char *arg, char *buf, size_t size)
{
    arg += strspn(arg, "-");
    snprintf(buf, size, "%.*s", (int)strcspn(arg, "="), arg);
    return buf;
}

/* An option getopt_long did not take: say which and why. */
static void
report_bad_option(int c, const char *arg, const char *shortopts, const struct option *options)
{
    char name[128];
    int is_long = arg && strncmp(arg, "--", 2) == 0;
    if (c == ':') {
        if (is_long)
            cli_error("option '--%s' needs an argument", long_option_name(arg, name, sizeof name));
        else
            cli_error("option '-%c' needs an argument", optopt);
        return;
    }
    if (optopt > 0 && optopt < 256 && !strchr(shortopts, optopt)) {
        /* The one long option that starts with the letter is a likely meaning (-j: --json). */
        const char *only = NULL;
        size_t starting = 0;
        for (const struct option *o = options; o->name; o++)
            if (o->name[0] == optopt) {
                only = o->name;
                starting++;
            }
        if (starting == 1)
            cli_error("unknown option '-%c'; did you mean '--%s'?", optopt, only);
        else
            cli_error("unknown option '-%c'", optopt);
        return;
    }
    long_option_name(arg ? arg : "", name, sizeof name);
    if (optopt != 0) {
        cli_error("option '--%s' takes no argument", name);
        return;
    }
    /* An abbreviation that starts several options, or no option at all. */
    size_t length = strlen(name), starting = 0;
    for (const struct option *o = options; o->name; o++)
        starting += strncmp(o->name, name, length) == 0;
    if (starting > 1) {
        char list[512] = "";
        for (const struct option *o = options; o->name; o++) {
            size_t used = strlen(list);
            if (strncmp(o->name, name, length) == 0)
                snprintf(list + used, sizeof list - used, "%s--%s", used ? ", " : "", o->name);
        }
        cli_error("option '--%s' is ambiguous: it could be %s", name, list);
        return;
    }
    const char *near = cli_suggest_option(options, name);
    if (near)
        cli_error("unknown option '--%s'; did you mean '--%s'?", name, near);
    else
        cli_error("unknown option '--%s'", name);
}

int
cli_getopt(int argc, char **argv, const char *shortopts, const struct option *options)
{
    /* A leading ':' makes a missing argument ':' rather than '?'; after '+' if any. */
    char with_colon[64];
    int in_order = shortopts[0] == '+';
    snprintf(with_colon, sizeof with_colon, "%s:%s", in_order ? "+" : "", shortopts + in_order);
    opterr = 0;
    int c = getopt_long(argc, argv, with_colon, options, NULL);
    if (c == '?' || c == ':') {
        report_bad_option(c, optind > 0 && optind <= argc ? argv[optind - 1] : NULL, shortopts,
                          options);
        return '?';
    }
    return c;
}

int
cli_print_help(const cli_command *cmd)
{
    printf("usage: %s\n\n%s\n", cmd->help->usage, cmd->summary);
    if (*cmd->help->options)
        printf("\n%s", cmd->help->options);
    return 0;
}

int
cli_usage_error(const cli_command *cmd)
{
    fprintf(stderr, "usage: %s\n", cmd->help->usage);
    return EXIT_TROUBLE;
}

int
cli_exit_status(minutes_status status)
{
    return status == MINUTES_LOCKED ? EXIT_LOCKED : EXIT_TROUBLE;
}

double
cli_seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

int
cli_parse_size(const char *option, const char *text, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-') {
        cli_error("invalid number '%s' for %s", text, option);
        return 0;
    }
    *out = (size_t)v;
    return 1;
}
