/* cmd-version.c - 'minutes version' (and 'minutes --version'): the version of the program,
 * MINUTES_VERSION from include/minutes.h, which the Makefile also reads for the shared
 * library's SONAME and for minutes.pc. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

const cli_help cmd_version_help = {"minutes version", ""};

int
cmd_version(const cli_command *cmd, int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
        return cli_print_help(cmd);
    if (argc > 1) {
        cli_error("'version' takes no arguments, not '%s'", argv[1]);
        return cli_usage_error(cmd);
    }
    printf("minutes %s\n", MINUTES_VERSION);
    return EXIT_FOUND;
}
