/* cmd-help.c - 'minutes help': the command list, built from the command table. */
#include <stdio.h>

#include "cli.h"

const cli_help cmd_help_help = {"minutes help [COMMAND]", ""};

int
cmd_help(const cli_command *cmd, int argc, char **argv)
{
    if (argc > 1) {
        const cli_command *topic = cli_find_command(argv[1]);
        if (!topic) {
            cli_error("no help for '%s': not a minutes command", argv[1]);
            return EXIT_TROUBLE;
        }
        return cli_print_help(topic);
    }
    (void)cmd;
    printf("usage: minutes COMMAND [OPTIONS] [ARGS]\n\n"
           "Full-text search of council meeting minutes.\n\ncommands:\n");
    for (const cli_command *c = cli_commands; c->name; c++)
        printf("  %-8s  %s\n", c->name, c->summary);
    printf("\nThe index is DIR given with -d, else " CLI_INDEX_DEFAULT_HELP ".\n"
           "'minutes COMMAND --help' shows a command's options.\n");
    return 0;
}
