/* cmd-help.c - 'minutes help': the command list, built from the command table, or one
 * command's help. */
#include <stdio.h>

#include "cli.h"

static const struct option options[] = {
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* clang-format off */
const cli_help cmd_help_help = {
    "minutes help [COMMAND]",
    "  -h, --help              print this help\n"
    "Without COMMAND, the list of commands; with it, the command's options (as\n"
    "'minutes COMMAND --help').\n",
};
/* clang-format on */

int
cmd_help(const cli_command *cmd, int argc, char **argv)
{
    int opt;
    while ((opt = cli_getopt(argc, argv, "h", options)) != -1) {
        if (opt == 'h')
            return cli_print_help(cmd);
        return cli_usage_error(cmd);
    }
    if (optind < argc) {
        const cli_command *topic = cli_find_command(argv[optind]);
        if (!topic) {
            const char *near = cli_suggest_command(argv[optind]);
            if (near)
                cli_error("no help for '%s': not a minutes command; did you mean '%s'?",
                          argv[optind], near);
            else
                cli_error("no help for '%s': not a minutes command", argv[optind]);
            return EXIT_TROUBLE;
        }
        return cli_print_help(topic);
    }
    printf("usage: minutes [-d DIR] [--color WHEN] COMMAND [OPTIONS] [ARGS]\n\n"
           "Full-text search of council meeting minutes.\n\ncommands:\n");
    for (const cli_command *c = cli_commands; c->name; c++)
        printf("  %-8s  %s\n", c->name, c->summary);
    printf("\noptions before the command hold for every command; its own win:\n"
           "  -d, --index DIR         the index\n"
           "      --color WHEN        colour: auto (default, on a terminal), always, never\n"
           "  -h, --help              this list\n"
           "      --version           the version\n"
           "\nThe index is DIR given with -d, else " CLI_INDEX_DEFAULT_HELP ".\n"
           "'minutes COMMAND --help' shows a command's options.\n");
    return 0;
}
